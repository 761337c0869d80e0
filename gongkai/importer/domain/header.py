"""The 公文 elements around the body: doc number, title, recipients, signature, 版记.

GB/T 9704 fixes their order — 发文机关标志, 发文字号, 标题, 主送机关, 正文, 发文机关署名 and
成文日期, 附注 (the disclosure note), 附件, then the 版记 with 抄送 and the 印发 line — and web
copies keep that order while adding page chrome (``时间:…``, ``点击:…``) and dropping parts.
So each element is looked for in its zone, relative to the elements found before it:

- the *head zone* ends at the recipients line, or at the first sentence when there is none;
- the written date is the first date-only line after the recipients (the signature), never
  a web page's publication time, which is a labelled chrome line in the head zone;
- a 转发 notice carries the forwarded document after its own signature; that document's
  elements (its doc number, signature, disclosure note) are not this document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from gongkai.documents.domain.doc_number import normalize_doc_number, parse_doc_number

from .dates import date_line, find_dates
from .garbled import SENTINEL
from .model import Disclosure, TitleRule
from .outline import match_numbering
from .units import UNIT_NAME, split_top_level

_METADATA = re.compile(
    r"[-•·*]*\s*(?P<key>索引号|主题分类|发文机关|发文单位|成文日期|发布日期|发布时间|时间|日期|标题"
    r"|发文字号|文号|公开方式|公开属性|公开范围|有效性|点击|点击数|点击量|浏览|浏览次数|浏览量|阅读"
    r"|阅读数|访问量|来源|信息来源|作者|字号|字体|主题词|关键词)\s*：\s*(?P<value>.*)"
)
_CHROME = re.compile(
    r"【?(?:字体|字号)：.*|打印本页|关闭窗口|打印|关闭|分享到：?.*|【打印】.*|【关闭】.*"
)
_SIGNATORY = re.compile(r"\s*签发人：.*$")
_DOC_TYPE = re.compile(
    r"(?:通知|通报|意见|决定|决议|命令|令|公告|通告|公报|报告|请示|批复|复函|函|议案|纪要|方案|办法"
    r"|规定|细则|要点|规划|计划|条例|规则|指引|指南|答复)$"
)
_CC = re.compile(r"抄送(?:机关|单位)?：\s*(?P<value>.+)")
_NOTE = re.compile(r"（此件(?P<what>[^（）]{1,12})）")
_NOTE_LENGTH = 24
_ATTRIBUTE_LABEL = r"(?:公开属性|公开方式|公开类型|公开选项|信息公开选项)："
_ATTRIBUTE = re.compile(rf"{_ATTRIBUTE_LABEL}\s*(?P<what>.+)")
# The 附注 under a signature also takes the labelled form: （公开方式：主动公开）.
_BRACKETED_ATTRIBUTE = re.compile(rf"（{_ATTRIBUTE_LABEL}\s*(?P<what>[^（）]{{1,12}})）")
_KNOWN_NOTES: dict[str, Disclosure] = {
    "（此件公开发布）": "主动公开",
    "（此件主动公开）": "主动公开",
    "（此件删减后公开）": "主动公开",
    "（此件依申请公开）": "依申请公开",
    "（此件不予公开）": "不予公开",
    "（此件不公开）": "不予公开",
}
# How far after the signature date the disclosure note, a forwarded document's header and an
# attached plan's title are looked for, in paragraphs.
_NOTE_REACH = 3
_FORWARDED_REACH = 8
_PLAN_TITLE_REACH = 4
# A title stands alone: no sentence punctuation, and not longer than a title is.
_PLAN_TITLE = re.compile(r"[^。，；：！？]{4,60}")
_ATTACHMENT_LINE = re.compile(r"附件\s*\d*\s*：?")
_ISSUING_SENTENCE = re.compile(r"印发|转发")
_QUOTED_TITLE = re.compile(r"《(?P<title>[^《》]{4,100})》")


@dataclass
class Header:
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    title: str | None = None
    title_rule: TitleRule | None = None
    date: date | None = None
    printed_date: date | None = None
    recipients: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    disclosure: Disclosure | None = None
    warnings: list[str] = field(default_factory=list)
    recipients_at: int | None = None
    date_at: int | None = None
    """Index of the signature's date paragraph: the notice part ends there."""
    forwarded_at: int | None = None
    """Index where a forwarded document (转发) begins, if there is one."""
    printed_at: int | None = None
    """Index of the 印发 line, the last element of a 公文 (GB/T 9704 §7.4.2)."""
    chrome: set[int] = field(default_factory=set)
    """Indexes of web-page chrome paragraphs, which are not document text."""
    back_matter: set[int] = field(default_factory=set)
    """Indexes of signature, note and 版记 paragraphs, which are not work-plan text."""

    @property
    def year(self) -> int | None:
        """The document's year, for deadlines written without one."""
        if self.date:
            return self.date.year
        parsed = parse_doc_number(self.doc_number) if self.doc_number else None
        if parsed:
            return parsed.year
        return self.printed_date.year if self.printed_date else None


def read_header(paragraphs: list[str]) -> Header:
    header = Header()
    metadata = _read_metadata(paragraphs, header)
    head_end = _find_recipients(paragraphs, header)
    _find_doc_number(paragraphs[:head_end], metadata, header)
    _find_title(paragraphs[:head_end], metadata, header)
    _find_signature(paragraphs, header)
    if header.title is None:
        _title_from_notice(paragraphs, header)
    if not header.issuers:
        _issuers_from_head(paragraphs[:head_end], metadata, header)
    if header.date is None and "成文日期" in metadata:
        header.date = _first_date(metadata["成文日期"])
    _find_forwarded(paragraphs, header)
    _find_back_matter(paragraphs, header)
    _find_disclosure(paragraphs, metadata, header)
    return header


def _read_metadata(paragraphs: list[str], header: Header) -> dict[str, str]:
    """Labelled chrome lines at the top of a web copy, kept as fallbacks for the elements."""
    metadata: dict[str, str] = {}
    for index, paragraph in enumerate(paragraphs):
        if "。" in paragraph or (paragraph.endswith("：") and not _METADATA.fullmatch(paragraph)):
            break
        match = _METADATA.fullmatch(paragraph)
        if match:
            metadata.setdefault(match["key"], match["value"].strip())
            header.chrome.add(index)
        elif _CHROME.fullmatch(paragraph):
            header.chrome.add(index)
    for index in range(len(paragraphs) - 1, -1, -1):
        if not _CHROME.fullmatch(paragraphs[index]):
            break
        header.chrome.add(index)
    return metadata


def _find_recipients(paragraphs: list[str], header: Header) -> int:
    """Find the 主送 line; returns the end of the head zone."""
    for index, paragraph in enumerate(paragraphs):
        if index in header.chrome:
            continue
        if "。" in paragraph:
            return index
        if (
            paragraph.endswith("：")
            and paragraph.count("：") == 1
            and len(paragraph) > 2
            and "如下" not in paragraph
            and match_numbering(paragraph) is None
        ):
            header.recipients_at = index
            header.recipients = split_top_level(paragraph[:-1])
            return index
    return len(paragraphs)


def _find_doc_number(head: list[str], metadata: dict[str, str], header: Header) -> None:
    for paragraph in head:
        candidate = _SIGNATORY.sub("", paragraph)
        if parse_doc_number(candidate):
            header.doc_number = normalize_doc_number(candidate)
            return
    for key in ("发文字号", "文号"):
        if key in metadata and parse_doc_number(metadata[key]):
            header.doc_number = normalize_doc_number(metadata[key])
            return


def _find_title(head: list[str], metadata: dict[str, str], header: Header) -> None:
    incomplete = None
    for index, paragraph in enumerate(head):
        if "关于" not in paragraph or index in header.chrome or parse_doc_number(paragraph):
            continue
        start = index
        # A title set in two lines puts the issuer's name alone on the first one.
        if (
            paragraph.startswith("关于")
            and index > 0
            and _is_unit_name(head[index - 1])
            and not head[index - 1].endswith("文件")
            and index - 1 not in header.chrome
        ):
            start = index - 1
        end = index + 1
        title = "".join(head[start:end])
        while not _DOC_TYPE.search(title) and end < len(head) and end - start < 4:
            following = head[end]
            if parse_doc_number(following) or end in header.chrome or date_line(following):
                break
            title += following
            end += 1
        title = _without_spaces(title)
        if _DOC_TYPE.search(title):
            header.title, header.title_rule = title, "title_line"
            return
        incomplete = incomplete or title
    if incomplete:
        header.title, header.title_rule = incomplete, "title_line"
        header.warnings.append(f"标题“{incomplete}”不完整：缺少文种（如“的通知”）")
    elif metadata.get("标题"):
        header.title, header.title_rule = _without_spaces(metadata["标题"]), "metadata"


def _title_from_notice(paragraphs: list[str], header: Header) -> None:
    """A web copy without its head: the attached plan's title line, else the notice's 《》.

    Of the two the title line is preferred: it is the plan's own, while a notice may quote
    several documents in its 印发 sentence.
    """
    if header.date_at is not None:
        for paragraph in paragraphs[header.date_at + 1 : header.date_at + 1 + _PLAN_TITLE_REACH]:
            if _is_note(paragraph) or paragraph.startswith(SENTINEL):
                continue
            if _ATTACHMENT_LINE.fullmatch(paragraph) or _split_names(paragraph):
                continue
            if _is_plan_title(paragraph):
                header.title, header.title_rule = _without_spaces(paragraph), "plan_title_line"
                header.warnings.append(
                    f"未找到标题（“关于……的通知”一行），已取所附文件的标题行“{header.title}”，请核对"
                )
                return
            break
    start = header.recipients_at + 1 if header.recipients_at is not None else 0
    end = header.date_at if header.date_at is not None else len(paragraphs)
    for paragraph in paragraphs[start:end]:
        for sentence in paragraph.split("。"):
            quoted = _QUOTED_TITLE.search(sentence)
            if quoted and _ISSUING_SENTENCE.search(sentence):
                header.title, header.title_rule = _without_spaces(quoted["title"]), "notice_quote"
                header.warnings.append(
                    f"未找到标题（“关于……的通知”一行），已取通知中印发（转发）的《{header.title}》，"
                    "请核对"
                )
                return
    header.warnings.append("未找到标题（“关于……的通知”一行）")


def _is_plan_title(paragraph: str) -> bool:
    return (
        _PLAN_TITLE.fullmatch(paragraph) is not None
        and _DOC_TYPE.search(paragraph) is not None
        and match_numbering(paragraph) is None
        and parse_doc_number(paragraph) is None
        and date_line(paragraph) is None
    )


def _find_signature(paragraphs: list[str], header: Header) -> None:
    start = header.recipients_at + 1 if header.recipients_at is not None else 0
    for index in range(start, len(paragraphs)):
        paragraph = paragraphs[index]
        when = date_line(paragraph)
        issuers_on_line: list[str] = []
        if when is None:
            issuers_on_line, when = _issuer_and_date(paragraph)
        if when is None:
            continue
        header.date = when
        header.date_at = index
        header.issuers = issuers_on_line or _signers_around(paragraphs, index, header)
        return


def _issuer_and_date(paragraph: str) -> tuple[list[str], date | None]:
    """A signature set on one line: ``甘肃省人民政府办公厅  2020年8月19日``."""
    dates = find_dates(paragraph)
    if len(dates) != 1 or dates[0][1] != len(paragraph):
        return [], None
    names = _split_names(paragraph[: dates[0][0]])
    return (names, dates[0][2]) if names else ([], None)


def _signers_around(paragraphs: list[str], date_at: int, header: Header) -> list[str]:
    """Issuer lines right above the signature date, or right below it."""
    for step in (-1, 1):
        lines = []
        index = date_at + step
        while 0 <= index < len(paragraphs) and _split_names(paragraphs[index]):
            lines.append(index)
            index += step
        if lines:
            header.back_matter.update(lines)
            return [name for line in sorted(lines) for name in _split_names(paragraphs[line])]
    return []


def _split_names(text: str) -> list[str]:
    parts = [part for part in re.split(r" {2,}|\t+", text.strip()) if part]
    if parts and all(_is_unit_name(part) for part in parts):
        return parts
    return []


def _issuers_from_head(head: list[str], metadata: dict[str, str], header: Header) -> None:
    for paragraph in head:
        if paragraph.endswith("文件"):
            names = _split_names(paragraph[:-2])
            if names:
                header.issuers = names
                return
    if metadata.get("发文机关"):
        header.issuers = split_top_level(metadata["发文机关"])
    elif header.title and "关于" in header.title:
        names = _split_names(header.title.split("关于", 1)[0])
        header.issuers = names
    if not header.issuers:
        header.warnings.append("未找到发文机关（落款或版头）")


def _find_forwarded(paragraphs: list[str], header: Header) -> None:
    """A doc number soon after the signature starts a forwarded document (转发)."""
    if header.date_at is None:
        return
    first = None
    for index in range(header.date_at + 1, min(header.date_at + _FORWARDED_REACH, len(paragraphs))):
        paragraph = paragraphs[index]
        if index in header.back_matter or _is_note(paragraph):
            continue
        if first is None:
            first = index
        if parse_doc_number(_SIGNATORY.sub("", paragraph)):
            header.forwarded_at = first
            return
        if "。" in paragraph:
            return


def _find_back_matter(paragraphs: list[str], header: Header) -> None:
    if header.date_at is not None:
        header.back_matter.add(header.date_at)
    for index in range(len(paragraphs) - 1, -1, -1):
        paragraph = paragraphs[index]
        # "甘肃省人民政府办公厅  2020年8月20日印发", "印发日期：2020年8月20日"
        printed = paragraph.endswith("印发") or paragraph.startswith("印发日期")
        dates = find_dates(paragraph) if printed and header.printed_date is None else []
        if dates:
            header.printed_date = dates[-1][2]
            header.printed_at = index
            header.back_matter.add(index)
            # The printing office often stands alone on the line above.
            if index > 0 and _split_names(paragraphs[index - 1]):
                header.back_matter.add(index - 1)
            continue
        cc = _CC.fullmatch(paragraph) if paragraph.startswith("抄送") else None
        if cc and not header.cc:
            header.cc = split_top_level(cc["value"].rstrip("。"))
            header.back_matter.add(index)
        elif _ATTRIBUTE.fullmatch(paragraph) or _is_note(paragraph):
            header.back_matter.add(index)


def _find_disclosure(paragraphs: list[str], metadata: dict[str, str], header: Header) -> None:
    """The 公开属性, preferring the note under the signature (附注) over later statements."""
    found: list[tuple[Disclosure, str]] = []
    used = set()
    if header.date_at is not None:
        for index in range(
            header.date_at + 1, min(header.date_at + 1 + _NOTE_REACH, len(paragraphs))
        ):
            paragraph = paragraphs[index]
            if value := _note_value(paragraph):
                found.append((value, paragraph))
                used.add(index)
                break
            if paragraph.startswith(SENTINEL) and (value := _complete_garbled_note(paragraph)):
                legible = paragraph.rsplit(SENTINEL, 1)[1]
                header.warnings.append(f"附注一行有乱码，按其可读的结尾“{legible}”推定为“{value}”")
                found.append((value, f"…{legible}"))
                used.add(index)
                break
    for index, paragraph in enumerate(paragraphs):
        if index in used:
            continue
        attribute = _ATTRIBUTE.fullmatch(paragraph)
        if attribute and (value := _classify(attribute["what"])):
            found.append((value, paragraph))
        elif value := _note_value(paragraph):
            if _follows_other_signature(paragraphs, index, header):
                header.warnings.append(f"“{paragraph}”属于被转发的文件，未作为本文件的公开属性")
            else:
                found.append((value, paragraph))
    for key in ("公开属性", "公开方式"):
        if key in metadata and (value := _classify(metadata[key])):
            found.append((value, f"{key}：{metadata[key]}"))
    if not found:
        header.warnings.append("未找到公开属性（如“（此件公开发布）”或“公开属性：主动公开”）")
        return
    header.disclosure = found[0][0]
    if any(value != header.disclosure for value, _ in found):
        sources = "、".join(f"“{source}”" for _, source in found)
        header.warnings.append(f"公开属性前后不一致：{sources}，已取“{found[0][1]}”")


def _complete_garbled_note(paragraph: str) -> Disclosure | None:
    """The attribute of a note whose start is garbled, if its legible end fits one note only.

    ``?。ù思_發(fā)布)`` ends in 发布）, and of the notes in use only （此件公开发布） does.
    """
    legible = paragraph.rsplit(SENTINEL, 1)[1]
    if len(legible) < 3 or not legible.endswith("）"):
        return None
    values = {value for note, value in _KNOWN_NOTES.items() if note.endswith(legible)}
    return values.pop() if len(values) == 1 else None


def _classify(what: str) -> Disclosure | None:
    if re.search(r"不予公开|不公开|免予公开", what):
        return "不予公开"
    if "依申请" in what:
        return "依申请公开"
    if "公开" in what or "发布" in what:
        return "主动公开"
    return None


def _follows_other_signature(paragraphs: list[str], index: int, header: Header) -> bool:
    for back in range(index - 1, max(index - 3, -1), -1):
        if back == header.date_at:
            return False
        if date_line(paragraphs[back]) or _issuer_and_date(paragraphs[back])[1]:
            return True
    return False


def _note_value(paragraph: str) -> Disclosure | None:
    """The attribute a 附注 states: （此件公开发布） or （公开方式：主动公开）."""
    note = _note(paragraph)
    return _classify(note["what"]) if note else None


def _is_note(paragraph: str) -> bool:
    return _note(paragraph) is not None


def _note(paragraph: str) -> re.Match[str] | None:
    # Every paragraph is asked; a note is short and bracketed.
    if not paragraph.startswith("（") or len(paragraph) > _NOTE_LENGTH:
        return None
    return _NOTE.fullmatch(paragraph) or _BRACKETED_ATTRIBUTE.fullmatch(paragraph)


def _is_unit_name(text: str) -> bool:
    return len(text) > 2 and UNIT_NAME.fullmatch(text) is not None


def _first_date(text: str) -> date | None:
    dates = find_dates(text)
    return dates[0][2] if dates else None


def _without_spaces(text: str) -> str:
    return re.sub(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])", "", text).strip()

"""The elements of a catalog item (标准目录要素) other than its texts: channels, audience, method
and level, with the words the published catalogs use for them.

Pure: no Django. Each enum's ``label`` is the Chinese term as the catalogs print it; the parse
functions accept the usual variants and raise ``ElementError`` with a Chinese message.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class ElementError(ValueError):
    """A cell that names no known value; ``str(error)`` is a Chinese sentence."""


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS[self]


class Channel(_Labelled):
    """公开渠道和载体: the checklist of the standard catalogs (■ required, □ optional)."""

    WEBSITE = "website"
    GAZETTE = "gazette"
    NEW_MEDIA = "new_media"
    PRESS = "press"
    BROADCAST = "broadcast"
    PRINT = "print"
    READING_POINT = "reading_point"
    SERVICE_CENTER = "service_center"
    SERVICE_STATION = "service_station"
    DOOR_TO_DOOR = "door_to_door"
    NOTICE_BOARD = "notice_board"
    PUSH = "push"
    OTHER = "other"


class Audience(_Labelled):
    """公开对象."""

    PUBLIC = "public"
    SPECIFIC = "specific"


class Method(_Labelled):
    """公开方式."""

    PROACTIVE = "proactive"
    ON_REQUEST = "on_request"


class Level(_Labelled):
    """公开层级: which level of government publishes the item."""

    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


_LABELS: dict[StrEnum, str] = {
    Channel.WEBSITE: "政府网站",
    Channel.GAZETTE: "政府公报",
    Channel.NEW_MEDIA: "两微一端",
    Channel.PRESS: "发布会/听证会",
    Channel.BROADCAST: "广播电视",
    Channel.PRINT: "纸质媒体",
    Channel.READING_POINT: "公开查阅点",
    Channel.SERVICE_CENTER: "政务服务中心",
    Channel.SERVICE_STATION: "便民服务站",
    Channel.DOOR_TO_DOOR: "入户/现场",
    Channel.NOTICE_BOARD: "社区/企事业单位/村公示栏（电子屏）",
    Channel.PUSH: "精准推送",
    Channel.OTHER: "其他",
    Audience.PUBLIC: "全社会",
    Audience.SPECIFIC: "特定群体",
    Method.PROACTIVE: "主动",
    Method.ON_REQUEST: "依申请",
    Level.COUNTY: "县级",
    Level.TOWNSHIP: "乡级",
    Level.VILLAGE: "村级",
}


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits folded) and no white space; brackets as （）."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", text)


_CHANNEL_WORDS: dict[str, Channel] = {
    normalise(word): channel
    for channel, words in {
        Channel.WEBSITE: ["政府网站", "门户网站", "网站"],
        Channel.GAZETTE: ["政府公报", "公报"],
        Channel.NEW_MEDIA: ["两微一端", "政务新媒体", "微信", "微博", "客户端"],
        Channel.PRESS: ["发布会/听证会", "发布会", "听证会", "新闻发布会", "发布会、听证会"],
        Channel.BROADCAST: ["广播电视", "广播", "电视"],
        Channel.PRINT: ["纸质媒体", "报刊", "报纸"],
        Channel.READING_POINT: ["公开查阅点", "查阅点", "政务公开专区"],
        Channel.SERVICE_CENTER: ["政务服务中心", "政务服务大厅"],
        Channel.SERVICE_STATION: ["便民服务站", "便民服务中心"],
        Channel.DOOR_TO_DOOR: ["入户/现场", "入户", "现场"],
        Channel.NOTICE_BOARD: [
            "社区/企事业单位/村公示栏（电子屏）",
            "社区/企事业单位/村公示栏(电子屏)",
            "社区/企事业单位/村公示栏",
            "公示栏（电子屏）",
            "村务公开栏",
            "公示栏",
            "电子屏",
        ],
        Channel.PUSH: ["精准推送"],
        Channel.OTHER: ["其他", "其它", "12345政务服务热线", "12345热线"],
    }.items()
    for word in words
}

_CHECKED = "■☑√✔✓"
_UNCHECKED = "□☐"
_MARKS = _CHECKED + _UNCHECKED
# Words of a channel cell are separated by marks, 、，,；; and white space (but not by "/",
# which is part of 发布会/听证会 and 入户/现场).
_CHANNEL_SPLIT = re.compile(rf"([{_MARKS}])|[、，,；;\s]+")


def parse_channels(text: str) -> tuple[Channel, ...]:
    """The channels a cell selects: ``■政府网站 □两微一端 ■公开查阅点`` (only the ■ ones) or a
    plain list ``政府网站、公开查阅点``. In catalog order, each once."""
    raw = unicodedata.normalize("NFKC", text or "").replace("(", "（").replace(")", "）")
    marked = any(mark in raw for mark in _MARKS)
    selected: set[Channel] = set()
    mark = ""
    unknown: list[str] = []
    for part in _CHANNEL_SPLIT.split(raw):
        if not part:
            continue
        if part in _MARKS:
            mark = part
            continue
        word = normalise(part)
        if not word:
            continue
        channel = _CHANNEL_WORDS.get(word)
        if channel is None:
            unknown.append(part.strip())
        elif not marked or mark in _CHECKED:
            selected.add(channel)
        mark = ""
    if unknown:
        raise ElementError(
            f"无法识别的公开渠道“{'、'.join(unknown)}”，可选：{'、'.join(c.label for c in Channel)}。"
        )
    return tuple(c for c in Channel if c in selected)


def channels_cell(selected: tuple[Channel, ...] | list[Channel]) -> str:
    """The usual cell: every channel of the checklist, ■ selected, □ not."""
    return " ".join(("■" if c in selected else "□") + c.label for c in Channel)


def channel_for_label(text: str) -> Channel | None:
    return _CHANNEL_WORDS.get(normalise(text))


_AUDIENCE_WORDS = {
    "全社会": Audience.PUBLIC,
    "社会公众": Audience.PUBLIC,
    "特定群体": Audience.SPECIFIC,
    "特定群众": Audience.SPECIFIC,
    "特定对象": Audience.SPECIFIC,
}
_METHOD_WORDS = {
    "主动": Method.PROACTIVE,
    "主动公开": Method.PROACTIVE,
    "依申请": Method.ON_REQUEST,
    "依申请公开": Method.ON_REQUEST,
}


def _strip_marks(text: str) -> str:
    return normalise(text).strip(_MARKS)


def parse_audience(text: str) -> Audience:
    word = _strip_marks(text)
    if word in _AUDIENCE_WORDS:
        return _AUDIENCE_WORDS[word]
    raise ElementError(f"公开对象“{text.strip()}”无法识别，应为“全社会”或“特定群体”。")


def parse_method(text: str) -> Method:
    word = _strip_marks(text)
    if word in _METHOD_WORDS:
        return _METHOD_WORDS[word]
    raise ElementError(f"公开方式“{text.strip()}”无法识别，应为“主动”或“依申请”。")


_LEVEL_CHARS = {"县": Level.COUNTY, "区": Level.COUNTY, "乡": Level.TOWNSHIP, "镇": Level.TOWNSHIP}
_LEVEL_CHARS |= {"街": Level.TOWNSHIP, "村": Level.VILLAGE, "居": Level.VILLAGE}


def parse_levels(text: str) -> tuple[Level, ...]:
    """``县级``, ``乡级``, ``县级、乡级``, ``乡、村级``, ``县乡两级`` … → the levels named."""
    word = _strip_marks(text)
    for long, short in (("乡镇", "乡"), ("街道", "乡"), ("社区", "村"), ("村（居）", "村")):
        word = word.replace(long, short)
    word = re.sub(r"[（）、，,/；;和及与两三级]", "", word)
    found: set[Level] = set()
    for char in word:
        level = _LEVEL_CHARS.get(char)
        if level is None:
            raise ElementError(
                f"公开层级“{text.strip()}”无法识别，应为“县级”“乡级”“村级”中的一个或几个。"
            )
        found.add(level)
    if not found:
        raise ElementError("公开层级为空。")
    return tuple(level for level in Level if level in found)


def levels_text(levels: tuple[Level, ...] | list[Level]) -> str:
    return "、".join(level.label for level in Level if level in levels)


def is_checked(text: str) -> bool:
    """A tick column (√ under 全社会, 主动, 县级 …): any mark or non-empty text but □."""
    word = normalise(text)
    return bool(word) and word not in _UNCHECKED and word not in {"否", "×", "X", "x", "-", "—"}

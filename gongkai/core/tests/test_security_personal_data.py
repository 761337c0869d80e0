"""Security tests for issue 14: personal data must not pass the publication gate because of how
it is written (the penetration test's evasions), and harmless numbers must not be flagged.

The scanner's own behaviour (patterns, masking, JSON) is in ``test_personal_data``; this module
holds the evasions and decoys as tables and as hypothesis properties. The gate over every public
field is tested with each module's services (documents, catalog, reports) and, for the pure
part, at the end of this module.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gongkai.core.domain.personal_data import (
    _DIGIT_ZEROS,
    IGNORABLES,
    MASKS,
    SEPARATORS,
    Finding,
    beyond_bmp,
    is_id_number,
    mask,
    redact,
    scan,
)
from gongkai.core.domain.publication_gate import (
    PublicText,
    check_public_texts,
    findings_message,
)

from .test_personal_data import (
    credit_code_complete,
    group4,
    id_numbers,
    luhn_complete,
    with_id_check,
)

ID = "110101199003077774"  # a valid ID number
MOBILE = "13800138000"
CARD = luhn_complete("622202020011223")  # 16 digits

NBSP, IDEOGRAPHIC_SPACE, NARROW_NBSP, MEDIUM_SPACE = "\u00a0", "\u3000", "\u202f", "\u205f"
ZWSP, ZWNJ, ZWJ, WORD_JOINER, BOM, SOFT_HYPHEN = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
)
EN_DASH, EM_DASH, MINUS, SMALL_HYPHEN, SMALL_HYPHEN_MINUS, FULLWIDTH_HYPHEN = (
    "\u2013",
    "\u2014",
    "\u2212",
    "\ufe58",
    "\ufe63",
    "\uff0d",
)


def fullwidth(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ"))


def test_unicode_tables_are_complete() -> None:
    """Every Unicode space separator and dash is a separator; the listed invisible characters
    are ignored; nothing is both."""
    spaces = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    dashes = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Pd"}
    assert spaces | dashes <= SEPARATORS
    assert {MINUS, "\u2043"} <= SEPARATORS
    assert {ZWSP, ZWNJ, ZWJ, WORD_JOINER, BOM, SOFT_HYPHEN} <= IGNORABLES
    assert not SEPARATORS & IGNORABLES
    assert "一" not in SEPARATORS  # the numeral one is no dash
    assert {"*", "＊", "×"} <= MASKS


def test_every_decimal_digit_block_is_read() -> None:
    zeros = [c for c in range(0x110000) if chr(c).isdecimal() and unicodedata.decimal(chr(c)) == 0]
    assert list(_DIGIT_ZEROS) == zeros


@pytest.mark.parametrize(
    "text",
    ["", "abc", "é", "中文", "中" * 50 + "\U0001f600", "\U00020bb7", "a\U00010000"],
)
def test_beyond_bmp(text: str) -> None:
    assert beyond_bmp(text) == any(ord(c) > 0xFFFF for c in text)


# (how it is written, the kind). Each is embedded in Chinese text; the finding must be exactly
# the written value, so that redaction masks the right characters.
EVASIONS = [
    # A leading mask character or footnote mark does not hide a full number.
    pytest.param(f"*{ID}", "id_card", id="leading-star-id"),
    pytest.param(f"＊{MOBILE}", "mobile", id="leading-fullwidth-star"),
    pytest.param(f"×{CARD}", "bank_card", id="leading-times"),
    pytest.param("*138 0013 8000", "mobile", id="leading-star-grouped"),
    pytest.param(f"**{ID}", "id_card", id="two-stars-full-number"),
    pytest.param(f"{MOBILE}*", "mobile", id="trailing-star"),
    pytest.param(f"*{MOBILE}*", "mobile", id="footnote-stars"),
    # Unicode spaces between the groups.
    pytest.param(f"138{NBSP}0013{NBSP}8000", "mobile", id="nbsp"),
    pytest.param(f"138{IDEOGRAPHIC_SPACE}0013{IDEOGRAPHIC_SPACE}8000", "mobile", id="u3000"),
    pytest.param("138\u20030013\u20098000", "mobile", id="em-and-thin-space"),
    pytest.param(
        f"{ID[:6]}{NARROW_NBSP}{ID[6:14]}{MEDIUM_SPACE}{ID[14:]}", "id_card", id="u202f-u205f"
    ),
    pytest.param(f"138 {NBSP} 0013{IDEOGRAPHIC_SPACE * 2}8000", "mobile", id="repeated-spaces"),
    # Invisible characters anywhere, even inside a group.
    pytest.param(f"1380{ZWSP}0138000", "mobile", id="zwsp-inside"),
    pytest.param(f"1{ZWNJ}3{ZWJ}8{WORD_JOINER}00138000", "mobile", id="joiners"),
    pytest.param(f"{ID[:9]}{BOM}{ID[9:]}", "id_card", id="bom"),
    pytest.param(f"{ID[:6]}{SOFT_HYPHEN}{ID[6:]}", "id_card", id="soft-hyphen"),
    pytest.param(f"138{ZWSP}-{ZWSP}0013-8000", "mobile", id="zwsp-around-dash"),
    pytest.param("138\u200f0013\u202a8\u200e000", "mobile", id="bidi-controls"),
    # Full-width digits and every kind of dash.
    pytest.param(fullwidth(ID), "id_card", id="fullwidth-id"),
    pytest.param(fullwidth("11010519491231002x"), "id_card", id="fullwidth-x"),
    pytest.param(f"138{FULLWIDTH_HYPHEN}0013{FULLWIDTH_HYPHEN}8000", "mobile", id="ff0d"),
    pytest.param(f"138{EN_DASH}0013{EM_DASH}8000", "mobile", id="en-em-dash"),
    pytest.param(f"138{MINUS}0013{MINUS}8000", "mobile", id="minus"),
    pytest.param(f"138{SMALL_HYPHEN}0013{SMALL_HYPHEN_MINUS}8000", "mobile", id="fe58-fe63"),
    pytest.param("138\u20100013\u20118000", "mobile", id="hyphen-nb-hyphen"),
    pytest.param("138——0013——8000", "mobile", id="chinese-dash"),
    pytest.param(group4(CARD, EM_DASH), "bank_card", id="card-em-dash"),
    pytest.param("１３８－００１３－８０００", "mobile", id="all-fullwidth"),
    # Country prefixes.
    pytest.param(f"+86{MOBILE}", "mobile", id="plus86"),
    pytest.param(f"+86 {MOBILE}", "mobile", id="plus86-space"),
    pytest.param(f"＋８６{fullwidth(MOBILE)}", "mobile", id="fullwidth-plus86"),
    pytest.param(f"0086{MOBILE}", "mobile", id="0086"),
    pytest.param("0086-138-0013-8000", "mobile", id="0086-grouped"),
    pytest.param(f"0086 {MOBILE}", "mobile", id="0086-space"),
    pytest.param(f"0{SOFT_HYPHEN}086{ZWSP}{MOBILE}", "mobile", id="0086-invisible-inside"),
    pytest.param(f"(86){MOBILE}", "mobile", id="brackets-86"),
    pytest.param("(+86) 138 0013 8000", "mobile", id="brackets-plus86"),
    pytest.param(f"（+86）{MOBILE}", "mobile", id="fullwidth-brackets"),
    pytest.param(f"（＋86）{NBSP}138{NBSP}0013{NBSP}8000", "mobile", id="fullwidth-all"),
    pytest.param(f"( + 86 ) {MOBILE}", "mobile", id="spaced-brackets"),
    pytest.param(f"(0086){MOBILE}", "mobile", id="brackets-0086"),
    # Mathematical digits (NFKC digits beyond the Basic Multilingual Plane).
    pytest.param("𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎", "mobile", id="math-digits"),
]


def _value(written: str) -> str:
    """The finding in a written form: without the mask characters around it."""
    return written.strip("".join(MASKS))


@pytest.mark.parametrize(("written", "kind"), EVASIONS)
def test_evasions_are_found_with_their_original_span(written: str, kind: str) -> None:
    text = f"联系人张三，电话：{written}。"
    value = _value(written)
    start = text.index(value)
    assert scan(text) == [Finding(kind, value, start, start + len(value))]  # type: ignore[arg-type]


@pytest.mark.parametrize(("written", "kind"), EVASIONS)
def test_evasions_are_redacted_in_place(written: str, kind: str) -> None:
    text = f"联系人张三，电话：{written}。"
    value = _value(written)
    redacted = redact(text)
    assert len(redacted) == len(text)
    assert scan(redacted) == []
    assert redacted.replace(mask(kind, value), value) == text  # type: ignore[arg-type]


def test_text_beyond_the_basic_plane_is_read_the_same() -> None:
    # An emoji or a rare character of a name (CJK extension B) switches to the wide classes.
    text = f"\U0001f4de𠮷先生 138{NBSP}00{ZWSP}13 8000，{ID}"
    assert [(f.kind, f.value) for f in scan(text)] == [
        ("mobile", f"138{NBSP}00{ZWSP}13 8000"),
        ("id_card", ID),
    ]


def test_mask_keeps_invisible_characters_and_prefix() -> None:
    assert mask("mobile", f"（+86）138{ZWSP}0013{NBSP}8000") == f"（+86）138{ZWSP}****{NBSP}8000"
    assert mask("id_card", fullwidth(ID)) == fullwidth(ID[:4]) + "*" * 10 + fullwidth(ID[-4:])


def test_masked_values_stay_clean() -> None:
    """The visible ends of masks (also other systems' and a second star) are never reported."""
    for text in (
        "138****8000",
        "138 **** 8000 1234 5678",
        "6201**********7777",
        "620102********7777",
        "6222 **** **** 2233 4455 6677 8899",
        "86-138-****-8000",
        "138××××8000",
        "138●●●●8000",
    ):
        assert scan(text) == [], text


def test_the_chinese_numeral_one_is_no_dash() -> None:
    assert scan("138一0013一8000") == []


CREDIT_CODE_DIGITS = credit_code_complete("91620100000416183")
ID_WRONG_CHECK = ID[:17] + "8"
# Harmless numbers as written in government text, several with the characters above.
DECOYS = [
    pytest.param(f"统一社会信用代码{CREDIT_CODE_DIGITS}", id="credit-code-digits"),
    pytest.param("统一社会信用代码91620100MA73X3XX5K", id="credit-code-letters"),
    pytest.param(f"身份证号{ID_WRONG_CHECK}（样例）", id="id-wrong-check"),
    pytest.param(f"身份证号{fullwidth(ID_WRONG_CHECK)}", id="id-wrong-check-fullwidth"),
    pytest.param(f"{ID[:6]} {ID[6:14]} {ID_WRONG_CHECK[14:]}", id="id-wrong-check-grouped"),
    pytest.param("咨询电话：0931-8888888", id="landline"),
    pytest.param(f"咨询电话：0931{EM_DASH}8888888", id="landline-em-dash"),
    pytest.param(f"咨询电话：0931{NBSP}88888888", id="landline-nbsp"),
    pytest.param("电话（0931）8888888，传真(0931)8888889", id="landline-brackets"),
    pytest.param("+86-931-8888888", id="landline-country-code"),
    pytest.param("0086 10 88888888", id="landline-0086"),
    pytest.param("0931-8888888-8001", id="landline-extension"),
    pytest.param("政务服务便民热线12345", id="hotline"),
    pytest.param("拨打12345或110", id="hotlines"),
    pytest.param("2020年8月19日", id="date-chinese"),
    pytest.param("2020-08-19至2021-08-19", id="date-range"),
    pytest.param(f"2020{EM_DASH}08{EM_DASH}19 2021{EM_DASH}08{EM_DASH}19", id="dates-em-dash"),
    pytest.param("20200819、20210920", id="dates-compact"),
    pytest.param("2016\u30002017\u30002018\u30002019\u30002020", id="year-columns"),
    pytest.param("甘政办发〔2020〕83号", id="doc-number"),
    pytest.param("资金12345.67元，合计1,234,567,890.12元", id="amounts"),
    pytest.param("000014349/2018-00222", id="index-number"),
    pytest.param(f"{CREDIT_CODE_DIGITS}/2024-02411", id="index-number-credit-code"),
    pytest.param("①②③④⑤⑥⑦⑧⑨①②", id="circled-list-markers"),
    pytest.param("注¹²³⁴⁵⁶⁷⁸⁹¹²", id="superscripts"),
]


@pytest.mark.parametrize("text", DECOYS)
def test_decoys_are_not_flagged(text: str) -> None:
    assert scan(text) == []


def test_list_and_footnote_markers_do_not_hide_a_number() -> None:
    """Circled and superscript digits are markers, not digits: read as digits they would turn
    a mobile number into twelve digits."""
    assert [f.value for f in scan(f"①{MOBILE}，{MOBILE}¹")] == [MOBILE, MOBILE]


# --- properties -------------------------------------------------------------------------------

visible_separators = st.sampled_from(sorted(SEPARATORS))
invisible = st.sampled_from(sorted(IGNORABLES))
# Between two digit groups: one or more separators in any mix with invisible characters. At
# least one is visible: invisible characters alone join the groups (they are not there), which
# is the number written without separators (the other case drawn below).
separator_runs = st.tuples(
    st.lists(invisible, max_size=2),
    visible_separators,
    st.lists(st.one_of(visible_separators, invisible), max_size=3),
).map(lambda t: "".join(t[0]) + t[1] + "".join(t[2]))
joined = st.lists(invisible, max_size=2).map("".join)
mobile_digits = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@st.composite
def cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["62", "4", "51", "9558"]))
    length = draw(st.sampled_from([16, 19]))
    size = length - len(prefix) - 1
    body = draw(st.text("0123456789", min_size=size, max_size=size))
    return luhn_complete(prefix + body)


# A valid number and its digit groups as people write them.
grouped_numbers = st.one_of(
    id_numbers.map(lambda v: ("id_card", [v[:6], v[6:14], v[14:]])),
    mobile_digits.map(lambda v: ("mobile", [v[:3], v[3:7], v[7:]])),
    st.tuples(st.sampled_from(["+86", "0086", "86"]), mobile_digits).map(
        lambda p: ("mobile", [p[0], p[1][:3], p[1][3:7], p[1][7:]])
    ),
    cards().map(lambda v: ("bank_card", [v[k : k + 4] for k in range(0, len(v), 4)])),
)
chinese = st.text(st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们，。；：、"))


@st.composite
def separated_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A valid number with separators between all its groups (or none at all) and invisible
    characters anywhere inside, written with full-width digits or not: (kind, as written)."""
    kind, groups = draw(grouped_numbers)
    if draw(st.booleans()):
        groups = [fullwidth(g) for g in groups]
    between = draw(st.sampled_from([separator_runs, joined]))
    pieces = []
    for k, group in enumerate(groups):
        if k:
            pieces.append(draw(between))
        chars = []
        for j, char in enumerate(group):
            if j and draw(st.integers(0, 7)) == 0:
                chars.append(draw(invisible))
            chars.append(char)
        pieces.append("".join(chars))
    return kind, "".join(pieces)


@given(separated_numbers(), chinese, chinese, st.sampled_from(["", "*", "＊", "×"]))
def test_separators_between_groups_never_hide_a_number(
    number: tuple[str, str], before: str, after: str, mark: str
) -> None:
    kind, written = number
    text = before + "：" + mark + written + "。" + after
    start = text.index(written)
    assert scan(text) == [Finding(kind, written, start, start + len(written))]  # type: ignore[arg-type]


@given(separated_numbers(), chinese)
def test_redacted_separated_numbers_scan_clean(number: tuple[str, str], after: str) -> None:
    _kind, written = number
    text = "申请人电话：" + written + "，" + after
    redacted = redact(text)
    assert len(redacted) == len(text) and scan(redacted) == []
    changed = [k for k, (a, b) in enumerate(zip(text, redacted, strict=True)) if a != b]
    start = text.index(written)
    assert all(start <= k < start + len(written) and redacted[k] == "*" for k in changed)
    assert len(changed) >= 4


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    """Valid 统一社会信用代码 that are not also valid ID numbers (those are reported on
    purpose: see the scanner's judgement calls)."""
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    authority = draw(st.sampled_from("123456789ANY"))
    kind = draw(st.sampled_from("0123456789"))
    region = draw(st.sampled_from(["620100", "620102", "110105", "440100", "370828"]))
    org = draw(st.text(st.sampled_from(charset), min_size=9, max_size=9))
    code = credit_code_complete(authority + kind + region + org)
    assume(not is_id_number(code))
    return code


@st.composite
def wrong_check_ids(draw: st.DrawFn) -> str:
    valid = draw(id_numbers)
    wrong = draw(st.sampled_from([c for c in "0123456789X" if c != valid[-1]]))
    return valid[:-1] + wrong


landlines = st.builds(
    lambda area, local, sep: f"{area}{sep}{local}",
    st.from_regex(r"0[1-9][0-9]{1,2}", fullmatch=True),
    st.from_regex(r"[2-8][0-9]{6,7}", fullmatch=True),
    st.sampled_from(["-", "", " ", EM_DASH, NBSP, FULLWIDTH_HYPHEN, ")", "）"]),
).map(lambda s: "(" + s if ")" in s else "（" + s if "）" in s else s)
dates = st.builds(
    lambda d, fmt: d.strftime(fmt),
    st.dates(date(1949, 10, 1), date(2099, 12, 31)),
    st.sampled_from(["%Y-%m-%d", "%Y年%m月%d日", "%Y%m%d", "%Y.%m.%d", "%Y/%m/%d", "%Y %m %d"]),
)
doc_numbers = st.builds(
    lambda issuer, year, serial: f"{issuer}〔{year}〕{serial}号",
    st.sampled_from(["甘政办发", "国办发", "兰政发", "城政字"]),
    st.integers(1949, 2099),
    st.integers(1, 999),
)
amounts = st.decimals(0, 10**12, places=2, allow_nan=False).map(lambda d: f"{d:,}元")
index_numbers = st.builds(
    lambda code, year, serial: f"{code}/{year}-{serial:05d}",
    st.one_of(st.just("000014349"), credit_codes()),
    st.integers(2000, 2099),
    st.integers(1, 99999),
)
decoys = st.one_of(
    credit_codes(),
    wrong_check_ids(),
    wrong_check_ids().map(lambda v: f"{v[:6]} {v[6:14]} {v[14:]}"),
    wrong_check_ids().map(fullwidth),
    landlines,
    st.sampled_from(["12345", "12345热线", "拨打12345", "110", "12315", "12366"]),
    dates,
    doc_numbers,
    amounts,
    index_numbers,
)


@given(st.lists(decoys, min_size=1, max_size=6), chinese)
def test_decoys_are_never_flagged(items: list[str], filler: str) -> None:
    text = ("，" + filler + "，").join(items)
    assert scan(text) == []


@given(decoys, st.lists(st.one_of(visible_separators, invisible), max_size=3).map("".join))
def test_decoys_with_unicode_spacing_are_never_flagged(item: str, spacing: str) -> None:
    # Unicode spaces and invisible characters around a decoy change nothing.
    assert scan(f"附件：{spacing}{item}{spacing}。") == []


def test_wrong_check_id_passing_luhn_is_no_card() -> None:
    shaped = next(
        candidate
        for seq in range(1000)
        if (body := f"62010219900101{seq:03d}")
        and (candidate := luhn_complete(body)) != with_id_check(body)
    )
    assert scan(shaped) == []


# --- the gate over named public texts (pure part) --------------------------------------------


def test_gate_reports_each_field_by_name_and_span() -> None:
    texts = [
        PublicText("标题", f"关于张三（{MOBILE}）的通知"),
        PublicText("内容概述", "无个人信息"),
        PublicText("附件“名单.xlsx”的文件名", f"名单{ID}.xlsx"),
    ]
    result = check_public_texts(texts)
    assert [(f.label, [x.value for x in f.findings]) for f in result.fields] == [
        ("标题", [MOBILE]),
        ("附件“名单.xlsx”的文件名", [ID]),
    ]
    title = result.fields[0]
    assert title.text[title.findings[0].start : title.findings[0].end] == MOBILE
    message = findings_message(result.blocking)
    assert "标题中有疑似个人信息：138****8000" in message
    assert f"附件“名单.xlsx”的文件名中有疑似个人信息：{mask('id_card', ID)}" in message
    assert MOBILE not in message and ID not in message


def test_gate_lets_excepted_numbers_pass_but_still_lists_them() -> None:
    texts = [PublicText("正文", f"举报电话 138 0013 8000，另 {ID}")]
    result = check_public_texts(texts, excepted=frozenset({("mobile", MOBILE)}))
    assert [f.value for f in result.blocking[0].findings] == [ID]
    assert [f.value for f in result.excepted[0].findings] == ["138 0013 8000"]
    assert check_public_texts(
        texts, excepted=frozenset({("mobile", MOBILE), ("id_card", ID)})
    ).clean


def test_gate_on_clean_texts() -> None:
    result = check_public_texts(
        [PublicText("标题", "关于2020年预算的通知"), PublicText("正文", "")]
    )
    assert result.clean and result.fields == () and findings_message(result.blocking) == ""

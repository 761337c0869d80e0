import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.domain.personal_data import (
    Finding,
    findings_to_json,
    is_credit_code,
    is_id_number,
    mask,
    redact,
    scan,
)

# Independent helpers: written from the standards' formulas, not copied from the module, so a
# wrong weight table in the module cannot make both sides agree.


def id_check(body17: str) -> str:
    """ISO 7064 MOD 11-2: weight of position i (0-based, left to right) is 2**(17-i) mod 11."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def with_id_check(body17: str) -> str:
    return body17 + id_check(body17)


def luhn_complete(body: str) -> str:
    """Append the digit that makes ``body`` pass Luhn."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        total += sum(divmod(d * 2, 10)) if i % 2 == 0 else d
    return body + str((10 - total % 10) % 10)


def credit_code_complete(body17: str) -> str:
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(charset.index(c) * (3**i % 31) for i, c in enumerate(body17))
    return body17 + charset[(31 - total % 31) % 31]


def group4(digits: str, sep: str = " ") -> str:
    return sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))


ID_1990 = with_id_check("62010219900101123")
ID_X = "11010519491231002X"  # the worked example of GB 11643-1999
CARD_16 = luhn_complete("622202020011223")
CARD_19 = luhn_complete("622202020011223344")
NEXT_YEAR = date.today().year + 1


def test_independent_helpers_agree_with_published_examples() -> None:
    assert id_check("11010519491231002") == "X"
    assert luhn_complete("411111111111111") == "4111111111111111"
    # Real codes from gov.cn index numbers (statutes.md §6).
    assert credit_code_complete("11441700007280420") == "11441700007280420Y"
    assert credit_code_complete("11370828004332600") == "113708280043326001"


FOUND = [
    # (text, kind, value)
    (f"身份证号：{ID_1990}。", "id_card", ID_1990),
    (f"身份证号码{ID_X}，", "id_card", ID_X),
    ("身份证号码11010519491231002x，", "id_card", "11010519491231002x"),
    ("公民身份号码 110105 19491231 002X 。", "id_card", "110105 19491231 002X"),
    ("旧身份证110105491231002。", "id_card", "110105491231002"),
    ("手机13800138000。", "mobile", "13800138000"),
    ("手机：138 0013 8000", "mobile", "138 0013 8000"),
    ("手机：138-0013-8000", "mobile", "138-0013-8000"),
    ("电话+86 13800138000", "mobile", "+86 13800138000"),
    ("电话+8613800138000", "mobile", "+8613800138000"),
    ("电话8613800138000", "mobile", "8613800138000"),
    ("电话86-138-0013-8000", "mobile", "86-138-0013-8000"),
    ("电话 +86 199 0013 8000", "mobile", "+86 199 0013 8000"),
    ("手机１３８００１３８０００。", "mobile", "１３８００１３８０００"),
    ("Tel: 13800138000.", "mobile", "13800138000"),
    ("2020 13800138000 2021", "mobile", "13800138000"),
    ("手机13800138000-1234转", "mobile", "13800138000"),
    (f"卡号{CARD_16}。", "bank_card", CARD_16),
    (f"卡号{CARD_19}。", "bank_card", CARD_19),
    (f"卡号：{group4(CARD_16)}。", "bank_card", group4(CARD_16)),
    (f"卡号：{group4(CARD_19)}。", "bank_card", group4(CARD_19)),
    (f"卡号：{group4(CARD_16, '-')}。", "bank_card", group4(CARD_16, "-")),
    ("Visa 4111111111111111", "bank_card", "4111111111111111"),
]


@pytest.mark.parametrize(("text", "kind", "value"), FOUND)
def test_finds_personal_data(text: str, kind: str, value: str) -> None:
    start = text.index(value)
    assert scan(text) == [Finding(kind, value, start, start + len(value))]


# A Luhn-valid all-digit credit code beginning with 9, like a card number would.
LUHN_CREDIT_CODE = next(
    code
    for n in range(1000)
    if luhn_complete((code := credit_code_complete(f"91620100{n:09d}"))[:17]) == code
)

NOT_IDS = [
    pytest.param(ID_1990[:17] + ("0" if ID_1990[17] != "0" else "1"), id="wrong-check"),
    pytest.param(with_id_check("62010219900230123"), id="february-30"),
    pytest.param(with_id_check("62010219901301123"), id="month-13"),
    pytest.param(with_id_check("62010219900100123"), id="day-0"),
    pytest.param(with_id_check("99010219900101123"), id="no-such-province"),
    pytest.param(with_id_check("62010218990101123"), id="before-1900"),
    pytest.param(with_id_check(f"620102{NEXT_YEAR}0101123"), id="born-next-year"),
    pytest.param("110105490231002", id="15-digit-february-31"),
    pytest.param("110105490031002", id="15-digit-month-0"),
]


@pytest.mark.parametrize("text", NOT_IDS)
def test_rejects_invalid_id_numbers(text: str) -> None:
    assert not is_id_number(text)
    # Some of these pass Luhn and are not shaped like an ID (no real birth date), so they may
    # be cards; none is ever an ID. An ID-shaped number with a wrong check digit is no card
    # either (test_security_personal_data).
    assert "id_card" not in {f.kind for f in scan(text)}


NOT_FOUND = [
    pytest.param(f"A{ID_1990}", id="id-inside-code"),
    pytest.param(f"{ID_1990}5", id="id-inside-number"),
    pytest.param("138001380001", id="mobile-12-digits"),
    pytest.param("订单号2413800138000", id="mobile-inside-number"),
    pytest.param("TEL13800138000", id="mobile-inside-code"),
    pytest.param("12800138000", id="mobile-no-such-prefix"),
    pytest.param("1380 0138 000", id="mobile-wrong-grouping"),
    pytest.param(CARD_16[:15] + str((int(CARD_16[15]) + 1) % 10), id="card-luhn-invalid"),
    pytest.param(group4(CARD_19[:18] + str((int(CARD_19[18]) + 1) % 10)), id="card-spaced-invalid"),
    pytest.param(luhn_complete("202008190001234"), id="card-like-serial-from-a-date"),
    pytest.param(luhn_complete("100000000000012"), id="card-like-leading-1"),
    pytest.param(luhn_complete("6222020200112233445"), id="card-20-digits"),
    pytest.param(LUHN_CREDIT_CODE, id="credit-code-passing-luhn"),
    pytest.param("0931-8888888", id="landline"),
    pytest.param("(0931)8888888", id="landline-brackets"),
    pytest.param("（0931）8888888", id="landline-fullwidth-brackets"),
    pytest.param("电话8888888", id="landline-local"),
    pytest.param("400-800-8888", id="hotline"),
    pytest.param("91620100MA73XXXXXX", id="credit-code-letters"),
    pytest.param("11620000013916007X", id="credit-code-x"),
    pytest.param("统一社会信用代码113708280043326001", id="credit-code-digits"),
    pytest.param("甘政办发〔2020〕83号", id="doc-number"),
    pytest.param("20200819", id="date-compact"),
    pytest.param("2020-08-19", id="date-iso"),
    pytest.param("2020 08 19 2021 09 20", id="dates-spaced"),
    pytest.param("000014349/2018-00222", id="index-number"),
    pytest.param("11441700007280420Y/2021-00050", id="index-number-credit-code"),
    pytest.param("113708280043326001/2024-02411", id="index-number-digit-credit-code"),
    pytest.param("资金12345.67元，合计1,234,567,890.12元", id="amounts"),
    pytest.param("2016 2017 2018 2019 2020", id="year-columns"),
    pytest.param("6201**********1236 138****8000", id="already-masked"),
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_harmless_numbers(text: str) -> None:
    assert scan(text) == []


def test_id_takes_precedence_over_credit_code() -> None:
    """An all-digit string valid both ways is reported: a real birth date and ID check digit
    are far stronger evidence than one matching check character out of 31."""
    both = next(
        code
        for day in range(1, 29)
        for seq in range(1000)
        if credit_code_complete((code := with_id_check(f"110105198001{day:02d}{seq:03d}"))[:17])
        == code
    )
    assert is_id_number(both)
    assert is_credit_code(both)
    assert [f.kind for f in scan(both)] == ["id_card"]


def test_several_findings_in_order() -> None:
    text = f"张三，身份证{ID_1990}，手机138 0013 8000，银行卡{group4(CARD_19)}；电话0931-8888888。"
    assert [(f.kind, f.value) for f in scan(text)] == [
        ("id_card", ID_1990),
        ("mobile", "138 0013 8000"),
        ("bank_card", group4(CARD_19)),
    ]


def test_id_number_checks() -> None:
    assert is_id_number(ID_X)
    assert is_id_number("１１０１０５１９４９１２３１００２Ｘ")
    assert not is_id_number(ID_X, max_year=1948)
    assert not is_id_number(ID_X[:17])
    assert not is_id_number("1101051949123100２X"[:-1] + "Y")


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        ("id_card", "620102199001011236", "6201**********1236"),
        ("id_card", "11010519491231002X", "1101**********002X"),
        ("id_card", "110105491231002", "1101*******1002"),
        ("id_card", "110105 19491231 002X", "1101** ******** 002X"),
        ("mobile", "13800138000", "138****8000"),
        ("mobile", "138 0013 8000", "138 **** 8000"),
        ("mobile", "+86 13800138000", "+86 138****8000"),
        ("mobile", "86-138-0013-8000", "86-138-****-8000"),
        ("bank_card", "6222020200112233445", "6222***********3445"),
        ("bank_card", "6222 0202 0011 2233 445", "6222 **** **** ***3 445"),
        ("bank_card", "4111-1111-1111-1111", "4111-****-****-1111"),
    ],
)
def test_mask(kind: str, value: str, masked: str) -> None:
    assert mask(kind, value) == masked  # type: ignore[arg-type]


def test_mask_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="未知"):
        mask("email", "a@b.cn")  # type: ignore[arg-type]


def test_finding_masked_property() -> None:
    assert Finding("mobile", "13800138000", 0, 11).masked == "138****8000"


def test_redact_changes_only_the_findings() -> None:
    text = (
        f"申请人张三（身份证{ID_1990}，手机13800138000）于2020年8月19日提出申请，电话0931-8888888。"
    )
    redacted = redact(text)
    expected = text.replace(ID_1990, ID_1990[:4] + "*" * 10 + ID_1990[-4:]).replace(
        "13800138000", "138****8000"
    )
    assert redacted == expected
    assert scan(redacted) == []


def test_redact_with_given_findings_and_stale_findings() -> None:
    text = "手机13800138000"
    findings = scan(text)
    assert redact(text, findings) == "手机138****8000"
    assert redact(text, []) == text
    with pytest.raises(ValueError, match="不符"):
        redact("手机13900139000", findings)


def test_findings_to_json() -> None:
    text = f"手机13800138000，身份证{ID_X}"
    assert findings_to_json(scan(text)) == {
        "findings": [
            {"kind": "mobile", "value": "13800138000", "start": 2, "end": 13},
            {"kind": "id_card", "value": ID_X, "start": 17, "end": 35},
        ]
    }


# --- properties -------------------------------------------------------------------------

PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45]
PROVINCES += [46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]

id_numbers = st.builds(
    lambda province, county, born, seq: with_id_check(
        f"{province}{county:04d}{born:%Y%m%d}{seq:03d}"
    ),
    st.sampled_from(PROVINCES),
    st.integers(0, 9999),
    st.dates(date(1900, 1, 1), date.today()),
    st.integers(0, 999),
)
mobile_digits = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
mobiles = st.one_of(
    st.builds(
        str.format, st.sampled_from(["{}", "+86 {}", "+86{}", "86{}", "86-{}"]), mobile_digits
    ),
    st.builds(
        lambda m, sep: sep.join((m[:3], m[3:7], m[7:])), mobile_digits, st.sampled_from(" -")
    ),
)


@st.composite
def cards(draw: st.DrawFn) -> str:
    # 18 digits is left out: that length is shared with ID numbers and credit codes, whose
    # precedence has its own tests above.
    prefix = draw(st.sampled_from(["62", "4", "51", "9558"]))
    length = draw(st.sampled_from([16, 17, 19]))
    body = draw(
        st.text("0123456789", min_size=length - len(prefix) - 1, max_size=length - len(prefix) - 1)
    )
    layout = draw(st.sampled_from([str, group4, lambda d: group4(d, "-")]))
    return layout(luhn_complete(prefix + body))


personal_data = st.one_of(
    id_numbers.map(lambda v: ("id_card", v)),
    mobiles.map(lambda v: ("mobile", v)),
    cards().map(lambda v: ("bank_card", v)),
)
# Filler that cannot join a number: Chinese characters and Chinese punctuation.
chinese = st.text(
    st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们，。；：、（）《》")
)
# Text dense in digits, separators and the characters that matter at a number's edges.
numbery = st.text(st.sampled_from("0123456789      --+Xx*a中"), max_size=200)


# Personal data packed among digits, separators and "*": the hardest case for redaction.
crowded = st.lists(
    st.one_of(st.text(st.sampled_from("0123456789 -+Xx*a中"), max_size=8), personal_data),
    max_size=8,
).map(lambda items: "".join(item if isinstance(item, str) else item[1] for item in items))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    """Chinese text with personal data embedded, and the findings expected in it."""
    text, expected = "", []
    for kind, value in draw(st.lists(personal_data, max_size=6)):
        text += draw(chinese.filter(bool))
        expected.append(Finding(kind, value, len(text), len(text) + len(value)))
        text += value
    return text + draw(chinese), expected


def assert_well_formed(text: str, findings: list[Finding]) -> None:
    for f in findings:
        assert text[f.start : f.end] == f.value
        assert f.start < f.end
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


@given(st.one_of(st.text(), numbery))
def test_scan_never_raises_and_findings_point_into_the_text(text: str) -> None:
    assert_well_formed(text, scan(text))


@given(documents())
def test_embedded_personal_data_is_found_exactly(document: tuple[str, list[Finding]]) -> None:
    text, expected = document
    assert scan(text) == expected


@given(st.one_of(st.text(), numbery, crowded, documents().map(lambda d: d[0])))
def test_redacted_text_has_nothing_left_to_find(text: str) -> None:
    redacted = redact(text)
    assert len(redacted) == len(text)
    assert scan(redacted) == []


@given(documents())
def test_redact_only_touches_digits_of_findings(document: tuple[str, list[Finding]]) -> None:
    text, findings = document
    redacted = redact(text)
    inside = {k for f in findings for k in range(f.start, f.end)}
    for k, (before, after) in enumerate(zip(text, redacted, strict=True)):
        assert before == after or (k in inside and after == "*" and before not in " -+")

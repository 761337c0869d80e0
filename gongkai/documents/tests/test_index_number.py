import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.documents.domain.index_number import (
    DEFAULT_TEMPLATE,
    IndexNumber,
    format_index_number,
    parse_index_number,
    validate_template,
)

# (template, unit_code, year, month, serial, text): real formats seen on gov sites (statutes §6).
EXAMPLES = [
    (DEFAULT_TEMPLATE, "000014349", 2018, None, 222, "000014349/2018-00222"),
    (DEFAULT_TEMPLATE, "000013338", 2023, None, 79, "000013338/2023-00079"),
    (DEFAULT_TEMPLATE, "11441700007280420Y", 2021, None, 50, "11441700007280420Y/2021-00050"),
    (DEFAULT_TEMPLATE, "113708280043326001", 2024, None, 2411, "113708280043326001/2024-02411"),
    (DEFAULT_TEMPLATE, "0142768-8", 2022, None, 185, "0142768-8/2022-00185"),
    ("{unit_code}/{YYYY}-{NNNNNN}", "6107280000", 2024, None, 1005, "6107280000/2024-001005"),
    (
        "{unit_code}/{YYYY}{MM}-{NNNNN}",
        "11341702486344515H",
        2021,
        10,
        13,
        "11341702486344515H/202110-00013",
    ),
    ("{unit_code}{YYYY}{NNN}", "ABC", 2020, None, 7, "ABC2020007"),
    ("GK-{YYYY}-{NNNN}", "unused", 2025, None, 9999, "GK-2025-9999"),
    ("{NN}", "unused", 2025, None, 1, "01"),
]


@pytest.mark.parametrize(("template", "unit_code", "year", "month", "serial", "text"), EXAMPLES)
def test_format(
    template: str, unit_code: str, year: int, month: int | None, serial: int, text: str
) -> None:
    kwargs = {"month": month} if month else {}
    assert (
        format_index_number(template, unit_code=unit_code, year=year, serial=serial, **kwargs)
        == text
    )


@pytest.mark.parametrize(("template", "unit_code", "year", "month", "serial", "text"), EXAMPLES)
def test_parse(
    template: str, unit_code: str, year: int, month: int | None, serial: int, text: str
) -> None:
    assert parse_index_number(template, text) == IndexNumber(
        serial=serial,
        unit_code=unit_code if "{unit_code}" in template else None,
        year=year if "{YYYY}" in template else None,
        month=month,
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{unit_code}/{YYYY}-{NNNNN}-{seq}", "未知的占位符“{seq}”"),
        ("{unit_code}/{yyyy}-{NNNNN}", "未知的占位符“{yyyy}”"),
        ("{unit_code}/{}-{NNNNN}", "未知的占位符“{}”"),
        ("{unit_code}/{YYYY}-{nnnnn}", "未知的占位符"),
        ("{unit_code}/{YYYY}", "流水号占位符"),
        ("{unit_code}/{NNN}-{NNNNN}", "流水号占位符"),
        ("{unit_code}/{YYYY}-{YYYY}-{NNNNN}", "重复"),
        ("{unit_code/{YYYY}-{NNNNN}", "花括号"),
        ("{unit_code}}/{YYYY}-{NNNNN}", "花括号"),
    ],
)
def test_bad_templates_are_rejected_in_chinese(template: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_template(template)
    with pytest.raises(ValueError, match=message):
        format_index_number(template, unit_code="000014349", year=2020, serial=1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"serial": 100_000}, "超出 5 位"),
        ({"serial": 0}, "超出 5 位"),
        ({"serial": -1}, "超出 5 位"),
        ({"year": 20}, "四位"),
        ({"year": 10_000}, "四位"),
        ({"unit_code": ""}, "单位代码"),
        ({"unit_code": "0001 4349"}, "单位代码"),
    ],
)
def test_bad_values_are_rejected(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"unit_code": "000014349", "year": 2020, "serial": 1} | kwargs
    with pytest.raises(ValueError, match=message):
        format_index_number(DEFAULT_TEMPLATE, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize("month", [None, 0, 13])
def test_month_needed_when_the_template_has_one(month: int | None) -> None:
    with pytest.raises(ValueError, match="月份"):
        format_index_number(
            "{unit_code}/{YYYY}{MM}-{NNNNN}", unit_code="1", year=2021, serial=1, month=month
        )


def test_month_ignored_when_the_template_has_none() -> None:
    assert (
        format_index_number(DEFAULT_TEMPLATE, unit_code="000014349", year=2018, serial=1, month=3)
        == "000014349/2018-00001"
    )


@pytest.mark.parametrize(
    "text",
    [
        "000014349/2018-0222",  # serial too short
        "000014349/2018-000222",  # serial too long
        "000014349/2018-00000",  # serials start at 1
        "000014349/18-00222",
        "000014349-2018-00222",
        "/2018-00222",
        "0001 4349/2018-00222",
        "000014349/2018-00222号",
        "甘政办发〔2020〕83号",
        "",
    ],
)
def test_parse_rejects_text_not_in_the_format(text: str) -> None:
    assert parse_index_number(DEFAULT_TEMPLATE, text) is None


@pytest.mark.parametrize("text", ["11341702486344515H/202100-00013", "X/202113-00013"])
def test_parse_rejects_impossible_months(text: str) -> None:
    assert parse_index_number("{unit_code}/{YYYY}{MM}-{NNNNN}", text) is None


def test_parse_tolerates_surrounding_whitespace() -> None:
    assert parse_index_number(DEFAULT_TEMPLATE, " 000014349/2018-00222\n") == IndexNumber(
        serial=222, unit_code="000014349", year=2018
    )


@given(
    template=st.sampled_from(
        [
            DEFAULT_TEMPLATE,
            "{unit_code}/{YYYY}{MM}-{NNNNNN}",
            "{unit_code}-{YYYY}-{NNNNN}",
            "{YYYY}{unit_code}{NNN}",
            "索引[{unit_code}]{YYYY}.{MM}.{NNNN}",
        ]
    ),
    unit_code=st.text(
        st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1
    ).filter(lambda s: not any(c.isspace() for c in s)),
    year=st.integers(1000, 9999),
    month=st.integers(1, 12),
    serial=st.integers(1, 999),
)
def test_parse_inverts_format(
    template: str, unit_code: str, year: int, month: int, serial: int
) -> None:
    text = format_index_number(template, unit_code=unit_code, year=year, serial=serial, month=month)
    assert parse_index_number(template, text) == IndexNumber(
        serial=serial,
        unit_code=unit_code,
        year=year,
        month=month if "{MM}" in template else None,
    )

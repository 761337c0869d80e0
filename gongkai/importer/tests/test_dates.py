from datetime import date

import pytest

from gongkai.importer.domain.dates import date_line, find_dates, parse_deadline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2020年8月19日", date(2020, 8, 19)),
        (" 2020 年 8 月 19 日 ", date(2020, 8, 19)),
        ("二〇二二年十一月三日", date(2022, 11, 3)),
        ("二零二二年十月二十一日", date(2022, 10, 21)),
        ("二〇二〇年十二月三十一日", date(2020, 12, 31)),
        ("二○二一年一月十日", date(2021, 1, 10)),
        ("2016-05-25", date(2016, 5, 25)),
        ("2016/5/25", date(2016, 5, 25)),
        ("2020年2月30日", None),
        ("二〇二二年十三月三日", None),
        ("2020年8月20日印发", None),
        ("时间：2016-05-25", None),
        ("甘肃省人民政府办公厅", None),
    ],
)
def test_date_line(line, expected):
    assert date_line(line) == expected


def test_find_dates_in_running_text():
    text = "时间：2016-05-25，于2020年8月19日和二〇二〇年十月二十一日，2020.13.01 不是日期"
    assert [found for _, _, found in find_dates(text)] == [
        date(2016, 5, 25),
        date(2020, 8, 19),
        date(2020, 10, 21),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年6月底前", date(2024, 6, 30)),
        ("2024年2月底前", date(2024, 2, 29)),
        ("2025年12月31日前", date(2025, 12, 31)),
        ("2021年6月底前）", date(2021, 6, 30)),
        ("年底前", date(2020, 12, 31)),
        ("年内", date(2020, 12, 31)),
        ("2022年底前", date(2022, 12, 31)),
        ("2022年年底前", date(2022, 12, 31)),
        ("6月底前", date(2020, 6, 30)),
        ("九月底前", date(2020, 9, 30)),
        ("6月15日前", date(2020, 6, 15)),
        ("2023年上半年", date(2023, 6, 30)),
        ("2023年下半年", date(2023, 12, 31)),
        ("2023年第三季度", date(2023, 9, 30)),
        ("2023年一季度", date(2023, 3, 31)),
        ("2022年10月中旬", date(2022, 10, 20)),
        ("2022年10月上旬", date(2022, 10, 10)),
        ("2022年10月下旬", date(2022, 10, 31)),
        ("2021年6月底前完成，并长期坚持", date(2021, 6, 30)),
        ("持续推进", None),
        ("长期坚持", None),
        ("常态化开展", None),
        ("每年6月底前", None),
        ("每季度", None),
        ("按规定时限", None),
    ],
)
def test_parse_deadline_in_a_2020_document(text, expected):
    assert parse_deadline(text, 2020) == expected


def test_a_deadline_without_a_year_needs_the_documents_year():
    assert parse_deadline("年底前", None) is None
    assert parse_deadline("6月底前", None) is None
    assert parse_deadline("2024年6月底前", None) == date(2024, 6, 30)

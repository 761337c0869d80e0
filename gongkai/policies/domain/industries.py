"""Industries by GB/T 4754-2017 (国民经济行业分类): 门类 letter A–T, 大类 two digits, 中类 three,
小类 four, written with the letter (``C2641``). A class covers every code below it, which in
this notation is every code that starts with it."""

from __future__ import annotations

import re

CODE_PATTERN = re.compile(r"^([A-T])(\d{2}(\d{1,2})?)?$")

# The 大类 numbers of each 门类 (GB/T 4754-2017 table 1): a division belongs to one section.
SECTION_DIVISIONS: dict[str, range] = {
    "A": range(1, 6),
    "B": range(6, 13),
    "C": range(13, 44),
    "D": range(44, 47),
    "E": range(47, 51),
    "F": range(51, 53),
    "G": range(53, 61),
    "H": range(61, 63),
    "I": range(63, 66),
    "J": range(66, 70),
    "K": range(70, 71),
    "L": range(71, 73),
    "M": range(73, 76),
    "N": range(76, 80),
    "O": range(80, 83),
    "P": range(83, 84),
    "Q": range(84, 86),
    "R": range(86, 91),
    "S": range(91, 98),
    "T": range(98, 99),
}

SECTION_NAMES: dict[str, str] = {
    "A": "农、林、牧、渔业",
    "B": "采矿业",
    "C": "制造业",
    "D": "电力、热力、燃气及水生产和供应业",
    "E": "建筑业",
    "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业",
    "H": "住宿和餐饮业",
    "I": "信息传输、软件和信息技术服务业",
    "J": "金融业",
    "K": "房地产业",
    "L": "租赁和商务服务业",
    "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业",
    "P": "教育",
    "Q": "卫生和社会工作",
    "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织",
    "T": "国际组织",
}


def normalize(text: str) -> str:
    return "".join(text.split()).upper()


def problem(code: str) -> str | None:
    """Why ``code`` (normalized) is not a GB/T 4754-2017 code, in Chinese; None if it is."""
    found = CODE_PATTERN.match(code)
    if found is None:
        return (
            f"行业代码“{code}”格式不正确：应为门类字母A–T，或字母加2、3、4位数字"
            "（如 C、C26、C264、C2641）。"
        )
    section, digits = found.group(1), found.group(2)
    if digits and int(digits[:2]) not in SECTION_DIVISIONS[section]:
        return (
            f"行业代码“{code}”的大类{digits[:2]}不属于门类{section}（{SECTION_NAMES[section]}）。"
        )
    return None


def prefixes(code: str) -> tuple[str, ...]:
    """Every class that covers ``code``, itself included: ``C2641`` → C, C26, C264, C2641."""
    return tuple(code[:length] for length in (1, 3, 4, 5) if length <= len(code))


def covers(policy_code: str, enterprise_code: str) -> bool:
    return enterprise_code.startswith(policy_code)

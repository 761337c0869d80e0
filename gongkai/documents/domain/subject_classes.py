"""The 22 gov.cn 主题分类 (subject classes) and their sub-classes.

Copied from the gov.cn policy-search classification (statutes.md §6). The stored value is a
stable code: the class's position, two digits ("02" 综合政务), and for a sub-class the class code
plus the sub-class's position ("0201" 政务公开). Labels render as gov.cn shows them, with a
backslash between the levels: ``综合政务\\政务公开``.
"""

from __future__ import annotations

from dataclasses import dataclass

SEPARATOR = "\\"
# What people read between the levels: gov.cn's backslash is a data format, and on a page
# 「民政、扶贫、救灾\社会福利」 looks like a typing error.
DISPLAY_SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class SubjectSubclass:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class SubjectClass:
    code: str
    name: str
    children: tuple[SubjectSubclass, ...]


_TREE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "国务院组织机构",
        (
            "国务院",
            "国务院办公厅",
            "国务院组成部门",
            "国务院直属特设机构",
            "国务院直属机构",
            "国务院办事机构",
            "国务院直属事业单位",
            "国务院部委管理的国家局",
            "国务院议事协调机构",
            "其他",
        ),
    ),
    (
        "综合政务",
        (
            "政务公开",
            "政务督查",
            "应急管理",
            "电子政务",
            "文秘工作",
            "保密工作",
            "信访",
            "参事、文史",
            "其他",
        ),
    ),
    (
        "国民经济管理、国有资产监管",
        ("宏观经济", "经济体制改革", "统计", "物价", "国有资产监管", "重大建设项目", "其他"),
    ),
    (
        "财政、金融、审计",
        (
            "财政",
            "税务",
            "银行",
            "货币（含外汇）",
            "证券",
            "保险",
            "社会信用体系建设",
            "审计",
            "其他",
        ),
    ),
    (
        "国土资源、能源",
        ("土地", "矿产", "水资源", "海洋", "煤炭", "石油与天然气", "电力", "其他"),
    ),
    ("农业、林业、水利", ("农业、畜牧业、渔业", "林业", "水利", "其他")),
    (
        "工业、交通",
        (
            "机械制造与重工业",
            "轻工纺织",
            "化工",
            "国防工业",
            "航天、航空",
            "信息产业（含电信）",
            "公路",
            "水运",
            "铁路",
            "民航",
            "邮政",
            "其他",
        ),
    ),
    (
        "商贸、海关、旅游",
        ("对外经贸合作", "国内贸易（含供销）", "海关", "检验、检疫", "旅游", "其他"),
    ),
    (
        "市场监管、安全生产监管",
        ("工商", "质量监督", "标准", "食品药品监管", "安全生产监管", "其他"),
    ),
    (
        "城乡建设、环境保护",
        (
            "城市规划",
            "城乡建设（含住房）",
            "环境监测、保护与治理",
            "节能与资源综合利用",
            "气象、水文、测绘、地震",
            "其他",
        ),
    ),
    ("科技、教育", ("科技", "教育", "知识产权", "其他")),
    ("文化、广电、新闻出版", ("文化", "文物", "新闻出版", "广播、电影、电视", "其他")),
    ("卫生、体育", ("卫生", "医药管理", "体育", "其他")),
    ("人口与计划生育、妇女儿童工作", ("人口与计划生育", "妇女儿童", "其他")),
    (
        "劳动、人事、监察",
        (
            "劳动就业",
            "社会保障",
            "人事工作",
            "军转安置",
            "监察",
            "纠正行业不正之风",
            "其他",
        ),
    ),
    ("公安、安全、司法", ("公安", "国家安全", "司法", "其他")),
    (
        "民政、扶贫、救灾",
        (
            "减灾救灾",
            "优抚安置",
            "社会福利",
            "行政区划与地名",
            "社团管理",
            "扶贫",
            "其他",
        ),
    ),
    ("民族、宗教", ("民族事务", "宗教事务")),
    ("对外事务", ("外交、外事", "国际条约、国际组织", "其他")),
    ("港澳台侨工作", ("港澳工作", "对台工作", "侨务工作")),
    ("国防", ("国防建设", "国防动员")),
    ("其他", ()),
)

SUBJECT_CLASSES: tuple[SubjectClass, ...] = tuple(
    SubjectClass(
        code=f"{i:02d}",
        name=name,
        children=tuple(
            SubjectSubclass(code=f"{i:02d}{j:02d}", name=child)
            for j, child in enumerate(children, start=1)
        ),
    )
    for i, (name, children) in enumerate(_TREE, start=1)
)


def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for top in SUBJECT_CLASSES:
        labels[top.code] = top.name
        for sub in top.children:
            labels[sub.code] = f"{top.name}{SEPARATOR}{sub.name}"
    return labels


def _codes_by_subclass_name() -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for top in SUBJECT_CLASSES:
        for sub in top.children:
            codes.setdefault(sub.name, []).append(sub.code)
    return codes


_LABELS = _labels()
_BY_LABEL = {text: code for code, text in _LABELS.items()}
# A sub-class name alone ("医药管理") names a class only if no other class has a sub-class of
# that name ("其他" is in almost every class).
_BY_SUBCLASS_NAME = _codes_by_subclass_name()
# Imported metadata sometimes separates the levels with a slash or a full-width backslash.
_OTHER_SEPARATORS = str.maketrans({"/": SEPARATOR, "／": SEPARATOR, "＼": SEPARATOR})


def choices() -> list[tuple[str, str]]:
    """Flat Django choices in tree order: each class followed by its sub-classes."""
    return list(_LABELS.items())


def display_label(code: str) -> str:
    """The label as pages show it: ``卫生、体育 › 医药管理`` for "1302". KeyError if unknown."""
    return _LABELS[code].replace(SEPARATOR, DISPLAY_SEPARATOR)


def display_choices() -> list[tuple[str, str]]:
    """`choices` with the levels separated as pages show them, for the public filters."""
    return [(code, display_label(code)) for code in _LABELS]


def label(code: str) -> str:
    """The gov.cn label of a code: ``卫生、体育\\医药管理`` for "1302". KeyError if unknown."""
    return _LABELS[code]


def find_by_label(text: str) -> str | None:
    """The code for a gov.cn label, as typed or imported.

    Accepts the full ``一级\\二级`` label, a top-level name (so "其他" is class 22, as gov.cn
    renders it), or a sub-class name alone when exactly one class has it. Returns None when
    there is no match or the name is ambiguous.
    """
    text = text.strip().translate(_OTHER_SEPARATORS)
    if text in _BY_LABEL:
        return _BY_LABEL[text]
    codes = _BY_SUBCLASS_NAME.get(text, [])
    return codes[0] if len(codes) == 1 else None

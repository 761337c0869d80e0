"""Rules of the government gazette (政府公报) that need no database: its sections and their
order, how an issue is named and cited, and what an issue must hold before it is published.

The gazette is the place where rules and normative documents are published as a whole
(平政办发〔2023〕51号（十二）：「规范性文件通过政府公报统一刊登」); a published issue is the
record of what was published and is never changed: a correction is a 勘误 in a later issue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FIRST_YEAR = 1949
LAST_YEAR = 2100
# An issue a month and the odd 特刊 stay far below this; a larger number is a typing error.
MAX_NUMBER_IN_YEAR = 60


class Section(StrEnum):
    """The gazette's columns, in the order an issue prints them."""

    RULES = "rules"
    NORMATIVE = "normative"
    GOVERNMENT = "government"
    OFFICE = "office"
    PERSONNEL = "personnel"
    OTHER = "other"
    CORRECTION = "correction"


SECTION_LABELS: dict[Section, str] = {
    Section.RULES: "政府规章",
    Section.NORMATIVE: "行政规范性文件",
    Section.GOVERNMENT: "政府文件",
    Section.OFFICE: "政府办公室文件",
    Section.PERSONNEL: "人事任免",
    Section.OTHER: "其他",
    Section.CORRECTION: "勘误",
}

SECTION_ORDER: dict[Section, int] = {section: index for index, section in enumerate(Section)}


def gazette_name(publisher_name: str) -> str:
    """《示范县人民政府公报》 for the 示范县人民政府."""
    return f"《{publisher_name}公报》"


def issue_label(year: int, number: int) -> str:
    return f"{year}年第{number}期"


def citation(publisher_name: str, year: int, number: int) -> str:
    """What a document's page says of its publication in the gazette."""
    return f"刊登于{gazette_name(publisher_name)}{issue_label(year, number)}"


def issue_numbers_problems(year: int, number: int, total_number: int) -> list[str]:
    """Why 年/期/总第N期 cannot be right, as Chinese sentences; empty when they can."""
    problems = []
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(f"年份应在{FIRST_YEAR}年至{LAST_YEAR}年之间。")
    if not 1 <= number <= MAX_NUMBER_IN_YEAR:
        problems.append(f"期号应在1至{MAX_NUMBER_IN_YEAR}之间。")
    if total_number < number:
        problems.append("总期号不能小于当年期号。")
    return problems


@dataclass(frozen=True)
class ArticleFacts:
    """What the publication rules need to know of an article."""

    title: str
    section: Section
    from_register: bool
    document_public: bool
    has_text: bool
    corrects_published_earlier: bool | None  # None: not a correction


def article_problems(article: ArticleFacts) -> list[str]:
    """Why this article cannot be printed as it is."""
    problems = []
    name = f"“{article.title}”" if article.title.strip() else "一篇无标题的文章"
    if not article.title.strip():
        problems.append("有文章没有标题。")
    if article.from_register and not article.document_public:
        problems.append(f"{name}所引用的公文未在门户主动公开，不能刊登。")
    if not article.from_register and not article.has_text:
        problems.append(f"{name}没有正文。")
    if article.section == Section.CORRECTION and not article.corrects_published_earlier:
        problems.append(f"勘误{name}须指明所更正的、已在此前各期刊登的文章。")
    if article.section != Section.CORRECTION and article.corrects_published_earlier is not None:
        problems.append(f"{name}更正了此前的文章，应放在“勘误”栏目。")
    return problems


def publication_problems(articles: list[ArticleFacts]) -> list[str]:
    """Everything that stops an issue from being published; empty when it may be."""
    if not articles:
        return ["本期还没有文章，不能出版。"]
    return [problem for article in articles for problem in article_problems(article)]


def ordered_sections(sections: list[Section]) -> list[Section]:
    """The distinct sections of an issue, in print order."""
    return sorted(set(sections), key=SECTION_ORDER.__getitem__)

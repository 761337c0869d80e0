"""Who files a disclosure request and how it can end: the statutory facts in one place.

The applicant types are the columns and the outcomes the rows of table 三 of the annual report
format (国办公开办函〔2021〕30号). Each outcome carries the reply type of 条例第三十六条 it
corresponds to and the articles it rests on, so that forms, reply letters, the CSV import and the
annual report all read the same table (`OUTCOME_FACTS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# Django's choices format: (value, label) or (group label, [(value, label), ...]).
GroupedChoices = list[tuple[str, str | list[tuple[str, str]]]]


class ApplicantType(StrEnum):
    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICES = "legal_services"
    OTHER_ORG = "other_org"

    @property
    def label(self) -> str:
        """The column header of table 三 (the last five sit under 法人或其他组织)."""
        return _APPLICANT_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        return self is not ApplicantType.NATURAL_PERSON

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        # A bare "其他" is clear under the table's 法人或其他组织 heading but not in a form.
        return [(t.value, "其他法人或其他组织" if t is cls.OTHER_ORG else t.label) for t in cls]


_APPLICANT_LABELS: dict[ApplicantType, str] = {
    ApplicantType.NATURAL_PERSON: "自然人",
    ApplicantType.COMMERCIAL: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.PUBLIC_INTEREST: "社会公益组织",
    ApplicantType.LEGAL_SERVICES: "法律服务机构",
    ApplicantType.OTHER_ORG: "其他",
}


class ReplyType(StrEnum):
    """The seven kinds of reply of 条例第三十六条, in the article's order."""

    ALREADY_PUBLIC = "already_public"
    DISCLOSED = "disclosed"
    WITHHELD = "withheld"
    NOT_EXISTING = "not_existing"
    NOT_RESPONSIBLE = "not_responsible"
    REPEATED = "repeated"
    SPECIAL_PROCEDURE = "special_procedure"

    @property
    def citation(self) -> str:
        return f"第三十六条第{_REPLY_ITEMS[self]}项"

    @property
    def label(self) -> str:
        return _REPLY_LABELS[self]


_REPLY_ITEMS: dict[ReplyType, str] = {
    ReplyType.ALREADY_PUBLIC: "（一）",
    ReplyType.DISCLOSED: "（二）",
    ReplyType.WITHHELD: "（三）",
    ReplyType.NOT_EXISTING: "（四）",
    ReplyType.NOT_RESPONSIBLE: "（五）",
    ReplyType.REPEATED: "（六）",
    ReplyType.SPECIAL_PROCEDURE: "（七）",
}

_REPLY_LABELS: dict[ReplyType, str] = {
    ReplyType.ALREADY_PUBLIC: "已主动公开，告知获取方式、途径",
    ReplyType.DISCLOSED: "可以公开，予以提供或告知获取方式、途径和时间",
    ReplyType.WITHHELD: "决定不予公开，说明理由",
    ReplyType.NOT_EXISTING: "经检索没有，告知该政府信息不存在",
    ReplyType.NOT_RESPONSIBLE: "不属于本机关负责公开，告知并说明理由",
    ReplyType.REPEATED: "重复申请，告知不予重复处理",
    ReplyType.SPECIAL_PROCEDURE: "法律、行政法规对获取有特别规定，告知依照其规定办理",
}


class OutcomeCategory(StrEnum):
    """The six groups （一）…（六） of 三、本年度办理结果, in the table's order."""

    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"
    UNABLE = "unable"
    NOT_PROCESSED = "not_processed"
    OTHER = "other"

    @property
    def number(self) -> str:
        return _CATEGORY_NUMBERS[self]

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @property
    def table_label(self) -> str:
        """The row label of table 三, verbatim."""
        return _CATEGORY_TABLE_LABELS[self]

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(o for o in Outcome if o.category is self)


_CATEGORY_NUMBERS: dict[OutcomeCategory, str] = {
    OutcomeCategory.GRANTED: "（一）",
    OutcomeCategory.PARTLY_GRANTED: "（二）",
    OutcomeCategory.REFUSED: "（三）",
    OutcomeCategory.UNABLE: "（四）",
    OutcomeCategory.NOT_PROCESSED: "（五）",
    OutcomeCategory.OTHER: "（六）",
}

_CATEGORY_LABELS: dict[OutcomeCategory, str] = {
    OutcomeCategory.GRANTED: "予以公开",
    OutcomeCategory.PARTLY_GRANTED: "部分公开",
    OutcomeCategory.REFUSED: "不予公开",
    OutcomeCategory.UNABLE: "无法提供",
    OutcomeCategory.NOT_PROCESSED: "不予处理",
    OutcomeCategory.OTHER: "其他处理",
}

_CATEGORY_TABLE_LABELS: dict[OutcomeCategory, str] = {
    OutcomeCategory.GRANTED: "（一）予以公开",
    OutcomeCategory.PARTLY_GRANTED: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    OutcomeCategory.REFUSED: "（三）不予公开",
    OutcomeCategory.UNABLE: "（四）无法提供",
    OutcomeCategory.NOT_PROCESSED: "（五）不予处理",
    OutcomeCategory.OTHER: "（六）其他处理",
}


class Outcome(StrEnum):
    """How a request ended: one leaf row of table 三, in the table's order (21 rows)."""

    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED_STATE_SECRET = "refused.state_secret"
    REFUSED_LAW_PROHIBITS = "refused.law_prohibits"
    REFUSED_THREE_SAFETY = "refused.three_safety"
    REFUSED_THIRD_PARTY = "refused.third_party"
    REFUSED_INTERNAL_AFFAIRS = "refused.internal_affairs"
    REFUSED_PROCESS_INFO = "refused.process_info"
    REFUSED_ENFORCEMENT_FILE = "refused.enforcement_file"
    REFUSED_QUERY_MATTER = "refused.query_matter"
    UNABLE_NOT_HELD = "unable.not_held"
    UNABLE_NEEDS_CREATION = "unable.needs_creation"
    UNABLE_UNCLEAR_AFTER_CORRECTION = "unable.unclear_after_correction"
    NOT_PROCESSED_PETITION = "not_processed.petition"
    NOT_PROCESSED_REPEAT = "not_processed.repeat"
    NOT_PROCESSED_PUBLICATION = "not_processed.publication"
    NOT_PROCESSED_EXCESSIVE = "not_processed.excessive"
    NOT_PROCESSED_CONFIRMATION = "not_processed.confirmation"
    OTHER_NO_CORRECTION = "other.no_correction"
    OTHER_FEE_UNPAID = "other.fee_unpaid"
    OTHER_OTHER = "other.other"

    @property
    def facts(self) -> OutcomeFacts:
        return OUTCOME_FACTS[self]

    @property
    def category(self) -> OutcomeCategory:
        return OUTCOME_FACTS[self].category

    @property
    def label(self) -> str:
        return OUTCOME_FACTS[self].label

    @property
    def table_label(self) -> str:
        return OUTCOME_FACTS[self].table_label

    @classmethod
    def choices(cls) -> GroupedChoices:
        """Form choices: categories with several outcomes become option groups."""
        result: GroupedChoices = []
        for category in OutcomeCategory:
            outcomes = category.outcomes
            if len(outcomes) == 1:
                result.append((outcomes[0].value, outcomes[0].label))
            else:
                result.append((category.label, [(o.value, o.label) for o in outcomes]))
        return result


@dataclass(frozen=True)
class OutcomeFacts:
    category: OutcomeCategory
    label: str
    """Short name for forms and lists."""
    table_label: str
    """The row label of table 三, verbatim (国办公开办函〔2021〕30号)."""
    reply_types: tuple[ReplyType, ...]
    """The 第三十六条 reply types this outcome is; empty when the reply rests on another article."""
    articles: tuple[str, ...]
    """Articles of the 条例 the reply rests on, as cited in a reply letter."""
    reason: str
    """A sentence for the reply letter; empty where the handler must write the reason."""
    other_basis: tuple[str, ...] = ()
    """Instruments other than the 条例 the reply rests on."""

    @property
    def legal_basis(self) -> str:
        """E.g. "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"."""
        parts = []
        if self.articles:
            parts.append(REGULATION + "、".join(self.articles))
        parts.extend(self.other_basis)
        return "、".join(parts)


_WITHHELD = (ReplyType.WITHHELD,)
_ART_36_3 = ReplyType.WITHHELD.citation

# The mapping of rows to articles follows statutes.md §2.3 "Mapping of rows to articles".
OUTCOME_FACTS: dict[Outcome, OutcomeFacts] = {
    Outcome.GRANTED: OutcomeFacts(
        category=OutcomeCategory.GRANTED,
        label="予以公开",
        table_label="（一）予以公开",
        reply_types=(ReplyType.ALREADY_PUBLIC, ReplyType.DISCLOSED),
        articles=(ReplyType.ALREADY_PUBLIC.citation, ReplyType.DISCLOSED.citation),
        reason="您申请获取的政府信息属于可以公开的政府信息，本机关予以公开。",
    ),
    Outcome.PARTLY_GRANTED: OutcomeFacts(
        category=OutcomeCategory.PARTLY_GRANTED,
        label="部分公开",
        table_label="（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        reply_types=(ReplyType.DISCLOSED, ReplyType.WITHHELD),
        articles=("第三十七条",),
        reason=(
            "您申请获取的信息中含有不应当公开的内容，但能够作区分处理，"
            "本机关提供可以公开的内容，并对不予公开的内容说明理由。"
        ),
    ),
    Outcome.REFUSED_STATE_SECRET: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="属于国家秘密",
        table_label="1.属于国家秘密",
        reply_types=_WITHHELD,
        articles=("第十四条", _ART_36_3),
        reason="您申请获取的信息属于依法确定为国家秘密的政府信息，本机关不予公开。",
    ),
    Outcome.REFUSED_LAW_PROHIBITS: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="其他法律行政法规禁止公开",
        table_label="2.其他法律行政法规禁止公开",
        reply_types=_WITHHELD,
        articles=("第十四条", _ART_36_3),
        reason="您申请获取的信息属于法律、行政法规禁止公开的政府信息，本机关不予公开。",
    ),
    Outcome.REFUSED_THREE_SAFETY: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="危及“三安全一稳定”",
        table_label="3.危及“三安全一稳定”",
        reply_types=_WITHHELD,
        articles=("第十四条", _ART_36_3),
        reason=(
            "您申请获取的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，本机关不予公开。"
        ),
    ),
    Outcome.REFUSED_THIRD_PARTY: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="保护第三方合法权益",
        table_label="4.保护第三方合法权益",
        reply_types=_WITHHELD,
        articles=("第十五条", _ART_36_3),
        reason=(
            "您申请获取的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
            "本机关不予公开。"
        ),
    ),
    Outcome.REFUSED_INTERNAL_AFFAIRS: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="属于三类内部事务信息",
        table_label="5.属于三类内部事务信息",
        reply_types=_WITHHELD,
        articles=("第十六条第一款", _ART_36_3),
        reason=(
            "您申请获取的信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息，"
            "本机关不予公开。"
        ),
    ),
    Outcome.REFUSED_PROCESS_INFO: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="属于四类过程性信息",
        table_label="6.属于四类过程性信息",
        reply_types=_WITHHELD,
        articles=("第十六条第二款", _ART_36_3),
        reason=(
            "您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
            "磋商信函、请示报告等过程性信息，本机关不予公开。"
        ),
    ),
    Outcome.REFUSED_ENFORCEMENT_FILE: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="属于行政执法案卷",
        table_label="7.属于行政执法案卷",
        reply_types=_WITHHELD,
        articles=("第十六条第二款", _ART_36_3),
        reason="您申请获取的信息属于行政执法案卷信息，本机关不予公开。",
    ),
    Outcome.REFUSED_QUERY_MATTER: OutcomeFacts(
        category=OutcomeCategory.REFUSED,
        label="属于行政查询事项",
        table_label="8.属于行政查询事项",
        reply_types=(ReplyType.SPECIAL_PROCEDURE,),
        articles=(ReplyType.SPECIAL_PROCEDURE.citation,),
        reason=(
            "您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取"
            "有特别规定，请依照有关法律、行政法规的规定办理。"
        ),
    ),
    Outcome.UNABLE_NOT_HELD: OutcomeFacts(
        category=OutcomeCategory.UNABLE,
        label="本机关不掌握相关政府信息",
        table_label="1.本机关不掌握相关政府信息",
        reply_types=(ReplyType.NOT_EXISTING, ReplyType.NOT_RESPONSIBLE),
        articles=(ReplyType.NOT_EXISTING.citation, ReplyType.NOT_RESPONSIBLE.citation),
        reason="经检索，本机关没有您申请获取的政府信息，或者该信息不属于本机关负责公开。",
    ),
    Outcome.UNABLE_NEEDS_CREATION: OutcomeFacts(
        category=OutcomeCategory.UNABLE,
        label="没有现成信息需要另行制作",
        table_label="2.没有现成信息需要另行制作",
        reply_types=(),
        articles=("第三十八条",),
        reason="您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。",
    ),
    Outcome.UNABLE_UNCLEAR_AFTER_CORRECTION: OutcomeFacts(
        category=OutcomeCategory.UNABLE,
        label="补正后申请内容仍不明确",
        table_label="3.补正后申请内容仍不明确",
        reply_types=(),
        articles=("第三十条",),
        reason="您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。",
    ),
    Outcome.NOT_PROCESSED_PETITION: OutcomeFacts(
        category=OutcomeCategory.NOT_PROCESSED,
        label="信访举报投诉类申请",
        table_label="1.信访举报投诉类申请",
        reply_types=(),
        articles=("第三十九条第一款",),
        reason=(
            "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开"
            "申请处理，您可以通过相应渠道提出。"
        ),
    ),
    Outcome.NOT_PROCESSED_REPEAT: OutcomeFacts(
        category=OutcomeCategory.NOT_PROCESSED,
        label="重复申请",
        table_label="2.重复申请",
        reply_types=(ReplyType.REPEATED,),
        articles=(ReplyType.REPEATED.citation,),
        reason=(
            "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，"
            "本机关不予重复处理。"
        ),
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: OutcomeFacts(
        category=OutcomeCategory.NOT_PROCESSED,
        label="要求提供公开出版物",
        table_label="3.要求提供公开出版物",
        reply_types=(),
        articles=("第三十九条第二款",),
        reason="您要求提供的是政府公报、报刊、书籍等公开出版物，请通过本机关告知的途径获取。",
    ),
    Outcome.NOT_PROCESSED_EXCESSIVE: OutcomeFacts(
        category=OutcomeCategory.NOT_PROCESSED,
        label="无正当理由大量反复申请",
        table_label="4.无正当理由大量反复申请",
        reply_types=(),
        articles=("第三十五条",),
        reason=(
            "您申请公开政府信息的数量、频次明显超过合理范围，且所说明的理由不合理，本机关不予处理。"
        ),
    ),
    Outcome.NOT_PROCESSED_CONFIRMATION: OutcomeFacts(
        category=OutcomeCategory.NOT_PROCESSED,
        label="要求行政机关确认或重新出具已获取信息",
        table_label="5.要求行政机关确认或重新出具已获取信息",
        reply_types=(),
        articles=(),  # the 条例 has no article for this row; the handler states the reason
        reason=(
            "您的申请是要求行政机关确认或者重新出具已获取的信息，不属于政府信息公开申请，"
            "本机关不予处理。"
        ),
    ),
    Outcome.OTHER_NO_CORRECTION: OutcomeFacts(
        category=OutcomeCategory.OTHER,
        label="逾期不补正",
        table_label="1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        reply_types=(),
        articles=("第三十条",),
        reason="您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ),
    Outcome.OTHER_FEE_UNPAID: OutcomeFacts(
        category=OutcomeCategory.OTHER,
        label="逾期未缴纳信息处理费",
        table_label="2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        reply_types=(),
        articles=("第四十二条",),
        other_basis=(FEE_MEASURE,),
        reason=(
            "您逾期未按收费通知要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。"
        ),
    ),
    Outcome.OTHER_OTHER: OutcomeFacts(
        category=OutcomeCategory.OTHER,
        label="其他",
        table_label="3.其他",
        reply_types=(),
        articles=(),
        reason="",
    ),
}

"""The project's one rules module for deadlines: every statutory number, with its source.

“条例” is 《中华人民共和国政府信息公开条例》(国务院令第711号, in force 2019-05-15). Sources are
recorded in `Rule.basis` (shown to staff and applicants in explanations); how firmly each one
is established is noted in comments (see shared/reference/statutes.md). Numbers marked as
platform defaults come from local practice, not from a national text: units override them.

Day counts can be overridden per deployment with a mapping such as ``{"foi-reply": 20,
"foi-reply-extension": 20}`` (see `resolve_day_counts`); fixed calendar dates cannot.

Public API:

- `Rule`, `RuleKind`: one deadline rule.
- `RULES`: rule key → `Rule`; `get_rule(key)` raises `DeadlineError` for unknown keys.
- `PauseReason`, `PAUSE_REASONS`: why the foi-reply clock may stop, with label and basis.
- `FEE_PERIOD_PAUSES_FOI_REPLY`: default of the configurable fee-period rule.
- `resolve_day_counts(overrides)`: validated day counts, defaults filled in.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .errors import DeadlineError

REGULATION = "《政府信息公开条例》"
MESSAGE_RULES = "《平凉市2023年政务公开工作要点》（平政办发〔2023〕51号）第（八）项"


class RuleKind(StrEnum):
    WORKDAYS = "workdays"  # n working days after the start day
    YEAR_END = "year-end"  # a fixed calendar date of the year after the start's year
    MONTHS = "months"  # the same day n calendar months after the start (the month's last day
    # when it has no such day), not moved for holidays


@dataclass(frozen=True)
class Rule:
    """One deadline rule; texts are Chinese and read by staff and applicants."""

    key: str
    name: str
    start_label: str
    kind: RuleKind
    basis: str
    days: int = 0
    extension_days: int = 0
    extension_basis: str = ""
    pausable: bool = False
    correction_basis: str = ""
    due_month: int = 0
    due_day: int = 0
    months: int = 0

    @property
    def extendable(self) -> bool:
        return self.extension_days > 0

    @property
    def restarts_on_correction(self) -> bool:
        return bool(self.correction_basis)

    @property
    def extension_key(self) -> str:
        """Key of the extension in day-count overrides."""
        return f"{self.key}-extension"


_RULE_LIST = (
    Rule(
        key="foi-reply",
        name="依申请公开答复",
        # The receipt date depends on the channel (条例第三十一条); the caller determines it.
        start_label="收到申请之日",
        kind=RuleKind.WORKDAYS,
        days=20,
        basis=f"{REGULATION}第三十三条第二款",
        extension_days=20,
        extension_basis=f"{REGULATION}第三十三条第二款：延长的期限最长不得超过20个工作日",
        pausable=True,
        correction_basis=f"{REGULATION}第三十条：答复期限自收到补正的申请之日起计算",
    ),
    Rule(
        key="correction-notice",
        name="一次性告知补正",
        start_label="收到申请之日",
        kind=RuleKind.WORKDAYS,
        days=7,
        basis=f"{REGULATION}第三十条",
    ),
    Rule(
        key="third-party-reply",
        name="第三方或被征求意见机关提出意见",
        # The regulation counts from the third party's receipt of the letter; callers that only
        # know the sending date pass that, which errs on the early side.
        start_label="收到征求意见书之日",
        kind=RuleKind.WORKDAYS,
        days=15,
        basis=f"{REGULATION}第三十二条、第三十四条",
    ),
    Rule(
        key="fee-payment",
        name="缴纳信息处理费",
        # The 20 days are in provincial implementing notices (e.g. 四川 2021-01-18), not in the
        # national measure's text as read so far.
        start_label="收到收费通知之日",
        kind=RuleKind.WORKDAYS,
        days=20,
        basis="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）及各省实施规定",
    ),
    Rule(
        key="publish",
        name="主动公开",
        start_label="政府信息形成或者变更之日",
        kind=RuleKind.WORKDAYS,
        days=20,
        basis=f"{REGULATION}第二十六条",
    ),
    Rule(
        key="interpretation",
        name="发布政策解读",
        # No national text fixes this number; 3 is common in provincial 三同步 rules.
        start_label="政策文件公布之日",
        kind=RuleKind.WORKDAYS,
        days=3,
        basis="政策解读与政策文件同步发布要求（本平台默认值，可按本地规定调整）",
    ),
    # 平凉市 2023 (平政办发〔2023〕51号 (八)) is the local rule the three message clocks were read
    # from [V: seed]; no national text fixes them, so they stay platform defaults.
    Rule(
        key="message-error-report",
        name="答复网民找错留言",
        start_label="收到留言之日",
        kind=RuleKind.WORKDAYS,
        days=3,
        basis=f"{MESSAGE_RULES}：“我为政府网站找错”平台留言3个工作日内答复（本平台默认值，可按本地规定调整）",
    ),
    Rule(
        key="message-consultation",
        name="答复咨询留言",
        # Website checks flag simple, common questions answered after 5 working days (湖南 2022).
        start_label="收到留言之日",
        kind=RuleKind.WORKDAYS,
        days=5,
        basis=f"{MESSAGE_RULES}：互动交流平台咨询留言5个工作日内答复（本平台默认值，可按本地规定调整）",
    ),
    Rule(
        key="message-simple",
        name="答复简单常见问题留言",
        start_label="收到留言之日",
        kind=RuleKind.WORKDAYS,
        days=1,
        basis=f"{MESSAGE_RULES}：简单常见问题1个工作日内答复（本平台默认值，可按本地规定调整）",
    ),
    Rule(
        key="message-suggestion",
        name="答复建议留言",
        # No text found for suggestions and complaints: the consultation clock, configurable.
        start_label="收到留言之日",
        kind=RuleKind.WORKDAYS,
        days=5,
        basis="参照咨询留言答复时限；本平台默认值，可按本地规定调整",
    ),
    Rule(
        key="message-complaint",
        name="答复投诉留言",
        start_label="收到留言之日",
        kind=RuleKind.WORKDAYS,
        days=5,
        basis="参照咨询留言答复时限；本平台默认值，可按本地规定调整",
    ),
    Rule(
        key="message-three-months",
        name="有效留言未回应满3个月（单项否决）",
        # 国办秘函〔2019〕19号 [V-ish]: 监测时间点前1年内……存在超过3个月未回应有效留言的现象.
        start_label="收到留言之日",
        kind=RuleKind.MONTHS,
        months=3,
        basis="《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）单项否决指标“互动回应差”：超过3个月未回应有效留言",
    ),
    Rule(
        key="supervision-rectification",
        name="网站检查发现问题整改",
        # No national text fixes it: a platform default, set per deployment (GONGKAI_DEADLINE_DAYS).
        start_label="检查发现问题之日",
        kind=RuleKind.WORKDAYS,
        days=10,
        basis="网站与政务新媒体检查问题整改期限（本平台默认值，可按本地规定调整）",
    ),
    Rule(
        key="opinion-response-major",
        name="公开回应重大政务舆情",
        # 平政办发〔2023〕51号（七） asks for published responses and sets no number.
        start_label="监测发现舆情之日",
        kind=RuleKind.WORKDAYS,
        days=5,
        basis="政务舆情回应要求（平政办发〔2023〕51号未规定时限；本平台默认值，可按本地规定调整）",
    ),
    Rule(
        key="opinion-response",
        name="公开回应一般政务舆情",
        start_label="监测发现舆情之日",
        kind=RuleKind.WORKDAYS,
        days=10,
        basis="政务舆情回应要求（本平台默认值，可按本地规定调整）",
    ),
    # 政务公开专区 (平政办发〔2023〕51号（十一）, 积县政办发〔2021〕45号) set a standard, not a
    # clock: how often a zone is inspected and how soon a finding is fixed are platform defaults.
    Rule(
        key="zone-inspection",
        name="政务公开专区定期检查",
        start_label="上次检查之日",
        kind=RuleKind.MONTHS,
        months=3,
        basis="政务公开专区“五统一”建设标准（平政办发〔2023〕51号（十一））未规定检查周期；本平台默认每季度检查一次，可按本地规定调整",
    ),
    Rule(
        key="zone-finding-fix",
        name="政务公开专区检查问题整改",
        start_label="检查之日",
        kind=RuleKind.WORKDAYS,
        days=10,
        basis="政务公开专区“五统一”建设标准（平政办发〔2023〕51号（十一））未规定整改时限；本平台默认值，可按本地规定调整",
    ),
    Rule(
        key="annual-report-department",
        name="部门公布上一年度政府信息公开工作年度报告",
        start_label="报告年度",
        kind=RuleKind.YEAR_END,
        basis=f"{REGULATION}第四十九条第一款：每年1月31日前",
        due_month=1,
        due_day=31,
    ),
    Rule(
        key="annual-report-government",
        name="本级政府公布上一年度政府信息公开工作年度报告",
        start_label="报告年度",
        kind=RuleKind.YEAR_END,
        basis=f"{REGULATION}第四十九条第二款：每年3月31日前",
        due_month=3,
        due_day=31,
    ),
)

RULES: Mapping[str, Rule] = {rule.key: rule for rule in _RULE_LIST}


class PauseReason(StrEnum):
    THIRD_PARTY = "third-party"
    OTHER_ORGAN = "other-organ"
    FEE = "fee"


@dataclass(frozen=True)
class PauseRule:
    label: str
    basis: str


PAUSE_REASONS: Mapping[PauseReason, PauseRule] = {
    PauseReason.THIRD_PARTY: PauseRule(
        label="征求第三方意见", basis=f"{REGULATION}第三十二条、第三十三条第三款"
    ),
    PauseReason.OTHER_ORGAN: PauseRule(
        label="征求其他机关意见", basis=f"{REGULATION}第三十四条、第三十三条第三款"
    ),
    PauseReason.FEE: PauseRule(
        label="收费通知发出至申请人缴费",
        basis="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    ),
}

# Whether the period from fee notice to payment stops the foi-reply clock. Remembered from the
# measure but not yet read in its official text (statutes.md §3), hence configurable.
FEE_PERIOD_PAUSES_FOI_REPLY = True


def get_rule(key: str) -> Rule:
    """The rule named `key`; `DeadlineError` if there is none."""
    try:
        return RULES[key]
    except KeyError:
        raise DeadlineError(f"未知的期限规则：{key}（可用：{'、'.join(RULES)}）") from None


def resolve_day_counts(overrides: Mapping[str, int] | None) -> dict[str, int]:
    """Working-day counts by key: defaults overlaid with validated `overrides`.

    Keys are working-day rule keys and ``<key>-extension`` for extendable rules.
    """
    counts: dict[str, int] = {}
    for rule in _RULE_LIST:
        if rule.kind is RuleKind.WORKDAYS:
            counts[rule.key] = rule.days
            if rule.extendable:
                counts[rule.extension_key] = rule.extension_days
    for key, value in (overrides or {}).items():
        if key not in counts:
            if key in RULES:
                raise DeadlineError(f"规则 {key} 的期限是固定日期，不能设置工作日天数")
            raise DeadlineError(f"期限天数设置中有未知的规则：{key}")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise DeadlineError(f"规则 {key} 的天数应为正整数，实际为 {value!r}")
        counts[key] = value
    return counts

"""The facts a report's own text starts from, and the sentences that pre-fill sections 一, 五, 六.

The format asks for 总体情况 covering 主动公开 and 依申请公开 (statutes.md §2.1) and reports commonly
state the 信息处理费 actually collected under 六. The unit edits these sentences; they only spare it
from copying numbers by hand, which is where "数据不准" starts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class ReportFacts:
    period_name: str
    """2025年 / 2025年上半年."""
    subject: str
    """Who the sentences speak of: 本机关, or 示范县人民政府及所属单位 for a region's report."""
    documents_published: int
    rules_issued: int
    normative_issued: int
    interpretations_published: int
    requests_new: int
    requests_carried_in: int
    requests_closed: int
    requests_granted: int
    """予以公开 plus 部分公开."""
    requests_carried_out: int
    closed_late: int
    """Of the requests closed in the period (requests_closed, table 三's 办结 total), those
    replied to after their reply deadline (including any extension)."""
    fees_collected_count: int
    fees_collected_yuan: Decimal
    appeals: int
    appeals_corrected: int

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["fees_collected_yuan"] = str(self.fees_collected_yuan)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportFacts:
        data = dict(data)
        if "replies" in data:
            # Frozen by a published report before closed_late: its late count was taken over
            # the replies of the period, the nearest figure it holds.
            del data["replies"]
            data["closed_late"] = data.pop("replies_late")
        return cls(**{**data, "fees_collected_yuan": Decimal(data["fees_collected_yuan"])})


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01')):,}".replace(",", "")


def fee_line(facts: ReportFacts) -> str:
    if not facts.fees_collected_count:
        return f"{facts.period_name}，{facts.subject}未收取信息处理费。"
    return (
        f"{facts.period_name}，{facts.subject}依照《政府信息公开信息处理费管理办法》收取信息处理费"
        f"{facts.fees_collected_count}笔，共计{_yuan(facts.fees_collected_yuan)}元。"
    )


def overview_text(facts: ReportFacts) -> str:
    """一、总体情况: the figures of tables 二 to 四 in sentences."""
    proactive = (
        f"（一）主动公开。{facts.period_name}，{facts.subject}主动公开政府信息"
        f"{facts.documents_published}条，其中制发规章{facts.rules_issued}件、"
        f"行政规范性文件{facts.normative_issued}件，发布政策解读{facts.interpretations_published}篇。"
    )
    on_request = (
        f"（二）依申请公开。{facts.period_name}新收政府信息公开申请{facts.requests_new}件，"
        f"上年结转{facts.requests_carried_in}件；办结{facts.requests_closed}件，"
        f"其中予以公开或部分公开{facts.requests_granted}件；"
        f"结转下期继续办理{facts.requests_carried_out}件。"
    )
    if facts.appeals:
        corrected = (
            f"，其中结果被纠正{facts.appeals_corrected}件" if facts.appeals_corrected else ""
        )
        appeals = (
            f"（三）监督保障。{facts.period_name}因政府信息公开工作被申请行政复议、"
            f"提起行政诉讼{facts.appeals}件{corrected}。"
        )
    else:
        appeals = (
            f"（三）监督保障。{facts.period_name}未发生因政府信息公开工作被申请行政复议、"
            "提起行政诉讼的情况。"
        )
    return "\n".join((proactive, on_request, appeals))


def problems_text(facts: ReportFacts) -> str:
    """五、存在的主要问题及改进情况: the timeliness of replies, the one problem the data shows.

    It counts the requests table 三 counts as 办结, so the sentence and the table agree."""
    if facts.closed_late:
        return (
            f"{facts.period_name}办结的{facts.requests_closed}件申请中，有{facts.closed_late}件"
            "超过法定期限答复，依申请公开办理时限管理有待加强。"
        )
    if facts.requests_closed:
        return f"{facts.period_name}办结的{facts.requests_closed}件申请均在法定期限内办结。"
    return f"{facts.period_name}没有办结的政府信息公开申请。"


def other_matters_text(facts: ReportFacts) -> str:
    """六、其他需要报告的事项: starts with the fee line."""
    return fee_line(facts)


def prefilled_texts(facts: ReportFacts) -> dict[str, str]:
    """Sections 一, 五, 六 as the data states them, by the report's field names."""
    return {
        "overview": overview_text(facts),
        "problems": problems_text(facts),
        "other_matters": other_matters_text(facts),
    }

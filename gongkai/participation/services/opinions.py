"""政务舆情: recording, assessing, reporting and handling public-opinion items, and publishing
the responses in the unit's 政务舆情回应 column. The response clock is the deadline engine's
(`domain.opinion.clock_rule`), stored on the item and recomputed when a holiday is loaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.calendar.selectors import deadline_for
from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.search.index import sync_object

from ..domain.opinion import (
    OPEN_STATES,
    OpinionState,
    Source,
    Step,
    Value,
    check_step,
    clock_rule,
    close_problems,
)
from ..models import OpinionItem, OpinionResponse
from .common import clean_text, publish_gate, refuse, require_role


def _by(actor):
    return actor if getattr(actor, "pk", None) else None


@dataclass
class OpinionFacts:
    source: str
    summary: str
    detected_on: date
    source_name: str = ""
    source_url: str = ""
    message_reference: str = ""


def _apply(item: OpinionItem, facts: OpinionFacts) -> None:
    if facts.source not in Source._value2member_map_:
        raise DomainError("请选择舆情来源。")
    if facts.detected_on > timezone.localdate():
        raise DomainError("监测发现日期不能晚于今天。")
    url = clean_text(facts.source_url, "原文网址", max_chars=500)
    if url and not url.startswith(("http://", "https://")):
        raise DomainError("原文网址应以 http:// 或 https:// 开头。")
    item.source, item.source_url = facts.source, url
    item.summary = clean_text(facts.summary, "舆情摘要", max_chars=5000, required=True)
    item.source_name = clean_text(facts.source_name, "媒体或平台名称", max_chars=100)
    item.message_reference = clean_text(facts.message_reference, "留言编号", max_chars=64)
    item.detected_on = facts.detected_on


def _audit(actor, action: str, item: OpinionItem, **changes) -> None:
    audit_record(actor=actor, action=action, obj=item, changes=changes, unit=item.unit)


@transaction.atomic
def opinion_item_record(*, actor, unit: Unit, facts: OpinionFacts) -> OpinionItem:
    """检测收集: an item enters the register under the unit responsible for it."""
    require_role(actor, "opinion.manage", unit)
    item = OpinionItem(unit=unit, recorded_by=_by(actor))
    _apply(item, facts)
    item.save()
    _audit(
        actor,
        "opinion.record",
        item,
        source=item.source,
        summary=item.summary,
        detected_on=item.detected_on,
        message_reference=item.message_reference,
    )
    return item


def _locked(item: OpinionItem) -> OpinionItem:
    return OpinionItem.objects.select_for_update().select_related("unit").get(pk=item.pk)


def _due(item: OpinionItem) -> None:
    rule = clock_rule(item.value) if item.value else None
    if rule is None:
        item.response_due, item.due_provisional = None, False
        return
    deadline = deadline_for(rule, item.detected_on)
    item.response_due, item.due_provisional = deadline.due, deadline.provisional


@transaction.atomic
def opinion_item_update(*, actor, item: OpinionItem, facts: OpinionFacts) -> OpinionItem:
    item = _locked(item)
    require_role(actor, "opinion.manage", item.unit)
    if item.state not in OPEN_STATES:
        raise DomainError("已办结的舆情不能修改。")
    before = (item.source, item.summary, item.detected_on)
    _apply(item, facts)
    _due(item)
    item.save()
    _audit(
        actor,
        "opinion.update",
        item,
        before=list(before),
        after=[item.source, item.summary, item.detected_on],
    )
    return item


@transaction.atomic
def opinion_item_assess(*, actor, item: OpinionItem, value: str, assessment: str) -> OpinionItem:
    """分析研判: the response value, with reasons; it sets the response clock."""
    item = _locked(item)
    require_role(actor, "opinion.manage", item.unit)
    check_step(item.state, Step.ASSESS)
    if value not in Value._value2member_map_:
        raise DomainError("请选择回应价值：高、中或低。")
    item.value = value
    item.assessment = clean_text(assessment, "研判意见", max_chars=5000, required=True)
    item.assessed_by, item.assessed_at = _by(actor), timezone.now()
    item.state = OpinionState.ASSESSED
    _due(item)
    item.save()
    _audit(
        actor,
        "opinion.assess",
        item,
        value=value,
        assessment=item.assessment,
        response_due=item.response_due,
    )
    return item


@transaction.atomic
def opinion_item_report(*, actor, item: OpinionItem, note: str) -> OpinionItem:
    """归口报送: the item goes to the supervising office of the responsible unit's area."""
    item = _locked(item)
    require_role(actor, "opinion.manage", item.unit)
    check_step(item.state, Step.REPORT)
    office = item.unit.effective_supervising_office() or item.unit.parent
    if office is None:
        raise DomainError("该单位没有设置政务公开主管部门，请由管理员在单位信息中设置。")
    item.reported_to, item.reported_at = office, timezone.now()
    item.report_note = clean_text(note, "报送内容", max_chars=5000, required=True)
    item.save()
    _audit(actor, "opinion.report", item, reported_to=office.pk, note=item.report_note)
    return item


@transaction.atomic
def opinion_item_handle(
    *, actor, item: OpinionItem, handling: str, handled_on: date
) -> OpinionItem:
    """应对处理: what was done about it."""
    item = _locked(item)
    require_role(actor, "opinion.manage", item.unit)
    check_step(item.state, Step.HANDLE)
    if handled_on > timezone.localdate() or handled_on < item.detected_on:
        raise DomainError("处理日期应在监测发现日期与今天之间。")
    item.handling = clean_text(handling, "应对处理情况", max_chars=5000, required=True)
    item.handled_on = handled_on
    item.save()
    _audit(actor, "opinion.handle", item, handling=item.handling, handled_on=handled_on)
    return item


@transaction.atomic
def opinion_response_publish(
    *,
    actor,
    item: OpinionItem,
    title: str,
    text: str,
    link: str = "",
    published_on: date | None = None,
) -> OpinionResponse:
    """公开回应, in the responsible unit's 政务舆情回应 column, through the publication gate.
    An item may be answered again (what was done since)."""
    item = _locked(item)
    require_role(actor, "opinion.respond", item.unit)
    if item.state not in (OpinionState.ASSESSED, OpinionState.RESPONDED):
        check_step(item.state, Step.RESPOND)
    title = clean_text(title, "标题", max_chars=200, required=True)
    text = clean_text(text, "回应内容", max_chars=20_000, required=True)
    link = clean_text(link, "相关链接", max_chars=500)
    if link and not link.startswith(("http://", "https://")):
        raise DomainError("相关链接应以 http:// 或 https:// 开头。")
    published_on = published_on or timezone.localdate()
    if published_on > timezone.localdate():
        raise DomainError("发布日期不能晚于今天。")
    publish_gate(item.unit, [PublicText("标题", title), PublicText("回应内容", text)])
    response = OpinionResponse.objects.create(
        item=item,
        unit=item.unit,
        title=title,
        text=text,
        link=link,
        published_on=published_on,
        published_by=_by(actor),
    )
    item.state = OpinionState.RESPONDED
    item.save(update_fields=["state"])
    _audit(
        actor,
        "opinion.respond",
        item,
        response=response.pk,
        title=title,
        published_on=published_on,
        late=bool(item.response_due and published_on > item.response_due),
    )
    sync_object(response)
    return response


@transaction.atomic
def opinion_response_withdraw(*, actor, response: OpinionResponse, reason: str) -> OpinionResponse:
    """撤下 a published response (a correction follows as a new one); it stays on record."""
    response = (
        OpinionResponse.objects.select_for_update().select_related("unit").get(pk=response.pk)
    )
    require_role(actor, "opinion.respond", response.unit)
    if response.withdrawn_at is not None:
        raise DomainError("该回应已经撤下。")
    response.withdrawn_reason = clean_text(reason, "撤下原因", max_chars=1000, required=True)
    response.withdrawn_at = timezone.now()
    response.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    item = _locked(response.item)
    if not item.responses.filter(withdrawn_at__isnull=True).exists():
        item.state = OpinionState.ASSESSED
        item.save(update_fields=["state"])
    _audit(
        actor,
        "opinion.response_withdraw",
        item,
        response=response.pk,
        reason=response.withdrawn_reason,
    )
    sync_object(response)
    return response


@transaction.atomic
def opinion_item_close(*, actor, item: OpinionItem, reason: str) -> OpinionItem:
    """办结 without a public response: assessed as not needing one, or with the reason why."""
    item = _locked(item)
    require_role(actor, "opinion.manage", item.unit)
    check_step(item.state, Step.CLOSE)
    reason = clean_text(reason, "办结说明", max_chars=2000)
    refuse(close_problems(item.value or None, reason))
    item.state, item.closed_reason, item.closed_at = OpinionState.CLOSED, reason, timezone.now()
    item.save(update_fields=["state", "closed_reason", "closed_at"])
    _audit(actor, "opinion.close", item, reason=reason)
    return item


# --- The calendar's deadline holder --------------------------------------------------------


def _open_with_clock():
    return OpinionItem.objects.filter(
        state__in=[s.value for s in OPEN_STATES], response_due__isnull=False
    ).select_related("unit")


def recompute_opinion_deadlines(years: frozenset[int]) -> int:
    """Open items whose clock touches a changed year, recomputed; how many moved."""
    moved = 0
    for item in _open_with_clock():
        if not {item.detected_on.year, item.response_due.year} & years and not any(
            item.detected_on.year < y < item.response_due.year for y in years
        ):
            continue
        due, provisional = item.response_due, item.due_provisional
        _due(item)
        if (item.response_due, item.due_provisional) != (due, provisional):
            item.save(update_fields=["response_due", "due_provisional"])
            _audit(None, "opinion.deadline_recompute", item, response_due=[due, item.response_due])
            moved += 1
    return moved


def opinion_deadline_years() -> Iterable[int]:
    years: set[int] = set()
    for start, due in _open_with_clock().values_list("detected_on", "response_due"):
        years.update(range(start.year, due.year + 1))
    return years

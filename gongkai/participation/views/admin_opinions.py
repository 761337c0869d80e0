"""The staff-only register of public-opinion items (政务舆情): queues with the overdue ones
flagged, recording an item, and one page per item with the steps its state allows."""

from __future__ import annotations

from functools import partial

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.calendar.selectors import deadline_for
from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import can, units_for
from gongkai.messages.selectors import find_by_reference

from ..domain.opinion import OPEN_STATES, Step, allowed_steps, clock_rule, is_overdue
from ..forms import (
    AssessForm,
    CloseForm,
    HandleForm,
    OpinionForm,
    OpinionReportForm,
    ReasonForm,
    RespondForm,
)
from ..selectors import opinion_queues, visible_opinions
from ..services import opinions as services
from ..services.opinions import OpinionFacts
from .base import FormsPage, paginate, posted

QUEUES = {
    "open": _("办理中"),
    "new": _("待研判"),
    "overdue": _("已超期"),
    "reported": _("已报送"),
    "all": _("全部"),
}


def _facts(cleaned: dict) -> OpinionFacts:
    return OpinionFacts(
        source=cleaned["source"],
        summary=cleaned["summary"],
        detected_on=cleaned["detected_on"],
        source_name=cleaned["source_name"],
        source_url=cleaned["source_url"],
        message_reference=cleaned["message_reference"],
    )


class OpinionIndex(FormsPage):
    page_title = _("政务舆情")
    template_name = "participation/admin/opinions.html"

    def form_factories(self):
        if not units_for(self.request.user, "opinion.manage").exists():
            return {}
        return {"record": partial(OpinionForm, user=self.request.user)}

    def act(self, name, form):
        self.created = services.opinion_item_record(
            actor=self.request.user, unit=form.cleaned_data["unit"], facts=_facts(form.cleaned_data)
        )
        return "已登记，请尽快分析研判。"

    def after(self, name):
        return reverse("participation_admin:opinion", args=[self.created.pk])

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        queues = opinion_queues(self.request.user, today)
        queue = self.request.GET.get("queue", "open")
        if queue not in queues:
            queue = "open"
        items = queues[queue].order_by("response_due", "-detected_on", "-id")
        context = paginate(self.request, items)
        for item in context["page"].object_list:
            item.overdue = is_overdue(item.state, item.response_due, today)
        return super().get_context_data(
            tabs=[(key, QUEUES[key], queues[key].count()) for key in QUEUES],
            queue=queue,
            **context,
            **kwargs,
        )


class OpinionDetail(FormsPage):
    template_name = "participation/admin/opinion.html"
    parent_label = _("政务舆情")

    @property
    def parent_url(self):
        return reverse("participation_admin:opinions")

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(visible_opinions(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"舆情：{self.item.summary[:20]}"

    def form_factories(self):
        item, user, factories = self.item, self.request.user, {}
        manage = can(user, "opinion.manage", item.unit)
        respond = can(user, "opinion.respond", item.unit)
        steps = allowed_steps(item.state)
        if manage and item.state in OPEN_STATES:
            factories["facts"] = partial(
                OpinionForm,
                user=user,
                prefix="facts",
                initial={
                    "unit": item.unit,
                    "source": item.source,
                    "source_name": item.source_name,
                    "source_url": item.source_url,
                    "message_reference": item.message_reference,
                    "summary": item.summary,
                    "detected_on": item.detected_on,
                },
            )
        step_forms = {
            Step.ASSESS: (
                manage,
                partial(
                    AssessForm,
                    prefix="assess",
                    initial={"value": item.value, "assessment": item.assessment},
                ),
            ),
            Step.REPORT: (
                manage and item.reported_at is None,
                partial(OpinionReportForm, prefix="report"),
            ),
            Step.HANDLE: (
                manage,
                partial(HandleForm, prefix="handle", initial={"handling": item.handling}),
            ),
            Step.CLOSE: (manage, partial(CloseForm, prefix="close")),
        }
        for step, (allowed, factory) in step_forms.items():
            if allowed and step in steps:
                factories[step.value] = factory
        if respond and (Step.RESPOND in steps or item.state == "responded"):
            factories[Step.RESPOND.value] = partial(RespondForm, prefix="respond")
        if respond and item.responses.filter(withdrawn_at__isnull=True).exists():
            factories["withdraw"] = partial(ReasonForm, prefix="withdraw")
        return factories

    def act(self, name, form):
        user, item, cleaned = self.request.user, self.item, form.cleaned_data
        if name == "facts":
            if cleaned["unit"] != item.unit:
                raise DomainError("责任单位不能在此更改；请由上级单位重新登记。")
            services.opinion_item_update(actor=user, item=item, facts=_facts(cleaned))
            return "已保存。"
        if name == Step.ASSESS:
            services.opinion_item_assess(actor=user, item=item, **cleaned)
            return "已研判。"
        if name == Step.REPORT:
            services.opinion_item_report(actor=user, item=item, note=cleaned["note"])
            return "已报送政务公开主管部门。"
        if name == Step.HANDLE:
            services.opinion_item_handle(actor=user, item=item, **cleaned)
            return "已登记应对处理情况。"
        if name == Step.RESPOND:
            services.opinion_response_publish(actor=user, item=item, **cleaned)
            return "已在“政务舆情回应”栏目发布回应。"
        if name == Step.CLOSE:
            services.opinion_item_close(actor=user, item=item, reason=cleaned["reason"])
            return "已办结。"
        response = posted(self.request, item.responses.all(), "response")
        services.opinion_response_withdraw(actor=user, response=response, reason=cleaned["reason"])
        return "已撤下该回应。"

    def get_context_data(self, **kwargs):
        item, today = self.item, timezone.localdate()
        rule = clock_rule(item.value) if item.value else None
        return super().get_context_data(
            item=item,
            deadline=deadline_for(rule, item.detected_on) if rule else None,
            overdue=is_overdue(item.state, item.response_due, today),
            responses=item.responses.all(),
            message=find_by_reference(self.request.user, item.message_reference),
            **kwargs,
        )

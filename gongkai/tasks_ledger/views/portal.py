"""The public page of a work plan's 落实情况, for the plans a unit chose to publish."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import selectors
from ..domain.tree import task_tree


@require_GET
def plan_page(request, pk: int):
    plan = selectors.public_plan(pk)
    if plan is None:
        raise Http404("没有这份公开的工作台账。")
    today = timezone.localdate()
    tasks = selectors.with_statuses(selectors.plan_tasks(plan), today)
    return render(
        request,
        "ledger/portal/plan.html",
        {
            "plan": plan,
            "tree": task_tree(tasks),
            "article_title": f"{plan.title}落实情况",
            "column_name": "政务公开工作要点落实情况",
        },
    )

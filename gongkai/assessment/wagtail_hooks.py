"""The assessment in the Wagtail admin: its screens and its menu."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents import get_document_model

from gongkai.core.admin_components import scoped_submenu
from gongkai.core.file_access import FILE_ACCESS_HOOK
from gongkai.core.permissions import can

from .models import EnteredScore, Problem
from .views import admin as views

urlpatterns = [
    path("", views.SchemeIndexView.as_view(), name="schemes"),
    path("new/", views.SchemeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.SchemeView.as_view(), name="scheme"),
    path("<int:pk>/setup/", views.SchemeSetupView.as_view(), name="setup"),
    path("<int:pk>/headings/", views.HeadingAddView.as_view(), name="heading_add"),
    path("<int:pk>/items/", views.ItemAddView.as_view(), name="item_add"),
    path("<int:pk>/problems/", views.ProblemAddView.as_view(), name="problem_add"),
    path("items/<int:pk>/", views.ItemEditView.as_view(), name="item_edit"),
    path("items/<int:pk>/remove/", views.ItemRemoveView.as_view(), name="item_remove"),
    path("<int:pk>/units/<int:unit_pk>/", views.UnitView.as_view(), name="unit"),
    path(
        "<int:pk>/units/<int:unit_pk>/items/<int:item_pk>/",
        views.EvidenceView.as_view(),
        name="evidence",
    ),
    path(
        "<int:pk>/units/<int:unit_pk>/items/<int:item_pk>/object/",
        views.ObjectionFileView.as_view(),
        name="object",
    ),
    path(
        "<int:pk>/units/<int:unit_pk>/items/<int:item_pk>/score/",
        views.ScoreEnterView.as_view(),
        name="score",
    ),
    path("objections/<int:pk>/decide/", views.ObjectionDecideView.as_view(), name="decide"),
    path("problems/<int:pk>/close/", views.ProblemCloseView.as_view(), name="close"),
    path("problems/<int:pk>/reopen/", views.ProblemReopenView.as_view(), name="reopen"),
]


@hooks.register("register_admin_urls")
def register_assessment_urls():
    return [path("assessment/", include((urlpatterns, "assessment"), namespace="assessment"))]


@hooks.register("register_admin_menu_item")
def register_assessment_menu():
    return scoped_submenu(
        _("年度考核"),
        name="assessment",
        url_namespace="assessment",
        icon_name="clipboard-list",
        order=380,
        items=[(_("考核结果"), "schemes", "clipboard-list", "assessment.view")],
    )


@hooks.register(FILE_ACCESS_HOOK)
def evidence_access(user, stored):
    """Evidence of an entered score and proof of a 销号 are seen by whoever may see the unit's
    assessment page: the office running the scheme and the unit's own staff. Never the public."""
    if not isinstance(stored, get_document_model()):
        return None
    uses = [
        (e.item.scheme.unit, e.unit)
        for e in EnteredScore.objects.filter(evidence_file_id=stored.pk).select_related(
            "item__scheme__unit", "unit"
        )
    ] + [
        (p.scheme.unit, p.unit)
        for p in Problem.objects.filter(proof_file_id=stored.pk).select_related(
            "scheme__unit", "unit"
        )
    ]
    if not uses:
        return None
    if not (user and user.is_authenticated and user.is_active):
        return False
    return any(
        can(user, "assessment.manage", office) or can(user, "assessment.view", unit)
        for office, unit in uses
    )

"""The gazette in the Wagtail admin: its screens, its menu (政府公报), and the entry it writes in
a register document's history when an issue prints the document."""

from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from gongkai.core.admin_components import scoped_submenu

from .services import HISTORY_ACTION
from .views import admin as views

urlpatterns = [
    path("", views.IssuesView.as_view(), name="issues"),
    path("new/", views.IssueCreateView.as_view(), name="issue_new"),
    path("<int:pk>/", views.IssueView.as_view(), name="issue"),
    path("articles/<int:pk>/", views.ArticleView.as_view(), name="article"),
    path("points/", views.PointsView.as_view(), name="points"),
    path("points/<int:pk>/", views.PointsView.as_view(), name="point"),
]


@hooks.register("register_admin_urls")
def register_gazette_urls():
    return [path("gazette/", include((urlpatterns, "gazette_admin"), namespace="gazette_admin"))]


@hooks.register("register_admin_menu_item")
def register_gazette_menu():
    return scoped_submenu(
        _("政府公报"),
        name="gazette",
        url_namespace="gazette_admin",
        icon_name="doc-full",
        order=380,
        items=[
            (_("公报期次"), "issues", "doc-full", "gazette.view"),
            (_("赠阅点"), "points", "site", "gazette.view"),
        ],
    )


@hooks.register("register_log_actions")
def register_gazette_log_actions(actions):
    @actions.register_action(HISTORY_ACTION)
    class PrintedInGazette(LogFormatter):
        label = _("刊登于政府公报")

        def format_message(self, log_entry):
            return log_entry.data.get("citation", str(self.label))

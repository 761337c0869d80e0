"""Staff screens of the gazette, in the Wagtail admin. Reads come from ``selectors``, writes go
through ``services``; every object is looked up among what the user may view, so a URL outside
the user's scope answers 404. A published issue is shown read-only: no form is offered, and the
services refuse a change sent anyway."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.permissions import can, units_for

from .. import services
from ..forms import DocumentArticleForm, IssueForm, PointForm, TextArticleForm
from ..models import GazetteArticle
from ..render import sections_of
from ..selectors import correctable_articles, issue_articles, staff_issues, staff_points


class GazetteAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("gazette_admin:issues"), "label": _("政府公报")},
            {"url": "", "label": self.get_page_title()},
        ]

    def done(self, message: str, url: str) -> HttpResponseRedirect:
        messages.success(self.request, message)
        return HttpResponseRedirect(url)


def _editable_units(user):
    return units_for(user, "gazette.edit").filter(is_active=True).order_by("path")


class IssuesView(GazetteAdminView):
    template_name = "gazette/admin/issues.html"
    page_title = _("公报期次")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "issues": staff_issues(self.request.user)
            .annotate(article_count=Count("articles"))
            .order_by("unit__path", "-year", "-number"),
            "may_create": _editable_units(self.request.user).exists(),
        }


class IssueCreateView(GazetteAdminView):
    template_name = "gazette/admin/issue_form.html"
    page_title = _("新建一期")

    def dispatch(self, request, *args, **kwargs):
        self.units = _editable_units(request.user)
        if not self.units.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _initial(self) -> dict:
        unit = self.units.first()
        today = timezone.localdate()
        issues = staff_issues(self.request.user).filter(unit=unit)
        last_total = issues.aggregate(n=Max("total_number"))["n"] or 0
        last_number = issues.filter(year=today.year).aggregate(n=Max("number"))["n"] or 0
        return {
            "unit": unit,
            "year": today.year,
            "number": last_number + 1,
            "total_number": last_total + 1,
            "issue_date": today,
        }

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or IssueForm(initial=self._initial(), units=self.units)
        return {**super().get_context_data(**kwargs), "form": form}

    def post(self, request, *args, **kwargs):
        form = IssueForm(request.POST, units=self.units)
        if form.is_valid():
            try:
                issue = services.gazette_issue_create(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self.done(
                    _("已新建%(label)s，请添加文章。") % {"label": issue.label},
                    reverse("gazette_admin:issue", args=[issue.pk]),
                )
        return self.render_to_response(self.get_context_data(form=form))


class IssueView(GazetteAdminView):
    """One issue: its header and articles, editable while a draft; publishing; read-only
    once published."""

    template_name = "gazette/admin/issue.html"

    def dispatch(self, request, *args, pk: int, **kwargs):
        self.issue = get_object_or_404(staff_issues(request.user), pk=pk)
        user = request.user
        draft = not self.issue.is_published
        self.may_edit = draft and can(user, "gazette.edit", self.issue.unit)
        self.may_publish = draft and can(user, "gazette.publish", self.issue.unit)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.issue.gazette_name}{self.issue.label}"

    def _forms(self, data=None, which: str = "") -> dict:
        if not self.may_edit:
            return {}

        def bound(name):
            return {"data": data} if which == name else {}

        issue = self.issue
        return {
            "header": IssueForm(
                **bound("header"),
                initial={f: getattr(issue, f) for f in services.ISSUE_FIELDS},
                prefix="header",
            ),
            "document": DocumentArticleForm(**bound("document"), issue=issue, prefix="document"),
            "text": TextArticleForm(
                **bound("text"), correctable=correctable_articles(issue), prefix="text"
            ),
        }

    def get_context_data(self, **kwargs):
        forms = kwargs.pop("forms", None) or self._forms()
        articles = list(issue_articles(self.issue))
        return {
            **super().get_context_data(**kwargs),
            "issue": self.issue,
            "sections": sections_of(articles),
            "article_count": len(articles),
            "forms": forms,
            "may_edit": self.may_edit,
            "may_publish": self.may_publish,
            "problems": services.publication_problems_of(self.issue)
            if self.may_publish or self.may_edit
            else [],
        }

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        here = reverse("gazette_admin:issue", args=[self.issue.pk])
        try:
            if action in ("header", "document", "text"):
                return self._submit(action, here)
            if action == "publish":
                if not self.may_publish and not self.issue.is_published:
                    raise PermissionDenied
                issue = services.gazette_issue_publish(actor=request.user, issue=self.issue)
                return self.done(
                    _("%(label)s已出版，PDF版已生成（%(pages)s页）。")
                    % {"label": issue.label, "pages": issue.pdf_pages},
                    here,
                )
            if action == "delete":
                services.gazette_issue_delete(actor=request.user, issue=self.issue)
                return self.done(_("已删除草稿。"), reverse("gazette_admin:issues"))
            if action in ("up", "down", "remove"):
                article = get_object_or_404(
                    GazetteArticle, pk=_id(request.POST.get("article")), issue=self.issue
                )
                if action == "remove":
                    services.gazette_article_remove(actor=request.user, article=article)
                    return self.done(_("已移除文章。"), here)
                services.gazette_article_move(
                    actor=request.user, article=article, up=action == "up"
                )
                return HttpResponseRedirect(here + f"#article-{article.pk}")
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(here)
        raise Http404

    def _submit(self, which: str, here: str):
        forms = self._forms(self.request.POST, which)
        if not forms:
            # Published meanwhile, or not the user's to edit: the service refuses with the
            # reason, which the caller shows.
            services.gazette_issue_update(actor=self.request.user, issue=self.issue)
            raise Http404
        form = forms[which]
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if which == "header":
                    services.gazette_issue_update(actor=self.request.user, issue=self.issue, **data)
                    return self.done(_("已保存。"), here)
                if which == "document":
                    article = services.gazette_article_add(
                        actor=self.request.user,
                        issue=self.issue,
                        section=data["section"],
                        document=data["document"],
                    )
                else:
                    article = services.gazette_article_add(
                        actor=self.request.user, issue=self.issue, **data
                    )
                return self.done(
                    _("已添加《%(title)s》。") % {"title": article.title},
                    here + f"#article-{article.pk}",
                )
            except DomainError as error:
                if isinstance(error, PermissionDeniedError):
                    raise PermissionDenied(str(error)) from error
                form.add_error(None, str(error))
        return self.render_to_response(self.get_context_data(forms=forms), status=400)


def _id(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


class ArticleView(GazetteAdminView):
    """One article: its text, and while its issue is a draft its section, correction and (for
    a text of the gazette's own) text."""

    template_name = "gazette/admin/article.html"

    def dispatch(self, request, *args, pk: int, **kwargs):
        self.article = get_object_or_404(
            GazetteArticle.objects.filter(issue__in=staff_issues(request.user)).select_related(
                "issue__unit", "corrects__issue"
            ),
            pk=pk,
        )
        issue = self.article.issue
        self.may_edit = not issue.is_published and can(request.user, "gazette.edit", issue.unit)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.article.title

    def _form(self, data=None):
        article = self.article
        initial = {
            "section": article.section,
            "title": article.title,
            "doc_number": article.doc_number,
            "issuer": article.issuer,
            "written_on": article.written_on,
            "body": article.body,
            "corrects": article.corrects_id,
        }
        return TextArticleForm(
            data,
            initial=initial,
            correctable=correctable_articles(article.issue),
            register=article.document_id is not None,
        )

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or (self._form() if self.may_edit else None)
        return {
            **super().get_context_data(**kwargs),
            "article": self.article,
            "issue": self.article.issue,
            "form": form,
        }

    def post(self, request, *args, **kwargs):
        if not self.may_edit:
            raise PermissionDenied(_("已出版的公报不能修改。"))
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.gazette_article_update(
                    actor=request.user, article=self.article, **form.cleaned_data
                )
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self.done(
                    _("已保存。"),
                    reverse("gazette_admin:issue", args=[self.article.issue_id])
                    + f"#article-{self.article.pk}",
                )
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PointsView(GazetteAdminView):
    """赠阅点: the list, and the form to add one or (with ``pk``) change or remove one."""

    template_name = "gazette/admin/points.html"
    page_title = _("赠阅点")

    def dispatch(self, request, *args, pk: int | None = None, **kwargs):
        self.units = _editable_units(request.user)
        self.point = get_object_or_404(staff_points(request.user), pk=pk) if pk else None
        if self.point and not can(request.user, "gazette.edit", self.point.unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        if not self.units.exists():
            return None
        point = self.point
        initial = (
            {
                "unit": point.unit,
                "name": point.name,
                "address": point.address,
                "hours": point.hours,
                "phone": point.phone,
                "position": point.position,
                "is_active": point.is_active,
            }
            if point
            else {"unit": self.units.first()}
        )
        return PointForm(data, initial=initial, units=self.units)

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self._form()
        return {
            **super().get_context_data(**kwargs),
            "points": staff_points(self.request.user).order_by("unit__path", "position", "id"),
            "form": form,
            "editing": self.point,
        }

    def post(self, request, *args, **kwargs):
        back = reverse("gazette_admin:points")
        try:
            if request.POST.get("action") == "delete" and self.point:
                services.distribution_point_delete(actor=request.user, point=self.point)
                return self.done(_("已删除赠阅点。"), back)
            form = self._form(request.POST)
            if form is None:
                raise PermissionDenied
            if form.is_valid():
                try:
                    services.distribution_point_save(
                        actor=request.user, point=self.point, **form.cleaned_data
                    )
                except DomainError as error:
                    if isinstance(error, PermissionDeniedError):
                        raise
                    form.add_error(None, str(error))
                else:
                    return self.done(_("已保存赠阅点。"), back)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error

"""What every staff screen of public participation shares: the admin chrome, and pages that
carry several forms, each posted with its name and handled by one service call.

Every record is looked up in what the user may see (the ``visible_*`` selectors), so a URL
outside the user's scope answers 404; a refusal (`DomainError`) is shown on the form that
caused it, with what was typed kept and nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError

FormFactory = Callable[..., forms.Form]


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"
    parent_label = _("公众参与")
    parent_url = ""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.parent_url:
            items.append({"url": self.parent_url, "label": self.parent_label})
        return [*items, {"url": "", "label": self.get_page_title()}]


class ButtonForm(forms.Form):
    """A step with nothing to fill in (发布, 截止, 公布): the button is the form."""


class FormsPage(AdminPage):
    """A page with named forms. ``form_factories`` gives, for the current user and object,
    the forms they may use now; ``act`` runs the service of one and returns the success
    message."""

    def form_factories(self) -> dict[str, FormFactory]:
        return {}

    def act(self, name: str, form: forms.Form) -> str:
        raise NotImplementedError

    def after(self, name: str) -> str:
        return self.request.path

    def unbound_forms(self) -> dict[str, forms.Form]:
        return {name: factory() for name, factory in self.form_factories().items()}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self.unbound_forms())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs) -> HttpResponse:
        name = request.POST.get("form", "")
        factories = self.form_factories()
        if name not in factories:
            messages.error(request, "该操作现在不可用（可能已由他人处理），请查看页面的最新状态。")
            return HttpResponseRedirect(request.path)
        form = factories[name](data=request.POST, files=request.FILES)
        if form.is_valid():
            try:
                message = self.act(name, form)
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return HttpResponseRedirect(self.after(name))
        forms_ = self.unbound_forms()
        forms_[name] = form
        return self.render_to_response(self.get_context_data(forms=forms_, failed=name))


def paginate(request, items, per_page: int = 50) -> dict:
    value = request.GET.get("page", "1")
    page = Paginator(items, per_page).get_page(value if value.isdigit() else "1")
    return {"page": page, "page_range": page.paginator.get_elided_page_range(page.number)}


def posted(request, queryset, field: str):
    """The record a form names in a hidden field, looked up among the page's own records
    (``queryset``), so that a changed id can never reach another record."""
    value = request.POST.get(field, "")
    found = queryset.filter(pk=int(value)).first() if value.isdigit() else None
    if found is None:
        raise DomainError("所选的项目已不存在，请刷新页面后重试。")
    return found

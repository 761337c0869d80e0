"""The 发布检查例外 screen: the numbers recorded as fit to publish, and a form for reviewers to
record one for content that has no review of its own (catalog content, reports …).

Scoped like every staff screen: the list shows exceptions recorded on the units the user may
view, the form offers the units the user may record exceptions on (``gate.OVERRIDE_ACTION``).
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import units_for

from . import gate
from .models import CheckOverride

VIEW_ACTION = "document.view"


class ExceptionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None)
    number = forms.CharField(
        label=_("号码"),
        max_length=64,
        help_text=_(
            "一个完整的身份证号码、手机号码或银行卡号，按原样填写（可带空格、连字符或 +86）。"
        ),
    )
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "例如：村委会公开的联系电话。本单位及下级单位发布该号码时不再拦截；理由记入审计日志。"
        ),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PublicationExceptionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/admin/exceptions.html"
    page_title = _("发布检查例外")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("首页")},
            {"url": "", "label": self.page_title},
        ]

    def _form(self, data=None) -> ExceptionForm | None:
        units = units_for(self.request.user, gate.OVERRIDE_ACTION)
        return ExceptionForm(data, units=units) if units.exists() else None

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exceptions"] = (
            CheckOverride.objects.filter(
                kind=gate.PERSONAL_DATA, unit__in=units_for(self.request.user, VIEW_ACTION)
            )
            .select_related("unit", "by", "document")
            .order_by("-at", "-pk")[:200]
        )
        context["form"] = form if form is not None else self._form()
        return context

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if form is None:
            return redirect(request.path)
        if form.is_valid():
            try:
                override = gate.publication_exception_create(
                    actor=request.user,
                    unit=form.cleaned_data["unit"],
                    number=form.cleaned_data["number"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, f"已登记例外：{override.masked}（{override.unit.name}）。"
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


@hooks.register("register_admin_urls")
def register_exception_urls():
    return [
        path(
            "publication-exceptions/",
            PublicationExceptionsView.as_view(),
            name="documents_publication_exceptions",
        )
    ]

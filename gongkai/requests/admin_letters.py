"""Admin screens for the letter templates (依申请公开文书模板) of each unit, with a preview on a
sample request, and the staff download of generated letters.

Thin: checking, rendering and saving live in `letters`. A unit outside the user's
"request.templates" scope, or a letter outside `visible_requests`, answers 404.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import Unit
from gongkai.core.pdf import pdf_missing
from gongkai.core.permissions import units_for

from . import letters
from .domain.outcomes import Outcome
from .models import LetterKind, LetterTemplate

TEMPLATES_ACTION = "request.templates"


class UnitChoiceForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: "\u3000" * unit.depth + unit.name


class TemplateForm(forms.Form):
    body = forms.CharField(
        label=_("正文模板"),
        widget=forms.Textarea(attrs={"rows": 18, "lang": "zh-CN"}),
        strip=False,
        max_length=letters.MAX_TEMPLATE_LENGTH,
        help_text=_(
            "每行一段；{{名称}}为占位符，可用的占位符见下表；只有一个占位符且其值为空的行不显示；"
            "含“｜”的行为表格的一行。标题、编号、落款单位和日期由系统排版。"
        ),
    )
    outcome = forms.TypedChoiceField(
        label=_("预览时使用的办理结果"),
        choices=Outcome.choices(),
        coerce=Outcome,
        initial=Outcome.PARTLY_GRANTED.value,
        required=False,
        empty_value=Outcome.PARTLY_GRANTED,
    )

    def __init__(self, *args, kind: LetterKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind is not LetterKind.REPLY:
            del self.fields["outcome"]

    def clean_body(self) -> str:
        body = letters.normalise_body(self.cleaned_data["body"])
        try:
            letters.check_template(self.kind, body)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error
        return body


class LetterAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page_title != LetterTemplatesView.page_title:
            items.append(
                {
                    "url": reverse("requests_letter_templates"),
                    "label": LetterTemplatesView.page_title,
                }
            )
        return [*items, {"url": "", "label": self.get_page_title()}]

    def template_units(self) -> QuerySet[Unit]:
        units = units_for(self.request.user, TEMPLATES_ACTION).filter(is_active=True)
        if not units.exists():
            raise PermissionDenied("您没有可以管理文书模板的单位。")
        return units


class LetterTemplatesView(LetterAdminView):
    """The six kinds of letter for one unit: its own wording or the platform's."""

    template_name = "requests/admin/letters/index.html"
    page_title = _("依申请公开文书模板")

    def get(self, request):
        units = self.template_units()
        form = UnitChoiceForm(request.GET or None, units=units)
        unit = form.cleaned_data["unit"] if form.is_bound and form.is_valid() else None
        if unit is None:
            unit = units.order_by("depth", "path").first()
            form = UnitChoiceForm(initial={"unit": unit}, units=units)
        own = {t.kind: t for t in LetterTemplate.objects.filter(unit=unit)}
        rows = [
            (
                kind,
                own.get(kind.value),
                reverse("requests_letter_template_edit", args=[unit.pk, kind.value]),
            )
            for kind in LetterKind
        ]
        return self.render_to_response(
            self.get_context_data(form=form, unit=unit, rows=rows, pdf_missing=pdf_missing())
        )


class LetterTemplateEditView(LetterAdminView):
    template_name = "requests/admin/letters/edit.html"

    def dispatch(self, request, unit_id: int, kind: str):
        try:
            self.kind = LetterKind(kind)
        except ValueError:
            raise Http404 from None
        self.unit = get_object_or_404(
            units_for(request.user, TEMPLATES_ACTION).filter(is_active=True), pk=unit_id
        )
        self.own = LetterTemplate.objects.filter(unit=self.unit, kind=self.kind).first()
        return super().dispatch(request, unit_id, kind)

    def get_page_title(self):
        return f"{self.kind.label}（{self.unit.name}）"

    def url(self) -> str:
        return reverse("requests_letter_template_edit", args=[self.unit.pk, self.kind.value])

    def get(self, request, unit_id: int, kind: str):
        body = letters.template_body(self.unit, self.kind)
        form = TemplateForm(initial={"body": body}, kind=self.kind)
        return self.page(form, body=body, outcome=Outcome.PARTLY_GRANTED)

    def post(self, request, unit_id: int, kind: str):
        action = request.POST.get("action")
        if action == "reset":
            return self.reset()
        form = TemplateForm(request.POST, kind=self.kind)
        if not form.is_valid():
            return self.page(form)
        body = form.cleaned_data["body"]
        outcome = form.cleaned_data.get("outcome") or Outcome.PARTLY_GRANTED
        if action != "save":
            messages.warning(request, "以下为预览，模板尚未保存。")
            return self.page(form, body=body, outcome=outcome)
        try:
            letters.letter_template_save(
                actor=request.user, unit=self.unit, kind=self.kind, body=body
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            form.add_error("body", str(error))
            return self.page(form)
        messages.success(request, f"已保存{self.unit.name}的“{self.kind.label}”模板。")
        return redirect(self.url())

    def reset(self):
        try:
            letters.letter_template_reset(actor=self.request.user, unit=self.unit, kind=self.kind)
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(
                self.request, f"{self.unit.name}的“{self.kind.label}”已恢复为平台默认模板。"
            )
        return redirect(self.url())

    def page(self, form: TemplateForm, *, body: str | None = None, outcome: Outcome | None = None):
        preview, preview_error = None, ""
        if body is not None:
            try:
                preview = letters.letter_preview(
                    unit=self.unit, kind=self.kind, body=body, outcome=outcome
                )
            except DomainError as error:
                preview_error = str(error)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                unit=self.unit,
                kind=self.kind,
                own=self.own,
                placeholders=[
                    (p, p.name in letters.REQUIRED[self.kind])
                    for p in letters.placeholders_for(self.kind)
                ],
                preview=preview,
                preview_error=preview_error,
                pdf_missing=pdf_missing(),
                index_url=f"{reverse('requests_letter_templates')}?unit={self.unit.pk}",
            )
        )


class LetterDownloadView(View):
    """A generated letter, for staff who may see its request."""

    http_method_names = ["get"]

    def get(self, request, pk: int, fmt: str):
        return letters.letter_response_for_staff(user=request.user, letter_id=pk, fmt=fmt)


@hooks.register("register_admin_urls")
def register_letter_urls():
    return [
        path("letter-templates/", LetterTemplatesView.as_view(), name="requests_letter_templates"),
        path(
            "letter-templates/<int:unit_id>/<str:kind>/",
            LetterTemplateEditView.as_view(),
            name="requests_letter_template_edit",
        ),
        path(
            "request-letters/<int:pk>/<str:fmt>/",
            LetterDownloadView.as_view(),
            name="requests_letter_download",
        ),
    ]


class TemplatesMenuItem(MenuItem):
    def is_shown(self, request):
        return units_for(request.user, TEMPLATES_ACTION).exists()


# The submenu 依申请公开 (wagtail_hooks) collects the items registered under this hook.
@hooks.register("register_requests_menu_item")
def register_letter_templates_menu_item():
    return TemplatesMenuItem(
        _("文书模板"),
        reverse("requests_letter_templates"),
        name="requests-letter-templates",
        icon_name="doc-full",
        order=900,
    )

"""Admin upload: one or many files → the parsed fields shown for confirmation → registered.

Nothing is registered before the person has seen (and corrected) what was read from each file;
the files wait in `staging` meanwhile. Registering goes through `services.document_import`, the
same service as the command, so the checks, the duplicate rule and the work-plan tasks are the
same.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import units_for

from . import staging
from .candidate import Candidate, read_candidate
from .domain.errors import NotADocumentError
from .forms import ConfirmFormSet, UploadForm
from .services import ImportResult, ImportSummary, Outcome, Register, document_import

UPLOAD_SOURCE = "{name}（上传）"


@dataclass
class Preview:
    """One staged file as read: its candidate, or why it cannot be imported."""

    index: int
    name: str
    candidate: Candidate | None
    error: str = ""


def _previews(files: list[tuple[str, bytes]]) -> list[Preview]:
    previews = []
    today = timezone.localdate()
    for index, (name, data) in enumerate(files):
        try:
            candidate = read_candidate(
                data, name, modified=today, source=UPLOAD_SOURCE.format(name=name)
            )
        except NotADocumentError as error:
            previews.append(Preview(index, name, None, error.reason))
        else:
            previews.append(Preview(index, name, candidate))
    return previews


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("导入公文")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.units = units_for(request.user, "document.edit")
        if not self.units.exists():
            raise PermissionDenied("您没有可以登记公文的单位。")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def confirmation(self, token: str, previews: list[Preview], formset):
        by_index = {p.index: p for p in previews}
        rows = [(form, by_index.get(_index(form))) for form in formset]
        self.template_name = "importer/admin/confirm.html"
        return self.render_to_response(
            self.get_context_data(
                token=token,
                formset=formset,
                rows=[(form, preview) for form, preview in rows if preview is not None],
                failed=[p for p in previews if p.candidate is None],
            )
        )


def _index(form) -> int | None:
    value = form["file"].value()
    return int(value) if str(value).isdigit() else None


class UploadView(ImportView):
    template_name = "importer/admin/upload.html"

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=UploadForm(units=self.units)))

    def post(self, request):
        form = UploadForm(request.POST, request.FILES, units=self.units)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        token, _ = staging.stage(request.session, form.cleaned_data["files"])
        previews = _previews(staging.staged(request.session, token))
        unit = form.cleaned_data["unit"]
        initial = [
            {
                "file": p.index,
                "include": True,
                "title": p.candidate.title,
                "doc_number": p.candidate.doc_number,
                "written_on": p.candidate.written_on,
                "disclosure": p.candidate.disclosure,
                "unit": unit,
            }
            for p in previews
            if p.candidate is not None
        ]
        formset = ConfirmFormSet(initial=initial, units=self.units)
        return self.confirmation(token, previews, formset)


class ConfirmView(ImportView):
    def post(self, request):
        token = request.POST.get("token", "")
        files = staging.staged(request.session, token)
        if files is None:
            messages.error(request, "上传的文件已失效（可能已导入或超过一天），请重新上传。")
            return redirect("importer:upload")
        previews = _previews(files)
        formset = ConfirmFormSet(request.POST, units=self.units)
        if not formset.is_valid():
            return self.confirmation(token, previews, formset)
        summary = ImportSummary()
        summary.results += [
            ImportResult(UPLOAD_SOURCE.format(name=p.name), Outcome.FAILED, p.error)
            for p in previews
            if p.candidate is None
        ]
        by_index = {p.index: p for p in previews}
        registers: dict[int, Register] = {}
        for form in formset:
            data = form.cleaned_data
            preview = by_index.get(data["file"])
            if not data["include"] or preview is None or preview.candidate is None:
                continue
            candidate = replace(
                preview.candidate,
                title=data["title"],
                doc_number=data["doc_number"],
                written_on=data["written_on"],
                disclosure=data["disclosure"],
            )
            unit = data["unit"]
            if unit.pk not in registers:
                registers[unit.pk] = Register.of(unit)
            try:
                result = document_import(
                    actor=request.user, unit=unit, candidate=candidate, register=registers[unit.pk]
                )
            except DomainError as error:
                result = ImportResult(candidate.source, Outcome.FAILED, str(error))
            summary.results.append(result)
        staging.discard(request.session, token)
        self.template_name = "importer/admin/result.html"
        return self.render_to_response(
            self.get_context_data(summary=summary, lines=summary.lines())
        )

"""Staff screens of the catalog (标准目录), in the Wagtail admin. Thin: reads come from
``selectors``, every write goes through ``services``, and every object is looked up among what
the user may see, so a URL outside the user's scope answers 404."""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import Unit, UnitKind
from gongkai.core.permissions import can, units_for
from gongkai.documents.selectors import public_documents

from .. import exports, selectors, services
from ..domain.powers import compare_versions
from ..domain.sheets import TableError
from ..forms import (
    AdoptForm,
    AreaForm,
    EntryForm,
    FileDocumentForm,
    ImportForm,
    ItemForm,
    PowerForm,
    PowersImportForm,
    ProfileForm,
    ReasonForm,
    UnitChoiceForm,
)
from ..models import Area, CatalogEntry, CatalogItem, UnitProfile


def _id(text: str | None) -> int:
    """A database id from a query parameter; 0 (found nowhere) for anything else."""
    return int(text) if text and text.isdigit() else 0


def _refused(error: PermissionDeniedError):
    return PermissionDenied(str(error))


def visible_items(user):
    """Reference items (standards every unit reads), and the items of the catalogs the user may
    view, or whose 公开主体 is one of the user's units."""
    units = units_for(user, "catalog.view")
    return CatalogItem.objects.filter(
        Q(is_reference=True) | Q(unit__in=units) | Q(body_unit__in=units)
    ).select_related(
        "unit", "area", "parent", "body_unit", "reference__unit", "township_item__unit"
    )


class CatalogAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "list-ul"
    action = "catalog.view"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("catalog_admin:catalog"), "label": _("标准目录")},
            {"url": "", "label": self.get_page_title()},
        ]

    def choose_unit(self, request, action: str | None = None) -> Unit:
        """The unit of ``?unit=`` among those the user may act on, else the highest of them."""
        units = units_for(request.user, action or self.action).filter(is_active=True)
        form = UnitChoiceForm(request.GET or None, units=units)
        unit = (form.is_valid() and form.cleaned_data["unit"]) or units.order_by(
            "depth", "path"
        ).first()
        if unit is None:
            raise PermissionDenied("您没有可操作的单位。")
        self.unit_form = (
            form if form.is_bound else UnitChoiceForm(initial={"unit": unit}, units=units)
        )
        return unit


# --- A unit's catalog, and the reference catalogs -----------------------------------------


class CatalogView(CatalogAdminView):
    """本单位目录 (or, with ``reference``, 参考目录): the tree, adoption, import and export."""

    template_name = "catalog/admin/catalog.html"
    reference = False

    def get_page_title(self):
        return _("参考目录") if self.reference else _("本单位目录")

    @property
    def edit_action(self) -> str:
        return "catalog.manage_reference" if self.reference else "catalog.edit"

    def dispatch(self, request, *args, **kwargs):
        self.unit = self.choose_unit(
            request, self.edit_action if self.reference else "catalog.view"
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in exports.FORMATS:
            try:
                content = services.catalog_export(
                    actor=request.user, unit=self.unit, fmt=fmt, reference=self.reference
                )
            except PermissionDeniedError as error:
                raise _refused(error) from error
            spec = exports.FORMATS[fmt]
            name = f"{self.unit.name}{'参考目录' if self.reference else '政务公开标准目录'}.{spec.extension}"
            response = HttpResponse(content, content_type=spec.content_type)
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
            return response
        return super().get(request, *args, **kwargs)

    def _forms(self, data=None, files=None, which=""):
        def bound(name):
            return {"data": data, "files": files} if which == name else {}

        forms = {}
        if can(self.request.user, self.edit_action, self.unit):
            forms["import"] = ImportForm(**bound("import"), prefix="import")
            if not self.reference:
                sources = selectors.reference_sources()
                forms["adopt"] = AdoptForm(
                    **bound("adopt"),
                    prefix="adopt",
                    areas=Area.objects.filter(
                        is_active=True,
                        pk__in=CatalogItem.objects.filter(
                            is_reference=True, dropped_on__isnull=True
                        ).values("area_id"),
                    ),
                    sources=sources,
                )
        return forms

    def get_context_data(self, forms=None, import_problems=None, **kwargs):
        items = list(selectors.unit_items(self.unit, reference=self.reference))
        sections = selectors.catalog_tree(items)
        last = selectors.last_published([i.pk for i in items])
        gap_ids = set()
        if not self.reference:
            rows = selectors.gaps(Unit.objects.subtree_of(self.unit), timezone.localdate())
            gap_ids = {row.item.pk for row in rows if row.item.unit_id == self.unit.pk}
        for item in items:
            item.last_published = last.get(item.pk)
            item.has_gap = item.pk in gap_ids
        return super().get_context_data(
            unit=self.unit,
            unit_form=self.unit_form,
            reference=self.reference,
            sections=sections,
            forms=forms if forms is not None else self._forms(),
            can_edit=can(self.request.user, self.edit_action, self.unit),
            import_problems=import_problems or [],
            is_village=self.unit.kind == UnitKind.VILLAGE,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        which = request.POST.get("form", "")
        forms = self._forms(request.POST, request.FILES, which)
        form = forms.get(which)
        if form is None:
            raise PermissionDenied("您不能在此目录上执行该操作。")
        problems: list[str] = []
        if form.is_valid():
            try:
                message = self._save(which, form.cleaned_data)
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except TableError as error:
                problems = error.problems
                form.add_error(None, "导入失败，未写入任何数据，请按下列问题修改文件后重新导入。")
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return redirect(f"{request.path}?unit={self.unit.pk}")
        return self.render_to_response(self.get_context_data(forms=forms, import_problems=problems))

    def _save(self, which: str, data: dict) -> str:
        user = self.request.user
        if which == "import":
            upload = data["file"]
            summary = services.catalog_import(
                actor=user,
                unit=self.unit,
                data=upload.read(),
                filename=upload.name,
                reference=self.reference,
            )
            return summary.message
        summary = services.catalog_adopt(
            actor=user,
            unit=self.unit,
            area=data["area"],
            source=data["source"],
            adopted_on=data.get("adopted_on"),
        )
        return (
            f"已采用“{data['area'].name}”参考目录：新增 {len(summary.created)} 项，"
            f"关联已有事项 {len(summary.linked)} 项。"
        )


class ReferenceView(CatalogView):
    reference = True


# --- One item ------------------------------------------------------------------------------


class ItemView(CatalogAdminView):
    template_name = "catalog/admin/item.html"

    def dispatch(self, request, pk):
        self.item = get_object_or_404(visible_items(request.user), pk=pk)
        return super().dispatch(request, pk=pk)

    def get_page_title(self):
        return self.item.full_name

    def _forms(self, data=None, which=""):
        user, item = self.request.user, self.item

        def bound(name):
            return {"data": data} if which == name else {}

        forms = {}
        editable = can(
            user, "catalog.manage_reference" if item.is_reference else "catalog.edit", item.unit
        )
        if (
            not item.is_reference
            and not item.is_dropped
            and not item.is_group
            and services.may_file(user, item)
        ):
            forms["entry"] = EntryForm(**bound("entry"), prefix="entry")
            forms["document"] = FileDocumentForm(**bound("document"), prefix="document")
        if editable and not item.is_dropped:
            forms["drop"] = ReasonForm(**bound("drop"), prefix="drop")
        return forms

    def get_context_data(self, forms=None, **kwargs):
        item = self.item
        entries = list(
            CatalogEntry.objects.filter(item=item).select_related("document", "created_by")
        )
        public_ids = set(selectors.public_entries(item).values_list("pk", flat=True))
        for entry in entries:
            entry.is_public = entry.pk in public_ids
        gap = selectors.item_gap(item, timezone.localdate())
        return super().get_context_data(
            item=item,
            entries=selectors.sort_entries(entries),
            differences=selectors.item_differences(item),
            children=item.children.order_by("position", "pk"),
            gap=gap,
            forms=forms if forms is not None else self._forms(),
            can_edit=can(
                self.request.user,
                "catalog.manage_reference" if item.is_reference else "catalog.edit",
                item.unit,
            ),
            can_file=services.may_file(self.request.user, item),
            portal_url=None if item.is_reference or item.is_dropped else _portal_url(item),
            **kwargs,
        )

    def post(self, request, pk):
        which = request.POST.get("form", "")
        if which in {"restore", "withdraw"}:
            return self._simple(request, which)
        forms = self._forms(request.POST, which)
        form = forms.get(which)
        if form is None:
            raise PermissionDenied("您不能在此事项上执行该操作。")
        if form.is_valid():
            try:
                message = self._save(which, form.cleaned_data)
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return redirect("catalog_admin:item", pk=self.item.pk)
        return self.render_to_response(self.get_context_data(forms=forms))

    def _simple(self, request, which):
        try:
            if which == "restore":
                services.catalog_item_restore(actor=request.user, item=self.item)
                messages.success(request, "已恢复该事项。")
            else:
                entry = get_object_or_404(
                    CatalogEntry, pk=_id(request.POST.get("entry")), item=self.item
                )
                services.catalog_entry_withdraw(
                    actor=request.user, entry=entry, reason=request.POST.get("reason", "")
                )
                messages.success(request, "已撤下该内容。")
        except PermissionDeniedError as error:
            raise _refused(error) from error
        except DomainError as error:
            messages.error(request, str(error))
        return redirect("catalog_admin:item", pk=self.item.pk)

    def _save(self, which: str, data: dict) -> str:
        user, item = self.request.user, self.item
        if which == "entry":
            services.catalog_entry_create(actor=user, item=item, **data)
            return "已发布。"
        if which == "document":
            document = _find_document(data["query"])
            services.catalog_entry_file_document(actor=user, item=item, document=document)
            return f"已归集“{document.title}”。"
        services.catalog_item_drop(actor=user, item=item, reason=data["reason"])
        return "已删减该事项。"


def _portal_url(item: CatalogItem) -> str:
    from ..portal import item_url

    return item_url(item)


def _find_document(query: str):
    """The one public document a doc number, index number or title words name."""
    query = query.strip()
    documents = public_documents()
    exact = documents.filter(Q(doc_number=query) | Q(index_number=query))
    found = list(exact[:2]) or list(documents.filter(title__icontains=query)[:6])
    if not found:
        raise DomainError(f"没有找到已公开的公文“{query}”。只能归集已在门户网站公开的公文。")
    if len(found) > 1:
        titles = "；".join(f"{d.doc_number or '无文号'} {d.title}" for d in found[:5])
        raise DomainError(f"找到多份公文，请输入更完整的发文字号或标题：{titles}")
    return found[0]


class ItemFormView(CatalogAdminView):
    """Add an item (``items/new/?unit=&reference=&parent=``) or change one (``items/<pk>/edit/``)."""

    template_name = "catalog/admin/item_form.html"

    def dispatch(self, request, pk=None):
        user = request.user
        if pk is not None:
            self.item = get_object_or_404(visible_items(user), pk=pk)
            self.unit, self.reference, self.parent = (
                self.item.unit,
                self.item.is_reference,
                self.item.parent,
            )
        else:
            self.item = None
            self.reference = request.GET.get("reference") == "1"
            units = units_for(
                user, "catalog.manage_reference" if self.reference else "catalog.edit"
            )
            self.unit = get_object_or_404(units, pk=_id(request.GET.get("unit")))
            self.parent = None
            if parent_id := request.GET.get("parent"):
                self.parent = get_object_or_404(
                    CatalogItem,
                    pk=_id(parent_id),
                    unit=self.unit,
                    is_reference=self.reference,
                    parent__isnull=True,
                )
        action = "catalog.manage_reference" if self.reference else "catalog.edit"
        if not can(user, action, self.unit):
            raise PermissionDenied("您不能修改该目录。")
        return super().dispatch(request, pk=pk)

    def get_page_title(self):
        if self.item is not None:
            return f"修改事项：{self.item.full_name}"
        return f"在“{self.parent.name}”下增加二级事项" if self.parent else "增加事项"

    def _form(self, data=None):
        township_items = None
        if not self.reference and self.unit.kind == UnitKind.VILLAGE:
            township_items = selectors.township_items_for(self.unit).exclude(rule_kind="")
        initial = ItemForm.initial_for(self.item) if self.item else {}
        if self.item is None and not self.reference:
            from ..selectors import level_of

            initial["levels"] = [level_of(self.unit).value]
            initial["body_unit"] = self.unit.pk
        return ItemForm(
            data,
            initial=initial,
            unit=self.unit,
            reference=self.reference,
            new=self.item is None,
            parent=self.parent,
            township_items=township_items,
        )

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(
            form=form or self._form(),
            item=self.item,
            unit=self.unit,
            reference=self.reference,
            **kwargs,
        )

    def post(self, request, pk=None):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                if self.item is not None:
                    item = services.catalog_item_update(
                        actor=request.user, item=self.item, **form.item_fields()
                    )
                else:
                    data = form.cleaned_data
                    item = services.catalog_item_create(
                        actor=request.user,
                        unit=self.unit,
                        reference=self.reference,
                        area=data.get("area"),
                        village_topic=data.get("village_topic") or "",
                        parent=self.parent,
                        adopted_on=data.get("adopted_on"),
                        **form.item_fields(),
                    )
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已保存“{item.full_name}”。")
                return redirect("catalog_admin:item", pk=item.pk)
        return self.render_to_response(self.get_context_data(form=form))


class DifferencesView(CatalogAdminView):
    template_name = "catalog/admin/differences.html"
    page_title = _("与参考目录的差异")

    def get(self, request):
        self.unit = self.choose_unit(request)
        self.areas = selectors.adopted_areas(self.unit)
        self.area = self.areas.filter(pk=_id(request.GET.get("area"))).first() or self.areas.first()
        return super().get(request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            unit=self.unit,
            unit_form=self.unit_form,
            areas=self.areas,
            area=self.area,
            differences=selectors.differences(self.unit, self.area) if self.area else None,
            **kwargs,
        )


# --- Areas ---------------------------------------------------------------------------------


class AreasView(CatalogAdminView):
    template_name = "catalog/admin/areas.html"
    page_title = _("试点领域")

    def dispatch(self, request, pk=None):
        self.area = get_object_or_404(Area, pk=pk) if pk else None
        self.can_manage = services.may_manage_areas(request.user)
        if not units_for(request.user, "catalog.view").exists():
            raise PermissionDenied("您没有查看标准目录的权限。")
        return super().dispatch(request, pk=pk)

    def get_context_data(self, form=None, **kwargs):
        if form is None and self.can_manage:
            form = AreaForm(instance=self.area)
        return super().get_context_data(
            areas=Area.objects.all(),
            form=form,
            editing=self.area,
            can_manage=self.can_manage,
            **kwargs,
        )

    def post(self, request, pk=None):
        if not self.can_manage:
            raise PermissionDenied("只有顶级单位的政务公开主管部门或管理员可以维护试点领域。")
        form = AreaForm(
            request.POST, instance=Area.objects.get(pk=self.area.pk) if self.area else None
        )
        if form.is_valid():
            try:
                area = services.area_save(actor=request.user, area=self.area, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已保存“{area.name}”。")
                return redirect("catalog_admin:areas")
        return self.render_to_response(self.get_context_data(form=form))


# --- Gaps (查缺补漏) -------------------------------------------------------------------------


class GapsView(CatalogAdminView):
    template_name = "catalog/admin/gaps.html"
    page_title = _("查缺补漏")
    action = "catalog.gaps"

    def get(self, request):
        self.unit = self.choose_unit(request)
        return super().get(request)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        units = Unit.objects.subtree_of(self.unit)
        rows = selectors.gaps(units, today)
        return super().get_context_data(
            unit=self.unit,
            unit_form=self.unit_form,
            groups=selectors.gaps_by_unit(rows),
            total=len(rows),
            trend=selectors.trend(units, today),
            today=today,
            **kwargs,
        )


# --- Powers list (权责清单) ------------------------------------------------------------------


class PowersView(CatalogAdminView):
    template_name = "catalog/admin/powers.html"
    page_title = _("权责清单")

    def dispatch(self, request, *args, **kwargs):
        self.unit = self.choose_unit(request)
        self.versions = list(selectors.powers_versions(self.unit))
        self.version = self.versions[0] if self.versions else None
        if text := request.GET.get("version"):
            chosen = [v for v in self.versions if str(v.number) == text]
            if not chosen:
                raise Http404
            self.version = chosen[0]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, problems=None, **kwargs):
        can_edit = can(self.request.user, "catalog.powers", self.unit)
        changes = None
        older = [v for v in self.versions if self.version and v.number < self.version.number]
        if older:
            changes = compare_versions(
                [p.to_data() for p in selectors.version_powers(older[0])],
                [p.to_data() for p in selectors.version_powers(self.version)],
            )
        return super().get_context_data(
            unit=self.unit,
            unit_form=self.unit_form,
            versions=self.versions,
            version=self.version,
            is_current=bool(self.versions) and self.version == self.versions[0],
            powers=selectors.version_powers(self.version),
            changes=changes,
            can_edit=can_edit,
            form=form
            if form is not None
            else (PowersImportForm(prefix="import") if can_edit else None),
            problems=problems or [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = PowersImportForm(request.POST, request.FILES, prefix="import")
        problems: list[str] = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version = services.powers_import(
                    actor=request.user,
                    unit=self.unit,
                    data=upload.read(),
                    filename=upload.name,
                    note=form.cleaned_data["note"],
                    effective_on=form.cleaned_data.get("effective_on"),
                )
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except TableError as error:
                problems = error.problems
                form.add_error(None, "导入失败，未生成新版本，请按下列问题修改文件后重新导入。")
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已生成第{version.number}版权责清单。")
                return redirect(f"{request.path}?unit={self.unit.pk}")
        return self.render_to_response(self.get_context_data(form=form, problems=problems))


class PowerEditView(CatalogAdminView):
    """Add a power, change one or take it out of the current version: a new version each time."""

    template_name = "catalog/admin/power_form.html"

    def dispatch(self, request, *args, **kwargs):
        units = units_for(request.user, "catalog.powers")
        self.unit = get_object_or_404(units, pk=_id(request.GET.get("unit")))
        version = selectors.current_powers_version(self.unit)
        self.powers = selectors.version_powers(version)
        self.position = None
        if text := request.GET.get("position"):
            if not text.isdigit() or not 1 <= int(text) <= len(self.powers):
                raise Http404
            self.position = int(text)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "修改权责事项" if self.position else "增加权责事项"

    def get_context_data(self, form=None, **kwargs):
        if form is None:
            initial = {}
            if self.position:
                power = self.powers[self.position - 1]
                initial = {
                    f: getattr(power, f)
                    for f in (
                        "kind",
                        "code",
                        "name",
                        "subitem",
                        "basis",
                        "body",
                        "duties",
                        "accountability",
                        "remarks",
                    )
                }
            form = PowerForm(initial=initial)
        return super().get_context_data(
            form=form,
            unit=self.unit,
            position=self.position,
            remove_form=ReasonForm(prefix="remove"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        back = f"{reverse('catalog_admin:powers')}?unit={self.unit.pk}"
        if request.POST.get("form") == "remove" and self.position:
            try:
                services.power_remove(
                    actor=request.user,
                    unit=self.unit,
                    position=self.position,
                    note=request.POST.get("remove-reason", ""),
                )
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except DomainError as error:
                messages.error(request, str(error))
                return redirect(request.get_full_path())
            messages.success(request, "已取消该事项，生成了新版本。")
            return redirect(back)
        form = PowerForm(request.POST)
        if form.is_valid():
            try:
                services.power_save(
                    actor=request.user,
                    unit=self.unit,
                    data=form.power(),
                    note=form.cleaned_data["note"],
                    position=self.position,
                )
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "已保存，生成了新版本。")
                return redirect(back)
        return self.render_to_response(self.get_context_data(form=form))


# --- Functions directory (机构职能) -------------------------------------------------------------


class FunctionsView(CatalogAdminView):
    template_name = "catalog/admin/functions.html"
    page_title = _("机构职能")
    action = "catalog.functions"

    def dispatch(self, request, *args, **kwargs):
        self.unit = self.choose_unit(request)
        return super().dispatch(request, *args, **kwargs)

    def _initial(self) -> dict:
        profile = UnitProfile.objects.filter(unit=self.unit).first()
        divisions = "\n".join(
            f"{d.name}：{d.duties}" for d in self.unit.internal_divisions.order_by("position")
        )
        if profile is None:
            return {"functions": self.unit.functions, "listed": True, "divisions": divisions}
        return {
            "functions": profile.functions,
            "legal_basis": profile.legal_basis,
            "leadership": profile.leadership,
            "listed": profile.listed,
            "divisions": divisions,
        }

    def get_context_data(self, form=None, **kwargs):
        level = selectors.government_level(self.unit)
        return super().get_context_data(
            unit=self.unit,
            unit_form=self.unit_form,
            form=form or ProfileForm(initial=self._initial()),
            level=level,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.unit_profile_save(actor=request.user, unit=self.unit, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise _refused(error) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"已保存{self.unit.name}的机构职能。")
                return redirect(f"{request.path}?unit={self.unit.pk}")
        return self.render_to_response(self.get_context_data(form=form))

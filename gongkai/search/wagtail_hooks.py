"""The back-office screen of the search synonyms (设置 → 检索同义词): list, add, edit, delete,
each save through the services (permission, audit)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.core.admin_views import ServiceFormMixin

from . import services
from .forms import SynonymGroupForm
from .models import SynonymGroup
from .permissions import SynonymPermissionPolicy

register_permission_policy(SynonymGroup, SynonymPermissionPolicy(SynonymGroup))


class SynonymGroupCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return services.synonym_group_create(
            actor=self.request.user, terms=self.form.cleaned_data["terms"]
        )

    def get_success_message(self, instance):
        return _("已添加同义词组“%(terms)s”，下一次检索即生效。") % {"terms": instance.terms}


class SynonymGroupEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        return services.synonym_group_update(
            actor=self.request.user, group=self.object, terms=self.form.cleaned_data["terms"]
        )

    def get_success_message(self):
        return _("已保存同义词组“%(terms)s”，下一次检索即生效。") % {"terms": self.object.terms}


class SynonymGroupDeleteView(generic.DeleteView):
    def delete_action(self):
        services.synonym_group_delete(actor=self.request.user, group=self.object)

    def get_success_message(self):
        return _("已删除同义词组“%(terms)s”。") % {"terms": self.object.terms}


class SynonymGroupViewSet(ModelViewSet):
    model = SynonymGroup
    name = "search_synonyms"
    icon = "search"
    menu_label = _("检索同义词")
    add_to_settings_menu = True
    list_display = [
        Column("terms", label=_("同义词"), accessor="terms"),
        "source",
        "updated_at",
    ]
    search_fields = ["terms"]
    add_view_class = SynonymGroupCreateView
    edit_view_class = SynonymGroupEditView
    delete_view_class = SynonymGroupDeleteView
    panels = [FieldPanel("terms")]

    def get_form_class(self, for_update=False):
        return SynonymGroupForm


@hooks.register("register_admin_viewset")
def register_synonym_viewset():
    return SynonymGroupViewSet()

"""Wagtail admin screens scoped by the unit permission policy.

Lists show only the records in the user's scope, and an edit or delete URL for a record outside
it answers 404, because the object is looked up in the scoped queryset (``permissions``).
Saving goes through the services so the audit log is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.admin.views import generic

from .domain.errors import DomainError


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        ).order_by(*self.model._meta.ordering)


class ScopedObjectMixin:
    scoped_action = "change"

    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.scoped_action
        )


class ChineseValuesMixin:
    """An inspect view's values as a clerk reads them: Wagtail shows a yes/no field and an
    empty one as Python writes them ("True", "False", "None")."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return _("未定")
        if isinstance(value, bool):
            return _("是") if value else _("否")
        return value


class ScopedInspectView(ChineseValuesMixin, generic.InspectView):
    """Wagtail's inspect view looks its object up by id alone; here, among what the user may
    view (as the list)."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.permission_policy.instances_user_has_permission_for(self.request.user, "view"),
            pk=unquote(str(self.pk)),
        )


class ServiceFormMixin:
    """Let a service refuse a save with a Chinese message shown on the form, not a crash."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            form.add_error(None, str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    scoped_action = "delete"

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except DomainError as error:
            messages.error(self.request, str(error))
            return self.get(self.request)

"""Pieces every module's admin screens use: a menu item shown only to users who may act on some
unit, and a home-page panel listing a module's reminders."""

from __future__ import annotations

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .permissions import units_for


class ScopedMenuItem(MenuItem):
    """Shown to users who may perform ``action`` on some unit."""

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def is_shown(self, request):
        return units_for(request.user, self.action).exists()


class RemindersPanel(Component):
    """A home-page panel: ``reminders`` rendered by the module's own template."""

    def __init__(self, reminders: list, *, name: str, template_name: str, order: int):
        self.reminders = reminders
        self.name = name
        self.template_name = template_name
        self.order = order

    def get_context_data(self, parent_context):
        return {"reminders": self.reminders}

"""Pieces every module's admin screens use: a menu whose items are shown only to users who may
act on some unit, and a home-page panel listing a module's reminders."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from .permissions import units_for


class ScopedMenuItem(MenuItem):
    """Shown to users who may perform ``action`` on some unit."""

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def is_shown(self, request):
        return units_for(request.user, self.action).exists()


def scoped_submenu(
    label: str,
    *,
    name: str,
    url_namespace: str,
    icon_name: str,
    order: int,
    items: Sequence[tuple[str, str, str, str]],
    register_hook_name: str | None = None,
) -> SubmenuMenuItem:
    """A module's admin menu. ``items`` are ``(label, url name, icon, action)`` in order; each is
    shown to users who may perform its action on some unit. Items are ordered 10, 20, … so that
    ``register_hook_name`` can let other modules put theirs in between."""
    return SubmenuMenuItem(
        label,
        Menu(
            register_hook_name=register_hook_name,
            items=[
                ScopedMenuItem(
                    item_label,
                    reverse(f"{url_namespace}:{url_name}"),
                    name=f"{name}-{url_name}",
                    icon_name=icon,
                    order=position * 10,
                    action=action,
                )
                for position, (item_label, url_name, icon, action) in enumerate(items, start=1)
            ],
        ),
        name=name,
        icon_name=icon_name,
        order=order,
    )


class RemindersPanel(Component):
    """A home-page panel: ``reminders`` rendered by the module's own template."""

    def __init__(self, reminders: list, *, name: str, template_name: str, order: int):
        self.reminders = reminders
        self.name = name
        self.template_name = template_name
        self.order = order

    def get_context_data(self, parent_context):
        return {"reminders": self.reminders}

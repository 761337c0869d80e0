"""Admin screens of the document register. Each screen module registers its own hooks; importing
them here is what makes Wagtail (which only discovers ``wagtail_hooks``) see them."""

from . import admin_documents, admin_gate, admin_ledger, attachment_access  # noqa: F401

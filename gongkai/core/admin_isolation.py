"""Unit isolation for every admin URL at once, not view by view.

Wagtail's generic screens (history, usage, inspect, choosers, bulk-action confirmations…) look
their objects up by the id in the URL without asking the permission policy, and a bulk-action
page lists by title even the records the user may not act on. So the rule is kept here, before
any view runs (``AdminIsolationMiddleware``): an admin URL that names records of a model, by the
id in its path or by ``id`` in its query, may name only records the user may see under the
model's permission policy (``permissions.admin_visible``); anything else is a 404, the answer a
missing record gets. ``gongkai/core/tests/test_security_isolation.py`` walks every admin URL to
keep it true.

Wagtail's admin API lists every stored file and image by title to any admin user; here its
endpoints answer with what the user may choose, as Wagtail's own choosers do.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from .permissions import UnitScopedPermissionPolicy, admin_visible

_ADMIN_PREFIX = SimpleLazyObject(lambda: reverse("wagtailadmin_home"))
# How Wagtail's URLs name one record, and which model when the view serves several.
_ID_KWARGS = ("pk", "object_id")
_MODEL_KWARGS = (("app_label", "model_name"), ("content_type_app_name", "content_type_model_name"))
# Bulk actions and multiple choice name their records in the query.
_ID_PARAMETER = "id"
# Wagtail's "select everything in the listing": the listing of another unit's records is not
# the user's to select.
_ALL = "all"


def _as_model(value):
    """A model class from what a view keeps as its model: a class or an "app.Model" label."""
    if isinstance(value, str):
        try:
            return apps.get_model(value)
        except (LookupError, ValueError):
            return None
    return value if isinstance(value, type) and issubclass(value, models.Model) else None


def _model_of(view_func, kwargs: dict):
    model = _as_model(getattr(view_func, "view_initkwargs", {}).get("model")) or _as_model(
        getattr(getattr(view_func, "view_class", None), "model", None)
    )
    if model is not None:
        return model
    for app_name, model_name in _MODEL_KWARGS:
        if app_name in kwargs and model_name in kwargs:
            try:
                return apps.get_model(kwargs[app_name], kwargs[model_name])
            except LookupError:
                return None
    return None


def _named_ids(request, kwargs: dict, model) -> list[str]:
    """The records of ``model`` the URL names. The path's id counts for unit-owned models only:
    Wagtail's own models (pages, users, collections…) keep Wagtail's permission checks."""
    ids = request.GET.getlist(_ID_PARAMETER)
    if isinstance(policy_registry.get_by_type(model), UnitScopedPermissionPolicy):
        ids += [str(kwargs[name]) for name in _ID_KWARGS if name in kwargs]
    return ids


def _all_visible(user, model, ids: list[str]) -> bool:
    if _ALL in ids:
        return False
    wanted = set(ids)
    try:
        found = admin_visible(user, model).filter(pk__in=wanted).values_list("pk", flat=True)
        return {str(pk) for pk in found} == wanted
    except (ValueError, TypeError, ValidationError):
        return False


class AdminIsolationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if (
            not request.path.startswith(str(_ADMIN_PREFIX))
            or user is None
            or not user.is_authenticated
            or user.is_superuser
        ):
            return None
        model = _model_of(view_func, view_kwargs)
        if model is None:
            return None
        ids = _named_ids(request, view_kwargs, model)
        if ids and not _all_visible(user, model, ids):
            raise Http404
        return None


class _ChoosableOnly:
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(
                pk__in=policy_registry.get_by_type(self.model)
                .instances_user_has_any_permission_for(self.request.user, ["choose"])
                .values("pk")
            )
        )


class ScopedDocumentsAdminAPIViewSet(_ChoosableOnly, DocumentsAdminAPIViewSet):
    pass


class ScopedImagesAdminAPIViewSet(_ChoosableOnly, ImagesAdminAPIViewSet):
    pass


# After Wagtail's own registrations, which these replace.
@hooks.register("construct_admin_api", order=1000)
def scope_stored_files_in_the_admin_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)

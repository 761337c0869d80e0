"""后台 → 开放接口密钥: the keys made for clients of the open data API, making and stopping them.

A new key is shown once, on the page that made it; only its digest is kept."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from gongkai.core.admin_components import ScopedMenuItem
from gongkai.core.domain.errors import DomainError, PermissionDeniedError

from .domain.limits import KEY_PER_HOUR, MAX_KEY_PER_HOUR
from .models import ApiKey
from .services import ACTION, api_key_create, api_key_revoke, may_manage_keys


class KeyForm(forms.Form):
    name = forms.CharField(label=_("使用方"), max_length=100)
    contact = forms.CharField(label=_("联系人及联系方式"), max_length=200, required=False)
    hourly_limit = forms.IntegerField(
        label=_("每小时请求上限"), min_value=1, max_value=MAX_KEY_PER_HOUR, initial=KEY_PER_HOUR
    )


class KeysView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "api/admin/keys.html"
    page_title = _("开放接口密钥")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage_keys(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            keys=ApiKey.objects.select_related("created_by"),
            form=kwargs.pop("form", None) or KeyForm(),
            **kwargs,
        )

    def post(self, request):
        if "revoke" in request.POST:
            chosen = request.POST["revoke"]
            try:
                api_key_revoke(actor=request.user, key_id=int(chosen) if chosen.isdigit() else 0)
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("密钥已停用。"))
            return redirect(reverse("api_keys:index"))
        form = KeyForm(request.POST)
        if form.is_valid():
            try:
                key, plain = api_key_create(actor=request.user, **form.cleaned_data)
            except PermissionDeniedError as error:
                raise PermissionDenied(str(error)) from error
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                context = self.get_context_data(new_key=plain, new_record=key)
                return TemplateResponse(request, self.template_name, context)
        return TemplateResponse(request, self.template_name, self.get_context_data(form=form))


class KeysMenuItem(ScopedMenuItem):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, action=ACTION, **kwargs)


class ApiKeyViewSet(ViewSet):
    name = "api_keys"
    icon = "key"
    menu_label = _("开放接口密钥")
    menu_item_class = KeysMenuItem
    add_to_admin_menu = True
    menu_order = 850

    def get_urlpatterns(self):
        return [path("", KeysView.as_view(), name="index")]

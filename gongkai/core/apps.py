from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = _("基础设置")

    def ready(self) -> None:
        from . import logins  # noqa: F401 - connects the lockout audit receiver
        from .conf import check_security_settings
        from .csp import nonce_choosers
        from .translation import fold_translation_fallbacks

        check_security_settings()
        nonce_choosers()
        fold_translation_fallbacks()

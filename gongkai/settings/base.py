"""Settings shared by every environment.

Everything that differs between machines comes from environment variables, with defaults that
are safe for the embedded mode (one office, SQLite, one server):

- ``GONGKAI_DATA_DIR``: uploads, generated files, collected static files and the SQLite
  database (default ``~/.local/share/gongkai``).
- ``DATABASE_URL``: a PostgreSQL URL selects PostgreSQL; unset means SQLite in the data dir.
- ``SECRET_KEY``: unset means a random key kept in the data dir.
- ``GONGKAI_ALLOWED_HOSTS``: comma-separated host names (default ``127.0.0.1,localhost``).
- ``GONGKAI_BASE_URL``: the portal's public address, used in sitemaps and feeds.

Several app servers (docs/subsystems/scaling.md): ``DATABASE_REPLICA_URL`` (a streaming replica
for anonymous reads), ``GONGKAI_MEDIA_STORAGE=s3://BUCKET?endpoint_url=URL&region=R`` (files in
object storage), ``GONGKAI_CACHE_URL=redis://HOST:PORT/N`` (caches and limits shared).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from gongkai.core.domain.deployment import DeploymentSettingError, media_storage, shared_cache
from gongkai.portal.hosts import SiteHosts

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _data_dir() -> Path:
    default = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "gongkai"
    path = Path(os.environ.get("GONGKAI_DATA_DIR", default)).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


DATA_DIR = _data_dir()


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    # A generated key kept beside the data survives restarts, so sessions stay valid.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = False
# Plus the host name of every site registered with `gongkai sites add` (gongkai/portal/hosts.py).
ALLOWED_HOSTS = SiteHosts(
    h.strip()
    for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
)
BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "gongkai.core",
    "gongkai.calendar",
    "gongkai.importer",
    "gongkai.documents",
    "gongkai.search",
    "gongkai.tasks_ledger",
    "gongkai.requests",
    "gongkai.reports",
    "gongkai.catalog",
    "gongkai.messages",
    "gongkai.participation",
    "gongkai.supervision",
    "gongkai.gazette",
    "gongkai.policies",
    "gongkai.zones",
    "gongkai.assessment",
    "gongkai.api",
    "gongkai.portal",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.core.middleware.ChineseFirstLocaleMiddleware",
    "gongkai.portal.response_cache.PublicPageCacheMiddleware",
    # After the page cache: a cached page costs the replica nothing.
    "gongkai.core.replica.ReplicaReadsMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything parses a form body (CSRF is the first).
    "gongkai.core.middleware.RejectUndecodablePostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Every admin URL naming a record outside the user's units is a 404 (core/admin_isolation.py).
    "gongkai.core.admin_isolation.AdminIsolationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "gongkai.portal.context_processors.portal",
            ],
        },
    },
]


def _database() -> dict:
    if url := os.environ.get("DATABASE_URL"):
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "gongkai.sqlite3",
        "OPTIONS": {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
            # the start of a transaction so two writers queue instead of failing half-way.
            # Django's SQLite backend already turns foreign keys on for every connection.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Opening a connection (and running the PRAGMAs) per request cost more than the page.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }


DATABASES = {"default": _database()}
# Anonymous visitors' reads may go to a streaming replica of the primary (gongkai/core/replica.py).
GONGKAI_REPLICA_ALIAS = None
if replica_url := os.environ.get("DATABASE_REPLICA_URL", "").strip():
    GONGKAI_REPLICA_ALIAS = "replica"
    DATABASES[GONGKAI_REPLICA_ALIAS] = dj_database_url.parse(
        replica_url, conn_max_age=60, conn_health_checks=True
    )
DATABASE_ROUTERS = ["gongkai.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"


def _deployment_setting(parse, name: str, **kwargs):
    from django.core.exceptions import ImproperlyConfigured

    try:
        return parse(os.environ.get(name, ""), **kwargs)
    except DeploymentSettingError as error:
        raise ImproperlyConfigured(str(error)) from error


# Uploads and generated files: local disk under MEDIA_ROOT, or an S3-compatible bucket
# (gongkai/core/storage.py). Either way they are served only through core/file_access.py.
STORAGES = {
    "default": _deployment_setting(media_storage, "GONGKAI_MEDIA_STORAGE")
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "gongkai.core.staticfiles.StaticFilesStorage"},
}
# Wagtail documents are streamed by Django after the access rule, never redirected to storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "gongkai.core.logins.StaffLoginForm"

WAGTAIL_SITE_NAME = "政务公开平台"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_COMMENTS_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ods", "odt", "txt", "csv", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars from gravatar.com: staff e-mail hashes stay in, and the CSP allows no other host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


# --- Security: proxies, limits, staff logins, Content-Security-Policy (docs/security.md) ------
def _int_env(name: str, default: int) -> int:
    from django.core.exceptions import ImproperlyConfigured

    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(f"环境变量 {name} 应为不小于 0 的整数，实际为“{text}”。")
    return value


# Reverse proxies whose X-Forwarded-For entries are believed (gongkai/core/clients.py): addresses
# or networks, comma-separated, e.g. "127.0.0.1,10.0.0.0/8". Checked at start-up (core/conf.py).
GONGKAI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("GONGKAI_TRUSTED_PROXIES", "").split(",") if p.strip()
]
# The public disclosure-request form (requests/public/views.py), per client address and hour.
GONGKAI_REQUEST_SUBMIT_LIMIT = _int_env("GONGKAI_REQUEST_SUBMIT_LIMIT", 5)
GONGKAI_REQUEST_LOOKUP_LIMIT = _int_env("GONGKAI_REQUEST_LOOKUP_LIMIT", 20)
GONGKAI_REQUEST_MIN_FILL_SECONDS = _int_env("GONGKAI_REQUEST_MIN_FILL_SECONDS", 3)
# The open data API's hourly limit per anonymous client (default in gongkai/api/domain/limits.py).
if os.environ.get("GONGKAI_API_ANONYMOUS_PER_HOUR", "").strip():
    GONGKAI_API_ANONYMOUS_PER_HOUR = _int_env("GONGKAI_API_ANONYMOUS_PER_HOUR", 0)

# Staff logins (django-axes, docs/adr/0001-login-throttling.md): an account, and separately a
# client address, is locked after this many failed logins until the lockout time has passed
# since the last failure or an administrator unlocks it (后台 → 单位与权限 → 登录锁定).
GONGKAI_LOGIN_FAILURE_LIMIT = _int_env("GONGKAI_LOGIN_FAILURE_LIMIT", 5)
GONGKAI_LOGIN_LOCKOUT_MINUTES = _int_env("GONGKAI_LOGIN_LOCKOUT_MINUTES", 30)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = GONGKAI_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=GONGKAI_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai.core.logins.lockout_response"
# A success must not wipe the failures counted against its address (another account's).
AXES_RESET_ON_SUCCESS = False
# Failed attempts are kept (to lock and to unlock); successful logins are not logged by axes.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Content-Security-Policy (gongkai/core/csp.py): scripts only from this site, inline ones only
# with the response's nonce. Styles may be inline: Wagtail's admin sets style attributes.
GONGKAI_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# Mail (gongkai/core/mail.py): every message is queued in the database and delivered by a
# periodic job through the SMTP server GONGKAI_SMTP_HOST. Unset means mail is off: messages
# wait until a server is configured, and password reset by mail is not offered.
GONGKAI_SMTP_HOST = os.environ.get("GONGKAI_SMTP_HOST", "").strip()
EMAIL_BACKEND = "gongkai.core.mail.QueueingEmailBackend"
EMAIL_HOST = GONGKAI_SMTP_HOST or "localhost"
EMAIL_PORT = _int_env("GONGKAI_SMTP_PORT", 25)
EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("GONGKAI_SMTP_STARTTLS", "").strip().lower() in ("1", "true", "yes")
EMAIL_USE_SSL = os.environ.get("GONGKAI_SMTP_SSL", "").strip().lower() in ("1", "true", "yes")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_MAIL_FROM", "").strip() or "noreply@localhost"
WAGTAIL_PASSWORD_RESET_ENABLED = bool(GONGKAI_SMTP_HOST)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Anonymous portal pages are kept in memory per worker until public content changes
# (gongkai/portal/response_cache.py); this bounds an entry's life. 0 turns the cache off.
GONGKAI_PORTAL_CACHE_SECONDS = int(os.environ.get("GONGKAI_PORTAL_CACHE_SECONDS", "300"))
# What every public page reads and almost never changes (the Wagtail site, the routing pages,
# SiteIdentity, the unit tree) is kept per process until the "all" content version changes
# (gongkai/portal/memo.py); also when the page cache above is off.
GONGKAI_PORTAL_MEMO = os.environ.get("GONGKAI_PORTAL_MEMO", "1") == "1"
# GONGKAI_CACHE_URL=redis://HOST:PORT/N shares both caches, and the per-address limits
# (gongkai/core/ratelimit.py), between app servers; unset, each worker keeps its own.
CACHES = {
    "default": _deployment_setting(shared_cache, "GONGKAI_CACHE_URL", key_prefix="gongkai")
    or {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": _deployment_setting(shared_cache, "GONGKAI_CACHE_URL", key_prefix="gongkai-portal")
    or {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
GONGKAI_SHARED_CACHE = bool(os.environ.get("GONGKAI_CACHE_URL", "").strip())


# --- Working days and deadlines (gongkai.calendar) ------------------------------------------
# GONGKAI_DEADLINE_DAYS overrides working-day counts of the deadline rules, e.g.
# {"message-consultation": 3}; keys are the rule keys of gongkai/calendar/domain/rules.py and
# "<key>-extension". GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY says whether the time from a fee notice
# to payment stops the foi-reply clock. Both can be set from the environment as JSON
# (GONGKAI_DEADLINE_DAYS='{"foi-reply": 15}', GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY=false) and are
# checked when the calendar app starts (gongkai/calendar/conf.py).
def _json_env(name: str, default):
    import json

    from django.core.exceptions import ImproperlyConfigured

    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"环境变量 {name} 不是有效的 JSON：{error.msg}") from error


GONGKAI_DEADLINE_DAYS = _json_env("GONGKAI_DEADLINE_DAYS", {})
GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY = _json_env("GONGKAI_FEE_PERIOD_PAUSES_FOI_REPLY", True)


# --- Audit log keys and anchors (gongkai.core.audit, gongkai/core/audit_keys.py) ------------
# GONGKAI_AUDIT_KEY: the keys that sign audit entries, comma-separated, oldest first (the last
# signs new entries), each at least 32 characters. Unset means keys generated and kept in
# <data dir>/audit_keys (mode 0600). Never stored in the database; servers sharing a database
# must share it. GONGKAI_AUDIT_ANCHOR_DIR: where the daily job writes the chain head's anchor
# (default <data dir>/audit-anchors); put it on another disk or share, so that a changed
# database cannot be made to match its own past.
GONGKAI_AUDIT_KEY = os.environ.get("GONGKAI_AUDIT_KEY", "")
GONGKAI_AUDIT_ANCHOR_DIR = Path(
    os.environ.get("GONGKAI_AUDIT_ANCHOR_DIR", "").strip() or DATA_DIR / "audit-anchors"
).expanduser()

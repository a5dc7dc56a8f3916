"""Settings for the investment-lead CRM.

Everything that differs between a laptop and production comes from the environment
(`DATABASE_URL`, `SECRET_KEY`, `DEBUG`, `ALLOWED_HOSTS`, ...). With no environment at all the
project runs on a SQLite file in the project folder with development defaults, so a new user
needs no server. `DJANGO_ENV=production` switches on the hardening that `check --deploy` asks for.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean the way operators write them (1/0, true/false, yes/no, on/off)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "leads",
    "importers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After the locale middleware, so its 400 speaks the client's language; before any view.
    "crm.middleware.RefuseControlCharactersMiddleware",
    "crm.middleware.SecurityHeadersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "crm.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "crm.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the development server read while an import writes; the timeout makes a
    # second writer wait for the first instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_bool("DATABASE_PREPARED_STATEMENTS", True):
    # Parameters sent apart from the SQL let psycopg prepare a statement once a connection has run it
    # five times: PostgreSQL then plans a list's many-join query once per connection, not per request
    # (planning was most of the filtered list's database time). Needs persistent connections
    # (CONN_MAX_AGE); restart the app servers after a migration, as a deploy does anyway.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": int(os.environ.get("DATABASE_PREPARE_THRESHOLD", "5")),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Outside production whitenoise finds files per request, so no collectstatic is needed first.
WHITENOISE_AUTOREFRESH = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads through the API and the admin import page: an article is a few kilobytes; anything
# far larger is refused with a clear message rather than read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# Articles one synchronous import (the API's articles/import/, the admin import page) may hold: each
# article costs a transaction and its extraction while the client waits, so a feed of thousands is
# refused up front (413) instead of timing out half saved. The import_articles command has no limit.
IMPORT_MAX_ARTICLES = int(os.environ.get("IMPORT_MAX_ARTICLES", "200"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request without credentials gets 401 with `WWW-Authenticate: Token`.
        "leads.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "leads.api.permissions.ModelPermissions",
        "leads.api.permissions.ReadOnlyTokenPermission",
    ],
    "DEFAULT_FILTER_BACKENDS": ["leads.api.filtering.StrictFilterBackend"],
    # DRF's parsers, refusing control characters in any field and JSON nested past any honest need.
    "DEFAULT_PARSER_CLASSES": [
        "leads.api.parsers.JSONParser",
        "leads.api.parsers.FormParser",
        "leads.api.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "leads.api.pagination.PageNumberPagination",
    # JSON through orjson, the same bytes as DRF's renderer (leads.api.renderers).
    "DEFAULT_RENDERER_CLASSES": [
        "leads.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["leads.api.throttling.TokenRateThrottle"],
    # Per token (or per user for browser sessions), counted per minute (leads.api.throttling): 600 a
    # minute lets an integration poll every few seconds and walk a sync at ten pages a second, and
    # recovers within the minute when it overshoots. Counts live in the default cache, so with several
    # app servers each one counts on its own unless CACHES points at a shared cache.
    "DEFAULT_THROTTLE_RATES": {"token": os.environ.get("API_THROTTLE_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "leads.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "leads.api.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Investment-lead CRM API",
    "DESCRIPTION": (
        "Organizations, contacts and investment opportunities found in Vietnamese news, with the evidence "
        "(article and sentence) behind each record.\n\n"
        "Authenticate with `Authorization: Token <key>` (tokens are issued by staff in the admin) or with an "
        'admin session. Errors are JSON: `{"detail": "...", "errors": {"parameter": ["..."]}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "leads.choices.Stage",
        "PriorityEnum": "leads.choices.Priority",
        "ReviewStatusEnum": "leads.choices.ReviewStatus",
        "ActivityKindEnum": "leads.choices.ActivityKind",
        "OrganizationKindEnum": "leads.choices.OrganizationKind",
        "InvestmentTypeEnum": "leads.choices.InvestmentType",
        "CurrencyEnum": "leads.choices.Currency",
        "ReportedStatusEnum": "leads.choices.ReportedStatus",
        "SiteKindEnum": "leads.choices.SiteKind",
    },
}

# Throttle counters and other shared state: in-process by default; set REDIS_URL when several
# app servers must count together (a Redis server runs beside PostgreSQL in production).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }

# Background jobs (Django's Tasks framework; the django-tasks backport until Django 6): large imports
# and source polling run in a worker (`manage.py db_worker`), never in a web request. The database
# backend needs nothing but the database, so SQLite and one machine work as they are;
# TASKS_BACKEND=rq puts the queue in Redis (REDIS_URL) for several workers: README "Following the news".
if os.environ.get("TASKS_BACKEND", "database") == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# An upload of more articles than this is imported by a background job: the API answers 202 with the job.
IMPORT_SYNC_MAX_ARTICLES = int(os.environ.get("IMPORT_SYNC_MAX_ARTICLES", "20"))
# So is an upload of more article text than this many characters, however few articles it holds:
# extraction costs about 5 s of CPU per million characters, and one request must not hold a server
# worker past its timeout. A preview (dry run) reads at most this much.
IMPORT_SYNC_MAX_CHARACTERS = int(os.environ.get("IMPORT_SYNC_MAX_CHARACTERS", "200000"))
# What `manage.py run_scheduler` queues every minute; each task decides for itself what is due.
SCHEDULED_TASKS = [
    "importers.tasks.poll_due_sources",
    "importers.tasks.recover_stalled_import_jobs",  # jobs left running by a worker that died
    "leads.tasks.send_due_digests_task",  # digests whose time has come (leads.watches.digests_due)
    "leads.tasks.deliver_webhooks_task",  # webhook deliveries due, retries included
]

# Polling sources (importers.polling): per request, the seconds to wait, the bytes to read, the retries
# after a 5xx or a timeout (waiting SOURCE_RETRY_DELAY, then twice as long...); a failing source is
# next polled after its interval doubled per failure, up to SOURCE_BACKOFF_MAX seconds.
# Sources on private, loopback or link-local addresses (an intranet feed) only when this is on (`leads.outbound`).
SOURCE_PRIVATE_TARGETS = env_bool("SOURCE_PRIVATE_TARGETS", False)
SOURCE_FETCH_TIMEOUT = float(os.environ.get("SOURCE_FETCH_TIMEOUT", "20"))
SOURCE_MAX_BYTES = int(os.environ.get("SOURCE_MAX_BYTES", str(5 * 1024 * 1024)))
SOURCE_FETCH_RETRIES = int(os.environ.get("SOURCE_FETCH_RETRIES", "2"))
SOURCE_RETRY_DELAY = float(os.environ.get("SOURCE_RETRY_DELAY", "2"))
SOURCE_BACKOFF_MAX = int(os.environ.get("SOURCE_BACKOFF_MAX", str(24 * 60 * 60)))
SOURCE_USER_AGENT = os.environ.get(
    "SOURCE_USER_AGENT", "InvestmentLeadCRM/0.1 (news monitoring for investment promotion; polite polling)"
)

# Watches and alerts (leads.watches): digest e-mails through Django's e-mail framework, printed to the
# console in development and sent by SMTP when EMAIL_HOST is set (or EMAIL_BACKEND names another backend);
# links in e-mails, feeds and webhooks start with SITE_URL; a webhook receiver has WEBHOOK_TIMEOUT seconds.
# Webhooks reach only public addresses unless WEBHOOK_PRIVATE_TARGETS is on (an intranet receiver): otherwise
# anyone who may save a webhook could make the server post to its own network (databases, cloud metadata).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if "EMAIL_HOST" in os.environ or PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "crm@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "10"))
WEBHOOK_PRIVATE_TARGETS = env_bool("WEBHOOK_PRIVATE_TARGETS", False)

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # HTML extraction libraries narrate every page they parse at INFO; only their problems matter.
    "loggers": {name: {"level": "WARNING"} for name in ("trafilatura", "htmldate", "courlan", "justext")},
}

# Browsers load nothing from elsewhere: the admin and the API docs (Swagger UI and ReDoc, served from
# drf-spectacular-sidecar) use this site's own files. Scripts only from files, except the admin's
# language switch (`onchange="this.form.submit()"`, allowed by its hash); inline styles, which the
# admin (stage colours) and both docs pages use; data: images (Swagger UI's icons); ReDoc's search
# runs in a blob: worker. Sent by crm.middleware.SecurityHeadersMiddleware, in production only.
_LANGUAGE_SWITCH_HASH = base64.b64encode(hashlib.sha256(b"this.form.submit()").digest()).decode("ascii")
CONTENT_SECURITY_POLICY = ""
PERMISSIONS_POLICY = ""

if PRODUCTION:
    CONTENT_SECURITY_POLICY = "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'unsafe-hashes' 'sha256-{_LANGUAGE_SWITCH_HASH}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    PERMISSIONS_POLICY = ", ".join(
        f"{feature}=()"
        for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "microphone", "payment", "usb")
    )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

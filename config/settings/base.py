"""Settings shared by every environment, read from the environment with django-environ.

With nothing set the app runs embedded: an SQLite file and media under var/, Celery tasks run
eagerly in-process. DATABASE_URL and REDIS_URL switch it to PostgreSQL and a real Celery worker.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.security_headers import DENIED_FEATURES, tile_sources

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    # Simple config: autodiscovery would import leaflet.admin, which needs GDAL; our admins are
    # imported by config/admin.py instead.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from here, not a CDN: missions work on poor links
    "leaflet",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "csp",
    "mission",
    "observers",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.BrowsableApiCSPMiddleware",  # django-csp's (CONTENT_SECURITY_POLICY below)
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.db.unavailable.DatabaseUnavailableMiddleware",  # a database outage answers 503 + Retry-After, not 500
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.LazyMessageMiddleware",  # Django's, without work on requests that have no messages
    "observers.accounts.middleware.SignedInSessionMiddleware",  # idle timeout, the code step, required 2FA
    "observers.accounts.middleware.MissionTimeZoneMiddleware",  # pages show the mission's time (mission/clock.py)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.middleware.SignedInAuditlogMiddleware",  # records the signed-in user as the actor of audited changes
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "observers.context_processors.membership",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "observers.logins.backends.AddressThrottleBackend",  # an address with too many failures waits (a spray)
    "axes.backends.AxesStandaloneBackend",  # a username with too many failures is locked, from any address
    "django.contrib.auth.backends.ModelBackend",
]
# Only failures count (observers/logins): any number of observers behind one NAT log in with right passwords.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
# axes warns when a username locks without its address; here that is the point, and the address has its own
# limit (LOGIN_ADDRESS_*). Failures of one username add up over every address and user agent.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=100)
LOGIN_ADDRESS_WINDOW_MINUTES = env.int("LOGIN_ADDRESS_WINDOW_MINUTES", default=10)
# How many reverse proxies of ours stand before the app, each appending to X-Forwarded-For. With none (the
# default) the header is ignored: a client could write anything in it (config/client_address.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "login"
# A coordinator's or analyst's session ends after this long without a request; observers' sessions do not.
CORE_TEAM_IDLE_TIMEOUT_MINUTES = env.int("CORE_TEAM_IDLE_TIMEOUT_MINUTES", default=30)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Observation mission")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"  # stored; pages show the mission's zone (MissionTimeZoneMiddleware)
FORMAT_MODULE_PATH = ["config.formats"]  # one date convention per language, 24-hour (config/formats)
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "observers.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "observers.api.limits.NestingBoundedJSONParser",  # 400, not a crash, for JSON nested too deep
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "observers.api.limits.api_exception_handler",  # 413 JSON above DATA_UPLOAD_MAX_MEMORY_SIZE
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "config.negotiation.ContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "config.pagination.Pages",  # at most 1,000 a page
    "PAGE_SIZE": 100,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,  # for any DRF throttle: the client address as config/client_address.py
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Election observation mission API",
    "DESCRIPTION": "Checklists from observers' phones, and the mission's reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No badge image from the public validator: the docs load nothing from another site.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation's error answers (400/401/403/404) documented; times of day without a UTC offset.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "config.openapi.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "ChecklistKindEnum": "observers.models.Checklist.Kind",
        "TeamKindEnum": "observers.models.Team.Kind",
        "ReportKindEnum": "reports.models.Report.Kind",
    },
}
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=30)
# The address printed on observers' login cards; empty: the host of the coordinator's request.
SITE_URL = env("SITE_URL", default="")

# Celery: with REDIS_URL unset, tasks run eagerly in the web process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="eom")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Celery's Django fixup closes the database connection around every task unless told to reuse it: a new
# PostgreSQL backend for each message. Reused for this many tasks; one left broken is closed after its task
# (config/celery.py), as Django does after a request.
CELERY_DB_REUSE_MAX = 1000
# A broker that is down refuses at once instead of being retried for seconds inside a web request: the outbox
# (observers/outbox/services.py) keeps the job, and beat sends again the pending jobs the broker lost or never got.
# A task a worker took but never acknowledged (acks_late; the worker was killed) goes back to the queue once the
# visibility timeout has passed since its delivery: longer than any task runs, or a running task is delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": 2,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=1800),
}
CELERY_BEAT_SCHEDULE = {
    "dispatch-outbox": {"task": "observers.tasks.dispatch_outbox", "schedule": 30.0},
    "recover-compilations": {"task": "reports.tasks.recover_compilations", "schedule": 60.0},
}
# A compilation "running" longer than its lease lost its worker and may run again, up to the maximum of attempts,
# then fails with a reason (reports/documents/services.py). At most the visibility timeout, so a redelivered task may
# claim it.
COMPILATION_LEASE_SECONDS = env.int("COMPILATION_LEASE_SECONDS", default=900)
COMPILATION_MAX_ATTEMPTS = env.int("COMPILATION_MAX_ATTEMPTS", default=3)
# Tallies of the answers kept as forms arrive (observers/submissions/tallies.py); off: the findings count every
# form from its answers (the bench compares the two).
TALLIES = env.bool("TALLIES", default=True)

_CACHE = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
)
# "logins": failed logins per address (observers/logins/throttle.py), apart so tests can forget them.
CACHES = {"default": _CACHE, "logins": {**_CACHE, "KEY_PREFIX": "logins"}}

LEAFLET_CONFIG = {
    "TILES": env("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
    "ATTRIBUTION_PREFIX": "OpenStreetMap",
    "DEFAULT_CENTER": (48.0, 67.0),
    "DEFAULT_ZOOM": 5,
}

# Every response of every environment (tests and the demo too): scripts and styles from this site's files only,
# images also from the tile server. No inline script anywhere; the one inline <style>, the report preview's
# translated "Table"/"Figure" labels (templates/documents/preview.html), carries the request's nonce. Pages that
# need more say so on their view: data: images for the API docs (Swagger UI's icons) and the maps (Leaflet's
# placeholder tile), blob: images for the phone app's photos; DRF's browsable API admits its template's style
# attribute by hash (config/middleware.py). Permissions: every powerful feature denied; the phone app's views
# allow geolocation and the camera.
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, *tile_sources(LEAFLET_CONFIG["TILES"])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE if X_FRAME_OPTIONS == "DENY" else SELF],
    }
}
PERMISSIONS_POLICY = dict.fromkeys(DENIED_FEATURES, [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

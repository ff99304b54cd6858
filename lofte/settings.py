"""Settings for Löfte, read from environment variables with safe local defaults."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def envbool(name, default):
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def database_from_url(url):
    """Return a Django DATABASES entry for a sqlite:/// or postgres:// URL."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parts.path[1:]),
            # For many people saving at once: a transaction takes the write lock when it
            # begins, not halfway (which SQLite cannot wait for: "database is locked"), and
            # waits up to 20 s for it; readers go on while one writes (WAL).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            },
            # Opening SQLite with these settings costs a few milliseconds: keep the connection
            # between requests (a kept page's answer is otherwise mostly that).
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "600"),
        }
    if parts.scheme in ("postgres", "postgresql"):
        options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path[1:]),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": parts.port or "",
            "OPTIONS": options,
            # Seconds a worker thread keeps its connection between requests (0: one per
            # request). Each gunicorn thread holds one: servers × workers × threads must stay
            # below the server's max_connections. A kept connection is checked before reuse.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "0"),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r}")


SECRET_KEY = os.environ.get("SECRET_KEY", "---")
DEBUG = envbool("DEBUG", "False")
# Served over TLS: HSTS, the redirect to https:// and Secure cookies. On unless DEBUG is; the
# demo, which serves plain http://127.0.0.1, sets HTTPS=0.
HTTPS = envbool("HTTPS", str(not DEBUG))
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# The demo shows a banner on every page saying that its data is example data.
DEMO = envbool("LOFTE_DEMO", "False")
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")
# Published counts below this are hidden, with more hidden so that no total gives them away
# (lofte/suppression.py): residents' pages of local incident reports, survey results, the
# lägesbild, exports.
SUPPRESS_BELOW = envint("SUPPRESS_BELOW", "5")

# Who runs this installation, named in the accessibility statement and on the privacy page.
LOFTE_OPERATOR = os.environ.get("LOFTE_OPERATOR", "")
# When the accessibility statement was last reviewed (YYYY-MM-DD).
ACCESSIBILITY_REVIEWED = os.environ.get("ACCESSIBILITY_REVIEWED", "2026-12-02")
# How many days personal data is kept: `lofte purge_personal_data` (daily, from a scheduler)
# deletes it then, and the privacy page says so (lofte/legal/retention.py).
KEEP_REGISTRATIONS_DAYS = envint("KEEP_REGISTRATIONS_DAYS", "30")  # after the event ends
KEEP_UNCONFIRMED_SUBSCRIPTIONS_DAYS = envint("KEEP_UNCONFIRMED_SUBSCRIPTIONS_DAYS", "7")
KEEP_REJECTED_COMMENTS_DAYS = envint("KEEP_REJECTED_COMMENTS_DAYS", "90")  # after moderation
KEEP_PROBLEM_REPORTS_DAYS = envint("KEEP_PROBLEM_REPORTS_DAYS", "365")

INSTALLED_APPS = [
    "lofte.front",
    "lofte.legal",
    "lofte.kommuner",
    "lofte.areas",
    "lofte.actors",
    "lofte.promises",
    # Before the apps that add to the promise's pages: its texts are translated first.
    "lofte.translations",
    "lofte.indicators",
    "lofte.events",
    "lofte.history",
    "lofte.followup",
    "lofte.accounts",
    "lofte.incidents",
    "lofte.participation",
    "lofte.lagesbild",
    "lofte.national",
    "lofte.api",
    "lofte.evaluation",
    "lofte.demo",
    "lofte.synthetic",
    "lofte.ratelimit",
    "lofte.ops",
    # The tasks API and its database queue; before lofte.background, which takes the queue's
    # own admin page away (the Job table is what people see).
    "django_tasks",
    "django_tasks_db",
    "lofte.background",
    "lofte.pagecache",
    "lofte.apps.AdminConfig",  # django.contrib.admin with Löfte's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: everything after it sees the real client address and scheme, or no forwarded ones.
    "lofte.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "lofte.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale and auth: an anonymous hit costs one shared look-up, no more.
    "lofte.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lofte.languages.ReadersLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "lofte.urls"
WSGI_APPLICATION = "lofte.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lofte.front.context_processors.site",
                "csp.context_processors.nonce",
            ],
            # Every template may mark a text with its own language (lang_attrs, untranslated).
            "builtins": ["lofte.languages"],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR.parent / 'lofte.sqlite3'}")
    )
}
if "TEST_DATABASE_NAME" in os.environ:
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "front:login"
LOGIN_REDIRECT_URL = "front:account"
LOGOUT_REDIRECT_URL = "front:home"

# Swedish first; English complete; Arabic, Somali and Persian for the residents who read them
# (lofte/languages.py). Content (promises, commitments) is written in Swedish and translated
# per text (lofte/translations).
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("fa", _("Persian")),
]
# Django knows Arabic and Persian but not Somali.
LANG_INFO.setdefault(
    "so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"}
)
LANGUAGE_COOKIE_NAME = "lofte_language"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
# Set where collectstatic gathers files in a deployment; the demo and tests serve from the apps.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
# Uploaded evidence. Served only through Löfte's views, which check who may see it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR.parent / "media"))


# Uploaded files (evidence) on an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set,
# so that every app server sees the same files (django-storages); otherwise on this machine's
# disk at MEDIA_ROOT, which several servers must then share (NFS or similar). Either way no file
# has a public address: Löfte reads it and hands it out after checking who asks
# (followup.views.reporting.evidence), so the bucket stays private.
def file_storage(environ):
    """Return the STORAGES entry for uploaded files that these environment variables ask for."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Another provider than Amazon (MinIO, Ceph, a Swedish cloud) by its address.
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            # Credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or whatever else
            # boto3 finds (an instance role): read by boto3 itself, never kept in settings.
            "location": environ.get("AWS_LOCATION", ""),  # a folder in a shared bucket
            # Two people uploading "rapport.pdf" the same month get two files, never one
            # overwriting the other's evidence.
            "file_overwrite": False,
            # Private objects (AWS_S3_USE_ACL=0 for a provider without ACLs, whose bucket
            # must then be private by its policy); addresses only signed and short-lived.
            "default_acl": "private" if environ.get("AWS_S3_USE_ACL", "1") != "0" else None,
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }


STORAGES = {
    "default": file_storage(os.environ),
    # After collectstatic, STATIC_MANIFEST=1 gives hashed names and far-future caching.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "False")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without collectstatic (the demo, tests), serve straight from the apps' static folders.
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", "True")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lofte@example.se")
# Who the outside APIs Löfte calls (the Police's events) may contact: sent in the User-Agent.
LOFTE_CONTACT = os.environ.get("LOFTE_CONTACT", DEFAULT_FROM_EMAIL)
# Who publishes this installation's open data: the DCAT catalogue's publisher (lofte/api).
OPEN_DATA_PUBLISHER = os.environ.get("OPEN_DATA_PUBLISHER", "Löfte")
# The API's rate limits per minute: reads per client address, writes per token (lofte/api).
API_READS_PER_MINUTE = int(os.environ.get("API_READS_PER_MINUTE", "600"))
API_WRITES_PER_MINUTE = int(os.environ.get("API_WRITES_PER_MINUTE", "60"))

# A cache every worker and server shares: Redis when REDIS_URL is set (which then also keeps
# the rate-limit counts, lofte/ratelimit), otherwise a table in the database (`migrate` makes it).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Keeps apart the sites (and test runs) that share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "lofte"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lofte_cache",
            # Kept pages (lofte/pagecache) are many: the default of 300 would cull them often.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Background work (lofte/background): the Django tasks API with its queue in the database, so a
# site needs nothing more than `lofte worker` beside the app servers. A worker renews the lease
# of the job it runs every third of LOFTE_JOB_LEASE_SECONDS; a job whose lease ran out (its
# worker died) is taken up again. A failed attempt is tried again after 30 s, 2, 8, 32 min.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOFTE_JOB_LEASE_SECONDS = envint("LOFTE_JOB_LEASE_SECONDS", "60")
LOFTE_JOB_RETRY_SECONDS = envint("LOFTE_JOB_RETRY_SECONDS", "30")
# Finished work, and whom it e-mailed, is forgotten after this many days (daily, by the worker).
LOFTE_KEEP_JOBS_DAYS = envint("LOFTE_KEEP_JOBS_DAYS", "90")
# A confirmed indicator import that writes more values than this is saved by the worker; the
# analyst sees its progress, and any row errors, on the import's page.
LOFTE_IMPORT_IN_BACKGROUND_VALUES = envint("LOFTE_IMPORT_IN_BACKGROUND_VALUES", "5000")
# The worker fetches the Police's events every hour when this is on (it calls their API).
LOFTE_FETCH_POLICE_EVENTS = envbool("LOFTE_FETCH_POLICE_EVENTS", "False")
# Anonymous visitors' public pages from the shared cache (lofte/pagecache): on unless
# PAGE_CACHE=0. A kept page is dropped when any content changes (exactly), when the day
# changes, and after PAGE_CACHE_SECONDS at the latest (events that begin or end during a day).
PAGE_CACHE = envbool("PAGE_CACHE", "True")
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "60")
PAGE_CACHE_MAX_BYTES = envint("PAGE_CACHE_MAX_BYTES", str(5 * 1024 * 1024))
# Sessions (logins) in the database, which every worker and server shares: a login made on one
# app server holds on the others, and survives a restart of Redis or of every server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Addresses (or networks) of the reverse proxies in front of Löfte, comma-separated. Only a
# request from one of them may say, in X-Forwarded-For and X-Forwarded-Proto, who the client is
# and that it came over https; from anyone else those headers are dropped (lofte/proxies.py).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_SSL_REDIRECT = HTTPS
# A load balancer's health check may ask over plain http on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Joining the browsers' HSTS preload list binds the whole registered domain for months; that is
# its owner's choice, made on the list's own site, not a default of one application on it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy: scripts and styles only from Löfte's own files, or inline with this
# response's nonce (the events' JSON-LD). No plugins, frames or foreign form targets.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Features no page of Löfte uses, turned off for it and anything it might embed. The position
# is Löfte's own to ask for (a local reporter's "use my position"), never an embedded page's.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Fonts for PDF downloads: DejaVu covers Latin, Arabic and more; Debian's fonts-dejavu-core.
PDF_FONT_DIR = Path(os.environ.get("PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

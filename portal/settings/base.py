"""Settings shared by every environment.

Anything that differs between machines comes from environment variables;
dev.py, test.py and prod.py only adjust what their environment needs.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # With FORM_RENDERER below: widget templates come from templates/ like every other template.
    "django.forms",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "reversion",
    "django_ratelimit",
    "axes",
    "corsheaders",
    "portal",
    "serving",
    "faq",
    "policy",
    "apidocs",
    "apikeys",
    "insights",
]

MIDDLEWARE = [
    # Outside the page cache, so kept API answers are kept without another site's CORS headers and get the
    # asking site's added each time (serving/gate.py sends cross-origin API requests this way).
    "corsheaders.middleware.CorsMiddleware",
    # Addresses and headers too large, refused before a kept page could answer them (serving/gate.py).
    "serving.gate.RequestGate",
    # First of the rest, so a kept page is kept with every header the rest adds (serving/page_cache.py); in
    # production portal/wsgi.py answers kept pages before Django's handler even starts.
    "serving.page_cache.ReaderCacheMiddleware",
    "portal.errors.ApiErrorsAsJsonMiddleware",
    # Before whitenoise, so static files carry these headers too.
    "portal.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A client past its budget of rendered pages gets 429 here, before anything is rendered.
    "serving.limits.RenderBudgetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes requires: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Timeouts, so that a database or cache that stops answering costs a request seconds, not a worker:
# connect and statement timeouts < gunicorn's timeout (gunicorn.conf.py) < the proxy's.
DB_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
DB_STATEMENT_TIMEOUT = int(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT", "10"))
CACHE_SOCKET_TIMEOUT = float(os.environ.get("DJANGO_CACHE_TIMEOUT", "1"))
# Seconds a Redis that timed out is skipped before it is tried again (serving/cache.py Breaker).
CACHE_BREAKER_SECONDS = float(os.environ.get("DJANGO_CACHE_BREAKER_SECONDS", "5"))
# Seconds any one wait for PostgreSQL may last in a web request before the app cuts it (portal/db).
DB_DEADLINE = float(os.environ.get("DJANGO_DB_DEADLINE", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with the deadline on every wait.
    DATABASES["default"]["ENGINE"] = "portal.db.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "connect_timeout": DB_CONNECT_TIMEOUT,
        "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}",
    })
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids
    # "database is locked" when two requests upgrade to a write at once. Connections are kept between
    # requests as on PostgreSQL: opening one (three PRAGMAs) and closing it cost a rendered page about
    # 4 ms, and a restore copies into the open file (portal/backups.py) rather than replacing it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Three caches: `default` for counters such as the vote limit, `pages` for whole pages kept for
# anonymous readers, `content_version` for the stamp those pages are checked against (serving/page_cache.py).
# With REDIS_URL all three live in Redis, shared by every worker and server. Without it each worker
# keeps its own pages in memory, and the stamp is a small file cache every worker on this machine reads,
# so an edit reaches them all on their next request.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_DIR = os.environ.get("PAGE_CACHE_DIR") or str(BASE_DIR / ".page-cache")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "serving.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": CACHE_SOCKET_TIMEOUT, "socket_timeout": CACHE_SOCKET_TIMEOUT},
            # Lets several sites (or test runs) share one Redis without reading each other's keys.
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "") + alias,
        }
        for alias in ("default", "pages", "content_version")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "serving.cache.PageMemoryCache",
            "LOCATION": "pages",
            # Past this many, a third of the pages go (the least recently used first).
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_PAGES", "500"))},
        },
        "content_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": PAGE_CACHE_DIR,
        },
    }
# Pages each worker also keeps in its own memory when they live in Redis (serving/page_store.py RecentPages);
# without Redis they are in its memory already.
PAGE_CACHE_LOCAL_PAGES = int(os.environ.get("PAGE_CACHE_LOCAL_PAGES", "200" if REDIS_URL else "0"))
# For benchmarks and debugging only: PAGE_CACHE_KEEP=0 keeps no page, in Redis or in any worker, so every
# request is rendered; the content version and the counters are kept as ever.
PAGE_CACHE_KEEP = env_bool("PAGE_CACHE_KEEP", default=True)
if not PAGE_CACHE_KEEP:
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    PAGE_CACHE_LOCAL_PAGES = 0
# With Redis, each worker keeps its own copy of the content version until Redis announces a new one, and
# reads it again after this many seconds anyway: how long a page could stay stale should an announcement
# be lost without the connection failing (serving/content_version.py VersionCopy).
PAGE_CACHE_VERSION_RECHECK = float(os.environ.get("PAGE_CACHE_VERSION_RECHECK", "1"))
# Cache-Control of kept pages: browsers and a CDN may reuse a page this many seconds (so an edit reaches
# them within it; this server itself never serves a stale page), and serve it while they fetch a fresh one.
# Query parameters that messaging apps and campaigns add to shared links (fnmatch patterns): pages ignore
# them, kept pages are found without them, and no link the site writes carries them.
TRACKING_PARAMETERS = env_list(
    "TRACKING_PARAMETERS", "utm_*,from,isappinstalled,scene,spm,share_source,share_medium,fbclid,gclid"
)
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch's choice (portal.views.language_choose), kept a year; no script reads it.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A reviewer's preview link works this many seconds (3 days by default).
FAQ_PREVIEW_LINK_MAX_AGE = int(os.environ.get("FAQ_PREVIEW_LINK_MAX_AGE", str(3 * 24 * 3600)))
# Seconds between writes of the counts readers cause (serving/counts.py): at most what a crash loses.
READER_COUNTS_FLUSH_SECONDS = float(os.environ.get("READER_COUNTS_FLUSH_SECONDS", "2"))
# Search counts older than this many days are removed by `manage.py prune`.
FAQ_SEARCH_LOG_DAYS = int(os.environ.get("FAQ_SEARCH_LOG_DAYS", "180"))
# Page views and checker use (insights/) are kept as long as search counts unless set apart.
READER_STATS_DAYS = int(os.environ.get("READER_STATS_DAYS", str(FAQ_SEARCH_LOG_DAYS)))

# Shown in the breadcrumb and page titles, in the reader's language unless the operator names the site.
PORTAL_NAME = os.environ.get("PORTAL_NAME") or _("Social Security Help")

# Everything the pages load comes from this site; the admin is held to the same rule (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site never uses are switched off for it and for anything it could embed.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "hid",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
    "serial", "usb", "xr-spatial-tracking",
))
# Other sites may not load this site's pages or files as their resources.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"outages": {"()": "portal.logs.OutageFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["outages"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}


# --- The API ----------------------------------------------------------------------------------------

# What the site refuses before anything else (serving/gate.py): more header fields or a longer one than
# these (431), and under /api/ an address (path and query) longer than this (414) or a request body over
# this (413). gunicorn's own limits are higher (gunicorn.conf.py), so these answer first.
MAX_REQUEST_TARGET = 4000
MAX_REQUEST_HEADERS = 100
MAX_REQUEST_HEADER_SIZE = 8190
MAX_API_BODY = 2_621_440  # Django's own limit of a request body (DATA_UPLOAD_MAX_MEMORY_SIZE)

# Cross-origin use of the API (django-cors-headers) from the pages of these origins only, e.g. the
# recruitment site's https://jobs.example.com: reading answers, never with cookies.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/v1/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "authorization", "x-api-key", "if-none-match")
CORS_EXPOSE_HEADERS = ("Content-Language", "Retry-After", "ETag")
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 3600


# --- Client addresses and rate limits -------------------------------------------------------------


def env_int(name, default):
    value = os.environ.get(name) or str(default)
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")
    return int(value)


# How many reverse proxies of ours stand in front of the app; each adds an X-Forwarded-For entry.
# 0 (the default) trusts no header: the client is the connection's address.
if os.environ.get("DJANGO_BEHIND_PROXY") and os.environ.get("DJANGO_TRUSTED_PROXIES"):
    raise ImproperlyConfigured("DJANGO_BEHIND_PROXY is the old name of DJANGO_TRUSTED_PROXIES: set only the new one.")
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", int(env_bool("DJANGO_BEHIND_PROXY")))

# Seconds a worker trusts a key it found valid without asking the database again (apikeys/services.py):
# how long a key revoked in another worker or instance may still be taken there.
API_KEY_RECHECK_SECONDS = env_int("API_KEY_RECHECK_SECONDS", 5)


def env_rate(name, count, seconds):
    """A limit as django-ratelimit writes it, requests/period (30/m, 10/10m, 500/d); a bare number
    of requests keeps the default period."""
    value = os.environ.get(name) or str(count)
    match = re.fullmatch(r"(\d+)(?:/(\d*)([smhd]))?", value)
    if not match:
        raise ImproperlyConfigured(f"{name} must read like 30/m or 10/10m (requests/period), not {value!r}.")
    requests, multiple, unit = match.groups()
    if unit is None:
        return int(requests), seconds
    return int(requests), int(multiple or 1) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


# (requests, seconds) that one client address may make per group of pages.
RATE_LIMITS = {
    "feedback": env_rate("FAQ_FEEDBACK_RATE_LIMIT", 10, 600),
    "search": env_rate("SEARCH_RATE_LIMIT", 30, 60),
    "api": env_rate("API_RATE_LIMIT", 60, 60),
    # Requests the page cache cannot answer, which must be rendered: about 30 times a kept page's cost.
    # Generous: a crawler or link checker reading the whole site from one address must not be refused.
    # A flood is stopped by RENDER_SHARE below, which needs no rate low enough to refuse crawlers.
    "render": env_rate("RENDER_RATE_LIMIT", 3000, 60),
}


def env_share(name, default):
    value = os.environ.get(name) or str(default)
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if not 0 < share <= 1:
        raise ImproperlyConfigured(f"{name} must be a fraction above 0 and at most 1, like 0.2, not {value!r}.")
    return share


# While a worker also serves other clients, the most of its recent time one client's renders may take
# (serving/limits.py, RenderShare): what stops a flood whatever the budget above allows. 1 turns it off.
RENDER_SHARE = env_share("RENDER_SHARE", 0.02)

# The counters live where every worker and every instance sees them: Redis when there is one, with
# short timeouts so a slow Redis cannot hold a request up; else a table in the site's database
# (`manage.py createcachetable` makes it). A counter that cannot be reached lets the request through.
LIMITS_DATABASE_CACHE = {
    "BACKEND": "serving.cache.CounterDatabaseCache",
    "LOCATION": "portal_rate_limits",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
if os.environ.get("REDIS_URL"):
    # The same Redis and key prefix as the site's cache, with shorter waits.
    CACHES["limits"] = {**CACHES["default"], "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
else:
    CACHES["limits"] = LIMITS_DATABASE_CACHE
# Seconds a worker holds the render-budget counts of clients far from it before adding them to the shared
# counter (serving/tally.py); from half the budget on, each request is counted there at once. 0: every request.
RATE_LIMIT_SYNC_SECONDS = float(os.environ.get("RATE_LIMIT_SYNC_SECONDS", "1"))
# django-ratelimit's checks read the counters' cache from here; its middleware sends refusals to this view.
RATELIMIT_USE_CACHE = "limits"
RATELIMIT_VIEW = "portal.errors.too_many_requests"
# django-ratelimit knows neither backend: Django's RedisCache increments atomically (INCRBY) and so
# does CounterDatabaseCache (a locked row); the stock database cache it rightly refuses is not used.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]


# --- Sign-in lockout (django-axes) ----------------------------------------------------------------
# Failed sign-ins are counted in the database, so every worker and instance sees them. Five failures
# for one username from one client address lock that pair for 15 minutes; twenty from one address,
# whatever the usernames, lock the address (portal/signin.py). An administrator unlocks earlier by
# deleting the access attempts in admin.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "portal.signin.PairThenAddressHandler"
SIGNIN_ADDRESS_FAILURE_LIMIT = 20
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "serving.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.signin.locked_out"
# Sign-ins, failures and lockouts go to the log whatever DJANGO_LOG_LEVEL says, naming the username
# and address (by default django-axes masks both, which leaves a log nobody can act on); passwords never.
AXES_SENSITIVE_PARAMETERS = []
LOGGING["loggers"] = {**LOGGING.get("loggers", {}), "axes": {"level": "INFO"}}

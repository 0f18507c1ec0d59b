"""Settings shared by every environment. Secrets and hosts come from DJANGO_* variables."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="ker-development-key-not-for-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "community",
    "wiki",
    "commons",
    "portals",
    "search",
    "api",
    "archive",
    "wagtail.contrib.redirects",
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
    "reversion",
    "django_ratelimit",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "django.contrib.sitemaps",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.RejectNulCharactersMiddleware",
    "config.middleware.NotFoundForOutOfRangeIdsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous pages served from the cache (community/cache.py, README "Production").
    "community.cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.errors.FriendlyNotFoundMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "community.context_processors.ker",
            ],
        },
    },
]
# {{ field.as_field_group }} renders templates/includes/field.html (see config/forms.py).
FORM_RENDERER = "config.forms.KerFormRenderer"

WSGI_APPLICATION = "config.wsgi.application"


def database_from_env(default_url: str) -> dict:
    """DATABASE_URL (PostgreSQL or SQLite), with SQLite set up as a real embedded database.

    WAL journal: readers never wait for the writer. BEGIN IMMEDIATE: a saving transaction
    takes the write lock up front, so it waits its turn (busy timeout) instead of failing with
    "database is locked" when a read would turn into a write; transactions take their turns on
    a file lock beside the database, tried every millisecond (`config.sqlite`: SQLite's busy
    handler alone let late saves overtake ones that had waited). synchronous=NORMAL is safe in
    WAL mode. Checkpoints (copying the journal back into the database file, with an fsync) are
    left to `manage.py search_worker`, which runs one after each turn: a request's commit
    checkpoints only once the journal holds KER_SQLITE_WAL_AUTOCHECKPOINT pages (10,000, 40 MB:
    a site run without the worker), not SQLite's 1,000, which made one save in 25 wait 20 ms.
    Limits: README "Production" (SQLite).
    """
    database = env.db("DATABASE_URL", default=default_url)
    host = str(database.get("HOST") or "")
    if host.lower().startswith("%2f"):
        # A Unix socket directory as the host, percent-encoded (postgres://ker@%2Fvar%2Frun%2F
        # postgresql/ker), as libpq's URLs write it; django-environ leaves it encoded.
        database["HOST"] = unquote(host)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options = database.setdefault("OPTIONS", {})
        options.setdefault("timeout", env.float("KER_SQLITE_TIMEOUT", default=20.0))
        name = str(database.get("NAME", ""))
        if name and name != ":memory:" and "mode=memory" not in name:
            # Django's backend, with the transactions served in turn (config/sqlite/base.py).
            database["ENGINE"] = "config.sqlite"
            options.setdefault("transaction_mode", "IMMEDIATE")
            autocheckpoint = env.int("KER_SQLITE_WAL_AUTOCHECKPOINT", default=10_000)
            options.setdefault(
                "init_command",
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA wal_autocheckpoint={autocheckpoint}",
            )
    return database


DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "community.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "community:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Serve uploads from Django (images only, with safe headers: config/media.py). On by default for
# the embedded setup; turn it off when nginx or an object storage serves MEDIA_URL.
KER_SERVE_MEDIA = env.bool(
    "KER_SERVE_MEDIA", default=env("KER_MEDIA_STORAGE", default="local") != "s3"
)


def media_storage_config() -> dict:
    """Where uploads and their renditions live: local files (DJANGO_MEDIA_ROOT, one machine) by
    default; KER_MEDIA_STORAGE=s3 puts them in an S3-compatible bucket (django-storages), shared
    by several servers; DJANGO_MEDIA_STORAGE names any other Django storage class.

    KER_S3_BUCKET (required), KER_S3_ENDPOINT_URL (MinIO, Garage, Scaleway, OVH…; empty for
    AWS), KER_S3_REGION, KER_S3_ACCESS_KEY_ID / KER_S3_SECRET_ACCESS_KEY (or boto3's own
    AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or an instance role), KER_S3_PREFIX (a folder in
    the bucket), KER_S3_CUSTOM_DOMAIN (a CDN or public host serving the bucket). Files are
    linked without signatures (pages stay cached for days): the bucket, or its prefix, must be
    publicly readable.
    """
    kind = env("KER_MEDIA_STORAGE", default="local").strip().lower()
    if kind == "s3":
        options = {
            "bucket_name": env("KER_S3_BUCKET"),
            "endpoint_url": env("KER_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("KER_S3_REGION", default="") or None,
            "access_key": env("KER_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("KER_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env("KER_S3_PREFIX", default=""),
            "custom_domain": env("KER_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        }
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    if kind != "local":
        raise ImproperlyConfigured(f"KER_MEDIA_STORAGE={kind!r} is unknown: use local or s3.")
    local = "django.core.files.storage.FileSystemStorage"
    return {"BACKEND": env("DJANGO_MEDIA_STORAGE", default=local)}


def media_origin() -> str:
    """The origin images are served from when it is not the site (for the CSP's img-src)."""
    if env("KER_MEDIA_STORAGE", default="local").strip().lower() != "s3":
        return ""
    domain = env("KER_S3_CUSTOM_DOMAIN", default="")
    if domain:
        return "https://" + domain.split("/", 1)[0]
    endpoint = env("KER_S3_ENDPOINT_URL", default="")
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://*.amazonaws.com"


STORAGES = {
    "default": media_storage_config(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
KER_MEDIA_ORIGIN = media_origin()


def cache_config(url: str) -> dict:
    config = env.cache_url_config(url)
    options = config.get("OPTIONS", {})
    if config["BACKEND"].endswith("FileBasedCache"):
        # Hold the whole wiki: Django's default (300 entries) kept 202 of 2,036 articles.
        config["BACKEND"] = "community.cache.FileCache"
        config["OPTIONS"] = {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10, **options}
    elif config["BACKEND"].endswith("LocMemCache"):
        config["OPTIONS"] = {"MAX_ENTRIES": 20000, **options}
    elif urlsplit(url).scheme in ("redis", "rediss", "rediscache"):
        # django-redis: one cache for every server, with atomic increments (rate limits).
        config["BACKEND"] = "django_redis.cache.RedisCache"
        config["OPTIONS"] = {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 2,
            "SOCKET_TIMEOUT": 2,
            **options,
        }
    return config


# The cache holds rendered articles, the anonymous page cache and rate-limit counts. KER_CACHE_URL
# (django-environ): filecache:///srv/ker/cache (one machine; production's default),
# redis://127.0.0.1:6379/1 or pymemcache://127.0.0.1:11211 (several), locmemcache:// (one process).
KER_CACHE_URL = env("KER_CACHE_URL", default="locmemcache://ker")
CACHES = {"default": cache_config(KER_CACHE_URL)}
# Sessions (sign-ins, an anonymous editor's pending edit): in the database by default, which every
# server shares and which survives a cache restart. KER_SESSION_ENGINE=cache keeps them in the
# cache only (Redis: fast, but a flush signs everyone out); cached_db reads through the cache.
SESSION_ENGINE = "django.contrib.sessions.backends." + env(
    "KER_SESSION_ENGINE", default="db"
).removeprefix("django.contrib.sessions.backends.")
# Whole pages for visitors without a session (off: KER_PAGE_CACHE=false).
KER_PAGE_CACHE = env.bool("KER_PAGE_CACHE", default=True)
# A front proxy (nginx, Varnish) purged by URL when pages change: KER_FRONTEND_CACHE_URL=
# http://127.0.0.1:6081 (wagtail.contrib.frontend_cache, HTTP PURGE requests).
KER_FRONTEND_CACHE_URL = env("KER_FRONTEND_CACHE_URL", default="")
if KER_FRONTEND_CACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": KER_FRONTEND_CACHE_URL,
        }
    }

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="ker@localhost")

# Wagtail
WAGTAIL_SITE_NAME = env("KER_SITE_NAME", default="Ker")
WAGTAILADMIN_BASE_URL = env("DJANGO_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "community.LicensedImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Wagtail's index updates run after the save commits (config/tasks.py explains why).
TASKS = {"default": {"BACKEND": "config.tasks.OnCommitImmediateBackend"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILREDIRECTS_AUTO_CREATE = True
TAGGIT_CASE_INSENSITIVE = True

# Ker
# The Whoosh index lives outside media/ and can always be rebuilt (manage.py search_rebuild).
KER_SEARCH_INDEX_DIR = env("KER_SEARCH_INDEX_DIR", default=str(BASE_DIR / "var" / "search-index"))
# Who writes the index (README "Recherche"): "worker" (manage.py search_worker applies the
# queue), "on_commit" (each request after its commit), "auto" (worker while one runs).
KER_SEARCH_QUEUE_MODE = env("KER_SEARCH_QUEUE_MODE", default="auto")
# Search engine (README "Recherche"): "whoosh" (index on local disk, one machine) or
# "postgres" (full-text search in the PostgreSQL database, for several app servers).
KER_SEARCH_BACKEND = env("KER_SEARCH_BACKEND", default="whoosh")
KER_TERRITORY_NAME = env("KER_TERRITORY_NAME", default="Port-Kerlann")
KER_CONTENT_LICENCE = "CC BY-SA 4.0"
KER_CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
# Largest article body accepted, in bytes of UTF-8 text (about 500 KB).
KER_ARTICLE_MAX_BYTES = env.int("KER_ARTICLE_MAX_BYTES", default=500_000)
# Uploads: largest file in bytes and largest image in pixels (width x height), one limit for the
# Wagtail admin and the site's own upload forms (community/uploads.py reads the same settings).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("KER_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("KER_UPLOAD_MAX_PIXELS", default=40_000_000)
# Salt for the hash of IP addresses kept with revisions (never the raw address).
KER_IP_HASH_SALT = env("KER_IP_HASH_SALT", default=SECRET_KEY)

FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Moderation and trust (see README "Rôles et modération").
# A new contributor becomes confirmed automatically after this many approved edits and days.
KER_CONFIRM_MIN_EDITS = env.int("KER_CONFIRM_MIN_EDITS", default=10)
KER_CONFIRM_MIN_DAYS = env.int("KER_CONFIRM_MIN_DAYS", default=4)
# Anonymous editing is off (as on Wiki-Brest); when on, anonymous edits always wait for review.
KER_ANONYMOUS_EDITING = env.bool("KER_ANONYMOUS_EDITING", default=False)
# Rate limits, "count/period" with period s, m, h or d (django-ratelimit syntax).
KER_RATE_LIMITS = {
    "edit_user": env("KER_RATE_EDIT_USER", default="30/h"),
    "edit_ip": env("KER_RATE_EDIT_IP", default="60/h"),
    "signup_ip": env("KER_RATE_SIGNUP_IP", default="5/d"),
    "post_user": env("KER_RATE_POST_USER", default="20/h"),
    "report_ip": env("KER_RATE_REPORT_IP", default="20/h"),
    # Live preview while typing (one request per pause of half a second at most).
    "preview_user": env("KER_RATE_PREVIEW_USER", default="30/m"),
}
RATELIMIT_USE_CACHE = "default"
# A library workshop signs many people up from one address: these addresses or networks
# (comma-separated, e.g. 192.0.2.10,198.51.100.0/24) are exempt from the sign-up limit.
KER_SIGNUP_ALLOWED_IPS = env.list("KER_SIGNUP_ALLOWED_IPS", default=[])
# Behind a reverse proxy, who is the visitor? (community/http.py client_ip, README "Mise en
# production"). Either the number of proxies that append to X-Forwarded-For, or their
# addresses/networks. Neither set: REMOTE_ADDR only, forwarded headers are ignored.
KER_TRUSTED_PROXY_COUNT = env.int("KER_TRUSTED_PROXY_COUNT", default=0)
KER_TRUSTED_PROXIES = env.list("KER_TRUSTED_PROXIES", default=[])
RATELIMIT_IP_META_KEY = "community.http.ratelimit_ip"
# The in-process cache is enough for the single-process development server; production uses a
# shared file cache (config/settings/production.py), so this check is silenced only here.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]


# Content-Security-Policy (django-csp): our pages run only our own scripts and styles; map
# tiles come from KER_MAP_TILE_ORIGIN. The Wagtail admin keeps its own needs (excluded).
KER_MAP_TILE_URL = env("KER_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
KER_MAP_TILE_ORIGIN = env("KER_MAP_TILE_ORIGIN", default="https://tile.openstreetmap.org")
KER_MAP_ATTRIBUTION = env(
    "KER_MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
KER_MAP_CENTER = tuple(env.list("KER_MAP_CENTER", cast=float, default=[48.381, -4.490]))
KER_MAP_ZOOM = env.int("KER_MAP_ZOOM", default=13)
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/documents/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Uploads from an object storage's own host (KER_MEDIA_STORAGE=s3) are images too.
        "img-src": ["'self'", "data:", KER_MAP_TILE_ORIGIN]
        + ([KER_MEDIA_ORIGIN] if KER_MEDIA_ORIGIN else []),
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Community health circles over the last 12 months (see README "Portails").
KER_HEALTH_CORE_MIN_EDITS = env.int("KER_HEALTH_CORE_MIN_EDITS", default=25)
KER_HEALTH_ACTIVE_MIN_EDITS = env.int("KER_HEALTH_ACTIVE_MIN_EDITS", default=5)

# Read API (api/, see README "API et données ouvertes"): read-only, anonymous, JSON only.
# CORS opens GET to any origin, for /api/ only; anonymous clients are rate limited (429).
KER_API_ANON_RATE = env("KER_API_ANON_RATE", default="600/h")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API de lecture de Ker",
    "DESCRIPTION": "Articles, communs, grille, portails, modifications récentes et recherche.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_other_answers",
    ],
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Link"]

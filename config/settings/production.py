"""Production: refuses to start without a secret key and allowed hosts from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import cache_config, env, media_storage_config

DEBUG = False
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
try:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
except ImproperlyConfigured as error:
    raise ImproperlyConfigured(
        "Ker production needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (see .env.example)."
    ) from error
if not SECRET_KEY or not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must not be empty.")
KER_IP_HASH_SALT = env("KER_IP_HASH_SALT", default=SECRET_KEY)

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)

STORAGES = {
    # Local files, an S3 bucket (KER_MEDIA_STORAGE=s3) or DJANGO_MEDIA_STORAGE (base.py).
    "default": media_storage_config(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A file cache shared by the workers unless KER_CACHE_URL names another (base.py).
KER_CACHE_URL = env(
    "KER_CACHE_URL",
    default="filecache://" + env("DJANGO_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),  # noqa: F405
)
CACHES = {"default": cache_config(KER_CACHE_URL)}
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

HTTPS = env.bool("DJANGO_HTTPS", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS

"""Development: the embedded defaults (SQLite, files under the project, console email)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# Development runs with DEBUG and a public secret key: it answers to loopback host names only,
# unless KER_ALLOW_PUBLIC_DEV=1 (see README "Two commands" and `make run`).
KER_ALLOW_PUBLIC_DEV = env.bool("KER_ALLOW_PUBLIC_DEV", default=False)
if not KER_ALLOW_PUBLIC_DEV:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Static files through WhiteNoise, as in production: runserver's own static handler answers 500
# to paths like /static/..%2f..%2f (SuspiciousFileOperation escapes it). runserver_nostatic must
# come before django.contrib.staticfiles.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]  # noqa: F405
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

"""Tests: fast password hashing, in-memory email, isolated media."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="ker-test-media-")
KER_SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="ker-test-search-")
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

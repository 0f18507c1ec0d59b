"""Tests: fast password hashing, in-memory email, isolated media."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="ker-test-media-")
KER_SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="ker-test-search-")
DATABASES = {"default": database_from_env("sqlite:///:memory:")}  # noqa: F405
# Index changes are applied right after each commit (no search_worker in tests).
KER_SEARCH_QUEUE_MODE = env("KER_SEARCH_QUEUE_MODE", default="on_commit")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

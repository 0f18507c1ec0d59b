"""Tests: fast password hashing, in-memory email, isolated media."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="ker-test-media-")
KER_SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="ker-test-search-")
# Each process of the suite (pytest workers, servers started by tests) removes its own on exit
# (they were left behind, thousands of them in /tmp); not a forked child, which shares them.
_CREATOR = os.getpid()


def _remove_test_directories(*directories):
    if os.getpid() == _CREATOR:
        for directory in directories:
            shutil.rmtree(directory, ignore_errors=True)


atexit.register(_remove_test_directories, MEDIA_ROOT, KER_SEARCH_INDEX_DIR)
DATABASES = {"default": database_from_env("sqlite:///:memory:")}  # noqa: F405
# Index changes are applied right after each commit (no search_worker in tests).
KER_SEARCH_QUEUE_MODE = env("KER_SEARCH_QUEUE_MODE", default="on_commit")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

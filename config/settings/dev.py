"""Development: the embedded defaults (SQLite, files under the project, console email)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)

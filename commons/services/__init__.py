"""Every write to commons goes through these functions (see each module's docstring)."""

from .fields import SECTIONS, SECTIONS_BY_KEY, clean_changes, current_values
from .grid import assessment_save, grid_delete, grid_new_version, grid_publish
from .history import commons_restore
from .needs import need_delete, need_update
from .records import (
    DuplicatesFound,
    UpdateResult,
    commons_declare,
    commons_delete,
    commons_image_add,
    commons_image_approve,
    commons_image_reject,
    commons_image_remove,
    commons_owner_add,
    commons_owner_remove,
    commons_publish,
    commons_reject,
    commons_unpublish,
    commons_update,
)
from .suggestions import suggestion_approve, suggestion_reject

__all__ = [
    "SECTIONS",
    "SECTIONS_BY_KEY",
    "DuplicatesFound",
    "UpdateResult",
    "assessment_save",
    "clean_changes",
    "commons_declare",
    "commons_delete",
    "commons_image_add",
    "commons_image_approve",
    "commons_image_reject",
    "commons_image_remove",
    "commons_owner_add",
    "commons_owner_remove",
    "commons_publish",
    "commons_reject",
    "commons_restore",
    "commons_unpublish",
    "commons_update",
    "current_values",
    "grid_delete",
    "grid_new_version",
    "grid_publish",
    "need_delete",
    "need_update",
    "suggestion_approve",
    "suggestion_reject",
]

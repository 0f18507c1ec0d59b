"""Thin views of the commons pages (one module per area)."""

from .directory import (
    datapackage_view,
    directory_view,
    export_csv_view,
    export_geojson_view,
    export_json_view,
    map_geojson_view,
    map_view,
)
from .history import history_view, restore_view
from .manage import assessment_view, images_view, moderate_view, owners_view, suggestions_view
from .record import declare_view, detail_view, edit_section_view

__all__ = [
    "assessment_view",
    "datapackage_view",
    "declare_view",
    "detail_view",
    "directory_view",
    "edit_section_view",
    "export_csv_view",
    "export_geojson_view",
    "export_json_view",
    "history_view",
    "images_view",
    "map_geojson_view",
    "map_view",
    "moderate_view",
    "owners_view",
    "restore_view",
    "suggestions_view",
]

"""Cursor pagination: stable while new content arrives (no page shifts, no duplicates)."""

from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 200
    ordering = "pk"
    cursor_query_description = "Curseur de pagination (lien « next » ou « previous »)."
    page_size_query_description = "Nombre de résultats par page (200 au plus)."


class NewestFirstPagination(StableCursorPagination):
    ordering = "-pk"

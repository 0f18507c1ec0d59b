"""Serving uploads with safe headers when no web server does it (development, small sites).

Only image files are served (uploads are verified images and their renditions); each response
says its real type, forbids sniffing and runs in a CSP sandbox, so a file can never act as a
page of the site.
"""

import mimetypes
from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

SAFE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def serve_media(request, path: str):
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in SAFE_TYPES:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = SAFE_TYPES[suffix]
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = "inline"
    return response


mimetypes.add_type("image/webp", ".webp")

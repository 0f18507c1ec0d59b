"""Verification of uploaded images: only real JPEG, PNG, WebP or GIF within size limits."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def verify_image(uploaded_file) -> str:
    """Check the file's bytes (not its name) and return the true extension, or refuse it.

    Pillow reads the header; decompression bombs (more than WAGTAILIMAGES_MAX_IMAGE_PIXELS) and
    files larger than WAGTAILIMAGES_MAX_UPLOAD_SIZE (the admin's own limits) are refused before
    any full decoding.
    """
    max_bytes = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if uploaded_file.size is not None and uploaded_file.size > max_bytes:
        raise ValidationError(
            _("Le fichier est trop lourd (%(size)s Mo au plus).")
            % {"size": round(max_bytes / 1024 / 1024, 1)},
            code="too_large",
        )
    if not uploaded_file.size:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded_file) as image:
                image_format = image.format
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _("L'image est trop grande (%(pixels)s millions de pixels au plus).")
                        % {"pixels": max_pixels // 1_000_000},
                        code="too_many_pixels",
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("L'image est refusée : elle décompresse en trop de pixels."), code="bomb"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Ce fichier n'est pas une image JPEG, PNG, WebP ou GIF valide."), code="not_image"
        ) from None
    finally:
        uploaded_file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Format refusé : seules les images JPEG, PNG, WebP et GIF sont acceptées."),
            code="format",
        )
    return ACCEPTED_FORMATS[image_format]

"""One image limit (Wagtail's WAGTAILIMAGES_* settings) for the admin and the site's own upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.models import LicensedImage
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def _oversize():
    return SimpleUploadedFile("grand.png", image_bytes(size=(200, 200)), content_type="image/png")


def test_the_site_and_the_admin_refuse_the_same_oversize_image_in_french(
    client, resident, administrator, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 30_000  # 200 x 200 = 40 000 pixels
    client.force_login(resident)
    response = client.post(
        "/wiki/televerser/",
        {
            "image_file": _oversize(),
            "image_title": "x",
            "image_author": "y",
            "image_licence": "CC BY-SA 4.0",
        },
    )
    assert response.status_code == 400
    assert "trop grande" in response.content.decode()
    client.force_login(administrator)
    response = client.post(reverse("wagtailimages:add"), {"title": "Grand", "file": _oversize()})
    assert "trop grand nombre de pixels" in response.content.decode()
    assert LicensedImage.objects.count() == 0
    # The same image under the limit is accepted by the admin: the refusal was the pixel count.
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000
    response = client.post(reverse("wagtailimages:add"), {"title": "Grand", "file": _oversize()})
    assert "trop grand nombre de pixels" not in response.content.decode()


def test_the_default_pixel_limit_is_the_same_for_the_site_and_the_admin(settings):
    from wagtail.images.fields import WagtailImageField

    assert WagtailImageField().max_image_pixels == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000

"""The admin's dashboard and menu lead to the review queue."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_dashboard_links_to_the_review_queue(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ouvrir la file de relecture" in html
    assert f'<a href="{reverse("community:review_queue")}">Ouvrir la file de relecture</a>' in html

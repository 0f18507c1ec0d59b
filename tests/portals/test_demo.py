"""The whole demo territory: articles, commons and at least four portals, loaded twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from portals.models import PortalPage

pytestmark = pytest.mark.django_db


def test_whole_demo_loads_twice_with_portals(client):
    output = StringIO()
    call_command("portals_demo", stdout=output)
    call_command("portals_demo", stdout=StringIO())
    assert PortalPage.objects.live().count() >= 4
    assert "kerlann-demo" in output.getvalue() and "anaig" in output.getvalue()
    portal = PortalPage.objects.get(slug="mer-et-port")
    html = client.get(portal.url).content.decode()
    assert "Port de Kerlann" in html
    assert (
        "/wiki/port-de-kerlann/"
        in client.get("/recherche/", {"q": "port kerlann"}).content.decode()
    )
    home = client.get("/").content.decode()
    assert "Communs et solidarités" in home
    # Featured articles are pieces of the territory's memory, not the editorial charter.
    from portals.models import HomePage

    featured = [pick.article.slug for pick in HomePage.objects.get().featured_articles.all()]
    assert len(featured) == 3
    assert "charte-editoriale" not in featured

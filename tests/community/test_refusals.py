"""One way to refuse (community.shortcuts.refuse_unless), in every app: a visitor goes to the
log-in page and is told why; a logged-in person the policy refuses gets a 403 saying why."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from commons.services import commons_declare, commons_publish

pytestmark = pytest.mark.django_db

MODERATORS_ONLY = "Réservé aux animateurs et animatrices."


@pytest.fixture
def places(create_article, resident, facilitator):
    create_article(title="Le lavoir")
    commons = commons_declare(
        user=resident, name="Jardin du Moulin", summary="Un potager.", duplicates_confirmed=True
    )
    commons = commons_publish(commons=commons, user=facilitator)
    return {"commons": commons.slug}


VISITOR_REFUSALS = [
    ("get", "/relecture/", MODERATORS_ONLY),
    ("get", "/wiki/le-lavoir/proteger/", MODERATORS_ONLY),
    ("post", "/wiki/le-lavoir/discussion/", "Connectez-vous pour participer à la discussion."),
    ("get", "/wiki/le-lavoir/modifier/", "Connectez-vous pour modifier les pages."),
    ("get", "/communs/{commons}/evaluation/", None),
]


@pytest.mark.parametrize(("method", "path", "reason"), VISITOR_REFUSALS)
def test_a_refused_visitor_logs_in_first_and_is_told_why(client, places, method, path, reason):
    path = path.format(**places)
    response = getattr(client, method)(path, {"body": "Bonjour"} if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/?next=")
    assert path in response["Location"]
    login_page = client.get(response["Location"]).content.decode()
    assert 'name="username"' in login_page
    if reason is not None:
        assert escape(reason) in login_page


LOGGED_IN_REFUSALS = [
    ("/relecture/", f'role="alert">{MODERATORS_ONLY}'),
    ("/wiki/le-lavoir/proteger/", "Revenir à l'article"),
    ("/communs/{commons}/evaluation/", "Revenir à « Jardin du Moulin »"),
]


@pytest.mark.parametrize(("path", "way_back"), LOGGED_IN_REFUSALS)
def test_a_refused_resident_gets_a_403_saying_why(client, places, other_resident, path, way_back):
    client.force_login(other_resident)
    response = client.get(path.format(**places))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="banner' in html and way_back in html

"""The main pages are valid HTML for the W3C's Nu Html Checker (vnu.jar, run offline).

Install it with ``scripts/install-validator-deps.sh`` (Java + npm's vnu-jar into var/vnu/).
Without it the test is skipped, unless ``KER_REQUIRE_VALIDATOR=1`` (then it fails).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

JAR = Path(settings.BASE_DIR) / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def validator() -> list[str]:
    if JAR.is_file() and shutil.which("java"):
        return ["java", "-Xss4m", "-jar", str(JAR)]
    message = "vnu.jar or java missing: run scripts/install-validator-deps.sh"
    if os.environ.get("KER_REQUIRE_VALIDATOR") == "1":
        pytest.fail(message)
    pytest.skip(message)


def test_main_pages_are_valid_html(client, create_article, resident, facilitator, tmp_path):
    from commons.services import commons_declare, commons_publish

    command = validator()
    published = commons_publish(
        commons=commons_declare(
            user=resident, name="Jardin partagé", summary="Un potager.", commune="Kerlann",
            latitude=48.38, longitude=-4.49, duplicates_confirmed=True,
        ),
        user=facilitator,
    )  # fmt: skip
    article = create_article(title="Le lavoir", body="Le lavoir du **bourg**.\n\n- un\n- deux")
    pages = {
        "accueil": "/",
        "wiki": "/wiki/",
        "article": article.url,
        "historique": f"/wiki/{article.slug}/historique/",
        "communs": "/communs/",
        "fiche": published.get_absolute_url(),
        "recherche": "/recherche/?q=lavoir",
        "modifications": "/modifications-recentes/",
        "carte": "/communs/carte/",
        "historique-fiche": f"{published.get_absolute_url()}historique/",
        "connexion": "/comptes/connexion/",
    }
    signed_in = {
        "modifier": f"/wiki/{article.slug}/modifier/",
        "declarer": "/communs/declarer/",
    }
    files = []
    for name, url in [*pages.items(), *signed_in.items()]:
        if name in signed_in:
            client.force_login(resident)
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<main" in response.content, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    done = subprocess.run(
        [*command, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)

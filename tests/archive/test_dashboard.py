"""The backup and restore commands on the Wagtail admin dashboard, for administrators."""

from __future__ import annotations


def test_admin_dashboard_shows_the_backup_and_restore_commands(client, administrator):
    client.force_login(administrator)
    response = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sauvegarde et restauration" in html
    assert "manage.py site_dump" in html and "manage.py site_restore" in html


def test_facilitators_dashboard_has_no_server_commands(client, facilitator):
    client.force_login(facilitator)
    response = client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Relecture" in html
    assert "site_dump" not in html

"""The community's audit-log actions are named (in French) by the community app itself."""

import pytest
from django.urls import reverse
from wagtail import hooks
from wagtail.log_actions import log, registry

pytestmark = pytest.mark.django_db

LABELS = {
    "community.block": "Bloquer un compte",
    "community.unblock": "Débloquer un compte",
    "community.confirm": "Confirmer un compte",
    "community.report": "Signaler",
    "community.report_handled": "Traiter un signalement",
}


def test_community_registers_its_own_audit_log_actions():
    modules = {hook.__module__ for hook in hooks.get_hooks("register_log_actions")}
    assert "community.wagtail_hooks" in modules
    for action, label in LABELS.items():
        assert registry.action_exists(action)
        assert str(registry.get_action_label(action)) == label


def test_the_admin_audit_log_shows_a_community_action_in_french(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin-journal", "a@example.org", "x")
    log(instance=admin, action="community.confirm", user=admin)
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Compte confirmé" in response.content.decode() or "Confirmer un compte" in (
        response.content.decode()
    )

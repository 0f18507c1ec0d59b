"""Wagtail admin integration: the names of the community's actions in the audit log."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

COMMUNITY_ACTIONS = {
    "community.block": (_("Bloquer un compte"), _("Compte bloqué")),
    "community.unblock": (_("Débloquer un compte"), _("Compte débloqué")),
    "community.confirm": (_("Confirmer un compte"), _("Compte confirmé")),
    "community.report": (_("Signaler"), _("Signalement reçu")),
    "community.report_handled": (_("Traiter un signalement"), _("Signalement traité")),
}


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    for action, (label, message) in COMMUNITY_ACTIONS.items():
        actions.register_action(action, label, message)

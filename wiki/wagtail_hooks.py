"""Wagtail admin integration: the review queue in the menu and on the dashboard, and the
names of the wiki's moderation actions in the audit log."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

WIKI_ACTIONS = {
    "wiki.revert": (_("Restaurer une version"), _("Version restaurée")),
    "wiki.import": (_("Importer l'historique MediaWiki"), _("Historique importé")),
    "wiki.import_redirect": (_("Importer une redirection"), _("Redirection importée")),
    "wiki.reconvert": (_("Reconvertir le wikitexte importé"), _("Wikitexte reconverti")),
    "wiki.approve": (_("Accepter une modification"), _("Modification acceptée")),
    "wiki.reject": (_("Refuser une modification"), _("Modification refusée")),
    "wiki.patrol": (_("Vérifier une modification"), _("Modification vérifiée")),
    "wiki.rollback": (_("Révoquer"), _("Modifications révoquées")),
    "wiki.mass_revert": (_("Nettoyer les modifications d'un compte"), _("Modifications nettoyées")),
    "wiki.hide": (_("Masquer une version"), _("Version masquée")),
    "wiki.unhide": (_("Démasquer une version"), _("Version démasquée")),
    "wiki.protect": (_("Protéger un article"), _("Protection modifiée")),
    "wiki.talk_post": (_("Écrire un message"), _("Message écrit")),
    "wiki.talk_approve": (_("Accepter un message"), _("Message accepté")),
    "wiki.talk_reject": (_("Refuser un message"), _("Message refusé")),
    "community.block": (_("Bloquer un compte"), _("Compte bloqué")),
    "community.unblock": (_("Débloquer un compte"), _("Compte débloqué")),
    "community.confirm": (_("Confirmer un compte"), _("Compte confirmé")),
    "community.report": (_("Signaler"), _("Signalement reçu")),
    "community.report_handled": (_("Traiter un signalement"), _("Signalement traité")),
}


@hooks.register("register_log_actions")
def register_wiki_log_actions(actions):
    for action, (label, message) in WIKI_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    return MenuItem(_("Relecture"), "/relecture/", icon_name="tasks", order=150)


class ReviewQueuePanel(Component):
    name = "ker_review_queue"
    order = 50

    def render_html(self, parent_context=None):
        from community.moderation import pending_items

        count = len(pending_items())
        return format_html(
            '<section class="panel w-mb-8"><h2>{}</h2>'
            '<p>{} <a href="/relecture/">{}</a></p></section>',
            _("Relecture"),
            ngettext(
                "%(count)s élément en attente de décision.",
                "%(count)s éléments en attente de décision.",
                count,
            )
            % {"count": count},
            _("Ouvrir la file de relecture"),
        )


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    panels.insert(0, ReviewQueuePanel())

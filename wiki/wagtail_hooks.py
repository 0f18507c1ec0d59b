"""Wagtail admin integration: the review queue in the menu and on the dashboard, and the
names of the wiki's moderation actions in the audit log."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
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
}


@hooks.register("register_log_actions")
def register_wiki_log_actions(actions):
    for action, (label, message) in WIKI_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    return MenuItem(_("Relecture"), reverse("community:review_queue"), icon_name="tasks", order=150)


class ReviewQueuePanel(Component):
    name = "ker_review_queue"
    order = 50

    def render_html(self, parent_context=None):
        from community.moderation import pending_items

        count = len(pending_items())
        return format_html(
            '<section class="panel w-mb-8"><h2>{}</h2><p>{} <a href="{}">{}</a></p></section>',
            _("Relecture"),
            ngettext(
                "%(count)s élément en attente de décision.",
                "%(count)s éléments en attente de décision.",
                count,
            )
            % {"count": count},
            reverse("community:review_queue"),
            _("Ouvrir la file de relecture"),
        )


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    panels.insert(0, ReviewQueuePanel())


# --- One write path (issue 9 §3) ------------------------------------------------------------
# The admin page editor would save and publish an article without the wiki's services: no
# revision metadata, no backlinks, no review of pending edits. Articles are written from the
# front-end editor only; the admin sends there, and refuses the bulk actions that would publish
# or copy articles behind the services' back.


def _is_article(page_or_class) -> bool:
    from .models import ArticlePage

    cls = page_or_class if isinstance(page_or_class, type) else type(page_or_class)
    return issubclass(cls, ArticlePage)


@hooks.register("before_edit_page")
def edit_articles_in_the_wiki(request, page):
    if not _is_article(page.specific_class or type(page)):
        return None
    messages.info(
        request,
        _("Les articles se modifient dans le wiki, où chaque version est relue et tracée."),
    )
    return redirect("wiki:edit", slug=page.slug)


@hooks.register("before_create_page")
def create_articles_in_the_wiki(request, parent_page, page_class):
    if not _is_article(page_class):
        return None
    messages.info(request, _("Les articles se créent dans le wiki."))
    return redirect("wiki:create")


@hooks.register("before_copy_page")
def no_article_copies(request, page):
    if not _is_article(page.specific_class or type(page)):
        return None
    messages.error(request, _("Un article ne se copie pas : créez-en un dans le wiki."))
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_bulk_action")
def no_bulk_publishing_of_articles(request, action_type, objects, action_class_instance):
    if action_type != "publish" or not any(
        _is_article(getattr(item, "specific_class", None) or type(item)) for item in objects
    ):
        return None
    messages.error(
        request,
        _("Les articles se publient dans le wiki, par la relecture des modifications en attente."),
    )
    return redirect("wagtailadmin_home")

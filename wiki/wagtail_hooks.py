from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_wiki_log_actions(actions):
    actions.register_action("wiki.revert", _("Restaurer une version"), _("Version restaurée"))

"""Admin dashboard: the backup and restore commands, where administrators look first."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component


class BackupHelpPanel(Component):
    name = "ker_backup_help"
    order = 400

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel w-mb-8" id="ker-backup-help"><h2>{}</h2><p>{}</p>'
            "<pre><code>{}</code></pre><p>{}</p><pre><code>{}</code></pre><p>{}</p></section>",
            _("Sauvegarde et restauration"),
            _(
                "Une archive ouverte (JSON, Markdown, images) de tout le site : articles et "
                "toutes leurs versions, communs et leur historique, portails, comptes, journal. "
                "Sur le serveur, chaque nuit :"
            ),
            "python manage.py site_dump /srv/ker/sauvegardes/ker-$(date +%F).tar.gz "
            "--with-passwords --with-emails",
            _("Pour reconstruire le site dans une base de données neuve :"),
            "python manage.py site_restore /srv/ker/sauvegardes/ker-AAAA-MM-JJ.tar.gz",
            _(
                "Sans --with-passwords ni --with-emails, l'archive ne contient ni mots de passe "
                "ni adresses électroniques : elle peut être publiée. Voir le README, "
                "« Sauvegarde et restauration »."
            ),
        )


@hooks.register("construct_homepage_panels")
def add_backup_help_panel(request, panels):
    if request.user.is_superuser:
        panels.append(BackupHelpPanel())

"""Admin integration: facilitators edit the evaluation grid and the needs vocabulary.

A published grid version is frozen (see Grid.clean); "Nouvelle version" copies it into a draft
and "Publier cette version" makes the draft the one new assessments answer.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.widgets.button import Button
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet, SnippetViewSetGroup

from community import policy

from .models import Grid, HarvestSource, Need
from .services import grid_delete, grid_new_version, grid_publish, need_delete, need_update


class ServiceDeleteView(DeleteView):
    """Wagtail's delete view, where the service may refuse: its reason as a message."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())


class GridViewSet(SnippetViewSet):
    model = Grid
    delete_view_class = ServiceDeleteView
    icon = "table"
    menu_label = gettext_lazy("Grilles d'évaluation")
    list_display = ["title", "version", "published_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("version"),
        FieldPanel("intro"),
        InlinePanel(
            "levels", heading=gettext_lazy("Échelle de niveaux"), label=gettext_lazy("Niveau")
        ),
        InlinePanel("criteria", heading=gettext_lazy("Critères"), label=gettext_lazy("Critère")),
    ]


class NeedViewSet(SnippetViewSet):
    model = Need
    icon = "tag"
    menu_label = gettext_lazy("Usages")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class HarvestSourceViewSet(SnippetViewSet):
    model = HarvestSource
    icon = "download"
    menu_label = gettext_lazy("Sources moissonnées")
    list_display = ["name", "format", "active", "last_run_at", "last_success_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("format"),
        FieldPanel("licence"),
        FieldPanel("active"),
        FieldPanel("last_status", read_only=True),
    ]


class CommonsAdminGroup(SnippetViewSetGroup):
    items = (GridViewSet, NeedViewSet, HarvestSourceViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Communs")
    menu_name = "commons"


register_snippet(CommonsAdminGroup)


class NeedEditAction(EditAction):
    """The admin's need form saves through ``need_update``: records using it are reindexed."""

    def _edit(self, skip_permission_checks=False):
        self._clean_instance()
        need = self.instance
        self.instance = need_update(
            need=need,
            user=self.user,
            name=need.name,
            slug=need.slug,
            description=need.description,
        )
        return self.instance


class NeedDeleteAction(DeleteAction):
    """Deleting a need in the admin goes through ``need_delete``: a version per record."""

    def _delete(self):
        return need_delete(need=self.instance, user=self.user)


class GridDeleteAction(DeleteAction):
    """Only draft versions are deleted (``grid_delete``), never an answered grid."""

    def _delete(self):
        return grid_delete(grid=self.instance, user=self.user)


class ServiceDeleteBulkAction(DeleteBulkAction):
    """The listing's "delete selected", one service call per item; refusals become messages."""

    @staticmethod
    def delete(instance, *, user) -> None:
        raise NotImplementedError

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        request = kwargs["self"].request
        deleted = 0
        for instance in objects:
            try:
                cls.delete(instance, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                deleted += 1
        return deleted, 0


class NeedDeleteBulkAction(ServiceDeleteBulkAction):
    models = [Need]

    @staticmethod
    def delete(instance, *, user) -> None:
        need_delete(need=instance, user=user)


class GridDeleteBulkAction(ServiceDeleteBulkAction):
    models = [Grid]

    @staticmethod
    def delete(instance, *, user) -> None:
        grid_delete(grid=instance, user=user)


@hooks.register("register_actions")
def register_commons_admin_actions(registry):
    registry.register(Need, NeedEditAction)
    registry.register(Need, NeedDeleteAction)
    registry.register(Grid, GridDeleteAction)


# After Wagtail's own snippet bulk delete (order 0), so that ours are the ones used.
hooks.register("register_bulk_action", NeedDeleteBulkAction, order=1)
hooks.register("register_bulk_action", GridDeleteBulkAction, order=1)


def _grid_action(request, pk: int, *, action: str):
    if not policy.can_moderate(request.user):
        raise PermissionDenied
    grid = get_object_or_404(Grid, pk=pk)
    if request.method == "POST":
        try:
            if action == "new_version":
                created = grid_new_version(grid=grid, user=request.user)
                messages.success(
                    request,
                    _("Version %(number)s créée en brouillon.") % {"number": created.version},
                )
            else:
                grid_publish(grid=grid, user=request.user)
                messages.success(request, _("Version publiée."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("wagtailsnippets_commons_grid:list"))
    question = (
        _("Créer une nouvelle version de brouillon à partir de « %(grid)s » ?")
        if action == "new_version"
        else _("Publier « %(grid)s » ? Elle ne pourra plus être modifiée.")
    )
    return render(
        request,
        "commons/admin/grid_action.html",
        {"grid": grid, "question": question % {"grid": grid}},
    )


def grid_new_version_view(request, pk: int):
    return _grid_action(request, pk, action="new_version")


def grid_publish_view(request, pk: int):
    return _grid_action(request, pk, action="publish")


@hooks.register("register_admin_urls")
def register_commons_admin_urls():
    return [
        path(
            "communs/grilles/<int:pk>/nouvelle-version/",
            grid_new_version_view,
            name="commons_grid_new_version",
        ),
        path("communs/grilles/<int:pk>/publier/", grid_publish_view, name="commons_grid_publish"),
    ]


@hooks.register("register_snippet_listing_buttons")
def grid_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Grid) or not policy.can_moderate(user):
        return []
    buttons = [
        Button(
            _("Nouvelle version"),
            url=reverse("commons_grid_new_version", args=[snippet.pk]),
            priority=20,
        )
    ]
    if not snippet.is_published:
        buttons.append(
            Button(
                _("Publier cette version"),
                url=reverse("commons_grid_publish", args=[snippet.pk]),
                priority=21,
            )
        )
    return buttons


@hooks.register("register_log_actions")
def register_commons_log_actions(actions):
    for action, label, message in [
        ("commons.declare", gettext_lazy("Déclarer un commun"), gettext_lazy("Commun déclaré")),
        ("commons.edit", gettext_lazy("Modifier un commun"), gettext_lazy("Commun modifié")),
        (
            "commons.suggest",
            gettext_lazy("Proposer une modification"),
            gettext_lazy("Modification proposée"),
        ),
        (
            "commons.suggestion_approve",
            gettext_lazy("Accepter une proposition"),
            gettext_lazy("Proposition acceptée"),
        ),
        (
            "commons.suggestion_reject",
            gettext_lazy("Refuser une proposition"),
            gettext_lazy("Proposition refusée"),
        ),
        ("commons.publish", gettext_lazy("Publier un commun"), gettext_lazy("Commun publié")),
        ("commons.reject", gettext_lazy("Refuser un commun"), gettext_lazy("Commun refusé")),
        ("commons.unpublish", gettext_lazy("Dépublier un commun"), gettext_lazy("Commun dépublié")),
        ("commons.owner_add", gettext_lazy("Ajouter un porteur"), gettext_lazy("Porteur ajouté")),
        (
            "commons.owner_remove",
            gettext_lazy("Retirer un porteur"),
            gettext_lazy("Porteur retiré"),
        ),
        ("commons.image_add", gettext_lazy("Ajouter une image"), gettext_lazy("Image ajoutée")),
        ("commons.image_remove", gettext_lazy("Retirer une image"), gettext_lazy("Image retirée")),
        (
            "commons.image_approve",
            gettext_lazy("Accepter une image"),
            gettext_lazy("Image acceptée"),
        ),
        ("commons.image_reject", gettext_lazy("Refuser une image"), gettext_lazy("Image refusée")),
        (
            "commons.assess",
            gettext_lazy("Auto-évaluer un commun"),
            gettext_lazy("Auto-évaluation enregistrée"),
        ),
        (
            "commons.restore",
            gettext_lazy("Restaurer une version"),
            gettext_lazy("Version restaurée"),
        ),
        ("commons.import", gettext_lazy("Importer un commun"), gettext_lazy("Commun importé")),
    ]:
        actions.register_action(action, label, message)

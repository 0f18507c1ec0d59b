"""Wagtail admin integration: the names of the community's actions in the audit log, and the
tag descriptions, which facilitators edit as a snippet written through the service."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import TagDescription
from .tag_descriptions import MAX_BODY_LENGTH, tag_description_delete, tag_description_save

COMMUNITY_ACTIONS = {
    "community.block": (gettext_lazy("Bloquer un compte"), gettext_lazy("Compte bloqué")),
    "community.unblock": (gettext_lazy("Débloquer un compte"), gettext_lazy("Compte débloqué")),
    "community.confirm": (gettext_lazy("Confirmer un compte"), gettext_lazy("Compte confirmé")),
    "community.report": (gettext_lazy("Signaler"), gettext_lazy("Signalement reçu")),
    "community.report_handled": (
        gettext_lazy("Traiter un signalement"),
        gettext_lazy("Signalement traité"),
    ),
    "community.tag_description_import": (
        gettext_lazy("Importer une description d'étiquette"),
        gettext_lazy("Description d'étiquette importée"),
    ),
}


@hooks.register("register_log_actions")
def register_community_log_actions(actions):
    for action, (label, message) in COMMUNITY_ACTIONS.items():
        actions.register_action(action, label, message)


class TagDescriptionForm(WagtailAdminModelForm):
    """The tag is chosen when the description is created, and stays (a description does not
    move from one tag to another)."""

    body = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("En Markdown, comme les articles."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "tag" in self.fields:
            self.fields["tag"].disabled = True


class TagDescriptionViewSet(SnippetViewSet):
    model = TagDescription
    icon = "tag"
    menu_label = gettext_lazy("Descriptions d'étiquette")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["tag", "updated_at", "editor_name"]
    search_fields = ["body"]
    edit_handler = ObjectList(
        [
            FieldPanel("tag"),
            FieldPanel("body"),
            FieldPanel("updated_at", read_only=True),
            FieldPanel("updated_by_name", read_only=True),
        ],
        base_form_class=TagDescriptionForm,
    )


register_snippet(TagDescriptionViewSet)


def _adopt(instance: TagDescription, saved: TagDescription) -> TagDescription:
    """The admin views keep their form's instance: give it the row the service wrote."""
    instance.pk = saved.pk
    instance.refresh_from_db()
    return instance


class TagDescriptionCreateAction(CreateAction):
    def _create(self, skip_permission_checks=False):
        self._clean_instance()
        saved = tag_description_save(user=self.user, tag=self.instance.tag, body=self.instance.body)
        self.instance = _adopt(self.instance, saved)
        return self.instance


class TagDescriptionEditAction(EditAction):
    def _edit(self, skip_permission_checks=False):
        self._clean_instance()
        saved = tag_description_save(user=self.user, tag=self.instance.tag, body=self.instance.body)
        self.instance = _adopt(self.instance, saved)
        return self.instance


class TagDescriptionDeleteAction(DeleteAction):
    def _delete(self):
        return tag_description_delete(user=self.user, description=self.instance)


class TagDescriptionDeleteBulkAction(DeleteBulkAction):
    """The listing's "delete selected", through the service for each description."""

    models = [TagDescription]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        request = kwargs["self"].request
        deleted = 0
        for description in objects:
            try:
                tag_description_delete(user=request.user, description=description)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                deleted += 1
        return deleted, 0


@hooks.register("register_actions")
def register_tag_description_actions(registry):
    registry.register(TagDescription, TagDescriptionCreateAction)
    registry.register(TagDescription, TagDescriptionEditAction)
    registry.register(TagDescription, TagDescriptionDeleteAction)


# After Wagtail's own snippet bulk delete (order 0), so that ours is the one used.
hooks.register("register_bulk_action", TagDescriptionDeleteBulkAction, order=1)

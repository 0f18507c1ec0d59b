"""People and shared media: accounts, and images that carry their author and licence."""

import reversion
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition


class User(AbstractUser):
    """A Ker account. Custom from the first migration so trust and profile can grow here."""

    licence_accepted_at = models.DateTimeField(
        _("licence acceptée le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle la personne a accepté de publier sous CC BY-SA 4.0."),
    )
    bio = models.TextField(_("présentation"), blank=True)
    is_confirmed = models.BooleanField(
        _("contributeur confirmé"),
        default=False,
        help_text=_("Ses modifications sont publiées sans relecture."),
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    signup_ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def __str__(self):
        return self.username


class Block(models.Model):
    """A facilitator's decision to stop an account from editing, declaring or posting."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks")
    reason = models.CharField(_("motif"), max_length=500)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    expires_at = models.DateTimeField(_("fin du blocage"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="blocks_given"
    )
    lifted_at = models.DateTimeField(_("levé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("blocage")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.reason})"

    @classmethod
    def active_for(cls, user):
        from django.utils import timezone

        now = timezone.now()
        return (
            cls.objects.filter(user=user, lifted_at__isnull=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))
            .order_by("-created_at")
            .first()
        )

    def explanation(self) -> str:
        from django.utils import formats, timezone

        if self.expires_at:
            until = formats.date_format(timezone.localtime(self.expires_at), "DATETIME_FORMAT")
            return _("Votre compte est bloqué jusqu'au %(date)s. Motif : %(reason)s") % {
                "date": until,
                "reason": self.reason,
            }
        return _("Votre compte est bloqué. Motif : %(reason)s") % {"reason": self.reason}


LICENCE_CHOICES = [
    ("CC BY-SA 4.0", "CC BY-SA 4.0"),
    ("CC BY 4.0", "CC BY 4.0"),
    ("CC0 1.0", _("CC0 (domaine public volontaire)")),
    ("domaine public", _("Domaine public")),
]


class LicensedImage(AbstractImage):
    """A Wagtail image that always says who made it and under which licence it may be reused."""

    author = models.CharField(_("auteur ou autrice"), max_length=255)
    licence = models.CharField(
        _("licence"), max_length=40, choices=LICENCE_CHOICES, default="CC BY-SA 4.0"
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    admin_form_fields = (
        "title",
        "file",
        "author",
        "licence",
        "source",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def credit(self) -> str:
        return f"{self.author} — {self.licence}"


class LicensedRendition(AbstractRendition):
    image = models.ForeignKey(LicensedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class Notification(models.Model):
    """Something a person should know: a decision on their edit, a change they follow."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message


class Report(models.Model):
    """A visitor's report of a problem (an article, a revision, a message) for facilitators."""

    target_label = models.CharField(_("objet signalé"), max_length=300)
    target_url = models.CharField(max_length=500)
    target_key = models.CharField(max_length=100, db_index=True)
    reason = models.TextField(_("motif"))
    reporter = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("signalement")
        ordering = ["created_at"]

    def __str__(self):
        return self.target_label


class TagOrigin(models.TextChoices):
    KER = "ker", _("écrite dans Ker")
    IMPORTED = "imported", _("importée")


@reversion.register()
class TagDescription(models.Model):
    """What a tag gathers, shown at the top of its page (a MediaWiki category's text).

    Articles, commons and portals share taggit's ``Tag``, so the description lives here, below
    all of them. Every change is a django-reversion version; writes go through
    ``community.tag_descriptions``. An imported description remembers its source revision, so
    a re-import neither duplicates it nor overwrites what facilitators wrote since.
    """

    tag = models.OneToOneField(
        "taggit.Tag",
        on_delete=models.CASCADE,
        related_name="ker_description",
        verbose_name=_("étiquette"),
    )
    body = models.TextField(
        _("description"), blank=True, help_text=_("En Markdown, comme les articles.")
    )
    updated_at = models.DateTimeField(_("mise à jour le"), default=timezone.now)
    updated_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("modifiée par"),
    )
    # The name of the last editor, kept when it has no account here (a MediaWiki author).
    updated_by_name = models.CharField(_("dernier auteur"), max_length=255, blank=True)
    origin = models.CharField(
        _("origine"), max_length=10, choices=TagOrigin.choices, default=TagOrigin.KER
    )
    source_wiki = models.CharField(max_length=255, blank=True)
    source_revision_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("description d'étiquette")
        verbose_name_plural = _("descriptions d'étiquette")
        ordering = ["tag__name"]

    def __str__(self):
        return self.tag.name

    @property
    def editor_name(self) -> str:
        return self.updated_by.username if self.updated_by_id else self.updated_by_name

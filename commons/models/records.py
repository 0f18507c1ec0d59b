"""The commons record: what a collective declares about itself, and who looks after it."""

from __future__ import annotations

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class Stage(models.TextChoices):
    """Where the initiative stands in its life; free of judgement, chosen by its owners."""

    IDEA = "idea", _("Idée")
    STARTING = "starting", _("Démarrage")
    ACTIVE = "active", _("Actif")
    PAUSED = "paused", _("En pause")
    ENDED = "ended", _("Terminé")


class Status(models.TextChoices):
    """Moderation state: only published records are shown to visitors, indexed and exported."""

    PENDING = "pending", _("En attente de relecture")
    PUBLISHED = "published", _("Publié")
    REJECTED = "rejected", _("Refusé")
    UNPUBLISHED = "unpublished", _("Dépublié")


class Need(models.Model):
    """A need ("usage") a commons answers; shared so similar commons group and converge."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("usage")
        verbose_name_plural = _("usages")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaggedCommons(TaggedItemBase):
    """Tags of commons, in their own table so tag queries stay cheap."""

    content_object = models.ForeignKey(
        "commons.Commons", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("étiquette d'un commun")


@reversion.register(follow=("assessments",))
class Commons(models.Model):
    """A self-declared initiative that a collective runs as a commons.

    A plain model (not a Wagtail page): it is a record completed section by section, versioned
    with django-reversion. Tags are also kept as ``tags_text`` so every version holds them.
    """

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=220, unique=True)
    summary = models.CharField(_("résumé en une phrase"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("En Markdown, comme les articles.")
    )
    website = models.URLField(_("site web"), max_length=500, blank=True)
    tags = TaggableManager(_("étiquettes"), through=TaggedCommons, blank=True)
    tags_text = models.CharField(_("étiquettes"), max_length=2000, blank=True, editable=False)
    street_address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=12, blank=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    start_date = models.DateField(_("date de démarrage"), null=True, blank=True)
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=120,
        blank=True,
        help_text=_("Licence des ressources partagées, par exemple CC BY-SA 4.0 ou GPL-3.0."),
    )
    shared_resources = models.TextField(_("ressources partagées"), blank=True)
    community = models.TextField(_("la communauté"), blank=True)
    how_to_join = models.TextField(_("comment rejoindre"), blank=True)
    contact_name = models.CharField(_("personne à contacter"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=40, blank=True)
    contact_public = models.BooleanField(
        _("rendre le contact public"),
        default=False,
        help_text=_("Sinon, seuls les animateurs et les porteurs du commun le voient."),
    )
    related_articles_text = models.TextField(
        _("articles du wiki liés"), blank=True, help_text=_("Un titre d'article par ligne.")
    )
    needs = models.ManyToManyField(
        Need, verbose_name=_("usages"), blank=True, related_name="commons"
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="commons.CommonsOwner",
        through_fields=("commons", "user"),
        related_name="owned_commons",
        verbose_name=_("porteurs"),
    )
    status = models.CharField(
        _("état de publication"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    moderation_note = models.CharField(_("motif de la décision"), max_length=500, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declared_commons",
        verbose_name=_("déclaré par"),
    )
    import_source_id = models.CharField(
        _("identifiant dans la source importée"), max_length=200, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("déclaré le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)

    class Meta:
        verbose_name = _("commun")
        verbose_name_plural = _("communs")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90, latitude__lte=90)
                    & Q(longitude__gte=-180, longitude__lte=180)
                ),
                name="commons_coordinates_both_and_in_range",
            ),
            models.UniqueConstraint(
                fields=["import_source_id"],
                condition=~Q(import_source_id=""),
                name="commons_unique_import_source_id",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        try:
            return reverse("commons:detail", kwargs={"slug": self.slug})
        except NoReverseMatch:  # URLs not wired yet: the public address is stable anyway
            return f"/communs/{self.slug}/"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def tag_names(self) -> list[str]:
        return [name.strip() for name in self.tags_text.split(",") if name.strip()]

    def related_article_titles(self) -> list[str]:
        return [line.strip() for line in self.related_articles_text.splitlines() if line.strip()]


class CommonsOwner(models.Model):
    """Owners may edit directly (once confirmed), add co-owners and review suggestions."""

    commons = models.ForeignKey(Commons, on_delete=models.CASCADE, related_name="ownerships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commons_ownerships"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("porteur d'un commun")
        constraints = [
            models.UniqueConstraint(fields=["commons", "user"], name="commons_unique_owner")
        ]

    def __str__(self):
        return f"{self.user} — {self.commons}"


class RelatedArticle(models.Model):
    """A wiki article a commons points to, by title; kept queryable for the backlink selector."""

    commons = models.ForeignKey(Commons, on_delete=models.CASCADE, related_name="related_articles")
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commons", "slug"], name="commons_unique_article_link")
        ]

    def __str__(self):
        return self.title


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    APPROVED = "approved", _("Acceptée")
    REJECTED = "rejected", _("Refusée")


class CommonsImageQuerySet(models.QuerySet):
    def approved(self):
        """What visitors, exports and the API see."""
        return self.filter(status=SuggestionStatus.APPROVED)

    def pending(self):
        return self.filter(status=SuggestionStatus.PENDING)


class CommonsImage(models.Model):
    """An image of a commons: a licensed image of the shared library, with a caption.

    Added by someone whose edits wait for review (an unconfirmed owner of a published record),
    it stays pending, seen only by them and the reviewers, until accepted.
    """

    commons = models.ForeignKey(Commons, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("légende"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("état de relecture"),
        max_length=20,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.APPROVED,
        db_index=True,
    )
    added_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True, null=True)

    objects = CommonsImageQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.caption or str(self.image)


class SuggestedChange(models.Model):
    """An edit waiting for an owner or a facilitator; applied as a new version on approval.

    ``changes`` holds the new values and ``previous`` the values seen when suggesting, both as
    JSON (dates as ISO strings, tags and needs as lists of names), so the review shows a diff.
    """

    commons = models.ForeignKey(Commons, on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="commons_suggestions",
    )
    changes = models.JSONField(default=dict)
    previous = models.JSONField(default=dict)
    comment = models.CharField(_("résumé de la modification"), max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("modification proposée")
        verbose_name_plural = _("modifications proposées")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.commons} ({self.pk})"

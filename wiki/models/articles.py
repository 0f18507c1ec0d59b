"""Articles are Wagtail pages; this module adds only what Wagtail lacks.

History is Wagtail's `Revision`; `RevisionMeta` is its one-to-one companion holding what a wiki
needs (edit summary, minor flag, size, author name for imports, IP hash, review status).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, Revision
from wagtail.search import index


class ArticleIndexPage(Page):
    """The single /wiki/ page: parent of every article (a flat namespace, as on MediaWiki)."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["wiki.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des articles")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_index_context(index_page=self, request=request))
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    """A local-memory article written in Markdown by residents."""

    summary = models.CharField(
        _("résumé"), max_length=300, blank=True, help_text=_("Une phrase qui présente l'article.")
    )
    body = models.TextField(_("texte"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("mots-clés"))
    place_name = models.CharField(_("lieu"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    cover_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image de couverture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("place_name"), FieldPanel("latitude"), FieldPanel("longitude")],
            heading=_("Lieu"),
        ),
        FieldPanel("cover_image"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wiki.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_template(self, request, *args, **kwargs):
        return "wiki/article_page.html"

    def route(self, request, path_components):
        """A new article waiting for review is served to its author and to facilitators."""
        if not path_components and not self.live:
            from wagtail.url_routing import RouteResult

            from ..selectors import can_view_unpublished

            if can_view_unpublished(request.user, self):
                return RouteResult(self)
        return super().route(request, path_components)

    def active_protection(self):
        """The protection in force (read by community.policy), or None."""
        if not hasattr(self, "_active_protection"):
            protection = ArticleProtection.objects.filter(page_id=self.pk).first()
            self._active_protection = protection if protection and protection.in_force() else None
        return self._active_protection

    @property
    def under_review(self) -> bool:
        """Facilitators may put an article "under review": every edit then waits."""
        if not hasattr(self, "_under_review"):
            self._under_review = ArticleProtection.objects.filter(
                page_id=self.pk, under_review=True
            ).exists()
        return self._under_review

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_read_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_read_context(page=self, request=request))
        return context


class RevisionStatus(models.TextChoices):
    APPROVED = "approved", _("publiée")
    PENDING = "pending", _("en attente de relecture")
    REJECTED = "rejected", _("refusée")


class RevisionOrigin(models.TextChoices):
    LOCAL = "local", _("écrite sur ce wiki")
    IMPORTED = "imported", _("importée")


class RevisionMeta(models.Model):
    """What a wiki needs to know about a Wagtail revision of an article."""

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, primary_key=True, related_name="wiki_meta"
    )
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="revision_metas")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wiki_revisions",
    )
    # Kept even without a user: imported revisions keep their original author's name.
    author_name = models.CharField(_("auteur"), max_length=255)
    created_at = models.DateTimeField(_("date"), db_index=True)
    edit_summary = models.CharField(_("résumé de modification"), max_length=500, blank=True)
    minor = models.BooleanField(_("modification mineure"), default=False)
    is_creation = models.BooleanField(_("création de la page"), default=False)
    title = models.CharField(_("titre"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"), default=0)
    size_delta = models.IntegerField(_("variation de taille"), default=0)
    ip_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.APPROVED
    )
    previous_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted_to = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    patrolled = models.BooleanField(_("vérifiée"), default=False, db_index=True)
    patrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(_("motif de la décision"), max_length=500, blank=True)
    hidden = models.BooleanField(_("contenu masqué"), default=False)
    hidden_reason = models.CharField(_("motif du masquage"), max_length=500, blank=True)
    # Imported revisions (MediaWiki): where they come from and their original text, so a
    # better converter can run again later without the dump.
    origin = models.CharField(
        _("origine"),
        max_length=10,
        choices=RevisionOrigin.choices,
        default=RevisionOrigin.LOCAL,
        db_index=True,
    )
    source_wiki = models.CharField(_("wiki d'origine"), max_length=255, blank=True)
    source_revision_id = models.BigIntegerField(_("numéro de révision d'origine"), null=True)
    source_text = models.TextField(_("texte d'origine (wikitexte)"), blank=True)

    class Meta:
        verbose_name = _("métadonnées de révision")
        ordering = ["-created_at", "-revision_id"]
        indexes = [
            models.Index(fields=["page", "-created_at"]),
            models.Index(fields=["user", "-created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_wiki", "source_revision_id"],
                condition=models.Q(source_revision_id__isnull=False),
                name="unique_imported_revision",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"


class WikiLink(models.Model):
    """A [[link]] from a live article to a title, so "pages that link here" is one query."""

    source = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="outgoing_links")
    target_slug = models.SlugField(max_length=255, db_index=True)
    target_title = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target_slug"], name="unique_wiki_link")
        ]

    def __str__(self):
        return f"{self.source_id} -> {self.target_slug}"


class ProtectionLevel(models.TextChoices):
    NONE = "", _("aucune")
    CONFIRMED = "confirmed", _("contributeurs confirmés seulement")
    FACILITATORS = "facilitators", _("animateurs seulement")


class ArticleProtection(models.Model):
    """Who may edit an article, until when, and whether every edit waits for review."""

    page = models.OneToOneField(ArticlePage, on_delete=models.CASCADE, related_name="protection")
    level = models.CharField(
        _("protection"), max_length=20, choices=ProtectionLevel.choices, blank=True
    )
    expires_at = models.DateTimeField(_("jusqu'au"), null=True, blank=True)
    reason = models.CharField(_("motif"), max_length=500, blank=True)
    under_review = models.BooleanField(_("modifications relues avant publication"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("protection d'article")

    def __str__(self):
        return f"{self.page_id}: {self.level or '-'}"

    def in_force(self) -> bool:
        from django.utils import timezone

        if not self.level:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    def explanation(self) -> str:
        from django.utils import formats, timezone

        who = (
            _("aux animateurs")
            if self.level == ProtectionLevel.FACILITATORS
            else _("aux contributeurs confirmés")
        )
        text = _("Cet article est protégé : sa modification est réservée %(who)s.") % {"who": who}
        if self.expires_at:
            text += " " + _("Jusqu'au %(date)s.") % {
                "date": formats.date_format(timezone.localtime(self.expires_at), "DATETIME_FORMAT")
            }
        if self.reason:
            text += " " + _("Motif : %(reason)s") % {"reason": self.reason}
        return text


class TalkMessage(models.Model):
    """A message on an article's talk page; replies point at their parent."""

    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="talk_messages")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=255)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.APPROVED
    )
    hidden = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("message de discussion")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"


class Watch(models.Model):
    """A person follows an article (watchlist, notifications)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="watchers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="unique_watch")]

    def __str__(self):
        return f"{self.user_id} -> {self.page_id}"

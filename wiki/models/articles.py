"""Articles are Wagtail pages; this package adds only what Wagtail lacks (see revisions.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from .protection import ArticleProtection


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
        context.update(
            article_index_context(
                letter=request.GET.get("lettre", ""), page_number=request.GET.get("page")
            )
        )
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

    # What an edit never changes on the page: its type, place in the tree, locale, owner and
    # lock, read from the row the edit locked, and the revision pointers Wagtail sets to the
    # revision saved in the same transaction (see `full_clean`).
    FIELDS_AN_EDIT_KEEPS = (
        "content_type",
        "path",
        "translation_key",
        "locale",
        "owner",
        "locked_by",
        "alias_of",
        "latest_revision",
        "live_revision",
    )

    def full_clean(self, exclude=None, **kwargs):
        """Wagtail validates the whole page when it publishes it. On a page that
        `wiki.services` built from the locked row (``_fields_kept_by_edit``), the fields no edit
        changes are not read again from the database to be checked (seven queries); what the
        edit changed (title, slug, text, image...) is validated as always."""
        kept = getattr(self, "_fields_kept_by_edit", ())
        if kept:
            exclude = {*(exclude or ()), *kept}
        super().full_clean(exclude=exclude, **kwargs)

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

    def _protection(self):
        """The article's protection row, or None: read once per instance, since both who may
        edit and whether edits wait for review come from it (a save asks both)."""
        if not hasattr(self, "_protection_row"):
            self._protection_row = ArticleProtection.objects.filter(page_id=self.pk).first()
        return self._protection_row

    def active_protection(self):
        """The protection in force (read by community.policy), or None."""
        protection = self._protection()
        return protection if protection is not None and protection.in_force() else None

    @property
    def under_review(self) -> bool:
        """Facilitators may put an article "under review": every edit then waits."""
        protection = self._protection()
        return protection is not None and protection.under_review

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_read_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_read_context(page=self, user=request.user))
        return context


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

"""The territory's front page and its thematic portals (Wagtail pages edited by facilitators).

A portal's scope is a set of tags: it gathers the published articles and commons carrying
them, plus curated picks. Reads go through the selectors of `wiki` and `commons`.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_colour(value: str) -> None:
    if not COLOUR_PATTERN.match(value or ""):
        raise ValidationError(_("Indiquez une couleur au format #1a2b3c."))


class HomePage(Page):
    """The root of the site: what the territory shows first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("featured_articles", heading=_("Articles à la une"), label=_("article")),
        InlinePanel("featured_commons", heading=_("Communs à la une"), label=_("commun")),
    ]
    max_count = 1
    subpage_types = ["wiki.ArticleIndexPage", "portals.PortalIndexPage"]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from .selectors import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(home=self))
        return context


class HomeFeaturedArticle(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    panels = [FieldPanel("article")]


class HomeFeaturedCommons(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_commons")
    commons = models.ForeignKey(
        "commons.Commons", on_delete=models.CASCADE, related_name="+", verbose_name=_("commun")
    )
    panels = [FieldPanel("commons")]


class PortalIndexPage(Page):
    """/portails/: the list of thematic portals."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portals.HomePage"]
    subpage_types = ["portals.PortalPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des portails")

    def get_context(self, request, *args, **kwargs):
        from .selectors import live_portals

        context = super().get_context(request, *args, **kwargs)
        context["portals"] = live_portals()
        return context


class PortalTag(TaggedItemBase):
    content_object = ParentalKey(
        "portals.PortalPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PortalPage(Page):
    """A thematic portal: a theme, its tags, and the facilitators' picks."""

    introduction = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "community.LicensedImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    colour = models.CharField(
        _("couleur"), max_length=7, default="#0b4f6c", validators=[validate_colour]
    )
    tags = ClusterTaggableManager(
        through=PortalTag,
        blank=True,
        verbose_name=_("mots-clés du portail"),
        help_text=_(
            "Les articles et communs portant l'un de ces mots-clés apparaissent dans le portail. "
            "Le premier est ajouté quand un habitant rattache un article au portail."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("colour"), FieldPanel("tags")]),
        InlinePanel("featured_articles", heading=_("Articles à la une"), label=_("article")),
        InlinePanel("featured_commons", heading=_("Communs à la une"), label=_("commun")),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["portals.PortalIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("portail")
        verbose_name_plural = _("portails")

    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags.all()]

    def get_context(self, request, *args, **kwargs):
        from .selectors import portal_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            portal_context(
                portal=self,
                theme=request.GET.get("theme", ""),
                articles_page=request.GET.get("articles"),
                commons_page=request.GET.get("communs"),
            )
        )
        return context


class PortalFeaturedArticle(Orderable):
    page = ParentalKey(PortalPage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey(
        "wiki.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    panels = [FieldPanel("article")]


class PortalFeaturedCommons(Orderable):
    page = ParentalKey(PortalPage, on_delete=models.CASCADE, related_name="featured_commons")
    commons = models.ForeignKey(
        "commons.Commons", on_delete=models.CASCADE, related_name="+", verbose_name=_("commun")
    )
    panels = [FieldPanel("commons")]

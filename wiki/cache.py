"""What the anonymous page cache (community.cache) must know about articles.

An article's page shows its live revision, its authors, its protection and whether the titles
it links to exist (blue or red links). It does not list other content, so another article's
publication leaves it cached, except when that article's title appears or disappears: the
backlinks table then gives the pages to refresh.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from community.cache import invalidate, register_page_policy

from .models import ArticlePage, ArticleProtection, RevisionMeta, WikiLink
from .titles import article_path


def _article_policy(page: ArticlePage, request) -> dict:
    """Cache the live article until its protection (shown in a banner) ends, if it does."""
    protection = page.active_protection()
    return {"lists": False, "expires_at": protection.expires_at if protection else None}


def _linking_paths(slugs: list[str]) -> list[str]:
    sources = (
        WikiLink.objects.filter(target_slug__in=slugs)
        .values_list("source__slug", flat=True)
        .distinct()
    )
    return [article_path(slug) for slug in sources]


def _article_appeared_or_changed(sender, instance, **kwargs):
    """Its page, and the pages linking to its title or former titles (red links turn blue,
    or back to red)."""
    from .services import redirect_slugs_for

    slugs = [instance.slug, *redirect_slugs_for(instance)]
    invalidate(paths=[article_path(instance.slug), *_linking_paths(slugs)], lists=True)


def _article_deleted(sender, instance, **kwargs):
    invalidate(paths=[article_path(instance.slug), *_linking_paths([instance.slug])], lists=True)


def _protection_changed(sender, instance, **kwargs):
    slug = ArticlePage.objects.filter(pk=instance.page_id).values_list("slug", flat=True).first()
    if slug:
        invalidate(paths=[article_path(slug)])


def _image_changed(sender, instance, **kwargs):
    """The rendered HTML kept per revision holds the image's URL, caption and credit."""
    from django.core.cache import cache
    from django.db.models import Q

    from .markdown import RENDERER_VERSION

    revisions = ArticlePage.objects.filter(
        Q(cover_image_id=instance.pk) | Q(body__contains=f"[[Image:{instance.pk}")
    ).values_list("live_revision_id", "latest_revision_id")
    ids = {revision for pair in revisions for revision in pair if revision}
    cache.delete_many([f"wiki:html:{RENDERER_VERSION}:{revision}" for revision in ids])


def _revision_recorded(sender, instance, **kwargs):
    """Home and portal figures count contributors, pending edits included."""
    invalidate(lists=True)


def connect() -> None:
    uid = "ker-page-cache-article"
    register_page_policy(ArticlePage, _article_policy)
    page_published.connect(
        _article_appeared_or_changed, sender=ArticlePage, dispatch_uid=f"{uid}-published"
    )
    page_unpublished.connect(
        _article_appeared_or_changed, sender=ArticlePage, dispatch_uid=f"{uid}-unpublished"
    )
    post_delete.connect(_article_deleted, sender=ArticlePage, dispatch_uid=f"{uid}-deleted")
    post_save.connect(
        _protection_changed, sender=ArticleProtection, dispatch_uid=f"{uid}-protected"
    )
    post_delete.connect(
        _protection_changed, sender=ArticleProtection, dispatch_uid=f"{uid}-unprotected"
    )
    post_save.connect(_revision_recorded, sender=RevisionMeta, dispatch_uid=f"{uid}-revision")
    image_model = get_image_model()
    post_save.connect(_image_changed, sender=image_model, dispatch_uid=f"{uid}-image-saved")
    post_delete.connect(_image_changed, sender=image_model, dispatch_uid=f"{uid}-image-deleted")

"""A published portal for the browser tests (created the way an editor publishes it)."""

from portals.models import PortalFeaturedArticle, PortalIndexPage, PortalPage


def publish_portal(*, user, title: str, slug: str, tags, featured=()) -> PortalPage:
    index = PortalIndexPage.objects.get()
    portal = PortalPage(title=title, slug=slug, introduction=f"Le portail « {title} ».")
    portal.tags.set(list(tags))
    portal.featured_articles = [
        PortalFeaturedArticle(article=article, sort_order=order)
        for order, article in enumerate(featured)
    ]
    index.add_child(instance=portal)
    portal.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return PortalPage.objects.get(pk=portal.pk)

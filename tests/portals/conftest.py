"""Portals fixtures: a way to publish portals like an editor."""

import pytest

from portals.models import PortalFeaturedArticle, PortalFeaturedCommons, PortalIndexPage, PortalPage


@pytest.fixture
def make_portal(db, administrator):
    def make(title="La mer et le port", tags=("port", "mer"), articles=(), commons=(), **extra):
        from django.utils.text import slugify

        index = PortalIndexPage.objects.get()
        portal = PortalPage(title=title, slug=slugify(title), **extra)
        portal.tags.set(list(tags))
        portal.featured_articles = [
            PortalFeaturedArticle(article=article, sort_order=order)
            for order, article in enumerate(articles)
        ]
        portal.featured_commons = [
            PortalFeaturedCommons(commons=item, sort_order=order)
            for order, item in enumerate(commons)
        ]
        index.add_child(instance=portal)
        portal.save_revision(user=administrator).publish(
            user=administrator, skip_permission_checks=True
        )
        return PortalPage.objects.get(pk=portal.pk)

    return make


@pytest.fixture
def published_commons(db, resident, facilitator):
    from commons.services import commons_declare, commons_publish, commons_update

    def make(name, tags, **extra):
        commons = commons_declare(
            user=resident,
            name=name,
            summary=f"{name} en une phrase.",
            duplicates_confirmed=True,
            **extra,
        )
        commons_update(commons=commons, user=resident, changes={"tags": tags}, comment="tags")
        return commons_publish(commons=commons, user=facilitator)

    return make

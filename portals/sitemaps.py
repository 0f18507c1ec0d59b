"""Live portals (and the home page) in sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from .selectors import live_portals


class PortalSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(live_portals())

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.last_published_at


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["/"]

    def location(self, item):
        return item


class TagSitemap(Sitemap):
    """The page of every tag visitors can reach (/etiquettes/<slug>/), and their list."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        from .selectors import tags_in_use

        return [""] + [row.slug for row in tags_in_use()]

    def location(self, item):
        from django.urls import reverse

        return reverse("portals:tag", args=[item]) if item else reverse("portals:tags")

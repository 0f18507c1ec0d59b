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

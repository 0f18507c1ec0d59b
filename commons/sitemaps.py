"""Published commons in sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from .selectors import published_commons


class CommonsSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return published_commons().order_by("pk").only("slug", "updated_at")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.updated_at

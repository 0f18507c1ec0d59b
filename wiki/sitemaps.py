"""Live articles in sitemap.xml, with the date of their last published change."""

from django.contrib.sitemaps import Sitemap

from .models import ArticlePage
from .titles import article_path


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return ArticlePage.objects.live().order_by("pk").only("slug", "last_published_at")

    def location(self, item):
        return article_path(item.slug)

    def lastmod(self, item):
        return item.last_published_at

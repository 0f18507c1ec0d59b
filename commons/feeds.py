"""Atom feed of newly published commons (``/communs/flux/``), for neighbours and watchers."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class NewCommonsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Ker — nouveaux communs")
    subtitle = _("Les derniers communs publiés dans l'annuaire.")

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)

    def link(self):
        return reverse("commons:directory")

    def feed_url(self):
        return self.request.build_absolute_uri()

    def feed_guid(self):
        return self.request.build_absolute_uri()

    def author_name(self):
        return getattr(settings, "WAGTAIL_SITE_NAME", "Ker")

    def items(self):
        return selectors.latest_published(50)

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.published_at or item.created_at

    def item_categories(self, item):
        return item.tag_names()

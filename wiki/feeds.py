"""Atom feed of recent changes (approved edits only: pending ones never leave the site)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import recent_changes


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Ker — modifications récentes")
    subtitle = _("Les dernières modifications des articles du wiki.")

    def link(self):
        return reverse("wiki:recent_changes")

    def get_object(self, request):
        self.hide_minor = request.GET.get("masquer_mineures") in {"1", "on", "true"}
        return None

    def items(self):
        return recent_changes(hide_minor=self.hide_minor, include_pending=False)[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.edit_summary or str(_("(pas de résumé)"))]
        if item.minor:
            parts.append(str(_("modification mineure")))
        return " — ".join(parts)

    def item_link(self, item):
        if item.previous_revision_id:
            return reverse(
                "wiki:diff", args=[item.page.slug, item.previous_revision_id, item.revision_id]
            )
        return reverse("wiki:revision", args=[item.page.slug, item.revision_id])

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.created_at

    def item_author_name(self, item):
        return item.author_name

    def item_guid(self, item):
        return f"ker-revision-{item.revision_id}"

    item_guid_is_permalink = False


class WatchlistFeed(RecentChangesFeed):
    """A person's watchlist as Atom; the URL carries a private token (feed readers have no
    session)."""

    title = _("Ker — mon suivi")

    def get_object(self, request, token):
        from django.contrib.auth import get_user_model
        from django.http import Http404

        self.hide_minor = False
        user = get_user_model().objects.filter(feed_token=token, is_active=True).first()
        if not token or user is None:
            raise Http404
        return user

    def items(self, user):
        from .selectors import watchlist_changes

        return watchlist_changes(user)[:50]

    def link(self):
        return reverse("wiki:watchlist")

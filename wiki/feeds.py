"""Atom feeds of recent changes and watchlists: approved edits only (pending and refused
ones never leave the site), and nothing of a hidden revision but its date and author."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import HIDDEN_SUMMARY, recent_changes


class RecentChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Ker — modifications récentes")
    subtitle = _("Les dernières modifications des articles du wiki.")

    def link(self):
        return reverse("wiki:recent_changes")

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)

    def feed_url(self):
        """``rel=self``: this very feed, query included (``?masquer_mineures=1`` is another)."""
        return self.request.build_absolute_uri()

    def feed_guid(self, obj):
        return self.request.build_absolute_uri()

    def get_object(self, request):
        self.hide_minor = request.GET.get("masquer_mineures") in {"1", "on", "true"}
        return None

    def items(self):
        return recent_changes(hide_minor=self.hide_minor, include_pending=False)[:50]

    def item_title(self, item):
        return item.page.title if item.hidden else item.title

    def item_description(self, item):
        if item.hidden:
            parts = [str(HIDDEN_SUMMARY)]
        else:
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
        """An absolute URL (an Atom id must be an IRI): the revision's own page."""
        return self.request.build_absolute_uri(
            reverse("wiki:revision", args=[item.page.slug, item.revision_id])
        )

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

    def feed_guid(self, user):
        """One id per person, stable when the private token changes (a tag: URI, RFC 4151)."""
        return tag_uri(self.request, f"watchlist:{user.pk}")


def tag_uri(request, specific: str) -> str:
    host = request.get_host().split(":")[0] or "localhost"
    return f"tag:{host},2025:ker:{specific}"


class ArticleHistoryFeed(RecentChangesFeed):
    """One article's approved edits (``/wiki/<slug>/historique/flux/``)."""

    def get_object(self, request, slug):
        from django.http import Http404

        from .models import ArticlePage

        self.hide_minor = False
        page = ArticlePage.objects.live().filter(slug=slug).first()
        if page is None:
            raise Http404
        return page

    def title(self, page):
        return _("%(title)s — historique") % {"title": page.title}

    def subtitle(self, page):
        return _("Les modifications publiées de l'article « %(title)s ».") % {"title": page.title}

    def link(self, page):
        return reverse("wiki:history", args=[page.slug])

    def items(self, page):
        return recent_changes(include_pending=False).filter(page=page)[:50]

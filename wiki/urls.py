from django.urls import path

from . import feeds
from .views import articles, history, moderation, talk, watch

app_name = "wiki"

urlpatterns = [
    path("wiki/creer/", articles.article_create_view, name="create"),
    path("wiki/apercu/", articles.preview_view, name="preview"),
    path("wiki/televerser/", articles.upload_view, name="upload"),
    path("wiki/hasard/", articles.random_view, name="random"),
    path(
        "wiki/nouvelles-pages/",
        history.recent_changes_view,
        {"new_pages_only": True},
        name="new_pages",
    ),
    path("wiki/<slug:slug>/modifier/", articles.article_edit_view, name="edit"),
    path("wiki/<slug:slug>/historique/", history.history_view, name="history"),
    path("wiki/<slug:slug>/historique/flux/", feeds.ArticleHistoryFeed(), name="history_feed"),
    path("wiki/<slug:slug>/historique/<int:revision_id>/", history.revision_view, name="revision"),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/restaurer/",
        history.revert_view,
        name="revert",
    ),
    path("wiki/<slug:slug>/diff/<int:from_id>/<int:to_id>/", history.diff_view, name="diff"),
    path("wiki/<slug:slug>/liens/", articles.backlinks_view, name="backlinks"),
    path("wiki/<slug:slug>/discussion/", talk.talk_view, name="talk"),
    path("wiki/<slug:slug>/suivre/", watch.watch_view, name="watch"),
    path("wiki/<slug:slug>/proteger/", moderation.protect_view, name="protect"),
    path("wiki/<slug:slug>/revoquer/", moderation.rollback_view, name="rollback"),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/verifier/",
        moderation.patrol_view,
        name="patrol",
    ),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/masquer/",
        moderation.hide_view,
        name="hide",
    ),
    path("wiki/nettoyage/<str:username>/", moderation.cleanup_view, name="cleanup"),
    path("suivi/", watch.watchlist_view, name="watchlist"),
    path("suivi/jeton/", watch.watchlist_feed_token_view, name="watchlist_feed_token"),
    path("suivi/flux/<str:token>/", feeds.WatchlistFeed(), name="watchlist_feed"),
    path("modifications-recentes/", history.recent_changes_view, name="recent_changes"),
    path("modifications-recentes/flux/", feeds.RecentChangesFeed(), name="recent_changes_feed"),
]

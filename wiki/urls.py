from django.urls import path

from . import feeds
from .views import articles as views
from .views import moderation as moderation_views

app_name = "wiki"

urlpatterns = [
    path("wiki/creer/", views.article_create_view, name="create"),
    path("wiki/apercu/", views.preview_view, name="preview"),
    path("wiki/televerser/", views.upload_view, name="upload"),
    path("wiki/hasard/", views.random_view, name="random"),
    path(
        "wiki/nouvelles-pages/",
        views.recent_changes_view,
        {"new_pages_only": True},
        name="new_pages",
    ),
    path("wiki/<slug:slug>/modifier/", views.article_edit_view, name="edit"),
    path("wiki/<slug:slug>/historique/", views.history_view, name="history"),
    path("wiki/<slug:slug>/historique/flux/", feeds.ArticleHistoryFeed(), name="history_feed"),
    path("wiki/<slug:slug>/historique/<int:revision_id>/", views.revision_view, name="revision"),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/restaurer/",
        views.revert_view,
        name="revert",
    ),
    path("wiki/<slug:slug>/diff/<int:from_id>/<int:to_id>/", views.diff_view, name="diff"),
    path("wiki/<slug:slug>/liens/", views.backlinks_view, name="backlinks"),
    path("wiki/<slug:slug>/discussion/", moderation_views.talk_view, name="talk"),
    path("wiki/<slug:slug>/suivre/", moderation_views.watch_view, name="watch"),
    path("wiki/<slug:slug>/proteger/", moderation_views.protect_view, name="protect"),
    path("wiki/<slug:slug>/revoquer/", moderation_views.rollback_view, name="rollback"),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/verifier/",
        moderation_views.patrol_view,
        name="patrol",
    ),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/masquer/",
        moderation_views.hide_view,
        name="hide",
    ),
    path("wiki/nettoyage/<str:username>/", moderation_views.cleanup_view, name="cleanup"),
    path("suivi/", moderation_views.watchlist_view, name="watchlist"),
    path("suivi/jeton/", moderation_views.watchlist_feed_token_view, name="watchlist_feed_token"),
    path("suivi/flux/<str:token>/", feeds.WatchlistFeed(), name="watchlist_feed"),
    path("modifications-recentes/", views.recent_changes_view, name="recent_changes"),
    path("modifications-recentes/flux/", feeds.RecentChangesFeed(), name="recent_changes_feed"),
]

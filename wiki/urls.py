from django.urls import path

from . import feeds, views

app_name = "wiki"

urlpatterns = [
    path("wiki/creer/", views.article_create_view, name="create"),
    path("wiki/apercu/", views.preview_view, name="preview"),
    path("wiki/televerser/", views.upload_view, name="upload"),
    path("wiki/hasard/", views.random_view, name="random"),
    path("wiki/nouvelles-pages/", views.recent_changes_view, {"new_pages_only": True}, name="new_pages"),
    path("wiki/<slug:slug>/modifier/", views.article_edit_view, name="edit"),
    path("wiki/<slug:slug>/historique/", views.history_view, name="history"),
    path("wiki/<slug:slug>/historique/<int:revision_id>/", views.revision_view, name="revision"),
    path(
        "wiki/<slug:slug>/historique/<int:revision_id>/restaurer/",
        views.revert_view,
        name="revert",
    ),
    path("wiki/<slug:slug>/diff/<int:from_id>/<int:to_id>/", views.diff_view, name="diff"),
    path("wiki/<slug:slug>/liens/", views.backlinks_view, name="backlinks"),
    path("modifications-recentes/", views.recent_changes_view, name="recent_changes"),
    path("modifications-recentes/flux/", feeds.RecentChangesFeed(), name="recent_changes_feed"),
]

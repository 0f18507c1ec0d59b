from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView

from commons.sitemaps import CommonsSitemap
from portals.sitemaps import HomeSitemap, PortalSitemap, TagSitemap
from wiki.sitemaps import ArticleSitemap

from . import pages, views

SITEMAPS = {
    "accueil": HomeSitemap,
    "portails": PortalSitemap,
    "articles": ArticleSitemap,
    "communs": CommonsSitemap,
    "etiquettes": TagSitemap,
}

app_name = "api"

urlpatterns = [
    path("api/", pages.api_docs_view, name="docs"),
    path("api/v1/", views.RootView.as_view(), name="root"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/articles/", views.ArticleListView.as_view(), name="article-list"),
    path("api/v1/articles/<str:key>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path(
        "api/v1/articles/<str:key>/revisions/",
        views.RevisionListView.as_view(),
        name="revision-list",
    ),
    path(
        "api/v1/articles/<str:key>/revisions/<int:revision_id>/",
        views.RevisionDetailView.as_view(),
        name="revision-detail",
    ),
    path(
        "api/v1/articles/<str:key>/diff/<int:from_id>/<int:to_id>/",
        views.DiffView.as_view(),
        name="diff",
    ),
    path("api/v1/commons/", views.CommonsListView.as_view(), name="commons-list"),
    path("api/v1/commons/<str:key>/", views.CommonsDetailView.as_view(), name="commons-detail"),
    path("api/v1/grid/", views.GridListView.as_view(), name="grid-list"),
    path("api/v1/grid/<int:version>/", views.GridDetailView.as_view(), name="grid-detail"),
    path("api/v1/portals/", views.PortalListView.as_view(), name="portal-list"),
    path("api/v1/portals/<slug:slug>/", views.PortalDetailView.as_view(), name="portal-detail"),
    path("api/v1/recent-changes/", views.RecentChangesView.as_view(), name="recent-changes"),
    path("api/v1/search/", views.SearchView.as_view(), name="search"),
    re_path(r"^api/", views.not_found_view),
    path("wiki/<slug:slug>/source/", pages.article_source_view, name="article-source"),
    path(
        "sitemap.xml",
        cache_page(600)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", pages.robots_txt_view, name="robots"),
    path("catalogue.jsonld", pages.catalogue_view, name="catalogue"),
]

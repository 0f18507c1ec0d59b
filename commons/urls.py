from django.urls import path

from . import views
from .feeds import NewCommonsFeed

app_name = "commons"

urlpatterns = [
    path("communs/", views.directory_view, name="directory"),
    path("communs/declarer/", views.declare_view, name="declare"),
    path("communs/carte/", views.map_view, name="map"),
    path("communs/carte/geojson/", views.map_geojson_view, name="map_geojson"),
    path("communs/export.csv", views.export_csv_view, name="export_csv"),
    path("communs/export.json", views.export_json_view, name="export_json"),
    path("communs/export.geojson", views.export_geojson_view, name="export_geojson"),
    path("communs/flux/", NewCommonsFeed(), name="feed"),
    path("communs/datapackage.json", views.datapackage_view, name="datapackage"),
    path("communs/<slug:slug>/", views.detail_view, name="detail"),
    path("communs/<slug:slug>/modifier/<slug:section>/", views.edit_section_view, name="edit"),
    path("communs/<slug:slug>/evaluation/", views.assessment_view, name="assessment"),
    path("communs/<slug:slug>/porteurs/", views.owners_view, name="owners"),
    path("communs/<slug:slug>/images/", views.images_view, name="images"),
    path("communs/<slug:slug>/propositions/", views.suggestions_view, name="suggestions"),
    path("communs/<slug:slug>/moderer/", views.moderate_view, name="moderate"),
    path("communs/<slug:slug>/historique/", views.history_view, name="history"),
    path(
        "communs/<slug:slug>/historique/<int:version_id>/restaurer/",
        views.restore_view,
        name="restore",
    ),
]

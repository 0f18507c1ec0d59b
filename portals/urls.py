from django.urls import path

from . import views

app_name = "portals"

urlpatterns = [
    path("carte.geojson", views.map_geojson_view, name="map_geojson"),
    path("sante/", views.health_view, name="health"),
    path("portails/<slug:slug>/sante/", views.health_view, name="portal_health"),
    # Tag slugs may hold accented letters (taggit keeps them): any segment without a slash.
    path("etiquettes/", views.tag_index_view, name="tags"),
    path("etiquettes/<str:slug>/", views.tag_view, name="tag"),
    path("etiquettes/<str:slug>/modifier/", views.tag_description_edit_view, name="tag_edit"),
]

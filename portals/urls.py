from django.urls import path

from . import views

app_name = "portals"

urlpatterns = [
    path("carte.geojson", views.map_geojson_view, name="map_geojson"),
    path("sante/", views.health_view, name="health"),
    path("portails/<slug:slug>/sante/", views.health_view, name="portal_health"),
]

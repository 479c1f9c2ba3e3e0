from django.urls import include, path, re_path

from gcmhub.api import views

app_name = "api"
urlpatterns = [
    path("api/v1/", include("gcmhub.api.write_urls")),  # writing paths of their own, first
    path("api/v1/", views.index, name="index"),
    path("api/v1/openapi.json", views.openapi_document, name="openapi"),
    path("api/v1/<slug:name>/", views.collection, name="collection"),
    path("api/v1/<slug:name>/<str:key>/", views.item, name="item"),
    re_path(
        r"^api/(?P<rest>.*)$", views.not_found, name="not_found"
    ),  # JSON, never the HTML page, in /api/
]

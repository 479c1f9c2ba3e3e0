from django.urls import path

from gcmhub.api import data_views as views

app_name = "data"
urlpatterns = [
    path("data/", views.data_home, name="home"),
    path("data/gcmhub-data.zip", views.bundle, name="bundle"),
    path("data/<slug:name>.<slug:fmt>", views.export, name="export"),
]

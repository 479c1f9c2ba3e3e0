from django.urls import path

from gcmhub.api import views

app_name = "api_docs"
urlpatterns = [
    path("api/", views.documentation, name="index"),
]

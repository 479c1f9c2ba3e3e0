from django.urls import path

from gcmhub.compact import views

app_name = "compact"
urlpatterns = [
    path("objectives/", views.objective_list, name="objectives"),
    path("principles/", views.principle_list, name="principles"),
    path("countries/", views.country_list, name="countries"),
]

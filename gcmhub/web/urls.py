from django.urls import path

from gcmhub.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:iso3>/", views.country_profile, name="country"),
    path("objectives/<int:number>/", views.objective_profile, name="objective"),
]

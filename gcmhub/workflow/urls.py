from django.urls import path

from gcmhub.workflow import views

app_name = "workflow"
urlpatterns = [
    path("review/<int:type_id>/<int:pk>/<str:action>/", views.act, name="act"),
]

from django.urls import path

from gcmhub.pledges import views

app_name = "pledges"
urlpatterns = [
    path("pledges/", views.pledge_list, name="list"),
    path("pledges/dashboard/", views.dashboard, name="dashboard"),
    path("pledges/dashboard/<slug:chart>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("pledges/export.<str:fmt>", views.export, name="export"),
    path("pledges/mine/", views.mine, name="mine"),
    path("pledges/new/", views.start, name="start"),
    path("pledges/review/", views.review, name="review"),
    path("pledges/<int:pk>/", views.pledge_detail, name="detail"),
    path("pledges/<int:pk>/edit/", views.tasks, name="tasks"),
    path("pledges/<int:pk>/edit/<slug:slug>/", views.section, name="section"),
    path("pledges/<int:pk>/check/", views.check, name="check"),
    path("pledges/<int:pk>/delete/", views.delete, name="delete"),
    path("pledges/<int:pk>/report/", views.report, name="report"),
]

from django.urls import path

from gcmhub.practices import views

app_name = "practices"
urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/export.<str:fmt>", views.export, name="export"),
    path("practices/mine/", views.mine, name="mine"),
    path("practices/new/", views.start, name="start"),
    path("practices/calls/", views.call_list, name="calls"),
    path("practices/calls/new/", views.call_new, name="call_new"),
    path("practices/calls/<int:pk>/", views.call_detail, name="call"),
    path("practices/review/", views.review_queue, name="review_queue"),
    path("practices/reviews/", views.my_reviews, name="my_reviews"),
    path("practices/reviews/<int:pk>/", views.assignment, name="assignment"),
    path("practices/<int:pk>/", views.practice_detail, name="detail"),
    path("practices/<int:pk>/edit/", views.tasks, name="tasks"),
    path("practices/<int:pk>/edit/files/", views.attachments, name="attachments"),
    path(
        "practices/<int:pk>/edit/files/<int:attachment_pk>/remove/",
        views.remove_attachment,
        name="remove_attachment",
    ),
    path("practices/<int:pk>/edit/<slug:slug>/", views.section, name="section"),
    path("practices/<int:pk>/check/", views.check, name="check"),
    path("practices/<int:pk>/delete/", views.delete, name="delete"),
    path("practices/<int:pk>/review/", views.review, name="review"),
    path("practices/<int:practice_pk>/files/<int:pk>/", views.attachment, name="attachment"),
]

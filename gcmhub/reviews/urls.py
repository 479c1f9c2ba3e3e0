from django.urls import path

from gcmhub.reviews import views

app_name = "reviews"
urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("reviews/export.<str:fmt>", views.export, name="export"),
    path("reviews/regional-export.<str:fmt>", views.regional_export, name="regional_export"),
    path("reviews/mine/", views.mine, name="mine"),
    path("reviews/new/", views.start, name="start"),
    path("reviews/new/regional/", views.start_regional, name="start_regional"),
    path("reviews/queue/", views.review_queue, name="queue"),
    path("reviews/<int:pk>/", views.review_detail, name="detail"),
    path("reviews/<int:pk>/edit/", views.edit, name="edit"),
    path("reviews/<int:pk>/documents/", views.documents, name="documents"),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/remove/",
        views.remove_document,
        name="remove_document",
    ),
    path(
        "reviews/<int:pk>/documents/<int:document_pk>/<str:decision>/",
        views.decide_document,
        name="decide_document",
    ),
    path("reviews/<int:pk>/delete/", views.delete, name="delete"),
    path("reviews/<int:review_pk>/files/<int:pk>/", views.document, name="document"),
]

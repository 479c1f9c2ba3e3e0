from django.urls import path

from gcmhub.forum.hearing import views

urlpatterns = [
    path("forum/<int:year>/hearing/", views.hearing, name="hearing"),
    path("forum/<int:year>/hearing/apply/", views.apply, name="hearing_apply"),
    path(
        "forum/<int:year>/hearing/apply/<int:pk>/edit/",
        views.application_edit,
        name="hearing_application_edit",
    ),
    path(
        "forum/<int:year>/hearing/apply/<int:pk>/withdraw/",
        views.application_withdraw,
        name="hearing_application_withdraw",
    ),
    path("forum/<int:year>/hearing/manage/", views.manage, name="hearing_manage"),
    path("forum/<int:year>/hearing/panels/new/", views.panel_create, name="hearing_panel_create"),
    path("forum/<int:year>/hearing/panels/<int:pk>/", views.panel_edit, name="hearing_panel_edit"),
    path(
        "forum/<int:year>/hearing/panels/<int:pk>/delete/",
        views.panel_delete,
        name="hearing_panel_delete",
    ),
    path("forum/<int:year>/hearing/applications/", views.applications, name="hearing_applications"),
    path(
        "forum/<int:year>/hearing/applications/<int:pk>/decide/",
        views.decide,
        name="hearing_decide",
    ),
    path("forum/<int:year>/hearing/notify/", views.notify, name="hearing_notify"),
]

from django.urls import path

from gcmhub.forum import views
from gcmhub.forum.hearing import urls as hearing
from gcmhub.forum.side_events import urls as side_events
from gcmhub.forum.speakers import urls as speakers

app_name = "forum"
urlpatterns = [
    path("forum/", views.forum_home, name="home"),
    path("forum/agenda/", views.agenda, name="agenda"),
    path("forum/agenda/link/", views.agenda_link, name="agenda_link"),
    path("forum/agenda/<str:token>.ics", views.agenda_calendar, name="agenda_calendar"),
    path("forum/<int:year>/", views.programme, name="programme"),
    path("forum/<int:year>/calendar.ics", views.edition_calendar, name="calendar"),
    path("forum/<int:year>/summaries/", views.summaries, name="summaries"),
    path("forum/<int:year>/sessions/new/", views.session_create, name="session_create"),
    path("forum/<int:year>/sessions/<int:pk>/", views.session_detail, name="session"),
    path(
        "forum/<int:year>/sessions/<int:pk>/calendar.ics",
        views.session_calendar,
        name="session_calendar",
    ),
    path("forum/<int:year>/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("forum/<int:year>/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("forum/<int:year>/sessions/<int:pk>/star/", views.star, name="star"),
    path("forum/<int:year>/sessions/<int:pk>/summary/", views.summary_edit, name="summary_edit"),
    path(
        "forum/<int:year>/sessions/<int:pk>/documents/",
        views.session_documents,
        name="session_documents",
    ),
    path(
        "forum/<int:year>/sessions/<int:pk>/documents/<int:document_pk>/",
        views.session_document,
        name="session_document",
    ),
    *speakers.urlpatterns,
    *side_events.urlpatterns,
    *hearing.urlpatterns,
]

from django.urls import path

from gcmhub.forum.side_events import views

YEAR = "forum/<int:year>/side-events/"
urlpatterns = [
    path("forum/side-events/mine/", views.side_events_mine, name="side_events_mine"),
    path(YEAR, views.side_event_list, name="side_events"),
    path(f"{YEAR}calendar.ics", views.side_event_calendar, name="side_events_calendar"),
    path(f"{YEAR}call/", views.side_event_call, name="side_event_call"),
    path(f"{YEAR}propose/", views.side_event_propose, name="side_event_propose"),
    path(f"{YEAR}review/", views.side_event_review, name="side_event_review"),
    path(f"{YEAR}<int:pk>/", views.side_event_detail, name="side_event"),
    path(f"{YEAR}<int:pk>/edit/", views.side_event_edit, name="side_event_edit"),
    path(f"{YEAR}<int:pk>/delete/", views.side_event_delete, name="side_event_delete"),
    path(f"{YEAR}<int:pk>/score/", views.side_event_score, name="side_event_score"),
    path(f"{YEAR}<int:pk>/schedule/", views.side_event_schedule, name="side_event_schedule"),
    path(f"{YEAR}<int:pk>/unschedule/", views.side_event_unschedule, name="side_event_unschedule"),
]

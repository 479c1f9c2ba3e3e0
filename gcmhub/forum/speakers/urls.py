from django.urls import path

from gcmhub.forum.speakers import views

urlpatterns = [
    path("forum/<int:year>/speakers/", views.speakers, name="speakers"),
    path("forum/<int:year>/speakers/inscribe/", views.inscribe, name="speakers_inscribe"),
    path("forum/<int:year>/speakers/time-limit/", views.time_limit, name="speakers_time_limit"),
    path("forum/<int:year>/speakers/list/<slug:change>/", views.change, name="speakers_change"),
    path("forum/<int:year>/speakers/<int:pk>/withdraw/", views.withdraw, name="speakers_withdraw"),
    path("forum/<int:year>/speakers/<int:pk>/move/", views.move, name="speakers_move"),
    path(
        "forum/<int:year>/speakers/<int:pk>/delivered/",
        views.delivered,
        name="speakers_delivered",
    ),
]

"""Atom feeds under the language prefix: /<lang>/feeds/…, titles in that language."""

from django.urls import path

from gcmhub.api import feeds

OBJECTIVE = "feeds/objectives/<int:number>/"
COUNTRY = "feeds/countries/<str:iso3>/"

app_name = "feeds"
urlpatterns = [
    path("feeds/pledges.atom", feeds.PledgeFeed(), name="pledges"),
    path("feeds/practices.atom", feeds.PracticeFeed(), name="practices"),
    path("feeds/reviews.atom", feeds.ReviewFeed(), name="reviews"),
    path(f"{OBJECTIVE}pledges.atom", feeds.PledgeFeed(), name="objective_pledges"),
    path(f"{OBJECTIVE}practices.atom", feeds.PracticeFeed(), name="objective_practices"),
    path(f"{COUNTRY}pledges.atom", feeds.PledgeFeed(), name="country_pledges"),
    path(f"{COUNTRY}practices.atom", feeds.PracticeFeed(), name="country_practices"),
    path(f"{COUNTRY}reviews.atom", feeds.ReviewFeed(), name="country_reviews"),
]

"""The API's writing operations that have paths of their own (owned by api/write.py); POST on
/api/v1/pledges/ and PATCH on /api/v1/pledges/<id>/ reach api/write.py through the read views
(write.WRITERS)."""

from django.urls import path

from gcmhub.api import write

urlpatterns = [
    path("pledges/<int:pk>/submit/", write.submit_pledge, name="pledge_submit"),
]

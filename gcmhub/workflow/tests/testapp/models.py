"""A small test-only record that proves the lifecycle before the real parts use it."""

from django.db import models

from gcmhub.workflow.models import Submittable


class Note(Submittable):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    objectives = models.ManyToManyField("compact.Objective", blank=True)

    reviewed_fields = ("title", "body", "objectives")

    class Meta:
        app_label = "testapp"

    def __str__(self):
        return self.title

    def submission_problems(self):
        return [] if self.body else ["Write the text of the note."]

    def get_absolute_url(self):
        return f"/notes/{self.pk}/"

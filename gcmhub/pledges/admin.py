from django.contrib import admin

from gcmhub.pledges.models import Pledge, ProgressReport, Reminder
from gcmhub.workflow.admin import ReadOnlyAdmin


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "state", "edition", "progress_status", "published_at"]
    list_filter = ["state", "edition", "pledge_type", "progress_status"]
    search_fields = ["title"]
    list_select_related = ["organisation", "edition"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["pledge", "organisation", "date", "status", "state"]
    list_filter = ["state", "status"]
    list_select_related = ["pledge", "organisation"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["pledge", "sent_at"]

from django.contrib import admin

from gcmhub.forum.models import Holiday, PrecedenceRule, Room, SideEvent
from gcmhub.workflow.admin import ReadOnlyAdmin


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "position"]
    list_filter = ["edition"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The UN holidays that summaries' due dates skip; set each year from the circular."""

    list_display = ["date", "name"]
    date_hierarchy = "date"


@admin.register(PrecedenceRule)
class PrecedenceRuleAdmin(admin.ModelAdmin):
    """The order of the speakers list, kept as data."""

    list_display = ["position", "category", "level"]
    list_editable = ["category", "level"]
    list_display_links = ["position"]


@admin.register(SideEvent)
class SideEventAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "call", "state", "format"]
    list_filter = ["state", "format", "call"]
    search_fields = ["title"]
    list_select_related = ["organisation", "call__edition"]

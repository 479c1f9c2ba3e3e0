from django.contrib import admin

from gcmhub.workflow.models import Event, Revision


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """The audit trail is read, never written, through the admin."""

    list_display = [
        "created_at",
        "record_type",
        "record_id",
        "action",
        "actor",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "record_type"]
    list_select_related = ["actor", "record_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "record_type", "record_id", "state", "created_by"]
    list_filter = ["state", "record_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Submitted records change through the lifecycle on the site, where every change is recorded."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.concrete_fields]

    def has_add_permission(self, request):
        return False

from django.contrib import admin

from gcmhub.reviews.models import Document, Review
from gcmhub.workflow.admin import ReadOnlyAdmin


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "country", "commission", "edition", "state", "date"]
    list_filter = ["state", "kind", "edition", "commission"]
    search_fields = ["title"]
    list_select_related = ["country", "commission", "edition"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["name", "review", "language", "kind", "status", "is_searchable", "created_at"]
    list_filter = ["status", "language", "kind", "is_searchable"]
    list_select_related = ["review"]
    exclude = ["text"]

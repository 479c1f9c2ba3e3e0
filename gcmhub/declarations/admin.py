from django.contrib import admin

from gcmhub.declarations.models import CoFacilitator, Document, NegotiatingGroup


class CoFacilitatorInline(admin.TabularInline):
    model = CoFacilitator
    autocomplete_fields = ["delegation"]
    extra = 0


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "edition"]
    inlines = [CoFacilitatorInline]


@admin.register(NegotiatingGroup)
class NegotiatingGroupAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["members"]

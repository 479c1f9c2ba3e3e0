from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.accounts import services
from gcmhub.accounts.models import Invitation, Membership, Organisation, Role, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "entity_type", "country", "status", "created_at"]
    list_filter = ["status", "entity_type"]
    search_fields = ["name"]
    list_select_related = ["entity_type", "country"]
    readonly_fields = ["status", "created_by", "created_at", "verified_by", "verified_at"]
    autocomplete_fields = ["country"]
    inlines = [MembershipInline]
    actions = ["verify", "decline"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _decide(self, request, queryset, *, verified):
        for organisation in queryset:
            services.decide_verification(organisation, verified=verified, by=request.user)
        count = len(queryset)
        if verified:
            message = ngettext(
                "%(count)d organisation verified.", "%(count)d organisations verified.", count
            )
        else:
            message = ngettext(
                "%(count)d organisation not verified.",
                "%(count)d organisations not verified.",
                count,
            )
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        self._decide(request, queryset, verified=True)

    @admin.action(description=_("Decline to verify the selected organisations"))
    def decline(self, request, queryset):
        self._decide(request, queryset, verified=False)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "role", "is_active", "email_confirmed_at", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name"]
    fields = [
        "email",
        "full_name",
        "language",
        "is_active",
        "role",
        "email_confirmed_at",
        "date_joined",
        "last_login",
    ]
    readonly_fields = ["role", "email_confirmed_at", "date_joined", "last_login"]
    inlines = [MembershipInline]
    actions = ["make_reviewer", "make_admin", "remove_role"]

    def _grant(self, request, queryset, role):
        for user in queryset:
            try:
                services.grant_role(user, role, by=request.user)
            except ValidationError as error:
                self.message_user(request, error.message, messages.ERROR)
                return
        self.message_user(request, _("Roles updated."))

    @admin.action(description=_("Make secretariat reviewers"))
    def make_reviewer(self, request, queryset):
        self._grant(request, queryset, Role.REVIEWER)

    @admin.action(description=_("Make secretariat administrators"))
    def make_admin(self, request, queryset):
        self._grant(request, queryset, Role.ADMIN)

    @admin.action(description=_("Remove the secretariat role"))
    def remove_role(self, request, queryset):
        self._grant(request, queryset, Role.NONE)

    def has_add_permission(self, request):
        return False  # people register themselves and confirm their address


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "level", "created_at", "accepted_at"]
    readonly_fields = ["token"]

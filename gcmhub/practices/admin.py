from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gcmhub.practices.models import Assignment, Call, Practice, ReviewerProfile
from gcmhub.workflow.admin import ReadOnlyAdmin


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "state", "language", "review_round", "published_at"]
    list_filter = ["state", "language", "practice_type"]
    search_fields = ["title"]
    list_select_related = ["organisation"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["practice", "reviewer", "round", "conflict", "recommendation", "reviewed_at"]
    list_filter = ["conflict", "recommendation"]
    list_select_related = ["practice", "reviewer__user"]


class ReviewerProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages covered"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ReviewerProfile
        fields = ["user", "kind", "objectives", "languages", "expertise", "is_active"]


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    """The roster: the secretariat adds reviewers with what they cover."""

    form = ReviewerProfileForm

    list_display = ["user", "kind", "expertise", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["user__full_name", "user__email", "expertise"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["objectives"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "deadline"]
    filter_horizontal = ["objectives"]
    readonly_fields = ["created_by", "created_at"]

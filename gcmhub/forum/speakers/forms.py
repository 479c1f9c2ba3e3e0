from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.compact.models import Country
from gcmhub.forum.models import Category, Inscription, Level
from gcmhub.forum.permissions import category_of
from gcmhub.forum.speakers.services import GROUP, NATIONAL
from gcmhub.web.forms import TextDirectionMixin


class DelegationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({Category(category_of(obj)).label})"


class InscriptionForm(TextDirectionMixin, forms.Form):
    """What a focal point tells the secretariat when inscribing its delegation. The rules (a
    group needs members, States need a level) are the service's, shown beside these fields."""

    organisation = DelegationField(
        label=_("Delegation"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("You can inscribe only a delegation you are a focal point of.")
        },
    )
    speaks_for = forms.ChoiceField(
        label=_("The delegation speaks"),
        choices=[(NATIONAL, _("Nationally")), (GROUP, _("On behalf of a group of States"))],
        initial=NATIONAL,
        widget=forms.RadioSelect,
        help_text=_("Only Member States speak on behalf of a group."),
    )
    group_name = forms.CharField(
        label=_("Name of the group"),
        max_length=200,
        required=False,
        help_text=_("For a group statement only, for example “African Group”."),
    )
    group_members = forms.ModelMultipleChoiceField(
        label=_("Member States of the group"),
        queryset=Country.objects.member_states(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("For a group statement only. Hold Ctrl (or ⌘) to choose several countries."),
    )
    level = forms.ChoiceField(
        label=_("Level of representation"),
        choices=[("", "–"), *Level.choices],
        required=False,
        help_text=_("Required for Member States and observer States; others leave it empty."),
    )
    speaker = forms.CharField(
        label=_("Speaker"),
        max_length=200,
        required=False,
        help_text=Inscription._meta.get_field("speaker").help_text,
    )

    def __init__(self, *args, delegations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = delegations
        self.fields["group_members"].label_from_instance = lambda country: country.name


class MoveForm(forms.Form):
    position = forms.IntegerField(
        label=_("New place"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to put the speaker back where the rule places them."),
    )
    reason = forms.CharField(
        label=_("Reason for the move"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the speaker is moved: it is recorded.")},
    )


class TimeLimitForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit of each statement (minutes)"),
        min_value=1,
        max_value=30,
        error_messages={
            "min_value": _("The time limit is a number of minutes from 1 to 30."),
            "max_value": _("The time limit is a number of minutes from 1 to 30."),
        },
    )


class DeliveredForm(TextDirectionMixin, forms.Form):
    statement = forms.CharField(
        label=_("Text of the statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It can be attached or corrected later."),
    )

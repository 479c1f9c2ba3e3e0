import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts.queries import verified_organisations
from gcmhub.compact import queries as compact
from gcmhub.forum.models import Criterion, EventFormat, SideEvent, SideEventCall
from gcmhub.forum.side_events import queries
from gcmhub.web.forms import FacetFilterForm, TextDirectionMixin


def day_label(day: datetime.date, edition) -> str:
    label = formats.date_format(day, "l j F Y")
    if day == edition.hearing_date:
        return _("%(day)s (multi-stakeholder hearing)") % {"day": label}
    return label


def day_choices(edition) -> list[tuple[str, str]]:
    return [(day.isoformat(), day_label(day, edition)) for day in queries.edition_days(edition)]


class SideEventFilterForm(FacetFilterForm):
    objective = forms.TypedChoiceField(
        label=_("Objective"), required=False, coerce=int, empty_value=None
    )
    format = forms.ChoiceField(label=_("Format"), required=False)
    day = forms.TypedChoiceField(
        label=_("Day"),
        required=False,
        coerce=datetime.date.fromisoformat,
        empty_value=None,
    )

    def __init__(self, *args, edition, **kwargs):
        self.edition = edition
        super().__init__(*args, **kwargs)

    def options(self) -> dict[str, list]:
        return {
            "objective": [(o.number, str(o)) for o in compact.objectives()],
            "format": EventFormat.choices,
            "day": day_choices(self.edition),
        }


class CallForm(TextDirectionMixin, forms.ModelForm):
    """The call's dates are typed in the venue's time (the view sets it as the current zone)."""

    class Meta:
        model = SideEventCall
        fields = ["opens_at", "deadline", "introduction"]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "introduction": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        opens_at, deadline = data.get("opens_at"), data.get("deadline")
        if opens_at and deadline and deadline <= opens_at:
            self.add_error("deadline", _("The deadline must come after the opening of the call."))
        return data


class CriterionForm(TextDirectionMixin, forms.ModelForm):
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)

    class Meta:
        model = Criterion
        fields = ["name", "description", "max_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


CriterionFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=2, can_delete=True
)


def criteria_rows(formset) -> list[dict]:
    """What save_call() takes from a valid criteria formset."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        rows.append(
            {
                "id": form.instance.pk,
                "delete": formset.can_delete and form.cleaned_data.get("DELETE", False),
                "name": form.cleaned_data.get("name", ""),
                "description": form.cleaned_data.get("description", ""),
                "max_score": form.cleaned_data.get("max_score") or 5,
            }
        )
    return rows


class OrganisationField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country.name})" if obj.country_id else obj.name


class LeadForm(forms.Form):
    """Which of the person's verified organisations leads the event."""

    organisation = forms.ModelChoiceField(
        label=_("Lead organiser"), queryset=None, empty_label=None
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class SideEventForm(TextDirectionMixin, forms.ModelForm):
    """A proposal's own fields; its call (and so its edition's days) comes from the instance."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    co_organisers = OrganisationField(
        label=_("Co-organisers registered here"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Verified organisations only. Hold Ctrl (or ⌘) to choose several."),
    )
    preferred_dates = forms.MultipleChoiceField(
        label=_("Preferred dates"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In the venue's time. The secretariat tries to follow them."),
    )

    class Meta:
        model = SideEvent
        fields = list(SideEvent.reviewed_fields)  # what the owner edits is what is reviewed
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "objectives": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_organisers"].queryset = verified_organisations().order_by("name")
        self.fields["objectives"].queryset = compact.objectives()
        self.fields["format"].choices = EventFormat.choices
        self.fields["preferred_dates"].choices = day_choices(self.instance.call.edition)


SCORE_FIELD = "score_%s"
COMMENT_FIELD = "comment_%s"


class ScoreForm(forms.Form):
    """One score (0 to the criterion's highest) and a comment per criterion of the call."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            given = scores.get(criterion.pk)
            self.fields[SCORE_FIELD % criterion.pk] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                help_text=_("From 0 to %(max)s.") % {"max": criterion.max_score},
                initial=given.value if given else None,
            )
            self.fields[COMMENT_FIELD % criterion.pk] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
                initial=given.comment if given else "",
            )

    def rows(self) -> list[tuple]:
        """(criterion, its score field, its comment field) in the call's order."""
        return [
            (criterion, self[SCORE_FIELD % criterion.pk], self[COMMENT_FIELD % criterion.pk])
            for criterion in self.criteria
        ]

    def scores(self) -> dict:
        """{criterion: (value, comment)} for score_side_event()."""
        return {
            criterion: (
                self.cleaned_data[SCORE_FIELD % criterion.pk],
                self.cleaned_data[COMMENT_FIELD % criterion.pk],
            )
            for criterion in self.criteria
        }


class ScheduleForm(forms.Form):
    """A slot in the venue's time: a day of the forum, a start and an end."""

    day = forms.TypedChoiceField(
        label=_("Day"), coerce=datetime.date.fromisoformat, empty_value=None
    )
    starts = forms.TimeField(
        label=_("Starts"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    ends = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=None,
        required=False,
        empty_label=_("No room (virtual)"),
    )
    link = forms.URLField(
        label=_("Meeting or webcast link"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )
    confirmed = forms.BooleanField(label=_("Schedule anyway"), required=False)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["day"].choices = day_choices(edition)
        self.fields["room"].queryset = queries.rooms(edition)
        self.fields["starts"].help_text = self.fields["ends"].help_text = _(
            "In the venue's time (%(zone)s)."
        ) % {"zone": edition.time_zone}

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("starts") and data.get("ends"):
            zone = self.edition.zone
            data["starts_at"] = datetime.datetime.combine(data["day"], data["starts"], tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(data["day"], data["ends"], tzinfo=zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The side event must end after it starts."))
        return data

    @staticmethod
    def initial_for(side_event: SideEvent) -> dict:
        session = side_event.session
        if session is None:
            dates = side_event.preferred_dates
            return {"day": dates[0]} if dates else {}
        zone = side_event.call.edition.zone
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        return {
            "day": starts.date().isoformat(),
            "starts": starts.time(),
            "ends": ends.time(),
            "room": session.room_id,
            "link": session.link,
        }

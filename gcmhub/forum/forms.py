import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.compact.models import Country, Objective
from gcmhub.forum.models import Session, SessionDocument, SessionKind
from gcmhub.web.forms import TextDirectionMixin


class ObjectiveChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.short_name}"


class CountryChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SessionForm(TextDirectionMixin, forms.ModelForm):
    """A session's fields, with its day and times typed in the venue's time zone."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    new_room = forms.CharField(
        label=_("Or a new room"),
        required=False,
        max_length=120,
        help_text=_("Type the name of a room that is not in the list yet."),
    )
    chair_countries = CountryChoices(
        label=_("Chairs or co-chairs (countries)"),
        queryset=Country.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    link = forms.URLField(label=_("Meeting or webcast link"), required=False, assume_scheme="https")
    objectives = ObjectiveChoices(
        label=_("Objectives covered"),
        queryset=Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        fields = [
            "kind",
            "number",
            "title",
            "description",
            "room",
            "chair_people",
            "link",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        zone = edition.zone
        self.fields["room"].queryset = edition.rooms.all()
        self.fields["room"].help_text = _("Leave empty for an online session.")
        self.fields["chair_countries"].queryset = Country.objects.member_states()
        self.fields["chair_countries"].choices = [
            (c.pk, c.name) for c in compact.countries(status=Country.Status.MEMBER)
        ]
        hint = _("In the venue's time zone (%(zone)s).") % {"zone": edition.time_zone}
        self.fields["start"].help_text = hint
        self.fields["end"].help_text = hint
        if self.instance.pk:
            starts = self.instance.starts_at.astimezone(zone)
            self.initial.update(
                day=starts.date(),
                start=starts.time(),
                end=self.instance.ends_at.astimezone(zone).time(),
                chair_countries=list(self.instance.chair_countries.values_list("pk", flat=True)),
                objectives=list(self.instance.objectives.all()),
            )
        else:
            self.initial.setdefault("day", edition.start_date)

    def clean(self):
        data = super().clean()
        if data.get("room") and data.get("new_room"):
            self.add_error(
                "new_room", _("Choose a room from the list or type a new one, not both.")
            )
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            zone = self.edition.zone
            data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=zone)
            data["ends_at"] = datetime.datetime.combine(day, end, tzinfo=zone)
            if end <= start:
                self.add_error("end", _("A session must end after it starts."))
        return data

    def session_data(self) -> dict:
        """What services.save_session takes."""
        names = [*self.Meta.fields, "starts_at", "ends_at", "new_room"]
        return {name: self.cleaned_data.get(name) for name in names} | {
            "chair_countries": self.cleaned_data["chair_countries"],
            "objectives": self.cleaned_data["objectives"],
        }


class ProgrammeFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of session"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *SessionKind.choices]


class SummaryForm(TextDirectionMixin, forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Published on the session's page as soon as you save it."),
    )


class SessionDocumentForm(forms.ModelForm):
    class Meta:
        model = SessionDocument
        fields = ["kind", "title", "language", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(settings.LANGUAGES)
        self.fields["file"].help_text = _("A PDF or Word (DOCX) file of at most 25 MB.")

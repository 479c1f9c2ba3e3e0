from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts.models import Organisation
from gcmhub.compact import queries as compact
from gcmhub.compact.models import Region
from gcmhub.forum import permissions
from gcmhub.forum.models import Application, Gender, Hearing
from gcmhub.web.forms import FacetFilterForm, TextDirectionMixin

MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class MomentInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=MOMENT_FORMAT)


class HearingForm(TextDirectionMixin, forms.Form):
    """The call for speakers; its moments are typed and shown on the venue's clock."""

    opens_at = forms.DateTimeField(
        label=_("Applications open"), widget=MomentInput, help_text=_("Time at the venue.")
    )
    deadline = forms.DateTimeField(
        label=_("Applications close"), widget=MomentInput, help_text=_("Time at the venue.")
    )
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the hearing's page: its theme and who may apply."),
    )

    def __init__(self, *args, edition, hearing: Hearing | None = None, **kwargs):
        self.zone = edition.zone
        if hearing is not None:
            kwargs["initial"] = {
                "opens_at": timezone.make_naive(hearing.opens_at, self.zone),
                "deadline": timezone.make_naive(hearing.deadline, self.zone),
                "introduction": hearing.introduction,
            }
        super().__init__(*args, **kwargs)

    def full_clean(self):
        with timezone.override(self.zone):  # naive input is the venue's time
            super().full_clean()

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("deadline") and data["deadline"] <= data["opens_at"]:
            self.add_error("deadline", _("The deadline must come after the opening."))
        return data


class PanelForm(TextDirectionMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    position = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=999, initial=0, help_text=_("Lower comes first.")
    )
    session = forms.ModelChoiceField(
        label=_("Session of the programme"),
        queryset=None,
        required=False,
        empty_label=_("Not set yet"),
        help_text=_("A session of the hearing; its date and time are given to the speakers."),
    )

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = self.session_label

    @staticmethod
    def session_label(session) -> str:
        local = timezone.localtime(session.starts_at, session.edition.zone)
        return f"{session.display_title} – {formats.date_format(local, 'SHORT_DATETIME_FORMAT')}"


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ApplicationForm(TextDirectionMixin, forms.ModelForm):
    region = RegionField(
        label=_("Region the speaker comes from or works in"),
        queryset=Region.objects.filter(parent=None),
        empty_label=_("Choose a region"),
    )

    class Meta:
        model = Application
        fields = [
            "speaker_name",
            "speaker_email",
            "speaker_role",
            "topic",
            "objectives",
            "region",
            "gender",
            "name_is_public",
        ]
        widgets = {
            "topic": forms.Textarea(attrs={"rows": 5}),
            "objectives": forms.CheckboxSelectMultiple,
            "gender": forms.RadioSelect,
        }
        labels = {"objectives": _("Objectives the speaker will address")}
        help_texts = {
            "speaker_name": _("Never public, unless the speaker agrees below."),
            "speaker_email": _("Never public. The secretariat writes to the speaker here."),
            "speaker_role": _("For example: Director of programmes. Shown with the panel."),
            "topic": _("What the speaker will say, in a few sentences."),
            "gender": _("Used only to balance the panels; never public."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = compact.objectives()
        self.fields["gender"].choices = list(Gender.choices)
        self.fields["speaker_email"].widget.attrs["dir"] = "ltr"


class ApplyForm(ApplicationForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "You can apply only for a verified stakeholder organisation you are a member of."
            )
        },
    )

    field_order = ["organisation"]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        self.order_fields(self.field_order)


class ApplicationFilterForm(FacetFilterForm):
    status = forms.ChoiceField(label=_("Decision"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    entity_type = forms.ChoiceField(label=_("Stakeholder type"), required=False)

    def options(self) -> dict[str, list]:
        return {
            "status": list(Application.Status.choices),
            "region": [(r.pk, r.name) for r in Region.objects.filter(parent=None)],
            "gender": list(Gender.choices),
            "entity_type": [
                (t.code, t.name)
                for t in compact.entity_types().exclude(code__in=permissions.CATEGORIES)
            ],
        }


class DecisionForm(forms.Form):
    """One application's decision and place; PANELS are read once for every row of the page."""

    status = forms.ChoiceField(label=_("Decision"), choices=Application.Status.choices)
    panel = forms.TypedChoiceField(label=_("Panel"), required=False, coerce=int, empty_value=None)
    position = forms.IntegerField(
        label=_("Order in the panel"), min_value=0, max_value=999, required=False
    )
    filters = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, panels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.panels = {panel.pk: panel for panel in panels}
        self.fields["panel"].choices = [("", _("No panel")), *[(p.pk, p.title) for p in panels]]

    def clean(self):
        data = super().clean()
        if data.get("panel") and data.get("status") != Application.Status.SELECTED:
            self.add_error("panel", _("Only selected speakers can be placed in a panel."))
        return data

    def decision(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "panel": self.panels.get(data["panel"]) if data["panel"] else None,
            "position": data.get("position") or 0,
        }

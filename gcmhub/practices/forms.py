from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.practices.models import Call, PracticeType, Recommendation
from gcmhub.search.forms import SearchField
from gcmhub.web.forms import FacetFilterForm, TextDirectionMixin


class PracticeFilterForm(FacetFilterForm):
    q = SearchField()
    objective = forms.TypedChoiceField(
        label=_("Objective"), required=False, coerce=int, empty_value=None
    )
    principle = forms.TypedChoiceField(
        label=_("Guiding principle"), required=False, coerce=int, empty_value=None
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year started"), required=False, coerce=int, empty_value=None
    )
    call = forms.TypedChoiceField(
        label=_("Call for practices"), required=False, coerce=int, empty_value=None
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Most relevant first")), ("newest", _("Newest first"))],
    )

    def options(self) -> dict[str, list]:
        from gcmhub.practices.queries import practice_years

        return {
            "objective": [(o.number, str(o)) for o in compact.objectives()],
            "principle": [(p.number, f"{p.number}. {p.name}") for p in compact.principles()],
            "region": [(r.pk, r.name) for r in compact.regions()],
            "country": [(c.iso3, c.name) for c in compact.countries()],
            "language": list(settings.LANGUAGES),
            "type": PracticeType.choices,
            "year": [(year, str(year)) for year in practice_years()],
            "call": [(call.pk, call.title) for call in Call.objects.all()],
        }


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Submitted by"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, PNG or JPEG, at most 25 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )


class CallForm(TextDirectionMixin, forms.ModelForm):
    class Meta:
        model = Call
        fields = ["title", "theme", "description", "objectives", "deadline"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "objectives": forms.CheckboxSelectMultiple,
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = compact.objectives()

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this practice or its organisation?"),
        choices=[
            ("no", _("No, I have no conflict of interest")),
            ("yes", _("Yes, I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "For example: you work for, advise or fund the organisation or the main implementer, "
            "or you took part in the practice. Declaring a conflict releases you from this review."
        ),
    )
    note = forms.CharField(
        label=_("About the conflict"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the secretariat only."),
    )


class ReviewForm(TextDirectionMixin, forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Your recommendation"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments for the submitter"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The submitter reads them together with the other reviewers' comments, without "
            "your name."
        ),
    )


class AssignForm(forms.Form):
    reviewer = forms.IntegerField(widget=forms.HiddenInput)
    is_tiebreak = forms.BooleanField(required=False, widget=forms.HiddenInput)

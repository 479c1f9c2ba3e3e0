from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.pledges.models import Category, PledgeType, ProgressReport, ProgressStatus
from gcmhub.search.forms import SearchField
from gcmhub.web.forms import FacetFilterForm, TextDirectionMixin


class PledgeFilterForm(FacetFilterForm):
    """The filters of the list, the dashboard and the exports: one form for every door."""

    q = SearchField(max_length=100)
    edition = forms.TypedChoiceField(
        label=_("IMRF edition"), required=False, coerce=int, empty_value=None
    )
    objective = forms.TypedChoiceField(
        label=_("Main objective"), required=False, coerce=int, empty_value=None
    )
    principle = forms.TypedChoiceField(
        label=_("Guiding principle"), required=False, coerce=int, empty_value=None
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    entity_type = forms.ChoiceField(label=_("Pledged by"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country concerned"), required=False)
    status = forms.ChoiceField(label=_("Progress"), required=False)

    def options(self) -> dict[str, list]:
        return {
            "edition": [(e.year, str(e)) for e in compact.editions()],
            "objective": [(o.number, str(o)) for o in compact.objectives()],
            "principle": [(p.number, f"{p.number}. {p.name}") for p in compact.principles()],
            "type": PledgeType.choices,
            "category": Category.choices,
            "entity_type": [(t.code, t.name) for t in compact.entity_types()],
            "region": [(r.pk, r.name) for r in compact.regions()],
            "country": [(c.iso3, c.name) for c in compact.countries()],
            "status": ProgressStatus.choices,
        }


class ReviewFilterForm(forms.Form):
    is_filter = True

    edition = forms.TypedChoiceField(
        label=_("IMRF edition"), required=False, coerce=int, empty_value=None
    )
    objective = forms.TypedChoiceField(
        label=_("Main objective"), required=False, coerce=int, empty_value=None
    )
    entity_type = forms.ChoiceField(label=_("Pledged by"), required=False)
    older_than = forms.TypedChoiceField(
        label=_("Waiting for"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any time")), (7, _("More than a week")), (30, _("More than a month"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [("", _("All"))] + [
            (e.year, str(e)) for e in compact.editions()
        ]
        self.fields["objective"].choices = [("", _("All"))] + [
            (o.number, str(o)) for o in compact.objectives()
        ]
        self.fields["entity_type"].choices = [("", _("All"))] + [
            (t.code, t.name) for t in compact.entity_types()
        ]


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Pledge on behalf of"), queryset=None, empty_label=None
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProgressReportForm(TextDirectionMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Report on behalf of"), queryset=None, empty_label=None
    )
    evidence_url = forms.URLField(
        label=_("Link to evidence"), required=False, assume_scheme="https"
    )

    class Meta:
        model = ProgressReport
        fields = ["organisation", "date", "status", "narrative", "amount_delivered", "evidence_url"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["status"].choices = ProgressStatus.choices

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.compact.models import Country
from gcmhub.reviews.models import NATIONAL_KINDS, Kind, Review, cycle_label
from gcmhub.search.forms import SearchField
from gcmhub.web.forms import FacetFilterForm, TextDirectionMixin


class ReviewFilterForm(FacetFilterForm):
    q = SearchField(help_text=_("Words are also looked for inside the documents."))
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    commission = forms.ChoiceField(label=_("UN regional commission"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    cycle = forms.TypedChoiceField(
        label=_("Review cycle"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=_("Language of the document"), required=False)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Most relevant first")), ("newest", _("Newest first"))],
    )

    def options(self) -> dict[str, list]:
        return {
            "country": [(c.iso3, c.name) for c in compact.countries()],
            "region": [(r.pk, r.name) for r in compact.regions()],
            "commission": [(c.code, f"{c.code} – {c.name}") for c in compact.commissions()],
            "kind": Kind.choices,
            "cycle": [(e.year, edition_label(e)) for e in compact.editions()],
            "language": list(settings.LANGUAGES),
        }


def edition_label(edition) -> str:
    return _("%(cycle)s (IMRF %(year)s)") % {
        "cycle": cycle_label(edition.year),
        "year": edition.year,
    }


class EditionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return edition_label(obj)


class ReviewForm(TextDirectionMixin, forms.ModelForm):
    """A national report's own fields (its country comes from the focal point's government)."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    edition = EditionField(
        label=_("Review cycle"),
        queryset=None,
        empty_label=None,
        help_text=Review._meta.get_field("edition").help_text,
    )

    class Meta:
        model = Review
        fields = ["kind", "edition", "title", "summary", "date"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = compact.editions()
        if "kind" in self.fields:
            self.fields["kind"].choices = [(k.value, k.label) for k in NATIONAL_KINDS]


class RegionalReviewForm(ReviewForm):
    class Meta(ReviewForm.Meta):
        fields = ["edition", "title", "summary", "date", "participants"]
        widgets = {
            **ReviewForm.Meta.widgets,
            "participants": forms.SelectMultiple(attrs={"size": 12}),
        }
        help_texts = {"participants": _("Hold Ctrl (or ⌘) to choose several countries.")}

    def __init__(self, *args, commission=None, **kwargs):
        super().__init__(*args, **kwargs)
        commission = commission or self.instance.commission
        if commission is not None:
            self.fields["participants"].queryset = commission.countries.order_by("iso3")
        self.fields["participants"].required = True


class CountryForm(forms.Form):
    """Which country a national report is for: only those whose focal point the person is."""

    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "You can submit reviews only for the country whose government you are a focal "
                "point of."
            )
        },
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(pk__in=[c.pk for c in countries])


class CommissionForm(forms.Form):
    commission = forms.ModelChoiceField(
        label=_("UN regional commission"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("You cannot record regional reviews for this commission.")
        },
    )

    def __init__(self, *args, commissions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = compact.commissions().filter(
            pk__in=[c.pk for c in commissions]
        )


class DocumentForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of this version"), choices=settings.LANGUAGES)
    file = forms.FileField(
        label=_("Document"),
        help_text=_(
            "PDF or Word (.docx), at most 25 MB. A new version replaces the current one of its "
            "language; the earlier version stays listed."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )


class DocumentDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the submitter"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

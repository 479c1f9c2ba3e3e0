from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(DjangoTemplates):
    """Every field renders through one template: label, hint, error, input."""

    field_template_name = "components/field.html"


class TextDirectionMixin:
    """Free text follows its own direction (dir="auto"): English typed on an Arabic page, or
    Arabic on an English one, reads the right way round."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput | forms.Textarea):
                field.widget.attrs.setdefault("dir", "auto")


class FacetFilterForm(forms.Form):
    """The filters of a list, its exports and its API: subclasses declare the fields and give
    their options; show_counts() then says beside each option how many records it would give."""

    is_filter = True  # its fields are all optional: no "(optional)" beside each

    def options(self) -> dict[str, list]:
        return {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._options = self.options()
        for name, choices in self._options.items():
            self.fields[name].choices = [("", _("All")), *choices]

    def show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        for name, choices in self._options.items():
            if (facet := counts.get(name)) is not None:
                self.fields[name].choices = [("", _("All"))] + [
                    (value, f"{label} ({facet.get(str(value), 0)})") for value, label in choices
                ]

    def filters(self) -> dict:
        """The valid filters, empty ones left out (an invalid value is ignored, never an error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.compact.models import Country


class CountryFilterForm(forms.Form):
    is_filter = True  # its fields are all optional: no "(optional)" beside each

    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Country.Status.choices
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("All regions"))]
        for region in regions:
            choices.append((region.pk, region.name))
            choices += [(sub.pk, f"– {sub.name}") for sub in region.subregions.all()]
        self.fields["region"].choices = choices

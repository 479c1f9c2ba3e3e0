from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.search.queries import terms


class SearchField(forms.CharField):
    """Words to look for (optional); a query with no word at all (only quotes, punctuation or
    operators) is refused with a message that says why."""

    def __init__(self, *, max_length=200, **kwargs):
        kwargs.setdefault("label", _("Words"))
        super().__init__(required=False, max_length=max_length, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not terms(value):
            raise forms.ValidationError(
                _("Type at least one word or number; punctuation and operators are ignored."),
                code="no_words",
            )

from django import forms
from django.forms.renderers import DjangoTemplates


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

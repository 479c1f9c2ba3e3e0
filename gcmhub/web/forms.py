from django.forms.renderers import DjangoTemplates


class SiteFormRenderer(DjangoTemplates):
    """Every field renders through one template: label, hint, error, input."""

    field_template_name = "components/field.html"

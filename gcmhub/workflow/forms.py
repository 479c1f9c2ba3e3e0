from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.workflow.models import Action


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The submitter sees this note on the record's page and by e-mail."),
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        if action in (Action.REQUEST_CHANGES, Action.REJECT, Action.UNPUBLISH):
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = _(
                "Say why, so that the submitter knows what to do."
            )

"""Long forms as a task list: one short form per section, saved as a draft and resumed later.
Pledges and practices describe their sections with these; the views and templates are shared."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise

from gcmhub.web.forms import TextDirectionMixin


class SectionForm(TextDirectionMixin, forms.ModelForm):
    """A section's form; `seen` detects that someone else saved the draft in the meantime."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)


@dataclass(frozen=True)
class Section:
    slug: str
    title: Promise
    form: type[SectionForm]
    problem: Promise  # what the check page says while the section is incomplete
    complete: Callable[[object], bool]
    extra_fields: tuple[str, ...] = ()  # reviewed fields the form computes in clean()

    def fields(self) -> list[str]:
        return [*self.form._meta.fields, *self.extra_fields]

    def is_complete(self, record) -> bool:
        return self.complete(record)


def incomplete(sections: list[Section], record) -> list[Section]:
    return [section for section in sections if not section.is_complete(record)]

"""The outcome declaration's forms: the document's settings, the text, the co-facilitators'
steps, proposals (words found in the paragraph) and the compilation's filters."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmhub.accounts.queries import verified_organisations
from gcmhub.declarations import importing
from gcmhub.declarations.models import (
    Audience,
    Decision,
    ParagraphKind,
    ProposalKind,
)
from gcmhub.declarations.queries import delegation_name
from gcmhub.declarations.text import WordsAmbiguous, WordsNotFound, find_words
from gcmhub.declarations.text import words as split_words
from gcmhub.web.forms import FacetFilterForm, TextDirectionMixin


class ObjectChoiceField(forms.TypedChoiceField):
    """A choice among objects already read (no query when the form is shown); the cleaned value
    is the object."""

    def __init__(self, *, objects=(), label_of=str, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.set_objects(objects, label_of)

    def set_objects(self, objects, label_of=str):
        self.objects = {obj.pk: obj for obj in objects}
        blank = [("", "---------")] if not self.required else []
        self.choices = blank + [(obj.pk, label_of(obj)) for obj in objects]

    def clean(self, value):
        pk = super().clean(value)
        return self.objects.get(pk) if pk not in (None, "") else None


# The document ------------------------------------------------------------------------------


class DocumentForm(TextDirectionMixin, forms.Form):
    """The document's title and language and its two co-facilitating delegations."""

    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(
        label=_("Language of the negotiation"),
        choices=settings.LANGUAGES,
        initial="en",
        help_text=_("The text is negotiated in one language; pages show it as it is typed."),
    )
    first = forms.ModelChoiceField(
        label=_("First co-facilitating delegation"), queryset=verified_organisations().none()
    )
    first_representative = forms.CharField(
        label=_("Its representative"),
        max_length=300,
        required=False,
        help_text=_("Shown in public, e.g. “H.E. Ms. …, Permanent Representative of …”."),
    )
    second = forms.ModelChoiceField(
        label=_("Second co-facilitating delegation"), queryset=verified_organisations().none()
    )
    second_representative = forms.CharField(
        label=_("Its representative"),
        max_length=300,
        required=False,
        help_text=_("Shown in public, e.g. “H.E. Ms. …, Permanent Representative of …”."),
    )

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        member_states = verified_organisations().filter(entity_type__code="member-state")
        self.fields["first"].queryset = member_states
        self.fields["second"].queryset = member_states
        for name in ("first_representative", "second_representative"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if document is not None:
            cofacilitators = list(document.cofacilitators.all())
            self.initial.update(title=document.title, language=document.language)
            for name, cofacilitator in zip(("first", "second"), cofacilitators, strict=False):
                self.initial[name] = cofacilitator.delegation_id
                self.initial[f"{name}_representative"] = cofacilitator.representative

    def clean(self):
        data = super().clean()
        first, second = data.get("first"), data.get("second")
        if first and second and first == second:
            self.add_error(
                "second",
                _("Choose two different delegations: %(name)s is chosen twice.") % {"name": first},
            )
        return data

    def cofacilitators(self) -> list[tuple]:
        """What services.save_document takes: [(delegation, representative), …]."""
        data = self.cleaned_data
        return [
            (data["first"], data["first_representative"]),
            (data["second"], data["second_representative"]),
        ]


# The text of an unpublished revision -------------------------------------------------------


class ImportForm(TextDirectionMixin, forms.Form):
    """A Word or plain-text file, or pasted text: numbered paragraphs are recognised in it."""

    file = forms.FileField(
        label=_("A Word (.docx) or plain-text (.txt) file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Leave a blank line between paragraphs. Unnumbered paragraphs before the first "
            "number are preambular; numbered paragraphs (1., 2., …) are operative; (a), (b) … "
            "are sub-paragraphs."
        ),
    )

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("file"), data.get("text", "").strip()
        if self.errors:
            return data
        if upload and pasted:
            raise ValidationError(_("Choose a file or paste the text, not both."))
        if not upload and not pasted:
            raise ValidationError(_("Choose a file or paste the text of the revision."))
        field = "file" if upload else "text"
        try:
            data["parsed"] = (
                importing.read_upload(upload) if upload else importing.parse_text(pasted)
            )
        except ValidationError as error:
            self.add_error(field, error)
        return data

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "import-%s")  # unique ids beside the page's other forms
        super().__init__(*args, **kwargs)


class ParagraphTextForm(TextDirectionMixin, forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))


class NewParagraphForm(TextDirectionMixin, forms.Form):
    """A paragraph added at the end of its kind, or after a paragraph (AFTER, a hidden pk)."""

    after = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind of paragraph"), choices=ParagraphKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))

    # The co-facilitators' steps ----------------------------------------------------------------

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "new-%s")  # unique ids beside the page's other forms
        super().__init__(*args, **kwargs)


class RoundForm(forms.Form):
    """The deadline of a round of proposals, typed in the venue's time zone, and who may
    propose."""

    day = forms.DateField(label=_("Deadline (day)"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Deadline (time)"),
        initial=datetime.time(18, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    audience = forms.ChoiceField(label=_("Who may propose"), choices=Audience.choices)

    def __init__(self, *args, edition, **kwargs):
        kwargs.setdefault("auto_id", "round-%s")  # unique ids beside the page's other forms
        super().__init__(*args, **kwargs)
        self.zone = edition.zone
        hint = _("In the venue's time zone (%(zone)s).") % {"zone": edition.time_zone}
        self.fields["time"].help_text = hint

    def clean(self):
        data = super().clean()
        day, time = data.get("day"), data.get("time")
        if day and time:
            data["deadline"] = datetime.datetime.combine(day, time, tzinfo=self.zone)
            if data["deadline"] <= timezone.now():
                self.add_error("day", _("The deadline must be in the future."))
        return data


class AdoptForm(TextDirectionMixin, forms.Form):
    on = forms.DateField(label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.CharField(
        label=_("Adopted at"),
        max_length=300,
        help_text=_("The meeting, e.g. “closing plenary of the IMRF”."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "adopt-%s")  # unique ids beside the page's other forms
        super().__init__(*args, **kwargs)


class StartRevisionForm(forms.Form):
    is_final = forms.BooleanField(
        label=_("This is the final text"),
        required=False,
        help_text=_("The final text is the one the forum adopts."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "start-%s")  # unique ids beside the page's other forms
        super().__init__(*args, **kwargs)


class DecideForm(TextDirectionMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    note = forms.CharField(
        label=_("Note on the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    taken_text = forms.CharField(
        label=_("Text as taken in"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For a proposal partly taken in: the paragraph as it should read in the next "
            "revision. Leave it empty to edit the next revision by hand."
        ),
    )


# Proposals and supports --------------------------------------------------------------------


class DelegationMixin:
    """The delegation the person acts for (a choice only when they have several) and the group
    it may speak for."""

    def _delegation_fields(self, delegations, groups):
        self.delegations = list(delegations)
        if len(self.delegations) > 1:
            self.fields["delegation"].set_objects(self.delegations)
        else:
            del self.fields["delegation"]
        if groups:
            self.fields["group"].set_objects(groups)
        else:
            del self.fields["group"]

    def delegation(self):
        if "delegation" in self.fields:
            return self.cleaned_data["delegation"]
        return self.delegations[0] if self.delegations else None


class SupportForm(DelegationMixin, forms.Form):
    delegation = ObjectChoiceField(label=_("Support as"))
    group = ObjectChoiceField(label=_("On behalf of"), required=False)

    def __init__(self, *args, delegations, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._delegation_fields(delegations, groups)


class ProposalForm(DelegationMixin, TextDirectionMixin, forms.Form):
    """A change to one paragraph: the words are typed and found in the paragraph, so nobody
    counts words."""

    delegation = ObjectChoiceField(label=_("Propose as"))
    group = ObjectChoiceField(
        label=_("On behalf of"),
        required=False,
        help_text=_("A group your delegation belongs to and speaks for."),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("the kind of change proposed", "Change"),
        choices=ProposalKind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("New text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For “Replace the paragraph”: the whole paragraph as you propose it. "
            "For “Add a new paragraph after it”: the new paragraph."
        ),
    )
    insert_words = forms.CharField(label=_("Words to insert"), required=False, max_length=2000)
    insert_after = forms.CharField(
        label=_("Insert after these words"),
        required=False,
        max_length=2000,
        help_text=_("Copy them from the paragraph. Leave it empty to insert at the beginning."),
    )
    delete_words = forms.CharField(
        label=_("Words to delete"),
        required=False,
        max_length=2000,
        help_text=_("Copy them from the paragraph."),
    )

    def __init__(self, *args, paragraph, delegations, groups=(), proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.paragraph = paragraph
        self._delegation_fields(delegations, groups)
        if proposal is not None:
            self.initial.update(_initial(proposal, paragraph.text))

    def clean(self):
        data = super().clean()
        kind, typed = data.get("kind"), data.get("text", "").strip()
        data.update(text="", start=None, end=None)
        if kind in (ProposalKind.REPLACE, ProposalKind.ADD_AFTER):
            data["text"] = typed
            if not typed:
                message = (
                    _("Type the paragraph as you propose it.")
                    if kind == ProposalKind.REPLACE
                    else _("Type the new paragraph.")
                )
                self.add_error("text", message)
        elif kind == ProposalKind.INSERT:
            data["text"] = data.get("insert_words", "").strip()
            if not data["text"]:
                self.add_error("insert_words", _("Type the words to insert."))
            after = data.get("insert_after", "").strip()
            found = self._find("insert_after", after) if after else (0, 0)
            if found:
                data["start"] = data["end"] = found[1]
        elif kind == ProposalKind.DELETE_WORDS:
            words = data.get("delete_words", "").strip()
            if not words:
                self.add_error("delete_words", _("Type the words to delete."))
            elif found := self._find("delete_words", words):
                data["start"], data["end"] = found
        return data

    def _find(self, field: str, phrase: str) -> tuple[int, int] | None:
        label = self.paragraph.label
        try:
            return find_words(self.paragraph.text, phrase)
        except WordsAmbiguous:
            message = _(
                "“%(words)s” occurs more than once in %(label)s; give more words around it."
            )
        except WordsNotFound:
            message = _("“%(words)s” is not in %(label)s.")
        self.add_error(field, message % {"words": phrase, "label": label})
        return None

    def proposal_data(self) -> dict:
        """What services.propose and services.update_proposal take besides the delegation."""
        data = self.cleaned_data
        names = ["kind", "text", "start", "end"]
        return {name: data[name] for name in names} | {"group": data.get("group")}


def _initial(proposal, paragraph_text: str) -> dict:
    """The form's fields for an existing PROPOSAL: its words found again in the paragraph."""
    initial = {
        "kind": proposal.kind,
        "group": proposal.group_id,
        "delegation": proposal.delegation_id,
    }
    words = split_words(paragraph_text)
    if proposal.kind in (ProposalKind.REPLACE, ProposalKind.ADD_AFTER):
        initial["text"] = proposal.text
    elif proposal.kind == ProposalKind.INSERT:
        initial["insert_words"] = proposal.text
        initial["insert_after"] = _shortest_unique_before(paragraph_text, words, proposal.start)
    elif proposal.kind == ProposalKind.DELETE_WORDS:
        initial["delete_words"] = " ".join(words[proposal.start : proposal.end])
    return initial


def _shortest_unique_before(paragraph_text: str, words: list[str], point: int) -> str:
    """The fewest words just before POINT that occur once in the paragraph."""
    for count in range(1, point + 1):
        phrase = " ".join(words[point - count : point])
        try:
            if find_words(paragraph_text, phrase)[1] == point:
                return phrase
        except ValueError:
            continue
    return ""


# The compilation and the comparison --------------------------------------------------------


class CompilationFilterForm(FacetFilterForm):
    """The compilation of one delegation (proposed or supported) or of one paragraph."""

    delegation = forms.TypedChoiceField(label=_("Delegation"), coerce=int, required=False)
    paragraph = forms.TypedChoiceField(
        label=pgettext_lazy("declaration", "Paragraph"), coerce=int, required=False
    )

    def __init__(self, *args, delegations, paragraphs, **kwargs):
        self.delegations = list(delegations)
        self.paragraphs = list(paragraphs)
        super().__init__(*args, **kwargs)

    def options(self) -> dict[str, list]:
        return {
            "delegation": [(d.pk, delegation_name(d)) for d in self.delegations],
            "paragraph": [(p.pk, p.label) for p in self.paragraphs],
        }

    def objects(self) -> dict:
        """The chosen delegation and paragraph, as queries.compilation takes them."""
        chosen = self.filters()
        by_pk = {
            "delegation": {d.pk: d for d in self.delegations},
            "paragraph": {p.pk: p for p in self.paragraphs},
        }
        return {name: by_pk[name][pk] for name, pk in chosen.items()}


class CompareForm(forms.Form):
    """Two revisions of the document, by number: the GET parameters "from" and "to"."""

    def __init__(self, *args, revisions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.number, r.label) for r in revisions]
        invalid = {"invalid": _("Choose a revision from the list.")}
        labels = {"from": pgettext_lazy("compare", "From"), "to": pgettext_lazy("compare", "To")}
        for name, label in labels.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=0,
                widget=forms.Select(choices=choices),
                error_messages=invalid | {"min_value": invalid["invalid"]},
            )
        if len(revisions) > 1:
            self.initial.setdefault("from", revisions[-2].number)
            self.initial.setdefault("to", revisions[-1].number)

    def clean(self):
        data = super().clean()
        if data.get("from") is not None and data.get("from") == data.get("to"):
            raise ValidationError(_("Choose two different revisions."))
        return data

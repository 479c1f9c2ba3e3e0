"""The practice form as a task list, in the Hub's order: about, objectives, scope, who, detail."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.practices.models import SUMMARY_MAX, SUMMARY_MIN, Call, Criterion, Practice
from gcmhub.workflow.sections import Section, SectionForm, incomplete

MAX_LINKS = 10
SEVERAL = _("Hold Ctrl (or ⌘) to choose several.")


class AboutForm(SectionForm):
    criteria = forms.MultipleChoiceField(
        label=_("The practice meets the Hub's criteria"),
        choices=Criterion.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Confirm each criterion."),
    )

    class Meta:
        model = Practice
        fields = ["title", "summary", "language", "call", "criteria"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 8, "maxlength": SUMMARY_MAX})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        current = self.instance.call_id if self.instance.pk else None
        calls = Call.objects.all()
        open_or_current = [c for c in calls if c.is_open() or c.pk == current]
        self.fields["call"].queryset = Call.objects.filter(pk__in=[c.pk for c in open_or_current])
        self.fields["call"].empty_label = _("No call: a practice of its own")
        self.fields["call"].help_text = _("Only calls still open are listed.")

    def clean_summary(self):
        text = self.cleaned_data["summary"].strip()
        if not SUMMARY_MIN <= len(text) <= SUMMARY_MAX:
            raise forms.ValidationError(
                _("Write between %(min)s and %(max)s characters; this text has %(count)s.")
                % {"min": SUMMARY_MIN, "max": f"{SUMMARY_MAX:,}", "count": len(text)}
            )
        return text

    def clean_criteria(self):
        chosen = self.cleaned_data["criteria"]
        if set(chosen) != set(Criterion.values):
            raise forms.ValidationError(
                _(
                    "Confirm every criterion: the repository publishes only practices that meet them."
                )
            )
        return [value for value in Criterion.values if value in chosen]

    def clean_call(self):
        call = self.cleaned_data["call"]
        if call and not call.is_open() and call.pk != self.instance.call_id:
            raise forms.ValidationError(_("This call has closed and takes no new practices."))
        return call


class ObjectivesForm(SectionForm):
    class Meta:
        model = Practice
        fields = ["primary_objectives", "secondary_objectives", "principles", "sdgs"]
        widgets = dict.fromkeys(fields, forms.CheckboxSelectMultiple)
        help_texts = {"primary_objectives": _("One to three.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["primary_objectives"].required = True
        self.fields["primary_objectives"].queryset = compact.objectives()
        self.fields["secondary_objectives"].queryset = compact.objectives()
        self.fields["principles"].queryset = compact.principles()
        self.fields["sdgs"].queryset = compact.sdgs()

    def clean_primary_objectives(self):
        chosen = self.cleaned_data["primary_objectives"]
        if len(chosen) > 3:
            raise forms.ValidationError(
                _("Choose at most three primary objectives; you chose %(count)s.")
                % {"count": len(chosen)}
            )
        return chosen

    def clean(self):
        data = super().clean()
        primary = data.get("primary_objectives") or []
        secondary = data.get("secondary_objectives") or []
        data["secondary_objectives"] = [o for o in secondary if o not in primary]
        return data


class ScopeForm(SectionForm):
    class Meta:
        model = Practice
        fields = [
            "practice_type",
            "start_year",
            "end_year",
            "is_ongoing",
            "is_global",
            "regions",
            "countries",
        ]
        widgets = {
            "practice_type": forms.RadioSelect,
            "regions": forms.CheckboxSelectMultiple,
            "countries": forms.SelectMultiple(attrs={"size": 10}),
            "start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "end_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_type"].required = True
        self.fields["practice_type"].choices = self.fields["practice_type"].choices[1:]
        self.fields["start_year"].required = True
        self.fields["regions"].queryset = compact.regions()
        self.fields["countries"].choices = [(c.pk, c.name) for c in compact.countries()]
        self.fields["countries"].help_text = SEVERAL

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year must be the start year or later."))
        if data.get("is_ongoing"):
            data["end_year"] = None
        elif start and not end and "end_year" not in self.errors:
            self.add_error("end_year", _("Give the end year, or tick “ongoing”."))
        if not (data.get("is_global") or data.get("countries") or data.get("regions")):
            self.add_error(
                "countries", _("Choose countries or regions, or tick “global in scope”.")
            )
        return data


class CollaboratorsForm(SectionForm):
    class Meta:
        model = Practice
        fields = [
            "on_behalf",
            "main_implementer",
            "implementer_contact",
            "implementer_email",
            "collaborators",
            "partners",
        ]
        widgets = {
            "collaborators": forms.SelectMultiple(attrs={"size": 8}),
            "partners": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "implementer_contact": _("Never shown to the public."),
            "implementer_email": _("Never shown to the public."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gcmhub.accounts.queries import verified_organisations

        self.fields["collaborators"].queryset = verified_organisations()
        self.fields["collaborators"].help_text = SEVERAL

    def clean(self):
        data = super().clean()
        if data.get("on_behalf"):
            for name, message in (
                ("main_implementer", _("Name the main implementer.")),
                ("implementer_contact", _("Name the main implementer's focal point.")),
                ("implementer_email", _("Give the e-mail address of that focal point.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        else:
            data.update(main_implementer="", implementer_contact="", implementer_email="")
        if any(o.pk == self.instance.organisation_id for o in data.get("collaborators") or []):
            self.add_error(
                "collaborators", _("Your own organisation cannot be its own collaborator.")
            )
        return data


class DetailForm(SectionForm):
    links_text = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_("Web pages about the practice, one address per line (at most 10)."),
    )

    class Meta:
        model = Practice
        fields = ["benefits", "innovation", "replication", "lessons"]
        widgets = dict.fromkeys(fields, forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            self.fields[name].required = True
        links = self.initial.get("links", self.instance.links) or []
        self.fields["links_text"].initial = "\n".join(links)

    def clean_links_text(self):
        lines = [line.strip() for line in self.cleaned_data["links_text"].splitlines()]
        links = [line for line in lines if line]
        if len(links) > MAX_LINKS:
            raise forms.ValidationError(
                _("Give at most %(max)s links; you gave %(count)s.")
                % {"max": MAX_LINKS, "count": len(links)}
            )
        check = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                check(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address; start it with https://.") % {"link": link}
                ) from None
        return links

    def clean(self):
        data = super().clean()
        data["links"] = data.get("links_text", [])
        return data


def _scope_complete(practice: Practice) -> bool:
    has_place = practice.is_global or practice.countries.exists() or practice.regions.exists()
    return bool(
        practice.practice_type
        and practice.start_year
        and (practice.end_year or practice.is_ongoing)
        and has_place
    )


def _collaborators_complete(practice: Practice) -> bool:
    if not practice.on_behalf:
        return True
    return bool(
        practice.main_implementer and practice.implementer_contact and practice.implementer_email
    )


SECTIONS = [
    Section(
        "about",
        _("About the practice"),
        AboutForm,
        _("Complete “About the practice”: title, a summary of 200 to 3,000 characters, criteria."),
        lambda p: (
            bool(p.title)
            and SUMMARY_MIN <= len(p.summary) <= SUMMARY_MAX
            and set(p.criteria) == set(Criterion.values)
        ),
    ),
    Section(
        "objectives",
        _("Objectives, principles and SDGs"),
        ObjectivesForm,
        _("Choose one to three primary objectives."),
        lambda p: 1 <= p.primary_objectives.count() <= 3,
    ),
    Section(
        "scope",
        _("Type, dates and where"),
        ScopeForm,
        _("Give the type, the years and where the practice takes place."),
        _scope_complete,
    ),
    Section(
        "collaborators",
        _("Implementer and collaborators"),
        CollaboratorsForm,
        _("Name the main implementer and its focal point."),
        _collaborators_complete,
    ),
    Section(
        "detail",
        _("Impact, innovation, replication and lessons"),
        DetailForm,
        _("Describe the benefits, what is innovative, how to replicate it and the lessons."),
        lambda p: all([p.benefits, p.innovation, p.replication, p.lessons]),
        extra_fields=("links",),
    ),
]
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def incomplete_sections(practice: Practice) -> list[Section]:
    return incomplete(SECTIONS, practice)

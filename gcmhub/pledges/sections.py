"""The pledge form as a task list: one short form per section, saved as a draft, resumable."""

from babel.numbers import get_currency_name, list_currencies
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.pledges.models import DESCRIPTION_MAX, DESCRIPTION_MIN, Pledge, PledgeType
from gcmhub.workflow.sections import Section, SectionForm, incomplete

INDICATOR_ROWS = 5


def currency_choices():
    locale = (get_language() or "en").replace("-hans", "_Hans").replace("-", "_")
    codes = sorted(code for code in list_currencies() if len(code) == 3 and code.isalpha())
    return [("", _("No amount"))] + [
        (code, f"{code} – {get_currency_name(code, locale=locale)}") for code in codes
    ]


class AboutForm(SectionForm):
    class Meta:
        model = Pledge
        fields = ["title", "description", "edition", "language"]
        widgets = {"description": forms.Textarea(attrs={"rows": 10, "maxlength": DESCRIPTION_MAX})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = compact.editions()
        self.fields["edition"].empty_label = None
        if not self.instance.pk and (upcoming := compact.next_edition()):
            self.initial.setdefault("edition", upcoming.pk)
        self.fields["description"].required = True

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if not DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
            raise forms.ValidationError(
                _("Write between %(min)s and %(max)s characters; this text has %(count)s.")
                % {"min": DESCRIPTION_MIN, "max": f"{DESCRIPTION_MAX:,}", "count": len(text)}
            )
        return text


class PartnersForm(SectionForm):
    match_search = forms.CharField(
        label=_("Find the pledge it answers"),
        required=False,
        max_length=100,
        help_text=_(
            "For a matching pledge: words from the title of the published pledge it answers."
        ),
    )

    class Meta:
        model = Pledge
        fields = ["pledge_type", "matches", "partner_organisations", "other_partners"]
        widgets = {
            "pledge_type": forms.RadioSelect,
            "matches": forms.RadioSelect,
            "partner_organisations": forms.SelectMultiple(attrs={"size": 8}),
            "other_partners": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from gcmhub.accounts.queries import verified_organisations
        from gcmhub.pledges.queries import match_candidates

        pledge = self.instance
        search = self.data.get("match_search") if self.is_bound else ""
        self.fields["matches"].queryset = match_candidates(pledge, search=search)
        self.fields["matches"].empty_label = None
        self.fields["partner_organisations"].queryset = verified_organisations()
        self.fields["partner_organisations"].help_text = _(
            "Organisations on gcmhub; hold Ctrl (or ⌘) to choose several."
        )

    def clean(self):
        data = super().clean()
        pledge = self.instance
        partners = data.get("partner_organisations") or []
        if any(partner.pk == pledge.organisation_id for partner in partners):
            self.add_error(
                "partner_organisations", _("Your own organisation cannot be its own partner.")
            )
        kind = data.get("pledge_type")
        if kind == PledgeType.MATCHING and not data.get("matches"):
            self.add_error("matches", _("Choose the published pledge this pledge answers."))
        if kind != PledgeType.MATCHING:
            data["matches"] = None
        if kind in (PledgeType.COMMON, PledgeType.PARTNERSHIP) and not (
            partners or data.get("other_partners")
        ):
            self.add_error(
                "partner_organisations",
                _("Name at least one partner, on gcmhub or in the box below."),
            )
        return data


class ObjectivesForm(SectionForm):
    class Meta:
        model = Pledge
        fields = ["main_objectives", "related_objectives", "principles"]
        widgets = dict.fromkeys(fields, forms.CheckboxSelectMultiple)
        help_texts = {"main_objectives": _("One to three.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["main_objectives"].required = True
        self.fields["main_objectives"].queryset = compact.objectives()
        self.fields["related_objectives"].queryset = compact.objectives()
        self.fields["principles"].queryset = compact.principles()

    def clean_main_objectives(self):
        chosen = self.cleaned_data["main_objectives"]
        if len(chosen) > 3:
            raise forms.ValidationError(
                _("Choose at most three main objectives; you chose %(count)s.")
                % {"count": len(chosen)}
            )
        return chosen

    def clean(self):
        data = super().clean()
        main, related = data.get("main_objectives") or [], data.get("related_objectives") or []
        data["related_objectives"] = [objective for objective in related if objective not in main]
        return data


class ScopeForm(SectionForm):
    class Meta:
        model = Pledge
        fields = ["level", "category", "countries"]
        widgets = {
            "level": forms.RadioSelect,
            "category": forms.RadioSelect,
            "countries": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].required = True
        self.fields["category"].required = True
        self.fields["level"].choices = self.fields["level"].choices[1:]  # no blank radio
        self.fields["category"].choices = self.fields["category"].choices[1:]
        self.fields["countries"].choices = [(c.pk, c.name) for c in compact.countries()]
        self.fields["countries"].help_text = _("Hold Ctrl (or ⌘) to choose several.")


class SmartForm(SectionForm):
    resources_currency = forms.ChoiceField(label=_("Currency"), required=False)

    class Meta:
        model = Pledge
        fields = ["action", "resources_amount", "resources_currency", "start_date", "end_date"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "action": _("What exactly will be done, by whom and where."),
            "resources_amount": _("Optional: the money committed, with its currency."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].required = True
        self.fields["start_date"].required = True
        self.fields["end_date"].required = True
        self.fields["resources_currency"].choices = currency_choices()
        indicators = list(self.initial.get("indicators", self.instance.indicators) or [])
        for row in range(1, INDICATOR_ROWS + 1):
            current = indicators[row - 1] if row <= len(indicators) else {}
            for key, label in (
                ("indicator", _("Indicator %(n)s")),
                ("baseline", _("Baseline")),
                ("target", _("Target")),
            ):
                self.fields[f"{key}_{row}"] = forms.CharField(
                    label=label % {"n": row} if key == "indicator" else label,
                    required=False,
                    max_length=300,
                    initial=current.get(key, ""),
                )

    def indicator_rows(self):
        return [
            [self[f"{key}_{row}"] for key in ("indicator", "baseline", "target")]
            for row in range(1, INDICATOR_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        if data.get("resources_amount") is not None and not data.get("resources_currency"):
            self.add_error("resources_currency", _("Choose the currency of the amount."))
        rows = []
        for row in range(1, INDICATOR_ROWS + 1):
            values = {
                key: (data.get(f"{key}_{row}") or "").strip()
                for key in ("indicator", "baseline", "target")
            }
            if any(values.values()):
                if not values["indicator"]:
                    self.add_error(
                        f"indicator_{row}",
                        _("Name the indicator, or empty its baseline and target."),
                    )
                rows.append(values)
        data["indicators"] = rows
        return data


SECTIONS = [
    Section(
        "about",
        _("About the pledge"),
        AboutForm,
        _("Complete “About the pledge”: title and a description of 300 to 3,000 characters."),
        lambda p: (
            bool(p.title)
            and DESCRIPTION_MIN <= len(p.description) <= DESCRIPTION_MAX
            and bool(p.edition_id)
        ),
    ),
    Section(
        "partners",
        _("Type and partners"),
        PartnersForm,
        _("Complete “Type and partners”."),
        lambda p: _partners_complete(p),
    ),
    Section(
        "objectives",
        _("Objectives and principles"),
        ObjectivesForm,
        _("Choose one to three main objectives."),
        lambda p: 1 <= p.main_objectives.count() <= 3,
    ),
    Section(
        "scope",
        _("Level, category and countries"),
        ScopeForm,
        _("Choose the level and the category."),
        lambda p: bool(p.level and p.category),
    ),
    Section(
        "smart",
        _("Action, indicators, resources and dates"),
        SmartForm,
        _("Describe the action and give its start and end dates."),
        lambda p: bool(p.action.strip() and p.start_date and p.end_date),
        extra_fields=("indicators",),
    ),
]
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def _partners_complete(pledge: Pledge) -> bool:
    if pledge.pledge_type == PledgeType.MATCHING:
        return pledge.matches_id is not None
    if pledge.pledge_type in (PledgeType.COMMON, PledgeType.PARTNERSHIP):
        return bool(pledge.other_partners.strip()) or pledge.partner_organisations.exists()
    return True


def incomplete_sections(pledge: Pledge) -> list[Section]:
    return incomplete(SECTIONS, pledge)

"""The open data of the pledges part (see gcmhub.web.opendata): published pledges and the
published progress reports of published pledges, with the same filters as the pledge list."""

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts.models import Organisation
from gcmhub.pledges import queries
from gcmhub.pledges.forms import PledgeFilterForm
from gcmhub.pledges.models import (
    Category,
    Level,
    Pledge,
    PledgeType,
    ProgressReport,
    ProgressStatus,
)
from gcmhub.web import jsonld
from gcmhub.web.forms import FacetFilterForm
from gcmhub.web.opendata import (
    ARRAY,
    DATE,
    INTEGER,
    NUMBER,
    STRING,
    Field,
    Resource,
    or_none,
    organisation_fields,
    page_field,
    published_field,
)
from gcmhub.workflow.models import State

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def _number(value):
    return float(value) if value is not None else None


def _published_match(pledge: Pledge) -> int | None:
    """The pledge it answers, when that one is public too (as its page shows it)."""
    if pledge.matches_id and pledge.matches.state == State.PUBLISHED:
        return pledge.matches_id
    return None


def pledge_rows(filters: dict):
    """Published pledges matching FILTERS (those of PledgeFilterForm), by primary key, read in
    chunks with a fixed number of queries."""
    pledges = queries.filtered(Pledge.objects.published(), filters)
    return (
        pledges.select_related(
            "organisation__entity_type", "organisation__country", "edition", "matches"
        )
        .prefetch_related(
            "main_objectives",
            "related_objectives",
            "principles",
            "countries",
            Prefetch(
                "partner_organisations",
                queryset=Organisation.objects.verified().only("pk"),
                to_attr="verified_partners",
            ),
        )
        .order_by("pk")
    )


PLEDGE_FIELDS = [
    Field("id", INTEGER, _("Identifier"), lambda p: p.pk, hxl="#activity+id"),
    Field("title", STRING, _("Title"), lambda p: p.title, hxl="#activity+name"),
    Field("description", STRING, _("Description"), lambda p: p.description),
    *organisation_fields(
        _("Pledging organisation"),
        _("Name of the pledging organisation"),
        _("Type of the pledging organisation"),
    ),
    Field(
        "organisation_country",
        STRING,
        _("Country of the pledging organisation"),
        lambda p: p.organisation.country.iso3 if p.organisation.country_id else None,
        reference=("countries", "iso3"),
        hxl="#country+code+org",
        nullable=True,
    ),
    Field(
        "edition",
        INTEGER,
        _("IMRF edition"),
        lambda p: p.edition.year,
        reference=("editions", "year"),
    ),
    Field("language", STRING, _("Language of the text"), lambda p: p.language, enum=LANGUAGES),
    Field(
        "type", STRING, _("Type of pledge"), lambda p: p.pledge_type, enum=tuple(PledgeType.values)
    ),
    Field(
        "matches",
        INTEGER,
        _("Pledge it answers"),
        _published_match,
        reference=("pledges", "id"),
        nullable=True,
    ),
    Field(
        "partner_organisations",
        ARRAY,
        _("Partner organisations"),
        lambda p: [o.pk for o in p.verified_partners],
        description=_("Verified organisations on gcmhub."),
        reference=("organisations", "id"),
    ),
    Field(
        "other_partners",
        STRING,
        _("Other partners"),
        lambda p: or_none(p.other_partners),
        description=_("Partners not on gcmhub, one per line."),
        nullable=True,
    ),
    Field(
        "main_objectives",
        ARRAY,
        _("Main objectives"),
        lambda p: [o.number for o in p.main_objectives.all()],
        reference=("objectives", "number"),
    ),
    Field(
        "related_objectives",
        ARRAY,
        _("Further related objectives"),
        lambda p: [o.number for o in p.related_objectives.all()],
        reference=("objectives", "number"),
    ),
    Field(
        "principles",
        ARRAY,
        _("Guiding principles"),
        lambda p: [g.number for g in p.principles.all()],
        reference=("principles", "number"),
    ),
    Field(
        "level",
        STRING,
        _("Level"),
        lambda p: or_none(p.level),
        enum=tuple(Level.values),
        nullable=True,
    ),
    Field(
        "countries",
        ARRAY,
        _("Countries concerned"),
        lambda p: [c.iso3 for c in p.countries.all()],
        reference=("countries", "iso3"),
        hxl="#country+code",
    ),
    Field(
        "category",
        STRING,
        _("Category"),
        lambda p: or_none(p.category),
        enum=tuple(Category.values),
        nullable=True,
    ),
    Field("action", STRING, _("Concrete action"), lambda p: or_none(p.action), nullable=True),
    Field(
        "start_date",
        DATE,
        _("Start date"),
        lambda p: p.start_date,
        hxl="#date+start",
        nullable=True,
    ),
    Field("end_date", DATE, _("End date"), lambda p: p.end_date, hxl="#date+end", nullable=True),
    Field(
        "resources_amount",
        NUMBER,
        _("Resources committed"),
        lambda p: _number(p.resources_amount),
        hxl="#value+committed",
        nullable=True,
    ),
    Field(
        "resources_currency",
        STRING,
        _("Currency"),
        lambda p: or_none(p.resources_currency),
        description=_("ISO 4217 code of the amounts."),
        hxl="#currency",
        nullable=True,
    ),
    Field(
        "progress_status",
        STRING,
        _("Progress"),
        lambda p: p.progress_status,
        description=_("From the latest published progress report."),
        enum=tuple(ProgressStatus.values),
        hxl="#status",
    ),
    Field(
        "amount_delivered",
        NUMBER,
        _("Delivered so far"),
        lambda p: _number(p.amount_delivered),
        hxl="#value+delivered",
        nullable=True,
    ),
    Field(
        "last_report_date",
        DATE,
        _("Last progress report"),
        lambda p: p.last_report_date,
        nullable=True,
    ),
    published_field(),
    page_field(),
]


class ProgressReportFilterForm(FacetFilterForm):
    """The filters of the progress reports collection (it has no page of its own)."""

    # bounded as the database's integer key is: a larger number is ignored, not an error
    pledge = forms.IntegerField(
        label=_("Pledge"), required=False, min_value=1, max_value=2_147_483_647
    )
    status = forms.ChoiceField(label=_("Progress"), required=False)

    def options(self) -> dict[str, list]:
        return {"status": ProgressStatus.choices}


def report_rows(filters: dict):
    """Published progress reports of published pledges, by primary key."""
    reports = ProgressReport.objects.published().filter(pledge__state=State.PUBLISHED)
    if filters.get("pledge"):
        reports = reports.filter(pledge_id=filters["pledge"])
    if filters.get("status"):
        reports = reports.filter(status=filters["status"])
    return reports.select_related("organisation", "pledge").order_by("pk")


REPORT_FIELDS = [
    Field("id", INTEGER, _("Identifier"), lambda r: r.pk),
    Field(
        "pledge",
        INTEGER,
        _("Pledge"),
        lambda r: r.pledge_id,
        reference=("pledges", "id"),
        hxl="#activity+id",
    ),
    *organisation_fields(_("Reporting organisation"), _("Name of the reporting organisation")),
    Field("date", DATE, _("Date of the report"), lambda r: r.date, hxl="#date+reported"),
    Field(
        "status",
        STRING,
        _("Progress"),
        lambda r: r.status,
        enum=tuple(ProgressStatus.values),
        hxl="#status",
    ),
    Field("narrative", STRING, _("What has been done"), lambda r: r.narrative),
    Field(
        "amount_delivered",
        NUMBER,
        _("Amount delivered so far"),
        lambda r: _number(r.amount_delivered),
        hxl="#value+delivered",
        nullable=True,
    ),
    Field(
        "currency",
        STRING,
        _("Currency"),
        lambda r: or_none(r.pledge.resources_currency),
        description=_("The currency of the pledge."),
        hxl="#currency",
        nullable=True,
    ),
    Field(
        "evidence_url",
        STRING,
        _("Link to evidence"),
        lambda r: or_none(r.evidence_url),
        nullable=True,
    ),
    published_field(),
    page_field(),
]

PLEDGES = Resource(
    name="pledges",
    title=_("Pledges"),
    description=_(
        "Published pledges of the IMRF pledging initiative: who pledged what, towards which "
        "objectives of the Global Compact, where, and how far it has come."
    ),
    fields=PLEDGE_FIELDS,
    rows=pledge_rows,
    filter_form=PledgeFilterForm,
    page_url=lambda p: p.get_absolute_url(),
    updated=lambda p: p.updated_at,
)
PROGRESS_REPORTS = Resource(
    name="progress_reports",
    title=_("Progress reports"),
    description=_("Published progress reports on published pledges."),
    fields=REPORT_FIELDS,
    rows=report_rows,
    filter_form=ProgressReportFilterForm,
    page_url=lambda r: r.get_absolute_url(),
    updated=lambda r: r.updated_at,
)
RESOURCES = [PLEDGES, PROGRESS_REPORTS]


def json_ld(pledge: Pledge, *, objectives: list, countries: list) -> dict:
    """schema.org data of a published pledge's page (OBJECTIVES and COUNTRIES as it shows them)."""
    url = jsonld.absolute(pledge.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": pledge.title,
        "description": pledge.description,
        "inLanguage": pledge.language,
        "author": jsonld.organisation(pledge.organisation),
        "about": [jsonld.objective(o) for o in objectives],
        "spatialCoverage": [jsonld.country(c) for c in countries],
    }
    if pledge.published_at:
        data["datePublished"] = pledge.published_at.date().isoformat()
    return data

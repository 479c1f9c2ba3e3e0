"""The open data of this part (see gcmhub.web.opendata): the reference data every other
collection points to. Names are in the active language."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries
from gcmhub.compact.forms import CountryFilterForm
from gcmhub.compact.models import Country, Region
from gcmhub.web.forms import FacetFilterForm
from gcmhub.web.opendata import ARRAY, BOOLEAN, DATE, INTEGER, STRING, Field, Resource


def _all(rows):
    """ROWS (a queryset) in primary-key order."""
    return lambda filters: rows().order_by("pk")


def _url(row) -> str:
    return row.get_absolute_url()


def _name(get, hxl="") -> Field:
    return Field(
        "name",
        STRING,
        _("Name"),
        get,
        description=_("In the language asked for (English when it has no translation)."),
        hxl=hxl,
    )


objectives = Resource(
    name="objectives",
    title=_("Objectives"),
    description=_("The 23 objectives of the Global Compact for Migration."),
    key="number",
    fields=[
        Field("number", INTEGER, _("Number"), lambda o: o.number),
        _name(lambda o: o.short_name),
        Field("title", STRING, _("Full title"), lambda o: o.title),
        Field(
            "round_table",
            INTEGER,
            _("Round table"),
            lambda o: o.round_table,
            description=_("The IMRF round table that reviews the objective (A/RES/73/326)."),
            nullable=True,
        ),
    ],
    rows=_all(queries.objectives),
    page_url=_url,
)

principles = Resource(
    name="principles",
    title=_("Guiding principles"),
    description=_("The ten cross-cutting and interdependent guiding principles of the Compact."),
    key="number",
    fields=[
        Field("number", INTEGER, _("Number"), lambda p: p.number),
        _name(lambda p: p.name),
    ],
    rows=_all(queries.principles),
)

sdgs = Resource(
    name="sdgs",
    title=_("Sustainable Development Goals"),
    description=_("The 17 goals of the 2030 Agenda for Sustainable Development."),
    key="number",
    fields=[
        Field("number", INTEGER, _("Number"), lambda g: g.number),
        _name(lambda g: g.name),
        Field("title", STRING, _("Full title"), lambda g: g.title),
    ],
    rows=_all(queries.sdgs),
)

regions = Resource(
    name="regions",
    title=_("Regions"),
    description=_(
        "The M49 regions of the United Nations Statistics Division and their sub-regions."
    ),
    key="code",
    fields=[
        Field("code", STRING, _("M49 code"), lambda r: r.m49, hxl="#region+code"),
        _name(lambda r: r.name, hxl="#region+name"),
        Field(
            "parent",
            STRING,
            _("Region"),
            lambda r: r.parent_id,
            description=_("The region a sub-region belongs to; empty for a region."),
            reference=("regions", "code"),
            nullable=True,
        ),
    ],
    rows=_all(Region.objects.all),
)

commissions = Resource(
    name="commissions",
    title=_("UN regional commissions"),
    description=_("The five regional commissions of the United Nations."),
    key="code",
    fields=[
        Field("code", STRING, _("Code"), lambda c: c.code),
        _name(lambda c: c.name),
    ],
    rows=_all(queries.commissions),
)


class CountriesFilterForm(FacetFilterForm, CountryFilterForm):
    """The filters of the countries page, with its regions."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("regions", queries.regions())
        super().__init__(*args, **kwargs)


def country_rows(filters: dict) -> list[Country]:
    """The countries of the countries page matching FILTERS, in primary-key order."""
    rows = sorted(queries.countries(**filters), key=lambda country: country.pk)
    prefetch_related_objects(rows, "commissions")
    return rows


countries = Resource(
    name="countries",
    title=_("Countries and areas"),
    description=_(
        "Countries and areas with their ISO 3166 and M49 codes, M49 region and "
        "sub-region, UN membership status and UN regional commissions."
    ),
    key="iso3",
    fields=[
        Field("iso3", STRING, _("ISO 3166 alpha-3"), lambda c: c.iso3, hxl="#country+code"),
        Field("iso2", STRING, _("ISO 3166 alpha-2"), lambda c: c.iso2),
        Field("m49", STRING, _("M49 code"), lambda c: c.m49),
        _name(lambda c: c.name, hxl="#country+name"),
        Field(
            "region",
            STRING,
            _("Region"),
            lambda c: c.region_id,
            reference=("regions", "code"),
            hxl="#region+code",
            nullable=True,
        ),
        Field(
            "subregion",
            STRING,
            _("Sub-region"),
            lambda c: c.subregion_id,
            reference=("regions", "code"),
            nullable=True,
        ),
        Field(
            "un_membership",
            STRING,
            _("UN membership"),
            lambda c: c.status,
            description=_(
                "member: a UN Member State; observer: an observer State; other: "
                "another country or area."
            ),
            enum=tuple(Country.Status.values),
        ),
        Field(
            "commissions",
            ARRAY,
            _("UN regional commissions"),
            lambda c: [commission.code for commission in c.commissions.all()],
            reference=("commissions", "code"),
        ),
    ],
    rows=country_rows,
    filter_form=CountriesFilterForm,
    page_url=_url,
)

entity_types = Resource(
    name="entity_types",
    title=_("Types of organisation"),
    description=_(
        "The kinds of organisation that take part: Member States, civil society, "
        "the private sector, local authorities and others."
    ),
    key="code",
    fields=[
        Field("code", STRING, _("Code"), lambda t: t.code, hxl="#org+type+code"),
        _name(lambda t: t.name, hxl="#org+type+name"),
        Field("is_state", BOOLEAN, _("Is a State"), lambda t: t.is_state),
        Field("position", INTEGER, _("Position"), lambda t: t.position),
    ],
    rows=_all(queries.entity_types),
)

editions = Resource(
    name="editions",
    title=_("IMRF editions"),
    description=_("The International Migration Review Forums, every four years from 2022."),
    key="year",
    fields=[
        Field("year", INTEGER, _("Year"), lambda e: e.year, hxl="#date+year"),
        Field(
            "hearing_date",
            DATE,
            _("Multi-stakeholder hearing"),
            lambda e: e.hearing_date,
            nullable=True,
        ),
        Field("start_date", DATE, _("First day"), lambda e: e.start_date, hxl="#date+start"),
        Field("end_date", DATE, _("Last day"), lambda e: e.end_date, hxl="#date+end"),
        Field("venue", STRING, _("Venue"), lambda e: e.venue),
        Field(
            "time_zone",
            STRING,
            _("Time zone of the venue"),
            lambda e: e.time_zone,
            description=_("An IANA time zone name, such as America/New_York."),
        ),
    ],
    rows=_all(queries.editions),
    page_url=_url,
)

RESOURCES = [
    objectives,
    principles,
    sdgs,
    regions,
    commissions,
    countries,
    entity_types,
    editions,
]

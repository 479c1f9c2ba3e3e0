"""The open data of the repository of practices (see gcmhub.web.opendata): published practices,
with the same filters as the practice list. The implementer's contact is never part of it."""

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts.models import Organisation
from gcmhub.practices import queries
from gcmhub.practices.forms import PracticeFilterForm
from gcmhub.practices.models import Practice, PracticeType
from gcmhub.web import jsonld
from gcmhub.web.opendata import (
    ARRAY,
    BOOLEAN,
    INTEGER,
    STRING,
    Field,
    Resource,
    or_none,
    organisation_fields,
    page_field,
    published_field,
)

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def practice_rows(filters: dict):
    """Published practices matching FILTERS (those of PracticeFilterForm), by primary key, with
    a fixed number of queries."""
    return (
        queries.filtered(filters)
        .select_related("organisation__entity_type", "organisation__country", "call")
        .prefetch_related(
            "primary_objectives",
            "secondary_objectives",
            "principles",
            "sdgs",
            "countries",
            "regions",
            Prefetch(
                "collaborators",
                queryset=Organisation.objects.verified().only("pk"),
                to_attr="verified_collaborators",
            ),
        )
        .order_by("pk")
    )


FIELDS = [
    Field("id", INTEGER, _("Identifier"), lambda p: p.pk, hxl="#activity+id"),
    Field("title", STRING, _("Title"), lambda p: p.title, hxl="#activity+name"),
    Field("summary", STRING, _("Summary"), lambda p: p.summary),
    *organisation_fields(
        _("Submitting organisation"),
        _("Name of the submitting organisation"),
        _("Type of the submitting organisation"),
    ),
    Field(
        "main_implementer",
        STRING,
        _("Main implementer"),
        lambda p: or_none(p.main_implementer) if p.on_behalf else None,
        description=_("When the practice was submitted on behalf of its main implementer."),
        hxl="#org+name+impl",
        nullable=True,
    ),
    Field(
        "collaborators",
        ARRAY,
        _("Other organisations on gcmhub"),
        lambda p: [o.pk for o in p.verified_collaborators],
        description=_("Verified organisations on gcmhub."),
        reference=("organisations", "id"),
    ),
    Field(
        "partners",
        STRING,
        _("Other partners"),
        lambda p: or_none(p.partners),
        description=_("Partners not on gcmhub, one per line."),
        nullable=True,
    ),
    Field("language", STRING, _("Language"), lambda p: p.language, enum=LANGUAGES),
    Field(
        "type",
        STRING,
        _("Type of practice"),
        lambda p: or_none(p.practice_type),
        enum=tuple(PracticeType.values),
        nullable=True,
    ),
    Field(
        "primary_objectives",
        ARRAY,
        _("Primary objectives"),
        lambda p: [o.number for o in p.primary_objectives.all()],
        reference=("objectives", "number"),
    ),
    Field(
        "secondary_objectives",
        ARRAY,
        _("Secondary objectives"),
        lambda p: [o.number for o in p.secondary_objectives.all()],
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
        "sdgs",
        ARRAY,
        _("Sustainable Development Goals"),
        lambda p: [g.number for g in p.sdgs.all()],
        reference=("sdgs", "number"),
    ),
    Field(
        "countries",
        ARRAY,
        _("Countries"),
        lambda p: [c.iso3 for c in p.countries.all()],
        reference=("countries", "iso3"),
        hxl="#country+code",
    ),
    Field(
        "regions",
        ARRAY,
        _("Regions"),
        lambda p: [r.m49 for r in p.regions.all()],
        description=_("M49 codes."),
        reference=("regions", "code"),
        hxl="#region+code",
    ),
    Field("is_global", BOOLEAN, _("Global in scope"), lambda p: p.is_global),
    Field(
        "start_year",
        INTEGER,
        _("Start year"),
        lambda p: p.start_year,
        hxl="#date+start",
        nullable=True,
    ),
    Field("end_year", INTEGER, _("End year"), lambda p: p.end_year, hxl="#date+end", nullable=True),
    Field("is_ongoing", BOOLEAN, _("Ongoing"), lambda p: p.is_ongoing),
    Field(
        "benefits", STRING, _("Benefits and impact"), lambda p: or_none(p.benefits), nullable=True
    ),
    Field(
        "innovation",
        STRING,
        _("What is innovative"),
        lambda p: or_none(p.innovation),
        nullable=True,
    ),
    Field(
        "replication",
        STRING,
        _("How it can be replicated"),
        lambda p: or_none(p.replication),
        nullable=True,
    ),
    Field(
        "lessons",
        STRING,
        _("Lessons learned and challenges"),
        lambda p: or_none(p.lessons),
        nullable=True,
    ),
    Field("links", ARRAY, _("Links"), lambda p: list(p.links or [])),
    Field(
        "call",
        INTEGER,
        _("Call for practices it answers"),
        lambda p: p.call_id,
        nullable=True,
    ),
    Field(
        "call_title",
        STRING,
        _("Title of the call for practices"),
        lambda p: p.call.title if p.call_id else None,
        nullable=True,
    ),
    published_field(),
    page_field(),
]

PRACTICES = Resource(
    name="practices",
    title=_("Practices"),
    description=_(
        "Published practices of the repository of practices: what was done, by whom, towards "
        "which objectives of the Global Compact, where, and what was learned."
    ),
    fields=FIELDS,
    rows=practice_rows,
    filter_form=PracticeFilterForm,
    page_url=lambda p: p.get_absolute_url(),
    updated=lambda p: p.updated_at,
)
RESOURCES = [PRACTICES]


def json_ld(practice: Practice, *, objectives: list, countries: list) -> dict:
    """schema.org data of a published practice's page (OBJECTIVES and COUNTRIES as it shows
    them)."""
    url = jsonld.absolute(practice.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": practice.title,
        "description": practice.summary,
        "inLanguage": practice.language,
        "author": jsonld.organisation(practice.organisation),
        "about": [jsonld.objective(o) for o in objectives],
        "spatialCoverage": [jsonld.country(c) for c in countries],
    }
    if practice.published_at:
        data["datePublished"] = practice.published_at.date().isoformat()
    return data

"""The open data of this part (see gcmhub.web.opendata): the programme of each forum, its
accepted side events and its published speakers lists. Delegations and organisations, never
the people who speak for them."""

import datetime
import operator
from functools import reduce

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gcmhub.compact import queries as compact
from gcmhub.compact.models import Edition
from gcmhub.forum import queries
from gcmhub.forum.forms import ProgrammeFilterForm
from gcmhub.forum.models import (
    Category,
    EventFormat,
    Inscription,
    Level,
    Session,
    SessionKind,
    SideEvent,
)
from gcmhub.forum.side_events import queries as side_event_queries
from gcmhub.forum.side_events.forms import SideEventFilterForm, day_choices
from gcmhub.forum.speakers import queries as speaker_queries
from gcmhub.web.forms import FacetFilterForm
from gcmhub.web.opendata import (
    ARRAY,
    BOOLEAN,
    DATETIME,
    INTEGER,
    STRING,
    Field,
    Resource,
    verified_id,
)

# Filters ------------------------------------------------------------------------------------


def edition_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=_("Edition"), required=False, coerce=int, empty_value=None)


def edition_choices() -> list[tuple[int, str]]:
    return [(edition.year, str(edition)) for edition in compact.editions()]


class EditionFilterForm(FacetFilterForm):
    """One forum, by its year (every forum when empty)."""

    edition = edition_field()

    def options(self) -> dict[str, list]:
        return {"edition": edition_choices()}


class SessionFilterForm(FacetFilterForm, ProgrammeFilterForm):
    """The programme page's filter (the kind of session), across forums."""

    edition = edition_field()
    field_order = ["edition", "kind"]

    def options(self) -> dict[str, list]:
        return {"edition": edition_choices()}


def _edition_in(data) -> Edition | None:
    year = (data or {}).get("edition")
    if not str(year or "").isdigit():
        return None
    return Edition.objects.filter(year=int(year)).first()


class SideEventsFilterForm(SideEventFilterForm):
    """The side-events page's filters (objective, format, day), across forums: the days are
    those of the forum chosen, or of every forum."""

    edition = edition_field()
    field_order = ["edition", "objective", "format", "day"]

    def __init__(self, data=None, *args, **kwargs):
        kwargs.setdefault("edition", _edition_in(data))
        super().__init__(data, *args, **kwargs)

    def options(self) -> dict[str, list]:
        editions = list(compact.editions())
        shown = [self.edition] if self.edition else sorted(editions, key=lambda e: e.year)
        return {
            "edition": [(edition.year, str(edition)) for edition in editions],
            "objective": [(o.number, str(o)) for o in compact.objectives()],
            "format": EventFormat.choices,
            "day": [choice for edition in shown for choice in day_choices(edition)],
        }


# Rows ---------------------------------------------------------------------------------------


def _editions(filters: dict) -> list[Edition]:
    editions = compact.editions()
    if filters.get("edition"):
        editions = editions.filter(year=filters["edition"])
    return list(editions)


def _across(model, editions: list[Edition], query) -> QuerySet:
    """The public QUERY(edition) of each of EDITIONS as one queryset (the public queries of the
    forum read one edition at a time)."""
    querysets = [query(edition) for edition in editions]
    return reduce(operator.or_, querysets) if querysets else model.objects.none()


def session_rows(filters: dict):
    """Every session of the programmes (all of them are public) matching FILTERS."""

    def programme(edition):
        rows = queries.sessions(edition)
        return rows.filter(kind=filters["kind"]) if filters.get("kind") else rows

    rows = _across(Session, _editions(filters), programme)
    return rows.order_by("pk")


def side_event_rows(filters: dict):
    """The accepted (published) side events matching FILTERS."""
    rows = _across(
        SideEvent,
        _editions(filters),
        lambda edition: side_event_queries.accepted_side_events(edition, filters),
    )
    return rows.order_by("pk")


def speaker_rows(filters: dict) -> list[Inscription]:
    """The inscriptions of the published speakers lists, each with its PLACE in the order and
    the YEAR of its forum."""
    rows = []
    for edition in _editions(filters):
        for place, inscription in enumerate(speaker_queries.published_list(edition), start=1):
            inscription.place, inscription.year = place, edition.year
            rows.append(inscription)
    return sorted(rows, key=lambda inscription: inscription.pk)


# Values --------------------------------------------------------------------------------------


def _utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    return moment.astimezone(datetime.UTC) if moment else None


def _edition_field(get) -> Field:
    return Field(
        "edition",
        INTEGER,
        _("Edition"),
        get,
        description=_("The year of the forum."),
        reference=("editions", "year"),
    )


def _objectives_field(get) -> Field:
    return Field(
        "objectives",
        ARRAY,
        _("Objectives"),
        get,
        description=_("The numbers of the objectives of the Compact it covers."),
        reference=("objectives", "number"),
    )


def _session_of(event: SideEvent, name: str):
    return getattr(event.session, name) if event.session_id else None


sessions = Resource(
    name="sessions",
    title=_("Forum sessions"),
    description=_(
        "The programme of each International Migration Review Forum: the multi-stakeholder "
        "hearing, round tables, the policy debate, plenary meetings, side events and dialogues."
    ),
    fields=[
        Field("id", INTEGER, _("Identifier"), lambda s: s.pk),
        _edition_field(lambda s: s.edition.year),
        Field("kind", STRING, _("Kind"), lambda s: s.kind, enum=tuple(SessionKind.values)),
        Field(
            "number",
            INTEGER,
            _("Number"),
            lambda s: s.number,
            description=_("Round tables are numbered 1 to 4."),
            nullable=True,
        ),
        Field(
            "title",
            STRING,
            _("Title"),
            lambda s: str(s.display_title),
            description=_("Its own title, or its kind and number in the language asked for."),
        ),
        Field("description", STRING, _("Description"), lambda s: s.description),
        Field(
            "starts_at",
            DATETIME,
            _("Starts"),
            lambda s: _utc(s.starts_at),
            description=_("In UTC."),
            hxl="#date+start",
        ),
        Field(
            "ends_at",
            DATETIME,
            _("Ends"),
            lambda s: _utc(s.ends_at),
            description=_("In UTC."),
            hxl="#date+end",
        ),
        Field(
            "room",
            STRING,
            _("Room"),
            lambda s: s.room.name if s.room_id else None,
            description=_("Empty for an online session."),
            nullable=True,
        ),
        _objectives_field(lambda s: [objective.number for objective in s.objectives.all()]),
        Field(
            "chair_countries",
            ARRAY,
            _("Chairs or co-chairs (countries)"),
            lambda s: [country.iso3 for country in s.chair_countries.all()],
            reference=("countries", "iso3"),
        ),
        Field(
            "chair_offices",
            STRING,
            _("Chairs or co-chairs (offices)"),
            lambda s: s.chair_people,
            description=_("For example: President of the General Assembly."),
        ),
        Field("link", STRING, _("Meeting or webcast link"), lambda s: s.link),
        Field(
            "summary_published",
            BOOLEAN,
            _("Summary published"),
            lambda s: s.summary_published_at is not None,
        ),
        Field(
            "summary_published_at",
            DATETIME,
            _("Summary published on"),
            lambda s: _utc(s.summary_published_at),
            nullable=True,
        ),
        Field(
            "summary",
            STRING,
            _("Summary"),
            lambda s: s.summary if s.summary_published_at else None,
            description=_("Empty until the summary is published."),
            nullable=True,
        ),
    ],
    rows=session_rows,
    filter_form=SessionFilterForm,
    page_url=lambda s: s.get_absolute_url(),
    updated=lambda s: s.updated_at,
)

side_events = Resource(
    name="side_events",
    title=_("Side events"),
    description=_(
        "The side events the secretariat accepted, with their organisers and, once scheduled, "
        "their time and room."
    ),
    fields=[
        Field("id", INTEGER, _("Identifier"), lambda e: e.pk),
        _edition_field(lambda e: e.call.edition.year),
        Field("title", STRING, _("Title"), lambda e: e.title),
        Field("description", STRING, _("Description"), lambda e: e.description),
        Field("format", STRING, _("Format"), lambda e: e.format, enum=tuple(EventFormat.values)),
        Field(
            "organisation",
            INTEGER,
            _("Organiser"),
            lambda e: verified_id(e.organisation),
            description=_("The organisation that proposed it."),
            reference=("organisations", "id"),
            hxl="#org+id",
            nullable=True,
        ),
        Field(
            "co_organisers",
            ARRAY,
            _("Co-organisers"),
            lambda e: [o.pk for o in e.co_organisers.all() if o.is_verified],
            reference=("organisations", "id"),
        ),
        Field(
            "other_organisers",
            STRING,
            _("Other co-organisers"),
            lambda e: e.other_organisers,
            description=_("Organisations not registered here, separated by commas."),
        ),
        _objectives_field(lambda e: [objective.number for objective in e.objectives.all()]),
        Field(
            "session",
            INTEGER,
            _("Session"),
            lambda e: e.session_id,
            description=_("Its session in the programme, once scheduled."),
            reference=("sessions", "id"),
            nullable=True,
        ),
        Field(
            "starts_at",
            DATETIME,
            _("Starts"),
            lambda e: _utc(_session_of(e, "starts_at")),
            description=_("In UTC; empty until scheduled."),
            hxl="#date+start",
            nullable=True,
        ),
        Field(
            "ends_at",
            DATETIME,
            _("Ends"),
            lambda e: _utc(_session_of(e, "ends_at")),
            description=_("In UTC; empty until scheduled."),
            hxl="#date+end",
            nullable=True,
        ),
        Field(
            "room",
            STRING,
            _("Room"),
            lambda e: e.session.room.name if e.session_id and e.session.room_id else None,
            description=_("Empty online or until scheduled."),
            nullable=True,
        ),
        Field(
            "link",
            STRING,
            _("Meeting or webcast link"),
            lambda e: _session_of(e, "link"),
            nullable=True,
        ),
    ],
    rows=side_event_rows,
    filter_form=SideEventsFilterForm,
    page_url=lambda e: e.get_absolute_url(),
    updated=lambda e: e.updated_at,
)

speakers = Resource(
    name="speakers",
    title=_("Speakers lists"),
    description=_(
        "The published lists of speakers in the general debate of each forum, in speaking "
        "order: delegations, never the names of the people who speak."
    ),
    fields=[
        Field("id", INTEGER, _("Identifier"), lambda i: i.pk),
        _edition_field(lambda i: i.year),
        Field("place", INTEGER, _("Place"), lambda i: i.place, description=_("1 speaks first.")),
        Field(
            "organisation",
            INTEGER,
            _("Delegation"),
            lambda i: verified_id(i.organisation),
            reference=("organisations", "id"),
            hxl="#org+id",
            nullable=True,
        ),
        Field(
            "delegation",
            STRING,
            _("Name of the delegation"),
            lambda i: i.organisation.name,
            hxl="#org+name",
        ),
        Field("category", STRING, _("Category"), lambda i: i.category, enum=tuple(Category.values)),
        Field(
            "group_name",
            STRING,
            _("Group"),
            lambda i: i.group_name,
            description=_("The group of States the delegation speaks for, if any."),
        ),
        Field(
            "group_members",
            ARRAY,
            _("Members of the group"),
            lambda i: [country.iso3 for country in i.group_members.all()],
            reference=("countries", "iso3"),
        ),
        Field(
            "level",
            STRING,
            _("Level of representation"),
            lambda i: i.level or None,
            enum=tuple(Level.values),
            nullable=True,
        ),
        Field(
            "delivered",
            BOOLEAN,
            _("Statement delivered"),
            lambda i: i.delivered_at is not None,
        ),
    ],
    rows=speaker_rows,
    filter_form=EditionFilterForm,
    page_url=lambda i: reverse("forum:speakers", args=[i.year]),
)

RESOURCES = [sessions, side_events, speakers]

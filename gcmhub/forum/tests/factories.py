"""Factories of the forum. Editions 2022 and 2026 come from the reference data; times are in
New York unless a test says otherwise."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from gcmhub.accounts.tests.factories import GovernmentFactory, OrganisationFactory, UserFactory
from gcmhub.compact.models import Edition, Objective, Region
from gcmhub.forum.models import (
    Application,
    Category,
    Criterion,
    EventFormat,
    Hearing,
    Inscription,
    Level,
    Panel,
    Room,
    Session,
    SessionKind,
    SideEvent,
    SideEventCall,
    SpeakersList,
)
from gcmhub.workflow.models import State

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def edition(year: int = 2026) -> Edition:
    return Edition.objects.get(year=year)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in New York, the venue of both reference editions."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=NEW_YORK)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        django_get_or_create = ["edition", "name"]

    edition = factory.LazyFunction(edition)
    name = "Conference Room 4"


class SessionFactory(factory.django.DjangoModelFactory):
    """A round table on the first day of its edition, 10 a.m. to 1 p.m. in New York."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    edition = factory.LazyFunction(edition)
    kind = SessionKind.ROUND_TABLE
    number = 1
    starts_at = factory.LazyAttribute(lambda o: at(o.edition.start_date, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    room = factory.LazyAttribute(lambda o: RoomFactory(edition=o.edition))

    @factory.post_generation
    def objectives(self, create, numbers, **kwargs):
        if create and numbers:
            self.objectives.set(Objective.objects.filter(number__in=numbers))


class SpeakersListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakersList
        django_get_or_create = ["edition"]

    edition = factory.LazyFunction(edition)


class InscriptionFactory(factory.django.DjangoModelFactory):
    """A Member State (a government organisation) speaking nationally at minister level."""

    class Meta:
        model = Inscription

    speakers_list = factory.SubFactory(SpeakersListFactory)
    organisation = factory.SubFactory(GovernmentFactory)
    category = Category.MEMBER_STATE
    level = Level.MINISTER
    inscribed_at = factory.LazyFunction(timezone.now)


class SideEventCallFactory(factory.django.DjangoModelFactory):
    """An open call: opened yesterday, closing in two weeks, with two criteria."""

    class Meta:
        model = SideEventCall
        django_get_or_create = ["edition"]
        skip_postgeneration_save = True

    edition = factory.LazyFunction(edition)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))

    @factory.post_generation
    def criteria(self, create, names, **kwargs):
        if create and not self.criteria.exists():
            for position, name in enumerate(names or ["Relevance", "Partnership"], start=1):
                Criterion.objects.create(call=self, position=position, name=name)


class SideEventFactory(factory.django.DjangoModelFactory):
    """A proposal in the open call, submitted unless a state is given, about objective 2."""

    class Meta:
        model = SideEvent
        skip_postgeneration_save = True

    call = factory.SubFactory(SideEventCallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    state = State.SUBMITTED
    title = factory.Sequence(lambda n: f"Side event {n}")
    description = "A conversation on regular pathways."
    format = EventFormat.VIRTUAL

    @factory.post_generation
    def objectives(self, create, numbers, **kwargs):
        if create:
            self.objectives.set(Objective.objects.filter(number__in=numbers or [2]))


class HearingFactory(factory.django.DjangoModelFactory):
    """Applications open since yesterday, closing in two weeks."""

    class Meta:
        model = Hearing
        django_get_or_create = ["edition"]

    edition = factory.LazyFunction(edition)
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    hearing = factory.SubFactory(HearingFactory)
    title = factory.Sequence(lambda n: f"Panel {n}")
    position = factory.Sequence(lambda n: n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A civil-society applicant from Africa, not decided yet, about objective 2."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    hearing = factory.SubFactory(HearingFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    applicant = factory.SubFactory(UserFactory)
    speaker_name = factory.Sequence(lambda n: f"Speaker {n}")
    speaker_email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    speaker_role = "Director"
    topic = "Decent work for migrant workers."
    region = factory.LazyFunction(lambda: Region.objects.get(m49="002"))
    gender = "woman"

    @factory.post_generation
    def objectives(self, create, numbers, **kwargs):
        if create:
            self.objectives.set(Objective.objects.filter(number__in=numbers or [2]))

import datetime

import factory
from django.utils import timezone

from gcmhub.accounts.tests.factories import OrganisationFactory, UserFactory
from gcmhub.compact.models import Country, Objective
from gcmhub.practices.models import (
    Assignment,
    Call,
    Conflict,
    Criterion,
    Practice,
    PracticeType,
    Recommendation,
    ReviewerProfile,
)
from gcmhub.search import services as search
from gcmhub.workflow.models import State

SUMMARY = "A summary of the practice that is long enough to be complete for the repository. " * 4


class PracticeFactory(factory.django.DjangoModelFactory):
    """A complete practice (every section filled), published (and searchable) unless a state
    is given."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = SUMMARY
    criteria = factory.LazyFunction(lambda: list(Criterion.values))
    practice_type = PracticeType.PROGRAMME
    start_year = 2020
    is_ongoing = True
    benefits = "Workers were paid on time."
    innovation = "A mobile wallet."
    replication = "Any ministry of labour can run it."
    lessons = "Start with the employers."
    state = State.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda p: timezone.now() if p.state == State.PUBLISHED else None
    )
    review_round = factory.LazyAttribute(lambda p: 0 if p.state == State.DRAFT else 1)

    @factory.post_generation
    def primary_objectives(self, create, numbers, **kwargs):
        self.primary_objectives.set(Objective.objects.filter(number__in=numbers or [6]))

    @factory.post_generation
    def secondary_objectives(self, create, numbers, **kwargs):
        self.secondary_objectives.set(Objective.objects.filter(number__in=numbers or []))

    @factory.post_generation
    def countries(self, create, codes, **kwargs):
        self.countries.set(Country.objects.filter(iso3__in=codes or ["PHL"]))
        search.index(self)  # as publishing does


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Call {n}")
    theme = "Decent work"
    description = "Practices on decent work for migrant workers."
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class ReviewerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    kind = ReviewerProfile.Kind.EXTERNAL
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def objectives(self, create, numbers, **kwargs):
        self.objectives.set(Objective.objects.filter(number__in=numbers or [6]))


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A review assignment in the practice's current round; `done=True` gives a finished review."""

    class Meta:
        model = Assignment

    class Params:
        done = factory.Trait(
            conflict=Conflict.NONE,
            recommendation=Recommendation.PUBLISH,
            comments="Clear and replicable.",
            reviewed_at=factory.LazyFunction(timezone.now),
        )

    practice = factory.SubFactory(PracticeFactory, state=State.SUBMITTED)
    reviewer = factory.SubFactory(ReviewerProfileFactory)
    round = factory.LazyAttribute(lambda a: a.practice.review_round)

import datetime

import factory
from django.utils import timezone

from gcmhub.accounts.tests.factories import OrganisationFactory
from gcmhub.compact.models import Edition, Objective
from gcmhub.pledges.models import Category, Level, Pledge, ProgressReport, ProgressStatus
from gcmhub.search import services as search
from gcmhub.workflow.models import State

DESCRIPTION = "A description of the pledge that is long enough to be complete. " * 6


class PledgeFactory(factory.django.DjangoModelFactory):
    """A complete pledge (every section filled), published unless a state is given, and indexed
    for search as the workflow indexes a pledge it publishes (countries added later are not)."""

    class Meta:
        model = Pledge
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Pledge {n}")
    description = DESCRIPTION
    edition = factory.LazyFunction(lambda: Edition.objects.get(year=2022))
    level = Level.NATIONAL
    category = Category.PROGRAMME
    action = "Open a regular pathway for 5,000 seasonal workers with full labour rights each year."
    indicators = factory.LazyFunction(
        lambda: [{"indicator": "Workers", "baseline": "0", "target": "5000"}]
    )
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2030, 12, 31)
    state = State.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda p: timezone.now() if p.state == State.PUBLISHED else None
    )

    @factory.post_generation
    def main_objectives(self, create, numbers, **kwargs):
        self.main_objectives.set(Objective.objects.filter(number__in=numbers or [5]))

    @factory.post_generation
    def search_entry(self, create, extracted, **kwargs):
        if create:
            search.index(self)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    pledge = factory.SubFactory(PledgeFactory)
    organisation = factory.LazyAttribute(lambda r: r.pledge.organisation)
    status = ProgressStatus.IN_PROGRESS
    narrative = "Half of the workers arrived."
    state = State.PUBLISHED

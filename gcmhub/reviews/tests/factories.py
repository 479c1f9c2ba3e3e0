import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from gcmhub.accounts.tests.factories import (  # noqa: F401 (used by the reviews tests)
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    focal_point_of,
)
from gcmhub.compact.models import Country, EntityType, RegionalCommission
from gcmhub.compact.queries import editions
from gcmhub.reviews import samples
from gcmhub.reviews.models import Document, Kind, Review
from gcmhub.search import services as search
from gcmhub.workflow.models import State


class ReviewFactory(factory.django.DjangoModelFactory):
    """A national voluntary review of its government's country, published (and searchable)
    unless a state is given, with an English document unless `documents` says otherwise."""

    class Meta:
        model = Review
        skip_postgeneration_save = True

    organisation = factory.SubFactory(GovernmentFactory)
    country = factory.LazyAttribute(lambda r: r.organisation.country)
    kind = Kind.VOLUNTARY_REVIEW
    edition = factory.LazyFunction(lambda: editions().get(year=2026))
    title = factory.Sequence(lambda n: f"Voluntary GCM review {n}")
    summary = "How the country implements the Global Compact, and what it learned."
    date = datetime.date(2025, 11, 3)
    state = State.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda r: timezone.now() if r.state == State.PUBLISHED else None
    )

    @factory.post_generation
    def documents(self, create, texts, **kwargs):
        for language, text in (texts if texts is not None else {"en": "Labour migration."}).items():
            DocumentFactory(review=self, language=language, text=text)
        search.index(self)  # as publishing does


class CommissionOrganisationFactory(OrganisationFactory):
    """The organisation that represents a regional commission (ECE unless one is given)."""

    class Meta:
        django_get_or_create = ["commission"]

    name = factory.LazyAttribute(lambda o: f"Commission {o.commission.code}")
    entity_type = factory.LazyFunction(lambda: EntityType.objects.get(code="un-system"))
    country = None
    commission = factory.LazyFunction(lambda: RegionalCommission.objects.get(code="ECE"))


class RegionalReviewFactory(ReviewFactory):
    organisation = factory.SubFactory(CommissionOrganisationFactory)
    country = None
    commission = factory.LazyAttribute(lambda r: r.organisation.commission)
    kind = Kind.REGIONAL_REVIEW
    title = factory.Sequence(lambda n: f"Regional review {n}")

    @factory.post_generation
    def participants(self, create, codes, **kwargs):
        self.participants.set(Country.objects.filter(iso3__in=codes or ["DEU", "PRT"]))
        search.index(self)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    review = factory.SubFactory(ReviewFactory)
    language = "en"
    text = "Labour migration."
    name = factory.LazyAttribute(lambda d: f"review-{d.language}.docx")
    kind = Document.Kind.DOCX
    file = factory.LazyAttribute(
        lambda d: ContentFile(
            samples.docx_document([d.text], language=d.language), name=f"{d.language}.docx"
        )
    )
    size = factory.LazyAttribute(lambda d: d.file.size)
    status = Document.Status.CURRENT

"""Factories of the outcome declaration: a document for the 2026 edition, co-facilitated by
Bangladesh and Luxembourg as in 2022, with revisions, paragraphs and proposals."""

import datetime

import factory
from django.utils import timezone

from gcmhub.accounts.tests.factories import GovernmentFactory, UserFactory
from gcmhub.compact.models import Country, Edition
from gcmhub.declarations.models import (
    CoFacilitator,
    Document,
    NegotiatingGroup,
    Paragraph,
    ParagraphKind,
    Proposal,
    ProposalKind,
    Revision,
    Support,
)


def government(iso3: str):
    return GovernmentFactory(country=Country.objects.get(iso3=iso3))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        django_get_or_create = ["edition"]

    edition = factory.LazyFunction(lambda: Edition.objects.get(year=2026))
    title = "Progress Declaration of the International Migration Review Forum"


class CoFacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoFacilitator
        django_get_or_create = ["document", "delegation"]

    document = factory.SubFactory(DocumentFactory)
    delegation = factory.LazyFunction(lambda: government("BGD"))
    representative = "Permanent Representative of Bangladesh"


class NegotiatingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NegotiatingGroup
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = "African Group"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class RevisionFactory(factory.django.DjangoModelFactory):
    """A published zero draft, no round opened."""

    class Meta:
        model = Revision

    document = factory.SubFactory(DocumentFactory)
    number = 0
    published_at = factory.LazyFunction(timezone.now)


class OpenRevisionFactory(RevisionFactory):
    """A published revision whose round is open to Member States for a week."""

    round_opened_at = factory.LazyFunction(timezone.now)
    round_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class ParagraphFactory(factory.django.DjangoModelFactory):
    """Operative paragraph n at position n of its revision."""

    class Meta:
        model = Paragraph

    revision = factory.SubFactory(RevisionFactory)
    kind = ParagraphKind.OPERATIVE
    number = factory.Sequence(lambda n: n + 1)
    position = factory.LazyAttribute(lambda p: p.number)
    text = "We commit to strengthen cooperation on safe, orderly and regular migration."


class ProposalFactory(factory.django.DjangoModelFactory):
    """Morocco proposes to retain the paragraph."""

    class Meta:
        model = Proposal

    paragraph = factory.SubFactory(ParagraphFactory)
    revision = factory.LazyAttribute(lambda p: p.paragraph.revision)
    kind = ProposalKind.RETAIN
    delegation = factory.LazyFunction(lambda: government("MAR"))
    created_by = factory.SubFactory(UserFactory)


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    proposal = factory.SubFactory(ProposalFactory)
    delegation = factory.LazyFunction(lambda: government("EGY"))
    created_by = factory.SubFactory(UserFactory)

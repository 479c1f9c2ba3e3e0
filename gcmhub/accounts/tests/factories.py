import factory
from django.utils import timezone

from gcmhub.accounts.models import Membership, Organisation, User
from gcmhub.compact.models import Country, EntityType

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)
    email_confirmed_at = factory.LazyFunction(timezone.now)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    entity_type = factory.LazyFunction(lambda: EntityType.objects.get(code="civil-society"))
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="KEN"))
    status = Organisation.Status.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    level = Membership.Level.MEMBER
    status = Membership.Status.ACTIVE


class GovernmentFactory(OrganisationFactory):
    """A verified Member State organisation (Morocco's unless a country is given), one per
    country."""

    class Meta:
        django_get_or_create = ["name"]

    name = factory.LazyAttribute(lambda o: f"Government of {o.country.names['en']}")
    entity_type = factory.LazyFunction(lambda: EntityType.objects.get(code="member-state"))
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="MAR"))


def focal_point_of(organisation, email: str):
    return MembershipFactory(
        organisation=organisation,
        level=Membership.Level.FOCAL_POINT,
        user__email=email,
    ).user

"""Registering, verifying and joining organisations; focal points invite and remove members."""

import re

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gcmhub.accounts import services
from gcmhub.accounts.models import Invitation, Membership, Organisation, Role
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from gcmhub.compact.models import Country, EntityType

pytestmark = pytest.mark.django_db


def test_register_an_organisation_makes_you_its_focal_point(
    client, cast, django_capture_on_commit_callbacks
):
    person = UserFactory(email="new@example.org")
    client.force_login(person)
    data = {
        "name": "  Caribbean   Migrants Network ",
        "entity_type": EntityType.objects.get(code="migrant-diaspora").pk,
        "country": Country.objects.get(iso3="JAM").pk,
        "website": "caribbean.example.org",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:organisation_register"), data)

    organisation = Organisation.objects.get(name="Caribbean Migrants Network")
    assert response.url == organisation.get_absolute_url()
    assert (organisation.status, organisation.website) == (
        Organisation.Status.PENDING,
        "https://caribbean.example.org",
    )
    assert (
        organisation.memberships.get().user == person
        and organisation.memberships.get().is_focal_point
    )
    assert [m.to for m in mail.outbox] == [["admin@example.org"]]  # the secretariat hears of it


def test_duplicate_organisation_is_refused_with_a_way_forward(client, cast):
    client.force_login(cast.no_organisation)
    data = {
        "name": "owning organisation",
        "entity_type": cast.organisation.entity_type_id,
        "country": cast.organisation.country_id,
    }

    response = client.post(reverse("accounts:organisation_register"), data)

    assert response.context["form"].errors["name"] == [
        "An organisation with this name is registered already. Ask to join it instead."
    ]
    assert Organisation.objects.count() == 2


def test_unconfirmed_people_cannot_register_organisations(client):
    client.force_login(UserFactory(email_confirmed_at=None))

    response = client.post(reverse("accounts:organisation_register"), {"name": "X"})

    assert response.status_code == 302 and Organisation.objects.count() == 0


def test_pending_organisation_is_hidden_from_the_public(client, cast):
    pending = OrganisationFactory(name="Pending Org", status=Organisation.Status.PENDING)

    listing = client.get(reverse("accounts:organisations"))
    page = client.get(pending.get_absolute_url())

    assert [o.name for o in listing.context["page"].object_list] == [
        "Other Organisation",
        "Owning Organisation",
    ]
    assert page.status_code == 404


def test_admin_verifies_through_the_admin_site(client, cast, django_capture_on_commit_callbacks):
    pending = OrganisationFactory(name="Pending Org", status=Organisation.Status.PENDING)
    MembershipFactory(
        organisation=pending, level=Membership.Level.FOCAL_POINT, user__email="fp@example.org"
    )
    client.force_login(cast.admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_organisation_changelist"),
            {"action": "verify", "_selected_action": [pending.pk]},
        )

    pending.refresh_from_db()
    assert response.status_code == 302
    assert (pending.status, pending.verified_by) == (Organisation.Status.VERIFIED, cast.admin)
    assert [m.to for m in mail.outbox] == [["fp@example.org"]]


def test_only_administrators_verify(cast):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)

    with pytest.raises(PermissionDenied):
        services.decide_verification(pending, verified=True, by=cast.reviewer)

    pending.refresh_from_db()
    assert pending.status == Organisation.Status.PENDING


def test_admin_grants_roles(cast):
    services.grant_role(cast.member, Role.REVIEWER, by=cast.admin)
    services.grant_role(cast.outsider, Role.ADMIN, by=cast.admin)

    assert (cast.member.role, cast.member.is_staff) == (Role.REVIEWER, False)
    assert (cast.outsider.role, cast.outsider.is_staff, cast.outsider.is_superuser) == (
        Role.ADMIN,
        True,
        True,
    )
    with pytest.raises(PermissionDenied):
        services.grant_role(cast.no_organisation, Role.ADMIN, by=cast.reviewer)
    with pytest.raises(ValidationError):
        services.grant_role(cast.admin, Role.NONE, by=cast.admin)


def test_ask_to_join_and_be_accepted(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.no_organisation)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:organisation_join", args=[cast.organisation.pk]))
    request = Membership.objects.get(user=cast.no_organisation)
    assert request.status == Membership.Status.REQUESTED
    assert [m.to for m in mail.outbox] == [["focal@example.org"]]

    client.force_login(cast.member)  # an ordinary member may not answer
    assert (
        client.post(
            reverse("accounts:membership_answer", args=[request.pk]), {"answer": "accept"}
        ).status_code
        == 403
    )

    client.force_login(cast.focal_point)
    client.post(reverse("accounts:membership_answer", args=[request.pk]), {"answer": "accept"})

    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE


def test_declined_request_is_removed(client, cast):
    request = MembershipFactory(organisation=cast.organisation, status=Membership.Status.REQUESTED)
    client.force_login(cast.focal_point)

    client.post(reverse("accounts:membership_answer", args=[request.pk]), {"answer": "decline"})

    assert not Membership.objects.filter(pk=request.pk).exists()


def test_invitation_by_focal_point_is_accepted_by_the_invitee(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:organisation_invite", args=[cast.organisation.pk]),
            {"email": "Newcomer@Example.org", "level": "member"},
        )
    assert response.status_code == 302
    link = (
        re.search(r"http://\S+", mail.outbox[0].body).group().removeprefix("http://127.0.0.1:8000")
    )

    wrong_person = UserFactory(email="someone@example.org")
    client.force_login(wrong_person)
    client.post(link)
    assert not Membership.objects.filter(user=wrong_person).exists()

    invitee = UserFactory(email="newcomer@example.org", email_confirmed_at=None)
    client.force_login(invitee)
    client.post(link)

    membership = Membership.objects.get(user=invitee)
    assert (membership.organisation, membership.is_active) == (cast.organisation, True)
    invitee.refresh_from_db()
    assert invitee.is_email_confirmed
    assert Invitation.objects.get().is_open is False


def test_invite_refused_to_ordinary_members(client, cast):
    client.force_login(cast.member)

    response = client.post(
        reverse("accounts:organisation_invite", args=[cast.organisation.pk]),
        {"email": "x@example.org", "level": "member"},
    )

    assert (response.status_code, Invitation.objects.count()) == (403, 0)


def test_invite_with_bad_address_keeps_the_input(client, cast):
    client.force_login(cast.focal_point)

    response = client.post(
        reverse("accounts:organisation_invite", args=[cast.organisation.pk]),
        {"email": "not-an-address", "level": "member"},
    )

    assert response.status_code == 400
    assert response.context["invite_form"]["email"].value() == "not-an-address"
    assert Invitation.objects.count() == 0


def test_focal_point_removes_a_member_after_confirming(client, cast):
    membership = Membership.objects.get(user=cast.member)
    client.force_login(cast.focal_point)

    confirm = client.get(reverse("accounts:membership_remove", args=[membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(reverse("accounts:membership_remove", args=[membership.pk]))

    assert confirm.status_code == 200
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_focal_point_stays(client, cast):
    membership = Membership.objects.get(user=cast.focal_point)

    with pytest.raises(ValidationError):
        services.remove_member(membership, by=cast.focal_point)

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_members_cannot_remove_others(client, cast):
    membership = Membership.objects.get(user=cast.focal_point)
    client.force_login(cast.member)

    response = client.post(reverse("accounts:membership_remove", args=[membership.pk]))

    assert response.status_code == 404 and Membership.objects.filter(pk=membership.pk).exists()


def test_member_addresses_are_never_public(client, cast):
    page = client.get(cast.organisation.get_absolute_url()).content.decode()

    assert "member@example.org" not in page and "focal@example.org" not in page

    client.force_login(cast.outsider)
    assert (
        "member@example.org"
        not in client.get(cast.organisation.get_absolute_url()).content.decode()
    )

    client.force_login(cast.member)
    assert "focal@example.org" in client.get(cast.organisation.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_list_queries_do_not_grow(client, django_assert_num_queries, count):
    OrganisationFactory.create_batch(count)

    with django_assert_num_queries(2):
        client.get(reverse("accounts:organisations"))


def test_admin_site_is_registered_for_every_model():
    from gcmhub.accounts.models import User
    from gcmhub.compact.models import Country, Objective

    assert {Organisation, User, Invitation, Country, Objective} <= set(site._registry)


def test_bad_invitation_from_an_outsider_shows_no_members(client, cast):
    client.force_login(cast.outsider)

    response = client.post(
        reverse("accounts:organisation_invite", args=[cast.organisation.pk]),
        {"email": "bad", "level": "member"},
    )

    assert response.status_code == 403
    assert "member@example.org" not in response.content.decode()

"""Writes of the speakers list: each a success and its refusals; and the reads around them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcmhub.accounts.models import Organisation
from gcmhub.accounts.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    focal_point_of,
)
from gcmhub.compact.models import Country, EntityType
from gcmhub.forum.models import Category, Inscription, Level, SpeakersList
from gcmhub.forum.speakers import queries, services
from gcmhub.forum.tests.factories import InscriptionFactory, SpeakersListFactory, edition
from gcmhub.workflow.models import Event

pytestmark = pytest.mark.django_db


def countries(*iso3):
    return list(Country.objects.filter(iso3__in=iso3).order_by("iso3"))


def observer_government(iso3="VAT"):
    return GovernmentFactory(
        country=Country.objects.get(iso3=iso3),
        entity_type=EntityType.objects.get(code="observer-state"),
    )


def igo():
    return OrganisationFactory(
        name="International Organization for Migration",
        entity_type=EntityType.objects.get(code="intergovernmental"),
        country=None,
    )


@pytest.fixture
def morocco():
    government = GovernmentFactory()
    return government, focal_point_of(government, "focal@gov.example.org")


@pytest.fixture
def speakers_list():
    return SpeakersListFactory()


NATIONAL = {"speaks_for": "national", "level": Level.MINISTER, "speaker": " H.E. Ms. Alaoui "}


def _group(**changes):
    return {
        "speaks_for": "group",
        "level": Level.HEAD_OF_DELEGATION,
        "group_name": "African Group",
        "group_members": countries("EGY", "KEN", "MAR"),
        **changes,
    }


# Opening -------------------------------------------------------------------------------------


def test_admin_opens_the_list(cast):
    opened = services.open_list(edition(2026), by=cast.admin)

    assert (opened.edition.year, opened.is_open, opened.is_published) == (2026, True, False)


def test_a_list_is_opened_once(cast, speakers_list):
    with pytest.raises(ValidationError) as error:
        services.open_list(edition(2026), by=cast.admin)

    assert error.value.messages == ["The speakers list of IMRF 2026 is already open."]


def test_only_the_secretariat_opens_the_list(cast):
    with pytest.raises(PermissionDenied):
        services.open_list(edition(2026), by=cast.reviewer)

    assert SpeakersList.objects.count() == 0


# Inscribing ----------------------------------------------------------------------------------


def test_member_state_inscribes_nationally(morocco, speakers_list):
    government, focal_point = morocco

    inscription = services.inscribe(speakers_list, government, NATIONAL, by=focal_point)

    assert (
        inscription.category,
        inscription.level,
        inscription.speaker,
        inscription.group_name,
        inscription.inscribed_by,
    ) == (Category.MEMBER_STATE, Level.MINISTER, "H.E. Ms. Alaoui", "", focal_point)


def test_member_state_inscribes_on_behalf_of_a_group(morocco, speakers_list):
    government, focal_point = morocco

    inscription = services.inscribe(speakers_list, government, _group(), by=focal_point)

    assert (inscription.category, inscription.group_name, inscription.level) == (
        Category.GROUP,
        "African Group",
        Level.HEAD_OF_DELEGATION,
    )
    assert list(inscription.group_members.order_by("iso3")) == countries("EGY", "KEN", "MAR")


@pytest.mark.parametrize(
    ("make", "category", "level"),
    [
        (observer_government, Category.OBSERVER_STATE, Level.HEAD_OF_STATE),
        (igo, Category.INTERGOVERNMENTAL, ""),
        (OrganisationFactory, Category.STAKEHOLDER, ""),
    ],
)
def test_others_inscribe_in_their_own_category(speakers_list, make, category, level):
    organisation = make()
    focal_point = focal_point_of(organisation, "focal@example.org")

    inscription = services.inscribe(
        speakers_list, organisation, {"level": Level.HEAD_OF_STATE}, by=focal_point
    )

    assert (inscription.category, inscription.level) == (category, level)


def test_no_inscription_after_inscriptions_close(morocco, speakers_list):
    government, focal_point = morocco
    speakers_list.closed_at = timezone.now()
    speakers_list.save()

    with pytest.raises(ValidationError) as error:
        services.inscribe(speakers_list, government, NATIONAL, by=focal_point)

    assert error.value.messages == [
        "Inscriptions are closed for IMRF 2026. Write to the secretariat if your delegation "
        "still needs to speak."
    ]
    assert Inscription.objects.count() == 0


def test_a_delegation_is_inscribed_once(morocco, speakers_list):
    government, focal_point = morocco
    services.inscribe(speakers_list, government, NATIONAL, by=focal_point)

    with pytest.raises(ValidationError) as error:
        services.inscribe(speakers_list, government, _group(), by=focal_point)

    assert error.value.messages == [
        "Government of Morocco is already on the list of speakers. Withdraw that inscription "
        "first to inscribe it differently."
    ]
    assert Inscription.objects.get().category == Category.MEMBER_STATE


def test_a_member_who_is_not_a_focal_point_cannot_inscribe(speakers_list):
    government = GovernmentFactory()
    member = MembershipFactory(organisation=government).user

    with pytest.raises(PermissionDenied) as error:
        services.inscribe(speakers_list, government, NATIONAL, by=member)

    assert str(error.value) == (
        "Only a focal point of Government of Morocco can inscribe its delegation."
    )
    assert Inscription.objects.count() == 0


def test_an_unverified_organisation_cannot_inscribe(speakers_list):
    government = GovernmentFactory(status=Organisation.Status.PENDING)
    focal_point = focal_point_of(government, "focal@gov.example.org")

    with pytest.raises(PermissionDenied):
        services.inscribe(speakers_list, government, NATIONAL, by=focal_point)

    assert Inscription.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"group_members": countries},
            {"group_members": ["Choose at least two Member States of the group."]},
        ),
        (
            {"group_members": lambda: countries("EGY")},
            {"group_members": ["Choose at least two Member States of the group."]},
        ),
        (
            {"group_members": lambda: countries("EGY", "VAT")},
            {"group_members": ["Members of a group are Member States."]},
        ),
        ({"group_name": "  "}, {"group_name": ["Give the name of the group you speak for."]}),
        ({"level": ""}, {"level": ["Choose the level of representation of your delegation."]}),
        ({"level": "king"}, {"level": ["Choose the level of representation of your delegation."]}),
    ],
    ids=["no members", "one member", "an observer", "no name", "no level", "unknown level"],
)
def test_bad_inscriptions_are_refused_field_by_field(morocco, speakers_list, data, errors):
    government, focal_point = morocco
    changes = {name: value() if callable(value) else value for name, value in data.items()}

    with pytest.raises(ValidationError) as error:
        services.inscribe(speakers_list, government, _group(**changes), by=focal_point)

    assert error.value.message_dict == errors
    assert Inscription.objects.count() == 0


def test_a_national_statement_needs_a_level(morocco, speakers_list):
    government, focal_point = morocco

    with pytest.raises(ValidationError) as error:
        services.inscribe(speakers_list, government, {"speaks_for": "national"}, by=focal_point)

    assert error.value.message_dict == {
        "level": ["Choose the level of representation of your delegation."]
    }


def test_only_member_states_speak_for_a_group(speakers_list):
    organisation = OrganisationFactory()
    focal_point = focal_point_of(organisation, "focal@example.org")

    with pytest.raises(ValidationError) as error:
        services.inscribe(speakers_list, organisation, _group(), by=focal_point)

    assert error.value.message_dict == {
        "speaks_for": ["Only Member States speak on behalf of a group."]
    }


# Withdrawing ---------------------------------------------------------------------------------


def test_focal_point_withdraws_while_open(morocco):
    government, focal_point = morocco
    inscription = InscriptionFactory(organisation=government)

    services.withdraw_inscription(inscription, by=focal_point)

    assert Inscription.objects.count() == 0


def test_no_withdrawal_once_closed(morocco):
    government, focal_point = morocco
    inscription = InscriptionFactory(
        organisation=government, speakers_list__closed_at=timezone.now()
    )

    with pytest.raises(ValidationError) as error:
        services.withdraw_inscription(inscription, by=focal_point)

    assert error.value.messages == [
        "Inscriptions are closed: write to the secretariat to withdraw from the list."
    ]
    assert Inscription.objects.count() == 1


def test_another_delegation_cannot_withdraw_an_inscription(cast):
    inscription = InscriptionFactory()

    with pytest.raises(PermissionDenied):
        services.withdraw_inscription(inscription, by=cast.focal_point)

    assert Inscription.objects.count() == 1


# Managing ------------------------------------------------------------------------------------


def test_admin_moves_a_speaker_with_a_reason(cast):
    inscription = InscriptionFactory()

    services.move(inscription, position=1, reason=" Leaves for Geneva at noon. ", by=cast.admin)

    inscription.refresh_from_db()
    [event] = Event.objects.filter(record_id=inscription.pk, record_type__model="inscription")
    assert (inscription.fixed_position, inscription.move_reason) == (
        1,
        "Leaves for Geneva at noon.",
    )
    assert (event.actor, event.note, event.changes) == (
        cast.admin,
        "Leaves for Geneva at noon.",
        {"fixed_position": [None, 1]},
    )


def test_admin_puts_a_speaker_back_where_the_rule_places_them(cast):
    inscription = InscriptionFactory(fixed_position=3, move_reason="Travel.")

    services.move(inscription, position=None, reason="Travel cancelled.", by=cast.admin)

    inscription.refresh_from_db()
    assert (inscription.fixed_position, inscription.move_reason) == (None, "Travel cancelled.")


@pytest.mark.parametrize(
    ("position", "reason", "errors"),
    [
        (2, "  ", {"reason": ["Say why the speaker is moved: it is recorded."]}),
        (0, "Travel.", {"position": ["Places are counted from 1."]}),
    ],
)
def test_a_move_needs_a_reason_and_a_place(cast, position, reason, errors):
    inscription = InscriptionFactory()

    with pytest.raises(ValidationError) as error:
        services.move(inscription, position=position, reason=reason, by=cast.admin)

    inscription.refresh_from_db()
    assert error.value.message_dict == errors
    assert (inscription.fixed_position, inscription.move_reason) == (None, "")


def test_only_the_secretariat_moves_speakers(cast):
    inscription = InscriptionFactory()

    with pytest.raises(PermissionDenied):
        services.move(inscription, position=1, reason="Mine first.", by=cast.focal_point)

    inscription.refresh_from_db()
    assert inscription.fixed_position is None


@pytest.mark.parametrize(
    ("action", "field", "before", "refusal"),
    [
        (services.close_list, "closed_at", None, "Inscriptions are already closed."),
        (services.reopen_list, "closed_at", "now", "Inscriptions are already open."),
        (services.publish_list, "published_at", None, "The list is already published."),
        (services.unpublish_list, "published_at", "now", "The list is not published."),
    ],
)
def test_admin_closes_reopens_publishes_and_unpublishes(cast, action, field, before, refusal):
    speakers_list = SpeakersListFactory(**{field: timezone.now() if before else None})

    action(speakers_list, by=cast.admin)
    with pytest.raises(ValidationError) as error:
        action(speakers_list, by=cast.admin)  # a second time: nothing left to do

    speakers_list.refresh_from_db()
    assert (getattr(speakers_list, field) is None) == (before is not None)
    assert error.value.messages == [refusal]


@pytest.mark.parametrize(
    "action",
    [services.close_list, services.reopen_list, services.publish_list, services.unpublish_list],
)
def test_only_the_secretariat_changes_the_list(cast, speakers_list, action):
    with pytest.raises(PermissionDenied):
        action(speakers_list, by=cast.reviewer)

    speakers_list.refresh_from_db()
    assert (speakers_list.closed_at, speakers_list.published_at) == (None, None)


def test_admin_sets_the_time_limit(cast, speakers_list):
    services.set_time_limit(speakers_list, 3, by=cast.admin)

    speakers_list.refresh_from_db()
    assert speakers_list.time_limit == 3


@pytest.mark.parametrize("minutes", [0, 31])
def test_the_time_limit_is_one_to_thirty_minutes(cast, speakers_list, minutes):
    with pytest.raises(ValidationError) as error:
        services.set_time_limit(speakers_list, minutes, by=cast.admin)

    speakers_list.refresh_from_db()
    assert error.value.message_dict == {
        "time_limit": ["The time limit is a number of minutes from 1 to 30."]
    }
    assert speakers_list.time_limit == 5


def test_admin_marks_a_statement_delivered_and_corrects_its_text_later(cast):
    inscription = InscriptionFactory()
    services.mark_delivered(inscription, statement="Mr. President,", by=cast.admin)
    first = Inscription.objects.get().delivered_at

    services.mark_delivered(inscription, statement="Mr. President, distinguished", by=cast.admin)

    inscription.refresh_from_db()
    assert (inscription.delivered_at, inscription.statement) == (
        first,
        "Mr. President, distinguished",
    )
    assert first is not None


def test_only_the_secretariat_marks_statements_delivered(cast):
    inscription = InscriptionFactory()

    with pytest.raises(PermissionDenied):
        services.mark_delivered(inscription, statement="Done.", by=cast.focal_point)

    inscription.refresh_from_db()
    assert (inscription.delivered_at, inscription.statement) == (None, "")


# Reads ---------------------------------------------------------------------------------------


def test_the_published_list_is_empty_until_published(speakers_list):
    inscription = InscriptionFactory(speakers_list=speakers_list)
    before = queries.published_list(speakers_list.edition)

    speakers_list.published_at = timezone.now()
    speakers_list.save()

    assert (before, queries.published_list(speakers_list.edition)) == ([], [inscription])
    assert queries.published_list(edition(2022)) == []


def test_delivered_statements_of_a_country_come_from_published_lists_only():
    morocco = GovernmentFactory()
    published = SpeakersListFactory(edition=edition(2022), published_at=timezone.now())
    delivered = InscriptionFactory(
        speakers_list=published, organisation=morocco, delivered_at=timezone.now()
    )
    InscriptionFactory(organisation=morocco, delivered_at=timezone.now())  # 2026, unpublished
    InscriptionFactory(
        speakers_list=published,
        organisation=GovernmentFactory(country=Country.objects.get(iso3="EGY")),
        delivered_at=timezone.now(),
    )  # another country
    InscriptionFactory(
        speakers_list=published,
        organisation=OrganisationFactory(country=morocco.country),
        category=Category.STAKEHOLDER,
        level="",
        delivered_at=timezone.now(),
    )  # an organisation based there is not its delegation
    InscriptionFactory(
        speakers_list=published,
        organisation=GovernmentFactory(country=Country.objects.get(iso3="KEN")),
    )  # not delivered

    statements = list(queries.delivered_statements(morocco.country))

    assert statements == [delivered]

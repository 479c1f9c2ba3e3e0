"""The speakers list's pages: public list, inscription, the secretariat's management, and the
statements on country profiles."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gcmhub.accounts.tests.factories import GovernmentFactory, focal_point_of
from gcmhub.compact.models import Country
from gcmhub.forum.models import Category, Inscription, Level, SpeakersList
from gcmhub.forum.tests.factories import InscriptionFactory, SpeakersListFactory, edition

pytestmark = pytest.mark.django_db

SPEAKERS = reverse("forum:speakers", args=[2026])
INSCRIBE = reverse("forum:speakers_inscribe", args=[2026])


def government(iso3):
    return GovernmentFactory(country=Country.objects.get(iso3=iso3))


def _published(**kwargs):
    return SpeakersListFactory(published_at=timezone.now(), **kwargs)


def _group(speakers_list, iso3="EGY"):
    inscription = InscriptionFactory(
        speakers_list=speakers_list,
        organisation=government(iso3),
        category=Category.GROUP,
        group_name="African Group",
    )
    inscription.group_members.set(Country.objects.filter(iso3__in=["EGY", "KEN", "MAR"]))
    return inscription


def _names(response) -> list[str]:
    return [str(inscription) for inscription in response.context["inscriptions"]]


# The public list -----------------------------------------------------------------------------


def test_public_sees_the_published_list_in_order(client):
    speakers_list = _published(time_limit=4)
    InscriptionFactory(speakers_list=speakers_list, level=Level.HEAD_OF_DELEGATION)
    _group(speakers_list)
    InscriptionFactory(
        speakers_list=speakers_list, organisation=government("PER"), speaker="H.E. Mr. Quispe"
    )

    response = client.get(SPEAKERS)

    html = response.content.decode()
    assert _names(response) == ["African Group", "Government of Peru", "Government of Morocco"]
    assert "Each statement may last at most 4 minutes." in html
    assert "H.E. Mr. Quispe" in html
    assert "Egypt, Kenya, Morocco" in html
    assert "Manage the list" not in html


def test_an_unpublished_list_shows_no_delegation(client, cast):
    InscriptionFactory(speaker="H.E. Ms. Alaoui")  # Government of Morocco, not published
    client.force_login(cast.focal_point)  # a focal point of another organisation

    response = client.get(SPEAKERS)

    html = response.content.decode()
    assert "The list of speakers is not published yet." in html
    assert ("Morocco" in html, "Alaoui" in html) == (False, False)
    assert response.context["inscriptions"] == []


def test_a_list_not_open_yet_says_so(client):
    response = client.get(SPEAKERS)

    assert "The speakers list of this forum is not open yet." in response.content.decode()
    assert response.context["speakers_list"] is None


def test_a_delivered_statement_can_be_read_on_the_list(client):
    InscriptionFactory(
        speakers_list=_published(), delivered_at=timezone.now(), statement="Mr. President,"
    )

    response = client.get(SPEAKERS)

    html = response.content.decode()
    assert "<summary>Read the statement" in html
    assert "<p>Mr. President,</p>" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_list_queries_do_not_grow(client, django_assert_num_queries, count):
    speakers_list = _published()
    for iso3 in ["MAR", "EGY", "PER"][:count]:
        _group(speakers_list, iso3)

    with django_assert_num_queries(5):  # edition, list, inscriptions, group members, rules
        client.get(SPEAKERS)


# Focal points --------------------------------------------------------------------------------


def test_focal_point_sees_their_inscription_and_may_withdraw_it(client):
    speakers_list = SpeakersListFactory()
    morocco = InscriptionFactory(speakers_list=speakers_list, speaker="H.E. Ms. Alaoui")
    InscriptionFactory(speakers_list=speakers_list, organisation=government("PER"))
    client.force_login(focal_point_of(morocco.organisation, "focal@gov.example.org"))

    response = client.get(SPEAKERS)

    html = response.content.decode()
    assert response.context["own"] == [morocco]
    assert response.context["may_inscribe"] is False
    assert "Withdraw Government of Morocco from the list" in html
    assert "Peru" not in html


def test_focal_point_not_inscribed_yet_is_invited_to_inscribe(client):
    SpeakersListFactory()
    client.force_login(focal_point_of(GovernmentFactory(), "focal@gov.example.org"))

    response = client.get(SPEAKERS)

    assert response.context["may_inscribe"] is True
    assert f'href="{INSCRIBE}"' in response.content.decode()


def test_focal_point_sees_their_place_once_published(client):
    speakers_list = _published()
    _group(speakers_list)
    morocco = InscriptionFactory(speakers_list=speakers_list)
    client.force_login(focal_point_of(morocco.organisation, "focal@gov.example.org"))

    response = client.get(SPEAKERS)

    assert "Place 2 on the published list." in response.content.decode()


def test_inscribe_form_offers_the_delegations_of_the_focal_point(client, cast):
    SpeakersListFactory()
    government = GovernmentFactory()
    focal_point_of(government, "focal@example.org")  # cast.focal_point's own email
    client.force_login(cast.focal_point)

    response = client.get(INSCRIBE)

    assert list(response.context["form"].fields["organisation"].queryset) == [
        government,
        cast.organisation,
    ]


def test_focal_point_inscribes_their_delegation(client):
    speakers_list = SpeakersListFactory()
    morocco = GovernmentFactory()
    client.force_login(focal_point_of(morocco, "focal@gov.example.org"))

    response = client.post(
        INSCRIBE,
        {
            "organisation": morocco.pk,
            "speaks_for": "national",
            "level": Level.MINISTER,
            "speaker": "H.E. Ms. Alaoui",
        },
    )

    inscription = Inscription.objects.get()
    assert response.url == SPEAKERS
    assert (inscription.speakers_list, inscription.level, inscription.speaker) == (
        speakers_list,
        Level.MINISTER,
        "H.E. Ms. Alaoui",
    )


def test_a_group_without_members_is_refused_and_nothing_typed_is_lost(client):
    SpeakersListFactory()
    morocco = GovernmentFactory()
    client.force_login(focal_point_of(morocco, "focal@gov.example.org"))

    response = client.post(
        INSCRIBE,
        {
            "organisation": morocco.pk,
            "speaks_for": "group",
            "group_name": "Arab Group",
            "level": Level.MINISTER,
            "speaker": "H.E. Ms. Alaoui",
        },
    )

    html = response.content.decode()
    assert response.context["form"].errors == {
        "group_members": ["Choose at least two Member States of the group."]
    }
    assert ('value="Arab Group"' in html, 'value="H.E. Ms. Alaoui"' in html) == (True, True)
    assert Inscription.objects.count() == 0


def test_inscribing_twice_is_refused_with_a_message(client):
    morocco = InscriptionFactory().organisation
    client.force_login(focal_point_of(morocco, "focal@gov.example.org"))

    response = client.post(
        INSCRIBE, {"organisation": morocco.pk, "speaks_for": "national", "level": "minister"}
    )

    assert response.context["form"].non_field_errors() == [
        "Government of Morocco is already on the list of speakers. Withdraw that inscription "
        "first to inscribe it differently."
    ]


def test_the_inscribe_form_is_not_offered_once_closed(client):
    SpeakersListFactory(closed_at=timezone.now())
    client.force_login(focal_point_of(GovernmentFactory(), "focal@gov.example.org"))

    response = client.get(INSCRIBE, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Inscriptions are closed for IMRF 2026."
    ]
    assert response.redirect_chain == [(SPEAKERS, 302)]


def test_a_member_who_is_not_a_focal_point_is_sent_back(client, cast):
    SpeakersListFactory()
    client.force_login(cast.member)

    response = client.get(INSCRIBE, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Delegations are inscribed by the focal points of verified organisations. Ask your "
        "organisation's focal point, or the secretariat."
    ]


def test_inscribing_needs_signing_in(client):
    SpeakersListFactory()

    response = client.get(INSCRIBE)

    assert response.url.startswith(reverse("accounts:sign_in"))


def test_focal_point_withdraws_their_inscription(client):
    inscription = InscriptionFactory()
    client.force_login(focal_point_of(inscription.organisation, "focal@gov.example.org"))

    response = client.post(reverse("forum:speakers_withdraw", args=[2026, inscription.pk]))

    assert response.url == SPEAKERS
    assert Inscription.objects.count() == 0


def test_nobody_else_withdraws_an_inscription(client, cast):
    inscription = InscriptionFactory()
    client.force_login(cast.focal_point)

    response = client.post(reverse("forum:speakers_withdraw", args=[2026, inscription.pk]))

    assert response.status_code == 403
    assert Inscription.objects.count() == 1


# The secretariat -----------------------------------------------------------------------------


def test_admin_sees_the_current_order_before_publication(client, cast):
    speakers_list = SpeakersListFactory()
    morocco = InscriptionFactory(speakers_list=speakers_list)
    group = _group(speakers_list)
    client.force_login(cast.admin)

    response = client.get(SPEAKERS)

    html = response.content.decode()
    assert response.context["current_order"] == [group, morocco]
    assert response.context["inscriptions"] == []
    assert "Not public yet: only the secretariat sees this order." in html
    assert f'action="{reverse("forum:speakers_move", args=[2026, morocco.pk])}"' in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_management_page_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    speakers_list = SpeakersListFactory()
    for iso3 in ["MAR", "EGY", "PER"][:count]:
        _group(speakers_list, iso3)
    client.force_login(cast.admin)

    # session, user, edition, list, inscriptions, group members, rules, memberships
    with django_assert_num_queries(8):
        client.get(SPEAKERS)


def test_admin_opens_the_list(client, cast):
    client.force_login(cast.admin)

    response = client.post(reverse("forum:speakers_change", args=[2026, "open"]), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "The speakers list is open for inscriptions."
    ]
    assert SpeakersList.objects.get().edition == edition(2026)


@pytest.mark.parametrize(
    ("change", "field"),
    [("close", "closed_at"), ("publish", "published_at")],
)
def test_admin_closes_and_publishes(client, cast, change, field):
    speakers_list = SpeakersListFactory()
    client.force_login(cast.admin)

    client.post(reverse("forum:speakers_change", args=[2026, change]))

    speakers_list.refresh_from_db()
    assert getattr(speakers_list, field) is not None


def test_a_change_done_already_is_explained(client, cast):
    SpeakersListFactory(published_at=timezone.now())
    client.force_login(cast.admin)

    response = client.post(reverse("forum:speakers_change", args=[2026, "publish"]), follow=True)

    assert [str(m) for m in response.context["messages"]] == ["The list is already published."]


def test_unknown_changes_and_lists_not_open_are_not_found(client, cast):
    client.force_login(cast.admin)

    responses = [
        client.post(reverse("forum:speakers_change", args=[2026, "publish"])),
        client.post(reverse("forum:speakers_change", args=[2026, "shred"])),
    ]

    assert [response.status_code for response in responses] == [404, 404]


@pytest.mark.parametrize("role", ["focal_point", "reviewer"])
def test_only_the_secretariat_manages_the_list(client, cast, role):
    speakers_list = SpeakersListFactory()
    inscription = InscriptionFactory(speakers_list=speakers_list)
    client.force_login(getattr(cast, role))

    responses = [
        client.post(reverse("forum:speakers_change", args=[2026, "publish"])),
        client.post(
            reverse("forum:speakers_time_limit", args=[2026]), {"time-limit-time_limit": 3}
        ),
        client.post(
            reverse("forum:speakers_move", args=[2026, inscription.pk]),
            {f"move-{inscription.pk}-position": 1, f"move-{inscription.pk}-reason": "Mine."},
        ),
        client.post(reverse("forum:speakers_delivered", args=[2026, inscription.pk])),
    ]

    speakers_list.refresh_from_db()
    inscription.refresh_from_db()
    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert (speakers_list.published_at, speakers_list.time_limit) == (None, 5)
    assert (inscription.fixed_position, inscription.delivered_at) == (None, None)


def test_admin_sets_the_time_limit(client, cast):
    speakers_list = SpeakersListFactory()
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:speakers_time_limit", args=[2026]), {"time-limit-time_limit": "3"}
    )

    speakers_list.refresh_from_db()
    assert (response.url, speakers_list.time_limit) == (SPEAKERS, 3)


def test_a_time_limit_out_of_bounds_is_refused_and_kept_in_the_form(client, cast):
    SpeakersListFactory()
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:speakers_time_limit", args=[2026]), {"time-limit-time_limit": "45"}
    )

    assert response.context["time_limit_form"].errors == {
        "time_limit": ["The time limit is a number of minutes from 1 to 30."]
    }
    assert 'value="45"' in response.content.decode()
    assert SpeakersList.objects.get().time_limit == 5


def test_admin_moves_a_speaker_and_the_reason_is_shown(client, cast):
    speakers_list = SpeakersListFactory()
    _group(speakers_list)
    morocco = InscriptionFactory(speakers_list=speakers_list)
    client.force_login(cast.admin)

    client.post(
        reverse("forum:speakers_move", args=[2026, morocco.pk]),
        {f"move-{morocco.pk}-position": "1", f"move-{morocco.pk}-reason": "Leaves at noon."},
    )
    response = client.get(SPEAKERS)

    assert [str(i) for i in response.context["current_order"]] == [
        "Government of Morocco",
        "African Group",
    ]
    assert 'Moved by the secretariat to place 1: <span dir="auto">Leaves at noon.</span>' in (
        response.content.decode()
    )


def test_a_move_without_a_reason_is_refused_and_the_place_kept(client, cast):
    morocco = InscriptionFactory()
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:speakers_move", args=[2026, morocco.pk]),
        {f"move-{morocco.pk}-position": "7", f"move-{morocco.pk}-reason": ""},
    )

    [shown] = response.context["current_order"]
    assert shown.move_form.errors == {"reason": ["Say why the speaker is moved: it is recorded."]}
    assert f'name="move-{morocco.pk}-position" value="7"' in response.content.decode()
    assert Inscription.objects.get().fixed_position is None


def test_admin_marks_a_statement_delivered_with_its_text(client, cast):
    morocco = InscriptionFactory()
    client.force_login(cast.admin)

    response = client.post(
        reverse("forum:speakers_delivered", args=[2026, morocco.pk]),
        {f"delivered-{morocco.pk}-statement": "Mr. President,"},
    )

    morocco.refresh_from_db()
    assert response.url == SPEAKERS
    assert (morocco.delivered_at is not None, morocco.statement) == (True, "Mr. President,")


def test_an_inscription_of_another_edition_is_not_found(client, cast):
    inscription = InscriptionFactory()
    client.force_login(cast.admin)

    response = client.post(reverse("forum:speakers_delivered", args=[2022, inscription.pk]))

    assert response.status_code == 404


# Country profiles ----------------------------------------------------------------------------


def test_country_profile_shows_its_delivered_statements(client):
    morocco = GovernmentFactory()
    InscriptionFactory(
        speakers_list=SpeakersListFactory(edition=edition(2022), published_at=timezone.now()),
        organisation=morocco,
        level=Level.HEAD_OF_GOVERNMENT,
        delivered_at=timezone.now() - datetime.timedelta(days=1000),
        statement="Morocco welcomes the progress declaration.",
    )
    InscriptionFactory(
        organisation=morocco, delivered_at=timezone.now(), statement="Not published yet."
    )

    response = client.get(reverse("web:country", args=["MAR"]))

    html = response.content.decode()
    assert [i.speakers_list.edition.year for i in response.context["statements"]] == [2022]
    assert "<h2>Statements in the general debate of the Forum</h2>" in html
    assert "Statement at IMRF 2022" in html
    assert "Morocco welcomes the progress declaration." in html
    assert "Not published yet." not in html


@pytest.mark.parametrize("count", [1, 2])  # one statement per forum, and two forums
def test_country_profile_statement_queries_do_not_grow(client, django_assert_num_queries, count):
    morocco = GovernmentFactory()
    for year in [2022, 2026][:count]:
        InscriptionFactory(
            speakers_list=SpeakersListFactory(edition=edition(year), published_at=timezone.now()),
            organisation=morocco,
            delivered_at=timezone.now(),
            statement="Thank you.",
        )

    client.get(reverse("web:country", args=["MAR"]))  # builds the facet bit sets (fixed too)

    with django_assert_num_queries(8):
        client.get(reverse("web:country", args=["MAR"]))


def test_the_inscribe_form_waits_for_the_list_to_open(client):
    client.force_login(focal_point_of(GovernmentFactory(), "focal@gov.example.org"))

    response = client.get(INSCRIBE, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "The speakers list of this forum is not open yet."
    ]

"""The hearing's pages: the public page, applying, the call and panels, the selection."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from gcmhub.accounts.tests.factories import OrganisationFactory
from gcmhub.compact.models import EntityType, Region
from gcmhub.forum.hearing import queries
from gcmhub.forum.models import Application, Hearing, Panel, SessionKind
from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    HearingFactory,
    PanelFactory,
    SessionFactory,
    at,
)

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"forum:{name}", args=[2026, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def told(**fields) -> Application:
    """A speaker selected, placed in a panel and told by e-mail."""
    return ApplicationFactory(status="selected", notified_at=timezone.now(), **fields)


# The public page --------------------------------------------------------------------------------


def test_the_page_says_when_applications_close_in_the_venue_time(client):
    HearingFactory(
        introduction="Voices of migrants.",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        deadline=at(timezone.localdate() + datetime.timedelta(days=30), 18),
    )
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    response = client.get(url("hearing"))

    text = response.content.decode()
    assert response.context["is_open"] is True
    assert "Voices of migrants." in text
    assert f'href="{url("hearing_apply")}"' in text
    assert (
        f"Applications are open until {date_format(deadline)} at 6 p.m. "
        "(America/New_York time)." in text
    )


def test_a_closed_call_has_no_apply_link(client):
    HearingFactory(
        opens_at=at(datetime.date(2026, 2, 1), 9), deadline=at(datetime.date(2026, 3, 1), 17)
    )

    response = client.get(url("hearing"))

    text = response.content.decode()
    assert (url("hearing_apply") in text, response.context["is_open"]) == (False, False)
    assert "Applications closed on March 1, 2026 at 5 p.m. (America/New_York time)." in text


def test_a_forum_without_a_call_says_so(client):
    response = client.get(url("hearing"))

    assert (response.status_code, response.context["hearing"]) == (200, None)
    assert "The call for speakers at the hearing is not open yet." in response.content.decode()


def test_the_page_shows_the_told_speakers_by_panel(client):
    hearing = HearingFactory()
    first = PanelFactory(hearing=hearing, title="Labour", position=1)
    second = PanelFactory(hearing=hearing, title="Climate", position=2)
    PanelFactory(hearing=hearing, title="Empty panel", position=3)
    b = told(hearing=hearing, panel=first, panel_position=2, speaker_role="Researcher")
    a = told(hearing=hearing, panel=first, panel_position=1, speaker_role="Director")
    c = told(hearing=hearing, panel=second, speaker_role="Mayor")
    ApplicationFactory(hearing=hearing, status="selected", panel=second)  # not told yet

    response = client.get(url("hearing"))

    shown = [(p.title, [s.pk for s in p.announced]) for p in response.context["panels"]]
    assert shown == [("Labour", [a.pk, b.pk]), ("Climate", [c.pk])]


def test_a_speaker_is_named_only_with_consent(client):
    hearing = HearingFactory()
    panel = PanelFactory(hearing=hearing)
    told(hearing=hearing, panel=panel, speaker_name="Named Person", name_is_public=True)
    told(hearing=hearing, panel=panel, speaker_name="Unnamed Person", name_is_public=False)

    text = client.get(url("hearing")).content.decode()

    assert ("Named Person" in text, "Unnamed Person" in text) == (True, False)


# Applying ---------------------------------------------------------------------------------------


def form_data(organisation=None, **changes) -> dict:
    data = {
        "speaker_name": "Amina Otieno",
        "speaker_email": "amina@example.org",
        "speaker_role": "Director of programmes",
        "topic": "Fair recruitment.",
        "objectives": ["6", "2"],
        "region": "002",
        "gender": "woman",
        "name_is_public": "on",
        **changes,
    }
    if organisation:
        data["organisation"] = organisation.pk
    return data


def objective_pks(*numbers) -> list[str]:
    from gcmhub.compact.models import Objective

    return [str(o.pk) for o in Objective.objects.filter(number__in=numbers)]


def test_a_member_applies(client, cast):
    hearing = HearingFactory()
    client.force_login(cast.member)

    response = client.post(
        url("hearing_apply"),
        form_data(cast.organisation, objectives=objective_pks(2, 6)),
        follow=True,
    )

    [application] = hearing.applications.all()
    assert (application.organisation, application.speaker_name, application.region_id) == (
        cast.organisation,
        "Amina Otieno",
        "002",
    )
    assert messages_of(response) == [
        "Your application is saved. You can change it until the deadline."
    ]
    assert list(response.context["applications"]) == [application]


def test_a_second_application_of_the_organisation_keeps_what_was_typed(client, cast):
    hearing = HearingFactory()
    ApplicationFactory(hearing=hearing, organisation=cast.organisation)
    client.force_login(cast.focal_point)

    response = client.post(
        url("hearing_apply"),
        form_data(cast.organisation, speaker_name="Typed Name", objectives=objective_pks(3)),
    )

    assert response.context["form"].non_field_errors() == [
        "Owning Organisation has already applied for this hearing. Change its application "
        "below instead."
    ]
    assert 'value="Typed Name"' in response.content.decode()
    assert hearing.applications.count() == 1


def test_the_apply_page_refuses_after_the_deadline(client, cast):
    HearingFactory(
        opens_at=at(datetime.date(2026, 2, 1), 9), deadline=at(datetime.date(2026, 3, 1), 17)
    )
    client.force_login(cast.member)

    response = client.post(
        url("hearing_apply"), form_data(cast.organisation, objectives=objective_pks(2))
    )

    assert response.context["form"].non_field_errors() == [
        "Applications closed on March 1, 2026 at 5 p.m. (America/New_York time)."
    ]
    assert response.context["closed"] == (
        "Applications closed on March 1, 2026 at 5 p.m. (America/New_York time)."
    )
    assert Application.objects.count() == 0


def test_a_government_member_is_told_who_applies(client):
    from gcmhub.accounts.tests.factories import GovernmentFactory, MembershipFactory

    HearingFactory()
    government = GovernmentFactory()
    client.force_login(MembershipFactory(organisation=government).user)

    response = client.post(url("hearing_apply"), form_data(government))

    assert response.context["organisations"] == []
    assert response.context["form"].errors["organisation"] == [
        "You can apply only for a verified stakeholder organisation you are a member of."
    ]
    assert "States and intergovernmental organisations speak in the general debate instead." in (
        response.content.decode()
    )


def test_a_bad_form_says_what_is_missing(client, cast):
    HearingFactory()
    client.force_login(cast.member)

    response = client.post(
        url("hearing_apply"),
        form_data(cast.organisation, speaker_email="not an address", objectives=[]),
    )

    assert response.context["form"].errors == {
        "speaker_email": ["Enter a valid email address."],
        "objectives": ["This field is required."],
    }


def test_a_member_changes_the_application(client, cast):
    hearing = HearingFactory()
    application = ApplicationFactory(hearing=hearing, organisation=cast.organisation)
    client.force_login(cast.member)

    response = client.post(
        url("hearing_application_edit", application.pk),
        form_data(speaker_role="Chair", objectives=objective_pks(7)),
    )

    application.refresh_from_db()
    assert (response.status_code, response.url) == (302, url("hearing_apply"))
    assert application.speaker_role == "Chair"


def test_another_organisation_cannot_open_the_application(client, cast):
    application = ApplicationFactory(hearing=HearingFactory(), organisation=cast.organisation)
    client.force_login(cast.outsider)

    response = client.get(url("hearing_application_edit", application.pk))

    assert response.status_code == 404


def test_a_member_withdraws_the_application(client, cast):
    application = ApplicationFactory(hearing=HearingFactory(), organisation=cast.organisation)
    client.force_login(cast.member)

    confirm = client.get(url("hearing_application_withdraw", application.pk))
    response = client.post(url("hearing_application_withdraw", application.pk), follow=True)

    assert confirm.context["application"] == application
    assert messages_of(response) == ["The application was withdrawn."]
    assert Application.objects.count() == 0


def test_withdrawing_after_the_deadline_is_refused(client, cast):
    hearing = HearingFactory(
        opens_at=at(datetime.date(2026, 2, 1), 9), deadline=at(datetime.date(2026, 3, 1), 17)
    )
    application = ApplicationFactory(hearing=hearing, organisation=cast.organisation)
    client.force_login(cast.member)

    response = client.post(url("hearing_application_withdraw", application.pk))

    assert response.context["error"] == (
        "Applications closed on March 1, 2026 at 5 p.m. (America/New_York time)."
    )
    assert Application.objects.count() == 1


# The call and its panels ------------------------------------------------------------------------


def test_admin_opens_the_call_in_the_venue_time(client, cast):
    client.force_login(cast.admin)

    response = client.post(
        url("hearing_manage"),
        {"opens_at": "2026-02-01T09:00", "deadline": "2026-03-01T17:30", "introduction": "Hi."},
        follow=True,
    )

    hearing = Hearing.objects.get()
    assert (hearing.opens_at, hearing.deadline) == (
        datetime.datetime(2026, 2, 1, 14, 0, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 1, 22, 30, tzinfo=datetime.UTC),
    )
    assert messages_of(response) == ["The call for speakers is saved."]
    assert 'value="2026-03-01T17:30"' in response.content.decode()


def test_a_deadline_before_the_opening_is_refused(client, cast):
    client.force_login(cast.admin)

    response = client.post(
        url("hearing_manage"),
        {"opens_at": "2026-03-01T09:00", "deadline": "2026-02-01T17:30", "introduction": ""},
    )

    assert response.context["form"].errors == {
        "deadline": ["The deadline must come after the opening."]
    }
    assert Hearing.objects.count() == 0


def test_admin_adds_edits_and_removes_a_panel(client, cast):
    hearing = HearingFactory()
    session = SessionFactory(kind=SessionKind.HEARING)
    SessionFactory(kind=SessionKind.ROUND_TABLE)
    client.force_login(cast.admin)

    page = client.get(url("hearing_manage"))
    client.post(
        url("hearing_panel_create"), {"title": "Labour", "position": 1, "session": session.pk}
    )
    panel = Panel.objects.get()
    client.post(url("hearing_panel_edit", panel.pk), {"title": "Work", "position": 2})
    panel.refresh_from_db()
    edited = (panel.title, panel.position, panel.session)
    client.post(url("hearing_panel_delete", panel.pk))

    assert list(page.context["panel_form"].fields["session"].queryset) == [session]
    assert (edited, hearing.panels.count()) == (("Work", 2, None), 0)


def test_a_panel_in_a_round_table_is_refused(client, cast):
    HearingFactory()
    round_table = SessionFactory(kind=SessionKind.ROUND_TABLE)
    client.force_login(cast.admin)

    response = client.post(
        url("hearing_panel_create"), {"title": "Labour", "position": 1, "session": round_table.pk}
    )

    assert list(response.context["form"].errors) == ["session"]
    assert Panel.objects.count() == 0


# The selection ----------------------------------------------------------------------------------


def test_filters_narrow_the_applications(client, cast):
    hearing = HearingFactory()
    academia = EntityType.objects.get(code="academia")
    wanted = ApplicationFactory(
        hearing=hearing,
        status="selected",
        region=Region.objects.get(m49="142"),
        gender="man",
        organisation=OrganisationFactory(entity_type=academia),
    )
    ApplicationFactory(hearing=hearing, status="selected", region=Region.objects.get(m49="142"))
    ApplicationFactory(
        hearing=hearing, gender="man", organisation=OrganisationFactory(entity_type=academia)
    )
    client.force_login(cast.reviewer)

    response = client.get(
        url("hearing_applications"),
        {"status": "selected", "region": "142", "gender": "man", "entity_type": "academia"},
    )

    assert response.context["applications"] == [wanted]
    assert response.context["can_decide"] is False
    assert "hearing_decide" not in response.content.decode()


def test_admin_selects_and_places_a_speaker(client, cast):
    hearing = HearingFactory()
    panel = PanelFactory(hearing=hearing)
    application = ApplicationFactory(hearing=hearing)
    client.force_login(cast.admin)
    prefix = f"a{application.pk}"

    response = client.post(
        url("hearing_decide", application.pk),
        {
            f"{prefix}-status": "selected",
            f"{prefix}-panel": panel.pk,
            f"{prefix}-position": "3",
            f"{prefix}-filters": "status=pending&bogus=1",
        },
    )

    application.refresh_from_db()
    assert (application.status, application.panel, application.panel_position) == (
        "selected",
        panel,
        3,
    )
    assert response.url == url("hearing_applications") + f"?status=pending#application-{prefix[1:]}"


def test_placing_a_not_selected_applicant_is_refused(client, cast):
    hearing = HearingFactory()
    panel = PanelFactory(hearing=hearing)
    application = ApplicationFactory(hearing=hearing)
    client.force_login(cast.admin)
    prefix = f"a{application.pk}"

    response = client.post(
        url("hearing_decide", application.pk),
        {f"{prefix}-status": "not_selected", f"{prefix}-panel": panel.pk},
        follow=True,
    )

    application.refresh_from_db()
    assert (application.status, application.panel) == ("pending", None)
    assert messages_of(response) == ["Only selected speakers can be placed in a panel."]


def test_telling_the_applicants_says_how_many(client, cast):
    hearing = HearingFactory()
    panel = PanelFactory(hearing=hearing)
    ApplicationFactory(hearing=hearing, status="selected", panel=panel)
    ApplicationFactory(hearing=hearing, status="not_selected")
    ApplicationFactory(hearing=hearing, status="selected")
    ApplicationFactory(hearing=hearing)
    client.force_login(cast.admin)

    response = client.post(url("hearing_notify"), follow=True)

    assert messages_of(response) == [
        "2 applicants were told of the decision by e-mail.",
        "1 selected speaker has no panel yet and was not told.",
    ]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("count", [1, 3])
def test_the_selection_page_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    hearing = HearingFactory()
    panel = PanelFactory(hearing=hearing)
    for _index in range(count):
        ApplicationFactory(
            hearing=hearing, status="selected", panel=panel, organisation=OrganisationFactory()
        )
    client.force_login(cast.admin)

    with django_assert_num_queries(12):
        response = client.get(url("hearing_applications"))

    assert len(response.context["applications"]) == count


# The balance ------------------------------------------------------------------------------------


def test_the_balance_counts_a_known_selection():
    hearing = HearingFactory()
    kinds = {
        code: EntityType.objects.get(code=code)
        for code in ["civil-society", "academia", "trade-union"]
    }
    for status, m49, gender, kind in [
        ("selected", "002", "woman", "civil-society"),
        ("selected", "002", "man", "academia"),
        ("selected", "142", "woman", "civil-society"),
        ("not_selected", "150", "woman", "civil-society"),
        ("pending", "019", "other", "trade-union"),
    ]:
        ApplicationFactory(
            hearing=hearing,
            status=status,
            region=Region.objects.get(m49=m49),
            gender=gender,
            organisation=OrganisationFactory(entity_type=kinds[kind]),
        )

    balance = queries.balance(hearing)

    def table(key):
        return [
            (r["label"], r["selected"], r["selected_share"], r["applied"], r["applied_share"])
            for r in balance[key]
        ]

    assert (balance["selected"], balance["applied"]) == (3, 5)
    assert table("region") == [
        ("Africa", 2, 67, 2, 40),
        ("Oceania", 0, 0, 0, 0),
        ("Americas", 0, 0, 1, 20),
        ("Asia", 1, 33, 1, 20),
        ("Europe", 0, 0, 1, 20),
    ]
    assert table("gender") == [
        ("Woman", 2, 67, 3, 60),
        ("Man", 1, 33, 1, 20),
        ("Another gender", 0, 0, 1, 20),
        ("Prefers not to say", 0, 0, 0, 0),
    ]
    assert table("entity_type") == [
        ("Civil society organisation", 2, 67, 3, 60),
        ("Trade union", 0, 0, 1, 20),
        ("Academia", 1, 33, 1, 20),
    ]


def test_the_balance_of_another_hearing_is_apart():
    from gcmhub.forum.tests.factories import edition

    ApplicationFactory(hearing=HearingFactory(edition=edition(2022)), status="selected")

    balance = queries.balance(HearingFactory())

    assert (balance["selected"], balance["applied"], balance["entity_type"]) == (0, 0, [])


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_page_queries_do_not_grow(client, django_assert_num_queries, count):
    hearing = HearingFactory()
    for _index in range(count):
        told(hearing=hearing, panel=PanelFactory(hearing=hearing))

    with django_assert_num_queries(4):
        response = client.get(url("hearing"))

    assert len(response.context["panels"]) == count

"""The hearing's services: each rule once kept, once refused."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcmhub.accounts.models import Membership
from gcmhub.accounts.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from gcmhub.compact.models import EntityType, Objective, Region
from gcmhub.forum.hearing import services
from gcmhub.forum.models import Application, Hearing, Panel, SessionKind
from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    HearingFactory,
    PanelFactory,
    SessionFactory,
    at,
    edition,
)

pytestmark = pytest.mark.django_db

OPENS = at(datetime.date(2026, 2, 1), 9)
DEADLINE = at(datetime.date(2026, 3, 1), 17)
DURING = at(datetime.date(2026, 2, 15), 12)


@pytest.fixture
def hearing():
    return HearingFactory(opens_at=OPENS, deadline=DEADLINE)


def application_data(**changes) -> dict:
    return {
        "speaker_name": "Amina Otieno",
        "speaker_email": "amina@example.org",
        "speaker_role": "Director of programmes",
        "name_is_public": True,
        "topic": "Fair recruitment.",
        "region": Region.objects.get(m49="002"),
        "gender": "woman",
        "objectives": Objective.objects.filter(number__in=[2, 6]),
        **changes,
    }


def refusal(error) -> str:
    return " ".join(error.value.messages) if hasattr(error.value, "messages") else str(error.value)


# The call and its panels ------------------------------------------------------------------------


def test_admin_opens_the_call(cast):
    data = {"opens_at": OPENS, "deadline": DEADLINE, "introduction": "Who may apply."}

    hearing = services.save_hearing(edition(2026), data, by=cast.admin)

    assert (hearing.edition.year, hearing.opens_at, hearing.deadline, hearing.introduction) == (
        2026,
        OPENS,
        DEADLINE,
        "Who may apply.",
    )


def test_admin_changes_the_call(cast, hearing):
    later = DEADLINE + datetime.timedelta(days=7)

    services.save_hearing(
        edition(2026), {"opens_at": OPENS, "deadline": later, "introduction": ""}, by=cast.admin
    )

    hearing.refresh_from_db()
    assert (Hearing.objects.count(), hearing.deadline) == (1, later)


@pytest.mark.parametrize("role", ["member", "reviewer"])
def test_only_administrators_open_the_call(cast, role):
    data = {"opens_at": OPENS, "deadline": DEADLINE, "introduction": ""}

    with pytest.raises(PermissionDenied):
        services.save_hearing(edition(2026), data, by=getattr(cast, role))

    assert Hearing.objects.count() == 0


def test_the_deadline_comes_after_the_opening(cast):
    data = {"opens_at": DEADLINE, "deadline": OPENS, "introduction": ""}

    with pytest.raises(ValidationError) as error:
        services.save_hearing(edition(2026), data, by=cast.admin)

    assert refusal(error) == "The deadline must come after the opening."


def test_admin_adds_a_panel_to_a_hearing_session(cast, hearing):
    session = SessionFactory(kind=SessionKind.HEARING)

    panel = services.add_panel(
        hearing, {"title": "Labour mobility", "position": 2, "session": session}, by=cast.admin
    )

    assert (panel.hearing, panel.title, panel.position, panel.session) == (
        hearing,
        "Labour mobility",
        2,
        session,
    )


@pytest.mark.parametrize(
    ("kind", "year"), [(SessionKind.ROUND_TABLE, 2026), (SessionKind.HEARING, 2022)]
)
def test_a_panel_belongs_to_a_hearing_session_of_its_forum(cast, hearing, kind, year):
    session = SessionFactory(kind=kind, edition=edition(year))

    with pytest.raises(ValidationError) as error:
        services.add_panel(hearing, {"title": "Panel", "session": session}, by=cast.admin)

    assert (refusal(error), Panel.objects.count()) == (
        "A panel belongs to a session of the hearing of the same forum.",
        0,
    )


def test_only_administrators_add_panels(cast, hearing):
    with pytest.raises(PermissionDenied):
        services.add_panel(hearing, {"title": "Panel"}, by=cast.reviewer)

    assert Panel.objects.count() == 0


def test_admin_edits_a_panel(cast, hearing):
    panel = PanelFactory(hearing=hearing, title="Old", position=1)

    services.edit_panel(panel, {"title": "New", "position": 3, "session": None}, by=cast.admin)

    panel.refresh_from_db()
    assert (panel.title, panel.position, panel.session) == ("New", 3, None)


def test_admin_removes_a_panel_whose_speakers_were_not_told(cast, hearing):
    panel = PanelFactory(hearing=hearing)
    speaker = ApplicationFactory(hearing=hearing, status="selected", panel=panel)

    services.delete_panel(panel, by=cast.admin)

    speaker.refresh_from_db()
    assert (Panel.objects.count(), speaker.status, speaker.panel) == (0, "selected", None)


def test_a_panel_whose_speakers_were_told_stays(cast, hearing):
    panel = PanelFactory(hearing=hearing)
    ApplicationFactory(hearing=hearing, status="selected", panel=panel, notified_at=timezone.now())

    with pytest.raises(ValidationError):
        services.delete_panel(panel, by=cast.admin)

    assert Panel.objects.count() == 1


# Applications -----------------------------------------------------------------------------------


def test_a_member_applies_for_their_stakeholder_organisation(cast, hearing):
    application = services.apply(
        hearing, application_data(), organisation=cast.organisation, by=cast.member, now=DURING
    )

    assert (
        application.organisation,
        application.applicant,
        application.speaker_email,
        application.status,
        application.name_is_public,
        sorted(o.number for o in application.objectives.all()),
    ) == (cast.organisation, cast.member, "amina@example.org", "pending", True, [2, 6])


def test_applications_close_at_the_deadline(cast, hearing):
    with pytest.raises(ValidationError) as error:
        services.apply(
            hearing,
            application_data(),
            organisation=cast.organisation,
            by=cast.member,
            now=DEADLINE,
        )

    assert (refusal(error), Application.objects.count()) == (
        "Applications closed on March 1, 2026 at 5 p.m. (America/New_York time).",
        0,
    )


def test_applications_wait_for_the_opening(cast, hearing):
    with pytest.raises(ValidationError) as error:
        services.apply(
            hearing,
            application_data(),
            organisation=cast.organisation,
            by=cast.member,
            now=OPENS - datetime.timedelta(minutes=1),
        )

    assert refusal(error) == (
        "Applications open on Feb. 1, 2026 at 9 a.m. (America/New_York time)."
    )


def test_an_organisation_applies_once(cast, hearing):
    services.apply(
        hearing, application_data(), organisation=cast.organisation, by=cast.member, now=DURING
    )

    with pytest.raises(ValidationError) as error:
        services.apply(
            hearing,
            application_data(speaker_name="Someone else"),
            organisation=cast.organisation,
            by=cast.focal_point,
            now=DURING,
        )

    assert (refusal(error), Application.objects.count()) == (
        "Owning Organisation has already applied for this hearing. Change its application "
        "below instead.",
        1,
    )


def test_the_same_organisation_applies_again_for_another_forum(cast, hearing):
    services.apply(
        hearing, application_data(), organisation=cast.organisation, by=cast.member, now=DURING
    )
    other = HearingFactory(edition=edition(2022), opens_at=OPENS, deadline=DEADLINE)

    services.apply(
        other, application_data(), organisation=cast.organisation, by=cast.member, now=DURING
    )

    assert Application.objects.filter(organisation=cast.organisation).count() == 2


@pytest.mark.parametrize(
    "code", ["member-state", "observer-state", "un-system", "intergovernmental"]
)
def test_states_and_intergovernmental_bodies_do_not_apply(hearing, code):
    organisation = OrganisationFactory(entity_type=EntityType.objects.get(code=code))
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(PermissionDenied) as error:
        services.apply(
            hearing, application_data(), organisation=organisation, by=member, now=DURING
        )

    assert refusal(error) == (
        "States and intergovernmental organisations do not apply to the hearing: they speak in "
        "the general debate."
    )


def test_a_government_focal_point_does_not_apply(hearing):
    government = GovernmentFactory()
    focal = MembershipFactory(organisation=government, level=Membership.Level.FOCAL_POINT).user

    with pytest.raises(PermissionDenied):
        services.apply(hearing, application_data(), organisation=government, by=focal, now=DURING)

    assert Application.objects.count() == 0


@pytest.mark.parametrize("role", ["outsider", "no_organisation", "reviewer", "admin"])
def test_only_members_apply_for_their_organisation(cast, hearing, role):
    with pytest.raises(PermissionDenied) as error:
        services.apply(
            hearing,
            application_data(),
            organisation=cast.organisation,
            by=getattr(cast, role),
            now=DURING,
        )

    assert refusal(error) == "Only members of a verified stakeholder organisation can apply for it."


def test_an_unverified_organisation_does_not_apply(hearing):
    organisation = OrganisationFactory(status="pending")
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(PermissionDenied):
        services.apply(
            hearing, application_data(), organisation=organisation, by=member, now=DURING
        )

    assert Application.objects.count() == 0


def test_the_region_is_one_of_the_five(cast, hearing):
    with pytest.raises(ValidationError) as error:
        services.apply(
            hearing,
            application_data(region=Region.objects.get(m49="014")),  # Eastern Africa
            organisation=cast.organisation,
            by=cast.member,
            now=DURING,
        )

    assert (refusal(error), Application.objects.count()) == ("Choose one of the five regions.", 0)


def test_a_colleague_edits_the_application_until_the_deadline(cast, hearing):
    application = ApplicationFactory(
        hearing=hearing, organisation=cast.organisation, applicant=cast.member
    )

    services.edit_application(
        application,
        application_data(speaker_role="Chair", objectives=Objective.objects.filter(number=23)),
        by=cast.focal_point,
        now=DURING,
    )

    application.refresh_from_db()
    assert (application.speaker_role, [o.number for o in application.objectives.all()]) == (
        "Chair",
        [23],
    )


@pytest.mark.parametrize(
    ("role", "now", "notified"),
    [("member", DEADLINE, False), ("outsider", DURING, False), ("member", DURING, True)],
)
def test_an_application_changes_only_before_the_deadline_and_the_decision(
    cast, hearing, role, now, notified
):
    application = ApplicationFactory(
        hearing=hearing,
        organisation=cast.organisation,
        speaker_role="Director",
        notified_at=timezone.now() if notified else None,
    )

    with pytest.raises((ValidationError, PermissionDenied)):
        services.edit_application(
            application, application_data(speaker_role="Chair"), by=getattr(cast, role), now=now
        )

    application.refresh_from_db()
    assert application.speaker_role == "Director"


def test_a_member_withdraws_the_application(cast, hearing):
    application = ApplicationFactory(hearing=hearing, organisation=cast.organisation)

    services.withdraw_application(application, by=cast.member, now=DURING)

    assert Application.objects.count() == 0


def test_nobody_withdraws_after_the_deadline(cast, hearing):
    application = ApplicationFactory(hearing=hearing, organisation=cast.organisation)

    with pytest.raises(ValidationError) as error:
        services.withdraw_application(application, by=cast.member, now=DEADLINE)

    assert (refusal(error), Application.objects.count()) == (
        "Applications closed on March 1, 2026 at 5 p.m. (America/New_York time).",
        1,
    )


# Selection --------------------------------------------------------------------------------------


def test_admin_selects_and_places_a_speaker(cast, hearing):
    panel = PanelFactory(hearing=hearing)
    application = ApplicationFactory(hearing=hearing)

    services.decide_application(
        application, status="selected", panel=panel, position=2, by=cast.admin
    )

    application.refresh_from_db()
    assert (application.status, application.panel, application.panel_position) == (
        "selected",
        panel,
        2,
    )
    assert application.decided_at is not None


def test_more_speakers_than_panels_hold_may_be_selected(cast, hearing):
    PanelFactory(hearing=hearing)
    applications = ApplicationFactory.create_batch(5, hearing=hearing)

    for application in applications:
        services.decide_application(application, status="selected", by=cast.admin)

    assert hearing.applications.filter(status="selected").count() == 5


@pytest.mark.parametrize("status", ["not_selected", "pending"])
def test_only_selected_speakers_are_placed_in_a_panel(cast, hearing, status):
    panel = PanelFactory(hearing=hearing)
    application = ApplicationFactory(hearing=hearing)

    with pytest.raises(ValidationError) as error:
        services.decide_application(application, status=status, panel=panel, by=cast.admin)

    application.refresh_from_db()
    assert (refusal(error), application.status, application.panel) == (
        "Only selected speakers can be placed in a panel.",
        "pending",
        None,
    )


def test_a_panel_of_another_hearing_is_refused(cast, hearing):
    other = PanelFactory(hearing=HearingFactory(edition=edition(2022)))
    application = ApplicationFactory(hearing=hearing)

    with pytest.raises(ValidationError):
        services.decide_application(application, status="selected", panel=other, by=cast.admin)

    application.refresh_from_db()
    assert application.panel is None


def test_a_decision_goes_back_to_not_decided(cast, hearing):
    application = ApplicationFactory(
        hearing=hearing, status="not_selected", decided_at=timezone.now()
    )

    services.decide_application(application, status="pending", by=cast.admin)

    application.refresh_from_db()
    assert (application.status, application.decided_at) == ("pending", None)


def test_reviewers_see_but_do_not_decide(cast, hearing):
    application = ApplicationFactory(hearing=hearing)

    with pytest.raises(PermissionDenied):
        services.decide_application(application, status="selected", by=cast.reviewer)

    application.refresh_from_db()
    assert application.status == "pending"


def test_a_decision_told_by_e_mail_stays(cast, hearing):
    application = ApplicationFactory(
        hearing=hearing, status="not_selected", notified_at=timezone.now()
    )

    with pytest.raises(ValidationError):
        services.decide_application(application, status="selected", by=cast.admin)

    application.refresh_from_db()
    assert application.status == "not_selected"


# E-mails ----------------------------------------------------------------------------------------


def test_each_decided_applicant_is_told_once_in_their_language(cast, hearing):
    session = SessionFactory(kind=SessionKind.HEARING, starts_at=at(datetime.date(2026, 5, 4), 10))
    panel = PanelFactory(hearing=hearing, title="Decent work", session=session)
    selected = ApplicationFactory(
        hearing=hearing,
        status="selected",
        panel=panel,
        applicant=UserFactory(email="selected@example.org", language="en"),
        speaker_name="Amina Otieno",
        organisation=OrganisationFactory(name="Kenya Migrant Network"),
    )
    declined = ApplicationFactory(
        hearing=hearing,
        status="not_selected",
        applicant=UserFactory(email="declined@example.org", language="fr"),
    )
    ApplicationFactory(hearing=hearing, applicant=UserFactory(email="pending@example.org"))
    ApplicationFactory(
        hearing=hearing,
        status="selected",
        applicant=UserFactory(email="no-panel@example.org"),
    )

    result = services.notify_applicants(hearing, by=cast.admin)
    again = services.notify_applicants(hearing, by=cast.admin)

    assert (result, again) == (services.Told(told=2, waiting=1), services.Told(told=0, waiting=1))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["selected@example.org"],
            "You are speaking at the multi-stakeholder hearing of IMRF 2026",
        ),
        (
            ["declined@example.org"],
            "Votre candidature à l’audition multipartite de FEMI 2026",
        ),
    ]
    assert mail.outbox[0].body.splitlines()[:4] == [
        "The secretariat selected Amina Otieno of Kenya Migrant Network to speak at the "
        "multi-stakeholder hearing of IMRF 2026. Thank you for applying.",
        "",
        "Panel: Decent work",
        "When: May 4, 2026 at 10 a.m. (America/New_York time)",
    ]
    selected.refresh_from_db()
    declined.refresh_from_db()
    assert selected.notified_at is not None
    assert declined.notified_at is not None
    assert hearing.applications.filter(notified_at=None).count() == 2


def test_the_e_mail_is_in_the_applicants_language(cast, hearing):
    session = SessionFactory(kind=SessionKind.HEARING, starts_at=at(datetime.date(2026, 5, 4), 10))
    ApplicationFactory(
        hearing=hearing,
        status="selected",
        panel=PanelFactory(hearing=hearing, session=session),
        applicant=UserFactory(email="fr@example.org", language="fr"),
    )

    services.notify_applicants(hearing, by=cast.admin)

    [message] = mail.outbox
    # Django's own French formats, whatever our catalogue holds today: the date reads "4 mai".
    assert (message.to, "4 mai 2026 " in message.body, "May" in message.body) == (
        ["fr@example.org"],
        True,
        False,
    )


def test_only_administrators_tell_the_applicants(cast, hearing):
    ApplicationFactory(hearing=hearing, status="not_selected")

    with pytest.raises(PermissionDenied):
        services.notify_applicants(hearing, by=cast.reviewer)

    assert (len(mail.outbox), hearing.applications.filter(notified_at=None).count()) == (0, 1)

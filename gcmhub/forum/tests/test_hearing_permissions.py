"""Who may do what at the hearing, over every role of the cast; and what never leaks: speakers'
names and e-mail addresses stay off every public page (a named speaker who agreed aside)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gcmhub.compact.models import Objective
from gcmhub.forum.models import Application, Hearing, SessionKind
from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    HearingFactory,
    PanelFactory,
    SessionFactory,
)
from gcmhub.workflow.tests.test_permissions import ROLES

pytestmark = pytest.mark.django_db

# role: (apply for cast.organisation, see the applications, decide, tell, manage the call)
MATRIX = {
    "anonymous": (False, False, False, False, False),
    "no_organisation": (False, False, False, False, False),
    "outsider": (False, False, False, False, False),
    "member": (True, False, False, False, False),
    "focal_point": (True, False, False, False, False),
    "reviewer": (False, True, False, False, False),
    "admin": (False, True, True, True, True),
}


def url(name: str, *args) -> str:
    return reverse(f"forum:{name}", args=[2026, *args])


@pytest.mark.parametrize("role", ROLES)
def test_hearing_permission_matrix(client, cast, role):
    hearing = HearingFactory()
    panel = PanelFactory(hearing=hearing)
    decided = ApplicationFactory(hearing=hearing, status="not_selected")
    pending = ApplicationFactory(hearing=hearing)
    user = getattr(cast, role)
    if user.is_authenticated:
        client.force_login(user)
    prefix = f"a{pending.pk}"

    client.post(
        url("hearing_apply"),
        {
            "organisation": cast.organisation.pk,
            "speaker_name": "Amina Otieno",
            "speaker_email": "amina@example.org",
            "speaker_role": "Director",
            "topic": "Fair recruitment.",
            "objectives": [Objective.objects.get(number=2).pk],
            "region": "002",
            "gender": "woman",
        },
    )
    seen = client.get(url("hearing_applications"))
    client.post(
        url("hearing_decide", pending.pk),
        {f"{prefix}-status": "selected", f"{prefix}-panel": panel.pk},
    )
    client.post(url("hearing_notify"))
    manage = client.get(url("hearing_manage"))
    client.post(
        url("hearing_manage"),
        {"opens_at": "2026-01-01T09:00", "deadline": "2026-02-01T09:00", "introduction": "New"},
    )

    pending.refresh_from_db()
    decided.refresh_from_db()
    hearing.refresh_from_db()
    allowed = (
        hearing.applications.filter(organisation=cast.organisation).exists(),
        seen.status_code == 200 and decided in seen.context["applications"],
        pending.status == "selected",
        decided.notified_at is not None,
        manage.status_code == 200 and hearing.introduction == "New",
    )
    assert allowed == MATRIX[role]
    assert len(mail.outbox) == (2 if role == "admin" else 0)  # the decision just made, too
    refused = {seen.status_code, manage.status_code} - {200}
    assert refused == ({302} if role == "anonymous" else set() if role == "admin" else {403})


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisation_sees_its_application(client, cast, role):
    application = ApplicationFactory(hearing=HearingFactory(), organisation=cast.organisation)
    user = getattr(cast, role)
    if user.is_authenticated:
        client.force_login(user)

    response = client.get(url("hearing_application_edit", application.pk))

    expected = {"anonymous": 302, "member": 200, "focal_point": 200}.get(role, 404)
    assert response.status_code == expected


# Leaks ------------------------------------------------------------------------------------------

NAME = "Zanzibar Quokkaperson"
EMAIL = "quokka.leak@example.org"


def plant(hearing, panel, **fields) -> Application:
    return ApplicationFactory(
        hearing=hearing,
        panel=panel if fields.get("status") == "selected" else None,
        speaker_name=NAME,
        speaker_email=EMAIL,
        **fields,
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "pending", "name_is_public": True},
        {"status": "not_selected", "name_is_public": True, "notified_at": timezone.now()},
        {"status": "selected", "name_is_public": True},  # placed, not told yet
        {"status": "selected", "name_is_public": False, "notified_at": timezone.now()},
    ],
    ids=["pending", "not-selected", "selected-not-told", "selected-without-consent"],
)
def test_speakers_names_and_addresses_appear_on_no_public_page(client, cast, fields):
    hearing = HearingFactory()
    session = SessionFactory(kind=SessionKind.HEARING)
    panel = PanelFactory(hearing=hearing, session=session)
    application = plant(hearing, panel, organisation=cast.organisation, **fields)
    doors = [
        url("hearing"),
        url("programme"),
        url("session", session.pk),
        url("speakers"),
        url("side_events"),
        reverse("forum:home"),
        reverse("web:country", args=["KEN"]),
        reverse("accounts:organisation", args=[application.organisation.pk]),
        reverse("accounts:organisations"),
    ]

    anonymous = {door: client.get(door).content.decode() for door in doors}
    client.force_login(cast.outsider)  # another organisation's member sees no more
    outsider = {door: client.get(door).content.decode() for door in [*doors, url("hearing_apply")]}

    pages = {**anonymous, **{f"{door} (outsider)": text for door, text in outsider.items()}}
    assert [door for door, text in pages.items() if NAME in text or EMAIL in text] == []


def test_a_consenting_told_speaker_is_named_but_their_address_stays_hidden(client):
    hearing = HearingFactory()
    plant(
        hearing,
        PanelFactory(hearing=hearing),
        status="selected",
        name_is_public=True,
        notified_at=timezone.now(),
    )

    text = client.get(url("hearing")).content.decode()

    assert (NAME in text, EMAIL in text) == (True, False)


def test_nothing_is_public_before_the_call(client):
    response = client.get(url("hearing"))

    assert (response.status_code, list(response.context["panels"])) == (200, [])
    assert Hearing.objects.count() == 0

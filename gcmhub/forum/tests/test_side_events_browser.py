"""axe-core on the side-event pages in English and Arabic: the public list and an event's page,
the proposal form, the reviewers' list and the secretariat's pages. The data is made once."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from gcmhub.accounts.models import Membership, Role, User
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from gcmhub.forum.models import EventFormat, Score
from gcmhub.forum.side_events import services
from gcmhub.forum.tests.factories import RoomFactory, SideEventCallFactory, SideEventFactory, at
from gcmhub.web.tests.browser import axe_violations
from gcmhub.workflow.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url: str) -> list[dict]:
    """Open URL and return its axe-core violations, or the HTTP error it answers with."""
    response = page.goto(url)
    return axe_violations(page) if response.ok else [{"status": response.status}]


def sign_in(page, live_server, email: str) -> None:
    """Open a session as EMAIL (signing in by keyboard is proven by the journeys elsewhere)."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_side_event_pages_have_no_accessibility_violations(page, live_server):
    organisation = OrganisationFactory(name="Kituo cha Sheria")
    MembershipFactory(
        organisation=organisation, level=Membership.Level.FOCAL_POINT, user__email="fp@example.org"
    )
    UserFactory(email="rev@example.org", role=Role.REVIEWER)
    admin = UserFactory(
        email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    call = SideEventCallFactory(criteria=["Relevance", "Partnership"])
    relevance, _ = call.criteria.all()
    call.introduction = "Side events on the themes of the four round tables."
    call.save()
    accepted = SideEventFactory(
        call=call,
        organisation=organisation,
        state=State.PUBLISHED,
        title="Fair recruitment corridors",
        format=EventFormat.IN_PERSON,
        other_organisers="Migrant Workers' Alliance",
        objectives=[6, 2],
    )
    accepted.co_organisers.add(OrganisationFactory(name="Partner Organisation"))
    services.schedule_side_event(
        accepted,
        starts_at=at(datetime.date(2026, 5, 5), 13),
        ends_at=at(datetime.date(2026, 5, 5), 14, 30),
        room=RoomFactory(name="Conference Room 12"),
        link="https://example.org/live",
        by=admin,
    )
    SideEventFactory(call=call, state=State.PUBLISHED, title="Data for all")  # time to be announced
    submitted = SideEventFactory(call=call, organisation=organisation, title="Pending proposal")
    Score.objects.create(side_event=submitted, criterion=relevance, reviewer=admin, value=4)
    draft = SideEventFactory(call=call, organisation=organisation, state=State.DRAFT)
    found = {}

    for lang in ["en", "ar"]:
        base = f"{live_server.url}/{lang}/forum/2026/side-events/"
        page.context.clear_cookies()
        for url in ["", "?objective=6&format=in_person&day=2026-05-05", f"{accepted.pk}/"]:
            found[f"{lang} {url}"] = visit(page, base + url)
        sign_in(page, live_server, "fp@example.org")
        for url in ["propose/", f"{draft.pk}/"]:
            found[f"{lang} {url} (organiser)"] = visit(page, base + url)
        found[f"{lang} mine (organiser)"] = visit(
            page, f"{live_server.url}/{lang}/forum/side-events/mine/"
        )
        page.goto(base + "propose/")
        page.locator("main button.button[type=submit]").click()  # sent empty
        page.wait_for_selector(".error-message")
        found[f"{lang} propose/ (organiser, errors)"] = axe_violations(page)
        sign_in(page, live_server, "rev@example.org")
        for url in ["review/", f"{submitted.pk}/", f"{submitted.pk}/score/"]:
            found[f"{lang} {url} (reviewer)"] = visit(page, base + url)
        sign_in(page, live_server, "admin@example.org")
        for url in ["call/", f"{accepted.pk}/", f"{accepted.pk}/schedule/"]:
            found[f"{lang} {url} (admin)"] = visit(page, base + url)

    assert found == {url: [] for url in found}

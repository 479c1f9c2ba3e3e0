"""A practice's whole journey in a real browser, by keyboard: submitted, peer-reviewed,
published, found by search. axe-core on every practice page in English and Arabic."""

import pytest

from gcmhub.accounts.models import Membership, Role
from gcmhub.accounts.tests.factories import MembershipFactory, UserFactory
from gcmhub.pledges.tests.test_browser import save, sign_in, tab_to
from gcmhub.practices.models import Practice
from gcmhub.practices.tests.factories import (
    AssignmentFactory,
    CallFactory,
    PracticeFactory,
    ReviewerProfileFactory,
)
from gcmhub.web.tests.browser import axe_violations
from gcmhub.workflow.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def test_practice_journey_by_keyboard(page, live_server):
    MembershipFactory(level=Membership.Level.FOCAL_POINT, user__email="fp@example.org")
    UserFactory(email="sec@example.org", role=Role.REVIEWER)
    peers = [
        ReviewerProfileFactory(user__email=f"peer{n}@example.org", user__full_name=name, kind=kind)
        for n, (name, kind) in enumerate(
            [
                ("Ines Internal", "internal"),
                ("Erik External", "external"),
                ("Ema Extern", "external"),
            ]
        )
    ]

    sign_in(page, live_server, "fp@example.org")
    page.goto(f"{live_server.url}/en/practices/new/")
    tab_to(page, "#id_title")
    page.keyboard.type("Kilimanjaro wage wallets for seasonal workers")
    tab_to(page, "#id_summary")
    page.keyboard.type("Seasonal workers receive their wages on a mobile wallet, on time. " * 4)
    for number in range(5):
        press(page, f"#id_criteria_{number}", "Space")
    save(page)
    page.wait_for_selector("text=Your draft practice is saved.")
    practice = Practice.objects.get(title__startswith="Kilimanjaro")

    page.goto(f"{live_server.url}/en/practices/{practice.pk}/edit/objectives/")
    press(page, "#id_primary_objectives_5", "Space")
    save(page)
    page.wait_for_selector("text=Saved.")
    page.goto(f"{live_server.url}/en/practices/{practice.pk}/edit/scope/")
    press(page, "#id_practice_type_0", "ArrowDown")  # arrows move in a radio group
    tab_to(page, "#id_start_year")
    page.keyboard.type("2021")
    press(page, "#id_is_ongoing", "Space")
    press(page, "#id_is_global", "Space")
    save(page)
    page.wait_for_selector("text=Saved.")
    page.goto(f"{live_server.url}/en/practices/{practice.pk}/edit/detail/")
    for field in ("benefits", "innovation", "replication", "lessons"):
        tab_to(page, f"#id_{field}")
        page.keyboard.type(f"Our {field}: wages arrive on the day they are due.")
    save(page)
    page.wait_for_selector("text=Saved.")
    page.goto(f"{live_server.url}/en/practices/{practice.pk}/check/")
    press(page, "text=Submit the practice for review")
    page.wait_for_selector("text=Sent for review.")

    sign_in(page, live_server, "sec@example.org")
    page.goto(f"{live_server.url}/en/practices/review/")
    press(page, f"main a[href$='/practices/{practice.pk}/review/']")
    for peer in peers:
        press(page, f"text=Ask {peer.user.full_name}")
        page.wait_for_selector(f"text={peer.user.full_name} is asked to review.")

    for peer in peers:
        sign_in(page, live_server, peer.user.email)
        page.goto(f"{live_server.url}/en/practices/reviews/")
        press(page, f"main a:text-is('{practice.title}')")
        assert page.locator("text=on a mobile wallet").count() == 0  # not before declaring
        press(page, "#id_has_conflict_0", "Space")
        press(page, "text=Send my declaration")
        page.wait_for_selector("text=Thank you: your declaration is recorded.")
        press(page, "#id_recommendation_0", "Space")
        tab_to(page, "#id_comments")
        page.keyboard.type("Clear, costed and replicable.")
        press(page, "text=Send my review")
        page.wait_for_selector("text=Thank you: your review is sent to the secretariat.")

    sign_in(page, live_server, "sec@example.org")
    page.goto(f"{live_server.url}/en/practices/{practice.pk}/review/")
    page.wait_for_selector("text=Peer review is complete: the secretariat can decide.")
    press(page, "main button:text-is('Publish')")
    page.wait_for_selector("text=Published.")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/practices/")
    tab_to(page, "#id_q")
    page.keyboard.type("kilimanjaro")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"main h2 a:text-is('{practice.title}')")
    practice.refresh_from_db()
    assert practice.state == State.PUBLISHED


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_practice_pages_have_no_accessibility_violations(page, live_server, lang):
    membership = MembershipFactory(level=Membership.Level.FOCAL_POINT, user__email="fp@example.org")
    UserFactory(email="sec@example.org", role=Role.REVIEWER)
    call = CallFactory()
    published = PracticeFactory(organisation=membership.organisation, call=call)
    PracticeFactory(primary_objectives=[6], countries=["KEN"])
    draft = PracticeFactory(organisation=membership.organisation, state=State.DRAFT)
    assignment = AssignmentFactory(reviewer__user__email="peer@example.org")
    reviewing = AssignmentFactory(reviewer=assignment.reviewer, conflict="none")
    public = [
        f"/{lang}/practices/",
        f"/{lang}/practices/?q=practice&objective=6&region=002",
        f"/{lang}/practices/{published.pk}/",
        f"/{lang}/practices/calls/",
        f"/{lang}/practices/calls/{call.pk}/",
        f"/{lang}/objectives/6/",
        f"/{lang}/countries/PHL/",
    ]
    owner = [
        f"/{lang}/practices/mine/",
        f"/{lang}/practices/new/",
        f"/{lang}/practices/{draft.pk}/",
        f"/{lang}/practices/{draft.pk}/edit/",
        f"/{lang}/practices/{draft.pk}/edit/files/",
        f"/{lang}/practices/{draft.pk}/check/",
        f"/{lang}/practices/{draft.pk}/delete/",
    ]
    owner += [
        f"/{lang}/practices/{draft.pk}/edit/{slug}/"
        for slug in ("about", "objectives", "scope", "collaborators", "detail")
    ]
    secretariat = [
        f"/{lang}/practices/review/",
        f"/{lang}/practices/{assignment.practice.pk}/review/",
        f"/{lang}/practices/calls/new/",
    ]
    found = {}

    for url in public:
        page.goto(live_server.url + url)
        found[url] = axe_violations(page)
    sign_in(page, live_server, "fp@example.org", lang)
    for url in owner:
        page.goto(live_server.url + url)
        found[url] = axe_violations(page)
    sign_in(page, live_server, "sec@example.org", lang)
    for url in secretariat:
        page.goto(live_server.url + url)
        found[url] = axe_violations(page)
    sign_in(page, live_server, "peer@example.org", lang)
    for url in [
        f"/{lang}/practices/reviews/",
        assignment.get_absolute_url(),
        reviewing.get_absolute_url(),
    ]:
        page.goto(live_server.url + url.replace("/en/", f"/{lang}/"))
        found[url] = axe_violations(page)

    assert {url: v for url, v in found.items() if v} == {}

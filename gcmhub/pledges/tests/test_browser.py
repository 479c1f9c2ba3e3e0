"""A pledge's whole journey in a real browser, by keyboard; axe-core on every pledge page."""

import pytest

from gcmhub.accounts.models import Membership, Role
from gcmhub.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory
from gcmhub.pledges.models import Pledge
from gcmhub.pledges.tests.factories import PledgeFactory, ProgressReportFactory
from gcmhub.web.tests.browser import axe_violations
from gcmhub.workflow.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until SELECTOR has the focus: proof that the keyboard reaches it."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def sign_in(page, live_server, email, lang="en"):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/{lang}/accounts/sign-in/")
    tab_to(page, "#id_email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/accounts/")


def save(page):
    tab_to(page, "main button.button[type=submit]:not([name=find])")
    with page.expect_navigation():  # the next page, not the one still showing
        page.keyboard.press("Enter")


def headline_total(page, live_server) -> int:
    page.goto(f"{live_server.url}/en/pledges/dashboard/")
    return int(page.locator("[data-total]").get_attribute("data-total"))


def test_pledge_journey_by_keyboard(page, live_server):
    focal = MembershipFactory(level=Membership.Level.FOCAL_POINT, user__email="fp@example.org")
    UserFactory(email="rev@example.org", role=Role.REVIEWER)
    PledgeFactory()  # the dashboard starts from one published pledge
    assert headline_total(page, live_server) == 1

    sign_in(page, live_server, "fp@example.org")
    page.goto(f"{live_server.url}/en/pledges/new/")
    tab_to(page, "#id_title")
    page.keyboard.type("Language courses for every newcomer")
    tab_to(page, "#id_description")
    page.keyboard.type("Free language courses for migrants in every province, with childcare. " * 5)
    save(page)
    page.wait_for_selector("text=Your draft pledge is saved.")
    pledge = Pledge.objects.get(title="Language courses for every newcomer")

    page.goto(f"{live_server.url}/en/")  # leave, then resume from "Your pledges"
    page.goto(f"{live_server.url}/en/pledges/mine/")
    tab_to(page, f"main a[href$='/pledges/{pledge.pk}/']")
    page.keyboard.press("Enter")
    tab_to(page, "text=Edit the pledge")
    page.keyboard.press("Enter")

    for slug, keys in [
        ("partners", [("#id_pledge_type_0", ["Space"])]),
        ("objectives", [("#id_main_objectives_15", ["Space"])]),
        (
            "scope",
            [("#id_level_0", ["ArrowDown"]), ("#id_category_0", ["Space"])],
        ),  # arrows move in a radio group
    ]:
        page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/edit/{slug}/")
        for selector, presses in keys:
            tab_to(page, selector)
            for key in presses:
                page.keyboard.press(key)
        save(page)
        page.wait_for_selector("text=Saved.")
    page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/edit/smart/")
    tab_to(page, "#id_action")
    page.keyboard.type(
        "Open 40 classes in 10 provinces for 2,000 learners a year, with childcare on site."
    )
    tab_to(page, "#id_indicator_1")
    page.keyboard.type("Learners")
    page.keyboard.press("Tab")
    page.keyboard.type("0")
    page.keyboard.press("Tab")
    page.keyboard.type("2000")
    page.fill("#id_start_date", "2026-09-01")
    page.fill("#id_end_date", "2029-06-30")
    save(page)
    page.wait_for_selector("text=Saved.")

    page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/check/")
    assert page.locator("#smart-title").inner_text() == "SMART check: 4 of 5"
    tab_to(page, "text=Submit the pledge for review")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Sent for review.")

    sign_in(page, live_server, "rev@example.org")
    page.goto(f"{live_server.url}/en/pledges/review/")
    tab_to(page, f"main a[href$='/pledges/{pledge.pk}/']")
    page.keyboard.press("Enter")
    tab_to(page, "#note-request_changes")
    page.keyboard.type("Please name the provinces.")
    tab_to(page, "text=Request changes")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Returned to the submitter with your note.")

    sign_in(page, live_server, "fp@example.org")
    page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/")
    assert page.locator("blockquote").first.inner_text() == "Please name the provinces."
    page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/edit/smart/")
    tab_to(page, "#id_action")
    page.keyboard.press("End")
    page.keyboard.type(" Provinces: North, Coast, Valley.")
    save(page)
    page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/check/")
    tab_to(page, "text=Submit the pledge for review")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Sent for review.")

    sign_in(page, live_server, "rev@example.org")
    page.goto(f"{live_server.url}/en/pledges/{pledge.pk}/")
    tab_to(page, "main button:text-is('Publish')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Published.")

    pledge.refresh_from_db()
    assert pledge.state == State.PUBLISHED and pledge.action.endswith("Valley.")
    assert headline_total(page, live_server) == 2
    assert focal.organisation == pledge.organisation


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pledge_pages_have_no_accessibility_violations(page, live_server, lang):
    membership = MembershipFactory(level=Membership.Level.FOCAL_POINT, user__email="fp@example.org")
    UserFactory(email="rev@example.org", role=Role.REVIEWER)
    published = PledgeFactory(
        organisation=membership.organisation, resources_amount=5000, resources_currency="USD"
    )
    ProgressReportFactory(pledge=published)
    draft = PledgeFactory(organisation=membership.organisation, state=State.DRAFT)
    PledgeFactory(state=State.SUBMITTED)
    public = [
        f"/{lang}/pledges/",
        f"/{lang}/pledges/?objective=5&region=002",
        f"/{lang}/pledges/{published.pk}/",
        f"/{lang}/pledges/dashboard/",
        f"/{lang}/countries/KEN/",
    ]
    owner = [
        f"/{lang}/pledges/mine/",
        f"/{lang}/pledges/new/",
        f"/{lang}/pledges/{draft.pk}/",
        f"/{lang}/pledges/{draft.pk}/edit/",
        f"/{lang}/pledges/{draft.pk}/check/",
        f"/{lang}/pledges/{draft.pk}/delete/",
        f"/{lang}/pledges/{published.pk}/report/",
    ]
    owner += [
        f"/{lang}/pledges/{draft.pk}/edit/{slug}/"
        for slug in ("about", "partners", "objectives", "scope", "smart")
    ]
    found = {}

    for url in public:
        page.goto(live_server.url + url)
        found[url] = axe_violations(page)
    sign_in(page, live_server, "fp@example.org", lang)
    for url in owner:
        page.goto(live_server.url + url)
        found[url] = axe_violations(page)
    sign_in(page, live_server, "rev@example.org", lang)
    page.goto(f"{live_server.url}/{lang}/pledges/review/")
    found["review"] = axe_violations(page)

    assert {url: v for url, v in found.items() if v} == {}

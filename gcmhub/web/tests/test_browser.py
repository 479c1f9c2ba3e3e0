"""Key journeys in a real browser, and axe-core on every page type in English and Arabic."""

import re

import pytest

from gcmhub.accounts.models import Membership, Organisation, Role
from gcmhub.accounts.tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from gcmhub.web.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/objectives/",
    "/{lang}/objectives/7/",
    "/{lang}/principles/",
    "/{lang}/countries/",
    "/{lang}/countries/EGY/",
    "/{lang}/organisations/",
    "/{lang}/accounts/sign-in/",
    "/{lang}/accounts/register/",
    "/{lang}/accounts/password-reset/",
    "/{lang}/accounts/confirm-again/",
    "/{lang}/no-such-page/",
]


def _sign_in(page, live_server, lang, email):
    page.goto(f"{live_server.url}/{lang}/accounts/sign-in/")
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/{lang}/accounts/")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_public_pages_have_no_accessibility_violations(page, live_server, lang):
    OrganisationFactory(name="Migrant Rights Alliance")
    found = {}

    for template in PUBLIC_PAGES:
        page.goto(live_server.url + template.format(lang=lang))
        found[template] = axe_violations(page)

    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_signed_in_pages_have_no_accessibility_violations(page, live_server, lang):
    membership = MembershipFactory(level=Membership.Level.FOCAL_POINT, user__email="fp@example.org")
    MembershipFactory(organisation=membership.organisation, status=Membership.Status.REQUESTED)
    _sign_in(page, live_server, lang, "fp@example.org")
    found = {}

    for url in [
        f"/{lang}/accounts/",
        f"/{lang}/organisations/{membership.organisation.pk}/",
        f"/{lang}/organisations/new/",
        f"/{lang}/accounts/profile/",
        f"/{lang}/accounts/password/",
    ]:
        page.goto(live_server.url + url)
        found[url] = axe_violations(page)

    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_form_errors_have_no_accessibility_violations(page, live_server, lang):
    page.goto(f"{live_server.url}/{lang}/accounts/register/")
    page.fill("#id_email", "not-an-address")
    page.click("main button[type=submit]")
    page.wait_for_selector(".error-summary")

    assert axe_violations(page) == []
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert page.input_value("#id_email") == "not-an-address"


def test_arabic_layout_mirrors(page, live_server):
    page.goto(f"{live_server.url}/ar/objectives/")

    direction = page.evaluate("getComputedStyle(document.body).direction")
    first_cell = page.locator("tbody tr:first-child td.num").bounding_box()
    header = page.locator("tbody tr:first-child th").bounding_box()

    assert direction == "rtl"
    assert first_cell["x"] > header["x"]  # the number column stands at the right


def test_sign_in_by_keyboard_alone(page, live_server):
    UserFactory(email="keys@example.org")
    page.goto(f"{live_server.url}/en/accounts/sign-in/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")  # the skip link takes focus into the main content
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_email":
            break
    page.keyboard.type("keys@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/en/accounts/")
    assert page.locator("h1").inner_text() == "Your account"


def test_language_switcher_keeps_the_page(page, live_server):
    page.goto(f"{live_server.url}/en/countries/EGY/")

    page.click("nav.languages a[hreflang=ar]")

    page.wait_for_url("**/ar/countries/EGY/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "مصر"


def test_pages_work_without_javascript(browser, live_server, reference_data):
    UserFactory(email="nojs@example.org")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}/en/accounts/sign-in/")
    page.fill("#id_email", "nojs@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")

    page.wait_for_url("**/en/accounts/")
    context.close()


def test_the_accessibility_check_can_fail(page):
    page.set_content('<html lang="en"><body><img src="x.png"><input type="text"></body></html>')

    rules = {violation["rule"] for violation in axe_violations(page)}

    assert {"image-alt", "label"} <= rules


def _last_link(live_server) -> str:
    from django.core import mail

    link = re.search(r"http://\S+", mail.outbox[-1].body).group()
    return live_server.url + re.sub(r"^https?://[^/]+", "", link)


def test_register_confirm_and_found_an_organisation_in_arabic(page, live_server):
    page.goto(f"{live_server.url}/ar/accounts/register/")
    page.fill("#id_full_name", "ليلى")
    page.fill("#id_email", "layla@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/ar/accounts/register/sent/")

    page.goto(_last_link(live_server))
    page.wait_for_url("**/ar/accounts/sign-in/")
    page.fill("#id_email", "layla@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/ar/accounts/")

    page.goto(f"{live_server.url}/ar/organisations/new/")
    page.fill("#id_name", "شبكة المهاجرين")
    page.select_option("#id_entity_type", label="منظمة للمهاجرين أو للمغتربين")
    page.select_option("#id_country", label="الأردن")
    page.click("main button[type=submit]")

    page.wait_for_selector("text=شبكة المهاجرين")
    organisation = Organisation.objects.get(name="شبكة المهاجرين")
    assert (organisation.country.iso3, organisation.status) == ("JOR", Organisation.Status.PENDING)
    assert organisation.memberships.get().is_focal_point


def test_admin_verifies_and_focal_point_invites(page, live_server):
    UserFactory(email="boss@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True)
    pending = OrganisationFactory(name="Harbour Aid", status=Organisation.Status.PENDING)
    MembershipFactory(
        organisation=pending, level=Membership.Level.FOCAL_POINT, user__email="fp@example.org"
    )
    UserFactory(email="new@example.org")

    _sign_in(page, live_server, "en", "boss@example.org")
    page.goto(f"{live_server.url}/en/admin/accounts/organisation/")
    page.check(f"input[name=_selected_action][value='{pending.pk}']")
    page.select_option("select[name=action]", "verify")
    page.click("button[name=index]")
    page.wait_for_selector("text=1 organisation verified.")
    pending.refresh_from_db()
    assert pending.status == Organisation.Status.VERIFIED

    page.context.clear_cookies()
    _sign_in(page, live_server, "en", "fp@example.org")
    page.goto(f"{live_server.url}/en/organisations/{pending.pk}/")
    page.fill("#id_email", "new@example.org")
    page.click("text=Send the invitation")
    page.wait_for_selector("text=An invitation was sent to new@example.org.")

    page.context.clear_cookies()
    _sign_in(page, live_server, "en", "new@example.org")
    page.goto(_last_link(live_server))
    page.click("text=Accept the invitation")
    page.wait_for_selector("text=You are now a member of Harbour Aid.")
    assert Membership.objects.get(user__email="new@example.org").organisation == pending

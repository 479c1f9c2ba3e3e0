"""The API's documentation page in a real browser: axe-core finds nothing in English or in
Arabic (right to left), and its links to the API answer."""

import pytest

from gcmhub.accounts.tests.factories import GovernmentFactory, focal_point_of
from gcmhub.pledges.tests.test_browser import sign_in
from gcmhub.web.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_documentation_page_has_no_accessibility_violations(page, live_server, lang):
    response = page.goto(f"{live_server.url}/{lang}/api/")

    assert response.status == 200
    assert axe_violations(page) == []


def test_documentation_links_to_the_api_and_its_document(page, live_server):
    page.goto(f"{live_server.url}/en/api/")

    page.get_by_role("link", name=f"{live_server.url}/api/v1/openapi.json").click()

    assert page.url == f"{live_server.url}/api/v1/openapi.json"
    assert '"openapi":"3.1.0"' in page.content()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_data_page_has_no_accessibility_violations(page, live_server, lang):
    response = page.goto(f"{live_server.url}/{lang}/data/")

    assert response.status == 200
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_token_pages_have_no_accessibility_violations(page, live_server, lang):
    organisation = GovernmentFactory()
    focal_point_of(organisation, "focal.tokens@example.org")
    sign_in(page, live_server, "focal.tokens@example.org", lang=lang)

    page.goto(f"{live_server.url}/{lang}{organisation.get_absolute_url()[3:]}")
    listed = axe_violations(page)
    page.fill("#id_name", "Reporting system")
    page.locator("form[action*='/tokens/'] button[type=submit]").click()
    page.wait_for_load_state()

    secret = page.locator("#token-secret").inner_text()
    assert (listed, axe_violations(page), secret[:4], len(secret)) == ([], [], "gcm_", 47)

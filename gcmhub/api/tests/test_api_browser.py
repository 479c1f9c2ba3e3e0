"""The API's documentation page in a real browser: axe-core finds nothing in English or in
Arabic (right to left), and its links to the API answer."""

import pytest

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

"""axe-core on the hearing's pages in English and Arabic: the public page with its panels, the
apply form with the applicant's own application and with errors, the selection page with its
balance charts and the call's page. The data is made once for both languages."""

import pytest
from django.utils import timezone

from gcmhub.accounts.models import Role
from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from gcmhub.compact.models import EntityType, Region
from gcmhub.forum.models import SessionKind
from gcmhub.forum.tests.factories import (
    ApplicationFactory,
    HearingFactory,
    PanelFactory,
    SessionFactory,
)
from gcmhub.pledges.tests.test_browser import sign_in
from gcmhub.web.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url: str) -> list[dict]:
    response = page.goto(url)
    return axe_violations(page) if response.ok else [{"status": response.status}]


def test_hearing_pages_have_no_accessibility_violations(page, live_server):
    hearing = HearingFactory(introduction="Voices of migrants, diaspora and civil society.")
    panel = PanelFactory(
        hearing=hearing, title="Labour mobility", session=SessionFactory(kind=SessionKind.HEARING)
    )
    PanelFactory(hearing=hearing, title="Climate and migration")
    member = MembershipFactory(user__email="member@example.org").user
    ApplicationFactory(hearing=hearing, organisation=member.memberships.get().organisation)
    speakers = [
        ("selected", "002", "woman", True, "civil-society"),
        ("selected", "142", "man", False, "academia"),
        ("not_selected", "150", "other", False, "academia"),
    ]
    for position, (status, m49, gender, named, kind) in enumerate(speakers):
        ApplicationFactory(
            hearing=hearing,
            status=status,
            panel=panel if status == "selected" else None,
            panel_position=position,
            region=Region.objects.get(m49=m49),
            gender=gender,
            name_is_public=named,
            notified_at=timezone.now(),
            organisation=OrganisationFactory(entity_type=EntityType.objects.get(code=kind)),
        )
    UserFactory(email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True)
    found = {}

    for lang in ["en", "ar"]:
        page.context.clear_cookies()
        found[f"/{lang}/forum/2026/hearing/"] = visit(
            page, f"{live_server.url}/{lang}/forum/2026/hearing/"
        )
        sign_in(page, live_server, "member@example.org", lang)
        url = f"/{lang}/forum/2026/hearing/apply/"
        found[url] = visit(page, live_server.url + url)
        page.locator("main button.button[type=submit]").click()  # sent empty
        page.wait_for_selector(".error-message")
        found[f"{url} (errors)"] = axe_violations(page)
        sign_in(page, live_server, "admin@example.org", lang)
        for url in [
            f"/{lang}/forum/2026/hearing/applications/",
            f"/{lang}/forum/2026/hearing/manage/",
        ]:
            found[url] = visit(page, live_server.url + url)

    assert found == {url: [] for url in found}

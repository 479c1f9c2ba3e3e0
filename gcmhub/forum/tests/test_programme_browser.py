"""The programme in a real browser: a session starred by keyboard lands on "my agenda" with the
reader's own time beside the venue's; axe-core on every programme page in English and Arabic."""

import datetime

import pytest
from django.utils import timezone

from gcmhub.accounts.models import Role
from gcmhub.accounts.tests.factories import UserFactory
from gcmhub.compact.models import Country
from gcmhub.forum.models import AgendaItem, SessionKind
from gcmhub.forum.tests.factories import SessionFactory, at, edition
from gcmhub.pledges.tests.test_browser import sign_in, tab_to
from gcmhub.web.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, url: str) -> list[dict]:
    response = page.goto(url)
    return axe_violations(page) if response.ok else [{"status": response.status}]


def test_star_a_session_by_keyboard_and_find_it_on_my_agenda(page, live_server):
    UserFactory(email="delegate@example.org")
    table = SessionFactory(objectives=[2, 5])
    table.chair_countries.set(Country.objects.filter(iso3__in=["EGY", "DEU"]))

    sign_in(page, live_server, "delegate@example.org")
    page.goto(f"{live_server.url}/en/forum/2026/")
    tab_to(page, "main button:text-is('Add “Round table 1” to my agenda')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=“Round table 1” is on your agenda.")
    page.goto(f"{live_server.url}/en/forum/agenda/")

    assert page.locator("main article h2").all_inner_texts() == ["Round table 1"]
    assert page.locator("main .your-time").first.inner_text().startswith(" (your time: ")
    assert AgendaItem.objects.get().session == table


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_programme_pages_have_no_accessibility_violations(page, live_server, lang):
    UserFactory(email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True)
    UserFactory(email="delegate@example.org")
    past = edition(2022)
    held = SessionFactory(
        edition=past,
        starts_at=at(datetime.date(2022, 5, 17), 10),
        summary="The round table took stock.",
        summary_published_at=timezone.now(),
        objectives=[2, 5, 6],
        link="https://webtv.un.org/",
    )
    held.chair_countries.set(Country.objects.filter(iso3__in=["EGY", "DEU"]))
    SessionFactory(
        edition=past,
        kind=SessionKind.POLICY_DEBATE,
        number=None,
        starts_at=at(datetime.date(2022, 5, 18), 15),
    )
    SessionFactory(edition=past, kind=SessionKind.SIDE_EVENT, room=None, title="Online dialogue")
    upcoming = SessionFactory()
    public = [
        f"/{lang}/forum/",
        f"/{lang}/forum/2022/",
        f"/{lang}/forum/2022/?kind=round_table",
        f"/{lang}/forum/2022/sessions/{held.pk}/",
    ]
    delegate = [f"/{lang}/forum/agenda/", f"/{lang}/forum/2026/"]
    admin = [
        f"/{lang}/forum/2022/summaries/",
        f"/{lang}/forum/2022/sessions/{held.pk}/",
        f"/{lang}/forum/2022/sessions/{held.pk}/edit/",
        f"/{lang}/forum/2022/sessions/{held.pk}/summary/",
        f"/{lang}/forum/2026/sessions/{upcoming.pk}/delete/",
        f"/{lang}/forum/2026/sessions/new/",
    ]
    found = {}

    for url in public:
        found[url] = visit(page, live_server.url + url)
    sign_in(page, live_server, "delegate@example.org", lang)
    page.goto(f"{live_server.url}/{lang}/forum/2022/sessions/{held.pk}/")
    page.locator("main .star-form button").first.click()
    page.wait_for_load_state()
    for url in delegate:
        found[f"{url} (delegate)"] = visit(page, live_server.url + url)
    sign_in(page, live_server, "admin@example.org", lang)
    for url in admin:
        found[f"{url} (admin)"] = visit(page, live_server.url + url)
    page.locator("main button.button[type=submit]").click()  # the new-session form, sent empty
    page.wait_for_selector(".error-message")
    found[f"/{lang}/forum/2026/sessions/new/ (admin, errors)"] = axe_violations(page)

    assert found == {url: [] for url in found}

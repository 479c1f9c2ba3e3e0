"""The speakers list in a real browser: a Member State's focal point inscribes by keyboard, the
secretariat publishes, the public sees the order. axe-core on every speakers page in English
and Arabic."""

import pytest
from django.utils import timezone

from gcmhub.accounts.models import Membership, Role
from gcmhub.accounts.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    focal_point_of,
)
from gcmhub.compact.models import Country
from gcmhub.forum.models import Category, Inscription, Level
from gcmhub.forum.tests.factories import InscriptionFactory, SpeakersListFactory
from gcmhub.pledges.tests.test_browser import save, sign_in, tab_to
from gcmhub.web.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def government(iso3):
    return GovernmentFactory(country=Country.objects.get(iso3=iso3))


def press(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def _list_with_a_group_and_kenya(**kwargs):
    speakers_list = SpeakersListFactory(**kwargs)
    InscriptionFactory(
        speakers_list=speakers_list, organisation=government("KEN"), level=Level.HEAD_OF_DELEGATION
    )
    group = InscriptionFactory(
        speakers_list=speakers_list,
        organisation=government("EGY"),
        category=Category.GROUP,
        group_name="African Group",
    )
    group.group_members.set(Country.objects.filter(iso3__in=["EGY", "KEN", "MAR"]))
    return speakers_list


def test_speakers_journey_by_keyboard(page, live_server):
    speakers_list = _list_with_a_group_and_kenya()
    focal_point_of(government("MAR"), "fp@example.org")
    UserFactory(email="admin@example.org", role=Role.ADMIN)
    speakers = f"{live_server.url}/en/forum/2026/speakers/"

    sign_in(page, live_server, "fp@example.org")
    page.goto(speakers)
    press(page, "main a:text-is('Inscribe your delegation')")
    page.wait_for_url("**/en/forum/2026/speakers/inscribe/")
    tab_to(page, "#id_level")
    page.keyboard.type("Minister")  # a closed select chooses the option whose name is typed
    tab_to(page, "#id_speaker")
    page.keyboard.type("H.E. Ms. Amina Alaoui, Minister")
    save(page)
    page.wait_for_selector("text=Government of Morocco is on the list of speakers.")
    assert page.url == speakers
    inscription = Inscription.objects.get(organisation__country__iso3="MAR")
    assert (inscription.category, inscription.level, inscription.speaker) == (
        Category.MEMBER_STATE,
        Level.MINISTER,
        "H.E. Ms. Amina Alaoui, Minister",
    )

    sign_in(page, live_server, "admin@example.org")
    page.goto(speakers)
    press(page, "main button:text-is('Publish the list')")
    page.wait_for_selector("text=The list of speakers is published.")

    page.context.clear_cookies()
    page.goto(speakers)
    delegations = page.locator("table.speakers tbody th > span").all_inner_texts()
    assert delegations == ["African Group", "Government of Morocco", "Government of Kenya"]
    speakers_list.refresh_from_db()
    assert speakers_list.is_published


def _open_details(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_speakers_pages_have_no_accessibility_violations(page, live_server, lang):
    speakers_list = _list_with_a_group_and_kenya(published_at=timezone.now())
    InscriptionFactory(
        speakers_list=speakers_list,
        organisation=government("PER"),
        speaker="H.E. Mr. Quispe",
        fixed_position=1,
        move_reason="Leaves for Geneva at noon.",
        delivered_at=timezone.now(),
        statement="Mr. President,\n\nPeru welcomes the progress declaration.",
    )
    morocco = InscriptionFactory(speakers_list=speakers_list, organisation=government("MAR"))
    MembershipFactory(
        organisation=OrganisationFactory(name="Migrant Voices"),
        user=focal_point_of(morocco.organisation, "fp@example.org"),
        level=Membership.Level.FOCAL_POINT,
    )  # Morocco is on the list; the focal point may still inscribe Migrant Voices
    UserFactory(email="admin@example.org", role=Role.ADMIN)
    base = f"{live_server.url}/{lang}/forum"
    found = {}

    for url in [
        f"{base}/2026/speakers/",
        f"{base}/2022/speakers/",
        f"{live_server.url}/{lang}/countries/PER/",  # Peru's delivered statement
    ]:
        page.goto(url)
        _open_details(page)
        found[url] = axe_violations(page)
    sign_in(page, live_server, "fp@example.org", lang)
    page.goto(f"{base}/2026/speakers/")
    assert page.locator("main form[action$='/withdraw/'] button").count() == 1
    found["own inscription"] = axe_violations(page)
    page.goto(f"{base}/2026/speakers/inscribe/")
    found["inscribe"] = axe_violations(page)
    page.locator("main button.button[type=submit]").click()  # Morocco, inscribed already
    page.wait_for_selector(".error-summary")
    found["inscribe, with errors"] = axe_violations(page)
    sign_in(page, live_server, "admin@example.org", lang)
    page.goto(f"{base}/2026/speakers/")
    _open_details(page)
    found["management"] = axe_violations(page)
    page.goto(f"{base}/2022/speakers/")
    found["management, not open"] = axe_violations(page)

    assert found == {url: [] for url in found}

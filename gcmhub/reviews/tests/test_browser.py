"""A review's whole journey in a real browser, by keyboard: started by a Member State's focal
point, its PDF uploaded, submitted, published, found by a word inside the PDF. axe-core on every
review page (and the pages that show reviews) in English and Arabic."""

import pytest
from django.utils import timezone

from gcmhub.accounts.models import Role
from gcmhub.accounts.tests.factories import UserFactory
from gcmhub.compact.models import Country, RegionalCommission
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.pledges.tests.test_browser import save, sign_in, tab_to
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.reviews import queries, samples
from gcmhub.reviews.models import Document, Kind, Review
from gcmhub.reviews.tests.factories import (
    CommissionOrganisationFactory,
    DocumentFactory,
    GovernmentFactory,
    RegionalReviewFactory,
    ReviewFactory,
    focal_point_of,
)
from gcmhub.web.tests.browser import axe_violations
from gcmhub.workflow.models import State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = "Kilimanjarowage"  # found in no other text of the site


def visit(page, url: str) -> list[dict]:
    """Open URL and return its axe-core violations, or the HTTP error it answers with."""
    response = page.goto(url)
    return axe_violations(page) if response.ok else [{"status": response.status}]


def press(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def test_review_journey_by_keyboard(page, live_server, tmp_path):
    focal_point_of(GovernmentFactory(), "fp@example.org")
    UserFactory(email="sec@example.org", role=Role.REVIEWER)
    pdf = tmp_path / "voluntary-review.pdf"
    pdf.write_bytes(
        samples.pdf_document(
            [
                "Morocco reviewed how it implements the Global Compact since 2020.",
                f"The {WORD} scheme pays seasonal workers through a mobile wallet.",
            ],
            title="Voluntary GCM review of Morocco",
        )
    )

    sign_in(page, live_server, "fp@example.org")
    page.goto(f"{live_server.url}/en/reviews/new/")
    press(page, "#id_kind", "End")  # a closed select changes with the keys: Other national report
    press(page, "#id_edition", "End")  # the earliest forum: IMRF 2022
    tab_to(page, "#id_title")
    page.keyboard.type("Voluntary GCM review of Morocco")
    tab_to(page, "#id_summary")
    page.keyboard.type("How Morocco implements the Global Compact, and what it learned. " * 3)
    tab_to(page, "#id_date")
    page.keyboard.type("11112021")  # the same day and month: dd/mm/yyyy or mm/dd/yyyy
    save(page)
    page.wait_for_selector("text=Your draft is saved. Now upload the document.")
    review = Review.objects.get(title="Voluntary GCM review of Morocco")
    assert page.url == f"{live_server.url}/en/reviews/{review.pk}/documents/"
    assert (review.kind, review.edition.year, review.date.isoformat()) == (
        Kind.OTHER_REPORT,
        2022,
        "2021-11-11",
    )

    tab_to(page, "#id_language")
    page.keyboard.type("English")  # a select finds the option whose name is typed
    tab_to(page, "#id_file")  # no key types a path: the file chooser stands in for the dialog
    page.set_input_files("#id_file", str(pdf))
    press(page, "main button:text-is('Upload')")
    page.wait_for_selector("text=The document is uploaded.")
    press(page, "main a:text-is('Back to the review')")
    page.wait_for_url(f"**/en/reviews/{review.pk}/")
    press(page, "main button:text-is('Submit for review')")
    page.wait_for_selector("text=Sent for review.")

    sign_in(page, live_server, "sec@example.org")
    page.goto(f"{live_server.url}/en/reviews/queue/")
    press(page, f"main a[href$='/reviews/{review.pk}/']")
    page.wait_for_url(f"**/en/reviews/{review.pk}/")
    press(page, "main button:text-is('Publish')")
    page.wait_for_selector("text=Published.")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/reviews/")
    tab_to(page, "#id_q")
    page.keyboard.type(WORD.lower())
    page.keyboard.press("Enter")
    page.wait_for_selector("#results mark")  # htmx swapped the results
    assert page.locator("#results h2 a").all_inner_texts() == [review.title]
    assert page.locator("#results mark").all_inner_texts() == [WORD]
    review.refresh_from_db()
    [document] = review.documents.all()
    assert (review.state, document.language, document.status, document.is_searchable) == (
        State.PUBLISHED,
        "en",
        Document.Status.CURRENT,
        True,
    )
    assert list(queries.published_reviews({"q": WORD.lower()})) == [review]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_review_pages_have_no_accessibility_violations(page, live_server, lang):
    government = GovernmentFactory()
    focal_point_of(government, "fp@example.org")
    UserFactory(email="sec@example.org", role=Role.REVIEWER)
    UserFactory(email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True)
    published = ReviewFactory(
        organisation=government,
        documents={
            "en": f"Intro. {'Labour migration. ' * 40}The {WORD} scheme pays seasonal workers.",
            "ar": "الهجرة الآمنة والمنظمة والنظامية.",
        },
    )
    DocumentFactory(
        review=published, status=Document.Status.REPLACED, replaced_at=timezone.now()
    )  # the earlier English version
    DocumentFactory(review=published, status=Document.Status.PENDING, text="A new version.")
    RegionalReviewFactory(
        organisation=CommissionOrganisationFactory(
            commission=RegionalCommission.objects.get(code="ECA")
        ),
        participants=["MAR", "KEN"],
    )
    draft = ReviewFactory(organisation=government, state=State.DRAFT, documents={})
    draft_with_file = ReviewFactory(organisation=government, state=State.DRAFT)
    submitted = ReviewFactory(
        organisation=GovernmentFactory(country=Country.objects.get(iso3="KEN")),
        state=State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    PledgeFactory()
    PracticeFactory(primary_objectives=[5])
    public = [
        f"/{lang}/reviews/",
        f"/{lang}/reviews/?country=MAR&kind=voluntary_review&cycle=2026&language=en&order=newest",
        f"/{lang}/reviews/{published.pk}/",
        f"/{lang}/countries/MAR/",
        f"/{lang}/objectives/5/",
        f"/{lang}/reviews/?q={WORD.lower()}",  # last: the excerpt is checked below
    ]
    owner = [
        f"/{lang}/reviews/mine/",
        f"/{lang}/reviews/{draft.pk}/",
        f"/{lang}/reviews/{draft_with_file.pk}/documents/",
        f"/{lang}/reviews/{published.pk}/documents/",
        f"/{lang}/reviews/{draft.pk}/edit/",
        f"/{lang}/reviews/new/",
    ]
    secretariat = [
        f"/{lang}/reviews/queue/",
        f"/{lang}/reviews/{submitted.pk}/",
        f"/{lang}/reviews/{published.pk}/",  # with the decision on the pending version
    ]
    found = {}

    for url in public:
        found[url] = visit(page, live_server.url + url)
    assert page.locator("#results mark").all_inner_texts() == [WORD]
    sign_in(page, live_server, "fp@example.org", lang)
    for url in owner:
        found[f"{url} (focal point)"] = visit(page, live_server.url + url)
    page.locator("main button.button[type=submit]").click()  # the start form, last, sent empty
    page.wait_for_selector(".error-message")
    found[f"/{lang}/reviews/new/ (focal point, errors)"] = axe_violations(page)
    sign_in(page, live_server, "sec@example.org", lang)
    for url in secretariat:
        found[f"{url} (reviewer)"] = visit(page, live_server.url + url)
    sign_in(page, live_server, "admin@example.org", lang)
    url = f"/{lang}/reviews/new/regional/"
    found[f"{url} (admin)"] = visit(page, live_server.url + url)

    assert found == {url: [] for url in found}

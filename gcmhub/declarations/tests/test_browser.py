"""The negotiating room in a real browser: a Member State proposes an insertion by keyboard and
the co-facilitators find it marked in the compilation; axe-core on the document, revision,
compilation and comparison pages in English and Arabic."""

import datetime

import pytest
from django.utils import timezone

from gcmhub.accounts.tests.factories import focal_point_of
from gcmhub.declarations import services
from gcmhub.declarations.models import Decision, Proposal, ProposalKind
from gcmhub.declarations.tests.factories import (
    CoFacilitatorFactory,
    DocumentFactory,
    NegotiatingGroupFactory,
    OpenRevisionFactory,
    ParagraphFactory,
    ProposalFactory,
    SupportFactory,
    government,
)
from gcmhub.pledges.tests.test_browser import sign_in, tab_to
from gcmhub.web.tests.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OP1 = "We commit to strengthen cooperation on safe, orderly and regular migration."


def visit(page, url: str) -> list[dict]:
    response = page.goto(url)
    return axe_violations(page) if response.ok else [{"status": response.status}]


def negotiation():
    """The 2026 document, co-facilitated by Bangladesh and Luxembourg, its zero draft open to
    Member States' proposals."""
    document = DocumentFactory()
    CoFacilitatorFactory(document=document, delegation=government("BGD"))
    CoFacilitatorFactory(
        document=document,
        delegation=government("LUX"),
        representative="Permanent Representative of Luxembourg",
    )
    revision = OpenRevisionFactory(document=document)
    ParagraphFactory(
        revision=revision,
        kind="pp",
        number=1,
        position=1,
        text="Recalling the Global Compact for Safe, Orderly and Regular Migration,",
    )
    op1 = ParagraphFactory(revision=revision, number=1, position=2, text=OP1)
    op2 = ParagraphFactory(revision=revision, number=2, position=3, text="We will:")
    ParagraphFactory(
        revision=revision, parent=op2, number=1, position=4, text="share data and good practices;"
    )
    cofacilitator = focal_point_of(government("BGD"), "cofac@example.org")
    focal_point_of(government("MAR"), "morocco@example.org")
    return document, revision, op1, op2, cofacilitator


def test_a_member_state_proposes_an_insertion_by_keyboard(page, live_server):
    _document, revision, op1, _op2, _cofacilitator = negotiation()

    sign_in(page, live_server, "morocco@example.org")
    page.goto(f"{live_server.url}/en/declaration/2026/0/")
    tab_to(page, f"main a[href$='/paragraphs/{op1.pk}/propose/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/paragraphs/{op1.pk}/propose/")
    tab_to(page, "#id_kind_0")
    page.keyboard.press("ArrowDown")  # arrows move in a radio group: "Insert words"
    tab_to(page, "#id_insert_words")
    page.keyboard.type("further")
    tab_to(page, "#id_insert_after")
    page.keyboard.type("We commit to")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_selector("text=Your proposal on OP1 was saved.")

    proposal = Proposal.objects.get()
    assert page.locator("#your-proposals ins").all_inner_texts() == ["further"]
    assert (proposal.kind, proposal.start, proposal.end) == (ProposalKind.INSERT, 3, 3)

    sign_in(page, live_server, "cofac@example.org")
    page.goto(f"{live_server.url}/en/declaration/2026/0/compilation/")

    entry = page.locator(f"#proposal-{proposal.pk}")
    assert entry.locator("ins").all_inner_texts() == ["further"]
    assert entry.locator(".attribution span").inner_text() == "Morocco"
    assert revision.pk == proposal.revision_id


def test_the_insertion_point_is_asked_again_when_the_words_are_not_there(page, live_server):
    _document, _revision, op1, _op2, _cofacilitator = negotiation()

    sign_in(page, live_server, "morocco@example.org")
    page.goto(f"{live_server.url}/en/declaration/2026/0/paragraphs/{op1.pk}/propose/")
    page.check("#id_kind_1")
    page.fill("#id_insert_words", "further")
    page.fill("#id_insert_after", "We pledge")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")

    error = page.locator("#id_insert_after_error").inner_text()
    assert " ".join(error.split()) == "Error: “We pledge” is not in OP1."
    assert page.input_value("#id_insert_words") == "further"
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_declaration_pages_have_no_accessibility_violations(page, live_server, lang):
    document, zero, op1, op2, cofacilitator = negotiation()
    group = NegotiatingGroupFactory(members=[government("EGY"), government("NGA")])
    ProposalFactory(
        paragraph=op1,
        kind=ProposalKind.INSERT,
        start=3,
        end=3,
        text="further",
        decision=Decision.TAKEN_IN,
    )
    addition = ProposalFactory(
        paragraph=op1,
        kind=ProposalKind.ADD_AFTER,
        text="We will review progress every four years.",
        delegation=government("EGY"),
        group=group,
        decision=Decision.PARTLY,
        taken_text="We will review progress.",
        decision_note="Shortened.",
    )
    SupportFactory(proposal=addition, delegation=government("MAR"))
    ProposalFactory(
        paragraph=op2.subparagraphs.get(),
        kind=ProposalKind.DELETE_WORDS,
        start=2,
        end=5,
        decision=Decision.NOT_TAKEN_IN,
    )
    services.publish_compilation(zero, by=cofacilitator)
    rev1 = services.start_revision(document, is_final=False, by=cofacilitator)
    services.publish_revision(rev1, by=cofacilitator)
    deadline = timezone.now() + datetime.timedelta(days=10)
    services.open_round(rev1, deadline=deadline, audience="member-states", by=cofacilitator)
    rev1_op1 = rev1.paragraphs.get(number=1, kind="op", parent=None)
    ProposalFactory(
        paragraph=rev1_op1,
        kind=ProposalKind.REPLACE,
        text="We commit to cooperate.",
    )
    base = f"{live_server.url}/{lang}/declaration"
    public = [
        "/",
        "/2026/",
        "/2026/0/",
        "/2026/1/",
        "/2026/0/compilation/",
        f"/2026/0/compilation/?paragraph={op1.pk}",
        "/2026/compare/?from=0&to=1",
        "/2026/compare/?from=0&to=1&unchanged=1",
    ]
    delegation = ["/2026/1/", "/2026/1/compilation/", f"/2026/1/paragraphs/{rev1_op1.pk}/propose/"]
    found = {}

    for url in public:
        found[url] = visit(page, base + url)
    page.goto(base + "/2026/compare/?from=1&to=1")  # answered 400, with the form
    found["/2026/compare/?from=1&to=1"] = axe_violations(page)
    sign_in(page, live_server, "morocco@example.org", lang)
    for url in delegation:
        found[f"{url} (delegation)"] = visit(page, base + url)
    page.locator("main button[type=submit]").click()  # the proposal form, sent empty
    page.wait_for_selector(".error-summary")
    found["propose (delegation, errors)"] = axe_violations(page)
    sign_in(page, live_server, "cofac@example.org", lang)
    services.start_revision(document, is_final=True, by=cofacilitator)
    for url in ["/2026/", "/2026/0/compilation/", "/2026/1/", "/2026/2/"]:
        found[f"{url} (co-facilitator)"] = visit(page, base + url)
    page.locator("main details.paragraph-tools summary").first.click()
    found["/2026/2/ (co-facilitator, tools open)"] = axe_violations(page)

    assert found == {url: [] for url in found}

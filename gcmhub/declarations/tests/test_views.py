"""The outcome declaration's pages: documents, revisions and their text, proposals, the
compilation, the comparison, the downloads; who may see and do what, and the bad input of the
issue answered on the form with nothing lost."""

import datetime
import io
from types import SimpleNamespace

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gcmhub.accounts.tests.factories import OrganisationFactory, focal_point_of
from gcmhub.declarations import importing, services
from gcmhub.declarations.models import (
    Audience,
    Decision,
    Document,
    Paragraph,
    Proposal,
    ProposalKind,
    Revision,
    Support,
)
from gcmhub.declarations.tests.factories import (
    CoFacilitatorFactory,
    DocumentFactory,
    NegotiatingGroupFactory,
    OpenRevisionFactory,
    ParagraphFactory,
    ProposalFactory,
    RevisionFactory,
    SupportFactory,
    government,
)

pytestmark = pytest.mark.django_db

NEW_YORK = datetime.timezone(datetime.timedelta(hours=-4))  # in May, as zoneinfo says

OP1 = "We commit to strengthen cooperation on safe, orderly and regular migration."
OP2 = "We will share data and share good practices."


def url(name: str, *args) -> str:
    return reverse(f"declarations:{name}", args=args)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def room():
    """The 2026 document co-facilitated by Bangladesh and Luxembourg, its zero draft open to
    proposals with OP1 and OP2; focal points of Morocco and Egypt take part."""
    document = DocumentFactory()
    CoFacilitatorFactory(document=document, delegation=government("BGD"))
    CoFacilitatorFactory(
        document=document,
        delegation=government("LUX"),
        representative="Permanent Representative of Luxembourg",
    )
    revision = OpenRevisionFactory(document=document)
    op1 = ParagraphFactory(revision=revision, number=1, position=1, text=OP1)
    op2 = ParagraphFactory(revision=revision, number=2, position=2, text=OP2)
    return SimpleNamespace(
        document=document,
        revision=revision,
        op1=op1,
        op2=op2,
        cofacilitator=focal_point_of(government("BGD"), "cofac@example.org"),
        morocco=focal_point_of(government("MAR"), "morocco@example.org"),
        egypt=focal_point_of(government("EGY"), "egypt@example.org"),
    )


def proposal_form(**changes) -> dict:
    return {"kind": "insert", "insert_words": "", "insert_after": ""} | changes


# The list of documents -----------------------------------------------------------------------


def test_list_shows_each_document_with_its_latest_visible_revision(client, room):
    RevisionFactory(document=room.document, number=1, published_at=None)  # not public yet

    response = client.get(url("list"))

    [document] = response.context["documents"]
    text = response.content.decode()
    assert (document, document.latest) == (room.document, room.revision)
    assert "Government of Bangladesh, Government of Luxembourg" in text
    assert "Zero draft</a>: Open for proposals until" in text
    assert "Rev.1" not in text


def test_list_says_when_no_document_was_started(client):
    response = client.get(url("list"))

    assert "No outcome document has been started yet." in response.content.decode()


def test_list_offers_administrators_to_start_the_documents_missing(client, cast, room):
    client.force_login(cast.admin)

    response = client.get(url("list"))

    assert [e.year for e in response.context["editions_to_start"]] == [2022]
    assert f'href="{url("document_new", 2022)}"' in response.content.decode()


def test_list_shows_the_adoption(client, room):
    RevisionFactory(
        document=room.document,
        number=1,
        is_final=True,
        adopted_on=datetime.date(2026, 5, 8),
        adopted_at="closing plenary of the IMRF",
    )

    response = client.get(url("list"))

    assert "Adopted on May 8, 2026 at closing plenary of the IMRF." in response.content.decode()


# Starting a document and its settings --------------------------------------------------------


def document_form(**changes) -> dict:
    return {
        "title": "Progress Declaration of the IMRF 2022",
        "language": "en",
        "first": str(government("BGD").pk),
        "first_representative": "H.E. Mr. Rabab Fatima",
        "second": str(government("LUX").pk),
        "second_representative": "",
    } | changes


def test_administrator_starts_a_document_with_two_cofacilitators(client, cast):
    client.force_login(cast.admin)

    response = client.post(url("document_new", 2022), document_form())

    document = Document.objects.get(edition__year=2022)
    cofacilitators = [(c.delegation.name, c.representative) for c in document.cofacilitators.all()]
    assert response.url == document.get_absolute_url()
    assert cofacilitators == [
        ("Government of Bangladesh", "H.E. Mr. Rabab Fatima"),
        ("Government of Luxembourg", ""),
    ]
    assert [(r.number, r.is_published) for r in document.revisions.all()] == [(0, False)]


def test_the_same_delegation_twice_is_refused_and_the_form_kept(client, cast):
    client.force_login(cast.admin)

    response = client.post(
        url("document_new", 2022), document_form(second=str(government("BGD").pk))
    )

    assert response.status_code == 400
    assert response.context["form"].errors["second"] == [
        "Choose two different delegations: Government of Bangladesh is chosen twice."
    ]
    assert response.context["form"]["title"].value() == "Progress Declaration of the IMRF 2022"
    assert Document.objects.count() == 0


def test_only_verified_member_states_can_cofacilitate(client, cast):
    OrganisationFactory(name="Migrant Rights Network")
    client.force_login(cast.admin)
    government("BGD")

    response = client.get(url("document_new", 2022))

    choices = [label for _value, label in response.context["form"].fields["first"].choices]
    assert choices == ["---------", "Government of Bangladesh"]


def test_administrator_changes_the_settings(client, cast, room):
    client.force_login(cast.admin)

    shown = client.get(url("document_edit", 2026))
    client.post(
        url("document_edit", 2026),
        document_form(title="Progress Declaration", second=str(government("MEX").pk)),
    )

    room.document.refresh_from_db()
    assert shown.context["form"]["second"].value() == government("LUX").pk
    assert room.document.title == "Progress Declaration"
    assert [c.delegation.name for c in room.document.cofacilitators.all()] == [
        "Government of Bangladesh",
        "Government of Mexico",
    ]


def test_a_started_document_is_edited_not_started_again(client, cast, room):
    client.force_login(cast.admin)

    response = client.get(url("document_new", 2026))

    assert response.url == url("document_edit", 2026)


@pytest.mark.parametrize("role", ["anonymous", "member", "focal_point", "reviewer"])
@pytest.mark.parametrize(("name", "year"), [("document_new", 2022), ("document_edit", 2026)])
def test_only_administrators_start_and_set_documents(client, cast, room, role, name, year):
    if role != "anonymous":
        client.force_login(getattr(cast, role))

    response = client.post(url(name, year), document_form())

    assert response.status_code == 403
    assert Document.objects.count() == 1


# The document page ---------------------------------------------------------------------------


def test_document_page_shows_cofacilitators_and_visible_revisions(client, room):
    RevisionFactory(document=room.document, number=1, published_at=None)
    deadline = datetime.datetime(2031, 5, 5, 18, tzinfo=NEW_YORK)
    Revision.objects.filter(pk=room.revision.pk).update(round_deadline=deadline)

    response = client.get(url("document", 2026))

    text = response.content.decode()
    assert response.context["revisions"] == [room.revision]
    assert 'Government of Luxembourg: <span dir="auto">Permanent Representative' in text
    assert "Open for proposals until May 5, 2031 at 6 p.m. (America/New_York time)." in text
    assert response.context["can_start"] is False


def test_cofacilitator_starts_the_next_revision_from_the_published_one(client, room):
    client.force_login(room.cofacilitator)

    page = client.get(url("document", 2026))
    response = client.post(url("start_revision", 2026), {"is_final": "on"})

    revision = Revision.objects.get(number=1)
    assert page.context["can_start"] is True
    assert "Start the next revision" in page.content.decode()
    assert response.url == revision.get_absolute_url()
    assert (revision.is_final, revision.is_published) == (True, False)
    assert [p.text for p in revision.paragraphs.all()] == [OP1, OP2]


def test_next_revision_waits_for_the_current_one_to_be_published(client, room):
    RevisionFactory(document=room.document, number=1, published_at=None)
    client.force_login(room.cofacilitator)

    page = client.get(url("document", 2026))
    response = client.post(url("start_revision", 2026), follow=True)

    assert page.context["can_start"] is False
    assert messages_of(response) == ["Publish the current revision before starting the next one."]
    assert Revision.objects.count() == 2


def test_only_cofacilitators_start_a_revision(client, room):
    client.force_login(room.morocco)

    response = client.post(url("start_revision", 2026))

    assert response.status_code == 403
    assert Revision.objects.count() == 1


def test_unknown_document_is_not_found(client):
    assert client.get(url("document", 2030)).status_code == 404


# The revision page ---------------------------------------------------------------------------


def test_revision_shows_the_text_in_its_language_and_direction(client, room):
    room.document.language = "ar"
    room.document.save()
    sub = ParagraphFactory(
        revision=room.revision, parent=room.op2, number=1, position=3, text="تبادل البيانات"
    )

    response = client.get(url("revision", 2026, 0))

    text = response.content.decode()
    assert response.context["paragraphs"] == [room.op1, room.op2, sub]
    assert f'<div class="paragraph subparagraph" id="p-{sub.pk}">' in text
    assert (
        '<p class="paragraph-text" lang="ar" dir="rtl">'
        f'<span class="paragraph-label" id="label-{sub.pk}">OP2 (a)</span> تبادل البيانات</p>'
    ) in text
    assert "Propose a change" not in text


def test_unpublished_revision_is_not_found_for_the_public(client, room):
    RevisionFactory(document=room.document, number=1, published_at=None)

    anonymous = client.get(url("revision", 2026, 1))
    client.force_login(room.morocco)
    delegation = client.get(url("revision", 2026, 1))
    client.force_login(room.cofacilitator)
    cofacilitator = client.get(url("revision", 2026, 1))

    assert [r.status_code for r in (anonymous, delegation, cofacilitator)] == [404, 404, 200]


def test_member_state_focal_point_may_propose_on_each_paragraph(client, room):
    client.force_login(room.morocco)

    response = client.get(url("revision", 2026, 0))

    text = response.content.decode()
    assert response.context["can_propose"] is True
    assert f'href="{url("propose", 2026, 0, room.op1.pk)}"' in text
    assert f'href="{url("propose", 2026, 0, room.op2.pk)}"' in text
    assert "Your delegation has not proposed anything on this revision." in text


def test_a_civil_society_focal_point_may_not_propose_to_member_states_only(client, cast, room):
    client.force_login(cast.focal_point)

    response = client.get(url("revision", 2026, 0))

    assert response.context["can_propose"] is False
    assert url("propose", 2026, 0, room.op1.pk) not in response.content.decode()


def test_revision_lists_the_delegation_proposals_with_change_and_withdraw(client, room):
    own = ProposalFactory(
        paragraph=room.op1, kind=ProposalKind.INSERT, start=3, end=3, text="further"
    )
    ProposalFactory(paragraph=room.op2, delegation=government("EGY"))
    client.force_login(room.morocco)

    response = client.get(url("revision", 2026, 0))

    text = response.content.decode()
    assert response.context["own_proposals"] == [own]
    assert "We commit to <ins>further</ins> strengthen cooperation" in text
    assert f'href="{url("proposal_edit", own.pk)}"' in text
    assert f'href="{url("proposal_withdraw", own.pk)}"' in text


@pytest.mark.parametrize("count", [1, 3])
def test_revision_page_queries_do_not_grow(client, django_assert_num_queries, room, count):
    for n in range(3, 3 + count):
        paragraph = ParagraphFactory(revision=room.revision, number=n, position=n)
        ProposalFactory(paragraph=paragraph)
        ProposalFactory(paragraph=paragraph, delegation=government("EGY"))
    client.force_login(room.morocco)

    # revision, document, co-facilitators, session, user, memberships, paragraphs, the
    # delegations (asked by can_propose, can_see_proposals, delegations_for), own proposals
    # and their supports
    with django_assert_num_queries(11):
        client.get(url("revision", 2026, 0))


@pytest.mark.parametrize("count", [1, 3])
def test_revision_page_for_cofacilitators_queries_do_not_grow(
    client, django_assert_num_queries, room, count
):
    draft = RevisionFactory(document=room.document, number=1, published_at=None)
    for n in range(1, 1 + count):
        ParagraphFactory(revision=draft, number=n, position=n)
    client.force_login(room.cofacilitator)

    # revision, document, co-facilitators, session, user, memberships, paragraphs,
    # delegations, own proposals, revisions (is it the latest?)
    with django_assert_num_queries(10):
        client.get(url("revision", 2026, 1))


# The co-facilitators' steps ------------------------------------------------------------------


@pytest.fixture
def draft(room):
    """Rev.1, not published yet, with no text."""
    return RevisionFactory(document=room.document, number=1, published_at=None)


def test_cofacilitator_imports_pasted_text(client, room, draft):
    client.force_login(room.cofacilitator)

    response = client.post(
        url("import", 2026, 1),
        {"text": "Recalling the Global Compact,\n\n1. We commit to act.\n(a) together;"},
    )

    assert response.url == draft.get_absolute_url()
    assert [(p.label, p.text) for p in Paragraph.objects.filter(revision=draft)] == [
        ("PP1", "Recalling the Global Compact,"),
        ("OP1", "We commit to act."),
        ("OP1 (a)", "together;"),
    ]


def test_cofacilitator_imports_a_word_file(client, room, draft):
    client.force_login(room.cofacilitator)
    exported = client.get(url("revision_docx", 2026, 0)).content

    client.post(
        url("import", 2026, 1),
        {"file": SimpleUploadedFile("zero-draft.docx", exported), "text": ""},
    )

    assert [p.text for p in Paragraph.objects.filter(revision=draft)] == [OP1, OP2]


def test_text_with_no_paragraphs_is_refused_and_kept(client, room, draft):
    client.force_login(room.cofacilitator)

    response = client.post(url("import", 2026, 1), {"text": "   \n\n  "})
    garbled = client.post(
        url("import", 2026, 1),
        {"file": SimpleUploadedFile("notes.docx", b"\x00\x01 not a word file"), "text": ""},
    )

    assert response.status_code == 400
    assert response.context["import_form"].non_field_errors() == [
        "Choose a file or paste the text of the revision."
    ]
    assert garbled.status_code == 400
    assert list(garbled.context["import_form"].errors) == ["file"]
    assert Paragraph.objects.filter(revision=draft).count() == 0


def test_pasted_text_without_recognisable_paragraphs_keeps_the_text(client, room, draft):
    client.force_login(room.cofacilitator)
    pasted = "1.\n\n2.\n\n(a)"  # numbers and letters, no words

    response = client.post(url("import", 2026, 1), {"text": pasted})

    form = response.context["import_form"]
    assert response.status_code == 400
    assert list(form.errors) == ["text"]
    assert form["text"].value() == pasted
    assert f"{pasted}</textarea>" in response.content.decode()
    assert Paragraph.objects.filter(revision=draft).count() == 0


def test_cofacilitator_edits_inserts_and_deletes_paragraphs(client, room, draft):
    first = ParagraphFactory(revision=draft, number=1, position=1, text="First.")
    second = ParagraphFactory(revision=draft, number=2, position=2, text="Second.")
    client.force_login(room.cofacilitator)

    page = client.get(url("revision", 2026, 1))
    client.post(url("paragraph_edit", 2026, 1, first.pk), {"text": "First,  changed."})
    client.post(
        url("paragraph_add", 2026, 1), {"after": first.pk, "kind": "op", "text": "Inserted."}
    )
    client.post(url("paragraph_add", 2026, 1), {"kind": "pp", "text": "Recalling."})
    client.post(url("paragraph_delete", 2026, 1, second.pk))

    text = page.content.decode()
    assert f'action="{url("paragraph_edit", 2026, 1, first.pk)}"' in text
    assert "Insert the paragraph after OP1" in text
    assert [(p.label, p.text) for p in Paragraph.objects.filter(revision=draft)] == [
        ("PP1", "Recalling."),
        ("OP1", "First, changed."),
        ("OP1 bis", "Inserted."),
    ]


def test_empty_paragraph_text_is_refused_on_its_own_page(client, room, draft):
    paragraph = ParagraphFactory(revision=draft, number=1, position=1, text="First.")
    client.force_login(room.cofacilitator)

    response = client.post(url("paragraph_edit", 2026, 1, paragraph.pk), {"text": "  "})

    assert response.status_code == 400
    assert response.context["form"].errors == {"text": ["This field is required."]}
    assert Paragraph.objects.get(pk=paragraph.pk).text == "First."


def test_cofacilitator_publishes_a_revision(client, room, draft):
    ParagraphFactory(revision=draft, number=1, position=1)
    client.force_login(room.cofacilitator)

    response = client.post(url("publish", 2026, 1), follow=True)

    draft.refresh_from_db()
    assert draft.is_published is True
    assert messages_of(response) == ["Rev.1 is published."]


def test_publishing_an_empty_revision_is_refused_with_a_message(client, room, draft):
    client.force_login(room.cofacilitator)

    response = client.post(url("publish", 2026, 1), follow=True)

    assert messages_of(response) == ["Add or import the text before publishing it."]
    assert Revision.objects.get(pk=draft.pk).is_published is False


def test_cofacilitator_opens_a_round_until_a_time_in_the_venue_zone(client, room):
    Revision.objects.filter(pk=room.revision.pk).update(round_opened_at=None, round_deadline=None)
    client.force_login(room.cofacilitator)

    response = client.post(
        url("open_round", 2026, 0), {"day": "2031-05-05", "time": "18:00", "audience": "all"}
    )

    room.revision.refresh_from_db()
    assert response.url == room.revision.get_absolute_url()
    assert room.revision.round_deadline == datetime.datetime(2031, 5, 5, 22, tzinfo=datetime.UTC)
    assert room.revision.round_audience == Audience.ALL


def test_a_deadline_in_the_past_is_refused_and_kept(client, room):
    Revision.objects.filter(pk=room.revision.pk).update(round_opened_at=None, round_deadline=None)
    client.force_login(room.cofacilitator)

    response = client.post(
        url("open_round", 2026, 0), {"day": "2020-05-05", "time": "18:00", "audience": "all"}
    )

    form = response.context["round_form"]
    assert response.status_code == 400
    assert form.errors == {"day": ["The deadline must be in the future."]}
    assert form["time"].value() == "18:00"
    assert Revision.objects.get(pk=room.revision.pk).round_opened_at is None


def test_cofacilitator_closes_the_round_and_publishes_the_compilation(client, room):
    client.force_login(room.cofacilitator)

    page = client.get(url("revision", 2026, 0))
    client.post(url("close_round", 2026, 0))
    client.post(url("publish_compilation", 2026, 0))

    room.revision.refresh_from_db()
    assert "Close the round of proposals now, before the deadline" in page.content.decode()
    assert (room.revision.is_round_open, room.revision.is_compilation_published) == (False, True)


def test_cofacilitator_records_the_adoption_of_the_final_text(client, room):
    final = RevisionFactory(document=room.document, number=1, is_final=True)
    client.force_login(room.cofacilitator)

    client.post(
        url("adopt", 2026, 1), {"on": "2026-05-08", "at": "the closing plenary of the IMRF"}
    )

    final.refresh_from_db()
    assert (final.adopted_on, final.adopted_at) == (
        datetime.date(2026, 5, 8),
        "the closing plenary of the IMRF",
    )


def test_adopting_a_revision_that_is_not_final_is_refused(client, room):
    client.force_login(room.cofacilitator)

    response = client.post(url("adopt", 2026, 0), {"on": "2026-05-08", "at": "Plenary"})

    assert response.status_code == 400
    assert response.context["adopt_form"].non_field_errors() == [
        "Only a published final text can be adopted."
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("publish", {}),
        ("open_round", {"day": "2031-05-05", "time": "18:00", "audience": "all"}),
        ("close_round", {}),
        ("publish_compilation", {}),
        ("adopt", {"on": "2026-05-08", "at": "Plenary"}),
        ("import", {"text": "1. We act."}),
        ("paragraph_add", {"kind": "op", "text": "More."}),
    ],
)
def test_only_cofacilitators_take_their_steps(client, cast, room, name, data):
    before = list(Revision.objects.values()), Paragraph.objects.count()
    statuses = []
    for user in [room.morocco, cast.admin]:
        client.force_login(user)
        statuses.append(client.post(url(name, 2026, 0), data).status_code)

    assert statuses == [403, 403]
    assert (list(Revision.objects.values()), Paragraph.objects.count()) == before


def test_only_cofacilitators_change_paragraphs(client, room, draft):
    paragraph = ParagraphFactory(revision=draft, number=1, position=1, text="First.")
    client.force_login(room.morocco)

    edit = client.post(url("paragraph_edit", 2026, 1, paragraph.pk), {"text": "Changed."})
    delete = client.post(url("paragraph_delete", 2026, 1, paragraph.pk))

    assert (edit.status_code, delete.status_code) == (404, 404)  # an unpublished revision
    assert Paragraph.objects.get(pk=paragraph.pk).text == "First."


# Downloads -----------------------------------------------------------------------------------


def test_revision_downloads_as_a_word_file_that_reads_back(client, room):
    response = client.get(url("revision_docx", 2026, 0))

    upload = SimpleUploadedFile("text.docx", response.content)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="declaration-2026-zero-draft.docx"'
    )
    assert [(p.kind, p.text) for p in importing.read_upload(upload)] == [("op", OP1), ("op", OP2)]


def test_revision_downloads_as_a_pdf(client, room):
    response = client.get(url("revision_pdf", 2026, 0))

    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="declaration-2026-zero-draft.pdf"'
    )
    assert "safe, orderly and regular migration" in " ".join(text.split())


def test_arabic_text_has_no_pdf_but_the_word_file(client, room):
    room.document.language = "ar"
    room.document.save()

    response = client.get(url("revision_pdf", 2026, 0))

    text = response.content.decode()
    assert response.status_code == 404
    assert "The PDF exists for texts in Latin or Cyrillic script" in text
    assert f'href="{url("revision_docx", 2026, 0)}"' in text


def test_unpublished_revision_cannot_be_downloaded(client, room, draft):
    ParagraphFactory(revision=draft, number=1, position=1)

    assert client.get(url("revision_docx", 2026, 1)).status_code == 404


def test_compilation_downloads_with_the_filters(client, room):
    ProposalFactory(paragraph=room.op1, kind=ProposalKind.INSERT, start=3, end=3, text="further")
    ProposalFactory(paragraph=room.op2, kind=ProposalKind.DELETE_PARAGRAPH)
    services.publish_compilation(room.revision, by=room.cofacilitator)
    query = {"paragraph": room.op1.pk}

    word = client.get(url("compilation_docx", 2026, 0), query)
    pdf = client.get(url("compilation_pdf", 2026, 0), query)

    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert word["Content-Disposition"] == (
        'attachment; filename="declaration-2026-zero-draft-compilation.docx"'
    )
    assert importing.read_upload(SimpleUploadedFile("c.docx", word.content))
    assert pdf["Content-Disposition"] == (
        'attachment; filename="declaration-2026-zero-draft-compilation.pdf"'
    )
    assert "Compilation of proposals on Zero draft" in " ".join(text.split())
    assert "OP2" not in text


def test_compilation_files_are_in_the_negotiation_language(client, room):
    ProposalFactory(paragraph=room.op1)
    services.publish_compilation(room.revision, by=room.cofacilitator)

    with translation.override("fr"):
        page = client.get(url("compilation", 2026, 0))
        response = client.get(url("compilation_pdf", 2026, 0))

    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Maroc" in page.content.decode()  # the page speaks French
    assert ("Morocco" in text, "Maroc" in text) == (True, False)  # the file speaks English
    assert "Compilation of proposals on Zero draft" in " ".join(text.split())


# The compilation -----------------------------------------------------------------------------


def test_proposals_stay_off_the_public_compilation_until_published(client, room):
    ProposalFactory(
        paragraph=room.op1, kind=ProposalKind.REPLACE, text="A text nobody should read yet."
    )

    before = client.get(url("compilation", 2026, 0))
    services.publish_compilation(room.revision, by=room.cofacilitator)
    after = client.get(url("compilation", 2026, 0))

    assert "A text nobody should read yet." not in before.content.decode()
    assert "Government of Morocco" not in before.content.decode()
    assert "The co-facilitators have not published the compilation yet." in (
        before.content.decode()
    )
    assert before.context["form"] is None
    assert "A text nobody should read yet." in after.content.decode()


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_proposals_stay_out_of_the_public_downloads_until_published(client, room, kind):
    ProposalFactory(paragraph=room.op1, kind=ProposalKind.ADD_AFTER, text="Secretwords kept back.")

    before = client.get(url(f"compilation_{kind}", 2026, 0))
    services.publish_compilation(room.revision, by=room.cofacilitator)
    after = client.get(url(f"compilation_{kind}", 2026, 0))

    assert (
        "Secretwords" in _file_text(before, kind),
        "Secretwords" in _file_text(after, kind),
    ) == (
        False,
        True,
    )


def _file_text(response, kind: str) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "pdf":
        return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    return " ".join(p.text for p in importing.read_upload(SimpleUploadedFile("c.docx", content)))


def test_delegations_taking_part_see_the_proposals_before_publication(client, room):
    ProposalFactory(paragraph=room.op1, kind=ProposalKind.REPLACE, text="A replacement text.")
    client.force_login(room.egypt)

    response = client.get(url("compilation", 2026, 0))

    assert "A replacement text." in response.content.decode()


def test_compilation_marks_additions_and_deletions_and_attributes_them(client, room):
    proposal = ProposalFactory(paragraph=room.op2, kind=ProposalKind.DELETE_WORDS, start=4, end=8)
    SupportFactory(proposal=proposal)
    ProposalFactory(
        paragraph=room.op1,
        kind=ProposalKind.INSERT,
        start=3,
        end=3,
        text="further",
        delegation=government("EGY"),
    )
    services.publish_compilation(room.revision, by=room.cofacilitator)

    response = client.get(url("compilation", 2026, 0))

    text = response.content.decode()
    assert "We commit to <ins>further</ins> strengthen" in text
    assert "We will share data <del>and share good practices.</del>" in text
    assert "We will share data [and share good practices.]" in text
    assert "Morocco; supported by Egypt" in text


def test_compilation_filters_by_delegation_and_paragraph(client, room):
    moroccan = ProposalFactory(paragraph=room.op1)
    egyptian = ProposalFactory(paragraph=room.op2, delegation=government("EGY"))
    SupportFactory(proposal=moroccan)
    services.publish_compilation(room.revision, by=room.cofacilitator)
    egypt = government("EGY")

    by_egypt = client.get(url("compilation", 2026, 0), {"delegation": egypt.pk})
    on_op2 = client.get(url("compilation", 2026, 0), {"paragraph": room.op2.pk})

    def shown(response):
        return [[e.proposal for e in b.entries] for b in response.context["blocks"]]

    assert shown(by_egypt) == [[moroccan], [egyptian]]
    assert shown(on_op2) == [[egyptian]]
    assert [label for _v, label in by_egypt.context["form"].fields["delegation"].choices] == [
        "All",
        "Egypt",
        "Morocco",
    ]


def test_cofacilitator_decides_on_a_proposal(client, room):
    proposal = ProposalFactory(paragraph=room.op1, kind=ProposalKind.REPLACE, text="New text.")
    client.force_login(room.cofacilitator)

    page = client.get(url("compilation", 2026, 0))
    response = client.post(
        url("decide", proposal.pk),
        {"decision": "partly", "note": "Merged with OP2.", "taken_text": "Newer  text."},
    )

    proposal.refresh_from_db()
    assert f'action="{url("decide", proposal.pk)}"' in page.content.decode()
    assert response.url == url("compilation", 2026, 0) + f"#proposal-{proposal.pk}"
    assert (proposal.decision, proposal.decision_note, proposal.taken_text) == (
        Decision.PARTLY,
        "Merged with OP2.",
        "Newer text.",
    )
    assert proposal.decided_by == room.cofacilitator


def test_only_cofacilitators_decide(client, room):
    proposal = ProposalFactory(paragraph=room.op1)
    client.force_login(room.egypt)

    page = client.get(url("compilation", 2026, 0))
    response = client.post(url("decide", proposal.pk), {"decision": "taken-in"})

    assert url("decide", proposal.pk) not in page.content.decode()
    assert response.status_code == 403
    assert Proposal.objects.get().decision == Decision.PENDING


def test_another_delegation_supports_a_proposal_and_withdraws_its_support(client, room):
    proposal = ProposalFactory(paragraph=room.op1)
    client.force_login(room.egypt)

    page = client.get(url("compilation", 2026, 0))
    response = client.post(url("support", proposal.pk), follow=True)
    joined = Support.objects.get()
    after = client.get(url("compilation", 2026, 0))
    client.post(url("support_withdraw", joined.pk))

    assert f'action="{url("support", proposal.pk)}"' in page.content.decode()
    assert messages_of(response) == ["Government of Egypt supports the proposal on OP1."]
    assert (joined.proposal, joined.delegation) == (proposal, government("EGY"))
    assert f'action="{url("support_withdraw", joined.pk)}"' in after.content.decode()
    assert Support.objects.count() == 0


def test_the_proposer_cannot_support_its_own_proposal(client, room):
    proposal = ProposalFactory(paragraph=room.op1)
    client.force_login(room.morocco)

    page = client.get(url("compilation", 2026, 0))
    response = client.post(url("support", proposal.pk), follow=True)

    assert url("support", proposal.pk) not in page.content.decode()
    assert messages_of(response) == ["This is your delegation's own proposal."]
    assert Support.objects.count() == 0


def test_support_for_a_group_and_by_one_of_several_delegations(client, room):
    proposal = ProposalFactory(paragraph=room.op1)
    focal_point_of(government("NGA"), "egypt@example.org")  # Egypt's focal point for Nigeria too
    group = NegotiatingGroupFactory(members=[government("EGY"), government("NGA")])
    client.force_login(room.egypt)

    page = client.get(url("compilation", 2026, 0))
    client.post(
        url("support", proposal.pk),
        {"delegation": government("NGA").pk, "group": group.pk},
    )

    form = page.context["blocks"][0].entries[0].proposal.support_form
    assert [label for _v, label in form.fields["delegation"].choices] == [
        "Government of Egypt",
        "Government of Nigeria",
    ]
    assert f'id="support-{proposal.pk}-delegation"' in page.content.decode()
    assert [(s.delegation, s.group) for s in Support.objects.all()] == [(government("NGA"), group)]


def test_the_last_delegation_free_to_support_needs_no_choice(client, room):
    proposal = ProposalFactory(paragraph=room.op1)
    focal_point_of(government("NGA"), "egypt@example.org")
    SupportFactory(proposal=proposal, delegation=government("NGA"))
    client.force_login(room.egypt)

    page = client.get(url("compilation", 2026, 0))
    client.post(url("support", proposal.pk))

    form = page.context["blocks"][0].entries[0].proposal.support_form
    assert "delegation" not in form.fields
    assert sorted(s.delegation.name for s in Support.objects.all()) == [
        "Government of Egypt",
        "Government of Nigeria",
    ]


def test_nobody_supports_after_the_round_closed(client, room):
    proposal = ProposalFactory(paragraph=room.op1)
    services.close_round(room.revision, by=room.cofacilitator)
    client.force_login(room.egypt)

    response = client.post(url("support", proposal.pk), follow=True)

    assert messages_of(response)[0].startswith("The round of proposals on Zero draft closed on")
    assert Support.objects.count() == 0


def test_a_supporter_withdraws_only_its_own_support(client, room):
    joined = SupportFactory(proposal=ProposalFactory(paragraph=room.op1))
    client.force_login(room.morocco)

    response = client.post(url("support_withdraw", joined.pk))

    assert response.status_code == 403
    assert Support.objects.count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_compilation_queries_do_not_grow(client, django_assert_num_queries, room, count):
    for n in range(3, 3 + count):
        paragraph = ParagraphFactory(revision=room.revision, number=n, position=n)
        SupportFactory(proposal=ProposalFactory(paragraph=paragraph))
    client.force_login(room.egypt)

    # revision, document, co-facilitators, session, user, memberships, delegations (for
    # can_see_proposals and can_propose), paragraphs and delegations of the filters, then
    # paragraphs, proposals and supports of the compilation, delegations, groups
    with django_assert_num_queries(14):
        client.get(url("compilation", 2026, 0))


@pytest.mark.parametrize("count", [1, 3])
def test_compilation_for_cofacilitators_queries_do_not_grow(
    client, django_assert_num_queries, room, count
):
    for n in range(3, 3 + count):
        paragraph = ParagraphFactory(revision=room.revision, number=n, position=n)
        SupportFactory(proposal=ProposalFactory(paragraph=paragraph))
    client.force_login(room.cofacilitator)

    with django_assert_num_queries(14):  # as above; co-facilitators are delegations too
        client.get(url("compilation", 2026, 0))


# Proposals -----------------------------------------------------------------------------------


def test_focal_point_proposes_to_insert_words_after_others(client, room):
    client.force_login(room.morocco)

    page = client.get(url("propose", 2026, 0, room.op1.pk))
    response = client.post(
        url("propose", 2026, 0, room.op1.pk),
        proposal_form(insert_words="further", insert_after="We commit to"),
    )

    proposal = Proposal.objects.get()
    assert OP1 in page.content.decode()
    assert response.url == room.revision.get_absolute_url() + "#your-proposals"
    assert (proposal.kind, proposal.text, proposal.start, proposal.end) == (
        "insert",
        "further",
        3,
        3,
    )
    assert (proposal.delegation, proposal.paragraph) == (government("MAR"), room.op1)


def test_words_inserted_at_the_beginning_when_no_words_are_given(client, room):
    client.force_login(room.morocco)

    client.post(url("propose", 2026, 0, room.op1.pk), proposal_form(insert_words="Today,"))

    assert Proposal.objects.values_list("start", "end").get() == (0, 0)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            proposal_form(insert_words="further", insert_after="we pledge"),
            "insert_after",
            "“we pledge” is not in OP1.",
        ),
        (
            {"kind": "delete-words", "delete_words": "share"},
            "delete_words",
            "“share” occurs more than once in OP2; give more words around it.",
        ),
        ({"kind": "replace", "text": "  "}, "text", "Type the paragraph as you propose it."),
        ({"kind": "add-after", "text": ""}, "text", "Type the new paragraph."),
        (proposal_form(insert_after="We commit"), "insert_words", "Type the words to insert."),
        ({"kind": "delete-words"}, "delete_words", "Type the words to delete."),
    ],
)
def test_proposal_with_words_that_do_not_fit_is_refused_and_kept(
    client, room, data, field, message
):
    paragraph = room.op2 if "OP2" in message else room.op1
    client.force_login(room.morocco)

    response = client.post(url("propose", 2026, 0, paragraph.pk), data)

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors == {field: [message]}
    assert form["kind"].value() == data["kind"]
    assert Proposal.objects.count() == 0


def test_proposal_after_the_round_closed_is_refused_and_kept(client, room):
    client.force_login(room.morocco)
    page = client.get(url("propose", 2026, 0, room.op1.pk))
    services.close_round(room.revision, by=room.cofacilitator)

    response = client.post(
        url("propose", 2026, 0, room.op1.pk), {"kind": "replace", "text": "Our own text."}
    )

    [message] = response.context["form"].non_field_errors()
    assert page.status_code == 200
    assert response.status_code == 400
    assert message.startswith("The round of proposals on Zero draft closed on")
    assert response.context["form"]["text"].value() == "Our own text."
    assert Proposal.objects.count() == 0


def test_proposal_form_is_refused_when_no_round_is_open(client, room):
    services.close_round(room.revision, by=room.cofacilitator)
    client.force_login(room.morocco)

    assert client.get(url("propose", 2026, 0, room.op1.pk)).status_code == 403


def test_proposal_for_a_group_the_delegation_is_not_in_is_refused(client, room):
    focal_point_of(government("NGA"), "morocco@example.org")  # for Nigeria too
    group = NegotiatingGroupFactory(members=[government("NGA")])
    client.force_login(room.morocco)

    response = client.post(
        url("propose", 2026, 0, room.op1.pk),
        {"kind": "retain", "delegation": government("MAR").pk, "group": group.pk},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Government of Morocco is not a member of African Group, so it cannot speak for it."
    ]
    assert Proposal.objects.count() == 0


def test_proposal_for_a_group_of_the_delegation(client, room):
    group = NegotiatingGroupFactory(members=[government("MAR"), government("EGY")])
    client.force_login(room.morocco)

    page = client.get(url("propose", 2026, 0, room.op1.pk))
    client.post(url("propose", 2026, 0, room.op1.pk), {"kind": "retain", "group": group.pk})

    assert "delegation" not in page.context["form"].fields  # only one delegation
    assert Proposal.objects.get().group == group


def test_proposal_on_a_paragraph_of_another_revision_is_refused(client, room):
    Revision.objects.filter(pk=room.revision.pk).update(round_opened_at=None)
    rev1 = OpenRevisionFactory(document=room.document, number=1)
    ParagraphFactory(revision=rev1, number=1, position=1, text=OP1)
    client.force_login(room.morocco)

    response = client.post(
        url("propose", 2026, 1, room.op1.pk), {"kind": "replace", "text": "Our text."}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "OP1 is a paragraph of another revision; propose on Rev.1's text."
    ]
    assert response.context["form"]["text"].value() == "Our text."


def test_only_delegations_taking_part_propose(client, cast, room):
    client.force_login(cast.focal_point)

    get = client.get(url("propose", 2026, 0, room.op1.pk))
    post = client.post(url("propose", 2026, 0, room.op1.pk), {"kind": "retain"})

    assert (get.status_code, post.status_code) == (403, 403)
    assert Proposal.objects.count() == 0


def test_proposing_needs_a_signed_in_person(client, room):
    response = client.get(url("propose", 2026, 0, room.op1.pk))

    assert (response.status_code, response.url.split("?")[0]) == (302, "/en/accounts/sign-in/")


def test_delegation_changes_its_own_proposal(client, room):
    proposal = ProposalFactory(
        paragraph=room.op2, kind=ProposalKind.INSERT, start=3, end=3, text="openly"
    )
    client.force_login(room.morocco)

    page = client.get(url("proposal_edit", proposal.pk))
    response = client.post(
        url("proposal_edit", proposal.pk),
        {"kind": "delete-words", "delete_words": "and share good practices."},
    )

    proposal.refresh_from_db()
    assert page.context["form"]["insert_words"].value() == "openly"
    assert page.context["form"]["insert_after"].value() == "will share"  # "share" is twice
    assert response.status_code == 302
    assert (proposal.kind, proposal.text, proposal.start, proposal.end) == (
        "delete-words",
        "",
        4,
        8,
    )


def test_a_delegation_edits_only_its_own_proposals(client, room):
    proposal = ProposalFactory(paragraph=room.op1, kind=ProposalKind.RETAIN)
    client.force_login(room.egypt)

    get = client.get(url("proposal_edit", proposal.pk))
    post = client.post(url("proposal_edit", proposal.pk), {"kind": "delete-paragraph"})
    withdraw = client.post(url("proposal_withdraw", proposal.pk))

    assert (get.status_code, post.status_code, withdraw.status_code) == (403, 403, 403)
    assert Proposal.objects.get().kind == ProposalKind.RETAIN


def test_proposals_change_only_while_the_round_is_open(client, room):
    proposal = ProposalFactory(paragraph=room.op1, kind=ProposalKind.RETAIN)
    services.close_round(room.revision, by=room.cofacilitator)
    client.force_login(room.morocco)

    get = client.get(url("proposal_edit", proposal.pk))
    post = client.post(url("proposal_edit", proposal.pk), {"kind": "delete-paragraph"})

    assert get.status_code == 403
    assert post.status_code == 400
    assert (
        post.context["form"]
        .non_field_errors()[0]
        .startswith("The round of proposals on Zero draft closed on")
    )
    assert Proposal.objects.get().kind == ProposalKind.RETAIN


def test_delegation_withdraws_its_proposal_after_confirming(client, room):
    proposal = ProposalFactory(
        paragraph=room.op1, kind=ProposalKind.REPLACE, text="Our replacement."
    )
    client.force_login(room.morocco)

    confirm = client.get(url("proposal_withdraw", proposal.pk))
    client.post(url("proposal_withdraw", proposal.pk))

    assert "<ins>Our replacement.</ins>" in confirm.content.decode()
    assert Proposal.objects.count() == 0


def test_proposals_not_public_yet_are_not_found_for_others(client, cast, room):
    proposal = ProposalFactory(paragraph=room.op1)
    client.force_login(cast.outsider)

    edit = client.get(url("proposal_edit", proposal.pk))
    support = client.post(url("support", proposal.pk))

    assert (edit.status_code, support.status_code) == (404, 404)


# The comparison ------------------------------------------------------------------------------


@pytest.fixture
def compared(room):
    """Rev.1 started from the zero draft with Morocco's insertion in OP1 taken in and a new
    paragraph added after OP1."""
    ProposalFactory(
        paragraph=room.op1,
        kind=ProposalKind.INSERT,
        start=3,
        end=3,
        text="further",
        decision=Decision.TAKEN_IN,
    )
    ProposalFactory(
        paragraph=room.op1,
        kind=ProposalKind.ADD_AFTER,
        text="We will review progress.",
        decision=Decision.TAKEN_IN,
        delegation=government("EGY"),
    )
    rev1 = services.start_revision(room.document, is_final=False, by=room.cofacilitator)
    services.publish_revision(rev1, by=room.cofacilitator)
    return rev1


def test_comparison_shows_only_the_changes_and_their_proposals(client, room, compared):
    response = client.get(url("compare", 2026), {"from": 0, "to": 1})

    rows = response.context["rows"]
    text = response.content.decode()
    assert [(r.status, r.old and r.old.label, r.new and r.new.label) for r in rows] == [
        ("changed", "OP1", "OP1"),
        ("added", None, "OP2"),
        ("same", "OP2", "OP3"),
    ]
    assert "We commit to <ins>further</ins> strengthen" in text
    assert "Morocco: Insert words (Zero draft, OP1) · Taken in" in text
    assert '<span class="tag">Renumbered</span>' in text


def test_comparison_folds_unchanged_paragraphs_away(client, room, compared):
    ParagraphFactory(revision=room.revision, kind="pp", number=1, position=0, text="Unchanged.")
    services.close_round(room.revision, by=room.cofacilitator)
    Revision.objects.filter(number=1).delete()
    rev1 = services.start_revision(room.document, is_final=False, by=room.cofacilitator)
    services.publish_revision(rev1, by=room.cofacilitator)

    folded = client.get(url("compare", 2026), {"from": 0, "to": 1})
    unfolded = client.get(url("compare", 2026), {"from": 0, "to": 1, "unchanged": 1})

    assert "Unchanged." not in folded.content.decode()
    assert "Show the unchanged paragraph too (1)" in folded.content.decode()
    assert "Unchanged." in unfolded.content.decode()
    assert len(unfolded.context["rows"]) == len(folded.context["rows"]) + 1


def test_comparison_asks_for_two_different_revisions(client, room, compared):
    same = client.get(url("compare", 2026), {"from": 1, "to": 1})
    missing = client.get(url("compare", 2026), {"from": "1"})
    bad = client.get(url("compare", 2026), {"from": "one", "to": "0"})
    first = client.get(url("compare", 2026))

    assert (same.status_code, same.context["form"].non_field_errors()) == (
        400,
        ["Choose two different revisions."],
    )
    assert missing.context["form"].errors == {"to": ["This field is required."]}
    assert bad.context["form"].errors == {"from": ["Choose a revision from the list."]}
    assert (first.status_code, first.context["rows"]) == (200, None)
    assert first.context["form"]["to"].value() == 1


def test_comparison_with_an_unpublished_revision_is_not_found(client, room, compared):
    RevisionFactory(document=room.document, number=2, published_at=None)

    assert client.get(url("compare", 2026), {"from": 0, "to": 2}).status_code == 404
    assert client.get(url("compare", 2026), {"from": 0, "to": 7}).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_comparison_queries_do_not_grow(client, django_assert_num_queries, room, count):
    for n in range(3, 3 + count):
        paragraph = ParagraphFactory(revision=room.revision, number=n, position=n)
        ProposalFactory(
            paragraph=paragraph,
            kind=ProposalKind.REPLACE,
            text=f"Paragraph {n} as changed.",
            decision=Decision.TAKEN_IN,
        )
    rev1 = services.start_revision(room.document, is_final=False, by=room.cofacilitator)
    services.publish_revision(rev1, by=room.cofacilitator)

    # document, co-facilitators, revisions, paragraphs with the proposals applied, deletions
    with django_assert_num_queries(6):
        client.get(url("compare", 2026), {"from": 0, "to": 1})


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_do_not_grow(client, django_assert_num_queries, room, count):
    for n in range(3, 3 + count):
        paragraph = ParagraphFactory(revision=room.revision, number=n, position=n)
        ProposalFactory(paragraph=paragraph)

    with django_assert_num_queries(3):  # documents, co-facilitators, revisions of each
        client.get(url("list"))

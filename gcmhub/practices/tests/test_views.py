"""Pages, search, exports and their leaks: nothing unpublished leaves through any public door."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gcmhub.accounts.tests.factories import UserFactory
from gcmhub.compact.models import Country
from gcmhub.practices import queries
from gcmhub.practices.models import Attachment, Practice
from gcmhub.practices.tests.factories import (
    AssignmentFactory,
    CallFactory,
    PracticeFactory,
    ReviewerProfileFactory,
)
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db
HIDDEN_STATES = [
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
]
SECRET = "leakcanary"
PLANTED_EMAIL = "planted-person@leak.example"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def hidden(cast):
    """One practice in every non-public state, in Tuvalu, objective 14, by a planted person."""
    planted = UserFactory(email=PLANTED_EMAIL, full_name="Planted Person")
    return [
        PracticeFactory(
            state=state,
            title=f"{SECRET} {state}",
            summary=f"{SECRET} " * 40,
            organisation=cast.organisation,
            created_by=planted,
            primary_objectives=[14],
            countries=["TUV"],
            on_behalf=True,
            main_implementer="Hidden implementer",
            implementer_contact="Planted Person",
            implementer_email=PLANTED_EMAIL,
        )
        for state in HIDDEN_STATES
    ]


@pytest.fixture
def visible(cast):
    return PracticeFactory(
        title="Seasonal workers paid through mobile wallets",
        organisation=cast.organisation,
        created_by=cast.member,
        primary_objectives=[6],
        secondary_objectives=[22],
        countries=["KEN"],
        language="en",
        on_behalf=True,
        main_implementer="Kenya Ministry of Labour",
        implementer_contact="Private Contact",
        implementer_email="private-contact@leak.example",
    )


def test_list_shows_only_published(client, hidden, visible):
    response = client.get(reverse("practices:list"))

    assert list(response.context["page"].object_list) == [visible]
    assert SECRET not in response.content.decode()


def test_search_finds_only_published(client, hidden, visible):
    response = client.get(reverse("practices:list"), {"q": SECRET})

    assert response.context["page"].paginator.count == 0


def test_hidden_practices_are_404_to_the_public_and_outsiders(client, cast, hidden):
    for practice in hidden:
        assert client.get(practice.get_absolute_url()).status_code == 404
    client.force_login(cast.outsider)
    for practice in hidden:
        assert client.get(practice.get_absolute_url()).status_code == 404


def test_facet_counts_ignore_hidden_practices(hidden, visible):
    counts = queries.practice_facets({})

    assert (counts["objective"], counts["country"]) == ({"6": 1, "22": 1}, {"KEN": 1})


def test_facet_counts_honour_the_other_filters_and_the_text(visible):
    PracticeFactory(title="Birth registration", primary_objectives=[4], countries=["KEN"])
    PracticeFactory(title="Fair recruitment", primary_objectives=[6], countries=["PHL"])

    counts = queries.practice_facets({"country": "KEN", "q": "wallets"})

    assert counts["objective"] == {"6": 1, "22": 1}
    assert counts["country"] == {"KEN": 1}
    assert counts["region"] == {"002": 1}


def test_filters_select_primary_or_secondary_objectives_and_region(client, visible):
    PracticeFactory(title="Elsewhere", primary_objectives=[1], countries=["FRA"])

    by_secondary = client.get(reverse("practices:list"), {"objective": 22})
    by_region = client.get(reverse("practices:list"), {"region": "150"})

    assert list(by_secondary.context["page"].object_list) == [visible]
    assert [p.title for p in by_region.context["page"].object_list] == ["Elsewhere"]


def test_exports_hold_only_published_practices_and_no_personal_data(client, hidden, visible):
    response = client.get(reverse("practices:export", args=["csv"]))

    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["title"] for row in rows] == [visible.title]
    assert SECRET not in content and "leak.example" not in content
    xlsx = b"".join(client.get(reverse("practices:export", args=["xlsx"])).streaming_content)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert visible.title in sheet and SECRET not in sheet
    response = client.get(reverse("practices:export", args=["json"]))
    content = b"".join(response.streaming_content).decode()
    assert [record["title"] for record in json.loads(content)] == [visible.title]
    assert SECRET not in content and "leak.example" not in content
    assert client.get(reverse("practices:export", args=["pdf"])).status_code == 404


def test_export_follows_the_filters(client, visible):
    PracticeFactory(title="Other", primary_objectives=[1])

    response = client.get(reverse("practices:export", args=["csv"]), {"objective": 1})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["Other"]


def test_no_personal_data_on_public_pages(client, cast, visible):
    pages = [
        visible.get_absolute_url(),
        reverse("practices:list"),
        reverse("web:country", args=["KEN"]),
        reverse("web:objective", args=[6]),
    ]

    for url in pages:
        content = client.get(url).content.decode()
        assert "leak.example" not in content and "Private Contact" not in content


def test_owner_sees_the_contact_of_the_implementer(client, cast, visible):
    client.force_login(cast.member)

    response = client.get(visible.get_absolute_url())

    assert "private-contact@leak.example" in response.content.decode()


def test_country_and_objective_pages_list_only_published(client, hidden, visible):
    country = client.get(reverse("web:country", args=["TUV"]))
    objective = client.get(reverse("web:objective", args=[14]))
    kenya = client.get(reverse("web:country", args=["KEN"]))
    six = client.get(reverse("web:objective", args=[22]))

    assert country.context["practices"]["count"] == 0
    assert objective.context["practices"]["count"] == 0
    assert SECRET not in country.content.decode() + objective.content.decode()
    assert kenya.context["practices"]["latest"] == [visible]
    assert six.context["practices"]["latest"] == [visible]


def test_related_practices_share_objectives_and_are_published(client, cast, hidden, visible):
    sibling = PracticeFactory(title="Sibling", primary_objectives=[22])
    PracticeFactory(title="Unrelated", primary_objectives=[1])
    PracticeFactory(title=f"{SECRET} draft", primary_objectives=[6], state=State.DRAFT)

    response = client.get(visible.get_absolute_url())

    assert response.context["related"] == [sibling]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("NEAR(", 0),
        ("OR OR", 0),
        ('wallets" OR "zzz', 0),
        ("'); DROP TABLE practices_practice;--", 0),
        ("word " * 40, 0),
        ('"seasonal workers', 1),
        ("wallets* AND (mobile", 1),
        ("NEAR(seasonal wallets)", 0),
    ],
)
def test_hostile_queries_are_searched_as_plain_words(client, visible, query, found):
    response = client.get(reverse("practices:list"), {"q": query})

    assert response.context["form"].errors == {}
    assert response.context["page"].paginator.count == found
    assert Practice.objects.count() == 1


def test_a_query_without_words_says_so(client, visible):
    response = client.get(reverse("practices:list"), {"q": '" * ( )'})

    assert response.context["form"].errors["q"] == [
        "Type at least one word or number; punctuation and operators are ignored."
    ]
    assert response.context["page"].paginator.count == 1


def test_search_orders_by_relevance_or_newest(client):
    body = PracticeFactory(title="Decent housing", summary="wallets " + "x " * 120)
    title = PracticeFactory(title="Mobile wallets for remittances")

    relevant = client.get(reverse("practices:list"), {"q": "wallets"})
    newest = client.get(reverse("practices:list"), {"q": "wallets", "order": "newest"})

    assert list(relevant.context["page"].object_list) == [title, body]
    assert list(newest.context["page"].object_list) == [title, body]
    assert body.published_at <= title.published_at


def test_htmx_gets_only_the_results(client, visible):
    response = client.get(reverse("practices:list"), HTTP_HX_REQUEST="true")

    assert [t.name for t in response.templates][0] == "practices/_results.html"


@pytest.mark.parametrize("count", [1, 3])
def test_practice_list_queries_do_not_grow(client, django_assert_num_queries, count):
    PracticeFactory.create_batch(count, countries=["KEN", "UGA"], secondary_objectives=[2])

    # the form, the version, the search, the page and its tags; the facet bit sets (first time)
    with django_assert_num_queries(19):
        client.get(reverse("practices:list"), {"q": "practice", "country": "KEN", "objective": 6})


@pytest.mark.parametrize("count", [1, 3])
def test_practice_detail_queries_do_not_grow(client, django_assert_num_queries, count):
    practice = PracticeFactory(secondary_objectives=[2, 3])
    PracticeFactory.create_batch(count, primary_objectives=[2])
    client.get(practice.get_absolute_url())  # builds the facet bit sets of related practices

    with django_assert_num_queries(14):
        client.get(practice.get_absolute_url())


@pytest.mark.parametrize("count", [1, 3])
def test_calls_queries_do_not_grow(client, django_assert_num_queries, count):
    for _ in range(count):
        PracticeFactory(call=CallFactory())

    with django_assert_num_queries(2):
        client.get(reverse("practices:calls"))


def test_call_page_lists_published_answers_and_says_when_closed(client, hidden):
    import datetime

    call = CallFactory(deadline=datetime.date(2020, 1, 31))
    answer = PracticeFactory(call=call)
    PracticeFactory(call=call, state=State.SUBMITTED, title=SECRET)

    response = client.get(call.get_absolute_url())

    assert list(response.context["page"].object_list) == [answer]
    assert "This call closed on" in response.content.decode()


def test_attachments_of_hidden_practices_are_404(client, cast, hidden, visible):
    from django.core.files.base import ContentFile

    files = []
    for practice in [*hidden, visible]:
        attachment = Attachment(practice=practice, name="report.pdf", kind="pdf", size=len(PDF))
        attachment.file.save("report.pdf", ContentFile(PDF), save=False)
        attachment.save()
        files.append(attachment)

    public = client.get(files[-1].get_absolute_url())

    assert public.status_code == 200 and b"".join(public.streaming_content) == PDF
    assert public.headers["Content-Disposition"].startswith("attachment")
    assert [client.get(a.get_absolute_url()).status_code for a in files[:-1]] == [404] * 6


def test_start_a_practice_and_fill_the_sections(client, cast):
    client.force_login(cast.member)
    summary = "Migrant workers receive their wages through a mobile wallet. " * 5

    start = client.post(
        reverse("practices:start"),
        {
            "organisation": cast.organisation.pk,
            "title": "Wallets",
            "summary": summary,
            "language": "en",
            "criteria": ["objectives", "principles", "recent", "completed", "replicable"],
        },
    )

    practice = cast.organisation.practices_practice_set.get()
    assert start.url == reverse("practices:tasks", args=[practice.pk])
    tasks = client.get(start.url)
    assert [done for _section, done in tasks.context["sections"]] == [
        True,
        False,
        False,
        True,
        False,
    ]
    response = client.post(
        reverse("practices:section", args=[practice.pk, "scope"]),
        {"practice_type": "programme", "start_year": 2021, "is_ongoing": "on", "is_global": "on"},
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.start_year, practice.is_ongoing, practice.end_year) == (2021, True, None)


def test_the_criteria_must_all_be_confirmed(client, cast):
    client.force_login(cast.member)

    response = client.post(
        reverse("practices:start"),
        {
            "organisation": cast.organisation.pk,
            "title": "T",
            "summary": "x" * 300,
            "language": "en",
            "criteria": ["objectives"],
        },
    )

    assert response.context["form"].errors["criteria"] == [
        "Confirm every criterion: the repository publishes only practices that meet them."
    ]


def test_scope_section_keeps_input_and_explains(client, cast):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    response = client.post(
        reverse("practices:section", args=[practice.pk, "scope"]),
        {"practice_type": "programme", "start_year": 2022, "end_year": 2020},
    )

    errors = response.context["form"].errors
    assert errors["end_year"] == ["The end year must be the start year or later."]
    assert errors["countries"] == ["Choose countries or regions, or tick “global in scope”."]
    assert response.context["form"]["start_year"].value() == "2022"


def test_upload_a_real_pdf_and_refuse_a_renamed_executable(client, cast):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)
    url = reverse("practices:attachments", args=[practice.pk])

    good = client.post(url, {"file": SimpleUploadedFile("report.pdf", PDF)})
    bad = client.post(url, {"file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\0" * 64)})

    assert good.status_code == 302
    assert bad.context["form"].errors["file"] == [
        "“report.pdf” is not a PDF, DOCX, PNG, JPEG file, whatever its name says: its content "
        "is something else."
    ]
    assert [a.name for a in practice.attachments.all()] == ["report.pdf"]


def test_check_page_lists_what_is_missing(client, cast):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT, lessons="")
    client.force_login(cast.member)

    response = client.get(reverse("practices:check", args=[practice.pk]))

    assert [s.slug for s in response.context["incomplete"]] == ["detail"]
    assert response.context["can_submit"] is False


def test_outsider_cannot_edit_and_public_cannot_start(client, cast):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.outsider)

    assert client.get(reverse("practices:tasks", args=[practice.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("practices:start")).status_code == 302


def test_delete_a_draft_after_confirming(client, cast):
    practice = PracticeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    confirm = client.get(reverse("practices:delete", args=[practice.pk]))
    client.post(reverse("practices:delete", args=[practice.pk]))

    assert confirm.status_code == 200
    assert not cast.organisation.practices_practice_set.exists()


def test_secretariat_pages_are_refused_to_others(client, cast):
    practice = PracticeFactory(state=State.SUBMITTED)
    client.force_login(cast.member)

    assert client.get(reverse("practices:review_queue")).status_code == 403
    assert client.get(reverse("practices:review", args=[practice.pk])).status_code == 403
    assert client.get(reverse("practices:call_new")).status_code == 403


def test_secretariat_opens_a_call(client, cast):
    client.force_login(cast.reviewer)

    response = client.post(
        reverse("practices:call_new"),
        {
            "title": "Decent work",
            "theme": "Labour",
            "description": "Send us your practices.",
            "deadline": "2099-01-01",
            "objectives": [6],
        },
    )

    call = queries.calls().get()
    assert response.url == call.get_absolute_url()
    assert [o.number for o in call.objectives.all()] == [6]


def test_reviewer_sees_title_and_organisation_until_declaring(client, cast):
    assignment = AssignmentFactory(practice__summary="Secret summary text " * 12)
    client.force_login(assignment.reviewer.user)

    before = client.get(assignment.get_absolute_url()).content.decode()
    client.post(assignment.get_absolute_url(), {"declare": "1", "has_conflict": "no"})
    after = client.get(assignment.get_absolute_url()).content.decode()

    assert assignment.practice.title in before and "Secret summary text" not in before
    assert "Secret summary text" in after


def test_a_declared_conflict_releases_and_refuses_a_later_review(client, cast):
    assignment = AssignmentFactory()
    client.force_login(assignment.reviewer.user)

    client.post(assignment.get_absolute_url(), {"declare": "1", "has_conflict": "yes"})
    response = client.post(
        assignment.get_absolute_url(),
        {"review": "1", "recommendation": "publish", "comments": "Fine."},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Thank you: your declaration is recorded.",
        "You declared a conflict of interest; this assignment was released.",
    ]
    assignment.refresh_from_db()
    assert (assignment.conflict, assignment.recommendation) == ("declared", "")


def test_others_cannot_open_an_assignment(client, cast):
    assignment = AssignmentFactory()
    client.force_login(cast.reviewer)

    assert client.get(assignment.get_absolute_url()).status_code == 404


def test_submitter_sees_comments_without_reviewer_names(client, cast):
    practice = PracticeFactory(organisation=cast.organisation, state=State.CHANGES_REQUESTED)
    reviewer = ReviewerProfileFactory(user__full_name="Dr Hidden Reviewer")
    AssignmentFactory(practice=practice, reviewer=reviewer, done=True, comments="Add figures.")
    client.force_login(cast.member)

    content = client.get(practice.get_absolute_url()).content.decode()

    assert "Add figures." in content and "Hidden Reviewer" not in content


def test_secretariat_sees_suggestions_and_assigns(client, cast):
    practice = PracticeFactory(state=State.SUBMITTED, organisation=cast.organisation)
    insider = ReviewerProfileFactory(user=cast.member)
    expert = ReviewerProfileFactory(user__full_name="Expert Reviewer")
    client.force_login(cast.reviewer)

    page = client.get(reverse("practices:review", args=[practice.pk]))
    client.post(reverse("practices:review", args=[practice.pk]), {"reviewer": expert.pk})

    assert expert in page.context["suggestions"] and insider not in page.context["suggestions"]
    assert [a.reviewer for a in practice.assignments.all()] == [expert]


@pytest.mark.parametrize("count", [1, 3])
def test_review_queue_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    for _ in range(count):
        AssignmentFactory(done=True)
    client.force_login(cast.reviewer)

    with django_assert_num_queries(3):
        client.get(reverse("practices:review_queue"))


def test_country_in_a_practice_is_searchable_by_its_name(client):
    practice = PracticeFactory(title="Wages", countries=["MAR"])

    french = client.get("/fr/practices/", {"q": "Maroc"})
    english = client.get(reverse("practices:list"), {"q": "Morocco"})

    assert list(french.context["page"].object_list) == [practice]
    assert list(english.context["page"].object_list) == [practice]
    assert Country.objects.get(iso3="MAR").names["fr"] == "Maroc"


@pytest.mark.parametrize(
    ("language", "title", "query"),
    [
        ("en", "Fair recruitment of domestic workers", "domestic"),
        ("fr", "Accès des migrants à la santé", "acces"),
        ("ar", "حماية العمال المهاجرين", "المهاجرين"),
        ("zh-hans", "保护移民工人的权利", "移民"),
        ("ru", "Защита трудящихся-мигрантов", "мигрантов"),
    ],
)
def test_search_finds_words_in_every_script(client, language, title, query):
    practice = PracticeFactory(title=title, language=language)
    PracticeFactory(title="Something else entirely")

    response = client.get(reverse("practices:list"), {"q": query})

    assert list(response.context["page"].object_list) == [practice]


def test_a_chinese_word_is_not_found_from_scattered_characters(client):
    PracticeFactory(title="民间组织为工人提供移动服务", language="zh-hans")

    response = client.get(reverse("practices:list"), {"q": "移民"})

    assert response.context["page"].paginator.count == 0

"""Pages, exports and their leaks: nothing unpublished leaves through any public door."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from gcmhub.accounts.tests.factories import UserFactory
from gcmhub.compact.models import Country, Objective
from gcmhub.pledges import queries
from gcmhub.pledges.models import Pledge
from gcmhub.pledges.tests.factories import PledgeFactory, ProgressReportFactory
from gcmhub.workflow.models import Action, State
from gcmhub.workflow.services import transition

pytestmark = pytest.mark.django_db
HIDDEN_STATES = [
    State.DRAFT,
    State.SUBMITTED,
    State.CHANGES_REQUESTED,
    State.REJECTED,
    State.WITHDRAWN,
    State.UNPUBLISHED,
]
SECRET = "leak-canary-7c1f"
PLANTED_EMAIL = "planted-person@leak.example"


@pytest.fixture
def hidden(cast):
    """One pledge in every non-public state, about Tuvalu and objective 14, by a planted person."""
    planted = UserFactory(email=PLANTED_EMAIL, full_name="Planted Person")
    tuvalu = Country.objects.get(iso3="TUV")
    pledges = []
    for state in HIDDEN_STATES:
        pledge = PledgeFactory(
            state=state,
            title=f"{SECRET} {state}",
            organisation=cast.organisation,
            created_by=planted,
            main_objectives=[14],
            resources_amount=999,
            resources_currency="XAF",
        )
        pledge.countries.add(tuvalu)
        pledges.append(pledge)
    return pledges


@pytest.fixture
def visible(cast):
    pledge = PledgeFactory(
        title="Published pledge",
        organisation=cast.organisation,
        created_by=cast.member,
        main_objectives=[5],
    )
    pledge.countries.add(Country.objects.get(iso3="KEN"))
    return pledge


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_list_shows_only_published(client, hidden, visible):
    response = client.get(reverse("pledges:list"))

    assert list(response.context["page"].object_list) == [visible]
    assert SECRET not in response.content.decode()


def test_hidden_pledges_are_404_to_the_public_and_outsiders(client, cast, hidden):
    client.force_login(cast.outsider)

    statuses = {client.get(p.get_absolute_url()).status_code for p in hidden}

    assert statuses == {404}


def test_facet_counts_ignore_hidden_pledges(hidden, visible):
    counts = queries.facet_counts({})

    assert counts["objective"] == {"5": 1}
    assert counts["country"] == {"KEN": 1}


def test_exports_hold_only_published_pledges_and_no_personal_data(client, hidden, visible):
    csv_text = _text(client.get(reverse("pledges:export", args=["csv"])))
    json_text = _text(client.get(reverse("pledges:export", args=["json"])))
    xlsx = b"".join(client.get(reverse("pledges:export", args=["xlsx"])).streaming_content)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        sheet = (
            book.read("xl/worksheets/sheet1.xml").decode()
            + book.read("xl/sharedStrings.xml").decode()
            if "xl/sharedStrings.xml" in book.namelist()
            else book.read("xl/worksheets/sheet1.xml").decode()
        )

    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [row["title"] for row in rows] == ["Published pledge"]
    assert rows[0]["main_objectives"] == "5" and rows[0]["countries"] == "KEN"
    assert [record["title"] for record in json.loads(json_text)] == ["Published pledge"]
    for text in (csv_text, json_text, sheet):
        assert SECRET not in text and PLANTED_EMAIL not in text and "member@example.org" not in text
    assert "Published pledge" in sheet


def test_exports_follow_the_filters(client, visible):
    PledgeFactory(title="Other objective", main_objectives=[20])

    rows = list(
        csv.DictReader(
            io.StringIO(
                _text(client.get(reverse("pledges:export", args=["csv"]), {"objective": 20}))
            )
        )
    )

    assert [row["title"] for row in rows] == ["Other objective"]


def test_country_page_lists_only_published(client, hidden, visible):
    html = (
        client.get(reverse("web:country", args=["TUV"])).content.decode()
        + client.get(reverse("web:country", args=["KEN"])).content.decode()
    )

    assert SECRET not in html
    assert "Published pledge" in html


def test_country_page_groups_pledges(client, cast):
    government = PledgeFactory(
        title="By Kenya",
        organisation__entity_type_id=1,
        organisation__country=Country.objects.get(iso3="KEN"),
    )
    based = PledgeFactory(
        title="Based in Kenya", organisation__country=Country.objects.get(iso3="KEN")
    )
    about = PledgeFactory(
        title="About Kenya", organisation__country=Country.objects.get(iso3="FRA")
    )
    about.countries.add(Country.objects.get(iso3="KEN"))
    from gcmhub.compact.models import EntityType

    government.organisation.entity_type = EntityType.objects.get(code="member-state")
    government.organisation.save()

    groups = client.get(reverse("web:country", args=["KEN"])).context["pledges"]

    assert (groups["government"], groups["based_there"], groups["concerning"]) == (
        [government],
        [based],
        [about],
    )


def test_no_personal_data_on_public_pledge_pages(client, cast, visible):
    ProgressReportFactory(pledge=visible, created_by=UserFactory(email=PLANTED_EMAIL))

    html = (
        client.get(visible.get_absolute_url()).content.decode()
        + client.get(reverse("pledges:list")).content.decode()
    )

    assert PLANTED_EMAIL not in html and "member@example.org" not in html


def test_filters_combine_and_bad_values_are_ignored(client, visible):
    PledgeFactory(title="Elsewhere", main_objectives=[5]).countries.add(
        Country.objects.get(iso3="PER")
    )

    africa = client.get(reverse("pledges:list"), {"objective": 5, "region": "002"})
    nonsense = client.get(reverse("pledges:list"), {"objective": "drop table", "region": "<b>"})

    assert [p.title for p in africa.context["page"].object_list] == ["Published pledge"]
    assert nonsense.status_code == 200 and len(nonsense.context["page"].object_list) == 2


def test_facet_counts_honour_the_other_filters(visible):
    PledgeFactory(title="Elsewhere", main_objectives=[5, 20]).countries.add(
        Country.objects.get(iso3="PER")
    )

    counts = queries.facet_counts({"region": "002"})

    assert counts["objective"] == {"5": 1}
    # the region facet ignores its own filter, and counts sub-regions (Eastern Africa, South
    # America) as their filter matches them
    assert counts["region"] == {"002": 1, "014": 1, "019": 1, "005": 1}


def test_htmx_gets_only_the_results(client, visible):
    response = client.get(reverse("pledges:list"), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html and "Published pledge" in html


@pytest.mark.parametrize("count", [1, 3])
def test_pledge_list_queries_do_not_grow(client, django_assert_num_queries, count):
    PledgeFactory.create_batch(count)

    # the form's choices (7), the version of the public pledges, the page and its objectives;
    # the first time in a process, the facet bit sets too (8)
    with django_assert_num_queries(18):
        client.get(reverse("pledges:list"))
    with django_assert_num_queries(10):
        client.get(reverse("pledges:list"))


@pytest.mark.parametrize("count", [1, 3])
def test_my_pledges_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    PledgeFactory.create_batch(count, organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    with django_assert_num_queries(4):
        response = client.get(reverse("pledges:mine"))

    assert len(response.context["pledges"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_review_queue_queries_do_not_grow(client, cast, django_assert_num_queries, count):
    PledgeFactory.create_batch(count, state=State.SUBMITTED)
    client.force_login(cast.reviewer)

    with django_assert_num_queries(10):
        response = client.get(reverse("pledges:review"))

    assert len(response.context["pledges"]) == count


def test_review_queue_is_for_the_secretariat(client, cast):
    client.force_login(cast.member)

    assert client.get(reverse("pledges:review")).status_code == 403


def test_detail_shows_partners_reports_and_matches(client, cast, visible):
    visible.partner_organisations.add(cast.other_organisation)
    ProgressReportFactory(pledge=visible, narrative="Half way there.")
    ProgressReportFactory(pledge=visible, narrative="Hidden report text", state=State.SUBMITTED)
    answer = PledgeFactory(title="The answer", pledge_type="matching", matches=visible)

    response = client.get(visible.get_absolute_url())

    html = response.content.decode()
    assert "Other Organisation" in html and "Half way there." in html and "The answer" in html
    assert "Hidden report text" not in html
    assert response.context["matched_by"] == [answer]


def test_owner_sees_the_smart_check_and_the_review_panel(client, cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    response = client.get(pledge.get_absolute_url())

    assert response.context["smart"].score == 4
    assert response.context["panel"]["record"] == pledge


def test_start_a_pledge_and_resume_from_the_task_list(client, cast):
    client.force_login(cast.member)
    edition = cast.organisation  # noqa: F841 - the organisation is the member's only one
    from gcmhub.compact.models import Edition

    response = client.post(
        reverse("pledges:start"),
        {
            "organisation": cast.organisation.pk,
            "title": "A new pledge",
            "description": "x" * 400,
            "edition": Edition.objects.get(year=2026).pk,
            "language": "fr",
        },
    )

    pledge = Pledge.objects.get()
    assert response.url == reverse("pledges:tasks", args=[pledge.pk])
    tasks = client.get(response.url)
    assert [done for _section, done in tasks.context["sections"]] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_section_form_keeps_input_on_error(client, cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    response = client.post(
        reverse("pledges:section", args=[pledge.pk, "about"]),
        {
            "title": "Kept title",
            "description": "too short",
            "edition": pledge.edition_id,
            "language": "en",
        },
    )

    assert response.status_code == 200
    assert 'value="Kept title"' in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.title != "Kept title"


def test_stale_section_save_is_explained(client, cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)
    old_stamp = "2000-01-01T00:00:00+00:00"

    response = client.post(
        reverse("pledges:section", args=[pledge.pk, "about"]),
        {
            "title": "Mine",
            "description": "y" * 400,
            "edition": pledge.edition_id,
            "language": "en",
            "seen": old_stamp,
        },
    )

    assert (
        response.context["form"].non_field_errors()[0].startswith("Someone else saved this record")
    )
    assert 'value="Mine"' in response.content.decode()


def test_outsider_cannot_edit(client, cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.outsider)

    assert client.get(reverse("pledges:tasks", args=[pledge.pk])).status_code == 404


def test_delete_a_draft_after_confirming(client, cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    client.force_login(cast.member)

    client.get(reverse("pledges:delete", args=[pledge.pk]))
    assert Pledge.objects.count() == 1
    client.post(reverse("pledges:delete", args=[pledge.pk]))

    assert Pledge.objects.count() == 0


def test_report_page_for_the_pledger(client, cast, visible):
    client.force_login(cast.member)

    response = client.post(
        reverse("pledges:report", args=[visible.pk]),
        {
            "organisation": cast.organisation.pk,
            "date": "2026-02-01",
            "status": "in_progress",
            "narrative": "Started.",
        },
    )

    assert response.status_code == 302
    assert visible.reports.get().state == State.SUBMITTED


def test_report_page_refused_to_others(client, cast, visible):
    client.force_login(cast.outsider)

    assert client.get(reverse("pledges:report", args=[visible.pk])).status_code == 403


def test_objective_zero_pledges_render(client):
    assert client.get(reverse("pledges:list")).context["page"].paginator.count == 0
    assert Objective.objects.count() == 23


def test_dashboard_counts_only_published_pledges(client, hidden, visible):
    response = client.get(reverse("pledges:dashboard"))

    figures = response.context["figures"]
    assert (figures["total"], figures["by_objective"], figures["by_country"]) == (
        1,
        {5: 1},
        {"404": 1},
    )
    assert [row["resources_currency"] for row in figures["amounts"]] == []
    assert SECRET not in response.content.decode() and "XAF" not in response.content.decode()
    shaded = {
        country["m49"]: country["count"]
        for country in response.context["map"]["countries"]
        if country["count"]
    }
    assert shaded == {"404": 1}  # Tuvalu (798), which only hidden pledges concern, stays blank


def test_dashboard_headline_in_the_seed_style(client, cast):
    from gcmhub.compact.models import EntityType

    state = cast.organisation
    state.entity_type = EntityType.objects.get(code="member-state")
    state.save()
    PledgeFactory.create_batch(2, organisation=state)
    PledgeFactory()

    response = client.get(reverse("pledges:dashboard"))

    assert "3 published pledges, of which 2 by 1 Member States." in response.content.decode()


def test_dashboard_follows_the_filters_and_its_csv_too(client, visible):
    PledgeFactory(main_objectives=[20])

    response = client.get(reverse("pledges:dashboard"), {"objective": 20})
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("pledges:dashboard_csv", args=["objective"]), {"objective": 20}
                ).content.decode()
            )
        )
    )

    assert response.context["figures"]["total"] == 1
    assert rows[0] == ["Objective", "Pledges"]
    assert rows[20] == ["20. Remittances", "1"] and rows[5] == ["5. Regular pathways", "0"]


def test_dashboard_csv_of_an_unknown_chart_is_404(client):
    assert client.get(reverse("pledges:dashboard_csv", args=["nonsense"])).status_code == 404


def test_dashboard_charts_are_svg_with_tables_and_links(client, visible):
    html = client.get(reverse("pledges:dashboard")).content.decode()

    assert html.count('<figure class="chart ') == 6 and 'role="img"' in html
    assert html.count("<table") == 6  # one beside each chart (no amounts table: no amount given)
    assert html.count(".csv") == 6


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_queries_do_not_grow(client, django_assert_num_queries, count):
    PledgeFactory.create_batch(count)

    with django_assert_num_queries(23):  # the figures, then the version they are kept under
        client.get(reverse("pledges:dashboard"))
    with django_assert_num_queries(13):  # kept: the version, the form's choices, the names
        client.get(reverse("pledges:dashboard"))


def test_dashboard_figures_are_kept_until_a_publication_or_a_withdrawal(client, cast):
    pledge = PledgeFactory()
    waiting = PledgeFactory(state=State.SUBMITTED)

    def total():
        return client.get(reverse("pledges:dashboard")).context["figures"]["total"]

    assert total() == 1
    transition(waiting, Action.PUBLISH, by=cast.reviewer)
    assert total() == 2
    transition(pledge, Action.UNPUBLISH, by=cast.admin, note="Published by mistake")
    assert total() == 1


def test_reminder_command_prints_one_line(cast):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("send_pledge_reminders", stdout=out)

    assert out.getvalue() == "Reminders sent for 0 pledges.\n"


def test_demo_seed_creates_varied_pledges_once():
    from gcmhub.accounts import demo as accounts_demo
    from gcmhub.pledges import demo

    accounts_demo.seed()

    created = demo.seed(60)
    again = demo.seed(60)

    published = Pledge.objects.published()
    assert (created, again, published.count()) == (60, 0, 60)
    assert published.values("language").distinct().count() >= 3
    assert published.values("main_objectives").distinct().count() >= 10
    assert published.exclude(progress_status="planned").exists()
    assert Pledge.objects.filter(state=State.SUBMITTED).count() == 2


def test_reviewer_publishes_or_rejects_a_report_from_the_queue(client, cast, visible):
    from django.contrib.contenttypes.models import ContentType

    from gcmhub.pledges.models import ProgressReport

    good = ProgressReportFactory(pledge=visible, state=State.SUBMITTED, status="fulfilled")
    bad = ProgressReportFactory(pledge=visible, state=State.SUBMITTED)
    client.force_login(cast.reviewer)
    type_id = ContentType.objects.get_for_model(ProgressReport).pk
    assert len(client.get(reverse("pledges:review")).context["reports"]) == 2

    client.post(reverse("workflow:act", args=[type_id, good.pk, "publish"]))
    client.post(reverse("workflow:act", args=[type_id, bad.pk, "reject"]), {"note": "No evidence."})

    good.refresh_from_db()
    bad.refresh_from_db()
    visible.refresh_from_db()
    assert (good.state, bad.state, visible.progress_status) == (
        State.PUBLISHED,
        State.REJECTED,
        "fulfilled",
    )


def test_admin_pages_of_pledges_render(client, cast, visible):
    report = ProgressReportFactory(pledge=visible)
    client.force_login(cast.admin)

    pages = [
        reverse("admin:pledges_pledge_changelist"),
        reverse("admin:pledges_pledge_change", args=[visible.pk]),
        reverse("admin:pledges_progressreport_change", args=[report.pk]),
        reverse("admin:pledges_reminder_changelist"),
    ]

    assert [client.get(url).status_code for url in pages] == [200, 200, 200, 200]


def test_dashboard_bars_mirror_in_arabic(client, visible):
    arabic = client.get("/ar/pledges/dashboard/").content.decode()
    english = client.get("/en/pledges/dashboard/").content.decode()

    assert arabic.count('direction="rtl"') == 5 and 'direction="rtl"' not in english

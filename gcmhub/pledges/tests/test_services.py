"""Drafting by sections, the bad inputs the issue names, progress reports and reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gcmhub.compact.models import Edition, Objective
from gcmhub.pledges import services
from gcmhub.pledges.models import Pledge, ProgressReport, ProgressStatus, Reminder
from gcmhub.pledges.sections import (
    SECTION_BY_SLUG,
    AboutForm,
    ObjectivesForm,
    PartnersForm,
    SmartForm,
)
from gcmhub.pledges.smart import smart_check
from gcmhub.pledges.tests.factories import DESCRIPTION, PledgeFactory, ProgressReportFactory
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action, State

pytestmark = pytest.mark.django_db


def _about(**values):
    edition = Edition.objects.get(year=2026)
    return {
        "title": "Safe pathways",
        "description": DESCRIPTION,
        "edition": edition.pk,
        "language": "en",
        **values,
    }


def test_start_then_complete_every_section_then_submit(cast):
    form = AboutForm(_about())
    assert form.is_valid(), form.errors
    pledge = services.start_pledge(
        form.cleaned_data, organisation=cast.organisation, by=cast.member
    )
    assert pledge.submission_problems() != []

    answers = {
        "partners": {"pledge_type": "individual"},
        "objectives": {"main_objectives": [Objective.objects.get(number=5).pk]},
        "scope": {"level": "national", "category": "policy"},
        "smart": {
            "action": "Open a pathway.",
            "start_date": "2026-01-01",
            "end_date": "2028-12-31",
            "indicator_1": "Visas",
            "baseline_1": "0",
            "target_1": "500",
        },
    }
    for slug, data in answers.items():
        section = SECTION_BY_SLUG[slug]
        form = section.form(data, instance=Pledge.objects.get(pk=pledge.pk))
        assert form.is_valid(), form.errors
        services.save_section(pledge, section, form.cleaned_data, by=cast.member, seen=None)
    workflow.transition(pledge, Action.SUBMIT, by=cast.member)

    pledge.refresh_from_db()
    assert (pledge.state, pledge.indicators) == (
        State.SUBMITTED,
        [{"indicator": "Visas", "baseline": "0", "target": "500"}],
    )
    assert pledge.title == "Safe pathways"  # saving a later section kept the first one


def test_incomplete_pledge_cannot_be_submitted(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT, action="")

    with pytest.raises(ValidationError) as error:
        workflow.transition(pledge, Action.SUBMIT, by=cast.member)

    assert error.value.messages == ["Describe the action and give its start and end dates."]


@pytest.mark.parametrize(
    ("length", "is_valid"), [(299, False), (300, True), (3000, True), (3001, False)]
)
def test_description_bounds(length, is_valid):
    form = AboutForm(_about(description="x" * length))

    assert form.is_valid() is is_valid
    if not is_valid:
        assert form.errors["description"][0].startswith("Write between 300 and 3,000 characters")


def test_end_before_start_negative_amount_and_unknown_currency(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    data = {
        "action": "Act.",
        "start_date": "2027-01-01",
        "end_date": "2026-01-01",
        "resources_amount": "-5",
        "resources_currency": "XYZ",
    }

    form = SmartForm(data, instance=pledge)

    assert form.is_valid() is False
    assert form.errors["end_date"] == ["The end date must be on or after the start date."]
    assert form.errors["resources_amount"] == ["Ensure this value is greater than or equal to 0."]
    assert form.errors["resources_currency"][0].startswith("Select a valid choice.")


def test_amount_needs_a_currency(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)

    form = SmartForm(
        {
            "action": "Act.",
            "start_date": "2026-01-01",
            "end_date": "2027-01-01",
            "resources_amount": "100",
        },
        instance=pledge,
    )

    assert form.errors["resources_currency"] == ["Choose the currency of the amount."]


def test_more_than_three_main_objectives(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    four = list(Objective.objects.filter(number__in=[1, 2, 3, 4]).values_list("pk", flat=True))

    form = ObjectivesForm({"main_objectives": four}, instance=pledge)

    assert form.errors["main_objectives"] == ["Choose at most three main objectives; you chose 4."]


def test_partner_cannot_be_the_pledger(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)

    form = PartnersForm(
        {"pledge_type": "partnership", "partner_organisations": [cast.organisation.pk]},
        instance=pledge,
    )

    assert form.errors["partner_organisations"] == [
        "Your own organisation cannot be its own partner."
    ]


def test_matching_only_a_published_pledge_of_another_organisation(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    own = PledgeFactory(organisation=cast.organisation, title="Own pledge")
    unpublished = PledgeFactory(
        organisation=cast.other_organisation, state=State.SUBMITTED, title="Unpublished pledge"
    )
    theirs = PledgeFactory(organisation=cast.other_organisation, title="Their pledge")

    refused = [
        PartnersForm(
            {"pledge_type": "matching", "matches": other.pk, "match_search": "pledge"},
            instance=pledge,
        )
        for other in (own, unpublished)
    ]
    accepted = PartnersForm(
        {"pledge_type": "matching", "matches": theirs.pk, "match_search": "pledge"}, instance=pledge
    )

    assert [form.errors["matches"][0].startswith("Select a valid choice") for form in refused] == [
        True,
        True,
    ]
    assert accepted.is_valid(), accepted.errors
    assert list(accepted.fields["matches"].queryset) == [theirs]


def test_two_people_saving_the_same_draft(cast):
    pledge = PledgeFactory(organisation=cast.organisation, state=State.DRAFT, title="Original")
    section = SECTION_BY_SLUG["about"]
    stamp = workflow.edit_stamp(pledge)
    services.save_section(pledge, section, {"title": "First"}, by=cast.member, seen=stamp)

    with pytest.raises(workflow.StaleEdit):
        services.save_section(pledge, section, {"title": "Second"}, by=cast.focal_point, seen=stamp)

    pledge.refresh_from_db()
    assert pledge.title == "First"


def test_editing_a_published_pledge_is_held_for_review(cast):
    pledge = PledgeFactory(organisation=cast.organisation, title="Published title")

    services.save_section(
        pledge, SECTION_BY_SLUG["about"], {"title": "New title"}, by=cast.member, seen=None
    )

    pledge.refresh_from_db()
    assert (pledge.title, workflow.open_revision(pledge).data["title"]) == (
        "Published title",
        "New title",
    )


def test_report_progress_by_a_partner_and_publish_it(cast):
    pledge = PledgeFactory(
        organisation=cast.other_organisation, resources_amount=1000, resources_currency="EUR"
    )
    pledge.partner_organisations.add(cast.organisation)
    data = {
        "date": datetime.date(2026, 3, 1),
        "status": ProgressStatus.IN_PROGRESS,
        "narrative": "Begun.",
        "amount_delivered": 400,
        "evidence_url": "",
    }

    report = services.report_progress(pledge, data, organisation=cast.organisation, by=cast.member)
    workflow.transition(report, Action.PUBLISH, by=cast.reviewer)

    pledge.refresh_from_db()
    assert report.state == State.PUBLISHED
    assert (pledge.progress_status, pledge.amount_delivered, pledge.last_report_date) == (
        ProgressStatus.IN_PROGRESS,
        400,
        datetime.date(2026, 3, 1),
    )


def test_unpublished_report_does_not_change_the_pledge(cast):
    pledge = PledgeFactory(organisation=cast.organisation)
    data = {
        "date": datetime.date(2026, 3, 1),
        "status": ProgressStatus.FULFILLED,
        "narrative": "Done.",
        "amount_delivered": None,
        "evidence_url": "",
    }

    services.report_progress(pledge, data, organisation=cast.organisation, by=cast.member)

    pledge.refresh_from_db()
    assert pledge.progress_status == ProgressStatus.PLANNED


def test_report_refused_on_unpublished_pledges_and_to_outsiders(cast):
    draft = PledgeFactory(organisation=cast.organisation, state=State.DRAFT)
    published = PledgeFactory(organisation=cast.organisation)
    data = {
        "date": datetime.date(2026, 3, 1),
        "status": "in_progress",
        "narrative": "x",
        "amount_delivered": None,
        "evidence_url": "",
    }

    with pytest.raises(ValidationError):
        services.report_progress(draft, data, organisation=cast.organisation, by=cast.member)
    with pytest.raises(PermissionDenied):
        services.report_progress(
            published, data, organisation=cast.other_organisation, by=cast.outsider
        )

    assert ProgressReport.objects.count() == 0


def test_flags_no_recent_report_and_overdue(settings):
    settings.PLEDGE_REPORT_MONTHS = 12
    now = timezone.now()
    stale = PledgeFactory(
        published_at=now - datetime.timedelta(days=400),
        end_date=datetime.date(2020, 1, 1),
        start_date=datetime.date(2019, 1, 1),
    )
    fresh = PledgeFactory(published_at=now - datetime.timedelta(days=30))

    assert (stale.has_no_recent_report(), stale.is_overdue()) == (True, True)
    assert (fresh.has_no_recent_report(), fresh.is_overdue()) == (False, False)


def test_reminders_once_per_month_with_a_moved_clock(cast, settings):
    settings.PLEDGE_REMINDER_DAYS = 30
    start = timezone.now()
    due = PledgeFactory(
        organisation=cast.organisation, published_at=start - datetime.timedelta(days=400)
    )
    PledgeFactory(
        organisation=cast.organisation, published_at=start - datetime.timedelta(days=10)
    )  # not due
    PledgeFactory(
        organisation=cast.organisation,
        published_at=start - datetime.timedelta(days=400),
        progress_status=ProgressStatus.FULFILLED,
    )

    first = services.send_reminders(now=start)
    again_next_day = services.send_reminders(now=start + datetime.timedelta(days=1))
    after_a_month = services.send_reminders(now=start + datetime.timedelta(days=31))

    assert [r.pledge for r in first] == [due]
    assert first[0].recipients == ["focal@example.org"]
    assert (again_next_day, [r.pledge for r in after_a_month]) == ([], [due])
    assert Reminder.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["focal@example.org"], ["focal@example.org"]]


def test_a_recent_published_report_stops_reminders(cast):
    now = timezone.now()
    pledge = PledgeFactory(
        organisation=cast.organisation, published_at=now - datetime.timedelta(days=400)
    )
    ProgressReportFactory(pledge=pledge, date=now.date() - datetime.timedelta(days=20))
    services.refresh_progress(pledge)

    assert services.send_reminders(now=now) == []


@pytest.mark.parametrize(
    ("changes", "met"),
    [
        ({}, ["Specific", "Measurable", "Relevant", "Time-bound"]),
        (
            {"resources_amount": 100, "resources_currency": "USD"},
            ["Specific", "Measurable", "Achievable and resourced", "Relevant", "Time-bound"],
        ),
        ({"action": "Short.", "indicators": [], "start_date": None}, ["Relevant"]),
    ],
)
def test_smart_check(changes, met):
    pledge = PledgeFactory(**changes)

    check = smart_check(pledge)

    assert [str(c.name) for c in check.criteria if c.is_met] == met
    assert check.score == len(met)
    unmet = [str(c.reason) for c in check.criteria if not c.is_met]
    assert all(reason for reason in unmet)

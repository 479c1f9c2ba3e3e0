"""Pledge writes: one function per intention. The lifecycle itself is workflow.services."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Membership, User
from gcmhub.accounts.queries import membership_levels
from gcmhub.pledges.models import Pledge, ProgressReport, ProgressStatus, Reminder
from gcmhub.pledges.sections import Section
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action


def start_pledge(data: dict, *, organisation, by: User) -> Pledge:
    """A new draft pledge from the first section of the form."""
    return workflow.create_draft(Pledge, data, organisation=organisation, by=by)


def save_section(
    pledge: Pledge, section: Section, data: dict, *, by: User, seen: str | None
) -> None:
    """Save one section of the pledge form (held for review when the pledge is published)."""
    workflow.edit(
        pledge, {name: data[name] for name in section.fields() if name in data}, by=by, seen=seen
    )


def reporting_organisations(pledge: Pledge, user: User) -> list:
    """The organisations for which USER may report on PLEDGE: the pledger and its partners."""
    mine = set(membership_levels(user))
    candidates = [pledge.organisation, *pledge.partner_organisations.all()]
    return [organisation for organisation in candidates if organisation.pk in mine]


@transaction.atomic
def report_progress(pledge: Pledge, data: dict, *, organisation, by: User) -> ProgressReport:
    """Post a progress report for review, for the pledger or one of its partners."""
    if not pledge.is_published:
        raise ValidationError(_("Progress can be reported on published pledges only."))
    if organisation not in reporting_organisations(pledge, by):
        raise PermissionDenied
    report = workflow.create_draft(
        ProgressReport, data, organisation=organisation, by=by, pledge=pledge
    )
    workflow.transition(report, Action.SUBMIT, by=by)
    return report


def refresh_progress(pledge: Pledge) -> None:
    """Copy the latest published report's status and amount onto the pledge (for lists and maps)."""
    reports = ProgressReport.objects.published().filter(pledge=pledge)
    latest = reports.order_by("-date", "-pk").first()
    pledge.progress_status = latest.status if latest else ProgressStatus.PLANNED
    pledge.amount_delivered = reports.aggregate(most=Max("amount_delivered"))["most"]
    pledge.last_report_date = latest.date if latest else None
    Pledge.objects.filter(pk=pledge.pk).update(
        progress_status=pledge.progress_status,
        amount_delivered=pledge.amount_delivered,
        last_report_date=pledge.last_report_date,
        updated_at=timezone.now(),  # lists and their facets see the change
    )


def send_reminders(*, now: datetime.datetime | None = None) -> list[Reminder]:
    """E-mail the focal points of each published pledge whose progress report is due, at most
    once per PLEDGE_REMINDER_DAYS per pledge, and record what was sent. Safe to run daily."""
    now = now or timezone.now()
    today = now.date()
    quiet_since = now - datetime.timedelta(days=settings.PLEDGE_REMINDER_DAYS)
    pledges = (
        Pledge.objects.published()
        .exclude(progress_status__in=[ProgressStatus.FULFILLED, ProgressStatus.DISCONTINUED])
        .exclude(reminders__sent_at__gt=quiet_since)
        .select_related("organisation")
    )
    sent = []
    for pledge in pledges.iterator(chunk_size=500):
        if not pledge.has_no_recent_report(today):
            continue
        focal_points = User.objects.filter(
            memberships__organisation=pledge.organisation_id,
            memberships__level=Membership.Level.FOCAL_POINT,
            memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        )
        recipients = [user.email for user in focal_points]
        for user in focal_points:
            with translation.override(user.language):
                context = {"pledge": pledge, "url": settings.SITE_URL + pledge.get_absolute_url()}
                subject = render_to_string("pledges/email/reminder_subject.txt", context).strip()
                body = render_to_string("pledges/email/reminder.txt", context)
            send_mail(subject, body, None, [user.email])
        sent.append(Reminder.objects.create(pledge=pledge, sent_at=now, recipients=recipients))
    return sent

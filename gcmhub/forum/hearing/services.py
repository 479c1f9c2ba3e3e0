"""Writes of the multi-stakeholder hearing: the call and its panels (administrators), applications
to speak (members of stakeholder organisations), decisions and the e-mails that announce them."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Organisation, User
from gcmhub.compact.models import Edition
from gcmhub.forum import permissions
from gcmhub.forum.models import Application, Category, Hearing, Panel, Session, SessionKind
from gcmhub.forum.queries import local_moment

APPLICATION_FIELDS = [
    "speaker_name",
    "speaker_email",
    "speaker_role",
    "name_is_public",
    "topic",
    "region",
    "gender",
]


# The call and its panels ------------------------------------------------------------------------


@transaction.atomic
def save_hearing(edition: Edition, data: dict, *, by: User) -> Hearing:
    """Open the hearing's call for speakers of EDITION, or change its dates and introduction."""
    permissions.require_manager(by)
    if data["deadline"] <= data["opens_at"]:
        raise ValidationError(_("The deadline must come after the opening."))
    hearing, _created = Hearing.objects.update_or_create(
        edition=edition,
        defaults={
            "opens_at": data["opens_at"],
            "deadline": data["deadline"],
            "introduction": data.get("introduction", ""),
        },
    )
    return hearing


def _check_session(hearing: Hearing, session: Session | None) -> None:
    if session is not None and (
        session.edition_id != hearing.edition_id or session.kind != SessionKind.HEARING
    ):
        raise ValidationError(_("A panel belongs to a session of the hearing of the same forum."))


@transaction.atomic
def add_panel(hearing: Hearing, data: dict, *, by: User) -> Panel:
    permissions.require_manager(by)
    _check_session(hearing, data.get("session"))
    return Panel.objects.create(
        hearing=hearing,
        title=data["title"],
        position=data.get("position") or 0,
        session=data.get("session"),
    )


@transaction.atomic
def edit_panel(panel: Panel, data: dict, *, by: User) -> Panel:
    permissions.require_manager(by)
    _check_session(panel.hearing, data.get("session"))
    panel.title = data["title"]
    panel.position = data.get("position") or 0
    panel.session = data.get("session")
    panel.save(update_fields=["title", "position", "session"])
    return panel


@transaction.atomic
def delete_panel(panel: Panel, *, by: User) -> None:
    """Remove a panel; its speakers stay selected, waiting for another panel."""
    permissions.require_manager(by)
    if panel.speakers.exclude(notified_at=None).exists():
        raise ValidationError(
            _("Speakers of this panel were already told by e-mail; move them before removing it.")
        )
    panel.delete()


# Applications -----------------------------------------------------------------------------------


def _check_open(hearing: Hearing, now: datetime.datetime) -> None:
    if now < hearing.opens_at:
        raise ValidationError(
            _("Applications open on %(moment)s.")
            % {"moment": local_moment(hearing.opens_at, hearing.edition)}
        )
    if now >= hearing.deadline:
        raise ValidationError(
            _("Applications closed on %(moment)s.")
            % {"moment": local_moment(hearing.deadline, hearing.edition)}
        )


def _check_applicant(user: User, organisation: Organisation) -> None:
    if permissions.category_of(organisation) != Category.STAKEHOLDER:
        raise PermissionDenied(
            _(
                "States and intergovernmental organisations do not apply to the hearing: they "
                "speak in the general debate."
            )
        )
    if not permissions.can_apply(user, organisation):
        raise PermissionDenied(
            _("Only members of a verified stakeholder organisation can apply for it.")
        )


def _save_application(application: Application, data: dict) -> Application:
    if data["region"].parent_id is not None:
        raise ValidationError(_("Choose one of the five regions."))
    if not data["objectives"]:
        raise ValidationError(_("Choose at least one objective."))
    for name in APPLICATION_FIELDS:
        setattr(application, name, data[name])
    application.full_clean(exclude=["hearing", "organisation", "applicant"])
    application.save()
    application.objectives.set(data["objectives"])
    return application


@transaction.atomic
def apply(
    hearing: Hearing,
    data: dict,
    *,
    organisation: Organisation,
    by: User,
    now: datetime.datetime | None = None,
) -> Application:
    """ORGANISATION applies to have one speaker at the hearing, while applications are open."""
    _check_applicant(by, organisation)
    _check_open(hearing, now or timezone.now())
    if Application.objects.filter(hearing=hearing, organisation=organisation).exists():
        raise ValidationError(
            _(
                "%(organisation)s has already applied for this hearing. Change its application "
                "below instead."
            )
            % {"organisation": organisation}
        )
    application = Application(hearing=hearing, organisation=organisation, applicant=by)
    return _save_application(application, data)


def _check_changeable(application: Application, user: User, now: datetime.datetime) -> None:
    if not permissions.can_apply(user, application.organisation):
        raise PermissionDenied(_("Only members of the organisation can change its application."))
    if application.notified_at:
        raise ValidationError(
            _("The secretariat has told you its decision: the application stays.")
        )
    _check_open(application.hearing, now)


@transaction.atomic
def edit_application(
    application: Application, data: dict, *, by: User, now: datetime.datetime | None = None
) -> Application:
    """A member of the organisation changes its application until the deadline."""
    _check_changeable(application, by, now or timezone.now())
    return _save_application(application, data)


@transaction.atomic
def withdraw_application(
    application: Application, *, by: User, now: datetime.datetime | None = None
) -> None:
    """A member of the organisation takes its application back until the deadline."""
    _check_changeable(application, by, now or timezone.now())
    application.delete()


# Selection and e-mails --------------------------------------------------------------------------


@transaction.atomic
def decide_application(
    application: Application,
    *,
    status: str,
    panel: Panel | None = None,
    position: int = 0,
    by: User,
) -> Application:
    """Select an applicant (and place them in PANEL at POSITION), decline them, or set the
    decision back to not decided. Selecting more speakers than panels hold is allowed."""
    permissions.require_manager(by)
    if status not in Application.Status.values:
        raise ValidationError(_("Choose a decision."))
    if panel is not None and status != Application.Status.SELECTED:
        raise ValidationError(_("Only selected speakers can be placed in a panel."))
    if panel is not None and panel.hearing_id != application.hearing_id:
        raise ValidationError(_("Choose a panel of this hearing."))
    if application.notified_at and status != application.status:
        raise ValidationError(
            _("The applicant was already told of this decision by e-mail; it cannot change.")
        )
    if status != application.status:
        application.status = status
        application.decided_at = None if status == Application.Status.PENDING else timezone.now()
    application.panel = panel
    application.panel_position = position if panel else 0
    application.save(update_fields=["status", "decided_at", "panel", "panel_position"])
    return application


@dataclass
class Told:
    told: int  # applicants e-mailed now
    waiting: int  # selected applicants not told because they have no panel yet


def _recipient(application: Application) -> tuple[str, str]:
    """The applicant's address and language; the speaker's when the applicant's account is gone."""
    if application.applicant and application.applicant.email:
        return application.applicant.email, application.applicant.language
    return application.speaker_email, settings.LANGUAGE_CODE


def _message(application: Application, language: str) -> tuple[str, str]:
    hearing = application.hearing
    with translation.override(language):
        session = application.panel.session if application.panel else None
        context = {
            "application": application,
            "edition": hearing.edition,
            "panel": application.panel,
            "moment": local_moment(session.starts_at, hearing.edition) if session else "",
            "url": settings.SITE_URL + reverse("forum:hearing", args=[hearing.edition.year]),
        }
        name = "selected" if application.status == Application.Status.SELECTED else "declined"
        subject = render_to_string(f"forum/hearing/email/{name}_subject.txt", context)
        body = render_to_string(f"forum/hearing/email/{name}.txt", context)
    return " ".join(subject.split()), body


def notify_applicants(hearing: Hearing, *, by: User) -> Told:
    """E-mail each decided applicant who has not been told yet, once, in their language.
    Selected applicants are told once they have a panel. Each applicant is marked and e-mailed
    in a transaction of their own, so a failing mail server leaves those already told marked,
    and the rest for the next try; the conditional update keeps two clicks from telling twice."""
    permissions.require_manager(by)
    decided = (
        hearing.applications.filter(notified_at=None)
        .exclude(status=Application.Status.PENDING)
        .select_related("applicant", "organisation", "panel__session", "hearing__edition")
    )
    told = waiting = 0
    for application in decided:
        if application.status == Application.Status.SELECTED and application.panel is None:
            waiting += 1
            continue
        with transaction.atomic():
            marked = Application.objects.filter(pk=application.pk, notified_at=None).update(
                notified_at=timezone.now()
            )
            if not marked:
                continue
            address, language = _recipient(application)
            subject, body = _message(application, language)
            send_mail(subject, body, None, [address])
            told += 1
    return Told(told=told, waiting=waiting)

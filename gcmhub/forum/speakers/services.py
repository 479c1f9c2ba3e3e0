"""Writes of the speakers list: delegations inscribe and withdraw; the secretariat opens,
closes, publishes, moves speakers with a reason and records the statements delivered."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.accounts.models import Organisation, User
from gcmhub.compact.models import Country, Edition
from gcmhub.forum.models import Category, Inscription, Level, SpeakersList
from gcmhub.forum.permissions import can_inscribe, category_of, require_manager
from gcmhub.workflow import services as workflow
from gcmhub.workflow.models import Action

NATIONAL = "national"
GROUP = "group"
STATES = {Category.GROUP, Category.MEMBER_STATE, Category.OBSERVER_STATE}
TIME_LIMITS = range(1, 31)


def _locked(speakers_list: SpeakersList) -> SpeakersList:
    """The list as it is now, locked until the transaction ends (two writers wait in turn)."""
    return (
        SpeakersList.objects.select_for_update().select_related("edition").get(pk=speakers_list.pk)
    )


@transaction.atomic
def open_list(edition: Edition, *, by: User) -> SpeakersList:
    """The secretariat opens the speakers list of an edition for inscriptions."""
    require_manager(by)
    if SpeakersList.objects.filter(edition=edition).exists():
        raise ValidationError(
            _("The speakers list of %(edition)s is already open.") % {"edition": edition}
        )
    return SpeakersList.objects.create(edition=edition, opened_at=timezone.now())


@transaction.atomic
def inscribe(
    speakers_list: SpeakersList, organisation: Organisation, data: dict, *, by: User
) -> Inscription:
    """A focal point inscribes its delegation once: a Member State nationally or on behalf of a
    group (named, with its members), at a level of representation; others in their category."""
    if not can_inscribe(by, organisation):
        raise PermissionDenied(
            _("Only a focal point of %(organisation)s can inscribe its delegation.")
            % {"organisation": organisation.name}
        )
    speakers_list = _locked(speakers_list)
    if not speakers_list.is_open:
        raise ValidationError(
            _(
                "Inscriptions are closed for %(edition)s. Write to the secretariat if your "
                "delegation still needs to speak."
            )
            % {"edition": speakers_list.edition}
        )
    if speakers_list.inscriptions.filter(organisation=organisation).exists():
        raise ValidationError(
            _(
                "%(delegation)s is already on the list of speakers. Withdraw that inscription "
                "first to inscribe it differently."
            )
            % {"delegation": organisation.name}
        )
    category = category_of(organisation)
    speaks_for = data.get("speaks_for") or NATIONAL
    errors = {}
    if speaks_for == GROUP and category != Category.MEMBER_STATE:
        errors["speaks_for"] = _("Only Member States speak on behalf of a group.")
    elif speaks_for == GROUP:
        category = Category.GROUP
        errors.update(_group_errors(data))
    level = data.get("level") or ""
    if category in STATES and level not in Level.values:
        errors["level"] = _("Choose the level of representation of your delegation.")
    if category not in STATES:
        level = ""  # only States speak at a level of representation
    if errors:
        raise ValidationError(errors)
    inscription = Inscription.objects.create(
        speakers_list=speakers_list,
        organisation=organisation,
        category=category,
        level=level,
        group_name=data.get("group_name", "").strip() if category == Category.GROUP else "",
        speaker=data.get("speaker", "").strip(),
        inscribed_at=timezone.now(),
        inscribed_by=by,
    )
    if category == Category.GROUP:
        inscription.group_members.set(data["group_members"])
    return inscription


def _group_errors(data: dict) -> dict:
    errors = {}
    if not data.get("group_name", "").strip():
        errors["group_name"] = _("Give the name of the group you speak for.")
    members = list(data.get("group_members") or [])
    if len(members) < 2:
        errors["group_members"] = _("Choose at least two Member States of the group.")
    elif any(country.status != Country.Status.MEMBER for country in members):
        errors["group_members"] = _("Members of a group are Member States.")
    return errors


@transaction.atomic
def withdraw_inscription(inscription: Inscription, *, by: User) -> None:
    """Its focal point takes the delegation off the list while inscriptions are open."""
    if not can_inscribe(by, inscription.organisation):
        raise PermissionDenied(
            _("Only a focal point of %(organisation)s can withdraw its inscription.")
            % {"organisation": inscription.organisation.name}
        )
    if not _locked(inscription.speakers_list).is_open:
        raise ValidationError(
            _("Inscriptions are closed: write to the secretariat to withdraw from the list.")
        )
    inscription.delete()


@transaction.atomic
def move(inscription: Inscription, *, position: int | None, reason: str, by: User) -> None:
    """The secretariat puts a speaker at a fixed place (or back where the rule puts them, with no
    position) and records why."""
    require_manager(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the speaker is moved: it is recorded.")})
    if position is not None and position < 1:
        raise ValidationError({"position": _("Places are counted from 1.")})
    changes = {"fixed_position": [inscription.fixed_position, position]}
    inscription.fixed_position = position
    inscription.move_reason = reason
    inscription.save(update_fields=["fixed_position", "move_reason"])
    workflow.record_event(inscription, Action.EDIT, by=by, note=reason, changes=changes)


def _set(speakers_list: SpeakersList, field: str, value, *, by: User, refusal: str) -> None:
    require_manager(by)
    speakers_list = _locked(speakers_list)
    if (getattr(speakers_list, field) is None) == (value is None):
        raise ValidationError(refusal)
    setattr(speakers_list, field, value)
    speakers_list.save(update_fields=[field])


@transaction.atomic
def close_list(speakers_list: SpeakersList, *, by: User) -> None:
    """No more inscriptions (nor withdrawals) by delegations."""
    _set(
        speakers_list,
        "closed_at",
        timezone.now(),
        by=by,
        refusal=_("Inscriptions are already closed."),
    )


@transaction.atomic
def reopen_list(speakers_list: SpeakersList, *, by: User) -> None:
    _set(speakers_list, "closed_at", None, by=by, refusal=_("Inscriptions are already open."))


@transaction.atomic
def publish_list(speakers_list: SpeakersList, *, by: User) -> None:
    """Everyone sees the list in its order from now on."""
    _set(
        speakers_list,
        "published_at",
        timezone.now(),
        by=by,
        refusal=_("The list is already published."),
    )


@transaction.atomic
def unpublish_list(speakers_list: SpeakersList, *, by: User) -> None:
    _set(speakers_list, "published_at", None, by=by, refusal=_("The list is not published."))


@transaction.atomic
def set_time_limit(speakers_list: SpeakersList, minutes: int, *, by: User) -> None:
    """How many minutes each statement may last, from 1 to 30."""
    require_manager(by)
    if minutes not in TIME_LIMITS:
        raise ValidationError(
            {"time_limit": _("The time limit is a number of minutes from 1 to 30.")}
        )
    speakers_list.time_limit = minutes
    speakers_list.save(update_fields=["time_limit"])


@transaction.atomic
def mark_delivered(inscription: Inscription, *, statement: str = "", by: User) -> None:
    """The secretariat records that the statement was delivered, with its text; called again, it
    attaches or corrects the text and keeps the time first recorded."""
    require_manager(by)
    inscription.delivered_at = inscription.delivered_at or timezone.now()
    inscription.statement = (statement or "").strip()
    inscription.save(update_fields=["delivered_at", "statement"])

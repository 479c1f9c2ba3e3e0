"""State changes of submitted records: check, change, record, notify, in one transaction."""

import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmhub.accounts.queries import is_administrator, is_member
from gcmhub.search import services as search
from gcmhub.workflow import permissions
from gcmhub.workflow.models import (
    Action,
    Event,
    InvalidTransition,
    Revision,
    State,
    Submittable,
    next_state,
)

REVIEW_DECISIONS = {Action.PUBLISH, Action.REQUEST_CHANGES, Action.REJECT}


def snapshot(record: Submittable) -> dict:
    """The record's reviewed fields as JSON-ready values (related objects as lists of ids)."""
    values = {}
    for name in record.reviewed_fields:
        field = record._meta.get_field(name)
        if field.many_to_many:
            values[name] = (
                sorted(obj.pk for obj in getattr(record, name).all()) if record.pk else []
            )
        else:
            values[name] = field.value_from_object(record)
    return _jsonable(values)


def _jsonable(values: dict) -> dict:
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _normalise(record: Submittable, data: dict, *, base: dict) -> dict:
    """DATA (form values: instances, querysets, dates) as snapshot() gives it; BASE fills the rest."""
    values = {}
    for name in record.reviewed_fields:
        if name not in data:
            values[name] = base[name]
            continue
        value = data[name]
        field = record._meta.get_field(name)
        if field.many_to_many:
            value = sorted(
                item.pk if isinstance(item, models.Model) else int(item) for item in value
            )
        elif isinstance(value, models.Model):
            value = value.pk
        values[name] = value
    return _jsonable(values)


def _apply(record: Submittable, values: dict) -> None:
    """Write VALUES (as snapshot() gives them) onto RECORD and save it with its relations."""
    many = {}
    for name, value in values.items():
        field = record._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(record, field.attname, field.to_python(value))
    record.full_clean(exclude=["organisation", "created_by"])
    record.save()
    for name, ids in many.items():
        getattr(record, name).set(ids)


def _diff(before: dict, after: dict) -> dict:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _record_event(
    record, action, *, by, note="", before="", after="", changes=None, on_revision=False
):
    return Event.objects.create(
        record_type=ContentType.objects.get_for_model(record),
        record_id=record.pk,
        action=action,
        actor=by,
        from_state=before,
        to_state=after,
        changes=changes or {},
        note=note,
        on_revision=on_revision,
    )


def record_event(
    record: Submittable, action: Action, *, by, note="", changes=None, on_revision=False
):
    """Add to RECORD's audit trail a change that is not a lifecycle move (a document uploaded…)."""
    return _record_event(record, action, by=by, note=note, changes=changes, on_revision=on_revision)


def can_create(user, organisation) -> bool:
    """Members of a verified organisation (and secretariat administrators) start drafts for it."""
    if not user.is_authenticated:
        return False
    return organisation.is_verified and (is_member(user, organisation) or is_administrator(user))


@transaction.atomic
def create_draft(model: type[Submittable], data: dict, *, organisation, by, **fixed) -> Submittable:
    """Start a draft of MODEL for ORGANISATION with the reviewed fields in DATA (and FIXED ones)."""
    if not can_create(by, organisation):
        raise PermissionDenied
    record = model(organisation=organisation, created_by=by, state=State.DRAFT, **fixed)
    values = _normalise(record, data, base=snapshot(record))
    _apply(record, values)
    _record_event(record, Action.CREATE, by=by, after=State.DRAFT, changes=_diff({}, values))
    return record


class StaleEdit(ValidationError):
    """Someone else saved the record since this person opened it."""


def edit_stamp(record: Submittable) -> str:
    """What a form carries to detect a concurrent save: the time of the last change it shows."""
    revision = open_revision(record) if record.is_published else None
    return (revision or record).updated_at.isoformat()


@transaction.atomic
def edit(record: Submittable, data: dict, *, by, note: str = "", seen: str | None = None):
    """Change some fields of a record; a change to a published record waits for review.

    SEEN is the edit_stamp() the person's form was built from: if the record changed since,
    StaleEdit is raised and nothing is saved."""
    permissions.require(by, Action.EDIT, record)
    type(record).objects.select_for_update().filter(pk=record.pk).exists()  # one writer at a time
    record.refresh_from_db()  # what is stored, not what a form may have set on the instance
    if seen is not None and seen != edit_stamp(record):
        raise StaleEdit(
            _(
                "Someone else saved this record while you were editing it. Your changes are "
                "below, not saved yet: check them against the current version and save again."
            )
        )
    revision = open_revision(record) if record.is_published else None
    before = revision.data if revision else snapshot(record)
    values = _normalise(record, data, base=before)
    changes = _diff(before, values)
    if not record.is_published:
        _apply(record, values)
        _record_event(record, Action.EDIT, by=by, changes=changes, note=note)
        return None
    if revision is None:
        revision = Revision(record=record, created_by=by)
    elif revision.state == State.CHANGES_REQUESTED:
        permissions.require(by, Action.SUBMIT, record, state=revision.state)
    revision.data = values
    revision.state = State.SUBMITTED
    revision.save()
    _record_event(
        record,
        Action.SUBMIT,
        by=by,
        changes=changes,
        note=note,
        after=State.SUBMITTED,
        on_revision=True,
    )
    return revision


def open_revision(record: Submittable) -> Revision | None:
    return (
        Revision.objects.filter(
            record_type=ContentType.objects.get_for_model(record),
            record_id=record.pk,
            state__in=[State.SUBMITTED, State.CHANGES_REQUESTED],
        )
        .select_related("created_by")
        .first()
    )


@transaction.atomic
def transition(record: Submittable, action: Action, *, by, note: str = "") -> None:
    """Move RECORD through its lifecycle and record who, when, what and why."""
    permissions.require(by, action, record)
    before = State(record.state)
    after = next_state(before, action)
    if problems := record.transition_problems(action):
        raise ValidationError(problems)
    record.state = after
    now = timezone.now()
    fields = ["state", "updated_at"]
    if action is Action.SUBMIT:
        record.submitted_at = now
        fields.append("submitted_at")
    if action is Action.PUBLISH and record.published_at is None:
        record.published_at = now
        fields.append("published_at")
    record.save(update_fields=fields)
    record.after_transition(action)
    search.index(record)  # only published records are searchable
    event = _record_event(record, action, by=by, note=note, before=before, after=record.state)
    if action in REVIEW_DECISIONS | {Action.UNPUBLISH}:
        _notify_submitter(record, event, to=record.created_by)


@transaction.atomic
def decide_revision(record: Submittable, action: Action, *, by, note: str = "") -> None:
    """Publish, return or reject the proposed edit of a published record."""
    revision = open_revision(record)
    if revision is None or action not in REVIEW_DECISIONS:
        raise InvalidTransition(f"{action} is not possible on this record's proposed edit")
    permissions.require(by, action, record, state=revision.state)
    before = State(revision.state)
    revision.state = next_state(before, action)
    revision.save(update_fields=["state", "updated_at"])
    changes = {}
    if action is Action.PUBLISH:
        changes = _diff(snapshot(record), revision.data)
        _apply(record, revision.data)
        record.after_transition(action)
        search.index(record)
    event = _record_event(
        record,
        action,
        by=by,
        note=note,
        before=before,
        after=revision.state,
        changes=changes,
        on_revision=True,
    )
    _notify_submitter(record, event, to=revision.created_by)


@transaction.atomic
def delete_draft(record: Submittable, *, by) -> None:
    permissions.require(by, Action.DELETE, record)
    Event.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk
    ).delete()
    record.delete()


def history(record: Submittable):
    """The record's audit trail, oldest first."""
    return Event.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=record.pk
    ).select_related("actor")


def _notify_submitter(record: Submittable, event: Event, *, to) -> None:
    """E-mail the reviewer's decision and note to the person who submitted, in their language."""
    if to is None or not to.email:
        return
    with translation.override(to.language):
        context = {
            "record": record,
            "event": event,
            "url": settings.SITE_URL + record.get_absolute_url(),
        }
        subject = render_to_string("workflow/email/decision_subject.txt", context).strip()
        body = render_to_string("workflow/email/decision.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [to.email]))

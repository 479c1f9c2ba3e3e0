"""Reads of the lifecycle that record pages use: what a person may do, and what happened."""

from django.contrib.contenttypes.models import ContentType

from gcmhub.accounts.models import Role
from gcmhub.accounts.queries import has_role, membership_levels
from gcmhub.workflow import permissions, services
from gcmhub.workflow.models import Action, Submittable

BUTTONS = [
    Action.SUBMIT,
    Action.PUBLISH,
    Action.REQUEST_CHANGES,
    Action.REJECT,
    Action.WITHDRAW,
    Action.UNPUBLISH,
]


def is_secretariat(user) -> bool:
    return has_role(user, Role.ADMIN) or has_role(user, Role.REVIEWER)


def is_insider(user, record: Submittable) -> bool:
    """Is USER of the record's organisation or of the secretariat: those who see its work in
    progress (the lifecycle panel, versions waiting for review)?"""
    return is_secretariat(user) or record.organisation_id in membership_levels(user)


def lifecycle(user, record: Submittable) -> dict:
    """What a record's page shows of its lifecycle: only to its organisation and the secretariat."""
    if not is_insider(user, record):
        return {}
    revision = services.open_revision(record)
    allowed = permissions.allowed_actions(user, record)
    revision_allowed = (
        permissions.allowed_actions(user, record, state=revision.state) if revision else set()
    )
    return {
        "record": record,
        "record_type_id": ContentType.objects.get_for_model(record).pk,
        "actions": [action for action in BUTTONS if action in allowed],
        "revision": revision,
        "revision_actions": [
            a for a in BUTTONS if a in revision_allowed and a in services.REVIEW_DECISIONS
        ],
        "history": list(services.history(record)),
        "show_actors": is_secretariat(user),
    }

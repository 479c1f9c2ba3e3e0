"""The only place that decides who may do what to a submitted record."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gcmhub.accounts.models import Membership, Role
from gcmhub.accounts.queries import has_role, membership_levels
from gcmhub.workflow.models import Action, State, Submittable, available_actions

MEMBER_ACTIONS = {Action.VIEW, Action.EDIT, Action.DELETE, Action.SUBMIT}
FOCAL_POINT_ACTIONS = MEMBER_ACTIONS | {Action.WITHDRAW}
REVIEWER_ACTIONS = {
    Action.VIEW,
    Action.PUBLISH,
    Action.REQUEST_CHANGES,
    Action.REJECT,
    Action.UNPUBLISH,
}


def can(user, action: Action, record: Submittable, *, state: State | None = None) -> bool:
    """May USER take ACTION on RECORD (or on its proposed edit, whose STATE is given)?"""
    state = State(state or record.state)
    if action not in available_actions(state):
        return False
    if action is Action.VIEW and state == State.PUBLISHED:
        return True
    if not user.is_authenticated:
        return False
    if has_role(user, Role.ADMIN):
        return True
    if has_role(user, Role.REVIEWER) and state != State.DRAFT and action in REVIEWER_ACTIONS:
        return True
    level = membership_levels(user).get(record.organisation_id)
    if level == Membership.Level.FOCAL_POINT:
        return action in FOCAL_POINT_ACTIONS
    if level == Membership.Level.MEMBER:
        return action in MEMBER_ACTIONS - record.focal_point_actions
    return False


def require(user, action: Action, record: Submittable, *, state: State | None = None) -> None:
    if not can(user, action, record, state=state):
        raise PermissionDenied


def allowed_actions(user, record: Submittable, *, state: State | None = None) -> set[Action]:
    """The actions USER may take on RECORD now: what its page offers as buttons."""
    state = State(state or record.state)
    return {action for action in available_actions(state) if can(user, action, record, state=state)}


def visible(user, records: QuerySet) -> QuerySet:
    """RECORDS filtered by the VIEW rule of can(): lists, exports and APIs call this."""
    if not user.is_authenticated:
        return records.published()
    if has_role(user, Role.ADMIN):
        return records
    rule = Q(state=State.PUBLISHED) | Q(organisation_id__in=list(membership_levels(user)))
    if has_role(user, Role.REVIEWER):
        rule |= ~Q(state=State.DRAFT)
    return records.filter(rule)

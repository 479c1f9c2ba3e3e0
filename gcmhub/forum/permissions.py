"""Who may do what in the forum beyond the shared lifecycle (side events use workflow's rules):
the one place the forum's views and services ask."""

from django.core.exceptions import PermissionDenied

from gcmhub.accounts.models import Organisation
from gcmhub.accounts.queries import is_administrator, is_focal_point, is_member
from gcmhub.forum.models import Category
from gcmhub.workflow.queries import is_secretariat

# The speakers-list category of each entity type; the rest speak as stakeholders.
CATEGORIES = {
    "member-state": Category.MEMBER_STATE,
    "observer-state": Category.OBSERVER_STATE,
    "un-system": Category.INTERGOVERNMENTAL,
    "intergovernmental": Category.INTERGOVERNMENTAL,
}


def can_manage_forum(user) -> bool:
    """Secretariat administrators run the programme, the speakers list, calls and the hearing."""
    return is_administrator(user)


def require_manager(user) -> None:
    """Refuse (403) anyone but a secretariat administrator: every forum service and view asks."""
    if not can_manage_forum(user):
        raise PermissionDenied


def can_score(user) -> bool:
    """Reviewers and administrators score side-event proposals and see hearing applications."""
    return is_secretariat(user)


def category_of(organisation: Organisation) -> Category:
    return CATEGORIES.get(organisation.entity_type.code, Category.STAKEHOLDER)


def can_inscribe(user, organisation: Organisation) -> bool:
    """A focal point of a verified organisation inscribes its delegation."""
    return organisation.is_verified and is_focal_point(user, organisation)


def can_apply(user, organisation: Organisation) -> bool:
    """Members of a verified stakeholder organisation apply to speak at the hearing."""
    return (
        organisation.is_verified
        and category_of(organisation) == Category.STAKEHOLDER
        and is_member(user, organisation)
    )

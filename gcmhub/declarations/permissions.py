"""Who may do what with the outcome declaration: the one place its views and services ask.

Co-facilitators (members of the two appointed delegations) prepare and publish revisions, run
rounds and decide on proposals; focal points of Member States (and of anyone, when a round is
open to all) propose and support; the public reads what the co-facilitators publish."""

from django.core.exceptions import PermissionDenied

from gcmhub.accounts.models import Membership, Organisation
from gcmhub.accounts.queries import is_administrator, is_focal_point, membership_levels
from gcmhub.declarations.models import Audience, Decision, Document, Proposal, Revision

MEMBER_STATE = "member-state"  # the entity type of Member States' governments


def is_cofacilitator(user, document: Document) -> bool:
    """An active member of a delegation appointed to co-facilitate DOCUMENT."""
    levels = membership_levels(user)
    if not levels:
        return False
    delegations = {c.delegation_id for c in document.cofacilitators.all()}
    return not delegations.isdisjoint(levels)


def require_cofacilitator(user, document: Document) -> None:
    if not is_cofacilitator(user, document):
        raise PermissionDenied


def can_manage_documents(user) -> bool:
    """Secretariat administrators start documents and appoint co-facilitators."""
    return is_administrator(user)


def can_see_revision(user, revision: Revision) -> bool:
    if revision.is_published:
        return True
    return is_cofacilitator(user, revision.document) or is_administrator(user)


def may_propose_for(organisation: Organisation, revision: Revision) -> bool:
    """May ORGANISATION's delegation take part in REVISION's round?"""
    if not organisation.is_verified:
        return False
    if revision.round_audience == Audience.ALL:
        return True
    return organisation.entity_type.code == MEMBER_STATE


def proposing_delegations(user, revision: Revision) -> list[Organisation]:
    """The delegations USER is focal point of that may take part in REVISION's round (read once
    per user and revision)."""
    focal = [
        pk for pk, level in membership_levels(user).items() if level == Membership.Level.FOCAL_POINT
    ]
    if not focal:
        return []
    known = user.__dict__.setdefault("_proposing_delegations", {})
    key = (revision.pk, revision.round_audience)
    if key not in known:
        organisations = Organisation.objects.filter(pk__in=focal).select_related("entity_type")
        known[key] = [o for o in organisations.order_by("name") if may_propose_for(o, revision)]
    return known[key]


def can_propose(user, revision: Revision) -> bool:
    return revision.is_round_open and bool(proposing_delegations(user, revision))


def can_see_proposals(user, revision: Revision) -> bool:
    """Proposals are public once the compilation is; before, the negotiating room sees them."""
    if revision.is_compilation_published:
        return True
    if is_cofacilitator(user, revision.document):
        return True
    return bool(proposing_delegations(user, revision))


def can_edit_proposal(user, proposal: Proposal) -> bool:
    """The proposing delegation's focal points, while the round is open and nothing is decided."""
    return (
        proposal.revision.is_round_open
        and proposal.decision == Decision.PENDING
        and is_focal_point(user, proposal.delegation)
    )

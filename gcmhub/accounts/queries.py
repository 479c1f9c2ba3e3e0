"""Reads about people and organisations that other parts rely on."""

from django.db.models import QuerySet

from gcmhub.accounts.models import Membership, Organisation, Role


def membership_levels(user) -> dict[int, str]:
    """{organisation id: membership level} of USER's active memberships, read once per user."""
    if not user.is_authenticated:
        return {}
    if not hasattr(user, "_membership_levels"):
        user._membership_levels = dict(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list(
                "organisation_id", "level"
            )
        )
    return user._membership_levels


def has_role(user, role: Role) -> bool:
    """Does USER (perhaps anonymous) hold this secretariat role?"""
    return user.is_authenticated and user.role == role


def is_administrator(user) -> bool:
    """A secretariat administrator (the role, or Django's superuser flag that goes with it)."""
    return has_role(user, Role.ADMIN) or (user.is_authenticated and user.is_superuser)


def can_manage(user, organisation: Organisation) -> bool:
    """Focal points of the organisation and secretariat administrators manage its members."""
    return has_role(user, Role.ADMIN) or is_focal_point(user, organisation)


def is_focal_point(user, organisation: Organisation) -> bool:
    return membership_levels(user).get(organisation.pk) == Membership.Level.FOCAL_POINT


def is_member(user, organisation: Organisation) -> bool:
    return organisation.pk in membership_levels(user)


def verified_organisations() -> QuerySet:
    return Organisation.objects.verified().select_related("entity_type", "country")


def organisations_to_submit_for(user, *, level: str | None = None) -> QuerySet:
    """The verified organisations USER is an active member of (at LEVEL, when given): those
    they may submit for."""
    memberships = {"memberships__user": user, "memberships__status": Membership.Status.ACTIVE}
    if level:
        memberships["memberships__level"] = level  # the same membership: one filter() call
    return verified_organisations().filter(**memberships)


def user_memberships(user) -> QuerySet:
    return Membership.objects.filter(user=user).select_related(
        "organisation__entity_type", "organisation__country"
    )

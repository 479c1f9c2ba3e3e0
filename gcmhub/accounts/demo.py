"""Demo people and organisations for `make run`: safe to run again, never in production data."""

from django.db import transaction
from django.utils import timezone

from gcmhub.accounts.models import Membership, Organisation, Role, User
from gcmhub.compact.models import Country, EntityType

DEMO_PASSWORD = "demo-password-2026"

ACCOUNTS = [
    # e-mail, full name, secretariat role, organisation, membership level
    ("admin@example.org", "Amina Secretariat", Role.ADMIN, None, None),
    ("reviewer@example.org", "Rafael Reviewer", Role.REVIEWER, None, None),
    (
        "focalpoint@example.org",
        "Fatima Focal",
        Role.NONE,
        "Government of Morocco",
        Membership.Level.FOCAL_POINT,
    ),
    (
        "stakeholder@example.org",
        "Sam Stakeholder",
        Role.NONE,
        "Migrant Rights Alliance",
        Membership.Level.MEMBER,
    ),
]

ORGANISATIONS = [
    # name, entity type, country (ISO3), status
    ("Government of Morocco", "member-state", "MAR", Organisation.Status.VERIFIED),
    ("Government of Ecuador", "member-state", "ECU", Organisation.Status.VERIFIED),
    ("Migrant Rights Alliance", "civil-society", "PHL", Organisation.Status.VERIFIED),
    ("Diaspora Futures Collective", "migrant-diaspora", "SEN", Organisation.Status.PENDING),
    ("International Organization for Migration", "un-system", None, Organisation.Status.VERIFIED),
]


@transaction.atomic
def seed() -> list[tuple[str, str]]:
    """Create the demo accounts and organisations if missing; return (e-mail, role) pairs."""
    now = timezone.now()
    organisations = {}
    for name, entity_type, iso3, status in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "entity_type": EntityType.objects.get(code=entity_type),
                "country": Country.objects.get(iso3=iso3) if iso3 else None,
                "status": status,
                "verified_at": now if status == Organisation.Status.VERIFIED else None,
            },
        )
    summary = []
    for email, full_name, role, organisation, level in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=full_name,
                role=role,
                is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN,
                email_confirmed_at=now,
            )
        if organisation:
            Membership.objects.get_or_create(
                user=user, organisation=organisations[organisation], defaults={"level": level}
            )
            summary.append((email, f"{Membership.Level(level).label}, {organisation}"))
        else:
            summary.append((email, str(Role(role).label)))
    return summary

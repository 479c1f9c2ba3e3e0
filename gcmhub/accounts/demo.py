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
    (
        "cofacilitator@example.org",
        "Claire Weber",
        Role.NONE,
        "Government of Luxembourg",
        Membership.Level.MEMBER,
    ),
]

# Focal points of the governments that negotiate in the demo of the outcome declaration (the
# same people as in the reviews demo where it has the country), as (e-mail, full name,
# preferred language, organisation).
DELEGATES = [
    ("andrea.salazar@example.org", "Andrea Salazar", "es", "Government of Ecuador"),
    ("jorge.hernandez@example.org", "Jorge Hernández", "es", "Government of Mexico"),
    ("katrin.vogel@example.org", "Katrin Vogel", "en", "Government of Germany"),
    ("omar.farouk@example.org", "Omar Farouk", "ar", "Government of Egypt"),
]

ORGANISATIONS = [
    # name, entity type, country (ISO3), status
    ("Government of Morocco", "member-state", "MAR", Organisation.Status.VERIFIED),
    ("Government of Ecuador", "member-state", "ECU", Organisation.Status.VERIFIED),
    ("Government of Bangladesh", "member-state", "BGD", Organisation.Status.VERIFIED),
    ("Government of Luxembourg", "member-state", "LUX", Organisation.Status.VERIFIED),
    ("Government of Kenya", "member-state", "KEN", Organisation.Status.VERIFIED),
    ("Government of Egypt", "member-state", "EGY", Organisation.Status.VERIFIED),
    ("Government of Mexico", "member-state", "MEX", Organisation.Status.VERIFIED),
    ("Government of Germany", "member-state", "DEU", Organisation.Status.VERIFIED),
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
    for email, full_name, language, organisation in DELEGATES:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=full_name,
                language=language,
                email_confirmed_at=now,
            )
        Membership.objects.get_or_create(
            user=user,
            organisation=organisations[organisation],
            defaults={"level": Membership.Level.FOCAL_POINT},
        )
        summary.append((email, f"{Membership.Level.FOCAL_POINT.label}, {organisation}"))
    return summary

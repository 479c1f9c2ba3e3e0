"""Demo people and organisations for `make run`: safe to run again, never in production data.
Also what the demos of every part share: the password, and how submissions spread over
organisations."""

import functools
import random

from django.contrib.auth.hashers import make_password
from django.db import connection, connections, models, transaction
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

# Organisations made up for demo data at scale (seed_demo --scale): about one per PER_ORGANISATION
# pledges, a government for one in STATE_SHARE of them, stakeholders of every kind for the others.
PER_ORGANISATION = 50
STATE_SHARE = 8
STAKEHOLDERS = {
    # entity type: (weight, names, {country} being the English name of a Member State)
    "civil-society": (
        6,
        [
            "Migrant Rights Network of {country}",
            "Coalition for Migrants’ Rights in {country}",
            "Legal Aid for Migrants, {country}",
            "Refugee and Migrant Support Centre, {country}",
            "Women on the Move, {country}",
            "Safe Migration Forum of {country}",
        ],
    ),
    "migrant-diaspora": (
        4,
        [
            "Diaspora Council of {country}",
            "Association of Migrant Workers in {country}",
            "Returnees’ Association of {country}",
            "Migrant Youth Network, {country}",
        ],
    ),
    "academia": (
        2,
        [
            "Institute for Migration Studies, {country}",
            "Centre for Mobility Research, {country}",
            "Migration Observatory of {country}",
        ],
    ),
    "local-government": (
        2,
        ["Association of Cities of {country}", "Welcoming Municipalities Network, {country}"],
    ),
    "private-sector": (
        2,
        ["Remittance Partners, {country}", "Ethical Recruitment Group, {country}"],
    ),
    "trade-union": (
        1,
        ["Federation of Migrant Workers of {country}", "Domestic Workers’ Union of {country}"],
    ),
    "employers": (1, ["Employers’ Confederation of {country}"]),
    "nhri": (1, ["National Human Rights Commission of {country}"]),
}
ZIPF = 1.0  # the organisation ranked k submits about 1/k as much as the busiest


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
            user = User.objects.create(
                email=email,
                password=password_hash(),
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
            user = User.objects.create(
                email=email,
                password=password_hash(),
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


@functools.cache
def password_hash() -> str:
    """DEMO_PASSWORD hashed once for every demo account: hashing is slow by design."""
    return make_password(DEMO_PASSWORD)


def activity_weights(rng: random.Random, organisations: list[Organisation]) -> list[float]:
    """How often each of ORGANISATIONS submits something, as on real platforms: a few very
    often, most now and then (Zipf-like, the busiest first in an order drawn by RNG)."""
    ranked = organisations[:]
    rng.shuffle(ranked)
    rank = {organisation.pk: n for n, organisation in enumerate(ranked, start=1)}
    return [1 / rank[organisation.pk] ** ZIPF for organisation in organisations]


def insert_links(field: models.ManyToManyField, pairs: list[tuple[int, int]]) -> None:
    """Store the rows of the many-to-many FIELD that link each pair (a record's pk, the pk of
    what it is linked to) in one statement, without a model instance per row: the demos at
    scale link more than a million."""
    through = field.remote_field.through
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in (field.m2m_column_name(), field.m2m_reverse_name()))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(through._meta.db_table)} ({columns}) VALUES (%s, %s)", pairs
        )


def insert(objs: list[models.Model]) -> None:
    """Store OBJS, new instances of one model, and set their primary keys, as bulk_create()
    does, but with one prepared statement for all the rows instead of a compiled INSERT for every
    few dozen (SQLite takes 999 values a statement): a third less time at demo scale."""
    if not objs:
        return
    meta = type(objs[0])._meta
    if connection.vendor not in ("sqlite", "postgresql"):
        meta.model.objects.bulk_create(objs)
        return
    for obj, pk in zip(objs, _new_pks(meta, len(objs)), strict=True):
        obj._prepare_related_fields_for_save(operation_name="insert")  # as bulk_create() does
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias
    fields = meta.concrete_fields
    db = connections[connection.alias]  # not the proxy: each attribute lookup through it costs
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields] for obj in objs]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
            f" VALUES ({', '.join(['%s'] * len(fields))})",
            rows,
        )


def _new_pks(meta, count: int) -> list[int]:
    """COUNT primary keys for new rows of META's table, taken from its sequence."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite writes one transaction at a time, so the next keys are ours until it commits
        cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"
            f" COALESCE((SELECT MAX({connection.ops.quote_name(meta.pk.column)})"
            f" FROM {connection.ops.quote_name(meta.db_table)}), 0))",
            [meta.db_table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


@transaction.atomic
def seed_organisations(scale: int, *, seed_value: int = 2026) -> int:
    """Make up verified organisations for SCALE pledges (none for the default demo), unless they
    exist; return how many were created. The same SCALE always makes the same ones."""
    count = scale // PER_ORGANISATION - len(ORGANISATIONS)
    if count <= 0:
        return 0
    rng = random.Random(seed_value)
    fixed = {iso3 for _, entity_type, iso3, _ in ORGANISATIONS if entity_type == "member-state"}
    countries = list(Country.objects.member_states().order_by("iso3"))
    states = [country for country in countries if country.iso3 not in fixed]
    rng.shuffle(states)
    wanted = [("member-state", f"Government of {c.names['en']}", c) for c in states]
    wanted = wanted[: count // STATE_SHARE]
    pools = {}
    for entity_type, (_, names) in STAKEHOLDERS.items():
        pools[entity_type] = [
            (name.format(country=c.names["en"]), c) for name in names for c in countries
        ]
        rng.shuffle(pools[entity_type])
    while len(wanted) < count and any(pools.values()):
        types = [t for t in STAKEHOLDERS if pools[t]]
        entity_type = rng.choices(types, weights=[STAKEHOLDERS[t][0] for t in types])[0]
        wanted.append((entity_type, *pools[entity_type].pop()))
    # what exists is skipped, not drawn again, so a second run makes nothing new; nor does a
    # government of a country that has one under another name
    existing = {
        (name.lower(), country)
        for name, country in Organisation.objects.values_list("name", "country")
    }
    governed = set(
        Organisation.objects.filter(entity_type__code="member-state").values_list(
            "country", flat=True
        )
    )
    types = {t.code: t for t in EntityType.objects.all()}
    now = timezone.now()
    created = Organisation.objects.bulk_create(
        [
            Organisation(
                name=name,
                entity_type=types[entity_type],
                country=country,
                status=Organisation.Status.VERIFIED,
                verified_at=now,
            )
            for entity_type, name, country in wanted
            if (name.lower(), country.pk) not in existing
            and not (entity_type == "member-state" and country.pk in governed)
        ]
    )
    return len(created)

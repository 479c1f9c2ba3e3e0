"""Reads of the reference data that pages and other parts rely on."""

import unicodedata

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gcmhub.compact.models import (
    Country,
    Edition,
    EntityType,
    Objective,
    Principle,
    Region,
    RegionalCommission,
    SustainableDevelopmentGoal,
)


def objectives() -> QuerySet:
    return Objective.objects.all()


def objective(number: int) -> Objective:
    return get_object_or_404(Objective, number=number)


def principles() -> QuerySet:
    return Principle.objects.all()


def sdgs() -> QuerySet:
    return SustainableDevelopmentGoal.objects.all()


def countries(*, region: str | None = None, status: str | None = None) -> list[Country]:
    """Countries and areas with their regions, sorted by name in the active language."""
    rows = Country.objects.select_related("region", "subregion")
    if region:
        rows = rows.filter(Q(region_id=region) | Q(subregion_id=region))
    if status:
        rows = rows.filter(status=status)
    return sorted(rows, key=lambda country: sort_key(country.name))


def sort_key(text: str) -> str:
    """Accents and case aside, so that Égypte sorts beside Egypt."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country(iso3: str) -> Country:
    return get_object_or_404(
        Country.objects.select_related("region", "subregion").prefetch_related("commissions"),
        iso3=iso3.upper(),
    )


def regions() -> QuerySet:
    """The five M49 regions, each with its sub-regions."""
    return Region.objects.filter(parent=None).prefetch_related("subregions")


def commissions() -> QuerySet:
    return RegionalCommission.objects.all()


def entity_types() -> QuerySet:
    return EntityType.objects.all()


def editions() -> QuerySet:
    return Edition.objects.all()


def next_edition() -> Edition | None:
    """The forum that has not ended yet (the soonest), else the latest one."""
    upcoming = Edition.objects.filter(end_date__gte=timezone.localdate()).order_by("year").first()
    return upcoming or Edition.objects.order_by("-year").first()

"""Reads of pledges that pages, exports and other parts rely on. The public sees only published."""

import datetime
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gcmhub.accounts.queries import membership_levels
from gcmhub.pledges.models import Pledge, ProgressReport
from gcmhub.search import bitmaps
from gcmhub.search.bitmaps import Listing
from gcmhub.search.facets import Facet, narrowed
from gcmhub.search.registry import Document
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Revision, State

# The filters of the list, its facets, the dashboard and the exports: one definition for every
# door, so none can disagree with another. A region is that of the countries concerned, or their
# sub-region.
FACETS = {
    "edition": Facet(("edition__year",)),
    "objective": Facet(("main_objectives__number",), many=True),
    "principle": Facet(("principles__number",), many=True),
    "type": Facet(("pledge_type",)),
    "category": Facet(("category",)),
    "entity_type": Facet(("organisation__entity_type__code",)),
    "region": Facet(("countries__region_id", "countries__subregion_id"), many=True),
    "country": Facet(("countries__iso3",), many=True),
    "status": Facet(("progress_status",)),
    # for the country and objective profiles, not filters of the list
    "based_in": Facet(("organisation__country__iso3",)),
    "related_objective": Facet(("related_objectives__number",), many=True),
}


def filtered(pledges: QuerySet, filters: dict) -> QuerySet:
    """PLEDGES narrowed by the words and FILTERS of the cleaned filter form."""
    return narrowed(pledges, FACETS, filters)


def published_pledges(filters: dict | None = None) -> QuerySet:
    """Published pledges matching FILTERS, ready for a list (organisation and objectives fetched):
    the most relevant first when there are words to look for, else the newest first."""
    pledges = filtered(Pledge.objects.published(), filters or {})
    if (filters or {}).get("q"):
        pledges = pledges.order_by("-relevance", "-published_at", "-pk")
    return pledges.select_related(
        "organisation__entity_type", "organisation__country", "edition"
    ).prefetch_related("main_objectives")


SEARCH_PREFETCH = ("main_objectives", "countries")


def search_document(pledge: Pledge) -> Document:
    """What the search service indexes of a published pledge: its texts, and the names of its
    main objectives and countries in the six languages (a search in any of them finds it)."""
    names = []
    for objective in pledge.main_objectives.all():
        names += objective.short_names.values()
    for country in pledge.countries.all():
        names += country.names.values()
    text = "\n".join([pledge.description, pledge.action, *names])
    return Document(title=pledge.title, text=text, language=pledge.language)


def listing(filters: dict) -> Listing:
    """The public list for FILTERS (its pages, total and facet counts) from the facet bit sets:
    the most relevant first when there are words to look for, else the newest first."""
    return Listing(published_pledges(), FACETS, filters, order=("-published_at", "-pk"))


def facet_counts(filters: dict) -> dict[str, dict[str, int]]:
    """For each facet, the number of published pledges per value under all the other filters."""
    return listing(filters).counts()


def visible_pledge(user, pk: int) -> Pledge:
    """The pledge if USER may see it (404 otherwise), with what its page shows."""
    pledges = permissions.visible(user, Pledge.objects.all()).select_related(
        "organisation__entity_type", "organisation__country", "edition", "matches__organisation"
    )
    return get_object_or_404(pledges, pk=pk)


def pledge_page(pledge: Pledge, user) -> dict:
    """Related records for a pledge's page: partners, published reports, matches."""
    reports = ProgressReport.objects.filter(pledge=pledge)
    reports = permissions.visible(user, reports).select_related("organisation")
    return {
        "partners": list(pledge.partner_organisations.all()),
        "objectives": list(pledge.main_objectives.all()),
        "related_objectives": list(pledge.related_objectives.all()),
        "principles": list(pledge.principles.all()),
        "countries": list(pledge.countries.all()),
        "reports": list(reports),
        # unordered in SQL, so that the database starts from the partial index on `matches`
        "matched_by": sorted(
            Pledge.objects.published()
            .filter(matches=pledge)
            .select_related("organisation")
            .order_by(),
            key=lambda other: (other.published_at, other.pk),
            reverse=True,
        ),
        "matches": pledge.matches if pledge.matches_id and pledge.matches.is_published else None,
    }


def match_candidates(pledge: Pledge, *, search: str = "") -> QuerySet:
    """Published pledges of other organisations that a matching pledge may answer (at most 20)."""
    candidates = (
        Pledge.objects.published()
        .exclude(organisation_id=pledge.organisation_id)
        .exclude(pk=pledge.pk)
    )
    chosen = Q(pk=pledge.matches_id) if pledge.matches_id else Q(pk__in=[])
    if search:
        found = (
            candidates.filter(title__icontains=search)
            .order_by("title")
            .values_list("pk", flat=True)[:20]
        )
        return candidates.filter(Q(pk__in=list(found)) | chosen).select_related("organisation")
    return candidates.filter(chosen).select_related("organisation")


def pledges_of(user) -> QuerySet:
    """Every pledge of USER's organisations, whatever its state: their work in progress."""
    return (
        Pledge.objects.filter(organisation_id__in=list(membership_levels(user)))
        .select_related("organisation", "edition")
        .order_by("-updated_at")
    )


def review_queue(filters: dict) -> dict:
    """What reviewers act on: submitted pledges, proposed edits and submitted progress reports."""
    pledges = Pledge.objects.filter(state=State.SUBMITTED)
    if filters.get("edition"):
        pledges = pledges.filter(edition__year=filters["edition"])
    if filters.get("objective"):
        pledges = pledges.filter(main_objectives__number=filters["objective"])
    if filters.get("entity_type"):
        pledges = pledges.filter(organisation__entity_type__code=filters["entity_type"])
    if filters.get("older_than"):
        pledges = pledges.filter(
            submitted_at__lte=timezone.now() - datetime.timedelta(days=filters["older_than"])
        )
    revisions = Revision.objects.filter(
        record_type=ContentType.objects.get_for_model(Pledge), state=State.SUBMITTED
    ).order_by("created_at")
    revised = Pledge.objects.filter(pk__in=[r.record_id for r in revisions]).select_related(
        "organisation"
    )
    return {
        "pledges": pledges.select_related("organisation__entity_type", "edition")
        .order_by("submitted_at")
        .distinct(),
        "revised": list(revised),
        "reports": ProgressReport.objects.filter(state=State.SUBMITTED)
        .select_related("pledge", "organisation")
        .order_by("submitted_at"),
    }


def country_pledges(country) -> dict:
    """For a country profile: published pledges by its government, by organisations based
    there, and those concerning it; and the objectives strip, {objective number: pledges} of the
    pledges made there or concerning it, counting main and related objectives."""
    pledges = listing({})
    based = pledges.within(pledges.maps.matching("based_in", country.iso3))
    government = based.within(pledges.maps.matching("entity_type", "member-state"))
    concerning = pledges.within(pledges.maps.matching("country", country.iso3))
    objectives: dict[int, int] = {}
    for name in ("objective", "related_objective"):
        for number, n in pledges.maps.tally(name, based.mask | concerning.mask).items():
            objectives[int(number)] = objectives.get(int(number), 0) + n
    return {
        "government": government[:50],
        "based_there": based.without(government)[:50],
        "concerning": concerning[:50],
        "objectives": objectives,
    }


def objective_pledges(objective, *, limit: int = 20) -> dict:
    """For an objective's page: published pledges with it as a main objective."""
    pledges = listing({"objective": objective.number})
    return {"count": pledges.count(), "latest": pledges[:limit]}


def dashboard(filters: dict) -> dict:
    """The figures of the public dashboard, every one from published pledges only: kept in the
    cache until the published pledges change (a publication, an edit, a withdrawal)."""
    changed = bitmaps.version(Pledge.objects.published())
    key = hashlib.sha256(repr((changed, sorted(filters.items()))).encode()).hexdigest()
    return cache.get_or_set(f"pledges:dashboard:{key}", lambda: _dashboard(filters), 24 * 3600)


def _dashboard(filters: dict) -> dict:
    pledges = filtered(Pledge.objects.published(), filters)
    ids = pledges.values("pk")
    base = Pledge.objects.filter(pk__in=ids)
    states = base.by_member_states()
    return {
        "total": base.count(),
        "by_member_states": states.count(),
        "member_states": states.values("organisation__country").distinct().count(),
        "by_objective": dict(
            base.order_by()
            .values_list("main_objectives__number")
            .annotate(n=Count("id"))
            .exclude(main_objectives=None)
        ),
        "by_entity_type": dict(
            base.order_by().values_list("organisation__entity_type__code").annotate(n=Count("id"))
        ),
        "by_region": dict(
            base.order_by()
            .values_list("countries__region_id")
            .annotate(n=Count("id", distinct=True))
            .exclude(countries=None)
        ),
        "by_status": dict(base.order_by().values_list("progress_status").annotate(n=Count("id"))),
        "by_country": dict(
            base.order_by()
            .values_list("countries__m49")
            .annotate(n=Count("id", distinct=True))
            .exclude(countries=None)
        ),
        "amounts": list(
            base.exclude(resources_currency="")
            .order_by()
            .values("resources_currency")
            .annotate(
                pledged=Sum("resources_amount"), delivered=Sum("amount_delivered"), n=Count("id")
            )
            .order_by("-n")
        ),
        "over_time": [
            (row["month"].strftime("%Y-%m"), row["n"])
            for row in base.order_by()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(n=Count("id"))
            .order_by("month")
            if row["month"]
        ],
    }

"""Reads of practices and their review that pages, exports and other parts rely on.
The public sees only published practices; reviewers see what their assignment allows."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from gcmhub.accounts.queries import membership_levels
from gcmhub.practices.models import (
    Assignment,
    Attachment,
    Call,
    Practice,
    Recommendation,
    ReviewerProfile,
)
from gcmhub.search.bitmaps import Listing
from gcmhub.search.facets import Facet, narrowed
from gcmhub.workflow import permissions
from gcmhub.workflow.models import Action, State

LISTED = "primary_objectives"  # what a list of practices shows of each besides its own fields

# The filters of the list, its facet counts and its exports: one definition for every door.
FACETS = {
    "objective": Facet(("primary_objectives__number", "secondary_objectives__number"), many=True),
    "principle": Facet(("principles__number",), many=True),
    "region": Facet(("regions__m49", "countries__region_id"), many=True),
    "country": Facet(("countries__iso3",), many=True),
    "language": Facet(("language",)),
    "type": Facet(("practice_type",)),
    "year": Facet(("start_year",)),
    "call": Facet(("call_id",)),
}


def filtered(filters: dict, *, order: str = "") -> QuerySet:
    """Published practices matching FILTERS: by relevance when there is text, else newest."""
    practices = narrowed(Practice.objects.published(), FACETS, filters)
    if filters.get("q") and order != "newest":
        return practices.order_by("-relevance", "-published_at", "-pk")
    return practices.order_by("-published_at", "-pk")


def published_practices(filters: dict | None = None, *, order: str = "") -> QuerySet:
    """Published practices matching FILTERS, ready for a list (organisation and tags fetched)."""
    return (
        filtered(filters or {}, order=order)
        .select_related("organisation__entity_type", "organisation__country")
        .prefetch_related(LISTED)
    )


def practice_years() -> list[int]:
    """The years in which published practices started, newest first (the year filter's options)."""
    years = (
        Practice.objects.published().exclude(start_year=None).values_list("start_year", flat=True)
    )
    return sorted(set(years.order_by().distinct()), reverse=True)


def listing(filters: dict, *, order: str = "") -> Listing:
    """The public list for FILTERS (its pages, total and facet counts) from the facet bit sets:
    by relevance when there is text, unless ORDER is "newest"."""
    return Listing(
        published_practices(),
        FACETS,
        filters,
        order=("-published_at", "-pk"),
        by_relevance=order != "newest",
    )


def practice_facets(filters: dict) -> dict[str, dict[str, int]]:
    return listing(filters).counts()


def visible_practice(user, pk: int) -> Practice:
    """The practice if USER may see it (404 otherwise), with what its page shows."""
    practices = permissions.visible(user, Practice.objects.all()).select_related(
        "organisation__entity_type", "organisation__country", "call"
    )
    return get_object_or_404(practices, pk=pk)


def practice_page(practice: Practice) -> dict:
    """What a practice's page (and a reviewer's view of it) shows besides its own fields."""
    return {
        "primary_objectives": list(practice.primary_objectives.all()),
        "secondary_objectives": list(practice.secondary_objectives.all()),
        "principles": list(practice.principles.all()),
        "sdgs": list(practice.sdgs.all()),
        "countries": list(practice.countries.all()),
        "regions": list(practice.regions.all()),
        "collaborators": list(practice.collaborators.all()),
        "attachments": list(practice.attachments.all()),
    }


def related_practices(practice: Practice, *, limit: int = 5) -> list[Practice]:
    """Other published practices that share the most objectives with PRACTICE, newest first
    among those that share as many."""
    others = listing({}).within(~(1 << practice.pk))
    # at_least[k]: the practices that share at least k of the objectives, counted bit-wise
    at_least = [others.mask]
    for objective in practice.objectives:
        bits = others.maps.matching("objective", objective.number)
        at_least.append(0)
        for k in range(len(at_least) - 1, 0, -1):
            at_least[k] |= at_least[k - 1] & bits
    related: list[Practice] = []
    for k in range(len(at_least) - 1, 0, -1):
        exactly = at_least[k] & ~at_least[k + 1] if k + 1 < len(at_least) else at_least[k]
        related += others.within(exactly)[: limit - len(related)]
        if len(related) == limit:
            break
    return related


def visible_attachment(user, practice_pk: int, pk: int) -> Attachment:
    """An attachment whose practice USER may see, or one their review assignment opened."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("practice"), pk=pk, practice_id=practice_pk
    )
    if permissions.can(user, Action.VIEW, attachment.practice):
        return attachment
    if reviewing(user, attachment.practice):
        return attachment
    raise Http404


def reviewing(user, practice: Practice) -> bool:
    """Is USER a peer reviewer of PRACTICE who declared no conflict, in its current round?"""
    if not user.is_authenticated:
        return False
    return Assignment.objects.filter(
        practice=practice,
        round=practice.review_round,
        reviewer__user=user,
        conflict="none",
    ).exists()


def practices_of(user) -> QuerySet:
    """Every practice of USER's organisations, whatever its state: their work in progress."""
    return (
        Practice.objects.filter(organisation_id__in=list(membership_levels(user)))
        .select_related("organisation", "call")
        .order_by("-updated_at")
    )


def calls() -> QuerySet:
    return Call.objects.annotate(
        published=Count("practices", filter=Q(practices__state=State.PUBLISHED))
    ).prefetch_related("objectives")


def call_page(pk: int) -> tuple[Call, QuerySet]:
    call = get_object_or_404(Call.objects.prefetch_related("objectives"), pk=pk)
    answers = (
        Practice.objects.published()
        .filter(call=call)
        .select_related("organisation")
        .prefetch_related(LISTED)
    )
    return call, answers


def objective_practices(objective, *, limit: int = 20) -> dict:
    """For an objective's page: published practices with it as primary or secondary objective."""
    practices = listing({"objective": objective.number})
    return {"count": practices.count(), "latest": practices[:limit]}


def country_practices(country, *, limit: int = 20) -> dict:
    """For a country profile: published practices implemented there, and {objective number:
    practices} of them, primary or secondary (the objectives strip)."""
    practices = listing({"country": country.iso3})
    return {
        "count": practices.count(),
        "latest": practices[:limit],
        "objectives": {
            int(n): count for n, count in practices.maps.tally("objective", practices.mask).items()
        },
    }


# Peer review ----------------------------------------------------------------------------------


@dataclass
class ReviewStatus:
    """Where the peer review of a practice stands in its current round."""

    assignments: list[Assignment]
    internal_done: int = 0
    external_done: int = 0
    disagree: bool = False
    tiebreak_done: bool = False
    problems: list = field(default_factory=list)

    @property
    def needs_tiebreak(self) -> bool:
        return self.disagree and not self.tiebreak_done


def review_status(practice: Practice) -> ReviewStatus:
    """The current round's assignments and what still stands before a decision to publish."""
    assignments = list(
        Assignment.objects.filter(practice=practice, round=practice.review_round)
        .select_related("reviewer__user")
        .order_by("assigned_at", "pk")
    )
    status = ReviewStatus(assignments)
    done = [a for a in assignments if a.is_done]
    regular = [a for a in done if not a.is_tiebreak]
    status.internal_done = sum(1 for a in regular if a.reviewer.kind == "internal")
    status.external_done = sum(1 for a in regular if a.reviewer.kind == "external")
    status.disagree = len({a.recommendation for a in regular}) > 1
    status.tiebreak_done = any(a.is_tiebreak for a in done)
    if status.internal_done < 1 or status.external_done < 2:
        status.problems.append(
            _(
                "Peer review is not complete: a practice needs the recommendations of at least "
                "one internal and two external reviewers."
            )
        )
    if status.needs_tiebreak:
        status.problems.append(
            _("The reviewers disagree: add a tie-break reviewer and wait for their review.")
        )
    return status


def suggested_reviewers(practice: Practice, *, limit: int = 10) -> list[ReviewerProfile]:
    """Available reviewers for PRACTICE, best match first: objectives shared, then its language.
    Never a member of the submitting organisation, nor someone already asked in this round."""
    numbers = [objective.number for objective in practice.objectives]
    asked = Assignment.objects.filter(practice=practice, round=practice.review_round).values(
        "reviewer_id"
    )
    candidates = (
        ReviewerProfile.objects.filter(is_active=True, user__is_active=True)
        .exclude(user__memberships__organisation=practice.organisation_id)
        .exclude(pk__in=asked)
        .annotate(shared=Count("objectives", filter=Q(objectives__number__in=numbers)))
        .select_related("user")
        .prefetch_related("objectives")
    )
    ranked = sorted(
        candidates,
        key=lambda r: (-r.shared, practice.language not in r.languages, r.user.full_name),
    )
    return ranked[:limit]


def assignments_of(user) -> QuerySet:
    """A peer reviewer's assignments, newest first, with only what they may see of each."""
    return (
        Assignment.objects.filter(reviewer__user=user)
        .select_related("practice__organisation")
        .order_by("-assigned_at")
    )


def consolidated_comments(practice: Practice) -> list[dict]:
    """The reviewers' comments of the latest round with reviews, without their names: what the
    submitting organisation sees once the secretariat has decided."""
    done = Assignment.objects.filter(practice=practice).exclude(recommendation="")
    latest = done.order_by("-round").values_list("round", flat=True).first()
    if latest is None:
        return []
    rows = done.filter(round=latest).order_by("pk")
    return [
        {"recommendation": Recommendation(a.recommendation).label, "comments": a.comments}
        for a in rows
    ]


def review_queue() -> QuerySet:
    """Submitted practices for the secretariat, oldest first, with their review progress."""
    this_round = Q(assignments__round=F("review_round"))
    return (
        Practice.objects.filter(state=State.SUBMITTED)
        .annotate(
            asked=Count("assignments", filter=this_round & ~Q(assignments__conflict="declared")),
            reviewed=Count("assignments", filter=this_round & ~Q(assignments__recommendation="")),
        )
        .select_related("organisation")
        .order_by("submitted_at")
    )

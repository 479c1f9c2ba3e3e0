"""Reads of reviews that pages, exports and other parts rely on. The public sees published
reviews and, of their documents, the current and earlier versions only."""

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404

from gcmhub.accounts.models import Membership, Organisation
from gcmhub.accounts.queries import is_administrator, membership_levels, organisations_to_submit_for
from gcmhub.compact.models import Country, RegionalCommission
from gcmhub.reviews.models import Document, Review
from gcmhub.search.bitmaps import Listing
from gcmhub.search.excerpts import excerpt
from gcmhub.search.facets import Facet, narrowed
from gcmhub.workflow import permissions
from gcmhub.workflow.models import State
from gcmhub.workflow.queries import is_insider

EXCERPT_SOURCE = 500_000  # characters of each document an excerpt is looked for in


# The filters of the list, its facet counts and its exports: one definition for every door.
FACETS = {
    "country": Facet(("country__iso3", "participants__iso3"), many=True),
    "region": Facet(("country__region_id", "participants__region_id"), many=True),
    "commission": Facet(("commission__code", "country__commissions__code"), many=True),
    "kind": Facet(("kind",)),
    "cycle": Facet(("edition__year",)),
    "language": Facet(
        ("documents__language",),
        many=True,
        where=Q(documents__status=Document.Status.CURRENT),
    ),
}

LISTED = Prefetch(  # what a list shows of each review's documents: never their text
    "documents",
    queryset=Document.objects.filter(status=Document.Status.CURRENT).defer("text"),
    to_attr="current_documents",
)


def filtered(filters: dict, *, order: str = "") -> QuerySet:
    """Published reviews matching FILTERS: by relevance when there is text, else newest."""
    reviews = narrowed(Review.objects.published(), FACETS, filters)
    if filters.get("q") and order != "newest":
        return reviews.order_by("-relevance", "-date", "-pk")
    return reviews.order_by("-date", "-pk")


def published_reviews(filters: dict | None = None, *, order: str = "") -> QuerySet:
    """Published reviews matching FILTERS, ready for a list (country, edition, documents)."""
    return (
        filtered(filters or {}, order=order)
        .select_related("country", "commission", "edition", "organisation")
        .prefetch_related(LISTED)
    )


def listing(filters: dict, *, order: str = "") -> Listing:
    """The public list for FILTERS (its pages, total and facet counts) from the facet bit sets:
    by relevance when there is text, unless ORDER is "newest"."""
    return Listing(
        published_reviews(), FACETS, filters, order=("-date", "-pk"), by_relevance=order != "newest"
    )


def review_facets(filters: dict) -> dict[str, dict[str, int]]:
    return listing(filters).counts()


def with_excerpts(reviews: list[Review], query: str) -> list[Review]:
    """REVIEWS (a page of search hits), each with `excerpt`: the passage of its summary or of its
    current documents where the words of QUERY are found."""
    if not query or not reviews:
        return reviews
    texts: dict[int, list[str]] = {}
    rows = (
        Document.objects.filter(
            review_id__in=[r.pk for r in reviews], status=Document.Status.CURRENT
        )
        .order_by("review_id", "language")
        .values_list("review_id", Substr("text", 1, EXCERPT_SOURCE))
    )
    for review_id, text in rows:
        texts.setdefault(review_id, []).append(text)
    for review in reviews:
        review.excerpt = excerpt([review.summary, *texts.get(review.pk, [])], query)
    return reviews


def visible_review(user, pk: int) -> Review:
    """The review if USER may see it (404 otherwise), with what its page shows."""
    reviews = permissions.visible(user, Review.objects.all()).select_related(
        "country", "commission", "edition", "organisation"
    )
    return get_object_or_404(reviews, pk=pk)


def review_page(review: Review, user) -> dict:
    """What a review's page shows besides its own fields: the public versions of its documents,
    and, to its organisation and the secretariat, those waiting for a decision."""
    documents = list(review.documents.defer("text").select_related("uploaded_by"))
    insider = is_insider(user, review)
    return {
        "current": [d for d in documents if d.status == Document.Status.CURRENT],
        "earlier": [d for d in documents if d.status == Document.Status.REPLACED],
        "pending": [d for d in documents if d.status == Document.Status.PENDING] if insider else [],
        "participants": list(review.participants.all()) if review.is_regional else [],
    }


def visible_document(user, review_pk: int, pk: int) -> Document:
    """A document of a review USER may see: the public versions of a published review, or any
    version for the review's organisation and the secretariat."""
    review = visible_review(user, review_pk)
    document = get_object_or_404(Document.objects.defer("text"), pk=pk, review=review)
    if review.is_published and document.is_public:
        return document
    if is_insider(user, review):
        return document
    raise Http404


def countries_to_report_for(user) -> dict[Country, Organisation]:
    """The countries whose reports USER may submit, each with its government's organisation:
    USER is a focal point of a verified Member State organisation of that country."""
    if not user.is_authenticated:
        return {}
    organisations = organisations_to_submit_for(user, level=Membership.Level.FOCAL_POINT).filter(
        entity_type__is_state=True, country__isnull=False
    )
    return {o.country: o for o in organisations}


def commissions_to_report_for(user) -> dict[RegionalCommission, Organisation]:
    """The regional commissions whose regional reviews USER may record, each with the
    organisation that represents it: every one for the secretariat's administrators, else
    those of the verified organisations USER is a member of."""
    if not user.is_authenticated:
        return {}
    organisations = Organisation.objects.verified().filter(commission__isnull=False)
    if not is_administrator(user):
        organisations = organisations.filter(pk__in=list(membership_levels(user)))
    return {o.commission: o for o in organisations.select_related("commission")}


def reviews_of(user) -> QuerySet:
    """Every review of USER's organisations, whatever its state: their work in progress."""
    return (
        Review.objects.filter(organisation_id__in=list(membership_levels(user)))
        .select_related("country", "commission", "edition")
        .order_by("-updated_at")
    )


def review_queue() -> dict:
    """For the secretariat: submitted reviews, oldest first, and new document versions of
    published reviews waiting for a decision."""
    return {
        "submitted": list(
            Review.objects.filter(state=State.SUBMITTED)
            .select_related("country", "commission", "edition")
            .order_by("submitted_at")
        ),
        "documents": list(
            Document.objects.filter(status=Document.Status.PENDING, review__state=State.PUBLISHED)
            .defer("text")
            .select_related("review__country", "review__commission")
            .order_by("created_at")
        ),
    }


def country_reviews(country) -> dict:
    """For a country profile: its published national reports and the published regional
    reviews it took part in."""
    published = (
        Review.objects.published()
        .select_related("edition", "commission", "country")
        .prefetch_related(LISTED)
    )
    return {
        "national": list(published.filter(country=country)),
        "regional": list(published.regional().filter(participants=country)),
    }

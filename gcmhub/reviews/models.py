"""Voluntary GCM reviews, national implementation plans and other national reports of Member
States, and the regional reviews of the UN regional commissions, with their documents."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.search.registry import Document as SearchDocument
from gcmhub.workflow.models import Action, Submittable, SubmittableQuerySet

SUMMARY_MAX = 5000
MAX_INDEXED_TEXT = 3_000_000  # characters of document text one review puts in the index


class Kind(models.TextChoices):
    VOLUNTARY_REVIEW = "voluntary_review", _("Voluntary GCM review")
    IMPLEMENTATION_PLAN = "implementation_plan", _("National implementation plan")
    OTHER_REPORT = "other_report", _("Other national report")
    REGIONAL_REVIEW = "regional_review", _("Regional review")


NATIONAL_KINDS = (Kind.VOLUNTARY_REVIEW, Kind.IMPLEMENTATION_PLAN, Kind.OTHER_REPORT)


class ReviewQuerySet(SubmittableQuerySet):
    def national(self):
        return self.exclude(kind=Kind.REGIONAL_REVIEW)

    def regional(self):
        return self.filter(kind=Kind.REGIONAL_REVIEW)


class Review(Submittable):
    """A national report of one Member State, or a regional review of one regional commission
    with the countries that took part. Its documents are the language versions."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    edition = models.ForeignKey(
        "compact.Edition",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("IMRF edition"),
        help_text=_("The forum whose review cycle the report belongs to."),
    )
    country = models.ForeignKey(
        "compact.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("country"),
    )
    commission = models.ForeignKey(
        "compact.RegionalCommission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("UN regional commission"),
    )
    participants = models.ManyToManyField(
        "compact.Country",
        blank=True,
        related_name="regional_reviews",
        verbose_name=_("countries that took part"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX,
        help_text=_("What the report covers and its main findings, in a few paragraphs."),
    )
    date = models.DateField(_("date of the report"))

    reviewed_fields = ("kind", "edition", "title", "summary", "date", "participants")
    focal_point_actions = frozenset({Action.SUBMIT})  # a government's focal point submits

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["state", "-date"], name="review_state_date")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=Kind.REGIONAL_REVIEW, commission__isnull=False, country__isnull=True
                    )
                    | (
                        models.Q(kind__in=NATIONAL_KINDS)
                        & models.Q(country__isnull=False, commission__isnull=True)
                    )
                ),
                name="review_national_or_regional",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:detail", args=[self.pk])

    @property
    def is_regional(self) -> bool:
        return self.kind == Kind.REGIONAL_REVIEW

    @property
    def cycle(self) -> str:
        """The review cycle before the forum: 2020–2021 for IMRF 2022."""
        return cycle_label(self.edition.year)

    def submission_problems(self) -> list[str]:
        problems = []
        if not self.documents.filter(status=Document.Status.CURRENT).exists():
            problems.append(str(_("Upload the document in at least one language.")))
        if self.is_regional and not self.participants.exists():
            problems.append(str(_("Say which countries took part in the regional review.")))
        return problems


def cycle_label(year: int) -> str:
    return f"{year - 2}–{year - 1}"


def search_document(review: Review) -> SearchDocument:
    """What the search service indexes of a published review: its own text, the names of its
    country, commission and participants in every language, and the current documents' text."""
    names = []
    if review.country_id:
        names += review.country.names.values()
    if review.commission_id:
        names += [review.commission.code, *review.commission.names.values()]
    for country in review.participants.all():
        names += country.names.values()
    documents = [d for d in review.documents.all() if d.status == Document.Status.CURRENT]
    texts, length = [], 0
    for document in documents:
        texts.append(document.text[: MAX_INDEXED_TEXT - length])
        length += len(texts[-1])
    first = min(documents, key=lambda d: (d.created_at, d.pk), default=None)
    language = first.language if first else "en"  # the original: the version uploaded first
    text = "\n".join([review.summary, *names, *texts])
    return SearchDocument(title=review.title, text=text, language=language)


def _upload_to(document, filename: str) -> str:
    return f"reviews/{document.review_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Document(models.Model):
    """One language version of a review's report. A new upload replaces the current one of its
    language, which stays listed as an earlier version; on a published review it waits for the
    secretariat first."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        CURRENT = "current", _("Current")
        REPLACED = "replaced", _("Earlier version")
        DECLINED = "declined", _("Not accepted")

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("format"), max_length=4, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    is_searchable = models.BooleanField(_("text searchable"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CURRENT
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    replaced_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        ordering = ["language", "-created_at", "-pk"]
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")
        constraints = [
            models.UniqueConstraint(
                "review",
                "language",
                condition=models.Q(status="current"),
                name="one_current_document_per_language",
            ),
            models.UniqueConstraint(
                "review",
                "language",
                condition=models.Q(status="pending"),
                name="one_pending_document_per_language",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:document", args=[self.review_id, self.pk])

    @property
    def is_public(self) -> bool:
        """Shown to everybody once the review is published: the current and earlier versions."""
        return self.status in (self.Status.CURRENT, self.Status.REPLACED)

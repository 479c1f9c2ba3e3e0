"""The IMRF pledging initiative: pledges, their progress reports, and the reminders sent."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.workflow.models import Submittable, SubmittableQuerySet

DESCRIPTION_MIN, DESCRIPTION_MAX = 300, 3000


class PledgeType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual pledge")
    COMMON = "common", _("Common pledge (one text, several pledgers)")
    PARTNERSHIP = "partnership", _("Pledge in partnership")
    MATCHING = "matching", _("Matching pledge (answers another pledge)")


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    GLOBAL = "global", _("Global")


class Category(models.TextChoices):
    POLICY = "policy", _("Policy or legislation")
    PROGRAMME = "programme", _("Programme")
    FINANCIAL = "financial", _("Financial")
    CAPACITY = "capacity", _("Technical or capacity building")
    DATA = "data", _("Data or research")
    OTHER = "other", _("Other")


class ProgressStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    DISCONTINUED = "discontinued", _("Discontinued")


class PledgeQuerySet(SubmittableQuerySet):
    def by_member_states(self):
        return self.filter(organisation__entity_type__code="member-state")


class Pledge(Submittable):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"),
        blank=True,
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        help_text=_(
            "What the pledge is about and which need it answers (300 to 3,000 characters)."
        ),
    )
    edition = models.ForeignKey(
        "compact.Edition",
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("IMRF edition"),
    )
    language = models.CharField(
        _("language of the text"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    pledge_type = models.CharField(
        _("type of pledge"),
        max_length=12,
        choices=PledgeType.choices,
        default=PledgeType.INDIVIDUAL,
    )
    matches = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matched_by",
        verbose_name=_("pledge it answers"),
        db_index=False,  # the partial index pledge_matches: almost every pledge answers none
    )
    partner_organisations = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="partner_pledges",
        verbose_name=_("partner organisations"),
    )
    other_partners = models.TextField(
        _("other partners"),
        blank=True,
        max_length=1000,
        help_text=_("Partners not on gcmhub, one per line."),
    )
    main_objectives = models.ManyToManyField(
        "compact.Objective",
        blank=True,
        related_name="main_pledges",
        verbose_name=_("main objectives"),
    )
    related_objectives = models.ManyToManyField(
        "compact.Objective",
        blank=True,
        related_name="related_pledges",
        verbose_name=_("further related objectives"),
    )
    principles = models.ManyToManyField(
        "compact.Principle",
        blank=True,
        related_name="pledges",
        verbose_name=_("guiding principles"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    countries = models.ManyToManyField(
        "compact.Country", blank=True, related_name="pledges", verbose_name=_("countries concerned")
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, blank=True)
    action = models.TextField(_("concrete action"), blank=True, max_length=3000)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    resources_amount = models.DecimalField(
        _("resources committed"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    resources_currency = models.CharField(_("currency"), max_length=3, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    # Kept up to date when a progress report is published.
    progress_status = models.CharField(
        _("progress"), max_length=12, choices=ProgressStatus.choices, default=ProgressStatus.PLANNED
    )
    amount_delivered = models.DecimalField(
        _("delivered so far"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    last_report_date = models.DateField(_("last progress report"), null=True, blank=True)

    reviewed_fields = (
        "title",
        "description",
        "edition",
        "language",
        "pledge_type",
        "matches",
        "partner_organisations",
        "other_partners",
        "main_objectives",
        "related_objectives",
        "principles",
        "level",
        "countries",
        "category",
        "action",
        "indicators",
        "resources_amount",
        "resources_currency",
        "start_date",
        "end_date",
    )

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        indexes = [
            models.Index(fields=["state", "-published_at"], name="pledge_state_published"),
            # the version of the published pledges that the facet bit sets were built from
            models.Index(fields=["state", "updated_at"], name="pledge_state_updated"),
            models.Index(
                fields=["matches"], condition=models.Q(matches__isnull=False), name="pledge_matches"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="pledge_dates_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pledges:detail", args=[self.pk])

    def submission_problems(self) -> list[str]:
        from gcmhub.pledges.sections import incomplete_sections

        return [str(section.problem) for section in incomplete_sections(self)]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Past its end date and not fulfilled."""
        today = today or timezone.localdate()
        return bool(
            self.end_date
            and self.end_date < today
            and self.progress_status != ProgressStatus.FULFILLED
        )

    def has_no_recent_report(self, today: datetime.date | None = None) -> bool:
        """Published, unfinished, and no published report within PLEDGE_REPORT_MONTHS."""
        if not self.is_published or self.progress_status in (
            ProgressStatus.FULFILLED,
            ProgressStatus.DISCONTINUED,
        ):
            return False
        today = today or timezone.localdate()
        since = self.last_report_date or (self.published_at and self.published_at.date()) or today
        return (today - since).days > settings.PLEDGE_REPORT_MONTHS * 30


class ProgressReport(Submittable):
    """A report on a published pledge by its pledger or a partner; reviewed like the pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="reports")
    date = models.DateField(_("date of the report"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices)
    narrative = models.TextField(_("what has been done"), max_length=5000)
    amount_delivered = models.DecimalField(
        _("amount delivered so far"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("In the currency of the pledge."),
    )
    evidence_url = models.URLField(_("link to evidence"), blank=True)

    reviewed_fields = ("date", "status", "narrative", "amount_delivered", "evidence_url")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.pledge} – {self.date}"

    def get_absolute_url(self):
        return reverse("pledges:detail", args=[self.pledge_id]) + f"#report-{self.pk}"

    def after_transition(self, action):
        from gcmhub.pledges.services import refresh_progress

        refresh_progress(self.pledge)  # the pledge shows its latest published progress


class Reminder(models.Model):
    """A reminder e-mail sent to a pledging organisation that a progress report is due."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("sent"))
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["pledge", "-sent_at"], name="reminder_pledge_sent")]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.pledge} – {self.sent_at:%Y-%m-%d}"

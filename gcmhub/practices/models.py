"""The repository of practices: practices, their attachments, calls for practices, and the
peer review that decides what is published (a reviewer roster and review assignments)."""

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.search.registry import Document
from gcmhub.workflow.models import Action, Submittable

SUMMARY_MIN, SUMMARY_MAX = 200, 3000
FIRST_YEAR, LAST_YEAR = 1990, 2100


class PracticeType(models.TextChoices):
    POLICY = "policy", _("Policy or legislation")
    PROGRAMME = "programme", _("Programme or project")
    PARTNERSHIP = "partnership", _("Partnership or multi-stakeholder initiative")
    TOOL = "tool", _("Tool or guidance")
    RESEARCH = "research", _("Research or data")
    OTHER = "other", _("Other")


class Criterion(models.TextChoices):
    """The Hub's criteria for a practice, which the submitter confirms one by one."""

    OBJECTIVES = "objectives", _("It relates to one or more of the 23 objectives of the GCM.")
    PRINCIPLES = "principles", _("It upholds the 10 guiding principles of the GCM.")
    RECENT = "recent", _("It was implemented after December 2018, ideally.")
    COMPLETED = "completed", _("It is fully or mostly completed.")
    REPLICABLE = "replicable", _("It is innovative and can be replicated.")


class Call(models.Model):
    """A call for practices opened by the secretariat, on a theme, until a deadline."""

    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    objectives = models.ManyToManyField(
        "compact.Objective", blank=True, related_name="calls", verbose_name=_("objectives")
    )
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day on which practices can be submitted.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("call for practices")
        verbose_name_plural = _("calls for practices")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:call", args=[self.pk])

    def is_open(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) <= self.deadline


class Practice(Submittable):
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("summary"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX)],
        help_text=_("What the practice does, for whom and why (200 to 3,000 characters)."),
    )
    language = models.CharField(
        _("language it is written in"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("call for practices it answers"),
    )
    criteria = models.JSONField(_("criteria confirmed"), default=list, blank=True)
    primary_objectives = models.ManyToManyField(
        "compact.Objective",
        blank=True,
        related_name="primary_practices",
        verbose_name=_("primary objectives"),
    )
    secondary_objectives = models.ManyToManyField(
        "compact.Objective",
        blank=True,
        related_name="secondary_practices",
        verbose_name=_("secondary objectives"),
    )
    principles = models.ManyToManyField(
        "compact.Principle",
        blank=True,
        related_name="practices",
        verbose_name=_("guiding principles it particularly exemplifies"),
    )
    sdgs = models.ManyToManyField(
        "compact.SustainableDevelopmentGoal",
        blank=True,
        related_name="practices",
        verbose_name=_("related Sustainable Development Goals"),
    )
    practice_type = models.CharField(
        _("type of practice"), max_length=12, choices=PracticeType.choices, blank=True
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    is_ongoing = models.BooleanField(_("ongoing"), default=False)
    is_global = models.BooleanField(_("global in scope"), default=False)
    countries = models.ManyToManyField(
        "compact.Country", blank=True, related_name="practices", verbose_name=_("countries")
    )
    regions = models.ManyToManyField(
        "compact.Region", blank=True, related_name="practices", verbose_name=_("regions")
    )
    on_behalf = models.BooleanField(
        _("submitted on behalf of the main implementer"),
        default=False,
        help_text=_("Leave unticked when your organisation implements the practice itself."),
    )
    main_implementer = models.CharField(_("main implementer"), max_length=300, blank=True)
    implementer_contact = models.CharField(
        _("focal point of the main implementer"), max_length=200, blank=True
    )
    implementer_email = models.EmailField(_("e-mail of that focal point"), blank=True)
    collaborators = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="collaborating_practices",
        verbose_name=_("other organisations on gcmhub"),
    )
    partners = models.TextField(
        _("other partners"),
        blank=True,
        max_length=1000,
        help_text=_("Partners not on gcmhub, one per line."),
    )
    benefits = models.TextField(_("benefits and impact"), blank=True, max_length=5000)
    innovation = models.TextField(_("what is innovative"), blank=True, max_length=3000)
    replication = models.TextField(_("how it can be replicated"), blank=True, max_length=3000)
    lessons = models.TextField(_("lessons learned and challenges"), blank=True, max_length=5000)
    links = models.JSONField(_("links"), default=list, blank=True)

    # Each submission opens a new round of peer review.
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0, editable=False)

    reviewed_fields = (
        "title",
        "summary",
        "language",
        "call",
        "criteria",
        "primary_objectives",
        "secondary_objectives",
        "principles",
        "sdgs",
        "practice_type",
        "start_year",
        "end_year",
        "is_ongoing",
        "is_global",
        "countries",
        "regions",
        "on_behalf",
        "main_implementer",
        "implementer_contact",
        "implementer_email",
        "collaborators",
        "partners",
        "benefits",
        "innovation",
        "replication",
        "lessons",
        "links",
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [
            models.Index(fields=["state", "-published_at"], name="practice_state_published"),
            models.Index(fields=["state", "start_year"], name="practice_state_year"),
            models.Index(fields=["state", "updated_at"], name="practice_state_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="practice_years_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", args=[self.pk])

    def submission_problems(self) -> list[str]:
        from gcmhub.practices.sections import incomplete_sections

        return [str(section.problem) for section in incomplete_sections(self)]

    def transition_problems(self, action: Action) -> list[str]:
        from gcmhub.practices.queries import review_status

        problems = super().transition_problems(action)
        is_new = action == Action.SUBMIT and self.submitted_at is None
        if is_new and self.call_id and not self.call.is_open():
            problems.append(
                str(
                    _("The call “%(call)s” closed on %(date)s and takes no new practices.")
                    % {"call": self.call.title, "date": self.call.deadline.isoformat()}
                )
            )
        if action == Action.PUBLISH:
            problems += [str(problem) for problem in review_status(self).problems]
        return problems

    def after_transition(self, action: Action) -> None:
        if action == Action.SUBMIT:  # a new round of peer review
            self.review_round += 1
            Practice.objects.filter(pk=self.pk).update(review_round=self.review_round)

    @property
    def objectives(self):
        return [*self.primary_objectives.all(), *self.secondary_objectives.all()]


def document(practice: Practice) -> Document:
    """What the search service indexes of a published practice, in every language it can."""
    names = []
    for objective in practice.objectives:
        names += objective.short_names.values()
    for country in practice.countries.all():
        names += country.names.values()
    for region in practice.regions.all():
        names += region.names.values()
    for principle in practice.principles.all():
        names += principle.names.values()
    text = "\n".join(
        [
            practice.summary,
            practice.benefits,
            practice.innovation,
            practice.replication,
            practice.lessons,
            practice.main_implementer,
            practice.partners,
            *names,
        ]
    )
    return Document(title=practice.title, text=text, language=practice.language)


def _upload_to(attachment, filename: str) -> str:
    return f"practices/{attachment.practice_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Attachment(models.Model):
    """A file that illustrates a practice; public when the practice is."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practices:attachment", args=[self.practice_id, self.pk])


class ReviewerProfile(models.Model):
    """A peer reviewer on the roster: what they cover, and whether they are UN (internal)."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal (United Nations)")
        EXTERNAL = "external", _("External")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    objectives = models.ManyToManyField(
        "compact.Objective", blank=True, related_name="+", verbose_name=_("objectives covered")
    )
    languages = models.JSONField(_("languages covered"), default=list)
    expertise = models.CharField(_("expertise"), max_length=300, blank=True)
    is_active = models.BooleanField(_("available"), default=True)

    class Meta:
        ordering = ["user__full_name", "pk"]
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer roster")

    def __str__(self):
        return str(self.user)


class Conflict(models.TextChoices):
    UNDECLARED = "", _("Not declared yet")
    NONE = "none", _("No conflict of interest")
    DECLARED = "declared", _("Conflict of interest declared")


class Recommendation(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    REVISE = "revise", _("Revise")
    REJECT = "reject", _("Reject")


class Assignment(models.Model):
    """One reviewer asked to review one practice in one round of review."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        ReviewerProfile, on_delete=models.PROTECT, related_name="assignments"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    is_tiebreak = models.BooleanField(_("tie-break reviewer"), default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    conflict = models.CharField(
        _("conflict of interest"), max_length=8, choices=Conflict.choices, blank=True
    )
    conflict_note = models.TextField(_("about the conflict"), blank=True, max_length=1000)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices, blank=True
    )
    comments = models.TextField(_("comments for the submitter"), blank=True, max_length=5000)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                "practice", "reviewer", "round", name="one_assignment_per_reviewer_and_round"
            )
        ]

    def __str__(self):
        return f"{self.practice} – {self.reviewer}"

    def get_absolute_url(self):
        return reverse("practices:assignment", args=[self.pk])

    @property
    def is_released(self) -> bool:
        return self.conflict == Conflict.DECLARED

    @property
    def is_done(self) -> bool:
        return bool(self.recommendation)

    @property
    def may_see_practice(self) -> bool:
        """Beyond the title and organisation only once the reviewer declared no conflict."""
        return self.conflict == Conflict.NONE

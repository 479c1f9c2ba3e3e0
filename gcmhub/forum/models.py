"""The forum: the programme of each IMRF edition, the speakers list of its general debate,
side events and the multi-stakeholder hearing."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gcmhub.workflow.models import Action, State, Submittable, SubmittableQuerySet

# ---------------------------------------------------------------------------------------------
# Programme


class Room(models.Model):
    """A meeting room of an edition's venue (side events online have none)."""

    edition = models.ForeignKey(
        "compact.Edition", on_delete=models.CASCADE, related_name="rooms", verbose_name=_("edition")
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint("edition", "name", name="one_room_name_per_edition")]

    def __str__(self):
        return self.name


class SessionKind(models.TextChoices):
    HEARING = "hearing", _("Multi-stakeholder hearing")
    ROUND_TABLE = "round_table", _("Round table")
    POLICY_DEBATE = "policy_debate", _("Policy debate")
    PLENARY_OPENING = "plenary_opening", _("Plenary: opening segment")
    GENERAL_DEBATE = "general_debate", _("Plenary: general debate")
    CLOSING = "closing", _("Plenary: closing segment")
    SIDE_EVENT = "side_event", _("Side event")
    DIALOGUE = "dialogue", _("Dialogue or webinar")


# The official meetings whose summaries the President of the General Assembly distributes.
SUMMARY_KINDS = {
    SessionKind.HEARING,
    SessionKind.ROUND_TABLE,
    SessionKind.POLICY_DEBATE,
    SessionKind.PLENARY_OPENING,
    SessionKind.GENERAL_DEBATE,
    SessionKind.CLOSING,
}


class SessionQuerySet(models.QuerySet):
    def needing_summary(self):
        return self.filter(kind__in=SUMMARY_KINDS)

    def overlapping(self, starts_at, ends_at):
        """Sessions that share at least a minute with [STARTS_AT, ENDS_AT)."""
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Session(models.Model):
    """One meeting of the programme: the hearing, a round table, a plenary segment, a side
    event, a webinar. Times are stored in UTC and shown in the venue's time zone."""

    edition = models.ForeignKey(
        "compact.Edition",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Round tables are numbered 1 to 4.")
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the kind and number, shown in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    chair_countries = models.ManyToManyField(
        "compact.Country",
        blank=True,
        related_name="chaired_sessions",
        verbose_name=_("chairs or co-chairs (countries)"),
    )
    chair_people = models.CharField(
        _("chairs or co-chairs (people or offices)"),
        max_length=300,
        blank=True,
        help_text=_("For example: President of the General Assembly."),
    )
    objectives = models.ManyToManyField(
        "compact.Objective",
        blank=True,
        related_name="sessions",
        verbose_name=_("objectives covered"),
    )
    link = models.URLField(_("meeting or webcast link"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_published_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "room__position", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index("edition", "starts_at", name="session_edition_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("forum:session", args=[self.edition.year, self.pk])

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        if self.number:
            return _("%(kind)s %(number)s") % {
                "kind": self.get_kind_display(),
                "number": self.number,
            }
        return self.get_kind_display()

    @property
    def needs_summary(self) -> bool:
        return self.kind in SUMMARY_KINDS


class SessionDocument(models.Model):
    class Kind(models.TextChoices):
        BACKGROUND = "background", _("Background note")
        SUMMARY = "summary", _("Summary")
        OTHER = "other", _("Other document")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="documents", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to="forum/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "language", "pk"]
        verbose_name = _("session document")
        verbose_name_plural = _("session documents")

    def __str__(self):
        return self.title


class Holiday(models.Model):
    """A day the secretariat does not work (weekends aside): summaries fall due later."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("UN holiday")
        verbose_name_plural = _("UN holidays")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class AgendaItem(models.Model):
    """A session a signed-in person starred into "my agenda"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_items"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint("user", "session", name="one_star_per_session")]

    def __str__(self):
        return f"{self.user_id}: {self.session_id}"


class CalendarToken(models.Model):
    """The secret in a person's private agenda feed; a new one revokes the old link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self):
        return str(self.user_id)


# ---------------------------------------------------------------------------------------------
# Speakers list of the general debate


class Category(models.TextChoices):
    GROUP = "group", _("Group of States")
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER_STATE = "observer_state", _("Observer State")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class Level(models.TextChoices):
    HEAD_OF_STATE = "head_of_state", _("Head of State")
    HEAD_OF_GOVERNMENT = "head_of_government", _("Head of Government")
    VICE_PRESIDENT = "vice_president", _("Vice-President, Crown Prince or Princess")
    DEPUTY_PRIME_MINISTER = "deputy_prime_minister", _("Deputy Prime Minister")
    MINISTER = "minister", _("Minister")
    VICE_MINISTER = "vice_minister", _("Vice-Minister")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation or Permanent Representative")


class PrecedenceRule(models.Model):
    """One step of the order of speakers, kept as data: inscriptions of CATEGORY (and LEVEL, when
    set) speak at POSITION; within one position, in the order they were inscribed."""

    position = models.PositiveSmallIntegerField(_("position"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.CharField(
        _("level of representation"), max_length=24, choices=Level.choices, blank=True
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("precedence rule")
        verbose_name_plural = _("precedence rules")
        constraints = [
            models.UniqueConstraint("category", "level", name="one_rule_per_category_and_level")
        ]

    def __str__(self):
        return f"{self.position}: {self.get_category_display()} {self.get_level_display()}".strip()


class SpeakersList(models.Model):
    """The list of speakers in the general debate of one edition."""

    edition = models.OneToOneField(
        "compact.Edition",
        on_delete=models.CASCADE,
        related_name="speakers_list",
        verbose_name=_("edition"),
    )
    opened_at = models.DateTimeField(_("inscriptions opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("inscriptions closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        default=5,
        help_text=_("How long each statement may last."),
    )

    class Meta:
        verbose_name = _("speakers list")
        verbose_name_plural = _("speakers lists")

    def __str__(self):
        return str(self.edition)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Inscription(models.Model):
    """A delegation on the speakers list: a Member State (nationally or for a group), an
    observer State, an intergovernmental organisation or a stakeholder."""

    speakers_list = models.ForeignKey(
        SpeakersList, on_delete=models.CASCADE, related_name="inscriptions"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="inscriptions",
        verbose_name=_("delegation"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.CharField(
        _("level of representation"), max_length=24, choices=Level.choices, blank=True
    )
    group_name = models.CharField(_("group"), max_length=200, blank=True)
    group_members = models.ManyToManyField(
        "compact.Country",
        blank=True,
        related_name="group_inscriptions",
        verbose_name=_("members of the group"),
    )
    speaker = models.CharField(
        _("speaker"),
        max_length=200,
        blank=True,
        help_text=_("Name and title as they should be announced, shown on the published list."),
    )
    inscribed_at = models.DateTimeField(_("inscribed"), default=timezone.now)
    inscribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    fixed_position = models.PositiveSmallIntegerField(
        _("place set by the secretariat"), null=True, blank=True
    )
    move_reason = models.TextField(_("reason for the move"), blank=True)
    delivered_at = models.DateTimeField(_("statement delivered"), null=True, blank=True)
    statement = models.TextField(_("statement text"), blank=True)

    class Meta:
        ordering = ["inscribed_at", "pk"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                "speakers_list", "organisation", name="one_inscription_per_delegation"
            )
        ]

    def __str__(self):
        return self.group_name or str(self.organisation)


# ---------------------------------------------------------------------------------------------
# Side events


class SideEventCall(models.Model):
    """The call for side-event proposals of one edition."""

    edition = models.OneToOneField(
        "compact.Edition",
        on_delete=models.CASCADE,
        related_name="side_event_call",
        verbose_name=_("edition"),
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"))
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("call for side events")
        verbose_name_plural = _("calls for side events")

    def __str__(self):
        return str(self.edition)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.deadline


class Criterion(models.Model):
    """A published criterion against which reviewers score proposals."""

    call = models.ForeignKey(SideEventCall, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what reviewers look for"), blank=True)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class SideEventQuerySet(SubmittableQuerySet):
    pass


class SideEvent(Submittable):
    """A proposal for a side event; published means accepted by the secretariat."""

    call = models.ForeignKey(
        SideEventCall, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    co_organisers = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="co_organised_side_events",
        verbose_name=_("co-organisers"),
    )
    other_organisers = models.CharField(
        _("other co-organisers"),
        max_length=500,
        blank=True,
        help_text=_("Organisations not registered here, separated by commas."),
    )
    objectives = models.ManyToManyField(
        "compact.Objective", related_name="side_events", verbose_name=_("objectives")
    )
    format = models.CharField(
        pgettext_lazy("side event", "format"), max_length=10, choices=EventFormat.choices
    )
    preferred_dates = models.JSONField(_("preferred dates"), default=list, blank=True)
    session = models.OneToOneField(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="side_event",
        verbose_name=_("scheduled session"),
    )

    reviewed_fields = (
        "title",
        "description",
        "co_organisers",
        "other_organisers",
        "objectives",
        "format",
        "preferred_dates",
    )

    objects = SideEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:side_event", args=[self.call.edition.year, self.pk])

    def transition_problems(self, action: Action) -> list[str]:
        """A new proposal is sent only while the call is open; a returned one may come back."""
        if action == Action.SUBMIT and self.state == State.DRAFT and not self.call.is_open():
            return [str(_("The call for side events is closed: new proposals cannot be sent."))]
        return super().transition_problems(action)

    def after_transition(self, action: Action) -> None:
        from gcmhub.forum.side_events.services import follow_lifecycle

        follow_lifecycle(self, action)  # the programme follows the event


class Score(models.Model):
    """One reviewer's score of one proposal against one criterion."""

    side_event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                "side_event", "criterion", "reviewer", name="one_score_per_reviewer_and_criterion"
            )
        ]

    def __str__(self):
        return f"{self.side_event_id}/{self.criterion_id}: {self.value}"


# ---------------------------------------------------------------------------------------------
# The multi-stakeholder hearing


class Hearing(models.Model):
    """The call for speakers at the multi-stakeholder hearing of one edition."""

    edition = models.OneToOneField(
        "compact.Edition",
        on_delete=models.CASCADE,
        related_name="hearing",
        verbose_name=_("edition"),
    )
    opens_at = models.DateTimeField(_("applications open"), default=timezone.now)
    deadline = models.DateTimeField(_("applications close"))
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("multi-stakeholder hearing")
        verbose_name_plural = _("multi-stakeholder hearings")

    def __str__(self):
        return str(self.edition)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.deadline


class Panel(models.Model):
    """A panel of the hearing, into which selected speakers are placed."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="panels")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panels",
        verbose_name=_("session"),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")

    def __str__(self):
        return self.title


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class Application(models.Model):
    """A stakeholder's application to speak at the hearing. Never public."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not decided")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="hearing_applications",
        verbose_name=_("organisation"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    speaker_name = models.CharField(_("speaker's name"), max_length=200)
    speaker_email = models.EmailField(_("speaker's e-mail address"))
    speaker_role = models.CharField(_("speaker's role"), max_length=200)
    name_is_public = models.BooleanField(
        _("the speaker agrees that their name is shown on the published programme"),
        default=False,
    )
    topic = models.TextField(_("topic"))
    objectives = models.ManyToManyField(
        "compact.Objective", related_name="hearing_applications", verbose_name=_("objectives")
    )
    region = models.ForeignKey(
        "compact.Region",
        on_delete=models.PROTECT,
        related_name="hearing_applications",
        verbose_name=_("region"),
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    status = models.CharField(
        _("decision"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    panel = models.ForeignKey(
        Panel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
        verbose_name=_("panel"),
    )
    panel_position = models.PositiveSmallIntegerField(_("order in the panel"), default=0)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    notified_at = models.DateTimeField(_("told by e-mail"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("hearing application")
        verbose_name_plural = _("hearing applications")
        constraints = [
            models.UniqueConstraint(
                "hearing", "organisation", name="one_application_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.speaker_role}"

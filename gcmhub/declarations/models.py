"""The outcome declaration of an IMRF edition: numbered revisions of paragraphs, proposals by
delegations during rounds, the co-facilitators' decisions on them and the adoption."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Latin ordinal adverbs, as the UN labels inserted paragraphs ("5 bis", "5 ter").
SUFFIXES = [
    "",
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "decies",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Document(models.Model):
    """The outcome document of one edition (the progress declaration), negotiated in one
    language."""

    edition = models.OneToOneField(
        "compact.Edition", on_delete=models.PROTECT, related_name="outcome", verbose_name=_("IMRF")
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language of the negotiation"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The text is negotiated in one language; pages show it as it is typed."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-edition__year"]
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("declarations:document", args=[self.edition.year])


class CoFacilitator(models.Model):
    """A delegation appointed to conduct the consultations; its members act as co-facilitators."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="cofacilitators")
    delegation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="cofacilitations",
        verbose_name=_("delegation"),
    )
    representative = models.CharField(
        _("representative"),
        max_length=300,
        blank=True,
        help_text=_("Shown in public, e.g. “H.E. Ms. …, Permanent Representative of …”."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("co-facilitator")
        verbose_name_plural = _("co-facilitators")
        constraints = [
            models.UniqueConstraint("document", "delegation", name="one_cofacilitation_each")
        ]

    def __str__(self):
        return str(self.delegation)


class NegotiatingGroup(models.Model):
    """A group of delegations that may speak as one (the African Group, the European Union…)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    members = models.ManyToManyField(
        "accounts.Organisation", related_name="negotiating_groups", verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("negotiating group")
        verbose_name_plural = _("negotiating groups")

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    MEMBER_STATES = "member-states", _("Member States")
    ALL = "all", _("Member States, observers and stakeholders")


class Revision(models.Model):
    """One version of the text: the zero draft (number 0), Rev.1, Rev.2… or the final text.

    Co-facilitators prepare a revision unpublished, publish it, and may open one round of
    proposals on it with a deadline."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("number"))
    is_final = models.BooleanField(_("final text"), default=False)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started from"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    round_opened_at = models.DateTimeField(_("round opened"), null=True, blank=True)
    round_deadline = models.DateTimeField(_("deadline for proposals"), null=True, blank=True)
    round_closed_at = models.DateTimeField(_("round closed"), null=True, blank=True)
    round_audience = models.CharField(
        _("who may propose"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.MEMBER_STATES,
    )
    compilation_published_at = models.DateTimeField(
        _("compilation published"), null=True, blank=True
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.CharField(
        _("adopted at"),
        max_length=300,
        blank=True,
        help_text=_("The meeting, e.g. “closing plenary of the IMRF”."),
    )

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint("document", "number", name="one_revision_per_number")
        ]

    def __str__(self):
        return f"{self.document} — {self.label}"

    def get_absolute_url(self):
        return reverse("declarations:revision", args=[self.document.edition.year, self.number])

    @property
    def label(self) -> str:
        if self.is_final:
            return gettext("Final text")
        if self.number == 0:
            return gettext("Zero draft")
        return gettext("Rev.%(number)s") % {"number": self.number}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None

    @property
    def is_round_open(self) -> bool:
        return (
            self.round_opened_at is not None
            and self.round_closed_at is None
            and self.round_deadline is not None
            and timezone.now() < self.round_deadline
        )

    @property
    def is_compilation_published(self) -> bool:
        return self.compilation_published_at is not None


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "pp", _("Preambular")
    OPERATIVE = "op", _("Operative")


class Paragraph(models.Model):
    """A numbered paragraph of one revision, or a lettered sub-paragraph of one (PARENT set).

    NUMBER is the paragraph's number within its kind (the letter's place for a sub-paragraph),
    SUFFIX 1, 2… for "bis", "ter"… when a paragraph is inserted inside a revision; the next
    revision numbers them again from 1. ORIGIN is the paragraph of the earlier revision this one
    continues; PROPOSALS_APPLIED the proposals taken in that made its text."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=2, choices=ParagraphKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subparagraphs"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    suffix = models.PositiveSmallIntegerField(_("suffix"), default=0)
    text = models.TextField(_("text"))
    origin = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="successors"
    )
    proposals_applied = models.ManyToManyField(
        "Proposal", blank=True, related_name="results", verbose_name=_("proposals taken in")
    )

    class Meta:
        ordering = ["revision", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        indexes = [models.Index("revision", "position", name="paragraph_order")]

    def __str__(self):
        return self.label

    @property
    def own_label(self) -> str:
        """The label within its paragraph: "5", "5 bis", "(a)", "(a bis)"."""
        if self.parent_id:
            base = LETTERS[(self.number - 1) % len(LETTERS)]
            return f"({base} {SUFFIXES[self.suffix]})" if self.suffix else f"({base})"
        return f"{self.number} {SUFFIXES[self.suffix]}" if self.suffix else str(self.number)

    @property
    def label(self) -> str:
        """The label used in proposals and the compilation: "PP3", "OP5 bis", "OP5 (a)".

        Reading PARENT costs a query unless it was selected with the paragraph."""
        if self.parent_id:
            return f"{self.parent.label} {self.own_label}"
        return f"{self.kind.upper()}{self.own_label}"


class ProposalKind(models.TextChoices):
    REPLACE = "replace", pgettext_lazy("proposal", "Replace the paragraph")
    INSERT = "insert", pgettext_lazy("proposal", "Insert words")
    DELETE_WORDS = "delete-words", pgettext_lazy("proposal", "Delete words")
    DELETE_PARAGRAPH = "delete-paragraph", pgettext_lazy("proposal", "Delete the paragraph")
    ADD_AFTER = "add-after", pgettext_lazy("proposal", "Add a new paragraph after it")
    RETAIN = "retain", pgettext_lazy("proposal", "Retain the current text")


class Decision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    TAKEN_IN = "taken-in", _("Taken in")
    PARTLY = "partly", _("Partly taken in")
    NOT_TAKEN_IN = "not-taken-in", _("Not taken in")


class Proposal(models.Model):
    """A delegation's proposal on one paragraph of a revision during its round.

    Words are counted from 0 in the paragraph's text split on white space: an insertion goes
    before word START (START == END == the number of words: at the end); a deletion removes
    words START to END - 1. TEXT is the new paragraph, the words inserted or the paragraph added.
    """

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="proposals")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("change"), max_length=16, choices=ProposalKind.choices)
    text = models.TextField(_("text"), blank=True)
    start = models.PositiveIntegerField(_("first word"), null=True, blank=True)
    end = models.PositiveIntegerField(_("after the last word"), null=True, blank=True)
    delegation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="declaration_proposals",
        verbose_name=_("delegation"),
    )
    group = models.ForeignKey(
        NegotiatingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("on behalf of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    decision = models.CharField(
        _("decision"), max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)
    taken_text = models.TextField(
        _("text as taken in"),
        blank=True,
        help_text=_(
            "For a proposal partly taken in: the paragraph as it should read in the next "
            "revision. Leave it empty to edit the next revision by hand."
        ),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["paragraph__position", "created_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index("revision", "delegation", name="proposal_delegation")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.delegation}"


class Support(models.Model):
    """A delegation (possibly for a group) joining another delegation's proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    delegation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="declaration_supports",
        verbose_name=_("delegation"),
    )
    group = models.ForeignKey(
        NegotiatingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supports",
        verbose_name=_("on behalf of"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint("proposal", "delegation", name="one_support_per_delegation")
        ]

    def __str__(self):
        return str(self.group or self.delegation)

"""The one moderated-submission lifecycle, written once for every submitted thing."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Action(models.TextChoices):
    CREATE = "create", _("Create")
    VIEW = "view", _("View")
    EDIT = "edit", _("Edit")
    DELETE = "delete", _("Delete")
    SUBMIT = "submit", _("Submit for review")
    PUBLISH = "publish", _("Publish")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    REJECT = "reject", _("Reject")
    WITHDRAW = "withdraw", _("Withdraw")
    UNPUBLISH = "unpublish", _("Unpublish")


# Where each action leads; an action missing from a state's row is not possible there.
TRANSITIONS: dict[State, dict[Action, State]] = {
    State.DRAFT: {Action.SUBMIT: State.SUBMITTED},
    State.SUBMITTED: {
        Action.PUBLISH: State.PUBLISHED,
        Action.REQUEST_CHANGES: State.CHANGES_REQUESTED,
        Action.REJECT: State.REJECTED,
    },
    State.CHANGES_REQUESTED: {Action.SUBMIT: State.SUBMITTED},
    State.PUBLISHED: {Action.WITHDRAW: State.WITHDRAWN, Action.UNPUBLISH: State.UNPUBLISHED},
    State.REJECTED: {},
    State.WITHDRAWN: {},
    State.UNPUBLISHED: {Action.SUBMIT: State.SUBMITTED},
}
EDITABLE_STATES = {State.DRAFT, State.CHANGES_REQUESTED, State.PUBLISHED, State.UNPUBLISHED}
DELETABLE_STATES = {State.DRAFT, State.CHANGES_REQUESTED}


class InvalidTransition(Exception):
    pass


def next_state(state: State, action: Action) -> State:
    try:
        return TRANSITIONS[State(state)][action]
    except KeyError:
        raise InvalidTransition(f"{action} is not possible from {state}") from None


def available_actions(state: State) -> set[Action]:
    """Every action possible on a record in STATE, whoever asks."""
    actions = {Action.VIEW, *TRANSITIONS[State(state)]}
    if state in EDITABLE_STATES:
        actions.add(Action.EDIT)
    if state in DELETABLE_STATES:
        actions.add(Action.DELETE)
    return actions


class SubmittableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=State.PUBLISHED)  # every public door uses this


class Submittable(models.Model):
    """Abstract base of everything that goes through review (pledges, practices, …)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("organisation"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    # The fields an owner edits; edits to a published record are held for review.
    reviewed_fields: tuple[str, ...] = ()
    # What only the organisation's focal points may do (reviews: a Member State submits).
    focal_point_actions: frozenset = frozenset()

    objects = SubmittableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    def submission_problems(self) -> list[str]:
        """What must be completed before the record can be submitted (nothing, by default)."""
        return []

    def transition_problems(self, action: "Action") -> list[str]:
        """What stands in the way of ACTION: by default, an incomplete record cannot be submitted."""
        return self.submission_problems() if action == Action.SUBMIT else []

    def after_transition(self, action: "Action") -> None:
        """The next step of a part after a lifecycle change (nothing, by default)."""


class Event(models.Model):
    """The audit trail: who did what to which record, when, and why."""

    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    on_revision = models.BooleanField(_("about a proposed edit"), default=False)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index("record_type", "record_id", "created_at", name="event_record"),
            # the latest withdrawal: a public list's facet bit sets are built again after it
            models.Index(
                fields=["-id"], condition=models.Q(action="unpublish"), name="event_unpublished"
            ),
        ]
        verbose_name = _("lifecycle event")
        verbose_name_plural = _("lifecycle events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class Revision(models.Model):
    """An edit to a published record, held for review while the published text stays up."""

    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    data = models.JSONField(_("proposed values"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed edit")
        verbose_name_plural = _("proposed edits")
        constraints = [
            models.UniqueConstraint(
                "record_type",
                "record_id",
                condition=models.Q(state__in=[State.SUBMITTED, State.CHANGES_REQUESTED]),
                name="one_open_revision_per_record",
            )
        ]

    def __str__(self):
        return f"{self.record_type} {self.record_id}: {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in (State.SUBMITTED, State.CHANGES_REQUESTED)

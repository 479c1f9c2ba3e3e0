"""People, the organisations they act for, and their roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Secretariat roles; everyone else acts through organisation memberships."""

    NONE = "", _("No secretariat role")
    REVIEWER = "reviewer", _("Secretariat reviewer")
    ADMIN = "admin", _("Secretariat administrator")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        fields.setdefault("email_confirmed_at", timezone.now())
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("secretariat role"), max_length=10, choices=Role.choices, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the administration site"), default=False)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name

    @property
    def is_email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class OrganisationQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Organisation.Status.VERIFIED)


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    name = models.CharField(_("name"), max_length=200)
    entity_type = models.ForeignKey(
        "compact.EntityType", on_delete=models.PROTECT, verbose_name=_("type of organisation")
    )
    country = models.ForeignKey(
        "compact.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("country"),
        help_text=_("Leave empty for international and regional organisations."),
    )
    commission = models.ForeignKey(
        "compact.RegionalCommission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("UN regional commission it represents"),
        help_text=_(
            "Set by the secretariat: its members record that commission's regional reviews."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verification decided"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), "country", name="organisation_name_per_country"
            ),
            models.UniqueConstraint(
                "commission",
                condition=models.Q(commission__isnull=False),
                name="one_organisation_per_commission",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:organisation", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Membership(models.Model):
    class Level(models.TextChoices):
        MEMBER = "member", _("Member")
        FOCAL_POINT = "focal_point", _("Focal point")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", _("Active")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    level = models.CharField(_("role"), max_length=12, choices=Level.choices, default=Level.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint("user", "organisation", name="one_membership_per_organisation")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def is_focal_point(self) -> bool:
        return self.is_active and self.level == self.Level.FOCAL_POINT


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    level = models.CharField(
        _("role"), max_length=12, choices=Membership.Level.choices, default=Membership.Level.MEMBER
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None


class ApiToken(models.Model):
    """A secret that lets a program act for an organisation through the API: it creates, edits
    and submits the organisation's drafts, never publishes. Only a hash of it is kept."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(_("starts with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

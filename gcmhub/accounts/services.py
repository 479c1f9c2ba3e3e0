"""Writes about people and organisations: one function per intention, one transaction each."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gcmhub.accounts.models import ApiToken, Invitation, Membership, Organisation, Role, User
from gcmhub.accounts.queries import can_manage, has_role, is_member

CONFIRMATION_SALT = "gcmhub.accounts.confirm-email"
CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60  # three days
INVITATION_MAX_AGE_DAYS = 30
TOKEN_PREFIX = "gcm_"  # recognisable in code and logs, so a leaked token is easy to spot
TOKEN_USE_PRECISION = datetime.timedelta(minutes=1)  # last_used_at: no write on every request


def _mail(template: str, context: dict, *, to: list[User] | list[str], language: str | None = None):
    """Send the e-mail TEMPLATE (subject and body files) after the transaction commits."""
    for recipient in to:
        address = recipient.email if isinstance(recipient, User) else recipient
        lang = (
            recipient.language
            if isinstance(recipient, User)
            else (language or translation.get_language())
        )
        with translation.override(lang):
            full = {**context, "site_url": settings.SITE_URL}
            subject = render_to_string(f"accounts/email/{template}_subject.txt", full).strip()
            body = render_to_string(f"accounts/email/{template}.txt", full)
        transaction.on_commit(lambda s=subject, b=body, a=address: send_mail(s, b, None, [a]))


def _absolute(viewname: str, *args) -> str:
    return settings.SITE_URL + reverse(viewname, args=args)


def _require_manager(user: User, organisation: Organisation) -> None:
    if not can_manage(user, organisation):
        raise PermissionDenied


def _require_admin(user: User) -> None:
    if not has_role(user, Role.ADMIN):
        raise PermissionDenied


@transaction.atomic
def register_user(*, email: str, full_name: str, password: str, language: str) -> User:
    """Create an account that can sign in once its e-mail address is confirmed."""
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, language=language
    )
    send_confirmation(user)
    return user


def send_confirmation(user: User) -> None:
    token = signing.dumps(user.pk, salt=CONFIRMATION_SALT)
    _mail("confirm", {"user": user, "url": _absolute("accounts:confirm", token)}, to=[user])


@transaction.atomic
def confirm_email(token: str) -> User:
    """Mark the address confirmed; raises ValidationError for a wrong or expired link."""
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
        user = User.objects.select_for_update().get(pk=pk, is_active=True)
    except (signing.BadSignature, User.DoesNotExist):
        raise ValidationError(_("This confirmation link is wrong or has expired.")) from None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def register_organisation(*, name, entity_type, country, website, by: User) -> Organisation:
    """Register an organisation; its registrant becomes its focal point until verification."""
    if not by.is_email_confirmed:
        raise PermissionDenied
    organisation = Organisation.objects.create(
        name=name, entity_type=entity_type, country=country, website=website, created_by=by
    )
    Membership.objects.create(
        user=by, organisation=organisation, level=Membership.Level.FOCAL_POINT
    )
    admins = User.objects.filter(role=Role.ADMIN, is_active=True)
    url = _absolute("admin:accounts_organisation_change", organisation.pk)
    _mail("organisation_registered", {"organisation": organisation, "url": url}, to=list(admins))
    return organisation


@transaction.atomic
def decide_verification(organisation: Organisation, *, verified: bool, by: User) -> None:
    """A secretariat administrator verifies an organisation, or declines to."""
    _require_admin(by)
    organisation.status = Organisation.Status.VERIFIED if verified else Organisation.Status.REJECTED
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.save(update_fields=["status", "verified_at", "verified_by"])
    focal_points = User.objects.filter(
        memberships__organisation=organisation, memberships__level=Membership.Level.FOCAL_POINT
    )
    context = {
        "organisation": organisation,
        "url": _absolute("accounts:organisation", organisation.pk),
    }
    _mail("organisation_decided", context, to=list(focal_points))


@transaction.atomic
def grant_role(user: User, role: Role, *, by: User) -> None:
    """Give USER a secretariat role (or none); administrators also use the admin site."""
    _require_admin(by)
    if user == by and role != Role.ADMIN:
        raise ValidationError(_("You cannot remove your own administrator role."))
    user.role = role
    user.is_staff = role == Role.ADMIN
    user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["role", "is_staff", "is_superuser"])


@transaction.atomic
def request_to_join(organisation: Organisation, *, by: User) -> Membership:
    if not by.is_email_confirmed or not organisation.is_verified:
        raise PermissionDenied
    membership, created = Membership.objects.get_or_create(
        user=by, organisation=organisation, defaults={"status": Membership.Status.REQUESTED}
    )
    if created:
        focal_points = User.objects.filter(
            memberships__organisation=organisation,
            memberships__level=Membership.Level.FOCAL_POINT,
            memberships__status=Membership.Status.ACTIVE,
        )
        context = {
            "organisation": organisation,
            "applicant": by,
            "url": _absolute("accounts:organisation", organisation.pk),
        }
        _mail("join_requested", context, to=list(focal_points))
    return membership


@transaction.atomic
def answer_join_request(membership: Membership, *, accept: bool, by: User) -> None:
    _require_manager(by, membership.organisation)
    if membership.status != Membership.Status.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    context = {
        "organisation": membership.organisation,
        "accepted": accept,
        "url": _absolute("accounts:organisation", membership.organisation_id),
    }
    _mail("join_answered", context, to=[membership.user])
    if accept:
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status"])
    else:
        membership.delete()


@transaction.atomic
def invite(organisation: Organisation, *, email: str, level: str, by: User) -> Invitation:
    """Invite someone by e-mail address; they join when they accept, signed in as that address."""
    _require_manager(by, organisation)
    email = email.strip().lower()
    if Membership.objects.filter(
        organisation=organisation, user__email=email, status=Membership.Status.ACTIVE
    ).exists():
        raise ValidationError(_("%(email)s is already a member.") % {"email": email})
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        level=level,
        token=secrets.token_urlsafe(32),
        invited_by=by,
    )
    context = {
        "organisation": organisation,
        "inviter": by,
        "url": _absolute("accounts:invitation", invitation.token),
    }
    _mail("invitation", context, to=[email])
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, *, by: User) -> Membership:
    if not invitation.is_open:
        raise ValidationError(_("This invitation has already been used."))
    if (timezone.now() - invitation.created_at).days > INVITATION_MAX_AGE_DAYS:
        raise ValidationError(_("This invitation has expired. Ask for a new one."))
    if by.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.update_or_create(
        user=by,
        organisation=invitation.organisation,
        defaults={"status": Membership.Status.ACTIVE, "level": invitation.level},
    )
    if by.email_confirmed_at is None:  # the link reached this address, so it is confirmed
        by.email_confirmed_at = timezone.now()
        by.save(update_fields=["email_confirmed_at"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by: User) -> None:
    """Remove a member; an organisation always keeps at least one focal point."""
    _require_manager(by, membership.organisation)
    if membership.is_focal_point:
        others = Membership.objects.filter(
            organisation=membership.organisation,
            level=Membership.Level.FOCAL_POINT,
            status=Membership.Status.ACTIVE,
        ).exclude(pk=membership.pk)
        if not others.exists():
            raise ValidationError(_("An organisation needs a focal point. Name another one first."))
    membership.delete()


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_api_token(organisation: Organisation, *, name: str, by: User) -> tuple[ApiToken, str]:
    """A new API token of a verified organisation, and its secret: the secret is not stored (only
    its hash), so this is the one moment it can be shown. The token acts as BY, who must be a
    member of the organisation."""
    _require_manager(by, organisation)
    if not organisation.is_verified:
        raise PermissionDenied
    if not is_member(by, organisation):
        raise ValidationError(
            _(
                "A token acts for the person who creates it: only a member of the organisation "
                "can create one."
            )
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=" ".join(name.split()),
        prefix=secret[:8],
        key_hash=_token_hash(secret),
        created_by=by,
    )
    return token, secret


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    """Refuse the token from now on; its row stays, with the time it was revoked."""
    _require_manager(by, token.organisation)
    if not token.is_active:
        raise ValidationError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def token_for(secret: str) -> ApiToken | None:
    """The active token with this secret (its use recorded), or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("organisation", "created_by")
        .filter(key_hash=_token_hash(secret), revoked_at=None)
        .first()
    )
    now = timezone.now()
    if token and (token.last_used_at is None or now - token.last_used_at > TOKEN_USE_PRECISION):
        token.last_used_at = now
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gcmhub.accounts import services
from gcmhub.accounts.models import ApiToken, Membership, Organisation
from gcmhub.accounts.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _create_url(organisation):
    return reverse("accounts:api_token_create", args=[organisation.pk])


def _revoke_url(token):
    return reverse("accounts:api_token_revoke", args=[token.organisation_id, token.pk])


def test_focal_point_creates_a_token_and_sees_its_secret_once(client, cast):
    client.force_login(cast.focal_point)

    response = client.post(_create_url(cast.organisation), {"name": "  Our   pledge database "})

    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "accounts/api_token_created.html"
    assert response["Cache-Control"] == "no-store"
    assert response.content.decode().count(secret) == 1
    assert "it will not be shown again" in response.content.decode()
    assert secret.startswith("gcm_")
    assert len(secret) == 47
    assert (token.name, token.organisation, token.created_by) == (
        "Our pledge database",
        cast.organisation,
        cast.focal_point,
    )
    assert token.prefix == secret[:8]
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in [token.name, token.prefix, token.key_hash]


def test_the_secret_is_not_shown_again(client, cast):
    token, secret = services.create_api_token(cast.organisation, name="Sync", by=cast.focal_point)
    client.force_login(cast.focal_point)

    response = client.get(cast.organisation.get_absolute_url())

    page = response.content.decode()
    assert list(response.context["tokens"]) == [token]
    assert secret not in page
    assert f"<code>{token.prefix}…</code>" in page
    assert "Revoke Sync" in page


def test_an_administrator_who_is_a_member_creates_a_token(client, cast):
    MembershipFactory(organisation=cast.organisation, user=cast.admin)
    client.force_login(cast.admin)

    response = client.post(_create_url(cast.organisation), {"name": "Secretariat import"})

    assert response.status_code == 200
    assert ApiToken.objects.get().created_by == cast.admin


def test_an_administrator_who_is_not_a_member_is_told_why_not(client, cast):
    client.force_login(cast.admin)

    response = client.post(_create_url(cast.organisation), {"name": "Import"})

    assert response.status_code == 400
    assert response.context["token_form"].errors == {
        "name": [
            "A token acts for the person who creates it: only a member of the organisation "
            "can create one."
        ]
    }
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize("who", ["member", "outsider", "no_organisation"])
def test_others_cannot_create_a_token(client, cast, who):
    client.force_login(getattr(cast, who))

    response = client.post(_create_url(cast.organisation), {"name": "Mine"})

    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_anonymous_is_sent_to_sign_in(client, cast):
    response = client.post(_create_url(cast.organisation), {"name": "Mine"})

    assert response.status_code == 302
    assert ApiToken.objects.count() == 0


def test_a_token_needs_a_name(client, cast):
    client.force_login(cast.focal_point)

    response = client.post(_create_url(cast.organisation), {"name": " "})

    assert response.status_code == 400
    assert response.context["token_form"].errors == {"name": ["This field is required."]}
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "sees"),
    [("focal_point", True), ("admin", True), ("member", False), ("outsider", False)],
)
def test_only_those_who_manage_see_the_tokens(client, cast, who, sees):
    services.create_api_token(cast.organisation, name="Sync", by=cast.focal_point)
    client.force_login(getattr(cast, who))

    response = client.get(cast.organisation.get_absolute_url())

    assert ("tokens" in response.context) is sees
    assert ("API tokens" in response.content.decode()) is sees


def test_anonymous_does_not_see_the_tokens(client, cast):
    services.create_api_token(cast.organisation, name="Sync", by=cast.focal_point)

    response = client.get(cast.organisation.get_absolute_url())

    assert "tokens" not in response.context
    assert "API tokens" not in response.content.decode()


def test_an_unverified_organisation_has_no_tokens(client, cast):
    Organisation.objects.filter(pk=cast.organisation.pk).update(status=Organisation.Status.PENDING)
    client.force_login(cast.focal_point)

    page = client.get(cast.organisation.get_absolute_url())
    response = client.post(_create_url(cast.organisation), {"name": "Early"})

    assert "tokens" not in page.context
    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_revoke_after_confirming(client, cast):
    token, secret = services.create_api_token(cast.organisation, name="Old", by=cast.focal_point)
    client.force_login(cast.focal_point)

    confirm = client.get(_revoke_url(token))
    response = client.post(_revoke_url(token))

    token.refresh_from_db()
    assert confirm.status_code == 200
    assert "Revoke the token “Old”" in confirm.content.decode()
    assert response.url == cast.organisation.get_absolute_url()
    assert token.revoked_at is not None
    assert services.token_for(secret) is None
    assert list(client.get(response.url).context["tokens"]) == []
    assert client.get(_revoke_url(token)).status_code == 404


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_others_cannot_revoke(client, cast, who):
    token, _secret = services.create_api_token(cast.organisation, name="Kept", by=cast.focal_point)
    client.force_login(getattr(cast, who))

    confirm = client.get(_revoke_url(token))
    response = client.post(_revoke_url(token))

    token.refresh_from_db()
    assert (confirm.status_code, response.status_code) == (404, 404)
    assert token.revoked_at is None


def test_a_token_is_revoked_through_its_own_organisation_only(client, cast):
    token, _secret = services.create_api_token(cast.organisation, name="Kept", by=cast.focal_point)
    client.force_login(cast.focal_point)

    response = client.post(
        reverse("accounts:api_token_revoke", args=[cast.other_organisation.pk, token.pk])
    )

    token.refresh_from_db()
    assert response.status_code == 404
    assert token.revoked_at is None


# Services


def test_create_api_token_is_refused_to_a_plain_member(cast):
    with pytest.raises(PermissionDenied):
        services.create_api_token(cast.organisation, name="No", by=cast.member)

    assert ApiToken.objects.count() == 0


def test_revoke_api_token_once(cast):
    token, _secret = services.create_api_token(cast.organisation, name="T", by=cast.focal_point)
    services.revoke_api_token(token, by=cast.focal_point)

    with pytest.raises(ValidationError) as error:
        services.revoke_api_token(token, by=cast.focal_point)

    assert error.value.messages == ["This token has already been revoked."]


def test_revoke_api_token_is_refused_to_a_plain_member(cast):
    token, _secret = services.create_api_token(cast.organisation, name="T", by=cast.focal_point)

    with pytest.raises(PermissionDenied):
        services.revoke_api_token(token, by=cast.member)

    token.refresh_from_db()
    assert token.is_active


def test_token_for_finds_active_tokens_only(cast):
    token, secret = services.create_api_token(cast.organisation, name="T", by=cast.focal_point)
    revoked, revoked_secret = services.create_api_token(
        cast.organisation, name="R", by=cast.focal_point
    )
    services.revoke_api_token(revoked, by=cast.focal_point)

    assert services.token_for(secret) == token
    assert services.token_for(revoked_secret) is None
    assert services.token_for(secret + "x") is None
    assert services.token_for(secret[4:]) is None  # without its prefix
    assert services.token_for("") is None


def test_token_for_records_the_use_at_most_once_a_minute(cast):
    token, secret = services.create_api_token(cast.organisation, name="T", by=cast.focal_point)
    long_ago = timezone.now() - datetime.timedelta(hours=1)

    services.token_for(secret)
    first = ApiToken.objects.get().last_used_at
    services.token_for(secret)
    again = ApiToken.objects.get().last_used_at
    ApiToken.objects.update(last_used_at=long_ago)
    services.token_for(secret)
    later = ApiToken.objects.get().last_used_at

    assert first is not None
    assert again == first
    assert later > long_ago


def test_a_removed_focal_points_token_stays_listed_for_revocation(client, cast):
    token, _secret = services.create_api_token(cast.organisation, name="T", by=cast.focal_point)
    Membership.objects.filter(user=cast.focal_point).delete()
    client.force_login(cast.admin)

    response = client.get(cast.organisation.get_absolute_url())

    assert list(response.context["tokens"]) == [token]

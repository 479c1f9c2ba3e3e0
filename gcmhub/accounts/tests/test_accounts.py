"""Registration, confirmation, sign-in with its limits, sign-out and password reset."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from gcmhub.accounts.models import User
from gcmhub.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the sign-in counters live there


def _link(message) -> str:
    return re.search(r"http://[^\s]+", message.body).group().removeprefix("http://127.0.0.1:8000")


def _register(client, **values):
    data = {
        "full_name": "Ana Ruiz",
        "email": "Ana@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post(reverse("accounts:register"), {**data, **values})


def test_registration_confirmation_and_sign_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client)

    assert response.status_code == 302
    user = User.objects.get()
    assert (user.email, user.is_email_confirmed, user.language) == ("ana@example.org", False, "en")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]

    refused = client.post(
        reverse("accounts:sign_in"), {"email": "ana@example.org", "password": PASSWORD}
    )
    assert refused.context["form"].non_field_errors() == [
        "Confirm your e-mail address first: follow the link we sent you."
    ]

    client.get(_link(mail.outbox[0]))
    user.refresh_from_db()
    assert user.is_email_confirmed

    response = client.post(
        reverse("accounts:sign_in"), {"email": "ANA@example.org", "password": PASSWORD}
    )
    assert (response.status_code, response.url) == (302, reverse("accounts:home"))
    assert client.get(reverse("accounts:home")).context["user"] == user


def test_registration_in_arabic_sends_arabic_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/ar/accounts/register/",
            {
                "full_name": "Ali",
                "email": "ali@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    assert User.objects.get().language == "ar"
    assert "/ar/accounts/confirm/" in mail.outbox[0].body


def test_registration_keeps_input_and_explains_errors(client):
    UserFactory(email="taken@example.org")

    response = _register(client, email="taken@example.org", password2="something-else")

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["email"] == [
        "An account with this e-mail address exists already. Sign in, or reset your password."
    ]
    assert form.errors["password2"] == ["The two passwords differ."]
    assert 'value="Ana Ruiz"' in response.content.decode()
    assert 'href="#id_email"' in response.content.decode()  # the error summary links to the field
    assert User.objects.count() == 1


def test_weak_password_is_refused(client):
    response = _register(client, password1="password", password2="password")

    assert "password1" in response.context["form"].errors
    assert User.objects.count() == 0


def test_confirmation_link_that_was_tampered_with(client):
    response = client.get(reverse("accounts:confirm", args=["not-a-token"]))

    assert response.status_code == 400
    assert response.context["error"] == "This confirmation link is wrong or has expired."


def test_sign_in_with_wrong_password(client):
    UserFactory(email="ana@example.org")

    response = client.post(
        reverse("accounts:sign_in"), {"email": "ana@example.org", "password": "wrong"}
    )

    assert response.context["form"].non_field_errors() == [
        "The e-mail address or the password is wrong."
    ]
    assert response.context["form"]["email"].value() == "ana@example.org"


def test_sign_in_is_limited_per_account(client, settings):
    settings.SIGN_IN_LIMITS = {"per_account": 3, "per_address": 100, "window_seconds": 60}
    UserFactory(email="ana@example.org")
    for _ in range(3):
        client.post(reverse("accounts:sign_in"), {"email": "ana@example.org", "password": "wrong"})

    response = client.post(
        reverse("accounts:sign_in"), {"email": "ana@example.org", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Too many failed attempts to sign in. Wait 15 minutes and try again, or reset your password."
    ]


def test_sign_in_is_limited_per_address(client, settings):
    settings.SIGN_IN_LIMITS = {"per_account": 100, "per_address": 3, "window_seconds": 60}
    UserFactory(email="ana@example.org")
    for n in range(3):
        client.post(
            reverse("accounts:sign_in"), {"email": f"guess{n}@example.org", "password": "wrong"}
        )

    response = client.post(
        reverse("accounts:sign_in"), {"email": "ana@example.org", "password": PASSWORD}
    )

    assert "Too many failed attempts" in response.context["form"].non_field_errors()[0]


def test_sign_in_redirects_only_to_this_site(client):
    UserFactory(email="ana@example.org")

    response = client.post(
        reverse("accounts:sign_in"),
        {"email": "ana@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.url == reverse("accounts:home")


def test_sign_out(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:sign_out"))

    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_password_reset(client):
    UserFactory(email="ana@example.org")

    client.post(reverse("accounts:password_reset"), {"email": "ana@example.org"})
    link = _link(mail.outbox[0]).replace("http://testserver", "")
    form_page = client.get(re.sub(r"^https?://[^/]+", "", link), follow=True)
    response = client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": "a-new-long-password", "new_password2": "a-new-long-password"},
    )

    assert response.status_code == 302
    assert client.login(username="ana@example.org", password="a-new-long-password")


def test_password_reset_says_the_same_for_unknown_addresses(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert (response.status_code, len(mail.outbox)) == (302, 0)


def test_change_password(client):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-password",
            "new_password2": "another-long-password",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-password")


def test_change_details_and_language(client):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)

    client.post(reverse("accounts:profile"), {"full_name": "Ana María Ruiz", "language": "es"})

    user.refresh_from_db()
    assert (user.full_name, user.language) == ("Ana María Ruiz", "es")


def test_change_details_refuses_an_empty_name(client):
    user = UserFactory(email="ana@example.org", full_name="Ana")
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"full_name": "", "language": "es"})

    user.refresh_from_db()
    assert (response.status_code, user.full_name, user.language) == (200, "Ana", "en")

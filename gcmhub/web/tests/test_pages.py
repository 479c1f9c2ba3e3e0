"""Languages, the reference pages, error pages and security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from gcmhub.compact.models import Country, Objective

pytestmark = pytest.mark.django_db
PREFIXES = ["ar", "zh", "en", "fr", "ru", "es"]


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("ar-EG,ar;q=0.9", "/ar/"),
        ("zh-CN,zh;q=0.9", "/zh/"),
        ("fr-CA", "/fr/"),
        ("ru", "/ru/"),
        ("es-419,es;q=0.8", "/es/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", headers={"accept-language": accept} if accept else {})

    assert (response.status_code, response.url) == (302, target)


@pytest.mark.parametrize(
    ("accept", "target"),
    [("zh-CN", "/zh/objectives/"), ("ar", "/ar/objectives/"), ("", "/en/objectives/")],
)
def test_path_without_language_redirects_to_the_prefixed_page(client, accept, target):
    response = client.get("/objectives/", headers={"accept-language": accept} if accept else {})

    assert (response.status_code, response.url) == (302, target)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_language_prefix_serves_the_home_page(client, prefix):
    response = client.get(f"/{prefix}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert ('dir="rtl"' in html) is (prefix == "ar")
    assert f'lang="{"zh-hans" if prefix == "zh" else prefix}"' in html


def test_language_switcher_keeps_the_current_page(client):
    response = client.get("/fr/countries/EGY/?x=1")

    links = {language["code"]: language["url"] for language in response.context["languages"]}
    assert links == {
        "ar": "/ar/countries/EGY/?x=1",
        "zh-hans": "/zh/countries/EGY/?x=1",
        "en": "/en/countries/EGY/?x=1",
        "fr": "/fr/countries/EGY/?x=1",
        "ru": "/ru/countries/EGY/?x=1",
        "es": "/es/countries/EGY/?x=1",
    }


@pytest.mark.parametrize(
    "path", ["/xx/objectives/", "/en/objectives/24/", "/en/countries/ZZZ/", "/de/", "/en/nothing/"]
)
def test_unknown_addresses_are_404_in_the_site_design(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_404_in_arabic(client):
    response = client.get("/ar/objectives/99/")

    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()


def test_objective_pages(client):
    listing = client.get(reverse("compact:objectives"))
    detail = client.get(reverse("web:objective", args=[8]))

    assert [o.number for o in listing.context["objectives"]] == list(range(1, 24))
    assert detail.context["objective"].short_names["en"] == "Save lives"
    assert (
        "Save lives and establish coordinated international efforts on missing migrants"
        in detail.content.decode()
    )


def test_objective_page_in_russian_and_chinese(client):
    russian = Objective.objects.get(number=8).short_names["ru"]
    assert russian in client.get("/ru/objectives/8/").content.decode()
    with translation.override("zh-hans"):
        expected = Country.objects.get(iso3="CHN").name
    assert expected in client.get("/zh/countries/CHN/").content.decode()


def test_principles_page_lists_ten(client):
    response = client.get(reverse("compact:principles"))

    assert [p.number for p in response.context["principles"]] == list(range(1, 11))


def test_country_list_filters_by_region_and_status(client):
    everything = client.get(reverse("compact:countries"))
    africa = client.get(reverse("compact:countries"), {"region": "002", "status": "member"})
    caribbean = client.get(reverse("compact:countries"), {"region": "029"})

    assert len(everything.context["countries"]) == 248
    assert len(africa.context["countries"]) == 54
    assert {c.iso3 for c in caribbean.context["countries"]} >= {"JAM", "CUB", "HTI"}


def test_country_list_is_sorted_by_name_in_the_language(client):
    names = [c.name for c in client.get("/fr/countries/").context["countries"]]

    assert names.index("Égypte") < names.index("Érythrée") < names.index("Espagne")


def test_bad_filter_value_is_ignored_not_an_error(client):
    response = client.get(reverse("compact:countries"), {"region": "<script>"})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_country_page(client):
    response = client.get(reverse("web:country", args=["EGY"]))

    html = response.content.decode()
    assert response.context["country"].iso3 == "EGY"
    assert "Northern Africa" in html and "ESCWA" in html and "818" in html


def test_country_code_in_lower_case_redirects(client):
    response = client.get("/en/countries/egy/")

    assert (response.status_code, response.url) == (301, "/en/countries/EGY/")


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/en/", 1),
        ("/en/objectives/", 1),
        ("/en/principles/", 1),
        ("/en/countries/", 3),
        ("/en/countries/EGY/", 8),
        ("/en/objectives/8/", 3),
    ],
)
def test_public_pages_have_a_fixed_number_of_queries(
    client, django_assert_num_queries, url, queries
):
    client.get(url)  # the first request of a process builds the facet bit sets (fixed too)

    with django_assert_num_queries(queries):
        client.get(url)


def test_a_page_seen_before_answers_not_modified(client):
    first = client.get("/en/objectives/")

    again = client.get("/en/objectives/", headers={"if-none-match": first.headers["ETag"]})

    assert (again.status_code, again.content) == (304, b"")
    assert client.get("/en/objectives/", headers={"if-none-match": '"other"'}).status_code == 200


def test_strict_content_security_policy(client):
    response = client.get("/en/")

    policy = response.headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "style-src 'self'" in policy
        and "unsafe-inline" not in policy
    )
    assert "<script>" not in response.content.decode()  # no inline script
    assert " style=" not in response.content.decode()  # no inline style


def test_admin_sign_in_goes_through_the_site_sign_in(client):
    response = client.get("/en/admin/login/?next=/en/admin/")

    assert response.url == "/en/accounts/sign-in/?next=%2Fen%2Fadmin%2F"


def test_admin_is_translated_and_right_to_left_in_arabic(client, cast):
    client.force_login(cast.admin)

    response = client.get("/ar/admin/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html
    assert "إدارة" in html  # Django's own Arabic "administration"


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gcmhub.settings",
        "DEBUG": "false",
        "SECRET_KEY": "a-production-like-secret-" + "k3y" * 20,
        "ALLOWED_HOSTS": "gcmhub.example.org",
        "VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SECRET_KEY_FILE")}
    env.update(DJANGO_SETTINGS_MODULE="gcmhub.settings", DEBUG="false", VAR_DIR=str(tmp_path))

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Set SECRET_KEY or SECRET_KEY_FILE when DEBUG is off." in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "s" * 50)
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="gcmhub.settings",
        DEBUG="false",
        SECRET_KEY_FILE=str(secret),
        VAR_DIR=str(tmp_path),
    )

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)",
        ],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.stdout.strip() == "from-a-file-" + "s" * 50


@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/register/",
        "/en/accounts/sign-in/",
        "/en/accounts/password-reset/",
        "/en/accounts/confirm-again/",
    ],
)
def test_forms_carry_a_csrf_token(url):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    html = client.get(url).content.decode()

    assert 'name="csrfmiddlewaretoken"' in html

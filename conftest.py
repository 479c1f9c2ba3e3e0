"""Fixtures every test may use: `cast` gives one person per role, so each test says who acts."""

import importlib
import os
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser


@pytest.fixture
def cast(db):
    from gcmhub.accounts.models import Membership, Role
    from gcmhub.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    organisation = OrganisationFactory(name="Owning Organisation")
    other = OrganisationFactory(name="Other Organisation")
    return SimpleNamespace(
        organisation=organisation,
        other_organisation=other,
        anonymous=AnonymousUser(),
        no_organisation=UserFactory(email="nobody@example.org"),
        outsider=MembershipFactory(organisation=other, user__email="outsider@example.org").user,
        member=MembershipFactory(organisation=organisation, user__email="member@example.org").user,
        focal_point=MembershipFactory(
            organisation=organisation,
            level=Membership.Level.FOCAL_POINT,
            user__email="focal@example.org",
        ).user,
        reviewer=UserFactory(email="reviewer@example.org", role=Role.REVIEWER),
        admin=UserFactory(
            email="admin@example.org", role=Role.ADMIN, is_staff=True, is_superuser=True
        ),
    )


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in another language leaves it active on the thread; each test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _cold_content_type_cache():
    """ContentType lookups are cached per process; start each test cold so query counts hold."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _nothing_kept_from_other_tests():
    """The facet bit sets and cached figures are kept per process; each test starts from its
    own records."""
    from django.core.cache import cache

    from gcmhub.search import bitmaps

    bitmaps.forget()
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    from gcmhub.web.tests.browser import ARGS, CHROMIUM, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def reference_data(transactional_db):
    """Live-server tests run in transactions that are flushed; load the reference data again."""
    from django.apps import apps

    from gcmhub.compact.models import Objective

    if not Objective.objects.exists():
        for module in [
            "gcmhub.compact.migrations.0002_reference_data",
            "gcmhub.forum.migrations.0002_reference_data",
        ]:
            importlib.import_module(module).load(apps, None)


@pytest.fixture
def page(browser, reference_data):
    # bypass_csp lets the test inject axe-core; the site's own CSP stays strict.
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

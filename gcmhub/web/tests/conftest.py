import importlib
import os

import pytest

from gcmhub.web.tests.browser import ARGS, CHROMIUM, require_browser


@pytest.fixture(scope="session")
def browser():
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
        importlib.import_module("gcmhub.compact.migrations.0002_reference_data").load(apps, None)


@pytest.fixture
def page(browser, reference_data):
    # bypass_csp lets the test inject axe-core; the site's own CSP stays strict.
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()

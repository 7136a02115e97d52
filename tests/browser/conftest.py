"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Never a browser download: Playwright is pointed at the system Chromium (CHROMIUM_PATH or
/usr/bin/chromium). Without it the tests skip, unless REQUIRE_BROWSER=1 (as in CI), where a
missing browser is a failure.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    if executable is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def two_factor_on(settings):
    """Staff sign in with a second factor, as in production (tests/settings.py turns it off)."""
    settings.STAFF_REQUIRE_2FA = True
    return settings


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_no_axe_violations(page, allow: list[str] | tuple[str, ...] = ()) -> None:
    """Run axe-core (vendored, see tests/browser/vendor/AXE_VERSION) on the page: WCAG 2.1 AA.

    `allow`: rule ids to ignore, only for findings in markup we cannot change (Django's own
    admin templates); each caller says why next to its list.
    """
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["id"] not in allow
    ]
    assert violations == [], f"axe violations on {page.url}:\n" + json.dumps(violations, indent=2)


@pytest.fixture
def other_page(browser, live_server):
    """A second person's browser (the enquirer, a colleague): its own context, no session."""
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def reply_templates():
    """The reply templates as a new installation has them (migrations 0004 and 0011): a
    transactional test before this one may have emptied the table the migrations filled."""
    import importlib

    from django.apps import apps

    from portal.cases.models import ReplyTemplate

    ReplyTemplate.objects.all().delete()
    importlib.import_module("portal.cases.migrations.0004_seed_reply_templates").seed(apps, None)
    importlib.import_module("portal.cases.migrations.0011_reply_templates_fill_in").fill_in(
        apps, None
    )
    return {template.title: template for template in ReplyTemplate.objects.all()}


@pytest.fixture
def private_media(settings, tmp_path):
    """Files the enquirer sends are written under a MEDIA_ROOT of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sign_in():
    """Sign a member of staff in through the admin's sign-in page (no second factor: the
    test settings leave it off), as `sign_in(page, user)`."""
    from tests.conftest import PASSWORD

    def sign_in(page, user, password: str = PASSWORD) -> None:
        page.goto("/admin/")
        page.get_by_label("Brugernavn").fill(user.get_username())
        page.get_by_label("Adgangskode").fill(password)
        page.get_by_role("button", name="Log ind").click()
        page.get_by_role("heading", name="Din dag").wait_for()

    return sign_in

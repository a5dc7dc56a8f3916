"""Browser tests: Playwright driving the system's headless Chromium against a live server.

Nothing is downloaded: Chromium is Debian's `/usr/bin/chromium` (or `CRM_CHROMIUM`), started
with a fresh temporary profile and no background networking. Without it the tests are skipped
with a message saying so; CI installs it (`.ci/run`). Every step saves a screenshot under
`test-artifacts/browser/<test>/`.

The live server reads the database from another thread, so these tests use transactional
databases: each starts from the migrated state (serialized rollback) with the seed articles
imported, and the state is put back after the last one for the tests that run next.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = Path(os.environ.get("CRM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PASSWORD = "mật-khẩu-thử-nghiệm-2025"  # noqa: S105 - a throw-away test user


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)
            # The live server reads through its own connection: data must be committed, and each
            # test starts again from the migrated state (reference data) that the previous one flushed.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium, or set CRM_CHROMIUM)."
        if os.environ.get("CRM_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told it is safe (it is: the loop only drives the browser).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    before = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    # Playwright's sync API leaves this thread in another context, and Django keeps its
    # connections per context: the test database's snapshot for serialized rollback is on the
    # connection objects of the context before, so hand it to the ones of the context now.
    for alias, connection in before.items():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    # launch() gives Chromium a new temporary profile directory, removed on close.
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="package", autouse=True)
def restore_database_after_browser_tests(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Put back the migrated state (reference data, permissions) that the last test's flush removed.

    Later transactional tests, and the next `--reuse-db` run, expect it.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def seeded(transactional_db, settings):
    """The seed articles imported, and a staff superuser to log in with."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("import_articles", "fixtures/articles/", stdout=io.StringIO())
    return get_user_model().objects.create_superuser("nhanvien", "nhanvien@example.vn", PASSWORD)


class Steps:
    """Takes a numbered screenshot of each step of one test."""

    def __init__(self, page, name: str) -> None:
        self.page = page
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "-", name)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.count = 0

    def shot(self, step: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def page(browser, live_server, seeded, request):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    page.steps = Steps(page, request.node.name)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        page.steps.shot("failure")
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def log_in(page, username: str = "nhanvien", password: str = PASSWORD) -> None:
    page.goto(f"{page.base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

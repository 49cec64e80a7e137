"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server.

The app runs in a thread on 127.0.0.1 (werkzeug ``make_server`` on port 0). Every
page a test opens is watched: a JavaScript dialog, a console error, a page error
or a request to any host but the live server fails the test. Screenshots go to
``test-artifacts/`` (gitignored). Without Chromium the tests are skipped with a
reason, except under ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.web_fixtures import LIVE_APPS, app_config, live_login
from web import create_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


class LiveServer:
    """A threaded werkzeug server for one app, on a free loopback port."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        LIVE_APPS[self.url] = app

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        LIVE_APPS.pop(self.url, None)
        self.app.extensions["diplomap"].close()


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if in_ci():
            pytest.fail(
                "Chromium is not installed (apt-get install chromium); browser tests need it in CI"
            )
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser(chromium) -> Iterator:
    try:
        from playwright import sync_api
    except ImportError:
        if in_ci():
            pytest.fail("Playwright is not installed; browser tests need it in CI")
        pytest.skip("Playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def live_server(sample_dir) -> Iterator[LiveServer]:
    with LiveServer(create_app(app_config(sample_dir))) as server:
        yield server


@pytest.fixture(scope="session")
def xss_server(xss_dir) -> Iterator[LiveServer]:
    with LiveServer(create_app(app_config(xss_dir))) as server:
        yield server


class Watch:
    """What a page did that it should not: dialogs, errors, requests to other hosts."""

    def __init__(self, page, base: str):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        host = urlsplit(base).netloc
        page.on("dialog", self._dialog)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            url = r.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == host:
                return r.continue_()
            self.outside.append(url)
            return r.abort()

        page.route("**/*", route)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.dialogs, f"a script ran and opened a dialog: {self.dialogs}"
        assert not self.outside, f"the page asked for outside URLs: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"


def _page(browser, server: LiveServer, request, role: str | None = "viewer") -> Iterator:
    """A page of a fresh browser context, signed in as a new user of ``role`` (None: not)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.watch = Watch(page, server.url)
    if role:
        page.user = live_login(page, server.url, role)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"failed-{request.node.name}.png"), full_page=True)
    context.close()
    page.watch.check()


@pytest.fixture
def page(browser, live_server, request) -> Iterator:
    yield from _page(browser, live_server, request)


@pytest.fixture
def xss_page(browser, xss_server, request) -> Iterator:
    yield from _page(browser, xss_server, request)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def shot(page, name: str) -> Path:
    """Save a screenshot as ``test-artifacts/<name>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path

"""In Chromium: a session cookie copied before signing out is refused afterwards."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_copied_cookie_is_refused_after_sign_out(browser, live_server, page):
    page.goto("/")
    cookies = page.context.cookies()
    assert any(c["name"] == "session" for c in cookies)
    page.locator("#logout").click()  # the header's sign-out button
    page.wait_for_url("**/login")

    other = browser.new_context(base_url=live_server.url)
    other.add_cookies(cookies)
    stolen = other.new_page()
    response = stolen.goto("/")
    assert "/login" in stolen.url and response.ok  # sent to the sign-in page
    assert stolen.request.get(live_server.url + "/index.json").status == 401
    other.close()

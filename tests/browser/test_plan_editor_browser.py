"""A staffer edits the action plan in a real browser: from the plan overview to an activity,
its status set to done (and a contributor added with the search box), saved, seen on the
plan pages, then undone from the audit log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import LiveServer, _page, shot
from tests.staff_fixtures import copy_sample
from tests.web_fixtures import app_config
from web import create_app

pytestmark = pytest.mark.browser

PLAN = "plan-abb-up-2024-2029"
GOV4 = "activity-abb-up-gov4greenmed"


@pytest.fixture
def staff_server(sample_dir, tmp_path) -> Iterator[LiveServer]:
    """A live server over a private copy of the sample (the test writes to it)."""
    with LiveServer(create_app(app_config(copy_sample(sample_dir, tmp_path / "live")))) as server:
        yield server


@pytest.fixture
def editor_page(browser, staff_server, request) -> Iterator:
    yield from _page(browser, staff_server, request, role="editor")


def test_staffer_sets_an_activity_done_then_undoes_it(editor_page):
    page = editor_page
    page.set_viewport_size({"width": 1366, "height": 900})
    # 1. the overview, then the activity
    page.goto("/plan?lang=en")
    assert page.locator("#new-activity").count() == 1
    page.locator(f"table.matrix a[href='/plan/activity/{GOV4}']").click()
    page.wait_for_url(f"**/plan/activity/{GOV4}**")
    assert "in progress" in page.locator("header .badge").first.inner_text()

    # 2. its form: status done, a contributor found by name with the search box
    page.locator("#edit-record").click()
    page.wait_for_url(f"**/entity/{GOV4}/edit**")
    page.select_option("#f-status", "done")
    page.locator("#s-contributors").press_sequentially("Bucharest", delay=20)
    option = page.locator(".ac-list li[data-id='city-ro-bucharest']")
    option.wait_for()
    option.dispatch_event("mousedown")
    assert "city-ro-bucharest" in page.input_value("#f-contributors")
    page.locator("button[name=action][value=preview]").click()
    page.locator("#preview").wait_for()
    assert page.locator(".problem").count() == 0, page.locator(".problem").all_inner_texts()
    planned = page.locator("#preview").inner_text()
    assert "Bucharest" in planned, planned
    shot(page, "plan-editor-preview")
    page.locator("#save").click()

    # 3. back on the activity page (where the edit started), then on the overview
    page.wait_for_url(f"**/plan/activity/{GOV4}")
    assert page.locator("#flash button.undo").count() == 1
    assert "done" in page.locator("header .badge").first.inner_text()
    assert page.locator("a.chip", has_text="Bucharest").count() >= 1
    shot(page, "plan-editor-saved")
    page.goto(f"/plan?plan={PLAN}&lang=en")
    bar = page.locator(f"svg.gantt a[href='/plan/activity/{GOV4}'] rect")
    assert "status-done" in bar.get_attribute("class")

    # 4. undone from the audit log: the activity is as it was
    page.goto("/audit")
    newest = page.locator("li.entry").first
    assert "Gov4GreenMed" in newest.inner_text()
    newest.locator("button.undo").click()
    page.wait_for_url("**/audit**")
    page.goto(f"/plan/activity/{GOV4}?lang=en")
    assert "in progress" in page.locator("header .badge").first.inner_text()
    assert page.locator("a.chip", has_text="Bucharest").count() == 0
    shot(page, "plan-editor-undone")

"""An editor in a real browser: a new partner city and a sister-city agreement, previewed,
saved, seen on Antalya's page and in the audit log, then undone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import LiveServer, _page, shot
from tests.staff_fixtures import copy_sample
from tests.web_fixtures import app_config
from web import create_app

pytestmark = pytest.mark.browser

ANTALYA = "/entity/city-tr-antalya"


@pytest.fixture
def staff_server(sample_dir, tmp_path) -> Iterator[LiveServer]:
    """A live server over a private copy of the sample (the test writes to it)."""
    with LiveServer(create_app(app_config(copy_sample(sample_dir, tmp_path / "live")))) as server:
        yield server


@pytest.fixture
def editor_page(browser, staff_server, request) -> Iterator:
    yield from _page(browser, staff_server, request, role="editor")


def check_then_save(page, name: str) -> None:
    page.locator("button[name=action][value=preview]").click()
    page.locator("#preview").wait_for()
    assert page.locator(".problem").count() == 0, page.locator(".problem").all_inner_texts()
    page.locator("#preview").scroll_into_view_if_needed()
    shot(page, f"{name}-preview")
    page.locator("#save").click()


def test_editor_adds_a_sister_city_agreement_and_undoes_it(editor_page):
    page = editor_page
    # 1. the partner city, with its preview
    page.goto(ANTALYA)
    page.locator("#edit-entity").wait_for()
    page.goto("/new/cities?next=" + ANTALYA)
    page.fill("#f-name", "Kyoto")
    page.fill("#f-name_tr", "Kyoto")
    page.fill("#f-country", "JP")
    check_then_save(page, "editor-new-city")
    page.wait_for_url("**" + ANTALYA)
    assert "#" in page.locator("#flash").inner_text()

    # 2. the agreement, from Antalya's page (Antalya is filled in as a party)
    page.locator("a[href^='/new/agreements']").click()
    assert page.input_value("#f-parties") == "city-tr-antalya"
    page.select_option("#f-type", "sister_city")
    page.fill("#f-parties", "city-tr-antalya; city-jp-kyoto")
    page.fill("#f-signed_on", "2025")
    page.select_option("#f-status", "active")
    page.locator("button[name=action][value=preview]").click()
    page.locator("#preview").wait_for()
    planned = page.locator("#preview .change").all_inner_texts()
    assert any("Kyoto" in text for text in planned), planned
    page.locator("#preview").scroll_into_view_if_needed()
    shot(page, "editor-agreement-preview")
    page.locator("#save").click()

    # 3. on Antalya's page, with the flash naming the audit entry and offering Undo
    page.wait_for_url("**" + ANTALYA)
    flash = page.locator("#flash")
    assert flash.locator("button.undo").count() == 1
    assert page.locator("table.timeline a", has_text="Kyoto").count() >= 1
    shot(page, "editor-saved-on-antalya")

    # 4. in the audit log
    page.goto("/audit")
    newest = page.locator("li.entry").first
    assert "Kyoto" in newest.inner_text() and page.locator("li.entry").count() == 2
    newest.locator("details summary").click()
    shot(page, "editor-audit-log")

    # 5. undo it there, and it is gone from Antalya's page
    newest.locator("button.undo").click()
    page.wait_for_url("**/audit**")
    assert "#" in page.locator("#flash").inner_text()
    assert page.locator("li.entry").count() == 3
    page.goto(ANTALYA)
    assert page.locator("table.timeline a", has_text="Kyoto").count() == 0
    shot(page, "editor-undone")
    page.goto(ANTALYA + "/history")
    shot(page, "editor-history")


def test_editor_imports_a_csv_after_reading_its_report(editor_page):
    page = editor_page
    page.goto("/import")
    bad = "id,name,country,lat\ncity-jp-kyoto,Kyoto,JP,35.01\ncity-xx-nowhere,Nowhere,Atlantis,north\n"
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "cities.csv", "mimeType": "text/csv", "buffer": bad.encode()}],
    )
    page.locator("#check-upload").click()
    assert "cities.csv:3" in page.locator("table.errors").inner_text()
    assert page.locator("#confirm-import").count() == 0
    shot(page, "editor-import-errors")
    # The refused file is answered with 400, which Chromium logs; that one error is expected.
    expected = [e for e in page.watch.errors if "status of 400" in e]
    assert len(expected) == 1
    page.watch.errors.remove(expected[0])
    good = "id,name,country\ncity-jp-kyoto,Kyoto,JP\ncity-fr-nice,Nice,FR\n"
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "cities.csv", "mimeType": "text/csv", "buffer": good.encode()}],
    )
    page.locator("#check-upload").click()
    page.locator("#confirm-import").wait_for()
    shot(page, "editor-import-report")
    page.locator("#confirm-import").click()
    page.locator("#import-entry").click()
    assert "cities.csv" in page.locator("section.entry").inner_text()
    shot(page, "editor-import-audit-entry")

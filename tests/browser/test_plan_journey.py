"""Issue 13's "done when", in a real browser: a planner imports a plan workbook, sees the
overview, finds an activity without a partner and its candidates, and downloads the
monitoring report in Turkish, all from the web app.

The store starts with the Antalya sample *without* its plan; the workbook is made from the
sample's plan sheets (``data/antalya/plan*.csv``, ``indicator_measurements.csv``).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from graph.stores.embedded import EmbeddedStore
from importers.pipeline import import_path
from tests.browser.conftest import LiveServer, _page, shot
from tests.conftest import SAMPLE
from tests.web_fixtures import app_config
from web import create_app

pytestmark = pytest.mark.browser

PLAN_SHEETS = ("plans", "plan_stages", "plan_activities", "plan_indicators")
MEASUREMENTS = "indicator_measurements"


def plan_workbook() -> bytes:
    """The sample's plan sheets as one XLSX workbook, a sheet per CSV file."""
    book = Workbook()
    book.remove(book.active)
    for name in (*PLAN_SHEETS, MEASUREMENTS):
        sheet = book.create_sheet(name)
        with (SAMPLE / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def planner_server(tmp_path) -> Iterator[LiveServer]:
    """A live server over the sample without its plan."""
    source = tmp_path / "sample"
    shutil.copytree(SAMPLE, source)
    for name in (*PLAN_SHEETS, MEASUREMENTS):
        (source / f"{name}.csv").unlink()
    data = tmp_path / "data"
    data.mkdir()
    with EmbeddedStore(data / "graph.sqlite") as store:
        import_path(store, source)
    with LiveServer(create_app(app_config(data))) as server:
        yield server


@pytest.fixture
def planner(browser, planner_server, request) -> Iterator:
    yield from _page(browser, planner_server, request, role="editor")


def test_planner_imports_a_plan_finds_who_could_help_and_downloads_the_report(planner):
    page = planner
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/plan?lang=tr")
    assert "Plan aşamaları" in page.locator("main").inner_text()  # what to import
    assert page.locator("ol.stages > li").count() == 0

    # 1. import the plan workbook, read its report, confirm
    page.goto("/import?lang=tr")
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "eylem-plani.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": plan_workbook(),
            }
        ],
    )
    page.locator("#check-upload").click()
    page.locator("#confirm-import").wait_for()
    shot(page, "journey-import-report-tr")
    page.locator("#confirm-import").click()
    page.locator("#import-done").wait_for()

    # 2. the overview: six stages, and who could help the activities without a partner
    page.goto("/plan?lang=tr")
    assert page.locator("ol.stages > li").count() == 6
    needs = page.locator("#needs article.need[data-kind=activity]")
    assert needs.count() >= 1
    secap = page.locator("#needs article.need[data-id=activity-abb-up-secap]")
    secap.scroll_into_view_if_needed()
    assert secap.locator("ol.need-candidates li").count() >= 1
    shot(page, "journey-needs-tr")

    # 3. the activity: no partner yet, its candidates with their reasons
    secap.locator("h3 a").click()
    page.wait_for_url("**/plan/activity/activity-abb-up-secap*")
    help_ = page.locator("#help")
    assert "Henüz ortak yok" in help_.locator("h2").inner_text()
    first = help_.locator("ol.need-candidates li").first
    assert first.locator("a").inner_text() and first.locator(".muted").last.inner_text()
    shot(page, "journey-activity-tr")

    # 4. the monitoring report in Turkish, downloaded as DOCX and PDF
    page.goto("/reports?lang=tr")
    page.locator("input[name=kind][value=monitoring]").check()
    page.locator("#report-lang").select_option("tr")
    page.locator("#report-form button[type=submit]").click()
    page.wait_for_url("**/reports?*")
    assert page.locator("#report-preview h1").inner_text() == "İzleme raporu"
    assert "Sürdürülebilir Enerji" in page.locator("#report-preview").inner_text()
    with page.expect_download() as docx:
        page.locator("#download-docx").click()
    doc = Document(io.BytesIO(Path(docx.value.path()).read_bytes()))
    assert any(p.text == "İzleme raporu" for p in doc.paragraphs)
    with page.expect_download() as pdf:
        page.locator("#download-pdf").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")

"""The reports page in a real browser: a staffer opens it from the Tools menu, chooses the
monitoring report in Turkish for a period, reads it, and downloads the PDF and the DOCX."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from docx import Document

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser]

#: Where the screenshots for the reviewer go as well (``DIPLOMAP_SHOTS``), besides test-artifacts.
SHOTS = os.environ.get("DIPLOMAP_SHOTS")


def _keep(page, name: str) -> None:
    shot(page, name)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1366, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_staffer_chooses_reads_and_downloads_the_monitoring_report(page):
    page.goto("/?lang=tr")
    page.locator(".mainnav details:has(a[href='/reports']) summary").click()
    page.locator(".mainnav a[href='/reports']").click()
    page.wait_for_url("**/reports")
    page.locator("input[name=kind][value=monitoring]").check()
    page.locator("#report-lang").select_option("tr")
    page.locator("input[name=from]").fill("2025-01-01")
    page.locator("input[name=to]").fill("2025-12-31")
    page.locator("#report-form button[type=submit]").click()
    page.wait_for_url("**/reports?*")
    preview = page.locator("#report-preview")
    assert preview.locator("h1").inner_text() == "İzleme raporu"
    assert preview.locator("figure svg").count() >= 1
    assert "Tablo 1: Faaliyetler ve zaman çizelgesi" in preview.inner_text()
    _keep(page, "reports-tr")
    with page.expect_download() as pdf:
        page.locator("#download-pdf").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as docx:
        page.locator("#download-docx").click()
    assert docx.value.suggested_filename.endswith(".docx")
    doc = Document(io.BytesIO(Path(docx.value.path()).read_bytes()))
    assert doc.paragraphs and any(p.text == "İzleme raporu" for p in doc.paragraphs)


def test_the_page_reads_in_english_with_the_situation_analysis(page):
    page.goto("/reports?lang=en&kind=situation&report_lang=en")
    assert page.locator("h1").first.inner_text() == "Reports"
    assert page.locator("#report-preview h1").inner_text() == "Situation analysis"
    _keep(page, "reports-en")


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_overview_shows_the_plan_cards(page, lang):
    page.goto(f"/?lang={lang}")
    cards = page.locator("#plan-cards .stat")
    assert cards.count() == 4
    late = page.locator("#plan-cards .stat[data-key=late]")
    assert late.locator(".value").inner_text() != "0"
    page.locator("#plan-cards").scroll_into_view_if_needed()
    _keep(page, f"overview-plan-{lang}")

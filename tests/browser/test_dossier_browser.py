"""The partner dossier in a real browser: opened from an entity page, in both languages, its PDF
downloaded, and script-injection payloads as names inert."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot
from tests.browser.test_xss import assert_inert

pytestmark = pytest.mark.browser


def test_the_dossier_opens_from_the_entity_page_and_downloads_as_pdf(page, tmp_path):
    page.goto("/entity/city-de-nuremberg")
    page.locator("#open-dossier").click()
    page.wait_for_url("**/dossier/city-de-nuremberg")
    assert page.locator("#dossier-name").inner_text() == "Nürnberg"
    assert page.locator("#agreements tbody tr").count() == 1
    assert "1997" in page.locator("#agreements tbody tr").inner_text()
    assert page.locator("#references li").count() >= 1
    shot(page, "dossier-tr")
    with page.expect_download() as info:
        page.locator("#dossier-pdf").click()
    download = info.value
    assert download.suggested_filename == "dossier-city-de-nuremberg-tr.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5_000


def test_the_dossier_switches_to_english(page):
    page.goto("/dossier/city-de-nuremberg")
    page.locator(".langswitch a[data-lang=en]").click()
    page.wait_for_url("**lang=en**")
    assert page.locator("#dossier-name").inner_text() == "Nuremberg"
    assert page.locator("#agreements h2").inner_text() == "Our agreements"
    assert page.locator("#dossier-pdf").inner_text() == "Download PDF"
    shot(page, "dossier-en")


def test_payloads_are_text_in_the_dossier(xss_page, xss_payloads):
    for i, payload in enumerate(xss_payloads):
        xss_page.goto(f"/dossier/city-de-payload-{i}")
        assert xss_page.locator("#dossier-name").inner_text() == payload
        assert_inert(xss_page)
    shot(xss_page, "xss-dossier")

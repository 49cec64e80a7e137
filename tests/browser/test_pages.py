"""Every page in a real browser: it works, looks right, speaks both languages, stays offline."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def ready(page) -> None:
    page.locator("[data-ready='1']").first.wait_for(state="attached")


def test_overview_shows_recorded_beside_official_counts(page):
    page.goto("/")
    sister = page.locator(".stat[data-key=sister_cities]")
    assert "12" in sister.locator(".official").inner_text()
    shot(page, "overview")


def test_entity_page_lists_ties_agreements_and_sources(page):
    page.goto("/entity/city-de-nuremberg")
    assert page.locator("#entity-name").inner_text() == "Nürnberg"
    assert page.locator("table.timeline tbody tr").count() >= 1
    link = page.locator("ol.references a").first
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("href").startswith("https://")
    shot(page, "entity")


def test_entity_summary_draws_its_map_offline_and_sections_fold(page):
    page.goto("/entity/city-tr-antalya")
    summary = page.locator("#summary")
    assert summary.locator(".top-ties li").count() >= 3
    page.locator("#entity-map[data-ready='1']").wait_for(state="attached")
    assert page.locator("#summary .warning").count() == 0  # the country shapes loaded
    assert page.locator("#entity-map .leaflet-overlay-pane path").count() > 100
    assert page.locator("#entity-map path.leaflet-interactive").count() >= 10  # partners
    box = page.locator("#entity-map").bounding_box()
    assert box["height"] > 200 and box["y"] < 900  # on the first screen at 1366x900
    agreements = page.locator("#sec-agreements")
    assert agreements.get_attribute("open") is not None
    assert agreements.locator("tbody tr").count() == 10
    agreements.locator("a.show-all").click()
    page.wait_for_url("**all=agreements*")
    assert page.locator("#sec-agreements tbody tr").count() == int(
        page.locator("#sec-agreements").get_attribute("data-total")
    )
    folded = page.locator("#sec-located-here")
    assert folded.get_attribute("open") is None and not folded.locator("table").is_visible()
    folded.locator("summary").click()
    assert folded.locator("table").is_visible()
    shot(page, "entity-summary")


def test_running_a_suggestion_ranks_candidates(page):
    page.goto("/synergy")
    page.locator("input[name=kind][value=City]").check()
    page.get_by_role("button", name="Öner").click()
    page.wait_for_url("**/synergy?*kind=City*")
    cards = page.locator("#suggestions li.suggestion")
    assert cards.count() >= 1
    first = cards.first
    assert first.locator(".headline").count() == 1  # one headline reason per candidate
    assert "/100" in first.locator(".fit-number").inner_text()
    assert first.locator("svg.fit-bar rect").count() >= 2  # the score's parts as a bar
    evidence = first.locator(".parts-table tbody tr")
    assert not evidence.first.is_visible()  # folded until asked for
    first.locator("details.why summary").click()
    assert evidence.first.is_visible() and evidence.count() >= 1
    shot(page, "synergy")


def test_path_finder_tells_and_draws_the_connection(page):
    page.goto("/path")
    for field, text in (("a", "Nürnberg"), ("b", "austin")):
        page.locator(f"input[name={field}_q]").fill(text)
        page.locator(f".picker:has(input[name={field}_q]) .ac-list li[role=option]").first.click()
    page.get_by_role("button", name="Yolları bul").click()
    page.wait_for_url("**/path?*")
    ready(page)
    assert page.locator("#path-list > li").count() >= 1
    assert "Austin" in page.locator("#path-list .sentence").first.inner_text()
    shot(page, "path")


def test_map_draws_partners_offline(page):
    page.goto("/map")
    ready(page)
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country shapes and arcs
    markers = page.locator("path.leaflet-interactive")
    assert markers.count() >= 10
    shot(page, "map")


def test_language_switch_changes_the_page_and_sticks(page):
    page.goto("/explore")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator(".mainnav").inner_text().startswith("Genel bakış")
    page.locator(".langswitch a[data-lang=en]").click()
    page.wait_for_url("**lang=en*")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Overview" in page.locator(".mainnav").inner_text()
    page.goto("/entity/city-de-nuremberg")  # no ?lang: the session remembers
    assert page.locator("#entity-name").inner_text() == "Nuremberg"
    shot(page, "entity-en")

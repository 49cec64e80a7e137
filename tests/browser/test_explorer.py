"""The network explorer in a real browser: draw, search, click, expand, switch language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def wait_ready(page) -> None:
    page.locator("[data-ready='1']").first.wait_for(state="attached")


def test_explorer_draws_the_home_network(page):
    page.goto("/explore")
    wait_ready(page)
    drawn = page.evaluate("window.diplomapExplorer.nodes.length")
    data = page.request.get("/explore.json").json()
    assert drawn == data["shown"] > 10
    assert str(data["shown"]) in page.locator("#view-count").inner_text()
    shot(page, "explorer")


def test_search_finds_a_city_with_turkish_folding(page):
    page.goto("/explore")
    box = page.locator("#quicksearch")
    box.fill("NURNBERG")
    option = page.locator(".ac-list li[role=option]").first
    option.wait_for()
    assert "Nürnberg" in option.inner_text()
    box.press("Enter")
    page.wait_for_url("**/entity/city-de-nuremberg")
    assert page.locator("#entity-name").inner_text() == "Nürnberg"


def test_clicking_a_node_shows_details_and_expanding_adds_neighbours(page):
    page.goto("/explore?focus=city-tr-antalya&depth=1&kind=City,Network,Agreement")
    wait_ready(page)
    before = page.evaluate("window.diplomapExplorer.nodes.length")
    # click the drawn node of the Nuremberg agreement where vis-network placed it
    target = "agreement-sister-city-nuremberg"
    point = page.evaluate(
        """id => { const n = window.diplomapExplorer.network;
                   const p = n.canvasToDOM(n.getPositions([id])[id]);
                   const r = document.getElementById('network').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }""",
        target,
    )
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#details")
    panel.locator("h2").wait_for()
    assert "Nuremberg" in panel.locator("h2").inner_text()
    panel.locator(".tie-list").wait_for()
    panel.locator("button[data-action=expand]").click()
    page.wait_for_function(f"() => window.diplomapExplorer.nodes.length > {before}")
    assert page.evaluate("window.diplomapExplorer.nodes.get('city-de-nuremberg') !== null")
    shot(page, "explorer-expanded")


def test_vis_network_styles_apply_under_the_csp(page):
    page.goto("/explore")
    wait_ready(page)
    rules = page.evaluate("""() => [...document.querySelectorAll('style')]
                                .map(s => s.sheet ? s.sheet.cssRules.length : -1)""")
    assert len(rules) == 7 and min(rules) > 0  # every stylesheet vis-network injects is applied

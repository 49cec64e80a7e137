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
    page.goto("/explore?focus=city-tr-antalya&depth=1&kind=City,Network,Agreement&agreements=nodes")
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


def wait_labelled(page) -> None:
    page.locator("[data-labelled='1']").first.wait_for(state="attached")


def twin_ids(page) -> list[str]:
    """The node ids the JSON twin of the page's current address returns."""
    query = page.evaluate("window.location.search")
    data = page.request.get("/explore.json" + query).json()
    return sorted(n["id"] for n in data["graph"]["nodes"])


def test_explorer_defaults_read_at_first_sight(page):
    page.goto("/explore")
    wait_ready(page)
    wait_labelled(page)
    kinds = set(page.evaluate("window.diplomapExplorer.nodes.get().map(n => n.kind)"))
    assert kinds and not kinds & {"Agreement", "Event", "Theme", "Country"}
    types = set(page.evaluate("window.diplomapExplorer.edges.get().map(e => e.type)"))
    assert "AGREEMENT" in types  # agreements drawn as links between their parties
    boxes = page.evaluate(
        "Diplomap.labelBoxes(window.diplomapExplorer.network, window.diplomapExplorer.nodes)"
    )
    assert len(boxes) >= 10  # the important ones are named
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a["x1"] < b["x2"] - 1 and b["x1"] < a["x2"] - 1
            assert not (overlap and a["y1"] < b["y2"] - 1 and b["y1"] < a["y2"] - 1), (a, b)
    counts = page.locator("#legend-kind li:not([hidden]) .count").all_inner_texts()
    shown = page.evaluate("window.diplomapExplorer.visibleIds().length")
    assert sum(int(c.replace(".", "").replace(",", "")) for c in counts) == shown
    assert "PageRank" in page.locator("#size-note").inner_text()


def test_the_time_slider_replays_growth_and_the_address_keeps_it(page):
    page.goto("/explore")
    wait_ready(page)
    meta = page.evaluate("JSON.parse(document.getElementById('explore-meta').textContent)")
    first, last = meta["years"]["first"], meta["years"]["last"]
    year = first + (last - first) // 2
    everything = page.evaluate("window.diplomapExplorer.visibleIds().length")
    page.evaluate(
        """year => { const s = document.getElementById('until'); s.value = String(year);
                     s.dispatchEvent(new Event('input')); }""",
        year,
    )
    assert f"until={year}" in page.url
    assert page.locator("#until-label").inner_text() == str(year)
    drawn = page.evaluate("window.diplomapExplorer.visibleIds()")
    assert 0 < len(drawn) < everything
    assert drawn == twin_ids(page)  # the JSON twin returns exactly what is drawn
    legend = page.locator("#legend-kind li:not([hidden]) .count").all_inner_texts()
    assert sum(int(c.replace(".", "")) for c in legend) == len(drawn)
    shot(page, "explorer-until")


def test_a_shared_view_address_opens_the_same_view(page):
    page.goto("/explore?focus=city-tr-antalya&depth=1")
    wait_ready(page)
    page.evaluate("window.diplomapExplorer.expand('city-de-nuremberg')")
    page.wait_for_function("() => window.location.search.includes('expand=city-de-nuremberg')")
    page.select_option("#colour-by", "community")
    assert "colour=community" in page.url
    shared = page.url
    drawn = page.evaluate("window.diplomapExplorer.visibleIds()")
    other = page.context.new_page()
    other.goto(shared)
    wait_ready(other)
    assert other.evaluate("window.diplomapExplorer.visibleIds()") == drawn == twin_ids(other)
    assert other.locator("#legend-community").is_visible()
    assert not other.locator("#legend-kind").is_visible()
    other.close()

"""Script-injection payloads as names, aliases, notes and sources stay inert text in a real browser.

The payloads are ``tests/data/xss_payloads.txt``; the graph is built by
``tests.web_fixtures.xss_graph``. Every page is watched for dialogs, console errors
and outside requests (conftest), and must contain no element a payload could have
created (an inline script, an image with an error handler, an iframe...).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

INJECTED = (
    "script:not([src]):not([type='application/json']), img[src='x'], img[src='1'], iframe, "
    "svg[onload], [onerror], [onmouseover], a[href^='javascript'], style:not([data-vis])"
)


def assert_inert(page) -> None:
    found = page.evaluate(f"""() => [...document.querySelectorAll("{INJECTED}")]
        .filter(e => !(e.tagName === 'STYLE' && e.sheet && e.sheet.cssRules.length
                       && [...e.sheet.cssRules].every(r => (r.selectorText || '').includes('vis'))))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert found == []


def node_point(page, node_id: str) -> dict:
    return page.evaluate(
        """id => { const n = window.diplomapExplorer.network;
                   n.focus(id, {scale: 1.2});
                   const p = n.canvasToDOM(n.getPositions([id])[id]);
                   const r = document.getElementById('network').getBoundingClientRect();
                   return {x: r.left + p.x, y: r.top + p.y}; }""",
        node_id,
    )


def test_payloads_are_text_on_entity_pages(xss_page, xss_payloads):
    for i, payload in enumerate(xss_payloads):
        xss_page.goto(f"/entity/city-de-payload-{i}")
        assert xss_page.locator("#entity-name").inner_text() == payload
        assert payload in xss_page.locator(".aliases").inner_text()
        assert_inert(xss_page)
    shot(xss_page, "xss-entity")


def test_payloads_are_text_in_the_explorer_tooltip_and_side_panel(xss_page, xss_payloads):
    xss_page.goto("/explore?focus=city-tr-antalya&depth=1&kind=City,Agreement&collapse=1")
    xss_page.locator("[data-ready='1']").wait_for(state="attached")
    for i in (0, 1, 3, 5):
        node_point(xss_page, f"city-de-payload-{i}")
        xss_page.wait_for_timeout(600)  # the focus animation
        point = node_point(xss_page, f"city-de-payload-{i}")
        xss_page.mouse.move(point["x"], point["y"])
        tooltip = xss_page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible")
        assert tooltip.inner_text().splitlines()[0] == xss_payloads[i]
        # text only: innerText turns newlines into <br>, and nothing else is parsed
        assert tooltip.evaluate("e => [...e.children].every(c => c.tagName === 'BR')")
        xss_page.mouse.click(point["x"], point["y"])
        heading = xss_page.locator("#details h2")
        heading.wait_for()
        assert heading.inner_text() == xss_payloads[i]
        assert_inert(xss_page)
    shot(xss_page, "xss-explorer")


def test_payloads_are_text_in_the_synergy_table(xss_page, xss_payloads):
    xss_page.goto("/synergy?kind=Network&kind=Organization&limit=100")
    table = xss_page.locator("#suggestions").inner_text()
    shown = [p for p in xss_payloads if p in table]
    assert len(shown) == len(xss_payloads)
    assert_inert(xss_page)


def test_payloads_are_text_in_map_popups(xss_page, xss_payloads):
    xss_page.goto("/map")
    xss_page.locator("[data-ready='1']").wait_for(state="attached")
    markers = xss_page.locator("path.leaflet-interactive")
    seen = set()
    for k in range(markers.count()):
        markers.nth(k).dispatch_event("click")  # markers overlap: click each one itself
        title = xss_page.locator(".leaflet-popup-content h3").last
        title.wait_for()
        seen.add(title.inner_text())
    assert set(xss_payloads) <= seen
    assert_inert(xss_page)
    shot(xss_page, "xss-map")

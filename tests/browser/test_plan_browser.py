"""The plan pages in a real browser: a planner walks from the overview to a late activity
and to an indicator, in Turkish and in English, with nothing but the app's own assets."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser

AS_OF = "2026-12-04"


@pytest.mark.parametrize(
    ("lang", "late_word", "table_head"),
    [("tr", "gecikmiş", "Ölçülen"), ("en", "late", "Measured")],
    ids=["tr", "en"],
)
def test_planner_walks_from_the_overview_to_a_late_activity_and_an_indicator(
    page, lang, late_word, table_head
):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/plan?as_of={AS_OF}&lang={lang}")
    assert page.locator("ol.stages > li").count() == 6
    assert page.locator("svg.gantt rect.gbar.late").count() == 1
    assert page.locator("svg.ind-chart").count() == 4
    # Every chart has its table beside it, with the same years.
    first = page.locator("article.indicator").first
    assert first.locator("table tbody tr").count() == first.locator("svg text.year").count() == 6
    shot(page, f"plan-overview-{lang}")

    page.locator("#late-head + ul a").first.click()
    page.wait_for_url("**/plan/activity/activity-abb-up-green-future-cities*")
    assert late_word in page.locator("header .late-badge").inner_text()
    assert page.locator("ul.sources a").first.get_attribute("href").startswith("https://")
    shot(page, f"plan-activity-{lang}")

    page.go_back()
    page.locator("article.indicator h3 a").first.click()
    page.wait_for_url("**/plan/indicator/*")
    assert page.locator("svg.ind-chart rect.ibar").count() >= 1
    assert table_head in page.locator("table.compact thead").first.text_content()
    shot(page, f"plan-indicator-{lang}")

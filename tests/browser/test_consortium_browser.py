"""Consortia for a call in a real browser: a planner opens the page from the Tools menu, picks
a theme and a programme, and reads the consortia with their rule checks and source."""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "menu", "entry", "checks", "source"),
    [
        ("tr", "Araçlar", "Konsorsiyumlar", "Kural denetimleri", "Kuralların kaynağı:"),
        ("en", "Tools", "Consortia", "Rule checks", "Source of the rules:"),
    ],
    ids=["tr", "en"],
)
def test_planner_picks_a_theme_and_a_programme_and_sees_consortia(
    page, lang, menu, entry, checks, source
):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/synergy?lang={lang}")
    page.locator("nav.mainnav summary", has_text=menu).click()
    page.locator("nav.mainnav .navmenu-items a", has_text=entry).click()
    page.wait_for_url("**/consortium*")
    assert page.locator("#consortia").count() == 0  # nothing asked yet: only the form

    page.select_option("select[name=theme]", "theme-waste-circular-economy")
    page.select_option("select[name=programme]", "interreg-next-med")
    page.select_option("select[name=size]", "4")
    page.locator("form.consortium-form button[type=submit]").click()
    page.wait_for_url("**/consortium?*programme=interreg-next-med*")

    cards = page.locator("article.consortium-card")
    assert cards.count() >= 2
    first = cards.first
    assert first.locator("table.partners tbody tr").count() == 4
    assert first.locator("ul.checks li.ok").count() == first.locator("ul.checks li").count() >= 5
    assert checks in first.inner_text()
    assert first.locator("ul.strengths li").count() >= 1
    assert "Gov4GreenMed" in first.locator("table.partners").inner_text()
    assert source in page.locator("#rules").inner_text()
    assert page.locator("#rules a").get_attribute("href") == "https://www.interregnextmed.eu/"
    shot(page, f"consortium-{lang}")


def test_the_synergy_page_links_to_consortia_for_its_theme(page):
    page.goto("/synergy?theme=theme-tourism&lang=en")
    page.locator("#to-consortium").click()
    page.wait_for_url("**/consortium?theme=theme-tourism*")
    assert page.locator("select[name=theme]").input_value() == "theme-tourism"

"""The Cypher console in a real browser, on the real Neo4j: an analyst signs in, runs a saved
query, sees the table and the drawing, and switches the language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import LiveServer, _page, shot
from tests.web_fixtures import app_config, fill, mini_graph
from web import create_app

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]


@pytest.fixture
def neo4j_server(tmp_path, neo4j_store, neo4j_test_database) -> Iterator[LiveServer]:
    neo4j_store.apply(mini_graph())
    keys = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
    config = app_config(
        fill(tmp_path), DIPLOMAP_BACKEND="neo4j", **{k: neo4j_test_database[k] for k in keys}
    )
    with LiveServer(create_app(config)) as server:
        yield server


@pytest.fixture
def analyst_page(browser, neo4j_server, request) -> Iterator:
    yield from _page(browser, neo4j_server, request, role="analyst")


def test_analyst_runs_a_saved_query_and_sees_table_and_graph(analyst_page):
    page = analyst_page
    assert page.locator("#signed-in-as").inner_text() == page.user.username
    page.locator(".mainnav details:has(a[href='/console']) summary").click()  # the Tools menu
    page.locator(".mainnav a[href='/console']").click()
    page.wait_for_url("**/console")
    page.locator("#saved-name").select_option("ego_network")
    params = page.locator("fieldset[data-query=ego_network]")
    assert (
        params.is_visible()
        and not page.locator("fieldset[data-query=network_members]").is_visible()
    )
    params.locator("input[name=p_entity]").fill("city-tr-antalya")
    params.locator("input[name=p_hops]").fill("1")
    page.locator("#run-saved").click()
    page.wait_for_url("**/console?name=ego_network*")
    rows = page.locator("#result-table tbody tr")
    assert rows.count() >= 4
    page.locator("#network[data-ready='1']").wait_for(state="attached")
    assert page.evaluate("document.querySelectorAll('#network canvas').length") >= 1
    assert (
        page.locator("#download-csv")
        .get_attribute("href")
        .startswith("/console.csv?name=ego_network")
    )
    shot(page, "console")
    assert page.locator("h1").inner_text() == "Cypher konsolu"
    page.locator(".langswitch a[data-lang=en]").click()
    page.wait_for_url("**lang=en*")
    assert page.locator("h1").inner_text() == "Cypher console"
    assert (
        page.locator("#result-table tbody tr").count() == rows.count()
    )  # the same query, shared URL
    shot(page, "console-en")


def test_refused_query_is_shown_as_a_message(analyst_page):
    page = analyst_page
    response = page.goto("/console?q=" + "CREATE (:City {id: 'x'}) RETURN 1")
    assert response.status == 400
    assert page.locator("#console-error").is_visible()
    page.watch.errors.clear()  # the browser logs the 400 of the page itself

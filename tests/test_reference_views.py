"""The public reference layer in the pages: kept apart from the department's own records.

The explorer hides it unless asked (``reference=1``), and the overview counts our records,
with what the public data adds beside them (issue 14 part 1, seen from issue 12's pages).
"""

from __future__ import annotations

import pytest

from graph.reference.layer import ReferencePack, load_reference
from graph.reference.pack import PackCity

NEWTOWN = "city-fr-newtownpayload"


@pytest.fixture
def reference_app(tmp_path):
    """The sample, plus a tiny reference layer: Nuremberg (ours, resolved) twinned with a
    city the department never recorded."""
    from graph.stores.embedded import EmbeddedStore
    from tests.web_fixtures import access_of, app_config, fill
    from web import create_app

    fill(tmp_path, sample=True)
    pack = ReferencePack(
        "test",
        [],
        [
            PackCity("city-de-nuremberg", "Nuremberg", "DE", 49.45, 11.08, None, ()),
            PackCity(NEWTOWN, "Newtown Payload", "FR", 45.0, 3.0, None, ()),
            PackCity("city-tr-antalya", "Antalya", "TR", 36.9, 30.7, None, ()),
        ],
        [(0, 1, ("wikidata",)), (2, 1, ("twin-towns",))],
    )
    with EmbeddedStore(tmp_path / "graph.sqlite") as store:
        report = load_reference(store, pack)
    assert report.created["City"] == 1
    app = create_app(app_config(tmp_path))
    yield app
    access_of(app).close()


@pytest.fixture
def viewer(reference_app):
    from tests.web_fixtures import signed_in

    return signed_in(reference_app.test_client(), "viewer")


def ids(data) -> set[str]:
    return {n["id"] for n in data["graph"]["nodes"]}


def test_the_explorer_shows_our_records_unless_asked_for_public_data(viewer):
    ours = viewer.get("/explore.json?depth=2").get_json()
    both = viewer.get("/explore.json?depth=2&reference=1").get_json()
    assert NEWTOWN not in ids(ours) and NEWTOWN in ids(both)
    assert ours["view"]["reference"] is False and both["view"]["reference"] is True
    assert ids(ours) < ids(both)
    page = viewer.get("/explore?lang=tr").get_data(as_text=True)
    assert 'name="reference"' in page and "Kamuya açık kardeşlik verilerini göster" in page


def test_the_overview_counts_our_records_and_names_the_public_ones_apart(viewer):
    data = viewer.get("/index.json").get_json()
    cities = next(c for c in data["counts"] if c["kind"] == "City")
    agreements = next(c for c in data["counts"] if c["kind"] == "Agreement")
    assert cities["reference"] == 1 and agreements["reference"] == 2
    sisters = next(t for t in data["home_ties"] if t["key"] == "sister_cities")
    # Antalya – Newtown is a public twinning, not one of the department's agreements
    assert "unknown" not in sisters["statuses"] and sisters["recorded"] == 19
    assert data["relations_reference"] >= 2
    page = viewer.get("/?lang=tr").get_data(as_text=True)
    assert "kamuya açık kayıt" in page


def test_the_map_leaves_public_twinnings_out_unless_asked(viewer):
    ours = viewer.get("/map.json").get_json()
    both = viewer.get("/map.json?reference=1").get_json()
    placed = {p["id"] for p in ours["points"]}
    assert NEWTOWN not in placed and NEWTOWN in {p["id"] for p in both["points"]}


def test_the_questions_answer_from_our_records_unless_asked_for_public_data(viewer):
    def seven(query: str) -> set[str]:
        data = viewer.get(f"/questions.json?programme=eu{query}").get_json()
        q7 = next(q for q in data["questions"] if q["number"] == 7)
        return {row[0]["id"] for row in q7["rows"]}

    ours, both = seven(""), seven("&reference=1")
    assert NEWTOWN not in ours and NEWTOWN in both and ours < both
    csv = viewer.get("/questions.csv?q=7&programme=eu").get_data(as_text=True)
    assert "Newtown" not in csv
    page = viewer.get("/questions?lang=tr").get_data(as_text=True)
    assert "Kamuya açık kardeşlik verilerini göster" in page
    assert "Yanıtlar yalnızca kendi kayıtlarımızdan." in page


def test_a_public_city_is_suggested_as_the_sister_city_of_our_sister_city(tmp_path):
    """Issue 14: the demo suggests cities the department never recorded, with readable
    evidence and the source named, in both languages."""
    from graph.stores.embedded import EmbeddedStore
    from tests.web_fixtures import access_of, app_config, fill, signed_in
    from web import create_app

    fill(tmp_path, sample=True)
    pack = ReferencePack(
        "test",
        [],
        [
            PackCity("city-de-nuremberg", "Nuremberg", "DE", 49.45, 11.08, None, ()),
            PackCity(NEWTOWN, "Newtown Payload", "FR", 45.0, 3.0, None, ()),
        ],
        [(0, 1, ("wikidata",))],
    )
    with EmbeddedStore(tmp_path / "graph.sqlite") as store:
        load_reference(store, pack)
    app = create_app(app_config(tmp_path))
    try:
        viewer = signed_in(app.test_client(), "viewer")
        found = viewer.get("/synergy.json?kind=City&limit=50").get_json()
        rows = {r["id"]: r for r in found["results"]}
        newtown = rows[NEWTOWN]
        assert newtown["reference"] is True
        assert "Wikidata" in newtown["source"]
        assert "Sister city of our sister city Nuremberg" in newtown["reasons"]["en"]
        assert "Kardeş şehrimizin kardeş şehri: Nürnberg" in newtown["reasons"]["tr"]
        assert all(r["source"] for r in found["results"])  # every suggestion names its source
        html = viewer.get("/synergy?kind=City&limit=50&lang=tr").get_data(as_text=True)
        assert "Kardeş şehrimizin kardeş şehri: Nürnberg" in html
        assert "Kayıtlarımız" in html and "Kaynaklar" in html
    finally:
        access_of(app).close()

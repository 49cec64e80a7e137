"""The entity page reads from the top: summary, folding sections paged by type, sources once."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

ANTALYA = "/entity/city-tr-antalya"


class VisibleText(HTMLParser):
    """The text a reader sees: no attributes, no scripts or JSON islands."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "".join(parser.parts)


def test_antalya_page_shows_no_internal_path_and_each_source_once(viewer_client):
    html = viewer_client.get(ANTALYA).get_data(as_text=True)
    twin = viewer_client.get(f"{ANTALYA}.json").get_data(as_text=True)
    assert "local copy" not in html.lower() and "local copy" not in twin.lower()
    assert "research/datasets" not in html and "research/datasets" not in twin
    refs = viewer_client.get(f"{ANTALYA}.json").get_json()["references"]
    assert [r["number"] for r in refs] == list(range(1, len(refs) + 1))
    assert len({r["text"] for r in refs}) == len(refs)
    text = visible(html)
    for r in refs:
        shown = r["host"] + r["rest"] if r["url"] else r["text"]
        assert text.count(shown) == 1, shown
        assert html.count(f'id="ref-{r["number"]}"') == 1
    # the data set behind five memberships is cited once, and each membership points to it
    etmun = next(r for r in refs if "Chap3_LocationalAnalysis" in r["text"])
    assert etmun["url"] == "https://github.com/pgourdongeo/Chap3_LocationalAnalysis"
    assert html.count(f'href="#ref-{etmun["number"]}"') >= 5


def test_sections_are_grouped_by_tie_type_and_paged(viewer_client):
    data = viewer_client.get(f"{ANTALYA}.json").get_json()
    sections = {s["key"]: s for s in data["sections"]}
    assert list(sections)[:4] == ["agreements", "memberships", "projects", "events"]
    assert sum(s["total"] for s in sections.values()) == data["ties_total"]
    for s in sections.values():
        assert len({(r["type"], r["outgoing"]) for r in s["rows"]}) == 1
        assert len(s["rows"]) == s["total"]  # the twin is complete, whatever the page shows
    statuses = [r["status"] for r in sections["agreements"]["rows"]]
    assert statuses.index("active") < statuses.index("dormant")  # current ties first

    html = viewer_client.get(ANTALYA).get_data(as_text=True)
    agreements = html.split('id="sec-agreements"')[1].split("</details>")[0]
    assert agreements.count("<tr>") - 1 == 10  # the header row and the first ten
    assert f'href="{ANTALYA}?all=agreements#sec-agreements"' in agreements
    assert "27 kayıttan 10 tanesi" in agreements
    assert 'id="sec-located-here" data-total="28">' in html  # folded: no "open"

    full = viewer_client.get(f"{ANTALYA}?all=agreements&all=events").get_data(as_text=True)
    agreements = full.split('id="sec-agreements"')[1].split("</details>")[0]
    assert agreements.count("<tr>") - 1 == 27
    assert f'href="{ANTALYA}?all=events#sec-agreements"' in agreements  # "show fewer"
    assert 'id="sec-events" data-total="20" open>' in full


@pytest.mark.parametrize("value", ["everything", "agreements,planets"], ids=["word", "list"])
def test_an_unknown_section_is_400_with_the_parameter_named(viewer_client, value):
    body = viewer_client.get(f"{ANTALYA}.json?all={value}").get_json()
    assert body["error"]["status"] == 400 and "all=" in body["error"]["message"]


def test_a_known_section_the_entity_lacks_is_ignored(viewer_client):
    data = viewer_client.get("/entity/network-cittaslow.json?all=agreements,members").get_json()
    assert data["expanded"] == ["members"]  # a bookmark survives a change of the data


def test_summary_has_figures_top_ties_ties_with_home_and_a_map(viewer_client):
    summary = viewer_client.get(f"{ANTALYA}.json").get_json()["summary"]
    assert {f["key"]: f["value"] for f in summary["figures"]}["official_sister_cities"] == 12
    assert {c["key"]: c["total"] for c in summary["counts"]}["agreements"] == 27
    first = summary["top_ties"][0]
    assert first["status"] == "active" and first["via"]["kind"] == "Agreement"
    assert summary["with_home"] is None  # Antalya is home
    assert summary["map"]["focus"]["lat"] == pytest.approx(36.8969)
    assert "city-de-nuremberg" in {p["id"] for p in summary["map"]["points"]}

    nuremberg = viewer_client.get("/entity/city-de-nuremberg.json").get_json()["summary"]
    deals = nuremberg["with_home"]["agreements"]
    assert [(a["type"], a["signed_on"]) for a in deals] == [("sister_city", "1997")]
    assert nuremberg["top_ties"][0]["with"][0]["id"] == "city-tr-antalya"


def test_the_english_page_speaks_english(viewer_client):
    html = viewer_client.get(f"{ANTALYA}?lang=en").get_data(as_text=True)
    for words in ("Most important ties", "Network memberships", "Show all 27", "Sources"):
        assert words in html
    tr = viewer_client.get(f"{ANTALYA}?lang=tr").get_data(as_text=True)
    for words in ("En önemli bağlar", "Ağ üyelikleri", "Tümünü göster (27)", "Kaynaklar"):
        assert words in tr

"""The reports page (issue 13 part 5): choose a report, its language and period; the JSON
twin holds the report the downloads carry; errors are said in the page's language."""

from __future__ import annotations

import io
import json

from docx import Document

from graph.plan.reports import build_report
from web.store import access


def test_the_page_shows_the_report_and_offers_three_downloads(viewer_client) -> None:
    response = viewer_client.get(
        "/reports.json?kind=monitoring&report_lang=tr&from=2025-01-01&to=2025-12-31"
    )
    data = response.get_json()
    assert data["report"]["title"] == "İzleme raporu" and data["has_plan"]
    assert (data["report"]["start"], data["report"]["end"]) == ("2025-01-01", "2025-12-31")
    assert set(data["downloads"]) == {"docx", "pdf", "json"}
    html = viewer_client.get(
        "/reports?kind=monitoring&report_lang=tr&from=2025-01-01&to=2025-12-31"
    )
    text = html.get_data(as_text=True)
    assert html.status_code == 200 and 'id="report-preview"' in text and "<svg" in text
    assert "Tablo 1: Faaliyetler ve zaman çizelgesi" in text


def test_downloads_carry_the_report_of_the_twin(viewer_client, app) -> None:
    query = "kind=situation&report_lang=en&to=2026-06-30"
    twin = viewer_client.get(f"/reports.json?{query}").get_json()["report"]
    body = viewer_client.get(f"/reports/download?{query}&format=json")
    assert "attachment" in body.headers["Content-Disposition"]
    assert json.loads(body.data)["contents"] == twin["contents"]
    docx = viewer_client.get(f"/reports/download?{query}&format=docx")
    assert docx.mimetype.endswith("wordprocessingml.document")
    headings = [
        p.text
        for p in Document(io.BytesIO(docx.data)).paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings[1:-1] == [f"{c['number']} {c['title']}" for c in twin["contents"][:-1]]
    with app.app_context():
        G = access().graph()
        expected = build_report(G, "situation", "en", end="2026-06-30")
    assert twin["data"] == json.loads(json.dumps(expected.data))


def test_a_bad_period_is_said_in_the_pages_language(viewer_client) -> None:
    viewer_client.get("/?lang=tr")
    data = viewer_client.get(
        "/reports.json?kind=monitoring&from=2025-12-01&to=2025-01-01"
    ).get_json()
    assert data["report"] is None and data["error"]["message"].startswith(
        "dönem başlamadan bitiyor"
    )
    assert data["chosen"]["report_lang"] == "tr"
    page = viewer_client.get("/reports?kind=monitoring&from=2025-12-01&to=2025-01-01")
    assert page.status_code == 200 and 'id="report-error"' in page.get_data(as_text=True)
    bad = viewer_client.get("/reports/download?kind=monitoring&from=2025-13-45&format=pdf")
    assert bad.status_code == 400 and "bir tarih değil" in bad.get_data(as_text=True)
    assert viewer_client.get("/reports.json?kind=weekly").status_code == 400


def test_the_overview_shows_the_plan_cards(viewer_client) -> None:
    cards = viewer_client.get("/index.json").get_json()["plan_cards"]
    assert set(cards) == {"due_this_quarter", "late", "off_track", "dormant_partners"}
    # Green and Future Cities was planned for 2024-2025 and is still recorded in progress.
    assert "activity-abb-up-green-future-cities" in {a["id"] for a in cards["late"]}
    assert all(item["link"]["url"] for items in cards.values() for item in items)
    viewer_client.get("/?lang=tr")
    html = viewer_client.get("/").get_data(as_text=True)
    assert 'id="plan-cards"' in html and "Geciken plan faaliyetleri" in html

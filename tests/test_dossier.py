"""The partner dossier (issue 12, part 5): its JSON on the sample with its peers, the page in
Turkish and English, the PDF, and script-injection payloads as names."""

from __future__ import annotations

import re
import zlib

import pytest
from markupsafe import escape

from graph.synergy.pair import fit
from graph.synergy.ranking import suggest
from tests.test_questions import peer_app  # noqa: F401 - the fixture: the sample and its peers
from tests.web_fixtures import access_of, app_config, signed_in
from web import create_app
from web.dossier import KINDS as DOSSIER_KINDS

NUREMBERG, BREMEN, ICLEI = "city-de-nuremberg", "city-de-bremen", "network-iclei"


@pytest.fixture
def reader(peer_app):  # noqa: F811
    return signed_in(peer_app.test_client(), "viewer")


def get_json(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def pdf_objects(data: bytes) -> bytes:
    """A PDF's bytes with its compressed streams (objects, outlines, pages) decompressed."""
    chunks = [data]
    for found in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(found.group(1)))
        except zlib.error:
            continue
    return b"\n".join(chunks)


def pdf_titles(data: bytes) -> list[str]:
    """The outline titles of a PDF (WeasyPrint makes one per heading) and its document title."""
    blob = pdf_objects(data)
    titles = [
        re.sub(rb"\\(.)", rb"\1", t).decode("latin-1")
        for t in re.findall(rb"/Title \(((?:\\.|[^\\)])*)\)", blob)
    ]
    titles += [
        bytes.fromhex(h.decode()).decode("utf-16")
        for h in re.findall(rb"/Title <((?:FEFF|feff)[0-9A-Fa-f]+)>", blob)
    ]
    return titles


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf_objects(data)))


def test_a_sister_citys_dossier_lists_our_agreement_events_and_public_sources(reader):
    data = get_json(reader, f"/dossier/{NUREMBERG}.json?lang=en")
    assert data["entity"]["name"] == "Nuremberg" and data["home"]["id"] == "city-tr-antalya"
    (agreement,) = data["agreements"]
    assert agreement["id"] == "agreement-sister-city-nuremberg"
    assert (agreement["signed_on"], agreement["status"], agreement["type"]) == (
        "1997",
        "active",
        "sister_city",
    )
    events = data["activity"]["events"]
    assert [e["date"] for e in events] == sorted((e["date"] for e in events), reverse=True)
    anniversary = next(e for e in events if "25th anniversary" in e["name"])
    assert anniversary["with_us"] is True
    assert data["tied"] and data["request"] is None
    # Sources: numbered once, cited by number, never an internal path.
    refs = data["references"]
    assert [r["number"] for r in refs] == list(range(1, len(refs) + 1))
    texts = [r["text"] for r in refs]
    assert len(texts) == len(set(texts))
    assert not [t for t in texts if "local copy" in t or "research/" in t]
    assert any(
        r["url"] == "https://nuernberg.de/internet/international/antalya_home.html" for r in refs
    )
    cited = set(data["entity"]["refs"]) | {n for a in data["agreements"] for n in a["refs"]}
    cited |= {n for e in events for n in e["refs"]}
    assert cited == set(range(1, len(refs) + 1))


def test_a_request_from_a_city_we_have_no_tie_with_gets_its_fit_and_the_peers_who_know_it(
    reader,
    peer_app,  # noqa: F811
):
    data = get_json(reader, f"/dossier/{BREMEN}.json?lang=en")
    assert not data["tied"] and not data["agreements"] and not data["networks"]
    request = data["request"]
    parts = {p["name"]: p for p in request["fit"]["parts"]}
    assert {"shared_themes", "shared_networks", "partners_of_partners", "geography"} <= set(parts)
    assert "eligibility" in parts  # Türkiye takes part in IPA: the part applies
    # partners of partners: through İzmir, a peer that has Bremen as a sister city
    assert any("İzmir" in text for text in parts["partners_of_partners"]["evidence_text"])
    assert parts["geography"]["evidence"][0]["countries"] == ["TR", "DE"]
    assert request["sizes"] == {"ours": None, "theirs": None, "ratio": None}
    (peer,) = request["peers"]
    assert peer["id"] == "city-tr-izmir"
    assert [v["id"] for v in peer["via"]] == ["agreement-sister-city-izmir-de-bremen"]
    # The same score as the synergy ranking, and its rank in it.
    with peer_app.app_context():
        G = access_of(peer_app).graph()
        ranked = suggest(G, limit=None, diverse=False)  # the plain ranking: ranks of all
        direct = fit(G, BREMEN)
    position = next(i for i, s in enumerate(ranked, 1) if s.id == BREMEN)
    assert request["fit"]["score"] == round(direct.score, 4) == round(ranked[position - 1].score, 4)
    assert (request["fit"]["rank"], request["fit"]["candidates"]) == (position, len(ranked))
    assert request["fit"]["score_100"] == round(direct.score * 100)


def test_a_networks_dossier_names_the_peers_that_are_members(reader):
    data = get_json(reader, f"/dossier/{ICLEI}.json")
    peers = {p["id"]: p for p in data["request"]["peers"]}
    assert "city-tr-izmir" in peers  # İzmir is in ICLEI, Antalya is not
    assert all(v["kind"] == "membership" for p in peers.values() for v in p["via"])
    members = {p["id"] for p in data["partners"]["partners"]}
    assert set(peers) <= members


def test_our_own_department_is_not_a_partnership_request(reader):
    data = get_json(reader, "/dossier/org-antalya-foreign-relations.json")
    assert data["local"] and data["request"] is None


def test_the_dossier_page_speaks_turkish_and_english_and_the_entity_page_links_to_it(reader):
    entity = reader.get(f"/entity/{NUREMBERG}?lang=tr").get_data(as_text=True)
    assert f'href="/dossier/{NUREMBERG}"' in entity and ">Dosya<" in entity
    tr = reader.get(f"/dossier/{NUREMBERG}?lang=tr").get_data(as_text=True)
    assert "Ortak dosyası" in tr and "Anlaşmalarımız" in tr and "Faaliyet geçmişi" in tr
    assert "Antalya için hazırlandı" in tr and "local copy" not in tr
    for english in ("Partner dossier", "Our agreements", "Activity history", "with us"):
        assert english not in tr
    en = reader.get(f"/dossier/{BREMEN}?lang=en").get_data(as_text=True)
    assert "A partnership request: how well they fit us" in en
    assert "Peer municipalities that already work with them" in en and "Ortak" not in en


def test_a_dossier_is_for_cities_networks_and_organisations_only(reader):
    response = reader.get("/dossier/agreement-sister-city-nuremberg.json?lang=en")
    assert response.status_code == 400
    assert "city, a network or an organisation" in response.get_json()["error"]["hint"]
    assert reader.get("/dossier/no-such-entity.json").status_code == 404


def test_the_pdf_is_the_dossier_with_the_citys_name(reader):
    response = reader.get(f"/dossier/{BREMEN}.pdf?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert f"dossier-{BREMEN}-en.pdf" in response.headers["Content-Disposition"]
    data = response.data
    assert data.startswith(b"%PDF") and pdf_pages(data) >= 1
    titles = pdf_titles(data)
    assert titles[0] == "Bremen" and "A partnership request: how well they fit us" in titles
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([\w-]+)", pdf_objects(data)))
    assert fonts and all(f.startswith(b"DejaVu") for f in fonts)  # subset, embedded
    assert len(re.findall(rb"/FontFile\d?", pdf_objects(data))) == len(fonts)
    turkish = reader.get(f"/dossier/{NUREMBERG}.pdf?lang=tr").data
    assert "Nürnberg" in pdf_titles(turkish) and "Anlaşmalarımız" in pdf_titles(turkish)


def test_payloads_as_names_stay_text_in_the_dossier_and_its_pdf(xss_dir, xss_payloads):
    app = create_app(app_config(xss_dir))
    try:
        client = signed_in(app.test_client(), "viewer")
        for i, payload in enumerate(xss_payloads):
            html = client.get(f"/dossier/city-de-payload-{i}?lang=en").get_data(as_text=True)
            if "<" in payload:
                assert payload not in html, payload
            assert str(escape(payload)) in html  # shown, as text
            assert not re.search(r'href="\s*javascript:', html, re.IGNORECASE)
            data = client.get(f"/dossier/city-de-payload-{i}.json").get_json()
            assert data["entity"]["name"] == payload
            assert not [
                r for r in data["references"] if r["url"] and not r["url"].startswith("http")
            ]
        pdf = client.get("/dossier/city-de-payload-0.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    finally:
        access_of(app).close()


@pytest.mark.parametrize("ident", ["city-tr-izmir", ICLEI, "city-tr-mersin", "network-medcities"])
def test_no_dossier_shows_an_internal_file_as_a_source(reader, ident):
    data = get_json(reader, f"/dossier/{ident}.json")
    texts = [r["text"] for r in data["references"]]
    assert texts, ident
    assert not [t for t in texts if "local copy" in t or "README.md" in t or "research/" in t]
    page = reader.get(f"/dossier/{ident}").get_data(as_text=True)
    assert "local copy" not in page and "README.md" not in page


def test_a_peer_that_shares_our_networks_but_no_agreement_is_a_request_with_those_networks(reader):
    data = get_json(reader, "/dossier/city-tr-izmir.json")
    assert data["networks"] and not data["agreements"] and not data["tied"]
    parts = {p["name"]: p for p in data["request"]["fit"]["parts"]}
    shared = {e["id"] for e in parts["shared_networks"]["evidence"]}
    assert shared == {n["id"] for n in data["networks"]}
    assert parts["shared_networks"]["value"] > 0


def test_every_city_network_and_organisation_of_the_demo_has_a_dossier(reader, peer_app):  # noqa: F811
    with peer_app.app_context():
        G = access_of(peer_app).graph()
        ids = sorted(n for n, a in G.nodes(data=True) if a.get("label") in DOSSIER_KINDS)
    assert len(ids) > 100
    requests = 0
    for ident in ids:
        data = get_json(reader, f"/dossier/{ident}.json")
        assert data["entity"]["id"] == ident
        numbers = {r["number"] for r in data["references"]}
        assert numbers == set(range(1, len(data["references"]) + 1))
        requests += data["request"] is not None
        assert not (data["request"] and data["tied"])
    assert 0 < requests < len(ids)


def test_a_former_project_partners_open_suggestions_are_reached_through_it(reader):
    data = get_json(reader, "/dossier/city-es-valencia.json?lang=en")
    assert [p["id"] for p in data["projects"]] == ["project-matchup"]
    assert data["projects"][0]["their_role"] == "lead"
    assert data["suggested"]["rank"] >= 1  # MAtchUP is completed: a partner to revive
    ids = [s["id"] for s in data["suggestions"]]
    assert ids and "city-es-valencia" not in ids
    assert any("Valencia" in s["why"] for s in data["suggestions"])


def test_the_pdf_fetches_nothing_but_the_apps_static_files(peer_app):  # noqa: F811
    """An address in the HTML (an image, a stylesheet, a file) is never fetched; static files are."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from web.pdf import html_to_pdf

    asked: list[str] = []

    class Outside(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            return None

    server = HTTPServer(("127.0.0.1", 0), Outside)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = f"http://127.0.0.1:{server.server_port}"
    html = (
        f'<link rel="stylesheet" href="{outside}/evil.css">'
        '<link rel="stylesheet" href="/static/css/dossier.css">'
        f'<img src="{outside}/x.png"><img src="file:///etc/hostname">'
        "<h1 class='dossier-head'>Bremen</h1>"
    )
    try:
        with peer_app.test_request_context("/dossier/city-de-bremen.pdf"):
            data = html_to_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
    assert data.startswith(b"%PDF") and "Bremen" in pdf_titles(data)
    assert asked == []

"""Import by upload: checks, dry run with its report, confirmation, audit; refusals."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest

from tests.staff_fixtures import audit_of, node_props, post_form

GOOD_CSV = (
    "id,name,country,lat,lon\ncity-jp-kyoto,Kyoto,JP,35.01,135.77\ncity-fr-nice,Nice,FR,43.7,7.27\n"
)
BAD_CSV = "id,name,country,lat\ncity-jp-kyoto,Kyoto,JP,35.01\n,,Atlantis,north\n"


def upload(client, name: str, data: bytes, *, sheet: str = "", path: str = "/import"):
    return post_form(
        client,
        path,
        {"file": (io.BytesIO(data), name), "sheet": sheet},
        content_type="multipart/form-data",
    )


def token_of(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found, "no Confirm form on the page"
    return found.group(1)


def kept_files(app) -> list[Path]:
    folder = Path(app.config["DIPLOMAP"]["DIPLOMAP_DATA_DIR"]) / "uploads"
    return sorted(folder.glob("*")) if folder.exists() else []


def test_upload_form_offers_the_types_and_the_sheets(editor):
    html = editor.get("/import").get_data(as_text=True)
    assert 'type="file" name="file" accept=".csv,.xlsx,.yaml,.yml,.json"' in html
    assert 'enctype="multipart/form-data"' in html and '<option value="memberships">' in html
    data = editor.get("/import.json").get_json()
    assert data["max_mb"] == 20 and "cities" in [s["name"] for s in data["sheets"]]


def test_good_csv_dry_run_then_confirm_writes_and_audits(editor, staff_app):
    response = upload(editor, "cities.csv", GOOD_CSV.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="report"' in html and 'id="confirm-import"' in html
    assert re.search(
        r'<tr data-label="City"><td>[^<]+</td><td class="num">2</td><td class="num">0</td>', html
    )
    assert node_props(staff_app, "city-jp-kyoto") is None and audit_of(staff_app).count() == 0
    assert len(kept_files(staff_app)) == 2  # the bytes and their metadata

    done = post_form(editor, "/import/confirm", {"token": token_of(html)})
    text = done.get_data(as_text=True)
    assert done.status_code == 200 and 'id="import-entry"' in text
    assert node_props(staff_app, "city-jp-kyoto")["name"] == "Kyoto"
    entry = audit_of(staff_app).entries()[0]
    assert entry.action == "import" and entry.user == editor.user.username
    assert f'href="/audit/{entry.id}"' in text
    assert kept_files(staff_app) == []  # deleted after the import
    assert entry.summary.startswith("Imported cities.csv")  # stored as written
    log = editor.get("/audit?action=import&lang=tr").get_data(as_text=True)
    assert "İçe aktarıldı: cities.csv" in log  # shown in the reader's language
    log = editor.get("/audit?action=import&lang=en").get_data(as_text=True)
    assert "Imported cities.csv" in log


def test_a_token_is_used_once(editor):
    html = upload(editor, "cities.csv", GOOD_CSV.encode()).get_data(as_text=True)
    token = token_of(html)
    assert post_form(editor, "/import/confirm", {"token": token}).status_code == 200
    again = post_form(editor, "/import/confirm", {"token": token})
    assert again.status_code == 400 and "expired" in again.get_data(as_text=True)


@pytest.mark.parametrize(
    "token", ["../../graph.sqlite", "x" * 32, ""], ids=["path", "unknown", "empty"]
)
def test_confirm_refuses_tokens_not_of_this_session(editor, staff_app, token):
    assert post_form(editor, "/import/confirm", {"token": token}).status_code == 400
    assert audit_of(staff_app).count() == 0


def test_another_session_cannot_confirm_my_upload(editor, client_as, staff_app):
    token = token_of(upload(editor, "cities.csv", GOOD_CSV.encode()).get_data(as_text=True))
    other = client_as(staff_app, "editor")
    assert post_form(other, "/import/confirm", {"token": token}).status_code == 400
    assert node_props(staff_app, "city-jp-kyoto") is None


def test_old_uploads_are_deleted_after_an_hour(editor, staff_app):
    token = token_of(upload(editor, "cities.csv", GOOD_CSV.encode()).get_data(as_text=True))
    old = time.time() - 3700
    for path in kept_files(staff_app):
        os.utime(path, (old, old))
    response = post_form(editor, "/import/confirm", {"token": token})
    assert response.status_code == 400 and kept_files(staff_app) == []


def test_bad_csv_shows_located_errors_and_writes_nothing(editor, staff_app):
    response = upload(editor, "cities.csv", BAD_CSV.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="confirm-import"' not in html
    assert re.search(r"<code>cities\.csv:3:\w+</code>", html)
    assert node_props(staff_app, "city-jp-kyoto") is None and kept_files(staff_app) == []
    report = upload(editor, "cities.csv", BAD_CSV.encode(), path="/import.json").get_json()
    assert not report["report"]["ok"] and all(
        e["where"].startswith("cities.csv:3") for e in report["report"]["errors"]
    )


def test_windows_1254_semicolon_csv_keeps_turkish_letters(editor, staff_app):
    text = "id;name;name_tr;country\ncity-tr-eskisehir;Eskişehir;Eskişehir;TR\ncity-tr-igdir;Iğdır;Iğdır;TR\n"
    html = upload(editor, "şehirler.csv", text.encode("cp1254"), sheet="cities").get_data(
        as_text=True
    )
    post_form(editor, "/import/confirm", {"token": token_of(html)})
    assert node_props(staff_app, "city-tr-eskisehir")["name"] == "Eskişehir"
    assert node_props(staff_app, "city-tr-igdir")["name"] == "Iğdır"


def test_xlsx_template_imports(editor, staff_app, tmp_path):
    from openpyxl import load_workbook

    from importers.template import write_template

    path = tmp_path / "template.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    sheet = workbook["cities"]
    headers = [c.value for c in sheet[1]]
    row = {"id": "city-jp-kyoto", "name": "Kyoto", "country": "JP"}
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=2, column=column, value=row.get(header))
    workbook.save(path)
    html = upload(editor, "template.xlsx", path.read_bytes()).get_data(as_text=True)
    assert 'id="confirm-import"' in html
    post_form(editor, "/import/confirm", {"token": token_of(html)})
    assert node_props(staff_app, "city-jp-kyoto")["name"] == "Kyoto"


def test_json_twin_of_the_report(editor):
    data = upload(editor, "cities.csv", GOOD_CSV.encode(), path="/import.json").get_json()
    assert data["report"]["ok"] and data["report"]["counts"]["nodes"]["create"] >= 2
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", data["token"])


def upload_big(client, name: str, data: bytes, path: str = "/import"):
    """``upload`` for a body the app refuses unread: the test client would leave its spooled
    temporary file open (a ResourceWarning), so the body is built and closed here."""
    from werkzeug.test import EnvironBuilder

    from tests.web_fixtures import csrf_token

    builder = EnvironBuilder(
        path=path,
        method="POST",
        data={"file": (io.BytesIO(data), name), "csrf_token": csrf_token(client, "/import")},
    )
    environ = builder.get_environ()
    builder.close()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()


def test_oversized_file_is_413_with_a_clear_message(make_app, client_as):
    app = make_app(DIPLOMAP_MAX_UPLOAD_MB=1)
    editor = client_as(app, "editor")
    big = (GOOD_CSV + "x" * (1024 * 1024 + 10)).encode()
    response = upload_big(editor, "cities.csv", big)
    assert response.status_code == 413
    assert "1 MiB" in response.get_data(as_text=True)
    json = upload_big(editor, "cities.csv", big, path="/import.json")
    assert json.status_code == 413 and json.get_json()["error"]["type"] == "UploadTooLarge"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("cities.xlsx", GOOD_CSV.encode(), "not an Excel workbook"),
        ("cities.csv", b"PK\x03\x04" + b"\x00" * 100, "zip archive"),
        ("cities.csv", b"%PDF-1.7 ...", "PDF"),
        ("cities.exe", b"MZ....", "cannot be imported"),
    ],
    ids=["text-as-xlsx", "xlsx-as-csv", "pdf-as-csv", "exe"],
)
def test_disguised_files_are_refused(editor, staff_app, name, data, says):
    response = upload(editor, name, data)
    assert response.status_code == 400 and says in response.get_data(as_text=True)
    assert kept_files(staff_app) == [] and audit_of(staff_app).count() == 0


def test_upload_needs_the_csrf_token(editor, staff_app):
    response = editor.post(
        "/import",
        data={"file": (io.BytesIO(GOOD_CSV.encode()), "cities.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and kept_files(staff_app) == []
    assert editor.post("/import/confirm", data={"token": "x" * 32}).status_code == 400


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", "/import"), ("get", "/import.json"), ("post", "/import"), ("post", "/import/confirm")],
)
def test_viewer_gets_403(viewer, method, url):
    from tests.web_fixtures import csrf_token

    data = {"csrf_token": csrf_token(viewer, "/")} if method == "post" else None
    assert getattr(viewer, method)(url, data=data).status_code == 403

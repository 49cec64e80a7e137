"""The audit log on the web: entries with readable diffs, per-entity history, undo and its refusals."""

from __future__ import annotations

import importlib

import pytest

from tests.staff_fixtures import audit_of, node_props, post_form
from tests.web_fixtures import csrf_token

ANTALYA = "city-tr-antalya"


def edit_city(client, id: str, **changes: str):
    fields = client.get(f"/entity/{id}/edit.json").get_json()["fields"]
    values = {f["name"]: f["value"] for f in fields} | changes | {"action": "save"}
    response = post_form(client, f"/entity/{id}/edit", values, form=f"/entity/{id}/edit")
    if response.status_code == 303:
        client.get(
            response.headers["Location"]
        )  # as a browser would: shows (and uses up) the flash
    return response


def undo(client, entry_id: int, **data: str):
    return post_form(client, f"/audit/{entry_id}/undo", data, form="/audit")


def test_edit_audit_undo_round_trip_on_each_backend(backend_app, client_as):
    editor = client_as(backend_app, "editor")
    before = node_props(backend_app, ANTALYA)
    response = edit_city(editor, ANTALYA, population="2700000", notes="Edited through the web")
    assert response.status_code == 303
    after = node_props(backend_app, ANTALYA)
    assert after == before | {"population": 2700000, "notes": "Edited through the web"}

    log = editor.get("/audit.json").get_json()
    entry = log["entries"][0]
    assert log["total"] == 1 and entry["action"] == "edit" and entry["user"] == editor.user.username
    assert entry["backend"] == backend_app.config["DIPLOMAP"]["DIPLOMAP_BACKEND"]
    node_change = next(c for c in entry["changes"] if c["kind"] == "node")
    diff = {f["name"]: (f["before"], f["after"]) for f in node_change["fields"]}
    assert diff["population"] == ("–", "2700000") and diff["notes"] == (
        "–",
        "Edited through the web",
    )
    assert entry["may_undo"]
    history = editor.get(f"/entity/{ANTALYA}/history.json").get_json()
    assert [e["id"] for e in history["entries"]] == [entry["id"]]

    response = undo(editor, entry["id"], next=f"/entity/{ANTALYA}")
    assert response.status_code == 303 and response.headers["Location"] == f"/entity/{ANTALYA}"
    assert node_props(backend_app, ANTALYA) == before
    entries = editor.get("/audit.json").get_json()["entries"]
    assert [e["action"] for e in entries] == ["undo", "edit"]
    assert entries[1]["undone_by"] == entries[0]["id"] and not entries[1]["may_undo"]


def test_audit_pages_show_who_when_and_the_diff(editor, staff_app):
    edit_city(editor, ANTALYA, population="2700000")
    html = editor.get("/audit").get_data(as_text=True)
    assert editor.user.username in html and "<time datetime=" in html
    assert '<td class="before">–</td><td class="after">2700000</td>' in html
    entry_id = audit_of(staff_app).entries()[0].id
    one = editor.get(f"/audit/{entry_id}.json").get_json()
    assert one["entry"]["id"] == entry_id and one["blockers"] == []
    assert f'action="/audit/{entry_id}/undo"' in editor.get(f"/audit/{entry_id}").get_data(
        as_text=True
    )
    assert editor.get("/audit/9999").status_code == 404


def test_audit_is_paginated_and_filtered(editor, admin, staff_app, monkeypatch):
    for n in range(3):
        edit_city(editor, ANTALYA, population=str(1000 + n))
    edit_city(admin, "city-de-nuremberg", population="518000")
    assert editor.get("/audit.json").get_json()["total"] == 4
    mine = editor.get(f"/audit.json?user={editor.user.username}").get_json()
    assert mine["total"] == 3 and {e["user"] for e in mine["entries"]} == {editor.user.username}
    assert editor.get("/audit.json?action=undo").get_json()["total"] == 0
    monkeypatch.setattr(importlib.import_module("web.pages.audit"), "PER_PAGE", 2)
    first, second = (editor.get(f"/audit.json?page={n}").get_json() for n in (1, 2))
    assert first["pages"] == 2 and len(first["entries"]) == 2 and len(second["entries"]) == 2
    assert first["entries"][0]["id"] > second["entries"][-1]["id"]


def test_undo_is_refused_while_a_later_change_depends_on_it(editor, staff_app):
    edit_city(editor, ANTALYA, population="1000")
    edit_city(editor, ANTALYA, population="2000")
    first, second = sorted(e.id for e in audit_of(staff_app).entries())
    html = editor.get(f"/audit/{first}").get_data(as_text=True)
    assert (
        f'href="/audit/{second}">#{second}</a>' in html
        and f'action="/audit/{first}/undo"' not in html
    )
    refused = undo(editor, first)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert f"undo the later change #{second} first" in text and f'href="/audit/{second}"' in text
    assert node_props(staff_app, ANTALYA)["population"] == 2000
    assert undo(editor, second).status_code == 303 and undo(editor, first).status_code == 303
    assert "population" not in node_props(staff_app, ANTALYA)


def test_undo_twice_is_refused(editor, staff_app):
    edit_city(editor, ANTALYA, population="1000")
    entry = audit_of(staff_app).entries()[0].id
    assert undo(editor, entry).status_code == 303
    again = undo(editor, entry)
    assert again.status_code == 409 and "already undone" in again.get_data(as_text=True)


def test_editor_may_not_undo_someone_elses_change_but_admin_may(editor, admin, staff_app):
    edit_city(admin, ANTALYA, population="1000")
    entry = audit_of(staff_app).entries()[0].id
    assert not editor.get(f"/audit/{entry}.json").get_json()["entry"]["may_undo"]
    assert undo(editor, entry).status_code == 403
    edit_city(editor, "city-de-nuremberg", population="518000")
    theirs = audit_of(staff_app).entries()[0].id
    assert admin.get(f"/audit/{theirs}.json").get_json()["entry"]["may_undo"]
    assert undo(admin, theirs).status_code == 303


def test_undo_needs_the_csrf_token(editor, staff_app):
    edit_city(editor, ANTALYA, population="1000")
    entry = audit_of(staff_app).entries()[0].id
    assert editor.post(f"/audit/{entry}/undo").status_code == 400
    assert node_props(staff_app, ANTALYA)["population"] == 1000


@pytest.mark.parametrize(
    "url",
    [
        "/audit",
        "/audit.json",
        "/audit/1",
        "/audit/1.json",
        f"/entity/{ANTALYA}/history",
        f"/entity/{ANTALYA}/history.json",
    ],
)
def test_viewer_gets_403_on_the_audit_pages(viewer, url):
    assert viewer.get(url).status_code == 403


def test_viewer_cannot_undo(viewer, editor, staff_app):
    edit_city(editor, ANTALYA, population="1000")
    entry = audit_of(staff_app).entries()[0].id
    response = viewer.post(f"/audit/{entry}/undo", data={"csrf_token": csrf_token(viewer, "/")})
    assert response.status_code == 403


def test_analyst_reads_the_log_but_cannot_undo(client_as, editor, staff_app):
    analyst = client_as(staff_app, "analyst")
    edit_city(editor, ANTALYA, population="1000")
    entry = audit_of(staff_app).entries()[0].id
    assert analyst.get("/audit.json").get_json()["total"] == 1
    assert 'action="/audit/' not in analyst.get("/audit").get_data(as_text=True)
    assert (
        analyst.post(
            f"/audit/{entry}/undo", data={"csrf_token": csrf_token(analyst, "/")}
        ).status_code
        == 403
    )


def test_long_entries_are_cut_short_in_the_lists(editor, staff_app, monkeypatch):
    import io

    csv = "id,name,country\n" + "".join(f"city-jp-town-{n},Town {n},JP\n" for n in range(5))
    html = post_form(
        editor,
        "/import",
        {"file": (io.BytesIO(csv.encode()), "cities.csv")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    token = html.split('name="token" value="')[1].split('"')[0]
    post_form(editor, "/import/confirm", {"token": token})
    monkeypatch.setattr(importlib.import_module("web.pages.audit"), "LIST_CHANGES", 2)
    entry = editor.get("/audit.json").get_json()["entries"][0]
    assert entry["action"] == "import" and len(entry["changes"]) == 2
    assert entry["changes_hidden"] == entry["change_count"] - 2
    full = editor.get(f"/audit/{entry['id']}.json").get_json()["entry"]
    assert len(full["changes"]) == entry["change_count"] and full["changes_hidden"] == 0

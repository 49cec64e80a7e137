"""Editing through the web: forms from the import sheets, preview, save, undo, delete, ties."""

from __future__ import annotations

import re

import pytest

from importers.editing import ENTITY_KINDS, TIE_KINDS
from tests.staff_fixtures import audit_of, node_props, post_form

ANTALYA = "city-tr-antalya"


def save(client, url, values, **extra):
    return post_form(client, url, {**values, "action": "save", **extra}, form=url)


def preview(client, url, values):
    return post_form(client, url, {**values, "action": "preview"}, form=url)


@pytest.mark.parametrize("kind", [*ENTITY_KINDS, *TIE_KINDS])
def test_new_form_twin_lists_the_fields_of_its_sheet(editor, kind):
    from importers.editing import fields

    data = editor.get(f"/new/{kind}.json").get_json()
    assert [f["name"] for f in data["fields"]] == [f.name for f in fields(kind)]
    assert data["is_new"] and data["preview"] is None
    required = {f["name"] for f in data["fields"] if f["required"]}
    assert required == {f.name for f in fields(kind) if f.required}
    html = editor.get(f"/new/{kind}").get_data(as_text=True)
    assert 'name="csrf_token"' in html and html.count('class="required"') >= len(required)


def test_choices_are_selects_with_words_in_the_language(editor):
    html = editor.get("/new/agreements?lang=en").get_data(as_text=True)
    assert re.search(
        r'<select id="f-type" name="type"[^>]*>.*<option value="sister_city">sister city</option>',
        html,
        re.S,
    )
    data = editor.get("/new/agreements.json").get_json()
    status = next(f for f in data["fields"] if f["name"] == "status")
    assert status["widget"] == "select"
    assert [c["value"] for c in status["choices"]] == ["active", "dormant", "expired", "planned"]


def test_edit_form_twin_holds_the_current_values(editor):
    data = editor.get(f"/entity/{ANTALYA}/edit.json").get_json()
    values = {f["name"]: f["value"] for f in data["fields"]}
    assert data["kind"] == "cities" and not data["is_new"]
    assert values["name"] == "Antalya" and values["country"] == "TR" and values["is_home"] == "true"


def test_prefill_from_the_entity_page(editor):
    data = editor.get(f"/new/memberships.json?member={ANTALYA}&next=/entity/{ANTALYA}").get_json()
    assert {f["name"]: f["value"] for f in data["fields"]}["member"] == ANTALYA
    assert data["next"] == f"/entity/{ANTALYA}"


def test_entity_page_has_edit_history_and_tie_buttons_for_editors(editor):
    html = editor.get(f"/entity/{ANTALYA}").get_data(as_text=True)
    assert f'href="/entity/{ANTALYA}/edit"' in html and f'href="/entity/{ANTALYA}/history"' in html
    assert f"/new/agreements?next=/entity/{ANTALYA}&amp;parties={ANTALYA}" in html
    assert f"/entity/{ANTALYA}%7CMEMBER_OF%7Cnetwork-cittaslow/delete" in html


def test_viewer_sees_no_staff_buttons(viewer):
    html = viewer.get(f"/entity/{ANTALYA}").get_data(as_text=True)
    assert "/edit" not in html and "/history" not in html


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/new/cities"),
        ("get", "/new/cities.json"),
        ("get", f"/entity/{ANTALYA}/edit"),
        ("get", f"/entity/{ANTALYA}/edit.json"),
        ("get", f"/entity/{ANTALYA}/delete"),
        ("post", "/new/cities"),
        ("post", f"/entity/{ANTALYA}/edit"),
        ("post", f"/entity/{ANTALYA}/delete"),
    ],
    ids=lambda v: v if v in ("get", "post") else v.replace("/", "_"),
)
def test_viewer_gets_403(viewer, method, url):
    from tests.web_fixtures import csrf_token

    data = {"csrf_token": csrf_token(viewer, "/")} if method == "post" else None
    assert getattr(viewer, method)(url, data=data).status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/new/cities", f"/entity/{ANTALYA}/edit", f"/entity/{ANTALYA}/delete"],
    ids=["new", "edit", "delete"],
)
def test_post_without_csrf_token_is_400(editor, staff_app, url):
    before = node_props(staff_app, ANTALYA)
    response = editor.post(url, data={"name": "Kyoto", "country": "JP", "action": "save"})
    assert response.status_code == 400
    assert node_props(staff_app, ANTALYA) == before and audit_of(staff_app).count() == 0


def test_problems_are_shown_next_to_their_fields(editor, staff_app):
    response = preview(editor, "/new/cities", {"name": "", "country": "Atlantis", "lat": "north"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert not editor.get("/audit.json").get_json()["entries"]
    for name in ("name", "country", "lat"):
        block = re.search(
            rf'<div class="field has-problem[^"]*" data-field="{name}">(.*?)</div>', html, re.S
        )
        assert block and 'class="problem"' in block.group(1), name
    assert 'id="save"' not in html


def test_save_with_problems_is_refused_and_writes_nothing(editor, staff_app):
    response = save(editor, "/new/cities", {"name": "Kyoto", "country": "Atlantis"})
    assert response.status_code == 400
    assert 'data-field="country"' in response.get_data(as_text=True)
    assert node_props(staff_app, "city-jp-kyoto") is None and audit_of(staff_app).count() == 0


def test_preview_shows_the_planned_changes(editor):
    html = preview(editor, "/new/cities", {"name": "Kyoto", "country": "JP"}).get_data(as_text=True)
    assert 'id="preview"' in html and 'id="save"' in html
    assert "change-badge-create" in html and "Kyoto" in html


def test_duplicates_must_be_confirmed(editor, staff_app):
    values = {"name": "Nurenberg", "country": "DE"}
    shown = preview(editor, "/new/cities", values).get_data(as_text=True)
    assert (
        'id="duplicates"' in shown
        and "city-de-nuremberg" in shown
        and 'name="confirm_duplicates"' in shown
    )
    refused = save(editor, "/new/cities", values)
    assert refused.status_code == 409 and node_props(staff_app, "city-de-nurenberg") is None
    assert re.search(r'<td class="num">\d+</td>', refused.get_data(as_text=True))  # the score
    saved = save(editor, "/new/cities", values, confirm_duplicates="yes")
    assert (
        saved.status_code == 303
        and node_props(staff_app, "city-de-nurenberg")["name"] == "Nurenberg"
    )


def test_edit_flashes_the_audit_entry_with_undo(editor, staff_app):
    values = editor.get(f"/entity/{ANTALYA}/edit.json").get_json()["fields"]
    form = {f["name"]: f["value"] for f in values} | {"population": "2700000"}
    response = save(editor, f"/entity/{ANTALYA}/edit", form)
    assert response.status_code == 303 and response.headers["Location"] == f"/entity/{ANTALYA}"
    page = editor.get(f"/entity/{ANTALYA}").get_data(as_text=True)
    entry = audit_of(staff_app).entries()[0]
    assert f'href="/audit/{entry.id}">#{entry.id}</a>' in page
    assert f'action="/audit/{entry.id}/undo"' in page
    assert node_props(staff_app, ANTALYA)["population"] == 2700000


def test_unchanged_form_saves_nothing(editor, staff_app):
    values = editor.get(f"/entity/{ANTALYA}/edit.json").get_json()["fields"]
    response = save(editor, f"/entity/{ANTALYA}/edit", {f["name"]: f["value"] for f in values})
    assert response.status_code == 303 and audit_of(staff_app).count() == 0


def test_add_and_remove_a_membership(editor, staff_app):
    here = f"/entity/{ANTALYA}"
    response = save(
        editor,
        "/new/memberships",
        {"member": ANTALYA, "network": "network-arlem", "status": "applied", "next": here},
    )
    assert response.status_code == 303 and response.headers["Location"] == here
    tie = f"{ANTALYA}%7CMEMBER_OF%7Cnetwork-arlem"  # start|TYPE|end, as the page links it
    every = f"{here}?all=memberships"  # the section lists its first ten; an applied one comes late
    assert f"/entity/{tie}/delete" in editor.get(every).get_data(as_text=True)
    legacy = f"{ANTALYA}--MEMBER_OF--network-arlem"  # the older form still opens the tie
    assert editor.get(f"/entity/{legacy}/delete").status_code == 200
    confirm = editor.get(f"/entity/{tie}/delete?next={here}")
    assert confirm.status_code == 200 and 'id="confirm-delete"' in confirm.get_data(as_text=True)
    removed = post_form(
        editor, f"/entity/{tie}/delete", {"next": here}, form=f"/entity/{tie}/delete"
    )
    assert removed.status_code == 303 and removed.headers["Location"] == here
    assert f"/entity/{tie}/delete" not in editor.get(every).get_data(as_text=True)
    assert [e.action for e in audit_of(staff_app).entries()] == ["delete", "create"]


def test_delete_an_entity_then_undo_brings_it_back(editor, staff_app):
    save(editor, "/new/cities", {"name": "Kyoto", "country": "JP"})
    before = node_props(staff_app, "city-jp-kyoto")
    response = post_form(
        editor, "/entity/city-jp-kyoto/delete", form="/entity/city-jp-kyoto/delete"
    )
    assert (
        response.status_code == 303
        and response.headers["Location"] == "/entity/city-jp-kyoto/history"
    )
    assert node_props(staff_app, "city-jp-kyoto") is None
    history = editor.get("/entity/city-jp-kyoto/history.json").get_json()
    assert [e["action"] for e in history["entries"]] == ["delete", "create"] and not history[
        "exists"
    ]
    undo = post_form(editor, f"/audit/{history['entries'][0]['id']}/undo", form="/audit")
    assert undo.status_code == 303
    assert node_props(staff_app, "city-jp-kyoto") == before


def test_reference_data_is_not_edited_with_a_form(editor):
    assert editor.get("/entity/theme-tourism/edit").status_code == 400
    assert editor.get("/new/themes").status_code == 404
    assert editor.get("/entity/city-xx-nowhere/edit").status_code == 404


def test_a_stale_edit_is_refused_with_the_difference_and_writes_nothing(editor, staff_app):
    from graph.model import Node
    from graph.stores.changes import ChangeSet
    from web.store import access

    opened = editor.get(f"/entity/{ANTALYA}/edit.json").get_json()
    form = {f["name"]: f["value"] for f in opened["fields"]} | {"population": "2700000"}
    # Someone else changes the record after the form was opened (a CLI import, say).
    with staff_app.app_context():
        access().store.apply(ChangeSet([Node(ANTALYA, "City", {"population": 777777})]))
    entries_before = audit_of(staff_app).count()

    response = save(editor, f"/entity/{ANTALYA}/edit?lang=en", form, version=opened["version"])

    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Changed by someone else since you opened it" in page
    assert re.search(r"<td>[^<]*[Pp]opulation</td><td>777777</td><td>2700000</td>", page)
    assert node_props(staff_app, ANTALYA)["population"] == 777777
    assert audit_of(staff_app).count() == entries_before
    # The form now carries the current version: saving again is a deliberate overwrite.
    version = re.search(r'name="version" value="([^"]+)"', page).group(1)
    again = save(editor, f"/entity/{ANTALYA}/edit", form, version=version)
    assert again.status_code == 303 and node_props(staff_app, ANTALYA)["population"] == 2700000


def test_an_edit_from_the_current_version_saves(editor, staff_app):
    opened = editor.get(f"/entity/{ANTALYA}/edit.json").get_json()
    assert opened["version"]
    form = {f["name"]: f["value"] for f in opened["fields"]} | {"population": "2700001"}
    response = save(editor, f"/entity/{ANTALYA}/edit", form, version=opened["version"])
    assert response.status_code == 303 and node_props(staff_app, ANTALYA)["population"] == 2700001

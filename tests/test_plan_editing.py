"""Editing the action plan in the web (issue 13 part 2): every plan kind is created, edited,
deleted and undone with the same forms as the other kinds, its ties written as an import of
the same row writes them; staff return to the plan page; viewers cannot edit."""

from __future__ import annotations

import re

import pytest

from tests.staff_fixtures import audit_of, node_props, post_form

PLAN = "plan-abb-up-2024-2029"
SECAP = "activity-abb-up-secap"
GOV4 = "activity-abb-up-gov4greenmed"
SISTERS = "indicator-abb-up-sister-cities"
LEAD = "org-antalya-foreign-relations"


def save(client, url, values, **extra):
    return post_form(client, url, {**values, "action": "save", **extra}, form=url)


def preview(client, url, values):
    return post_form(client, url, {**values, "action": "preview"}, form=url)


def form_of(client, record_id):
    data = client.get(f"/entity/{record_id}/edit.json").get_json()
    return data, {f["name"]: f["value"] for f in data["fields"]}


def ties(app, record_id):
    """Every tie of ``record_id`` with its properties (without ``updated_at``)."""
    from web.store import access

    with app.app_context():
        found = access().store.relations_of([record_id])
    return {
        r.key: {k: v for k, v in r.props.items() if k != "updated_at"}
        for r in sorted(found, key=lambda r: r.key)
    }


def undo_newest(client):
    entry = client.get("/audit.json").get_json()["entries"][0]
    response = post_form(client, f"/audit/{entry['id']}/undo", form="/audit")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return entry


# -- the forms -----------------------------------------------------------------------------
def test_plan_fields_that_stand_for_ties_are_reference_inputs_with_search(editor):
    data = editor.get(f"/new/plan_activities.json?plan={PLAN}").get_json()
    widgets = {f["name"]: (f["widget"], f["kinds"]) for f in data["fields"]}
    assert widgets["plan"] == ("ref", "Plan")
    assert widgets["lead"] == ("refs", "City,Organization")
    assert widgets["contributors"] == ("refs", "City,Organization,Network")
    assert widgets["links"] == ("refs", "Project,Agreement,Event")
    assert widgets["status"][0] == "select"
    assert {f["name"]: f["value"] for f in data["fields"]}["plan"] == PLAN
    indicator = editor.get("/new/plan_indicators.json").get_json()
    assert {f["name"]: f["widget"] for f in indicator["fields"]}["of"] == "refs"
    html = editor.get("/new/indicator_measurements").get_data(as_text=True)
    assert re.search(
        r'id="s-indicator"[^>]*data-autocomplete="set"[^>]*data-kinds="Indicator"', html
    )


def test_edit_form_of_an_activity_shows_its_ties(editor):
    data, values = form_of(editor, GOV4)
    assert data["kind"] == "plan_activities" and not data["is_new"] and data["version"]
    assert values["plan"] == PLAN and values["links"] == "project-gov4greenmed"
    assert "waste-circular-economy" in values["themes"] and values["status"] == "in_progress"


# -- activity: create, edit, undo, delete --------------------------------------------------
def test_new_activity_is_saved_with_its_ties_and_returns_to_the_plan(editor, staff_app):
    here = f"/plan?plan={PLAN}"
    values = {
        "plan": PLAN,
        "name": "Twinning study visit to Bucharest",
        "name_tr": "Bükreş'e eşleştirme çalışma ziyareti",
        "themes": "climate-mitigation",
        "lead": LEAD,
        "contributors": "city-ro-bucharest",
        "links": "project-netzerocities-twinning",
        "planned_start": "2026-03",
        "planned_end": "2026-06",
        "status": "planned",
        "plan_year": "2026",
        "next": here,
    }
    checked = preview(editor, "/new/plan_activities", values).get_data(as_text=True)
    assert 'id="save"' in checked and "change-badge-create" in checked
    response = save(editor, "/new/plan_activities", values)
    assert response.status_code == 303 and response.headers["Location"] == here
    new_id = audit_of(staff_app).entries()[0].subject
    props = node_props(staff_app, new_id)
    assert props["name"] == values["name"] and props["plan_year"] == 2026
    got = set(ties(staff_app, new_id))
    assert {
        (new_id, "ACTIVITY_OF", PLAN),
        (new_id, "LED_BY", LEAD),
        ("city-ro-bucharest", "CONTRIBUTES_TO", new_id),
        (new_id, "LINKED_TO", "project-netzerocities-twinning"),
        (new_id, "HAS_THEME", "theme-climate-mitigation"),
    } <= got
    page = editor.get(f"/plan?plan={PLAN}&lang=en").get_data(as_text=True)
    assert values["name"] in page


def test_edit_of_an_activity_replaces_its_ties_and_undo_restores_it_exactly(editor, staff_app):
    before_props, before_ties = node_props(staff_app, GOV4), ties(staff_app, GOV4)
    _data, values = form_of(editor, GOV4)
    here = f"/plan/activity/{GOV4}"
    changed = values | {
        "status": "done",
        "actual_end": "2026-11",
        "links": "project-gov4greenmed; agreement-protocol-svencionys",
        "themes": "waste-circular-economy",
        "lead": LEAD,
        "next": here,
    }
    response = save(editor, f"/entity/{GOV4}/edit", changed)
    assert response.status_code == 303 and response.headers["Location"] == here
    after = node_props(staff_app, GOV4)
    assert after["status"] == "done" and after["actual_end"] == "2026-11"
    now = set(ties(staff_app, GOV4))
    assert (GOV4, "LINKED_TO", "agreement-protocol-svencionys") in now
    assert (GOV4, "LED_BY", LEAD) in now
    assert (GOV4, "HAS_THEME", "theme-organic-waste") not in now  # removed from the form
    page = editor.get(here).get_data(as_text=True)
    assert "plan-status-done" in page
    entry = undo_newest(editor)
    assert entry["action"] == "edit"
    assert node_props(staff_app, GOV4) == before_props
    assert ties(staff_app, GOV4) == before_ties


def test_contributor_roles_survive_an_edit_of_the_activity(editor, staff_app):
    added = save(
        editor,
        "/new/activity_contributors",
        {"activity": SECAP, "contributor": "city-ro-bucharest", "role": "peer city"},
    )
    assert added.status_code == 303 and added.headers["Location"] == f"/plan/activity/{SECAP}"
    _data, values = form_of(editor, SECAP)
    assert values["contributors"] == f"city-ro-bucharest;{LEAD}"
    save(editor, f"/entity/{SECAP}/edit", values | {"budget_eur": "120000"})
    tie = ("city-ro-bucharest", "CONTRIBUTES_TO", SECAP)
    assert ties(staff_app, SECAP)[tie]["role"] == "peer city"
    assert node_props(staff_app, SECAP)["budget_eur"] == 120000
    # cleared in the activity's form: the tie goes
    save(editor, f"/entity/{SECAP}/edit", values | {"contributors": LEAD})
    assert tie not in ties(staff_app, SECAP)
    assert (LEAD, "CONTRIBUTES_TO", SECAP) in ties(staff_app, SECAP)


def test_delete_an_activity_then_undo_brings_it_back_with_its_ties(editor, staff_app):
    before_props, before_ties = node_props(staff_app, GOV4), ties(staff_app, GOV4)
    back = f"/plan?plan={PLAN}"
    confirm = editor.get(f"/entity/{GOV4}/delete?next={back}")
    assert confirm.status_code == 200 and 'id="confirm-delete"' in confirm.get_data(as_text=True)
    response = post_form(
        editor, f"/entity/{GOV4}/delete", {"next": back}, form=f"/entity/{GOV4}/delete"
    )
    assert response.status_code == 303 and response.headers["Location"] == back
    assert node_props(staff_app, GOV4) is None
    assert editor.get(f"/plan/activity/{GOV4}").status_code == 404
    undo_newest(editor)
    assert node_props(staff_app, GOV4) == before_props and ties(staff_app, GOV4) == before_ties


# -- the other kinds -----------------------------------------------------------------------
KINDS = [
    # kind, new values, field to edit with its new value, property checked
    (
        "plans",
        {"name": "Second plan", "period_start": "2030", "period_end": "2034", "themes": "tourism"},
        ("status", "approved"),
    ),
    (
        "plan_stages",
        {"plan": PLAN, "order": "7", "name": "Follow-up"},
        ("status", "in_progress"),
    ),
    (
        "plan_committees",
        {"plan": PLAN, "name": "Technical committee", "kind": "technical"},
        ("name_tr", "Teknik komite"),
    ),
    (
        "plan_indicators",
        {"name": "Study visits", "of": f"{PLAN}; {SECAP}", "unit": "count", "targets": "2026: 3"},
        ("targets", "2026: 4; 2027: 6"),
    ),
    (
        "indicator_measurements",
        {"indicator": SISTERS, "date": "2025-12-31", "value": "13"},
        ("value", "14"),
    ),
]


@pytest.mark.parametrize(("kind", "values", "edit"), KINDS, ids=[k[0] for k in KINDS])
def test_create_edit_delete_and_undo_each_plan_kind(editor, staff_app, kind, values, edit):
    created = save(editor, f"/new/{kind}", values)
    assert created.status_code == 303, created.get_data(as_text=True)[:2000]
    record = audit_of(staff_app).entries()[0].subject
    assert created.headers["Location"].startswith("/plan")
    first = node_props(staff_app, record)
    _data, form = form_of(editor, record)
    field, value = edit
    edited = save(editor, f"/entity/{record}/edit", form | {field: value})
    assert edited.status_code == 303
    _data, again = form_of(editor, record)
    assert again[field] == value
    undo_newest(editor)
    assert node_props(staff_app, record) == first
    deleted = post_form(editor, f"/entity/{record}/delete", form=f"/entity/{record}/delete")
    assert deleted.status_code == 303 and node_props(staff_app, record) is None
    undo_newest(editor)
    assert node_props(staff_app, record) == first


def test_indicator_targets_cleared_in_the_form_are_removed(editor, staff_app):
    save(editor, "/new/plan_indicators", {"name": "Visits", "of": PLAN, "targets": "2026: 3"})
    record = audit_of(staff_app).entries()[0].subject
    assert node_props(staff_app, record)["target_years"] == [2026]
    _data, form = form_of(editor, record)
    save(editor, f"/entity/{record}/edit", form | {"targets": ""})
    props = node_props(staff_app, record)
    assert "targets" not in props and "target_years" not in props


def test_committee_member_tie_is_added_edited_and_removed(editor, staff_app):
    save(editor, "/new/plan_committees", {"plan": PLAN, "name": "Political", "kind": "political"})
    committee = audit_of(staff_app).entries()[0].subject
    added = save(
        editor,
        "/new/committee_members",
        {"committee": committee, "member": LEAD, "role": "secretariat"},
    )
    assert added.status_code == 303 and added.headers["Location"] == f"/plan?plan={PLAN}"
    tie = f"{LEAD}|SITS_ON|{committee}"
    _data, form = form_of(editor, tie)
    assert form["role"] == "secretariat"
    save(editor, f"/entity/{tie}/edit", form | {"role": "chair"})
    assert ties(staff_app, committee)[(LEAD, "SITS_ON", committee)]["role"] == "chair"
    undo_newest(editor)
    assert ties(staff_app, committee)[(LEAD, "SITS_ON", committee)]["role"] == "secretariat"
    post_form(editor, f"/entity/{tie}/delete", form=f"/entity/{tie}/delete")
    assert (LEAD, "SITS_ON", committee) not in ties(staff_app, committee)


# -- checks ----------------------------------------------------------------------------------
def test_a_near_duplicate_activity_must_be_confirmed(editor, staff_app):
    values = {"plan": PLAN, "name": "Gov4GreenMed projekt"}
    shown = preview(editor, "/new/plan_activities", values).get_data(as_text=True)
    assert 'id="duplicates"' in shown and GOV4 in shown
    refused = save(editor, "/new/plan_activities", values)
    assert refused.status_code == 409
    saved = save(editor, "/new/plan_activities", values, confirm_duplicates="yes")
    assert saved.status_code == 303


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "is not a date"), ("tr", "tarih değil")],
)
def test_a_validation_error_shows_next_to_its_field_in_the_language(editor, lang, words):
    _data, form = form_of(editor, SECAP)
    response = save(editor, f"/entity/{SECAP}/edit?lang={lang}", form | {"planned_end": "soon"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    block = re.search(
        r'<div class="field has-problem[^"]*" data-field="planned_end">(.*?)</div>', html, re.S
    )
    assert block and 'class="problem"' in block.group(1)
    assert words in block.group(1), block.group(1)


def test_an_unknown_plan_is_refused_at_its_field(editor, staff_app):
    response = save(editor, "/new/plan_activities", {"plan": "plan-nowhere", "name": "X"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'has-problem[^"]*" data-field="plan">', html)
    assert audit_of(staff_app).count() == 0


def test_a_stale_edit_of_an_activity_is_refused(editor, staff_app):
    from graph.model import Node
    from graph.stores.changes import ChangeSet
    from web.store import access

    data, form = form_of(editor, SECAP)
    with staff_app.app_context():
        access().store.apply(ChangeSet([Node(SECAP, "Activity", {"status": "on_hold"})]))
    response = save(
        editor, f"/entity/{SECAP}/edit", form | {"status": "done"}, version=data["version"]
    )
    assert response.status_code == 409 and 'id="stale-edit"' in response.get_data(as_text=True)
    assert node_props(staff_app, SECAP)["status"] == "on_hold"


# -- links on the plan pages ---------------------------------------------------------------
def test_plan_pages_offer_staff_links_to_editors(editor):
    overview = editor.get(f"/plan?plan={PLAN}").get_data(as_text=True)
    assert f'href="/entity/{SECAP}/edit?next=' in overview
    assert 'href="/entity/stage-abb-up-1/edit?next=' in overview
    assert f'href="/entity/{SISTERS}/edit?next=' in overview
    assert re.search(rf'id="new-activity" href="/new/plan_activities\?[^"]*plan={PLAN}', overview)
    assert re.search(rf'id="new-indicator" href="/new/plan_indicators\?[^"]*of={PLAN}', overview)
    activity = editor.get(f"/plan/activity/{SECAP}").get_data(as_text=True)
    assert f'id="edit-record" href="/entity/{SECAP}/edit?next=' in activity
    assert f"/entity/{SECAP}/delete?next=" in activity
    indicator = editor.get(f"/plan/indicator/{SISTERS}").get_data(as_text=True)
    assert re.search(
        rf'id="add-measurement" href="/new/indicator_measurements\?[^"]*indicator={SISTERS}',
        indicator,
    )
    assert "/entity/measurement-abb-up-sister-cities-2024-03-11/edit?next=" in indicator


def test_viewers_see_no_edit_links_on_the_plan_pages(viewer):
    for url in (f"/plan?plan={PLAN}", f"/plan/activity/{SECAP}", f"/plan/indicator/{SISTERS}"):
        html = viewer.get(url).get_data(as_text=True)
        assert "/edit?" not in html and "/new/" not in html and "/delete?" not in html, url


def test_viewers_cannot_edit_plan_records(viewer, staff_app):
    from tests.web_fixtures import csrf_token

    assert viewer.get("/new/plan_activities").status_code == 403
    assert viewer.get(f"/entity/{SECAP}/edit").status_code == 403
    token = csrf_token(viewer, "/")
    response = viewer.post(
        f"/entity/{SECAP}/edit",
        data={"name": "X", "plan": PLAN, "action": "save", "csrf_token": token},
    )
    assert response.status_code == 403 and node_props(staff_app, SECAP)["name"] != "X"


# -- on each backend (embedded and the real Neo4j) -----------------------------------------
def test_activity_edit_and_undo_on_each_backend(backend_app, client_as):
    editor = client_as(backend_app, "editor")
    before_props, before_ties = node_props(backend_app, GOV4), ties(backend_app, GOV4)
    data, values = form_of(editor, GOV4)
    changed = values | {
        "status": "done",
        "links": "project-gov4greenmed; agreement-protocol-svencionys",
        "lead": LEAD,
    }
    response = save(editor, f"/entity/{GOV4}/edit", changed, version=data["version"])
    assert response.status_code == 303 and response.headers["Location"] == f"/plan/activity/{GOV4}"
    assert node_props(backend_app, GOV4)["status"] == "done"
    assert (GOV4, "LED_BY", LEAD) in ties(backend_app, GOV4)
    entry = editor.get("/audit.json").get_json()["entries"][0]
    assert entry["backend"] == backend_app.config["DIPLOMAP"]["DIPLOMAP_BACKEND"]
    # a second save from the form opened before the first is stale
    stale = save(editor, f"/entity/{GOV4}/edit", values, version=data["version"])
    assert stale.status_code == 409 and node_props(backend_app, GOV4)["status"] == "done"
    undo_newest(editor)
    assert node_props(backend_app, GOV4) == before_props
    assert ties(backend_app, GOV4) == before_ties


def test_measurement_create_edit_delete_and_undo_on_each_backend(backend_app, client_as):
    editor = client_as(backend_app, "editor")
    here = f"/plan/indicator/{SISTERS}"
    created = save(
        editor,
        "/new/indicator_measurements",
        {"indicator": SISTERS, "date": "2025-12-31", "value": "13", "next": here},
    )
    assert created.status_code == 303 and created.headers["Location"] == here
    record = editor.get("/audit.json").get_json()["entries"][0]["subject"]
    assert node_props(backend_app, record)["value"] == 13
    assert (record, "MEASUREMENT_OF", SISTERS) in ties(backend_app, record)
    _data, form = form_of(editor, record)
    assert save(editor, f"/entity/{record}/edit", form | {"value": "14"}).status_code == 303
    assert node_props(backend_app, record)["value"] == 14
    undo_newest(editor)
    assert node_props(backend_app, record)["value"] == 13
    deleted = post_form(
        editor, f"/entity/{record}/delete", {"next": here}, form=f"/entity/{record}/delete"
    )
    assert deleted.status_code == 303 and deleted.headers["Location"] == here
    assert node_props(backend_app, record) is None
    undo_newest(editor)
    assert node_props(backend_app, record)["value"] == 13
    assert (record, "MEASUREMENT_OF", SISTERS) in ties(backend_app, record)


def test_audit_summaries_of_plan_ties_read_in_turkish(editor, staff_app):
    save(
        editor,
        "/new/activity_contributors",
        {"activity": SECAP, "contributor": "city-ro-bucharest"},
    )
    page = editor.get("/audit?lang=tr").get_data(as_text=True)
    assert "Faaliyete katkı veren" in page and "activity contributor" not in page

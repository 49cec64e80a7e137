"""Consortia for a call: ``/consortium`` (+ ``.json``), downloaded as ``/consortium.xlsx``.

A GET form, so every proposal has a URL that can be shared and downloaded:

``theme``      the theme of the call (id; the form lists our priority themes first)
``programme``  the funding programme whose partnership rules apply (id)
``size``       partners per consortium, our city (the coordinator) included: 3-8 (default 5)

The consortia come from :func:`graph.synergy.consortium.consortia`; each card shows its
partners with their reasons, every rule of the programme with a tick or a cross, its
strong and weak points, and the public document the rules come from.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from flask import Blueprint, Response, request, url_for

from graph.accounts.permissions import EXPORT, READ
from graph.errors import InvalidData
from graph.reference.programmes import load
from graph.synergy.consortium import SIZES, consortia
from importers.messages import translate
from web import insights, params
from web.auth import requires
from web.consortium_sheets import eligible_as, tie_text, workbook
from web.i18n import lang
from web.present import summary
from web.selection import filter_choices
from web.store import access
from web.twin import page

bp = Blueprint("consortium", __name__)


def read_query() -> dict[str, Any]:
    return {
        "theme": (request.args.get("theme") or "").strip(),
        "programme": (request.args.get("programme") or "").strip(),
        "size": params.number("size", 5, *SIZES),
    }


def _text(said: dict[str, Any] | None) -> Any:
    """The page language's part of ``{"en": ..., "tr": ...}``."""
    if not said:
        return said
    return said.get(lang()) or said.get("en")


def _present(G: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The proposal's plain data plus what the page shows, in the page's language."""
    for c in data["consortia"]:
        for p in c["partners"]:
            p["entity"] = summary(G, p["id"])
            said = _text(p["reasons"]) or []
            p["tie_text"] = tie_text(p, lang())
            p["eligible_as"] = eligible_as(p, data["programme"]["groups"], lang())
            p["reasons_text"] = said[1:] if p["tie"] else said
        c["checks_text"] = [{"ok": k["ok"], "text": _text(k["text"])} for k in c["checks"]]
        c["strengths_text"] = _text(c["strengths"])
        c["weaknesses_text"] = _text(c["weaknesses"])
    for p in data["left_out"]:
        p["entity"] = summary(G, p["id"])
        p["tie_text"] = _text(p["tie_text"])
    programme = data["programme"]
    programme["display"] = programme["name_tr"] if lang() == "tr" else programme["name_en"]
    programme["eligible_display"] = _text(programme["eligible_text"])
    programme["notes_text"] = _text(programme["notes"])
    source = programme["source"]
    programme["states_text"] = source.get(f"states_{lang()}") or source.get("states_en")
    data["theme"]["display"] = data["theme"]["name_tr"] if lang() == "tr" else data["theme"]["name"]
    data["why_text"] = _text(data["why"])
    return data


def proposal() -> dict[str, Any]:
    """The query and the consortia (shared by the page and the XLSX download)."""
    acc = access()
    G = acc.graph()
    q = read_query()
    home = acc.home()
    out: dict[str, Any] = {"query": q, "home": summary(G, home) if home else None, "result": None}
    if home and q["theme"] and q["programme"]:
        w = insights.weights()
        key = ("consortium", q["theme"], q["programme"], q["size"], home, w, date.today())
        try:
            found = acc.memo(
                key,
                lambda G: consortia(
                    G, q["theme"], q["programme"], size=q["size"], weights=w, home=home
                ).to_dict(),
                G,
            )
        except InvalidData as exc:  # a hand-made address: say it in the page's language
            raise InvalidData(translate(exc.message, lang()), translate(exc.hint, lang())) from exc
        out["result"] = _present(G, copy.deepcopy(found))
    return out


@page(bp, "/consortium", "consortium.html")
@requires(READ)
def consortium() -> dict[str, Any]:
    data = proposal()
    acc = access()
    G = acc.graph()
    home = acc.home()
    ours = set()
    if home:
        ours = {t for _, t, k in G.out_edges(home, keys=True) if k == "HAS_THEME"}
    themes = acc.derived(f"filters:{lang()}", filter_choices)["themes"]
    data["filters"] = {
        "themes": [{**t, "ours": t["id"] in ours} for t in themes],
        "programmes": [
            {"id": p.id, "name": p.name(lang())}
            for p in sorted(load().values(), key=lambda p: p.id)
        ],
        "sizes": list(range(SIZES[0], SIZES[1] + 1)),
    }
    query = request.query_string.decode("ascii", "replace")
    data["exports"] = {
        "xlsx": url_for("consortium.consortium_xlsx") + (f"?{query}" if query else "")
    }
    return data


@bp.get("/consortium.xlsx")
@requires(EXPORT)
def consortium_xlsx() -> Response:
    data = proposal()
    if data["result"] is None:
        raise InvalidData(
            translate("choose a theme and a programme first", lang()),
            translate("open /consortium, pick a theme and a programme, then download", lang()),
        )
    return Response(
        workbook(data["result"], lang()),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="diplomap-consortia.xlsx"'},
    )

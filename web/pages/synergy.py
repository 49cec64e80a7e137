"""Partner suggestions: ``/synergy`` (+ ``.json``), exported as ``/synergy.csv`` and ``/synergy.xlsx``.

A GET form, so every ranking has a URL that can be shared and exported:

``focus`` (or ``focus_q``)  the city, organisation, theme or project to rank for (default: home)
``kind``                  candidate kinds: City, Network, Organization
``theme``                 candidates must work on one of these themes
``country``               candidates' countries (ISO2)
``eligible``              funding programmes: eu, ipa, next-med
``limit``                 1-200 suggestions (default 20)

The ranking is :func:`graph.synergy.ranking.suggest`; each row shows the score, the parts
it is made of and the evidence behind each part.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request, url_for

from graph.accounts.permissions import EXPORT, READ
from graph.analysis.questions import in_our_networks_untied
from graph.reference.countries import PROGRAMMES
from web import insights, params
from web.auth import requires
from web.export import to_csv, to_xlsx
from web.i18n import lang
from web.present import summary
from web.search import asked, pick
from web.selection import filter_choices
from web.store import access
from web.twin import page
from web.vocab import kind as kind_word
from web.vocab import term

bp = Blueprint("synergy", __name__)

LIMIT_MAX = 200


def read_query() -> dict[str, Any]:
    acc = access()
    focus = pick("focus") if asked("focus") else None
    return {
        "focus": focus or acc.home(),
        "kinds": list(params.many("kind", insights.CANDIDATE_KINDS)),
        "themes": list(params.many("theme")),
        "countries": [c.upper() for c in params.many("country")],  # ISO codes are ASCII
        "eligible": list(params.many("eligible", PROGRAMMES)),
        "limit": params.number("limit", 20, 1, LIMIT_MAX),
        "untied": request.args.get("untied") == "1",
    }


def ranking() -> dict[str, Any]:
    """The query, its focus and the ranked suggestions (shared by the page and the exports)."""
    acc = access()
    G = acc.graph()
    q = read_query()
    results, shortfall = [], None
    if q["focus"]:
        results, shortfall = insights.suggestions_and_shortfall(
            G,
            q["focus"],
            limit=LIMIT_MAX if q["untied"] else q["limit"],
            kinds=q["kinds"] or insights.CANDIDATE_KINDS,
            themes=q["themes"],
            countries=q["countries"],
            eligible=q["eligible"],
            home=acc.home(),
        )
        if q["untied"] and acc.home():  # question 2: in our networks, no agreement yet
            pool = in_our_networks_untied(G, acc.home())
            results = [r for r in results if r["id"] in pool][: q["limit"]]
            shortfall = None  # counted over all suggestions, not over this question's
            for rank, r in enumerate(results, start=1):
                r["rank"] = rank
    for r in results:
        group = r.get("group")
        if group:
            group["members_linked"] = [summary(G, m["id"]) for m in group["members"]]
    return {
        "query": q,
        "focus": summary(G, q["focus"]) if q["focus"] else None,
        "results": results,
        "shortfall": shortfall,
    }


@page(bp, "/synergy", "synergy.html")
@requires(READ)
def synergy() -> dict[str, Any]:
    data = ranking()
    choices = access().derived(f"filters:{lang()}", filter_choices)
    data["filters"] = {
        "kinds": [{"id": k, "name": kind_word(k)} for k in insights.CANDIDATE_KINDS],
        "themes": choices["themes"],
        "countries": choices["countries"],
        "programmes": [{"id": p, "name": term(p)} for p in PROGRAMMES],
    }
    data["parts"] = {k: str(v) for k, v in insights.PART_NAMES.items()}
    data["exports"] = export_links(request.query_string.decode("ascii", "replace"))
    return data


def table(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The ranking as a header and rows for the spreadsheet exports."""
    parts = list(insights.PART_NAMES)
    header = [
        "rank",
        "id",
        "kind",
        "name",
        "name_tr",
        "country",
        "score",
        *[f"{p}" for p in parts],
        "reasons",
        "evidence",
    ]
    rows = []
    for r in data["results"]:
        by_name = {p["name"]: p for p in r["parts"]}
        evidence = " | ".join(
            f"{p['label']}: {', '.join(p['evidence_text'])}"
            for p in r["parts"]
            if p["evidence_text"]
        )
        rows.append(
            [
                r["rank"],
                r["id"],
                r["label"],
                r["name"],
                r["name_tr"] or "",
                r["country"] or "",
                r["score"],
                *[by_name[p]["contribution"] if p in by_name else "" for p in parts],
                "; ".join(r["reasons_text"]),
                evidence,
            ]
        )
    return header, rows


def _download(body: bytes, mimetype: str, extension: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="diplomap-synergy.{extension}"'},
    )


@bp.get("/synergy.csv")
@requires(EXPORT)
def synergy_csv() -> Response:
    header, rows = table(ranking())
    return _download(to_csv(header, rows), "text/csv; charset=utf-8", "csv")


@bp.get("/synergy.xlsx")
@requires(EXPORT)
def synergy_xlsx() -> Response:
    header, rows = table(ranking())
    return _download(
        to_xlsx(header, rows, "Synergy"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


def export_links(query_string: str) -> dict[str, str]:
    suffix = f"?{query_string}" if query_string else ""
    return {
        "csv": url_for("synergy.synergy_csv") + suffix,
        "xlsx": url_for("synergy.synergy_xlsx") + suffix,
    }

"""The web side of the analysis: suggestions, theme gaps, dormant agreements, paths.

The ranking and the path finding live in :mod:`graph.synergy` and
:mod:`graph.analysis`, written like networkx (``f(G, ...)`` -> plain results).
This module calls them and turns the results into dicts for pages and their
JSON twins: each candidate gets a :func:`~web.present.summary`, its reasons in
the chosen language, and each score part a readable name and evidence list.

Rankings and theme gaps are computed once per graph version and query (see
:meth:`web.store.GraphAccess.memo`); only their presentation, which depends on the
language, is done per request.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx
from flask import current_app
from flask_babel import lazy_gettext as _l

from graph.analysis.dormant import dormant
from graph.analysis.paths import shortest_paths
from graph.reference.countries import country_name
from graph.synergy.candidates import KINDS
from graph.synergy.gaps import gaps
from graph.synergy.ranking import Suggestion, suggest
from graph.synergy.weights import Weights
from web.i18n import lang
from web.present import sources, summary
from web.store import access
from web.vocab import KINDS as KIND_WORDS
from web.vocab import kind as kind_word
from web.vocab import term

#: Kinds of entity that suggestions can be made for.
FOCUS_KINDS = ("City", "Organization", "Theme", "Project")
CANDIDATE_KINDS = KINDS

PART_NAMES = {
    "shared_themes": _l("Shared themes"),
    "shared_networks": _l("Shared networks"),
    "partners_of_partners": _l("Partners of partners"),
    "complementary": _l("Fills a gap"),
    "eligibility": _l("Funding eligibility"),
    "activity": _l("Recent activity"),
    "geography": _l("Country ties"),
    "openness": _l("Openness"),
    "proximity": _l("Distance"),
    "size": _l("Similar size"),
    "partner_country": _l("Where our partners are"),
    "near_partners": _l("Near our partners"),
}


def _name(item: dict[str, Any]) -> str:
    if lang() == "tr" and item.get("name_tr"):
        return str(item["name_tr"])
    return str(item.get("name") or item.get("id") or "")


def _number(value: int) -> str:
    """``value`` with thousands grouped as the chosen language writes them."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang() == "tr" else text


def evidence_text(part: dict[str, Any]) -> list[str]:
    """The evidence of a score part as short phrases (names, chains, counts)."""
    out = []
    for e in part.get("evidence", []):
        if "names" in e:
            out.append(" → ".join(e["names"]))
        elif "via" in e and isinstance(e["via"], dict):
            out.append(f"{_name(e)} ({_name(e['via'])})")
        elif "programme" in e:
            out.append(term(e["programme"]))
        elif "countries" in e:
            a, b = e["countries"]
            out.append(f"{country_name(a, lang())} – {country_name(b, lang())}: {e['ties']}")
        elif "ties" in e and "id" not in e:
            out.append(str(e["ties"]))
        elif "of" in e and "country" in e:
            names = ", ".join(_name(m) for m in e.get("members", [])[:3])
            out.append(f"{country_name(e['country'], lang())}: {e['partners']}/{e['of']} ({names})")
        elif "km" in e and "id" in e:
            out.append(f"{_name(e)}: {_number(e['km'])} km")
        elif "km" in e:
            out.append(_number(e["km"]) + " km")
        elif "population" in e:
            out.append(f"{_number(e['population'])} / {_number(e['ours'])}")
        else:
            out.append(_name(e))
    return out


def part_names() -> dict[str, str]:
    """The readable names of the score parts in the chosen language."""
    return {name: str(text) for name, text in PART_NAMES.items()}


def present(
    G: nx.MultiDiGraph, s: Suggestion, rank: int, names: dict[str, str] | None = None
) -> dict[str, Any]:
    """A suggestion as the pages show it (``to_dict()`` plus display fields).

    ``names``: :func:`part_names`, when presenting many suggestions in one request.
    """
    names = names or part_names()
    d = s.to_dict()
    d["rank"] = rank
    d["candidate"] = summary(G, s.id)
    d["reasons_text"] = d["reasons"].get(lang()) or d["reasons"].get("en", [])
    d["sources"] = sources({"source": s.source})
    for p in d["parts"]:
        p["label"] = names.get(p["name"], p["name"])
        p["evidence_text"] = evidence_text(p)
    d["ties_text"] = [
        " · ".join(x for x in (_tie_word(t), term(t.get("status"))) if x) for t in d.get("ties", [])
    ]
    return d


def _tie_word(tie: dict[str, Any]) -> str:
    """What an existing tie with a candidate is: an agreement type, or a kind (project...)."""
    if tie.get("type"):
        return term(tie["type"])
    code = str(tie.get("kind") or "")
    return kind_word(code.capitalize()) if code.capitalize() in KIND_WORDS else term(code)


def weights() -> Weights:
    """The synergy weights of this app's settings (``DIPLOMAP_WEIGHT_*``)."""
    return Weights.from_settings(current_app.config["DIPLOMAP"])


def suggestions_and_shortfall(
    G: nx.MultiDiGraph,
    focus: str | None,
    *,
    limit: int = 20,
    kinds: Iterable[str] = CANDIDATE_KINDS,
    themes: Iterable[str] = (),
    countries: Iterable[str] = (),
    eligible: Iterable[str] = (),
    home: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Ranked partner suggestions for ``focus`` (None: the home city), and why they are
    fewer than ``limit`` when they are (``Shortfall.to_dict()`` plus ``text`` in the
    page's language), else None.

    The ranking is kept per graph version and query (and day: recent activity is
    measured from today); the returned dicts are new on every call.
    """
    w = weights()
    kinds, themes, countries, eligible = (
        tuple(kinds) or CANDIDATE_KINDS,
        tuple(themes),
        tuple(countries),
        tuple(eligible),
    )
    key = ("suggest", focus, limit, kinds, themes, countries, eligible, home, w, date.today())
    found = access().memo(
        key,
        lambda G: suggest(
            G,
            focus,
            limit=limit,
            kinds=kinds,
            themes=list(themes) or None,
            countries=list(countries) or None,
            eligible=list(eligible) or None,
            home=home,
            weights=w,
        ),
        G,
    )
    names = part_names()
    shortfall = getattr(found, "shortfall", None)
    why = None
    if shortfall is not None:
        why = shortfall.to_dict()
        why["text"] = why["reasons"].get(lang()) or why["reasons"]["en"]
    return [present(G, s, i, names) for i, s in enumerate(found, 1)], why


def suggestions(G: nx.MultiDiGraph, focus: str | None, **query: Any) -> list[dict[str, Any]]:
    """Ranked partner suggestions for ``focus`` (see :func:`suggestions_and_shortfall`)."""
    return suggestions_and_shortfall(G, focus, **query)[0]


def theme_coverage(G: nx.MultiDiGraph, home: str, candidates: int = 3) -> dict[str, Any]:
    """Priority themes of ``home``: those a live partner works on, and the gaps with candidates."""
    found = access().memo(
        ("gaps", home, candidates, date.today()),
        lambda G: gaps(G, home, limit=candidates),
        G,
    )
    names = part_names()
    missing = {g.id for g in found}
    priorities = [
        t
        for _, t, k, d in G.out_edges(home, keys=True, data=True)
        if k == "HAS_THEME" and d.get("kind") == "priority"
    ]
    covered = sorted(
        (summary(G, t) for t in priorities if t not in missing), key=lambda s: s["display"]
    )
    return {
        "priorities": len(priorities),
        "covered": covered,
        "gaps": [
            {
                **summary(G, g.id),
                "networks": [summary(G, n["id"]) for n in g.networks if n["id"] in G],
                "candidates": [present(G, c, i, names) for i, c in enumerate(g.candidates, 1)],
            }
            for g in found
        ],
    }


def dormant_ties(G: nx.MultiDiGraph, months: int, home: str | None) -> list[dict[str, Any]]:
    """Our agreements with no recorded activity for ``months`` months (or marked dormant).

    Only the home city's own agreements: the store may hold other cities' ties too (the
    peers of the demo, public data sets), which are not ours to revive.
    """
    out = []
    for t in dormant(G, months=months, home=home):
        if home is not None and home not in {p["id"] for p in t.parties}:
            continue
        d = t.to_dict()
        d["agreement"] = summary(G, t.id)
        d["partners"] = [summary(G, p["id"]) for p in t.parties if p["id"] != home and p["id"] in G]
        out.append(d)
    return out


def paths(G: nx.MultiDiGraph, a: str, b: str, k: int = 3) -> list[dict[str, Any]]:
    """Up to ``k`` shortest paths from ``a`` to ``b``, each with its steps in the chosen language."""
    out = []
    for p in shortest_paths(G, a, b, k=k):
        d = p.to_dict()
        d["entities"] = [summary(G, n["id"]) for n in p.nodes]
        d["steps_text"] = [s.get(lang()) or s["en"] for s in p.steps]
        d["sentence_text"] = p.sentence.get(lang()) or p.sentence["en"]
        out.append(d)
    return out

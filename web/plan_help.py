"""Who could help the plan: the activities and plan themes without a partner, each with its
synergy candidates, the networks that work on its themes, the local stakeholders to involve
and the funding within reach (issue 13 part 4, from :func:`graph.plan.needs.partner_needs`),
dressed for the plan pages.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from graph.plan.needs import partner_needs
from web.i18n import display_name, lang
from web.store import access


def _link(item: dict[str, Any]) -> dict[str, Any]:
    return {
        **item,
        "display": display_name(item) or item["id"],
        "url": url_for("entity.entity", id=item["id"]),
    }


def _dress(need: dict[str, Any]) -> dict[str, Any]:
    endpoint = "plan.activity" if need["kind"] == "activity" else "entity.entity"
    return {
        **need,
        "display": display_name(need) or need["id"],
        "url": url_for(endpoint, id=need["id"]),
        "themes": [_link(t) for t in need["themes"]],
        "candidates": [
            {**_link(c), "reason": (c.get("reasons", {}).get(lang()) or [""])[0]}
            for c in need["candidates"]
        ],
        "networks": [_link(n) for n in need["networks"][:5]],
        "more_networks": max(0, len(need["networks"]) - 5),
        "stakeholders": [_link(s) for s in need["stakeholders"]],
        "funding": [
            {**f, "display": display_name(f) or f["name"], "projects": len(f["projects"])}
            for f in need["funding"]
        ],
    }


def plan_needs(plan: str, as_of: str) -> list[dict[str, Any]]:
    """The needs of ``plan`` judged on ``as_of``, computed once per store version."""
    acc = access()
    home = acc.home()
    if home is None:
        return []
    found = acc.derived(
        f"plan-needs:{plan}:{as_of}",
        lambda G: [n.to_dict() for n in partner_needs(G, plan, home=home, today=as_of)],
    )
    return [_dress(n) for n in found]

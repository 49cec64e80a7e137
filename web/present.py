"""Plain-dict views of graph entities, shared by every page and its JSON twin.

:func:`summary` is how one entity appears in a list, a table or a tooltip. Pages
never hand a template a networkx object: they build dicts from these helpers, and
the JSON twin returns the same dicts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from flask import url_for

from graph.reference.countries import country_name
from web.i18n import display_name, lang
from web.vocab import kind as kind_word
from web.vocab import term

#: Attributes never listed as "properties" on an entity page (shown elsewhere).
HIDDEN_PROPS = {
    "label",
    "name",
    "name_tr",
    "name_en",
    "aliases",
    "source",
    "confidence",
    "updated_at",
}
#: Properties whose values are codes of a vocabulary (shown as words).
VOCAB_PROPS = {"type", "status", "kind", "role", "scope"}


def summary(G: nx.MultiDiGraph, id: str) -> dict[str, Any]:
    """``{id, kind, kind_label, name, name_tr, display, country, country_name, url}``."""
    attrs = G.nodes[id]
    label = attrs.get("label", "")
    country = attrs.get("country") or (attrs.get("iso2") if label == "Country" else None)
    return {
        "id": id,
        "kind": label,
        "kind_label": kind_word(label),
        "name": attrs.get("name") or attrs.get("name_en") or id,
        "name_tr": attrs.get("name_tr"),
        "display": display_name(attrs) or id,
        "country": country,
        "country_name": country_name(country, lang()) if country else None,
        "url": url_for("entity.entity", id=id),
    }


def safe_link(text: Any) -> str | None:
    """``text`` when it is an http(s) URL with a host, else None (never ``javascript:``).

    >>> safe_link("https://nuernberg.de/x"), safe_link("javascript:alert(1)"), safe_link("//x.org")
    ('https://nuernberg.de/x', None, None)
    >>> safe_link("local copy: research/datasets/x.csv") is None
    True
    """
    value = str(text or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc and " " not in value:
        return value
    return None


def split_sources(value: Any) -> list[str]:
    """A ``source`` property as a list: lists stay, text is split on `` | `` and newlines.

    >>> split_sources("https://a.org/x | local copy: y.csv")
    ['https://a.org/x', 'local copy: y.csv']
    >>> split_sources(None), split_sources(["a", " "])
    ([], ['a'])
    """
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).replace("\n", " | ").split(" | ")
    return [str(s).strip() for s in items if str(s).strip()]


def sources(props: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{text, url}]``: ``url`` only for http(s) sources, so only those become links."""
    return [{"text": s, "url": safe_link(s)} for s in split_sources(props.get("source"))]


def edge_facts(props: dict[str, Any]) -> dict[str, Any]:
    """The readable properties of a tie (dates, role, status, kind, weight)."""
    keep = ("since", "until", "role", "status", "kind", "weight", "confidence")
    return {k: props[k] for k in keep if props.get(k) not in (None, "")}


def entity_props(attrs: dict[str, Any]) -> list[dict[str, Any]]:
    """The entity's other properties as ``[{key, label, value, text}]`` for a definition list
    (``label``: the field's name in the page's language)."""
    from web.changes import field_label

    out = []
    for key in sorted(attrs):
        value = attrs[key]
        if key in HIDDEN_PROPS or value in (None, "", []):
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if isinstance(value, bool):
            text = "✓" if value else "–"
        elif key in VOCAB_PROPS:
            text = term(value)
        out.append({"key": key, "label": field_label(key), "value": value, "text": text})
    return out


def aliases(attrs: dict[str, Any]) -> list[str]:
    value = attrs.get("aliases")
    if isinstance(value, list):
        return [str(a) for a in value if str(a).strip()]
    return [a.strip() for a in str(value or "").split(";") if a.strip()]

"""Plain-dict views of graph entities, shared by every page and its JSON twin.

:func:`summary` is how one entity appears in a list, a table or a tooltip. Pages
never hand a template a networkx object: they build dicts from these helpers, and
the JSON twin returns the same dicts.
"""

from __future__ import annotations

import re
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


#: A source that names a file on the team's own disk, not a public record: never shown.
_INTERNAL = re.compile(
    r"""^(?:local\s+copy\b|file:|[a-z]:[\\/]|~?/|\.{1,2}/)"""  # "local copy: ...", file:, C:\, /x, ./x
    r"""|^shared\s+data\s*set\b"""  # "shared data set antalya/README.md (...)": the team's folder
    r"""|^[\w-]+(?:/[\w.-]+)+\.[a-z0-9]{1,5}$"""  # a relative file path: research/datasets/x.csv
    r"""|^[\w-]+\.(?:csv|tsv|xlsx|json|ya?ml|md|txt)\b""",  # a bare data file: twin_cities.csv
    re.IGNORECASE,
)


def internal_path(text: str) -> bool:
    """Whether a source is an internal file path (``local copy: research/...``, ``/srv/x.csv``).

    The one place where such sources are filtered: :func:`sources` drops them, so no page
    and no JSON twin shows where files lie on the team's own disks.

    >>> [internal_path(s) for s in ("local copy: research/datasets/x.csv", "research/x/y.csv",
    ...     "/home/a/b.csv", "file:///tmp/x", "https://a.org/x", "Karar 2024/56", "a.org/x.html")]
    [True, True, True, True, False, False, False]
    >>> [internal_path(s) for s in ("shared data set antalya/README.md (peer)", "twin_cities.csv",
    ...     "https://github.com/Hekman/twincities (app/public/twin_cities.csv)")]
    [True, True, False]
    """
    return bool(_INTERNAL.match(text.strip()))


def _public(text: str) -> str:
    """``text`` without a trailing internal path (``"x | local copy: y"`` written on one line)."""
    cut = re.search(r"[;,|]?\s*\blocal\s+copy\b", text, re.IGNORECASE)
    return text[: cut.start()].strip() if cut else text


def source_link(text: str) -> str | None:
    """The link of a source: the text itself, or the URL it opens with (``URL (note)``).

    >>> source_link("https://github.com/a/b (data/x.csv, commit f48bc29)")
    'https://github.com/a/b'
    >>> source_link("Council decision 56"), source_link("https://a.org/x y")
    (None, None)
    """
    head, _, rest = text.partition(" ")
    if safe_link(text):
        return text
    if rest.startswith("(") and safe_link(head):
        return head
    return None


def sources(props: dict[str, Any]) -> list[dict[str, Any]]:
    """``[{text, url}]``: ``url`` only for http(s) sources, so only those become links.

    Internal file paths are left out (:func:`internal_path`).

    >>> sources({"source": "https://a.org/x | local copy: research/datasets/x.csv"})
    [{'text': 'https://a.org/x', 'url': 'https://a.org/x'}]
    """
    out = []
    for item in split_sources(props.get("source")):
        text = _public(item)
        if text and not internal_path(text):
            out.append({"text": text, "url": source_link(text)})
    return out


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

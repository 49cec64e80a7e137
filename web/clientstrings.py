"""Words the browser scripts show, in the chosen language.

Scripts are static files, so they cannot call gettext. Every page renders this
dict into ``<script type="application/json" id="i18n">`` and ``common.js`` reads
it (``Diplomap.t("expand")``). Keys are stable names; values are translated here.
"""

from __future__ import annotations

from flask_babel import gettext as _

from web.i18n import lang
from web.visual import KIND_STYLE
from web.vocab import KINDS, RELATIONS, RELATIONS_INVERSE, VALUES

_BY_LANGUAGE: dict[str, dict[str, object]] = {}


def client_messages() -> dict[str, object]:
    """The words for the current language (built once per language: every page sends them)."""
    language = lang()
    if language not in _BY_LANGUAGE:
        _BY_LANGUAGE[language] = _build()
    return _BY_LANGUAGE[language]


def _build() -> dict[str, object]:
    return {
        "lang": lang(),
        "loading": _("Loading…"),
        "no_results": _("No match"),
        "expand": _("Show its neighbours"),
        "expanded": _("Neighbours added: %(count)s", count="{count}"),
        "nothing_new": _("No further neighbours"),
        "focus_here": _("Centre the view here"),
        "open_page": _("Open its page"),
        "find_path": _("Find a path from here"),
        "ties": _("Ties"),
        "country": _("Country"),
        "kind": _("Kind"),
        "status": _("Status"),
        "showing": _("Showing %(shown)s of %(total)s", shown="{shown}", total="{total}"),
        "fetch_failed": _("Could not load the data. Try again."),
        "map_failed": _("The map shapes could not be loaded."),
        "partners": _("Partners"),
        "no_coordinates": _("No coordinates"),
        "select_node": _("Click an entity to see its details here."),
        "all_years": _("all years"),
        "replay": _("Replay"),
        "stop": _("Stop"),
        "grouped": _(
            "%(count)s entities in %(country)s: double-click to open",
            count="{count}",
            country="{country}",
        ),
        "kinds": {k: str(v) for k, v in KINDS.items()},
        "relations": {k: str(v) for k, v in RELATIONS.items()},
        "relations_inverse": {k: str(v) for k, v in RELATIONS_INVERSE.items()},
        "values": {k: str(v) for k, v in VALUES.items()},
        "kind_colours": {k: c for k, (c, _shape) in KIND_STYLE.items()},
    }

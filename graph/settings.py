"""One table of settings, each with a name, a default and a help text.

Every setting can be overridden from the environment under its own name
(``DIPLOMAP_DATA_DIR``, ``NEO4J_URI``...). The README documents the same table;
``tests/test_settings.py`` checks that the two agree.

>>> s = load({"DIPLOMAP_BACKEND": "neo4j"})
>>> s["DIPLOMAP_BACKEND"]
'neo4j'
>>> load({})["DIPLOMAP_DORMANT_MONTHS"]
24
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import SettingError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _user_data_dir() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "diplomap")


@dataclass(frozen=True)
class Setting:
    """One setting: its environment name, default, help text (the README table shows it) and type."""

    name: str
    default: Any
    help: str
    type: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DIPLOMAP_DATA_DIR",
        None,
        "Folder of the embedded store and the user database "
        "(default: the user's data directory, ~/.local/share/diplomap).",
    ),
    Setting(
        "DIPLOMAP_BACKEND",
        "embedded",
        "Store backend: `embedded` (SQLite file, no server) or `neo4j`.",
    ),
    Setting(
        "DIPLOMAP_DATASETS_DIR",
        str(PROJECT_ROOT.parent / "shared" / "datasets"),
        "Folder of the public data sets used by tests, benchmarks and `diplomap evaluate`.",
    ),
    Setting(
        "DIPLOMAP_HOME", None, "Id of the home city when the graph has several `is_home` cities."
    ),
    Setting("NEO4J_URI", "bolt://127.0.0.1:7687", "Bolt address of the Neo4j server."),
    Setting("NEO4J_USER", "neo4j", "Neo4j user name."),
    Setting("NEO4J_PASSWORD", "", "Neo4j password (never written in a file of the project)."),
    Setting("NEO4J_DATABASE", "neo4j", "Neo4j database name."),
    Setting("DIPLOMAP_BATCH_SIZE", 2000, "Rows per `UNWIND` batch when writing to Neo4j.", int),
    Setting(
        "DIPLOMAP_FUZZY_CUTOFF",
        85,
        "Lowest rapidfuzz score (0-100) reported as a possible duplicate.",
        int,
    ),
    Setting(
        "DIPLOMAP_DORMANT_MONTHS",
        24,
        "Months without a recorded event after which an agreement is dormant.",
        int,
    ),
    Setting(
        "DIPLOMAP_QUERY_TIMEOUT",
        10.0,
        "Seconds a console Cypher query may run (enforced by Neo4j).",
        float,
    ),
    Setting("DIPLOMAP_ROW_CAP", 1000, "Most rows a console Cypher query returns.", int),
    Setting(
        "DIPLOMAP_SECRET_KEY",
        None,
        "Flask secret key (a random one is kept in the data dir when unset).",
    ),
    Setting(
        "DIPLOMAP_SECURE_COOKIES",
        True,
        "Send the session cookie only over HTTPS (set `false` for plain http on 127.0.0.1, as `diplomap demo` does).",
        bool,
    ),
    Setting("DIPLOMAP_MAX_UPLOAD_MB", 20, "Largest file accepted by the web import, in MiB.", int),
    Setting("DIPLOMAP_VIEW_CAP", 500, "Most nodes drawn in one explorer view.", int),
    Setting(
        "DIPLOMAP_WEIGHT_SHARED_THEMES",
        1.0,
        "Synergy weight: themes the candidate shares with the focus (a shared parent counts half).",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_SHARED_NETWORKS", 0.3, "Synergy weight: networks both belong to.", float
    ),
    Setting(
        "DIPLOMAP_WEIGHT_PARTNERS_OF_PARTNERS",
        1.0,
        "Synergy weight: partners of our partners (resource allocation over 2 and 3 steps).",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_COMPLEMENTARY",
        0.8,
        "Synergy weight: expertise in a priority theme of ours that has no partner yet.",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_ELIGIBILITY",
        0.0,
        "Synergy weight: funding programmes both can join (EU, IPA, Interreg NEXT MED).",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_ACTIVITY",
        0.3,
        "Synergy weight: recent events, agreements and projects of the candidate.",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_GEOGRAPHY",
        0.1,
        "Synergy weight: how often cities of the two countries twin.",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_OPENNESS",
        0.01,
        "Synergy weight: how many partnerships the candidate already has.",
        float,
    ),
    Setting("DIPLOMAP_IMPORT_MAX_MB", 50, "Largest file an import reads, in MiB.", int),
    Setting(
        "DIPLOMAP_IMPORT_MAX_UNPACKED_MB",
        200,
        "Most a workbook may unpack to, in MiB (larger ones are refused unread).",
        int,
    ),
    Setting("DIPLOMAP_IMPORT_MAX_ROWS", 200000, "Most rows in one imported table.", int),
    Setting("DIPLOMAP_IMPORT_MAX_COLUMNS", 200, "Most columns in one imported table.", int),
    Setting("DIPLOMAP_IMPORT_MAX_CELL", 10000, "Most characters in one imported cell.", int),
    Setting("DIPLOMAP_IMPORT_MAX_DEPTH", 20, "Deepest nesting accepted in YAML/JSON.", int),
    Setting(
        "DIPLOMAP_SESSION_IDLE_MINUTES",
        60,
        "A sign-in ends after this many minutes without a request.",
        float,
    ),
    Setting(
        "DIPLOMAP_SESSION_MAX_HOURS",
        12,
        "A sign-in ends this many hours after it began, used or not.",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_PROXIMITY",
        0.2,
        "Synergy weight: how near the candidate is (great-circle distance).",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_SIZE",
        0.05,
        "Synergy weight: how alike the two populations are.",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_PARTNER_COUNTRY",
        0.0,
        "Synergy weight: share of our partner cities in the candidate's country.",
        float,
    ),
    Setting(
        "DIPLOMAP_WEIGHT_NEAR_PARTNERS",
        0.2,
        "Synergy weight: how near the candidate is to the nearest of our partner cities.",
        float,
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _coerce(setting: Setting, raw: Any) -> Any:
    if raw is None or setting.type is str or not isinstance(raw, str):
        return raw
    if setting.type is bool:
        word = raw.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise SettingError(
            f"{setting.name}={raw!r} is not true or false",
            hint=f"use true or false; {setting.name}: {setting.help}",
        )
    try:
        return setting.type(raw)
    except ValueError as exc:
        raise SettingError(
            f"{setting.name}={raw!r} is not a valid {setting.type.__name__}",
            hint=f"{setting.name}: {setting.help}",
        ) from exc


def load(environ: Mapping[str, str] | None = None, **overrides: Any) -> dict[str, Any]:
    """Return every setting, from ``overrides``, then ``environ``, then the default."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for s in SETTINGS:
        raw = overrides.get(s.name, environ.get(s.name, s.default))
        values[s.name] = _coerce(s, raw)
    if not values["DIPLOMAP_DATA_DIR"]:
        values["DIPLOMAP_DATA_DIR"] = _user_data_dir()
    if values["DIPLOMAP_BACKEND"] not in ("embedded", "neo4j"):
        raise SettingError(
            f"DIPLOMAP_BACKEND={values['DIPLOMAP_BACKEND']!r} is not a backend",
            hint="use `embedded` or `neo4j`",
        )
    return values


def describe(name: str) -> Setting:
    """The :class:`Setting` named ``name``."""
    return _BY_NAME[name]

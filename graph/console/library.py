"""Saved Cypher queries: one ``.cypher`` file each in ``cypher/``, with a header.

A saved query starts with a header of ``//`` lines, then the query::

    // title: Members of a network
    // title_tr: Bir ağın üyeleri
    // description: Cities and organisations in a network
    //   (a line without a key continues the one before).
    // param: network string
    // param: live_only bool false
    MATCH (m)-[r:MEMBER_OF]->(n:Network) ...

``// param: NAME TYPE DEFAULT`` declares a parameter; TYPE is one of
``string``, ``int``, ``float``, ``bool``, ``list``; DEFAULT (the rest of the line)
may be empty, which means null (an empty list for ``list``). Every ``$name`` the
query uses must be declared and every declared parameter must be used, so a
console can build one input per parameter. Values only ever reach Neo4j as
parameters.

>>> q = parse('''// title: T
... // title_tr: T
... // description: D
... // param: months int 24
... // param: themes list
... MATCH (a:Agreement) WHERE size($themes) >= 0 RETURN a LIMIT $months''', "demo")
>>> [(p.name, p.type, p.default) for p in q.params]
[('months', 'int', 24), ('themes', 'list', [])]
>>> q.bind({"months": "6", "themes": "clean-energy;water"})
{'months': 6, 'themes': ['clean-energy', 'water']}
>>> coerce("yes", "bool"), coerce("[1, 2]", "list"), coerce("", "int") is None
(True, [1, 2], True)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.console.params import TYPES, coerce, copy_value
from graph.errors import EntityNotFound, InvalidData, QueryRejected

CYPHER_DIR = Path(__file__).resolve().parents[2] / "cypher"
#: Files in ``cypher/`` that are not saved queries.
NOT_QUERIES = frozenset({"schema"})
REQUIRED_KEYS = ("title", "title_tr", "description")
_HEADER_LINE = re.compile(r"^//\s*([a-z_]+)\s*:\s?(.*)$")
_PARAM = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|`([^`]+)`)")
# String literals, quoted names and comments: blanked before scanning Cypher text.
_LITERALS = re.compile(
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|(?<!\$)`[^`]*`|//[^\n]*|/\*.*?\*/", re.S
)


def strip_literals(text: str) -> str:
    """``text`` with string literals, backticked names and comments blanked out.

    >>> strip_literals("MATCH (n {name: 'a $b // c'}) // $d\\nRETURN n.`x y`, $e")
    "MATCH (n {name: ''}) \\nRETURN n.``, $e"
    """

    def blank(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith("//") or s.startswith("/*"):
            return " " if s.startswith("/*") else ""
        return s[0] * 2

    return _LITERALS.sub(blank, text)


def used_parameters(query: str) -> list[str]:
    """Names of the ``$parameters`` in ``query`` (not in strings or comments), in order."""
    found = (a or b for a, b in _PARAM.findall(strip_literals(query)))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    raw_default: str = ""

    def to_dict(self) -> dict[str, Any]:
        """This Param as plain data for JSON twins and exports."""
        return {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "raw_default": self.raw_default,
        }


@dataclass
class SavedQuery:
    """One saved query; ``name`` is the file stem (``network_members``)."""

    name: str
    title: str
    title_tr: str
    description: str
    params: list[Param] = field(default_factory=list)
    query: str = ""
    path: str | None = None

    def param(self, name: str) -> Param | None:
        """The declared parameter ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    def bind(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Parameters for a run: ``values`` coerced to the declared types, defaults for the rest.

        Raises :class:`QueryRejected` for an unknown name or a value of the wrong type.
        """
        values = dict(values or {})
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            declared = ", ".join(p.name for p in self.params) or "none"
            raise QueryRejected(
                f"saved query {self.name!r} has no parameter {unknown[0]!r}",
                hint=f"its parameters: {declared}",
            )
        out = {}
        for p in self.params:
            if p.name in values:
                out[p.name] = coerce(values[p.name], p.type, name=p.name)
            else:
                out[p.name] = copy_value(p.default)
        return out

    def to_dict(self) -> dict[str, Any]:
        """This SavedQuery as plain data for JSON twins and exports."""
        return {
            "name": self.name,
            "title": self.title,
            "title_tr": self.title_tr,
            "description": self.description,
            "params": [p.to_dict() for p in self.params],
            "query": self.query,
            "path": self.path,
        }


def parse(text: str, name: str, path: str | None = None) -> SavedQuery:
    """Parse one saved query file; raise :class:`InvalidData` if its header is wrong."""
    where = path or name
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    lines = text.splitlines()
    body_start = len(lines)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            last = None
            continue
        if not stripped.startswith("//"):
            body_start = i
            break
        m = _HEADER_LINE.match(stripped)
        if m and m.group(1) in (*REQUIRED_KEYS, "param"):
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                params.append(_parse_param(value, where))
                last = None
            else:
                if key in fields:
                    raise InvalidData(f"{where}: '// {key}:' appears twice")
                fields[key], last = value, key
        elif last is not None:  # a continuation line
            fields[last] = f"{fields[last]} {stripped[2:].strip()}".strip()
    for key in REQUIRED_KEYS:
        if not fields.get(key):
            raise InvalidData(
                f"{where}: the header has no '// {key}:' line",
                hint="a saved query starts with // title:, // title_tr:, "
                "// description: and one // param: line per parameter",
            )
    query = "\n".join(lines[body_start:]).strip()
    if not query:
        raise InvalidData(f"{where}: no query after the header")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InvalidData(f"{where}: parameter {dup!r} is declared twice")
    used = used_parameters(query)
    undeclared = [u for u in used if u not in names]
    if undeclared:
        raise InvalidData(
            f"{where}: the query uses ${undeclared[0]}, which the header does not declare",
            hint=f"add '// param: {undeclared[0]} string' (or int, float, bool, list)",
        )
    unused = [n for n in names if n not in used]
    if unused:
        raise InvalidData(
            f"{where}: parameter {unused[0]!r} is declared but the query never uses it"
        )
    return SavedQuery(
        name, fields["title"], fields["title_tr"], fields["description"], params, query, path
    )


def _parse_param(spec: str, where: str) -> Param:
    parts = spec.split(None, 2)
    if len(parts) < 2:
        raise InvalidData(
            f"{where}: '// param: {spec}' needs a name and a type",
            hint="// param: NAME TYPE DEFAULT, e.g. // param: months int 24",
        )
    pname, ptype = parts[0], parts[1].lower()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", pname):
        raise InvalidData(f"{where}: {pname!r} is not a parameter name")
    if ptype not in TYPES:
        raise InvalidData(
            f"{where}: parameter {pname!r} has unknown type {ptype!r}",
            hint=f"use one of {', '.join(TYPES)}",
        )
    raw = parts[2].strip() if len(parts) > 2 else ""
    try:
        default = coerce(raw, ptype, name=pname)
    except QueryRejected as exc:
        raise InvalidData(f"{where}: default of {pname!r}: {exc.message}") from exc
    return Param(pname, ptype, default, raw)


def load_library(folder: Path | str | None = None) -> dict[str, SavedQuery]:
    """Every saved query in ``folder`` (default ``cypher/``), by name, sorted by name."""
    folder = Path(folder) if folder is not None else CYPHER_DIR
    out: dict[str, SavedQuery] = {}
    for file in sorted(folder.glob("*.cypher")):
        if file.stem in NOT_QUERIES:
            continue
        out[file.stem] = parse(file.read_text(encoding="utf-8"), file.stem, str(file))
    return out


def get_saved(name: str, folder: Path | str | None = None) -> SavedQuery:
    """The saved query called ``name``; :class:`EntityNotFound` with close names otherwise."""
    library = load_library(folder)
    found = library.get(name) or library.get(name.removesuffix(".cypher"))
    if found is not None:
        return found
    close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = (
        f"did you mean {', '.join(close)}? " if close else ""
    ) + "`diplomap cypher list` shows the saved queries"
    raise EntityNotFound(f"no saved query {name!r}", hint=hint)

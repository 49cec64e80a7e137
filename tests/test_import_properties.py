"""Property-based tests: whatever file staff bring, an import ends in a success or in a report
of located problems, never a traceback, and a refused import leaves the store as it was
(issue 11, part 6). Hypothesis generates CSV, XLSX and YAML/JSON inputs with random headers,
ids, encodings, delimiters, dates, lists and references; the CI profile runs enough examples
to matter in bounded time (``HYPOTHESIS_PROFILE``: ``ci`` by default, ``thorough`` for more).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import DiplomapError, ImportFailed
from graph.stores.embedded import EmbeddedStore
from importers.pipeline import import_path
from tests.conftest import SAMPLE

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=400)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HEADERS = ["id", "name", "country", "population", "lat", "is_home", "themes", "aliases",
           "member", "network", "since", "status", "type", "parties", "signed_on",
           "Şehir", "Ülke", "Durum", "İmza Tarihi", "Taraflar", "???", ""]  # fmt: skip
SHEETS = ["cities", "networks", "memberships", "agreements", "şehirler", "anlaşmalar", "x y"]
CELL = st.one_of(
    st.sampled_from(["Antalya", "city-tr-antalya", "TR", "Almanya", "aktif", "sister_city",
                     "11.03.2024", "2024-13-45", "1997", "3,5", "1.234.567", "true", "evet",
                     "network-medcities", "MedCities", "a;b", "=HYPERLINK(1)", "", "İzmir"]),
    st.text(max_size=30),
)  # fmt: skip

rows = st.lists(st.lists(CELL, min_size=1, max_size=8), min_size=0, max_size=8)


_TEMPLATE: list[Path] = []


def _store_with_sample(folder: Path) -> EmbeddedStore:
    """A store holding the sample: a copy of one made once per session (fast per example)."""
    import shutil

    if not _TEMPLATE:
        made = Path(tempfile.mkdtemp(prefix="diplomap-props-")) / "graph.sqlite"
        with EmbeddedStore(made) as store:
            import_path(store, SAMPLE)
        _TEMPLATE.append(made)
    shutil.copyfile(_TEMPLATE[0], folder / "graph.sqlite")
    return EmbeddedStore(folder / "graph.sqlite")


def _snapshot(store: EmbeddedStore) -> tuple:
    return (
        sorted((n.id, sorted(n.props.items(), key=str)) for n in store.nodes()),
        sorted(r.key for r in store.relations()),
    )


def _check(path: Path) -> None:
    """Import ``path`` into the sample; a refusal must be located and change nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        store = _store_with_sample(Path(tmp))
        before = _snapshot(store)
        try:
            import_path(store, path)
        except ImportFailed as failed:
            problems = failed.report.problems
            assert problems, "a refused import says why"
            assert all(str(p.location).startswith(path.name) for p in problems), problems
            assert _snapshot(store) == before
        except DiplomapError as other:  # an error with a message, never a traceback
            assert other.message
            assert _snapshot(store) == before
        finally:
            store.close()


@given(
    sheet=st.sampled_from(SHEETS),
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    body=rows,
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1254"]),
)
def test_any_csv_imports_or_is_refused_with_where(sheet, header, body, delimiter, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(body)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buffer.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{sheet}.csv"
        path.write_bytes(data)
        _check(path)


@given(
    sheet=st.sampled_from(SHEETS),
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    body=rows,
)
def test_any_workbook_imports_or_is_refused_with_where(sheet, header, body):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    ws = book.active
    ws.title = "".join(ch for ch in sheet if ch not in "[]:*?/\\")[:31] or "x"
    for row in [header, *body]:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.xlsx"
        book.save(path)
        _check(path)


JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False), CELL),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(HEADERS), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(
    doc=st.dictionaries(
        st.sampled_from(SHEETS),
        st.one_of(st.lists(st.dictionaries(st.sampled_from(HEADERS), JSONISH, max_size=6),
                           max_size=5), JSONISH),
        max_size=3,
    ),
    as_json=st.booleans(),
)  # fmt: skip
def test_any_yaml_or_json_imports_or_is_refused_with_where(doc, as_json):
    text = (
        json.dumps(doc, ensure_ascii=False) if as_json else yaml.safe_dump(doc, allow_unicode=True)
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("in.json" if as_json else "in.yaml")
        path.write_text(text, encoding="utf-8")
        _check(path)

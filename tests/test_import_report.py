"""Every problem of an import in one report (issue 11, part 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ImportFailed
from importers.pipeline import import_path
from tests.conftest import SAMPLE


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_bad_cell_and_an_unknown_reference_come_in_one_report(sample_store, tmp_path):
    write(tmp_path / "in", "cities.csv", "name,country,population\nMersin,TR,many\n")
    write(
        tmp_path / "in",
        "memberships.csv",
        "member,network,since\ncity-tr-antalya,MedCitis,2001\nMersin,network-cittaslow,2019\n",
    )
    before = {n.id for n in sample_store.nodes()}
    with pytest.raises(ImportFailed) as failed:
        import_path(sample_store, tmp_path / "in")
    report = failed.value.report
    where = [str(p.location) for p in report.errors]
    assert where == sorted(where, key=lambda w: (w.split(":")[0], int(w.split(":")[1])))
    messages = "\n".join(str(p) for p in report.errors)
    assert "cities.csv:2:population" in messages or "cities.csv:2:3" in messages
    assert "memberships.csv:2" in messages and "MedCitis" in messages
    assert "did you mean" in messages and "MedCities" in messages and "score" in messages
    # Mersin's row is wrong itself: the membership that names it is not reported again.
    assert "memberships.csv:3" not in messages
    assert "listed below" in failed.value.hint
    assert {n.id for n in sample_store.nodes()} == before  # nothing written


def test_a_network_resolves_by_its_acronym(sample_store, tmp_path):
    write(
        tmp_path / "in",
        "memberships.csv",
        "member,network,since\ncity-tr-mersin,MedCities,2001\n",
    )
    import_path(sample_store, tmp_path / "in")
    assert any(
        r.start == "city-tr-mersin" and r.end == "network-medcities"
        for r in sample_store.relations("MEMBER_OF")
    )


def test_hundreds_of_problems_are_capped_with_a_count(embedded, tmp_path):
    rows = "".join(f"City {i},TR,not-a-number\n" for i in range(300))
    write(tmp_path / "in", "cities.csv", "name,country,population\n" + rows)
    with pytest.raises(ImportFailed) as failed:
        import_path(embedded, tmp_path / "in")
    report = failed.value.report
    assert len(report.errors) == 300
    text = report.render_errors()
    assert text.count("\n") == 50 and "and 250 more errors" in text
    data = report.to_dict()
    assert len(data["errors"]) == 50 and data["errors_total"] == 300
    assert SAMPLE.exists()


def test_a_header_only_file_is_a_warning_not_a_silent_success(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "name,country\n")
    report = import_path(embedded, tmp_path / "in")
    assert [str(p) for p in report.warnings] == [
        "cities.csv:1: the sheet has a header but no rows: nothing was read from it"
    ]
    assert "1 warning(s)" in report.render()

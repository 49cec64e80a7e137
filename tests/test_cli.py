"""The `diplomap` command as a script would use it: exit codes, messages, formats."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.conftest import SAMPLE


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()

    def invoke(*args: str, **env: str):
        return runner.invoke(
            cli,
            list(args),
            env={
                "DIPLOMAP_DATA_DIR": str(tmp_path / "data"),
                "DIPLOMAP_BACKEND": "embedded",
                **env,
            },
            catch_exceptions=False,
        )

    return invoke


def test_import_then_stats_as_json(run):
    result = run("import", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "nodes: " in result.output
    stats = json.loads(run("stats", "--format", "json").output)
    assert stats["backend"] == "embedded" and stats["counts"]["City"] >= 40


def test_dry_run_changes_nothing_and_says_so(run):
    result = run("import", str(SAMPLE), "--dry-run")
    assert result.exit_code == 0 and "Dry run" in result.output and "would be" in result.output
    assert json.loads(run("stats", "--format", "json").output)["counts"] == {}


def test_bad_file_exits_1_with_located_message_not_traceback(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cities.csv").write_text(
        "name,country,lat\nKonya,TR,123\n", encoding="utf-8"
    )
    result = run("import", str(tmp_path / "in"))
    assert result.exit_code == 1
    assert "cities.csv:2:3: latitude 123.0 is out of range" in result.output
    assert "Traceback" not in result.output


def test_import_report_as_json_for_scripts(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cities.csv").write_text("name,country\nKonya,Narnia\n", encoding="utf-8")
    result = run("import", str(tmp_path / "in"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False and report["errors"][0]["where"] == "cities.csv:2:2"


def test_missing_path_is_a_message(run, tmp_path):
    result = run("import", str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "no such file or folder" in result.output


@pytest.mark.parametrize("fmt", ["json", "graphml", "csv", "xlsx"])
def test_export_formats(run, tmp_path, fmt):
    run("import", str(SAMPLE))
    target = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_template_is_written(run, tmp_path):
    result = run("template", "-o", str(tmp_path / "t.xlsx"))
    assert result.exit_code == 0 and (tmp_path / "t.xlsx").stat().st_size > 5000


def test_bad_setting_is_a_message(run):
    result = CliRunner().invoke(cli, ["stats"], env={"DIPLOMAP_ROW_CAP": "lots"})
    assert result.exit_code == 1
    assert (
        "DIPLOMAP_ROW_CAP='lots' is not a valid int" in result.output
        and "Traceback" not in result.output
    )

"""The architecture of docs/architecture.md holds, and its checks would catch a breach."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "importers", "web", "cli")
MAX_LINES = 300


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run import-linter on the packages under ``root`` with the project's contracts."""
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(exe), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_tree(dest: Path) -> Path:
    """The four packages and pyproject.toml, as Python sources only."""
    for name in PACKAGES:
        shutil.copytree(
            ROOT / name,
            dest / name,
            ignore=shutil.ignore_patterns("__pycache__", "static", "templates", "translations"),
        )
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_import_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("graph/model.py", "from importers import pipeline", "Layers"),
        ("importers/export.py", "from web import vocab", "Layers"),
        ("web/pages/maps.py", "from web.pages import explore", "Web pages do not import"),
        ("graph/analysis/dormant.py", "from graph.synergy import ranking", "Inside graph"),
    ],
    ids=["graph-imports-importers", "importers-imports-web", "page-imports-page", "analysis-up"],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line, contract):
    root = copy_tree(tmp_path)
    path = root / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout


def test_every_module_of_graph_is_under_300_lines():
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "graph").rglob("*.py")
    }
    too_long = {name: n for name, n in sizes.items() if n >= MAX_LINES}
    assert not too_long, f"split these by concept: {too_long}"

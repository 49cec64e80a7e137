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


def _public_functions() -> list[tuple[str, object]]:
    """Every public function and method defined in a module of graph/, with its dotted name."""
    import importlib
    import inspect
    import pkgutil

    import graph

    found = []
    for info in pkgutil.walk_packages(graph.__path__, "graph."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                found.append((f"{module.__name__}.{name}", obj))
            elif inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if isinstance(member, staticmethod | classmethod):
                        member = member.__func__
                    if isinstance(member, property):
                        member = member.fget
                    if inspect.isfunction(member):
                        found.append((f"{module.__name__}.{name}.{attr}", (obj, attr, member)))
    return found


def test_every_public_function_of_graph_has_a_docstring_and_type_hints():
    import inspect

    missing = []
    for dotted, obj in _public_functions():
        if isinstance(obj, tuple):  # a method: its docstring may come from the base class
            cls, attr, func = obj
            doc = (
                inspect.getdoc(getattr(cls, attr))
                if not isinstance(vars(cls)[attr], property)
                else func.__doc__
            )
        else:
            func, doc = obj, inspect.getdoc(obj)
        params = [
            p
            for p in inspect.signature(func).parameters.values()
            if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        problems = []
        if not (doc or "").strip():
            problems.append("no docstring")
        if any(p.annotation is inspect.Parameter.empty for p in params) or (
            func.__name__ != "__init__"
            and inspect.signature(func).return_annotation is inspect.Signature.empty
        ):
            problems.append("missing type hints")
        if problems:
            missing.append(f"{dotted}: {', '.join(problems)}")
    assert not missing, "\n".join(missing)

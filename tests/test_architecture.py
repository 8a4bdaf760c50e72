"""The stage layers hold: a lower stage never imports a higher one (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cnreport

PACKAGE = Path(cnreport.__file__).parent
STAGES = ("core", "extract", "clean", "analysis", "present", "run")  # low to high


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "cnreport" and parts[1] in STAGES else None


def _imports(path: Path) -> set[str]:
    """Every cnreport module a file imports, at any depth (function-level imports included)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in out if m.startswith("cnreport")}


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_a_higher_stage(path):
    rel = path.relative_to(PACKAGE).parts
    own = rel[0] if rel[0] in STAGES else None
    if own is None:  # cnreport/__init__.py and __main__.py sit above the stages
        return
    for module in _imports(path):
        stage = _stage(module)
        if stage is not None:
            assert STAGES.index(stage) <= STAGES.index(own), f"{'/'.join(rel)} ({own}) imports {module} ({stage})"


def test_the_layer_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from cnreport.run import cli\n", encoding="utf-8")
    assert _stage(sorted(_imports(bad))[0]) == "run"


def test_every_module_belongs_to_a_stage():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == [], f"modules outside a stage subpackage: {loose}"


def test_no_module_shadows_the_standard_library():
    import sys

    names = {p.stem for p in _modules()} - {"__init__", "__main__"}
    assert not names & set(sys.stdlib_module_names), names & set(sys.stdlib_module_names)


def _writes(path: Path) -> list[str]:
    """Calls in a file that write to disk directly: open(..., 'w'/'a'/'x'), .write_text/.write_bytes, os.replace."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name in ("write_text", "write_bytes", "replace") and isinstance(f, ast.Attribute) and (
                name != "replace" or (isinstance(f.value, ast.Name) and f.value.id == "os")):
            found.append(f"{name} at line {node.lineno}")
        if name in ("open", "fdopen"):
            modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
            modes += [k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
            if any(set(str(m)) & set("wax") for m in modes):
                found.append(f"open for writing at line {node.lineno}")
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_core_files_writes_to_disk(path):
    if path.relative_to(PACKAGE).as_posix() == "core/files.py":
        assert _writes(path), "the atomic writers live here: the check must see them"
        return
    assert _writes(path) == [], "write through cnreport.core.files' atomic writers"

"""pyproject.toml, requirements.lock and environment.yml pin the same versions."""

from __future__ import annotations

import re
import tomllib

import yaml

from cnreport.core import paths


def _pins(lines) -> dict[str, str]:
    out = {}
    for line in lines:
        m = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def _lock() -> dict[str, str]:
    return _pins((paths.ROOT / "requirements.lock").read_text().splitlines())


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    assert all("==" in d for d in deps), "every direct dependency is pinned exactly"
    return _pins(deps)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "python=3.11" in env["dependencies"]
    return _pins(pip)


def test_environment_yml_pins_exactly_the_direct_dependencies():
    assert _environment() == _pyproject()


def test_lock_file_has_every_direct_dependency_at_the_same_version():
    lock = _lock()
    mismatched = {k: (v, lock.get(k)) for k, v in _pyproject().items() if lock.get(k) != v}
    assert not mismatched, f"pyproject/environment.yml vs requirements.lock: {mismatched}"


def test_lock_file_pins_every_package_exactly():
    lines = [line for line in (paths.ROOT / "requirements.lock").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines and all("==" in line for line in lines), [line for line in lines if "==" not in line]
    assert len(_lock()) == len(lines)


def test_installed_versions_match_the_lock():
    from importlib.metadata import version

    for name in ("pandas", "matplotlib", "nbval", "opencc", "papermill", "ipykernel", "matplotlib-inline"):
        assert version(name) == _lock()[name], name

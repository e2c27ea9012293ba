"""Set-up files: pyproject and environment.yml pin the same dependencies."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis.paths import PROJECT_DIR


def normalise(requirement: str) -> str:
    name, _, version = requirement.partition("==")
    return f"{re.sub(r'[-_.]+', '-', name).lower()}=={version}"


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert {normalise(r) for r in pip} == wanted


def test_direct_dependencies_are_pinned():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    loose = [r for r in project["dependencies"] + project["optional-dependencies"]["dev"] if "==" not in r]
    assert loose == []

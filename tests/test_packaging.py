"""Set-up files: pyproject's ranges, the lock that make installs from, and environment.yml agree."""

from __future__ import annotations

import re

import tomllib
import yaml
from packaging.requirements import Requirement

from analysis.paths import PROJECT_DIR


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in project["dependencies"] + extras["dev"] + extras["dask"]]


def locked_versions() -> dict[str, str]:
    lines = (PROJECT_DIR / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pins = [line.split("==") for line in lines if "==" in line and not line.startswith("#")]
    return {canonical(name): version for name, version in pins}


def test_library_dependencies_are_ranges_not_pins():
    pinned = [str(r) for r in direct_requirements() if any(s.operator == "==" for s in r.specifier)]
    assert pinned == []


def test_lock_pins_every_direct_dependency_within_its_range():
    locked = locked_versions()
    for requirement in direct_requirements():
        version = locked.get(canonical(requirement.name))
        assert version is not None, f"{requirement.name} is missing from requirements.lock"
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_environment_yml_pins_the_locked_versions():
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    locked = locked_versions()
    wanted = {f"{canonical(r.name)}=={locked[canonical(r.name)]}" for r in direct_requirements()}
    assert {canonical(p.split("==")[0]) + "==" + p.split("==")[1] for p in pip} == wanted

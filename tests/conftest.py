"""Shared fixtures: the pipeline (loaded once per session), paths to the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.paths import SHARED_DIR

DATA_DIR = Path(__file__).parent / "data"
CORPORA_DIR = SHARED_DIR / "corpora"
WIKINEWS_DIR = CORPORA_DIR / "wikinews-2019"
POLNEAR_DIR = CORPORA_DIR / "polnear"


def require_shared(path: Path) -> Path:
    """Return ``path``, or skip the test with a message when the shared data are absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora live beside the project in ../shared/corpora")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The full Presslens pipeline (trained model and Presslens components)."""
    from analysis import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def wikinews_dir() -> Path:
    """The wikinews-2019 corpus folder (skips when absent)."""
    return require_shared(WIKINEWS_DIR)


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    """The PolNeAR folder (skips when absent)."""
    return require_shared(POLNEAR_DIR)


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty extraction cache for one test."""
    path = tmp_path / "cache"
    monkeypatch.setenv("PRESSLENS_CACHE_DIR", str(path))
    return path


def pytest_collection_modifyitems(config, items):
    """Skip the notebook cells that read ../shared/corpora when it is absent (nbval would differ)."""
    if CORPORA_DIR.exists():
        return
    skip = pytest.mark.skip(reason=f"{CORPORA_DIR} is absent: this notebook cell reads the shared corpora")
    for item in items:
        cell = getattr(item, "cell", None)
        if cell is not None and "polnear_scores(" in cell.get("source", ""):
            item.add_marker(skip)

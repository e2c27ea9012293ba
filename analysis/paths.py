"""Folder constants, anchored on the package so that notebooks, papermill and nbval agree."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
FIGURES_DIR = PROJECT_DIR / "figures"
REPORTS_DIR = PROJECT_DIR / "reports"
LEXICONS_DIR = PACKAGE_DIR / "lexicons"
SHARED_DIR = PROJECT_DIR.parent / "shared"


def cache_dir() -> Path:
    """Return the extraction cache folder: ``$PRESSLENS_CACHE_DIR`` or ``.cache/presslens`` in the project."""
    return Path(os.environ.get("PRESSLENS_CACHE_DIR") or PROJECT_DIR / ".cache" / "presslens")


def data_dir() -> Path:
    """Return where Presslens keeps data it derives from its dependencies' resources (the block
    index of the name dictionary, :mod:`analysis.actors.wgnd`): ``$PRESSLENS_DATA_DIR`` or the
    platform's user data folder (``~/.local/share/presslens`` on Linux).

    Not the extraction cache: ``extract(cache=False)`` may write here. Deleting it is safe; what
    it holds is rebuilt when needed.
    """
    folder = os.environ.get("PRESSLENS_DATA_DIR")
    if folder:
        return Path(folder)
    from platformdirs import user_data_dir

    return Path(user_data_dir("presslens", appauthor=False))


def figures_dir() -> Path:
    """Return where figures are saved: ``$PRESSLENS_FIGURES_DIR`` or the project's ``figures/``.

    ``presslens run`` points it at the report's own folder, so a report on another corpus never
    overwrites the figures of the default run.
    """
    return Path(os.environ.get("PRESSLENS_FIGURES_DIR") or FIGURES_DIR)


def resolve_corpus(corpus: str | os.PathLike[str] | None) -> Path:
    """Return the corpus path a notebook parameter names: empty means the project's ``seeds/``."""
    return Path(corpus).expanduser() if corpus and str(corpus).strip() else SEEDS_DIR

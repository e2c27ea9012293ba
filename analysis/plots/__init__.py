"""Plotting helpers: each ``plot_*`` function returns a Figure; :func:`save_figure` writes it.

Figures use the Agg backend and are saved as PNG and SVG with fixed metadata and a fixed SVG
hash salt, so re-running a notebook writes byte-identical files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

if "ipykernel" not in sys.modules:  # in Jupyter, keep the inline backend (Agg-based) so figures show
    matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..files import atomic_path  # noqa: E402
from ..paths import figures_dir  # noqa: E402

plt.rcParams.update({
    "svg.hashsalt": "presslens",
    "svg.fonttype": "none",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (8, 4.5),
    "axes.spines.top": False,
    "axes.spines.right": False,
})

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
}


def save_figure(fig: Figure, name: str, *, directory: Path | None = None) -> None:
    """Save ``fig`` as ``NAME.png`` and ``NAME.svg`` in the figures folder, deterministically.

    Args:
        fig: The figure to save.
        name: The file name without suffix, e.g. ``"01-corpus-lengths"``.
        directory: Another folder to save into (default: :func:`analysis.paths.figures_dir`).

    Returns nothing, so that a notebook cell ending with it shows only the figure.
    """
    directory = Path(directory or figures_dir())
    for fmt, metadata in _METADATA.items():
        with atomic_path(directory / f"{name}.{fmt}") as tmp:
            fig.savefig(tmp, format=fmt, metadata=metadata, bbox_inches="tight")


from .corpus import plot_article_lengths, plot_articles_over_time, plot_paragraph_lengths  # noqa: E402

__all__ = ["save_figure", "plot_article_lengths", "plot_articles_over_time", "plot_paragraph_lengths"]

"""Plotting helpers: each ``plot_*`` function returns a Figure; :func:`save_figure` writes it.

Figures use the Agg backend and are saved as PNG and SVG with fixed metadata and a fixed SVG
hash salt, so re-running a notebook writes byte-identical files.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, TypeVar

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .corpus import paragraph_spans
from .files import atomic_path
from .paths import figures_dir

STYLE: dict[str, Any] = {
    "svg.hashsalt": "presslens",
    "svg.fonttype": "none",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (8, 4.5),
    "axes.spines.top": False,
    "axes.spines.right": False,
}
"""The figure style, applied inside each plotting helper; importing Presslens changes no rcParams."""

F = TypeVar("F", bound=Callable)


def styled(function: F) -> F:
    """Run a plotting function under :data:`STYLE` (a decorator)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with plt.rc_context(STYLE):
            result = function(*args, **kwargs)
            # keep the interactive mode that a backend set up inside the context (Jupyter's inline
            # backend, activated by the first figure, turns it on); rc_context would undo it
            interactive = matplotlib.is_interactive()
        matplotlib.interactive(interactive)
        return result

    return wrapper  # type: ignore[return-value]


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
        with plt.rc_context(STYLE), atomic_path(directory / f"{name}.{fmt}") as tmp:  # type: ignore[arg-type]
            fig.savefig(tmp, format=fmt, metadata=metadata, bbox_inches="tight")


@styled
def plot_article_lengths(articles: pd.DataFrame) -> Figure:
    """Plot each article's length in words and paragraphs (one bar per article, or a histogram).

    Args:
        articles: The ``articles`` table.

    Returns:
        A figure with the words per article on the left and paragraphs on the right.
    """
    fig, (words, paragraphs) = plt.subplots(1, 2, figsize=(9, 3.6))
    if len(articles) <= 20:
        labels = articles["article_id"].astype(str).tolist()
        words.barh(labels, articles["n_words"].astype(float), color="#4c72b0")
        paragraphs.barh(labels, articles["n_paragraphs"].astype(float), color="#dd8452")
        words.invert_yaxis()
        paragraphs.invert_yaxis()
        paragraphs.set_yticklabels([])
        words.set_xlabel("words")
        paragraphs.set_xlabel("paragraphs")
    else:
        words.hist(articles["n_words"].astype(float), bins=30, color="#4c72b0")
        paragraphs.hist(articles["n_paragraphs"].astype(float), bins=30, color="#dd8452")
        words.set(xlabel="words per article", ylabel="articles")
        paragraphs.set(xlabel="paragraphs per article", ylabel="articles")
    words.set_title("Length in words")
    paragraphs.set_title("Length in paragraphs")
    fig.tight_layout()
    return fig


@styled
def plot_articles_over_time(articles: pd.DataFrame, *, freq: str = "MS") -> Figure:
    """Plot the number of articles per period (default: per month) from the ``date`` column.

    Articles without a parseable date are left out; the title says how many.
    """
    dates = pd.to_datetime(articles["date"], errors="coerce", format="mixed")
    counts = dates.dropna().dt.to_period(freq.rstrip("S") or "M").value_counts().sort_index()
    fig, ax = plt.subplots(figsize=(9, 3.2))
    if counts.empty:
        ax.text(0.5, 0.5, "no dated articles", ha="center", va="center", transform=ax.transAxes)
    else:
        periods = pd.period_range(counts.index.min(), counts.index.max(), freq=counts.index.freq)
        counts = counts.reindex(periods, fill_value=0)
        ax.bar([str(p) for p in counts.index], counts.to_numpy(), color="#4c72b0")
        ax.tick_params(axis="x", rotation=45)
    missing = int(dates.isna().sum())
    ax.set(xlabel="period", ylabel="articles",
           title="Articles per period" + (f" ({missing} undated left out)" if missing else ""))
    fig.tight_layout()
    return fig


@styled
def plot_paragraph_lengths(articles: pd.DataFrame, *, max_articles: int = 8) -> Figure:
    """Plot the words in each paragraph, in reading order, for the first ``max_articles`` articles.

    Shows where an article's weight lies: a long lead, short quote paragraphs, a long tail.
    """
    fig, ax = plt.subplots(figsize=(9, 3.6))
    for article in articles.head(max_articles).itertuples(index=False):
        lengths = [len(article.text[s:e].split()) for s, e in paragraph_spans(article.text)]
        ax.plot(range(1, len(lengths) + 1), lengths, marker="o", label=str(article.article_id))
    ax.set(xlabel="paragraph (reading order)", ylabel="words", title="Words per paragraph")
    ax.set_ylim(bottom=0)
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    if len(articles) > 1:
        ax.legend(fontsize="small", frameon=False, title="article")
    fig.tight_layout()
    return fig


__all__ = ["STYLE", "styled", "save_figure", "plot_article_lengths", "plot_articles_over_time",
           "plot_paragraph_lengths"]

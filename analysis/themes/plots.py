"""Figures of the themes: shares in the corpus, themes along an article, actors by theme."""

from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..plots import styled
from .summaries import theme_shares


def _empty(message: str, figsize: tuple[float, float] = (8, 2.5)) -> Figure:
    fig, ax = plt.subplots(figsize=figsize)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def _heatmap(matrix: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, colorbar: str) -> Figure:
    """Draw ``matrix`` (rows × columns) as a heatmap, annotating the non-zero cells."""
    height = 1.2 + 0.32 * len(matrix.index)
    width = 2.5 + 0.45 * len(matrix.columns)
    fig, ax = plt.subplots(figsize=(max(width, 6), max(height, 2.5)))
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=40, ha="right")
    ax.set_yticks(range(len(matrix.index)), [str(i) for i in matrix.index])
    top = values.max() if values.size else 0
    for (row, col), value in np.ndenumerate(values):
        if value > 0:
            ax.text(col, row, f"{value:.3g}", ha="center", va="center", fontsize=7,
                    color="white" if value > 0.6 * top else "black")
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label=colorbar, shrink=0.8)
    fig.tight_layout()
    return fig


@styled
def plot_theme_shares(themes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Plot the share of each theme in the corpus as horizontal bars (see :func:`~analysis.themes.theme_shares`).

    Args:
        themes: The ``themes`` table.
        top: Themes shown, largest share first.

    Returns:
        A bar chart; each bar is labelled with the number of articles carrying the theme.
    """
    shares = theme_shares(themes).head(top)
    if shares.empty:
        return _empty("no theme found")
    n_articles = themes.loc[themes["scope"] == "article", "article_id"].nunique()
    fig, ax = plt.subplots(figsize=(8, 0.9 + 0.32 * len(shares)))
    labels = shares["theme"].astype(str).tolist()
    bars = ax.barh(labels, shares["share"].to_numpy(dtype=float), color="#4c72b0")
    ax.bar_label(bars, labels=[f"{n} art." for n in shares["articles"]], padding=3, fontsize=8)
    ax.invert_yaxis()
    ax.set(xlabel="share of theme scores (each article weighs the same)",
           title=f"Theme shares over {n_articles} article{'s' if n_articles != 1 else ''}")
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


@styled
def plot_paragraph_themes(themes: pd.DataFrame, article_id: str | None = None, *, top: int = 10) -> Figure:
    """Plot a paragraph × theme heatmap of one article: how its themes move through the text.

    Args:
        themes: The ``themes`` table.
        article_id: The article; by default the first with paragraph-scope rows.
        top: Themes shown (those with the highest total paragraph score).

    Returns:
        A heatmap with paragraphs (numbered from 0, in reading order) as rows and themes as
        columns; each cell is the theme's score (terms per 100 words) in that paragraph.
    """
    rows = themes.loc[themes["scope"] == "paragraph"]
    if article_id is None and not rows.empty:
        article_id = str(rows["article_id"].iloc[0])
    rows = rows.loc[rows["article_id"] == article_id]
    if rows.empty:
        return _empty(f"no paragraph themes for article {article_id!r}" if article_id else "no paragraph themes")
    matrix = rows.assign(paragraph=rows["scope_id"].astype(int)).pivot_table(
        index="paragraph", columns="theme", values="score", aggfunc="sum", fill_value=0.0)
    order = matrix.sum().sort_values(ascending=False, kind="stable").index[:top]
    matrix = matrix[order].reindex(range(int(matrix.index.max()) + 1), fill_value=0.0)
    return _heatmap(matrix, title=f"Themes by paragraph in {article_id}", xlabel="theme",
                    ylabel="paragraph", colorbar="theme terms per 100 words")


@styled
def plot_actor_themes(
    table: pd.DataFrame,
    *,
    via: Literal["both", "quote", "mention"] = "both",
    top_actors: int = 15,
    top_themes: int = 10,
) -> Figure:
    """Plot an actor × theme heatmap from :func:`~analysis.themes.actor_themes`.

    Args:
        table: The output of :func:`~analysis.themes.actor_themes`.
        via: Count quotes (``quote``), mentioning paragraphs (``mention``) or both.
        top_actors: Actors shown, those with the most quotes and paragraphs first.
        top_themes: Themes shown, the most frequent first.

    Returns:
        A heatmap whose cells count the actor's quotes or mentioning paragraphs on each theme.
    """
    if via not in ("both", "quote", "mention"):
        raise ValueError(f"via = {via!r} is invalid; use 'both', 'quote' or 'mention'")
    rows = table if via == "both" else table.loc[table["via"] == via]
    if rows.empty:
        return _empty("no actor linked to a theme" + ("" if via == "both" else f" through {via}s"))
    matrix = rows.pivot_table(index="actor", columns="theme", values="n", aggfunc="sum", fill_value=0)
    actors = matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top_actors]
    themes = matrix.sum().sort_values(ascending=False, kind="stable").index[:top_themes]
    unit, title = {"quote": ("quotes", "Who speaks on which theme"),
                   "mention": ("paragraphs mentioning the actor", "Who appears with which theme"),
                   "both": ("quotes + paragraphs mentioning the actor", "Who speaks on, and appears with, which theme"),
                   }[via]
    return _heatmap(matrix.loc[actors, themes].astype(float), title=title, xlabel="theme", ylabel="actor",
                    colorbar=unit)

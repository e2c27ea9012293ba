"""Figures of the corpus overview."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure


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
        counts = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=counts.index.freq), fill_value=0)
        ax.bar([str(p) for p in counts.index], counts.to_numpy(), color="#4c72b0")
        ax.tick_params(axis="x", rotation=45)
    missing = int(dates.isna().sum())
    ax.set(xlabel="period", ylabel="articles",
           title="Articles per period" + (f" ({missing} undated left out)" if missing else ""))
    fig.tight_layout()
    return fig


def plot_paragraph_lengths(articles: pd.DataFrame, *, max_articles: int = 8) -> Figure:
    """Plot the words in each paragraph, in reading order, for the first ``max_articles`` articles.

    Shows where an article's weight lies: a long lead, short quote paragraphs, a long tail.
    """
    from ..corpus import paragraph_spans

    fig, ax = plt.subplots(figsize=(9, 3.6))
    for article in articles.head(max_articles).itertuples(index=False):
        lengths = [len(article.text[s:e].split()) for s, e in paragraph_spans(article.text)]
        ax.plot(range(1, len(lengths) + 1), lengths, marker="o", label=str(article.article_id))
    ax.set(xlabel="paragraph (reading order)", ylabel="words", title="Words per paragraph")
    ax.set_ylim(bottom=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if len(articles) > 1:
        ax.legend(fontsize="small", frameon=False, title="article")
    fig.tight_layout()
    return fig

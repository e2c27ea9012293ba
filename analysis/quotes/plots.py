"""Figures of who is quoted: quotes per speaker and the share of voices by actor type."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..constants import KIND_COLOURS, OTHER_COLOUR, TYPE_COLOURS
from ..plots import styled
from .summaries import quotes_per_speaker, voice_shares


@styled
def plot_quotes_per_speaker(quotes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Plot the quotes of the most quoted speakers, direct, mixed and indirect stacked.

    Args:
        quotes: The ``quotes`` table.
        top: Show the ``top`` speakers with the most quotes.

    Returns:
        A horizontal stacked bar chart, most quoted speaker on top.
    """
    counts = quotes_per_speaker(quotes, top=top)
    speakers = list(dict.fromkeys(counts["speaker"].tolist()))
    fig, ax = plt.subplots(figsize=(8, max(2.4, 0.4 * len(speakers) + 1.2)))
    if not speakers:
        ax.text(0.5, 0.5, "no quotes", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    wide = counts.pivot(index="speaker", columns="kind", values="quotes").reindex(speakers).fillna(0)
    left = pd.Series(0.0, index=wide.index)
    for kind, colour in KIND_COLOURS.items():
        if kind in wide.columns:
            values = wide[kind].astype(float)
            ax.barh(wide.index, values, left=left, color=colour, label=kind)
            left += values
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.set(xlabel="quotes", title="Quotes per speaker")
    ax.legend(frameon=False, fontsize="small")
    fig.tight_layout()
    return fig




@styled
def plot_voice_shares(quotes: pd.DataFrame, actors: pd.DataFrame) -> Figure:
    """Plot the share of quotes by speaker type (person, organisation, place, group, unresolved).

    Args:
        quotes: The ``quotes`` table.
        actors: The ``actors`` table.

    Returns:
        A single stacked horizontal bar, labelled with each type's share.
    """
    shares = voice_shares(quotes, actors)
    fig, ax = plt.subplots(figsize=(8, 2.2))
    if shares.empty:
        ax.text(0.5, 0.5, "no quotes", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    left = 0.0
    for row in shares.itertuples(index=False):
        ax.barh([0], [row.share], left=left, color=TYPE_COLOURS.get(row.type, OTHER_COLOUR), label=row.type)
        if row.share >= 0.06:
            ax.text(left + row.share / 2, 0, f"{row.share:.0%}", ha="center", va="center", color="white")
        left += row.share
    ax.set_xlim(0, 1)
    ax.set_yticks([])
    ax.set(xlabel="share of quotes", title="Whose voices are quoted")
    ax.legend(frameon=False, fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    return fig



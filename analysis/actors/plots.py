"""Figures of the actors: the most mentioned actors and the co-occurrence network."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..constants import ACTOR_TYPES, OTHER_COLOUR, TYPE_COLOURS
from ..plots import styled
from .summaries import top_actors


@styled
def plot_top_actors(actors: pd.DataFrame, *, top_n: int = 15, by: str = "mentions") -> Figure:
    """Plot the most mentioned actors as horizontal bars coloured by type.

    Args:
        actors: The ``actors`` table.
        top_n: How many actors to show.
        by: The count to rank and plot: ``"mentions"``, ``"quotes"`` or ``"articles"``.

    Returns:
        The figure.
    """
    table = top_actors(actors, top_n=top_n, by=by)
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.32 * len(table) + 1)))
    if table.empty:
        ax.text(0.5, 0.5, "no actors", ha="center", va="center", transform=ax.transAxes)
        return fig
    colours = [TYPE_COLOURS.get(t, OTHER_COLOUR) for t in table["type"]]
    ax.barh(table["actor"].astype(str), table[by].astype(float), color=colours)
    ax.invert_yaxis()
    ax.set(xlabel=by, title=f"Top {len(table)} actors by {by}")
    present = [t for t in ACTOR_TYPES if t in set(table["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


@styled
def plot_actor_network(graph: nx.Graph, *, top_n: int = 30, seed: int = 7, label_n: int | None = None) -> Figure:
    """Draw the actor co-occurrence network: node size by mentions, edge width by weight.

    Args:
        graph: A graph from :func:`analysis.network.cooccurrence_graph`.
        top_n: Draw only the ``top_n`` actors with the largest weighted degree.
        seed: Seed of the spring layout, so the drawing is the same on every run.
        label_n: Label only this many of the most central nodes (default: all drawn).

    Returns:
        The figure.
    """
    fig, ax = plt.subplots(figsize=(9, 7))
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no co-occurring actors", ha="center", va="center", transform=ax.transAxes)
        return fig
    ranked = sorted(graph.nodes,
                    key=lambda n: (-graph.degree(n, weight="weight"), -graph.nodes[n].get("mentions", 0), n))
    sub = graph.subgraph(ranked[:top_n]).copy()
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(sorted(sub.nodes))
    layout_graph.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in sub.edges(data=True)))
    pos = nx.spring_layout(layout_graph, seed=seed, weight="weight", k=1.2 / max(len(sub), 1) ** 0.5)
    mentions = [sub.nodes[n].get("mentions", 1) for n in layout_graph.nodes]
    biggest = max(mentions) or 1
    sizes = [80 + 900 * m / biggest for m in mentions]
    colours = [TYPE_COLOURS.get(sub.nodes[n].get("type", ""), OTHER_COLOUR) for n in layout_graph.nodes]
    weights = [d["weight"] for _, _, d in layout_graph.edges(data=True)]
    heaviest = max(weights, default=1)
    nx.draw_networkx_edges(layout_graph, pos, ax=ax, width=[0.5 + 4 * w / heaviest for w in weights],
                           alpha=0.35, edge_color="#555555")
    nx.draw_networkx_nodes(layout_graph, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.9,
                           linewidths=0.5, edgecolors="white")
    labelled = ranked[:label_n] if label_n is not None else list(layout_graph.nodes)
    nx.draw_networkx_labels(layout_graph, pos, labels={n: n for n in labelled if n in pos}, ax=ax, font_size=8)
    types = {sub.nodes[n].get("type") for n in sub.nodes}
    present = [t for t in ACTOR_TYPES if t in types]
    # below the drawing, outside the axes: a legend inside them can cover a node
    ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="upper center",
              bbox_to_anchor=(0.5, 0.0), ncol=max(len(present), 1), frameon=False)
    ax.set_title(f"Actor co-occurrence ({graph.graph.get('window', 'sentence')} window, top {len(sub)} actors)")
    fig.tight_layout()
    return fig


__all__ = ["plot_actor_network", "plot_top_actors"]

"""Figures of the actors: the most mentioned actors and the co-occurrence network."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

TYPE_COLOURS = {"person": "#4c72b0", "organisation": "#dd8452", "place": "#55a868", "group": "#8172b3"}
OTHER_COLOUR = "#999999"


def top_actors(actors: pd.DataFrame, *, top_n: int = 15, by: str = "mentions") -> pd.DataFrame:
    """Sum an ``actors`` table over articles and keep the ``top_n`` actors.

    Args:
        actors: The ``actors`` table (one row per actor and article).
        top_n: How many actors to keep.
        by: The column to rank by: ``"mentions"``, ``"quotes"`` or ``"articles"``.

    Returns:
        ``actor, type, mentions, quotes, articles``, sorted by ``by`` (then name).
    """
    if actors.empty:
        return pd.DataFrame(columns=["actor", "type", "mentions", "quotes", "articles"])
    table = (actors.groupby("actor", as_index=False)
             .agg(type=("type", lambda s: s.mode().iloc[0]), mentions=("mentions", "sum"),
                  quotes=("quotes", "sum"), articles=("article_id", "nunique")))
    table = table.sort_values([by, "actor"], ascending=[False, True], kind="stable")
    return table.head(top_n).reset_index(drop=True)


def actors_by_type(actors: pd.DataFrame, *, top_n: int = 5, min_mentions: int = 1) -> pd.DataFrame:
    """Return the most mentioned actors of each type, for display.

    Args:
        actors: The ``actors`` table.
        top_n: How many actors to keep per type.
        min_mentions: Leave out actors mentioned fewer times than this over the corpus.

    Returns:
        ``type, actor, mentions, quotes, articles, roles``, indexed by ``(type, rank)``, types in
        the order person, organisation, place, group; ``roles`` lists each role once.
    """
    if actors.empty:
        columns = ["type", "rank", "actor", "mentions", "quotes", "articles", "roles"]
        return pd.DataFrame(columns=columns).set_index(["type", "rank"])
    def unique_roles(values: pd.Series) -> str:
        return "; ".join(dict.fromkeys(r for v in values for r in v.split("|") if r))

    roles = actors.assign(roles=actors["roles"].fillna("").astype(str)).groupby("actor")["roles"].agg(unique_roles)
    table = top_actors(actors, top_n=len(actors))
    table = table[table["mentions"] >= min_mentions].copy()
    table["roles"] = table["actor"].map(roles).fillna("")
    order = {t: i for i, t in enumerate(TYPE_COLOURS)}
    table = table.sort_values(["type", "mentions", "actor"], key=lambda c: c.map(order) if c.name == "type" else c,
                              ascending=[True, False, True], kind="stable")
    table = table.groupby("type", sort=False).head(top_n)
    table["rank"] = table.groupby("type", sort=False).cumcount() + 1
    return table.set_index(["type", "rank"])[["actor", "mentions", "quotes", "articles", "roles"]]


def mention_spans(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Return the mentions with a ``label`` (the actor) and a ``tooltip`` (its type and the words used).

    Use with :func:`analysis.render_article` (``label="label", tooltip="tooltip"``).
    """
    types = actors.drop_duplicates(["article_id", "actor"]).set_index(["article_id", "actor"])["type"]
    keys = pd.MultiIndex.from_arrays([mentions["article_id"], mentions["actor"]])
    kinds = types.reindex(keys).fillna("").astype(str).to_numpy()
    return mentions.assign(label=mentions["actor"].astype(str),
                           tooltip=[f"{k}: {t}" for k, t in zip(kinds, mentions["text"].astype(str))])


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
    present = [t for t in TYPE_COLOURS if t in set(table["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


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
    present = [t for t in TYPE_COLOURS if t in types]
    ax.legend(handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present], loc="lower left", frameon=False)
    ax.set_title(f"Actor co-occurrence ({graph.graph.get('window', 'sentence')} window, top {len(sub)} actors)")
    fig.tight_layout()
    return fig


__all__ = ["actors_by_type", "mention_spans", "plot_actor_network", "plot_top_actors", "top_actors"]

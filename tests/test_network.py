"""Tests of the actor co-occurrence network and its figures."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.actors.network import centrality_table, cooccurrence_graph, write_graphml
from analysis.actors import plot_actor_network, plot_top_actors, top_actors

# Two articles. In a1, Ana and Ben share sentence 0, Ana and Oslo sentence 1 (paragraph 0 holds
# both sentences); "Norwegian" (a group of Norway) is in sentence 1. In a2, Ana and Ben share
# sentence 0 again.
MENTIONS = pd.DataFrame({
    "article_id": ["a1", "a1", "a1", "a1", "a1", "a2", "a2"],
    "actor": ["Ana", "Ben", "Ana", "Oslo", "Norwegian", "Ana", "Ben"],
    "paragraph": [0, 0, 0, 0, 0, 0, 0],
    "sentence": [0, 0, 1, 1, 1, 0, 0],
})
ACTORS = pd.DataFrame({
    "article_id": ["a1", "a1", "a1", "a1", "a2", "a2"],
    "actor": ["Ana", "Ben", "Oslo", "Norwegian", "Ana", "Ben"],
    "type": ["person", "person", "place", "group", "person", "person"],
    "aliases": [""] * 6, "roles": [""] * 6,
    "mentions": [2, 1, 1, 1, 1, 1], "quotes": [1, 0, 0, 0, 0, 0],
    "affiliation": [None, None, None, "Norway", None, None],
})


def test_sentence_window_weights():
    graph = cooccurrence_graph(MENTIONS, ACTORS, window="sentence")
    assert graph["Ana"]["Ben"]["weight"] == 2  # a1 sentence 0 and a2 sentence 0
    assert graph["Ana"]["Ben"]["articles"] == 2
    assert graph["Ana"]["Oslo"]["weight"] == 1
    assert not graph.has_edge("Ben", "Oslo")
    assert graph.nodes["Ana"]["mentions"] == 3 and graph.nodes["Ana"]["type"] == "person"


def test_paragraph_window_joins_more():
    graph = cooccurrence_graph(MENTIONS, ACTORS, window="paragraph")
    assert graph.has_edge("Ben", "Oslo")
    assert graph["Ana"]["Ben"]["weight"] == 2  # one paragraph per article


def test_groups_fold_into_their_country():
    folded = cooccurrence_graph(MENTIONS, ACTORS)
    assert "Norway" in folded and "Norwegian" not in folded
    assert folded.nodes["Norway"]["type"] == "place"
    kept = cooccurrence_graph(MENTIONS, ACTORS, fold_groups=False)
    assert "Norwegian" in kept and kept.nodes["Norwegian"]["type"] == "group"


def test_min_mentions_drops_rare_actors():
    graph = cooccurrence_graph(MENTIONS, ACTORS, min_mentions=2)
    assert sorted(graph.nodes) == ["Ana", "Ben"]


def test_bad_window_names_the_choices():
    with pytest.raises(ValueError, match="sentence"):
        cooccurrence_graph(MENTIONS, ACTORS, window="article")


def test_empty_mentions_give_empty_graph_and_table():
    graph = cooccurrence_graph(MENTIONS.iloc[:0], ACTORS.iloc[:0])
    assert graph.number_of_nodes() == 0
    assert list(centrality_table(graph).columns)[:3] == ["actor", "type", "mentions"]
    assert isinstance(plot_actor_network(graph), Figure)


def test_centrality_table():
    table = centrality_table(cooccurrence_graph(MENTIONS, ACTORS))
    assert table.iloc[0]["actor"] == "Ana"  # the most connected
    assert table.set_index("actor").loc["Ana", "degree"] == 3
    assert table.set_index("actor").loc["Ana", "weighted_degree"] == 4
    assert table["pagerank"].sum() == pytest.approx(1.0, abs=1e-3)
    assert (table["betweenness"] >= 0).all()


def test_graphml_round_trip(tmp_path):
    graph = cooccurrence_graph(MENTIONS, ACTORS)
    path = write_graphml(graph, tmp_path / "net" / "actors.graphml")
    back = nx.read_graphml(path)
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert back["Ana"]["Ben"]["weight"] == 2
    assert not list(path.parent.glob(".*.tmp"))  # the atomic write left no temporary file


def test_top_actors_and_plots():
    top = top_actors(ACTORS, top_n=2)
    assert top["actor"].tolist() == ["Ana", "Ben"]
    assert top.loc[0, "mentions"] == 3 and top.loc[0, "articles"] == 2
    assert isinstance(plot_top_actors(ACTORS, top_n=3), Figure)
    assert isinstance(plot_actor_network(cooccurrence_graph(MENTIONS, ACTORS), top_n=3), Figure)

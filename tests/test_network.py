"""Tests of the actor co-occurrence network and its figures."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.actors import plot_actor_network, plot_top_actors, top_actors
from analysis.actors.network import centrality_table, cooccurrence_graph, write_graphml

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


def _path_graph(n: int) -> nx.Graph:
    """A chain of ``n`` actors with unit weights: the middle actors lie on most shortest paths."""
    graph = nx.Graph(window="sentence")
    for i in range(n):
        graph.add_node(f"n{i:03d}", type="person", mentions=1, articles=1)
    for i in range(n - 1):
        graph.add_edge(f"n{i:03d}", f"n{i + 1:03d}", weight=1, articles=1)
    return graph


def test_eigenvector_matches_networkx_and_graph_is_not_modified():
    graph = cooccurrence_graph(MENTIONS, ACTORS, window="paragraph")
    graph.add_edge("Ana", "Zed", weight=3, articles=1)  # weights differ, so the vector is not uniform
    table = centrality_table(graph).set_index("actor")
    expected = nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-8)
    for node, value in expected.items():
        assert table.loc[node, "eigenvector"] == pytest.approx(value, abs=1e-4)
    assert all("distance" not in data for _, _, data in graph.edges(data=True))


def test_betweenness_is_exact_up_to_the_source_count():
    graph = _path_graph(9)
    exact = nx.betweenness_centrality(graph, normalized=True)
    table = centrality_table(graph, sources=9).set_index("actor")
    assert table.loc["n004", "betweenness"] == pytest.approx(exact["n004"], abs=1e-4)
    assert table["betweenness"].idxmax() == "n004"


def test_sampled_betweenness_is_seeded_and_ranks_the_middle_first():
    graph = _path_graph(61)
    first = centrality_table(graph, sources=20, seed=3)
    again = centrality_table(graph, sources=20, seed=3)
    assert first.equals(again)  # the same draw on every run
    other = centrality_table(graph, sources=20, seed=4)
    assert not first["betweenness"].equals(other["betweenness"])  # the seed does drive the draw
    ranked = first.sort_values("betweenness", ascending=False)["actor"].head(10).tolist()
    assert {"n000", "n060"}.isdisjoint(ranked)  # the two ends lie on no path between others


def test_bad_source_count():
    with pytest.raises(ValueError, match="sources"):
        centrality_table(cooccurrence_graph(MENTIONS, ACTORS), sources=0)


def test_network_legend_covers_no_node():
    graph = nx.Graph(window="sentence")
    kinds = ["person", "organisation", "place", "group"]
    for i in range(12):
        graph.add_node(f"a{i:02d}", type=kinds[i % 4], mentions=1 + i % 5, articles=1)
        if i:
            graph.add_edge(f"a{i - 1:02d}", f"a{i:02d}", weight=1 + i % 3, articles=1)
    fig = plot_actor_network(graph, top_n=12)
    fig.canvas.draw()
    ax = fig.axes[0]
    legend, area = ax.get_legend().get_window_extent(), ax.get_window_extent()
    nodes = [c for c in ax.collections if len(c.get_offsets()) == 12][0]
    centres = nodes.get_offset_transform().transform(nodes.get_offsets())
    assert all(area.x0 <= x <= area.x1 and area.y0 <= y <= area.y1 for x, y in centres)  # nodes in the axes
    assert legend.y1 <= area.y0 + 1  # the legend below them, wherever the layout puts a node


def test_nodes_are_corpus_entities_when_actor_ids_are_known():
    mentions = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a2", "a3", "a3"],
        "actor": ["Ana Ruiz", "Oslo", "Ruiz", "Oslo", "Ana Ruiz", "Ben Ruiz"],
        "paragraph": [0] * 6, "sentence": [0] * 6,
    })
    actors = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a2", "a3", "a3"],
        "actor": ["Ana Ruiz", "Oslo", "Ruiz", "Oslo", "Ana Ruiz", "Ben Ruiz"],
        "type": ["person", "place", "person", "place", "person", "person"],
        "actor_id": ["ana-ruiz", "oslo", "ana-ruiz", "oslo", "ana-ruiz", "ben-ruiz"],
    })
    graph = cooccurrence_graph(mentions, actors)
    assert sorted(graph.nodes) == ["Ana Ruiz", "Ben Ruiz", "Oslo"]  # "Ruiz" of a2 is Ana Ruiz, Ben stays apart
    assert graph["Ana Ruiz"]["Oslo"]["weight"] == 2 and graph.nodes["Ana Ruiz"]["articles"] == 3
    twins = actors.assign(actor_id=["ana-ruiz", "oslo", "ana-ruiz", "oslo", "ana-ruiz-2", "ben-ruiz"])
    split = cooccurrence_graph(mentions, twins)  # two entities of one name stay two nodes
    assert {"Ana Ruiz [ana-ruiz]", "Ana Ruiz [ana-ruiz-2]"} <= set(split.nodes)


def test_top_actors_count_an_entity_once_under_its_most_used_name():
    actors = pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a3"],
        "actor": ["Ruiz", "Ana Ruiz", "Ana Ruiz", "Oslo"],
        "type": ["person", "person", "person", "place"],
        "roles": ["Mayor", "", "Mayor of Oslo", ""],
        "mentions": [2, 3, 1, 4], "quotes": [1, 0, 2, 0],
        "actor_id": ["ana-ruiz", "ana-ruiz", "ana-ruiz", "oslo"],
    })
    top = top_actors(actors, top_n=5)
    assert top.to_dict("records")[0] == {"actor": "Ana Ruiz", "type": "person", "mentions": 6, "quotes": 3,
                                         "articles": 3}
    assert len(top) == 2

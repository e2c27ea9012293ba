"""Actors: who appears in an article, under which names and roles (notebook 02).

``component`` is the ``presslens_actors`` spaCy component (names, clusters, references);
``summaries`` and ``plots`` turn the ``actors`` and ``mentions`` tables into tables and figures;
``network`` builds the co-occurrence graph.
"""

from __future__ import annotations

from .component import actor_for, find_actors
from .network import centrality_table, cooccurrence_graph, write_graphml
from .plots import plot_actor_network, plot_top_actors
from .summaries import actors_by_type, mention_spans, top_actors

__all__ = ["actor_for", "find_actors", "centrality_table", "cooccurrence_graph", "write_graphml",
           "plot_actor_network", "plot_top_actors", "actors_by_type", "mention_spans", "top_actors"]

"""Presslens: actors, quotes and themes in news articles, for Jupyter notebooks.

The notebook API: load a corpus, extract its tables, then summarise, plot and render them.
Notebooks import from here only.
"""

from __future__ import annotations

__version__ = "0.1.0"

# ruff: noqa: E402  (the version is set before the modules that read it are imported)
from .actors import (
    actor_for,
    actors_by_type,
    centrality_table,
    cooccurrence_graph,
    find_actors,
    mention_spans,
    plot_actor_network,
    plot_top_actors,
    top_actors,
    write_graphml,
)
from .corpus import Corpus, corpus_summary, iter_corpus, load_corpus, read_corpus
from .errors import CorpusError, InputNotFoundError, ModelNotFoundError, ParameterError, PresslensError
from .explore import compare, load_tables, quotes_by, search_quotes, show, timeline
from .extract import Extraction, extract, extract_to, iter_extract
from .paths import FIGURES_DIR, SEEDS_DIR, figures_dir, resolve_corpus
from .pipeline import load_pipeline
from .plots import plot_article_lengths, plot_articles_over_time, plot_paragraph_lengths, save_figure
from .quotes import (
    evaluate_quotes,
    load_gold,
    plot_quotes_per_speaker,
    plot_voice_shares,
    polnear_scores,
    quote_spans,
    quotes_per_speaker,
    score_quotes,
    voice_shares,
)
from .quotes.voices import (
    plot_voices_by_gender,
    plot_voices_over_time,
    top_voices,
    voices_by_gender,
    voices_by_group,
    voices_by_type,
    voices_over_time,
)
from .render import corpus_overview, render_article, show_table
from .report import Selection, check_parameters, render_digest, report_overview, select_corpus, speaker_summary
from .themes import (
    TaxonomyError,
    actor_themes,
    discover_topics,
    keyphrases,
    load_taxonomy,
    plot_actor_themes,
    plot_paragraph_themes,
    plot_theme_shares,
    speaker_themes,
    taxonomy_table,
    theme_shares,
    top_themes,
)

__all__ = [
    "__version__",
    # loading
    "Corpus", "corpus_summary", "iter_corpus", "load_corpus", "read_corpus", "resolve_corpus", "Selection",
    "select_corpus",
    "FIGURES_DIR", "SEEDS_DIR", "figures_dir",
    # extraction
    "Extraction", "extract", "extract_to", "iter_extract", "load_pipeline", "check_parameters",
    "actor_for", "find_actors", "load_taxonomy",
    # tables and summaries
    "actors_by_type", "top_actors", "mention_spans", "centrality_table", "cooccurrence_graph", "write_graphml",
    "quotes_per_speaker", "voice_shares", "quote_spans", "speaker_summary", "report_overview",
    "actor_themes", "discover_topics", "keyphrases", "speaker_themes", "taxonomy_table", "theme_shares",
    "top_themes", "corpus_overview", "voices_by_type", "voices_by_gender", "voices_by_group", "voices_over_time",
    "top_voices",
    # exploration
    "load_tables", "quotes_by", "search_quotes", "timeline", "compare", "show",
    # evaluation
    "evaluate_quotes", "load_gold", "polnear_scores", "score_quotes",
    # figures and HTML
    "save_figure", "plot_article_lengths", "plot_articles_over_time", "plot_paragraph_lengths",
    "plot_top_actors", "plot_actor_network", "plot_quotes_per_speaker", "plot_voice_shares",
    "plot_theme_shares", "plot_paragraph_themes", "plot_actor_themes", "render_article", "render_digest",
    "show_table", "plot_voices_by_gender", "plot_voices_over_time",
    # errors
    "PresslensError", "CorpusError", "InputNotFoundError", "ModelNotFoundError", "ParameterError", "TaxonomyError",
]

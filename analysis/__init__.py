"""Presslens: actors, quotes and themes in news articles, for Jupyter notebooks.

The notebook API: load a corpus, extract its tables, plot and render them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Corpus, corpus_summary, load_corpus, read_corpus  # noqa: E402
from .errors import (  # noqa: E402
    CorpusError, InputNotFoundError, ModelNotFoundError, ParameterError, PresslensError,
)
from .extract import Extraction, extract  # noqa: E402
from .params import check_parameters  # noqa: E402
from .paths import resolve_corpus  # noqa: E402
from .pipeline import load_pipeline  # noqa: E402
from .plots import plot_article_lengths, plot_articles_over_time, plot_paragraph_lengths, save_figure  # noqa: E402
from .render import corpus_overview, render_article  # noqa: E402
from .report import render_digest, report_overview, speaker_summary  # noqa: E402

__all__ = [
    "__version__", "Corpus", "CorpusError", "Extraction", "InputNotFoundError", "ModelNotFoundError",
    "ParameterError", "PresslensError", "check_parameters", "corpus_overview", "corpus_summary", "extract", "load_corpus",
    "load_pipeline", "plot_article_lengths", "plot_articles_over_time", "plot_paragraph_lengths",
    "read_corpus", "render_article", "render_digest", "report_overview", "resolve_corpus", "save_figure",
    "speaker_summary",
]

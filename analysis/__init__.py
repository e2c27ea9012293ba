"""Presslens: actors, quotes and themes in news articles, for Jupyter notebooks.

The notebook API: load a corpus, extract its tables, plot and render them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Corpus, load_corpus, read_corpus  # noqa: E402
from .errors import (  # noqa: E402
    CorpusError, InputNotFoundError, ModelNotFoundError, ParameterError, PresslensError,
)
from .extract import Extraction, extract  # noqa: E402
from .pipeline import load_pipeline  # noqa: E402

__all__ = [
    "__version__", "Corpus", "CorpusError", "Extraction", "InputNotFoundError", "ModelNotFoundError",
    "ParameterError", "PresslensError", "extract", "load_corpus", "load_pipeline", "read_corpus",
]

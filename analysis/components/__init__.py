"""Presslens spaCy components. Importing this package registers their factories.

Each module holds one capability: pure extractor functions over Docs, a ``@Language.factory``
component that stores their results on the Doc, and ``records(doc)``, which returns the rows of
the tables the capability fills (see :mod:`analysis.tables`).
"""

from __future__ import annotations

from . import actors, quotes, themes

RECORDERS = (actors.records, quotes.records, themes.records)

__all__ = ["actors", "quotes", "themes", "RECORDERS"]

"""Themes: what an article, a paragraph or a quote is about, and who speaks on which (notebook 04).

``taxonomy`` loads the theme lexicon, ``component`` is the ``presslens_themes`` spaCy component;
``summaries`` and ``plots`` read the ``themes`` table.
"""

from __future__ import annotations

from .plots import plot_actor_themes, plot_paragraph_themes, plot_theme_shares
from .summaries import (actor_themes, discover_topics, keyphrases, speaker_themes, taxonomy_table, theme_shares,
                        top_themes)
from .taxonomy import TaxonomyError, load_taxonomy

__all__ = ["plot_actor_themes", "plot_paragraph_themes", "plot_theme_shares", "actor_themes", "discover_topics",
           "keyphrases", "speaker_themes", "taxonomy_table", "theme_shares", "top_themes", "TaxonomyError",
           "load_taxonomy"]

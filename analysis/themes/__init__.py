"""Themes: what an article, a paragraph or a quote is about, and who speaks on which (notebook 04).

``taxonomy`` loads the theme lexicon, ``component`` is the ``presslens_themes`` spaCy component and
``salience`` weighs its matches and levels an article's themes; ``summaries`` and ``plots`` read
the ``themes`` table, ``phrases`` finds the noun phrases of keyphrases and topics, and
``evaluate`` scores article themes against gold primary and secondary themes.
"""

from __future__ import annotations

from .evaluate import evaluate_themes, theme_scores
from .plots import plot_actor_themes, plot_paragraph_themes, plot_theme_shares
from .summaries import (
    actor_themes,
    discover_topics,
    keyphrases,
    speaker_themes,
    taxonomy_table,
    theme_shares,
    top_themes,
    topics_note,
)
from .taxonomy import TaxonomyError, load_taxonomy

__all__ = ["TaxonomyError", "actor_themes", "discover_topics", "evaluate_themes", "keyphrases", "load_taxonomy",
           "plot_actor_themes", "plot_paragraph_themes", "plot_theme_shares", "speaker_themes", "taxonomy_table",
           "theme_shares", "theme_scores", "top_themes", "topics_note"]

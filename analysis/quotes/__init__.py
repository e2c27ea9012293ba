"""Quotes: who says what, direct, indirect and mixed, attributed to a speaker (notebook 03).

``marks`` pairs quotation marks, ``cues`` reads reporting cues from the parse, ``attribution``
combines both into quotes, ``component`` is the ``presslens_quotes`` spaCy component;
``summaries`` and ``plots`` read the ``quotes`` table; ``evaluate`` scores it against gold.
"""

from __future__ import annotations

from .evaluate import evaluate_quotes, load_gold, polnear_scores, score_quotes
from .plots import plot_quotes_per_speaker, plot_voice_shares
from .summaries import quote_spans, quotes_per_speaker, voice_shares

__all__ = ["evaluate_quotes", "load_gold", "polnear_scores", "score_quotes", "plot_quotes_per_speaker",
           "plot_voice_shares", "quote_spans", "quotes_per_speaker", "voice_shares"]

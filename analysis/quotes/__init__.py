"""Quotes: who says what, direct, indirect and mixed, attributed to a speaker (notebook 03).

``marks`` pairs quotation marks, ``cues`` reads reporting cues from the parse (``content`` what a
cue reports, ``clauses`` the clause structure), ``modes`` says what counts as an attribution,
``attribution`` combines marks and cues into quotes (transcript turns from ``analysis.transcripts``),
``speakers`` resolves pronoun and document speakers, ``component`` is the ``presslens_quotes`` spaCy
component; ``summaries`` and ``plots`` read the ``quotes`` table; ``evaluate`` and
``gold_wikinews`` score it against gold.
"""

from __future__ import annotations

from .evaluate import evaluate_quotes, load_gold, polnear_scores, score_quotes
from .plots import plot_quotes_per_speaker, plot_voice_shares
from .summaries import quote_spans, quotes_per_speaker, voice_shares

__all__ = ["evaluate_quotes", "load_gold", "polnear_scores", "score_quotes", "plot_quotes_per_speaker",
           "plot_voice_shares", "quote_spans", "quotes_per_speaker", "voice_shares"]

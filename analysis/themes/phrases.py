"""Noun phrases of articles, from the parse the pipeline already made, for keyphrases and topics.

The ``presslens_themes`` component lists each article's **noun sequences** (:func:`doc_phrases`):
maximal runs of nouns, proper nouns and adjectives (parts of speech of the pipeline's tagger)
that hold at least one common noun, so no determiner, pronoun, verb, adverb or interjection is
ever part of one, and speech fillers ("really", "think", "yeah") and reporting verbs ("said",
"told") never are. Stop words, calendar words and the vague nouns of :data:`STOP_WORDS` break
runs. Each distinct run becomes a row of the ``phrases`` table (``phrase`` in lemmas, lower
case; ``text`` as written, lower case but for proper nouns; ``pos``; ``count``; the first
occurrence's ``start`` and ``paragraph``), so keyphrases and topics need no second pass of spaCy.

:func:`article_phrases` reads that table back into the **candidate phrases** of each article:
the one- to three-word stretches of a run that end with a noun (or proper noun) and hold a
common noun ("trade agreement", "measles vaccine", "wildfire"); a lone adjective never is one,
and stretches made only of proper nouns are names, left out (keyphrases and topics say what an
article is about, not who is in it). Words are compared by lemma, and each phrase is shown in its
most frequent written form.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.parts_of_speech import ADJ, NOUN, PROPN
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from ..columns import columns, is_in

# Words that never start, end or make a phrase: English stop words, the calendar and the vague
# nouns of news prose ("people", "thing", "way") that say nothing of a subject.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset("""
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks
    weekend month months year years day days time times ago
    january february march april may june july august september october november december
    mr mrs ms dr people way ways thing things lot lots kind kinds number numbers part parts
    percent per cent
    """.split())
PHRASE_WORDS = frozenset({"NOUN", "PROPN", "ADJ"})
HEADS = frozenset({"NOUN", "PROPN"})
MAX_WORDS = 3
PHRASE_COLUMNS = ["article_id", "phrase", "text", "pos", "count", "start", "paragraph"]


@dataclass
class PhraseCounts:
    """The candidate phrases of one text: counts by lemma key, and how each key was written."""

    counts: Counter[str] = field(default_factory=Counter)
    written: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, key: str, text: str, count: int = 1) -> None:
        """Count ``count`` occurrences of the phrase ``key``, written ``text``."""
        self.counts[key] += count
        self.written.setdefault(key, Counter())[text] += count


def _word_flags(doc: Doc) -> np.ndarray:
    """Tell for each token whether it may be a word of a phrase: a noun, proper noun or adjective,
    all letters, longer than one character, neither its lower-case form nor its lemma a stop word.

    Read from the Doc's columns (one C pass) and decided once per distinct word, not per token.
    """
    cols = columns(doc)
    pos = cols.attr("POS")
    ok = ((pos == NOUN) | (pos == PROPN) | (pos == ADJ)) & (cols.attr("IS_ALPHA") == 1) & (cols.attr("LENGTH") > 1)
    strings = doc.vocab.strings
    for ids, normal in ((cols.lower, str), (cols.attr("LEMMA"), str.lower)):
        candidates = np.unique(ids[ok])
        stop = [i for i in candidates.tolist() if normal(strings[i]) in STOP_WORDS]
        if stop:
            ok &= ~is_in(ids, np.array(stop, dtype=np.uint64))  # stop is sorted: candidates are
    return ok


def _runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` token offsets of the maximal runs of phrase words."""
    ok = _word_flags(doc).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], ok, [0]))))
    yield from zip(edges[0::2].tolist(), edges[1::2].tolist())


def doc_phrases(doc: Doc) -> list[dict]:
    """Return the noun sequences of a tagged Doc as ``phrases`` records (see the module docstring).

    Returns:
        One record ``{phrase, text, pos, count, start}`` per distinct run (lemmas, written form and
        parts of speech, each space-separated), in order of first occurrence; ``start`` is the
        character offset of the first one. A Doc without parts of speech gives none.
    """
    if not doc.has_annotation("POS"):
        return []
    cols = columns(doc)
    runs = list(_runs(doc))
    if not runs:
        return []
    # for speed: the columns as lists, sliced per run (a numpy slice and its tolist cost more)
    tags_of = [POS_NAMES[p] for p in cols.attr("POS").tolist()]
    lemma, orth, lower = cols.attr("LEMMA").tolist(), cols.attr("ORTH").tolist(), cols.lower.tolist()
    strings = doc.vocab.strings
    found: dict[tuple[str, str, str], dict] = {}
    for start, end in runs:
        tags = tags_of[start:end]
        if "NOUN" not in tags:
            continue  # only names and adjectives: no candidate comes from it
        key = (" ".join(strings[i].lower() for i in lemma[start:end]),
               " ".join(strings[o if t == "PROPN" else w]
                        for o, w, t in zip(orth[start:end], lower[start:end], tags)),
               " ".join(tags))
        row = found.get(key)
        if row is None:
            found[key] = {"phrase": key[0], "text": key[1], "pos": key[2], "count": 1, "start": int(cols.starts[start])}
        else:
            row["count"] += 1
    return list(found.values())


def run_candidates(phrase: str, text: str, pos: str, max_words: int = MAX_WORDS) -> Iterator[tuple[str, str]]:
    """Yield the candidate phrases ``(lemma key, written form)`` of one noun sequence.

    Each stretch of one to ``max_words`` words that ends with a noun or proper noun and holds a
    common noun is one (so "new trade agreement" gives "trade", "agreement", "new trade", "trade
    agreement" and "new trade agreement", never "new").
    """
    lemmas, words, tags = phrase.split(" "), text.split(" "), pos.split(" ")
    if not len(lemmas) == len(words) == len(tags):
        return
    for n in range(1, min(max_words, len(tags)) + 1):
        for i in range(len(tags) - n + 1):
            gram = tags[i:i + n]
            if gram[-1] in HEADS and "NOUN" in gram:
                yield " ".join(lemmas[i:i + n]), " ".join(words[i:i + n])


def article_phrases(phrases: pd.DataFrame, article_ids: Iterable[str],
                    max_words: int = MAX_WORDS) -> dict[str, PhraseCounts]:
    """Return the candidate phrases of each article from the ``phrases`` table.

    Args:
        phrases: The ``phrases`` table (``article_id, phrase, text, pos, count`` at least).
        article_ids: The articles wanted, in order; one without rows gets no phrase.
        max_words: The longest candidate, in words.
    """
    out = {str(article_id): PhraseCounts() for article_id in article_ids}
    if phrases.empty:
        return out
    for article_id, phrase, text, pos, count in zip(phrases["article_id"].astype(str), phrases["phrase"],
                                                    phrases["text"], phrases["pos"], phrases["count"]):
        found = out.get(article_id)
        if found is None or pd.isna(phrase) or pd.isna(pos):
            continue
        for key, written in run_candidates(str(phrase), str(text), str(pos), max_words):
            found.add(key, written, int(count))
    return out


def shown(phrases: Iterable[PhraseCounts], key: str) -> str:
    """Return the most frequent written form of the phrase ``key`` across ``phrases``."""
    total: Counter[str] = Counter()
    for found in phrases:
        total.update(found.written.get(key, {}))
    return min(total, key=lambda t: (-total[t], t)) if total else key

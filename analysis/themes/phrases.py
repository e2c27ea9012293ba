"""Noun phrases of articles, from the parts of speech of the pipeline's tagger, for keyphrases and topics.

A candidate phrase is one to three words of a run of nouns, proper nouns and adjectives that ends
with a noun (or proper noun) and holds at least one common noun: "trade agreement", "measles
vaccine", "wildfire". So no verb, adverb, pronoun, interjection or lone adjective is ever a
candidate, and speech fillers ("really", "think", "yeah") and reporting verbs ("said", "told")
never are. Runs made only of proper nouns are names and are left out: keyphrases and topics say
what an article is about, not who is in it. Stop words, calendar words and abbreviations of the
list :data:`STOP_WORDS` break runs. Words are compared by lemma (lower case), and each phrase is
shown in its most frequent written form.

Tagging uses the pipeline that extracted the tables (its tagger, attribute ruler and lemmatizer
only, the parser and the entity recogniser off), so it costs a fraction of an extraction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

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
TAGGING_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
MAX_WORDS = 3


@dataclass
class PhraseCounts:
    """The candidate phrases of one text: counts by lemma key, and how each key was written."""

    counts: Counter[str] = field(default_factory=Counter)
    written: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, key: str, text: str) -> None:
        """Count one occurrence of the phrase ``key``, written ``text``."""
        self.counts[key] += 1
        self.written.setdefault(key, Counter())[text] += 1


def _word_ok(token: Token) -> bool:
    """Tell whether a token may be a word of a phrase: a noun, proper noun or adjective, all letters."""
    return (token.pos_ in PHRASE_WORDS and token.is_alpha and len(token.text) > 1
            and token.lower_ not in STOP_WORDS and token.lemma_.lower() not in STOP_WORDS)


def _runs(doc: Doc) -> Iterator[list[Token]]:
    run: list[Token] = []
    for token in doc:
        if _word_ok(token):
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def doc_phrases(doc: Doc, max_words: int = MAX_WORDS) -> PhraseCounts:
    """Return the candidate phrases of a tagged Doc (see the module docstring)."""
    found = PhraseCounts()
    for run in _runs(doc):
        for n in range(1, min(max_words, len(run)) + 1):
            for i in range(len(run) - n + 1):
                gram = run[i:i + n]
                if gram[-1].pos_ not in HEADS or not any(t.pos_ == "NOUN" for t in gram):
                    continue
                key = " ".join(t.lemma_.lower() for t in gram)
                found.add(key, " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in gram))
    return found


def tag_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Tag and lemmatise texts with ``nlp``'s tagging components only."""
    enabled = [name for name in TAGGING_PIPES if name in nlp.pipe_names]
    with nlp.select_pipes(enable=enabled):
        yield from nlp.pipe(texts, batch_size=batch_size)


def text_phrases(nlp: Language, texts: Iterable[str], max_words: int = MAX_WORDS) -> list[PhraseCounts]:
    """Return the candidate phrases of each text, tagged with ``nlp``."""
    return [doc_phrases(doc, max_words) for doc in tag_texts(nlp, texts)]


def shown(phrases: Iterable[PhraseCounts], key: str) -> str:
    """Return the most frequent written form of the phrase ``key`` across ``phrases``."""
    total: Counter[str] = Counter()
    for found in phrases:
        total.update(found.written.get(key, {}))
    return min(total, key=lambda t: (-total[t], t)) if total else key

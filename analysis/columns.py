"""Per-Doc text and token columns, read once and shared by the extractors.

``Doc.text`` joins every token on each call, and a Python loop over a Doc makes one Token
object per word (about a microsecond each): on long articles such loops cost more than the
rules themselves. :func:`columns` reads the text and the token attributes the extractors scan
once per Doc with ``Doc.to_array`` (one C pass) and remembers them while the Doc lives, so
that the actors, quotes and themes components share them.
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from typing import Iterable

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span


class DocColumns:
    """The text of a Doc and some of its token columns as numpy arrays.

    Attributes:
        text: ``doc.text``.
        starts: The character offset of each token, then ``len(text)`` (``len(doc) + 1`` values).
        is_word: Whether each token is a word (neither punctuation nor space).
        is_verb: Whether each token's coarse part of speech is VERB or AUX.
        lower: The string id of each token's lower-case form (compare with ``get_string_id``).
    """

    __slots__ = ("n_tokens", "text", "starts", "is_word", "is_verb", "lower", "_word_counts", "_attrs", "_sent_starts",
                 "doc")

    def __init__(self, doc: Doc) -> None:
        self.n_tokens = len(doc)
        array = doc.to_array([IDX, IS_PUNCT, IS_SPACE, POS]).astype(np.int64).reshape(-1, 4)
        self.text = _source_text(doc, array[:, 0])
        self.lower = doc.to_array(LOWER).reshape(-1)
        self.starts = np.append(array[:, 0], len(self.text))
        self.is_word = (array[:, 1] == 0) & (array[:, 2] == 0)
        self.is_verb = (array[:, 3] == VERB) | (array[:, 3] == AUX)
        self._word_counts: np.ndarray | None = None
        self._sent_starts: list[int] | None = None
        self._attrs: dict[str, np.ndarray] = {"LOWER": self.lower}
        self.doc = weakref.ref(doc)

    def attr(self, name: str) -> np.ndarray:
        """Return one token attribute ("ORTH", "LEMMA", ...) for every token, read once."""
        if name not in self._attrs:
            doc = self.doc()
            if doc is None:
                raise ReferenceError("the Doc of these columns no longer exists")
            self._attrs[name] = doc.to_array(name).reshape(-1)
        return self._attrs[name]

    def sentence_starts(self) -> list[int]:
        """Return the index of the first token of each sentence (``[s.start for s in doc.sents]``);
        ``[0]`` for a Doc without sentence boundaries, ``[]`` for an empty Doc."""
        if self._sent_starts is None:
            doc = self.doc()
            if doc is None:
                raise ReferenceError("the Doc of these columns no longer exists")
            if not doc.has_annotation("SENT_START"):
                self._sent_starts = [0]
            elif not self.n_tokens:
                self._sent_starts = []
            else:  # for speed: doc.sents makes a Span per sentence
                flags = self.attr("SENT_START").astype(np.int64)
                flags[0] = 1
                self._sent_starts = np.flatnonzero(flags == 1).tolist()
        return self._sent_starts

    def heads(self) -> np.ndarray:
        """Return the index of each token's syntactic head (``token.head.i``; a root is its own head)."""
        if "_HEADS" not in self._attrs:
            # HEAD holds signed offsets in an unsigned column: read them as signed
            self._attrs["_HEADS"] = np.arange(self.n_tokens) + self.attr("HEAD").view(np.int64)
        return self._attrs["_HEADS"]

    def words_between(self, start: int, end: int) -> int:
        """Return the number of words among tokens ``start`` to ``end - 1``."""
        if self._word_counts is None:
            self._word_counts = np.concatenate(([0], np.cumsum(self.is_word)))
        return int(self._word_counts[end] - self._word_counts[start])

    def crosses_line(self, i: int, j: int) -> bool:
        """Tell whether a line break lies between the starts of tokens ``i`` and ``j``."""
        low, high = (i, j) if i <= j else (j, i)
        return "\n" in self.text[self.starts[low]:self.starts[high]]


SOURCE_TEXT_KEY = "presslens_source_text"
"""``doc.user_data`` key of the text a Doc was made from (:func:`remember_text`)."""


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text ``doc`` was tokenised from on it, so that :class:`DocColumns` need not join
    its tokens again (``Doc.text`` makes a Token per word). Returns ``doc``."""
    doc.user_data[SOURCE_TEXT_KEY] = text
    return doc


def _source_text(doc: Doc, starts: np.ndarray) -> str:
    """Return ``doc.text``: the remembered text when it has the Doc's length and ends as the Doc does."""
    text = doc.user_data.get(SOURCE_TEXT_KEY)
    if isinstance(text, str):
        if not len(doc):
            if not text:
                return text
        else:
            last = doc[-1].text_with_ws
            if len(text) == int(starts[-1]) + len(last) and text.endswith(last):
                return text
    return doc.text


_COLUMNS: weakref.WeakKeyDictionary[Doc, DocColumns] = weakref.WeakKeyDictionary()


def columns(doc: Doc) -> DocColumns:
    """Return the :class:`DocColumns` of ``doc``, computed on the first call for that Doc.

    A Doc retokenized since (its length changed) is read again.
    """
    found = _COLUMNS.get(doc)
    if found is None or found.n_tokens != len(doc):
        found = _COLUMNS[doc] = DocColumns(doc)
    return found


def span_text(span: Span) -> str:
    """Return ``span.text``, sliced from the Doc's text (for speed: ``Span.text`` makes a Token per word)."""
    return columns(span.doc).text[span.start_char:span.end_char]


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, joined once per Doc."""
    return columns(doc).text


def word_positions(doc: Doc, attr: str, words: Iterable[str]) -> list[int]:
    """Return the indices of the tokens whose ``attr`` ("ORTH", "LOWER", "LEMMA") is one of ``words``.

    Reading a whole column with ``Doc.to_array`` is far cheaper than making a Token per word.
    The ids of a lexicon's word sets (frozensets) are computed once.
    """
    ids = _string_ids(words) if isinstance(words, frozenset) else _string_ids.__wrapped__(words)
    if not len(doc) or not len(ids):
        return []
    return np.flatnonzero(is_in(columns(doc).attr(attr), ids)).tolist()


def is_in(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Return ``np.isin(values, ids)`` for ``ids`` sorted and unique (as :func:`np.unique` gives).

    For speed: a sorted search costs a few microseconds where ``np.isin`` costs tens on the short
    arrays of one Doc.
    """
    if not len(ids):
        return np.zeros(len(values), dtype=bool)
    found = np.minimum(np.searchsorted(ids, values), len(ids) - 1)
    return ids[found] == values


@lru_cache(maxsize=64)
def _string_ids(words: Iterable[str]) -> np.ndarray:
    """Return the string ids of ``words``, sorted."""
    return np.unique(np.fromiter((get_string_id(w) for w in words), dtype=np.uint64))

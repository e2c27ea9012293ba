"""The themes capability: score news themes per article, paragraph and quote from a lexicon.

A theme taxonomy (``analysis/lexicons/themes.yaml``, or the user's own YAML file) lists for each
theme a label, a description and its terms. :class:`ThemeMatcher` finds the terms in a Doc with
spaCy's ``PhraseMatcher``; :func:`score_themes` turns the matches of a stretch of text into
scores with their evidence; the ``presslens_themes`` component scores the whole article, each
paragraph and each quote (``doc.spans["presslens_quotes"]``, when the quotes component ran) and
stores the rows on ``doc._.presslens_themes``, which :func:`records` hands to the tables.

Notes:
    Matching follows GDELT's keyword themes (Leetaru and Schrodt, 2013): a theme is present when
    its words are, and the score is a density, theme terms per 100 words, so paragraphs and
    quotes of different lengths compare. Overlapping matches count once (the longest wins).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

import numpy as np
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..columns import columns
from ..constants import ERRORS_KEY, QUOTES_KEY, THEME_TERMS_KEY
from ..corpus import paragraph_spans
from .taxonomy import (  # noqa: F401
    TAXONOMY_PATH,
    Taxonomy,
    TaxonomyError,
    Theme,
    load_taxonomy,
    parse_taxonomy,
)

EXTENSION = "presslens_themes"  # doc._.presslens_themes: the rows of the themes table
TERMS_KEY = THEME_TERMS_KEY
SCOPES = ("article", "paragraph", "quote")
ARTICLE_SCOPE_ID = "article"
# Lower-case terms are not matched inside these entities: "march" is not the month "March", and
# "bill" is not "Bill Clinton".
BLOCKED_ENTITIES = frozenset({"PERSON", "DATE", "TIME"})








@dataclass(frozen=True)
class ThemeMatch:
    """A taxonomy term found in a Doc: token offsets ``[start, end)`` and character offsets."""

    theme: str
    term: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True)
class ThemeScore:
    """The score of one theme over a stretch of text, with its evidence terms (most frequent first)."""

    theme: str
    score: float
    matches: int
    evidence: tuple[str, ...]










class ThemeMatcher:
    """Find the terms of a taxonomy in Docs, on lemmas, with overlapping matches counted once.

    A lower-case term matches any capitalisation of its words (``LOWER``) and any inflection
    (``LEMMA``, so "sanction" matches "sanctioned"), but not inside a person's name or a date. A
    term with a capital letter ("NATO", "WHO") matches exactly as written (``ORTH``).

    Args:
        vocab: The pipeline's vocabulary.
        make_doc: The pipeline's tokenizer, used to split the terms as texts are split.
        taxonomy: The themes and their terms.
    """

    def __init__(self, vocab: Vocab, make_doc: Callable[[str], Doc], taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._lemma = PhraseMatcher(vocab, attr="LEMMA")
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._orth = PhraseMatcher(vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str, bool]] = {}  # key -> (label, term, exact case)
        for theme in taxonomy.themes:
            for term in theme.terms:
                key = f"presslens_themes:{theme.name}:{term}"
                pattern = make_doc(term)
                exact = term != term.lower()
                self._keys[vocab.strings.add(key)] = (theme.label, term, exact)
                if exact:
                    self._orth.add(key, [pattern])
                else:
                    words = [t.text for t in pattern]
                    lemma_doc = Doc(vocab, words=words, spaces=[bool(t.whitespace_) for t in pattern],
                                    lemmas=[w.lower() for w in words])
                    self._lemma.add(key, [lemma_doc])
                    self._lower.add(key, [pattern])

    def __call__(self, doc: Doc) -> list[ThemeMatch]:
        """Return the theme terms found in ``doc``, in text order, without overlaps.

        Where matches overlap, the longest wins (the first on ties); a span matching terms of
        several themes counts for each of them.
        """
        found: dict[tuple[int, int], set[int]] = {}
        matchers = [self._orth, self._lower]
        if doc.has_annotation("LEMMA"):
            matchers.append(self._lemma)
        for matcher in matchers:
            for key, start, end in matcher(doc):
                if not self._keys[key][2] and doc[start].ent_type_ in BLOCKED_ENTITIES:
                    continue
                found.setdefault((start, end), set()).add(key)
        taken = bytearray(len(doc))
        kept = []
        for start, end in sorted(found, key=lambda se: (se[0] - se[1], se[0])):
            if not any(taken[start:end]):
                taken[start:end] = b"\1" * (end - start)
                kept.append((start, end))
        matches = []
        for start, end in sorted(kept):
            span = doc[start:end]
            themes: dict[str, str] = {}
            for key in sorted(found[(start, end)]):
                label, term, _ = self._keys[key]
                themes.setdefault(label, term)
            for label, term in themes.items():
                matches.append(ThemeMatch(label, term, start, end, span.start_char, span.end_char, span.text))
        return matches


def score_themes(matches: Iterable[ThemeMatch], n_words: int) -> list[ThemeScore]:
    """Score the themes of a stretch of text from the term matches inside it.

    Args:
        matches: The matches inside the stretch (see :class:`ThemeMatcher`).
        n_words: Its number of words (tokens that are not punctuation or space).

    Returns:
        One :class:`ThemeScore` per theme found, highest score first: ``score`` is the number of
        matches per 100 words (3 decimals); ``evidence`` lists the distinct matched texts
        (compared without case, shown as first written), most frequent first, then in text order.
    """
    by_theme: dict[str, Counter[str]] = {}
    written: dict[str, str] = {}  # lower case -> first form in the text
    for match in matches:
        text = " ".join(match.text.split())
        key = written.setdefault(text.lower(), text)
        by_theme.setdefault(match.theme, Counter())[key] += 1
    scores = []
    for theme, counts in by_theme.items():
        total = sum(counts.values())
        evidence = tuple(sorted(counts, key=lambda t: -counts[t]))  # stable: ties keep text order
        scores.append(ThemeScore(theme, round(100.0 * total / max(n_words, 1), 3), total, evidence))
    return sorted(scores, key=lambda s: (-s.score, s.theme))


def theme_rows(doc: Doc, matches: list[ThemeMatch], *, min_article_matches: int = 1) -> list[dict]:
    """Score the article, each paragraph and each quote of ``doc``.

    Args:
        doc: A processed Doc whose text is an article body.
        matches: The theme terms found in ``doc`` (see :class:`ThemeMatcher`).
        min_article_matches: Article-scope rows need at least this many matches.

    Returns:
        Rows ``{scope, scope_id, theme, score, matches, evidence}``: ``scope_id`` is
        ``"article"``, the paragraph index (0-based, as :func:`~analysis.corpus.paragraph_spans`
        orders paragraphs) or ``qN`` for the quote N in start order.
    """
    rows = []

    def add(scope: str, scope_id: str, found: list[ThemeMatch], n_words: int, minimum: int = 1) -> None:
        for s in score_themes(found, n_words):
            if s.matches >= minimum:
                rows.append({"scope": scope, "scope_id": scope_id, "theme": s.theme, "score": s.score,
                             "matches": s.matches, "evidence": list(s.evidence)})

    cols = columns(doc)
    article_words = cols.words_between(0, len(doc))
    add("article", ARTICLE_SCOPE_ID, matches, article_words, min_article_matches)
    paragraphs = paragraph_spans(cols.text)
    if len(paragraphs) > 1:
        starts = [start for start, _ in paragraphs]
        word_starts = cols.starts[:-1][cols.is_word]
        owner = np.maximum(np.searchsorted(starts, word_starts, side="right") - 1, 0)
        words = np.bincount(owner, minlength=len(paragraphs)).tolist()
        found: list[list[ThemeMatch]] = [[] for _ in paragraphs]
        for match in matches:
            found[max(bisect_right(starts, match.start_char) - 1, 0)].append(match)
        for index, (paragraph, n_words) in enumerate(zip(found, words)):
            add("paragraph", str(index), paragraph, n_words)
    elif paragraphs:
        add("paragraph", "0", matches, article_words)
    quotes = sorted(doc.spans[QUOTES_KEY], key=lambda s: (s.start_char, s.end_char)) if QUOTES_KEY in doc.spans else []
    for index, quote in enumerate(quotes):
        inside = [m for m in matches if m.start >= quote.start and m.end <= quote.end]
        add("quote", f"q{index}", inside, cols.words_between(quote.start, quote.end))
    return rows


def register_extensions() -> None:
    """Register ``doc._.presslens_themes`` (the rows of the themes table; ``None`` until scored)."""
    Doc.set_extension(EXTENSION, default=None, force=True)


register_extensions()


@Language.factory(
    "presslens_themes",
    assigns=[f"doc._.{EXTENSION}", "doc.spans"],
    default_config={"taxonomy": None, "min_article_matches": 2},
)
def make_themes(nlp: Language, name: str, taxonomy: Optional[str], min_article_matches: int) -> "ThemeScorer":
    """Build the ``presslens_themes`` component (see :class:`ThemeScorer`)."""
    if min_article_matches < 1:
        raise ValueError(f"min_article_matches = {min_article_matches} must be at least 1, e.g. "
                         f'nlp.add_pipe("presslens_themes", config={{"min_article_matches": 2}})')
    return ThemeScorer(nlp, name, taxonomy=taxonomy, min_article_matches=min_article_matches)


class ThemeScorer(Pipe):
    """Score news themes per article, paragraph and quote, with the terms that show them.

    Writes ``doc._.presslens_themes`` (the rows of :func:`records`) and
    ``doc.spans["presslens_theme_terms"]`` (each matched term, labelled with its theme). Never
    raises on a Doc: a failure is listed in ``doc.user_data["presslens_errors"]``.

    Args:
        nlp: The pipeline (its vocabulary and tokenizer split the terms).
        name: The component's name.
        taxonomy: A taxonomy YAML file; by default the shipped ``themes.yaml``.
        min_article_matches: Article-scope rows need at least this many term matches.

    Raises:
        TaxonomyError, InputNotFoundError: The taxonomy cannot be loaded.
    """

    def __init__(self, nlp: Language, name: str = "presslens_themes", *, taxonomy: str | None = None,
                 min_article_matches: int = 2) -> None:
        self.name = name
        self.taxonomy = load_taxonomy(taxonomy)
        self.min_article_matches = min_article_matches
        self.matcher = ThemeMatcher(nlp.vocab, nlp.make_doc, self.taxonomy)

    def __call__(self, doc: Doc) -> Doc:
        """Score the themes of ``doc`` and store them on it."""
        try:
            matches = self.matcher(doc)
            doc.spans[TERMS_KEY] = [Span(doc, m.start, m.end, label=m.theme) for m in matches]
            rows = theme_rows(doc, matches, min_article_matches=self.min_article_matches)
            doc._.set(EXTENSION, rows)
        except Exception as exc:  # one bad article must not stop a corpus run
            doc._.set(EXTENSION, None)
            doc.user_data.setdefault(ERRORS_KEY, []).append(f"{self.name}: {type(exc).__name__}: {exc}")
        return doc


def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the ``themes`` rows stored on ``doc`` (none when the component did not run).

    Returns:
        ``{"themes": [{scope, scope_id, theme, score, matches, evidence}, ...]}``; the tables add
        ``article_id`` (and prefix quote ids with it).
    """
    rows = doc._.get(EXTENSION) if Doc.has_extension(EXTENSION) else None
    if rows is None:
        return {}
    return {"themes": [dict(row, evidence=list(row["evidence"])) for row in rows]}

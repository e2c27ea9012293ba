"""The themes capability: score news themes per article, paragraph and quote from a lexicon.

A theme taxonomy (``analysis/lexicons/themes.yaml``, or the user's own YAML file) lists for each
theme a label, a description and its terms. :class:`ThemeMatcher` finds the terms in a Doc with
spaCy's ``PhraseMatcher``; :func:`score_themes` turns the matches of a stretch of text into
scores with their evidence; the ``presslens_themes`` component scores the whole article, each
paragraph and each quote (``doc.spans["presslens_quotes"]``, when the quotes component ran) and
stores the rows on ``doc._.presslens_themes``, which :func:`records` hands to the tables.

Notes:
    Matching follows GDELT's keyword themes (Leetaru and Schrodt, 2013): a theme is present when
    its words are, and the score is a density, weighted theme terms per 100 words, so paragraphs
    and quotes of different lengths compare. Overlapping matches count once (the longest wins).
    Each match is weighted by how much it says about the subject (a broad or shared term, a
    person's role, a match in the lead: see :mod:`analysis.themes.salience`); article-scope rows
    get a ``rank`` (1 = main subject) and a ``level`` (``primary`` or ``secondary``), and themes
    touched only in passing are not reported.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..columns import columns, is_in
from ..constants import ERRORS_KEY, QUOTES_KEY, THEME_TERMS_KEY
from ..corpus import paragraph_spans
from .bodies import organisation_mentions
from .phrases import doc_phrases
from .salience import (
    SalienceSettings,
    broad_keys,
    level_themes,
    modified_by_other_theme,
    names_a_role,
    owns_other_theme,
    term_weights,
)
from .taxonomy import (  # noqa: F401
    TAXONOMY_PATH,
    Taxonomy,
    TaxonomyError,
    Theme,
    load_taxonomy,
    parse_taxonomy,
)

EXTENSION = "presslens_themes"  # doc._.presslens_themes: the rows of the themes table
TITLE_EXTENSION = "presslens_title"  # doc._.presslens_title: the article's title, set before the pipeline
PHRASES_EXTENSION = "presslens_phrases"  # doc._.presslens_phrases: the rows of the phrases table
TERMS_KEY = THEME_TERMS_KEY
SCOPES = ("article", "paragraph", "quote")
ARTICLE_SCOPE_ID = "article"
# Lower-case terms are not matched inside these entities: "march" is not the month "March", and
# "rose" is not "Rose Okafor"; nor inside the name of an event or of a work, which refers to that
# one thing: "war" in "a veteran of the Ninth Border War" dates a life, "fire" in a song called
# "Harbour Fire" is a title. (Capitalised terms, names themselves, still match there.)
BLOCKED_ENTITIES = frozenset({"PERSON", "DATE", "TIME", "EVENT", "WORK_OF_ART"})
SETTINGS = SalienceSettings()  # the defaults, frozen


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
    weight: float = 1.0  # how much the match says about the subject (see analysis.themes.salience)
    broad: bool = False  # a broad term of its theme (see Theme.broad_terms)


@dataclass(frozen=True)
class ThemeScore:
    """The score of one theme over a stretch of text, with its evidence terms (most frequent first)."""

    theme: str
    score: float
    matches: int
    evidence: tuple[str, ...]
    weight: float = 0.0  # the weighted evidence: the sum of the weights of the matches


class ThemeMatcher:
    """Find the terms of a taxonomy in Docs, on lemmas, with overlapping matches counted once.

    A lower-case term matches any capitalisation of its words (``LOWER``) and any inflection
    (``LEMMA``, so "sanction" matches "sanctioned"), but not inside a person's name or a date. A
    term with a capital letter ("NATO", "WHO") matches exactly as written (``ORTH``).

    Args:
        vocab: The pipeline's vocabulary.
        make_doc: The pipeline's tokenizer, used to split the terms as texts are split.
        taxonomy: The themes and their terms.
        weights: The weight of each ``(theme label, term)``; by default from the taxonomy with
            the default settings (see :func:`~analysis.themes.salience.term_weights`).
    """

    def __init__(self, vocab: Vocab, make_doc: Callable[[str], Doc], taxonomy: Taxonomy,
                 weights: Mapping[tuple[str, str], float] | None = None) -> None:
        self.taxonomy = taxonomy
        self.weights = dict(weights) if weights is not None else term_weights(taxonomy, SETTINGS)
        self._lemma = PhraseMatcher(vocab, attr="LEMMA")
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._orth = PhraseMatcher(vocab, attr="ORTH")
        self._keys: dict[int, tuple[str, str, bool]] = {}  # key -> (label, term, exact case)
        self._broad = broad_keys(taxonomy)
        for theme in taxonomy.themes:
            for term in (*theme.terms, *theme.broad_terms):
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
        several themes counts for each of them. The mentions of organisations that belong to a
        theme by their names (see :mod:`analysis.themes.bodies`) are added, each with the
        organisation's name as its term, unless a term of the same theme covers them.
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
        text = columns(doc).text  # for speed: Span.text joins the span's tokens
        for start, end in sorted(kept):
            span = doc[start:end]
            themes: dict[str, str] = {}
            for key in sorted(found[(start, end)]):
                label, term, _ = self._keys[key]
                themes.setdefault(label, term)
            for label, term in themes.items():
                matches.append(ThemeMatch(label, term, start, end, span.start_char, span.end_char,
                                          text[span.start_char:span.end_char],
                                          self.weights.get((label, term), 1.0), (label, term) in self._broad))
        named = [(start, end, label, actor, weight) for start, end, label, actor, weight
                 in organisation_mentions(doc, self.taxonomy)
                 if not any(m.theme == label and m.start < end and start < m.end for m in matches)]
        if named:  # a name a term of its theme already covers ("Security Council") counts once
            for start, end, label, actor, weight in named:
                span = doc[start:end]
                matches.append(ThemeMatch(label, actor, start, end, span.start_char, span.end_char,
                                          text[span.start_char:span.end_char], weight))
            matches.sort(key=lambda m: (m.start, m.end))
        return matches


def score_themes(matches: Iterable[ThemeMatch], n_words: int, *, lead_end: int = -1,
                 lead_weight: float = 1.0, repeat_exponent: float = 1.0,
                 extra: Mapping[str, float] | None = None) -> list[ThemeScore]:
    """Score the themes of a stretch of text from the term matches inside it.

    Args:
        matches: The matches inside the stretch (see :class:`ThemeMatcher`), with their weights.
        n_words: Its number of words (tokens that are not punctuation or space).
        lead_end: Matches starting before this character offset are in the lead...
        lead_weight: ... and count this many times.
        repeat_exponent: A term matched ``n`` times counts ``n ** repeat_exponent`` times (its
            matches' weights are scaled by ``n ** (repeat_exponent - 1)``); 1 keeps plain counts.
        extra: Weighted evidence found outside the stretch (the title), added by theme.

    Returns:
        One :class:`ThemeScore` per theme with some weight, highest score first: ``weight`` is the
        sum of the match weights (and of ``extra``), ``score`` the weight per 100 words (3
        decimals), ``matches`` the number of matches and ``evidence`` the distinct matched texts
        of positive weight (compared without case, shown as first written), most frequent first,
        then in text order.
    """
    by_theme: dict[str, Counter[str]] = {}
    term_weight: dict[tuple[str, str], float] = {}
    term_count: Counter[tuple[str, str]] = Counter()
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}  # lower case -> first form in the text
    for match in matches:
        weight = match.weight * (lead_weight if match.start_char < lead_end else 1.0)
        counts[match.theme] += 1
        term_weight[(match.theme, match.term)] = term_weight.get((match.theme, match.term), 0.0) + weight
        term_count[(match.theme, match.term)] += 1
        evidence = by_theme.setdefault(match.theme, Counter())
        if weight > 0:
            text = " ".join(match.text.split())
            evidence[written.setdefault(text.lower(), text)] += 1
    weights: dict[str, float] = dict.fromkeys(by_theme, 0.0)
    for (theme, term), weight in term_weight.items():
        weights[theme] += weight * term_count[(theme, term)] ** (repeat_exponent - 1.0)
    for theme, weight in (extra or {}).items():
        if weight > 0:
            weights[theme] = weights.get(theme, 0.0) + weight
            by_theme.setdefault(theme, Counter())
    scores = []
    for theme, evidence in by_theme.items():
        if weights[theme] <= 0:
            continue
        ordered = tuple(sorted(evidence, key=lambda t: -evidence[t]))  # stable: ties keep text order
        scores.append(ThemeScore(theme, round(100.0 * weights[theme] / max(n_words, 1), 3), counts[theme], ordered,
                                 round(weights[theme], 6)))
    return sorted(scores, key=lambda s: (-s.weight, s.theme))


def weigh_context(doc: Doc, matches: Sequence[ThemeMatch], broad: frozenset[tuple[str, str]],
                  settings: SalienceSettings = SETTINGS) -> list[ThemeMatch]:
    """Weigh matches by their sense in context (see :mod:`analysis.themes.salience`).

    A term naming the role of a person beside it is multiplied by ``role_weight``; a broad term
    (``broad`` holds the ``(theme, term)`` pairs) modified by a term of another theme, and an
    organisation's name modifying a term of another theme ("EU law"), by ``modifier_weight``.
    """
    token_themes: dict[int, set[str]] = {}
    word_themes: dict[int, set[str]] = {}  # the same, of lower-case terms only: words, not names
    for m in matches:
        for i in range(m.start, m.end):
            token_themes.setdefault(i, set()).add(m.theme)
            if m.term == m.term.lower():
                word_themes.setdefault(i, set()).add(m.theme)
    out = []
    for m in matches:
        weight = m.weight
        if names_a_role(doc, m.start, m.end):
            weight *= settings.role_weight
        # a name modifying a broad term does not reread it: a "NATO budget" is a budget
        if (m.theme, m.term) in broad and modified_by_other_theme(doc, m.start, m.end, m.theme, word_themes):
            weight *= settings.modifier_weight
        elif m.term != m.term.lower() and owns_other_theme(doc, m.start, m.end, m.theme, token_themes):
            weight *= settings.modifier_weight
        out.append(m if weight == m.weight else replace(m, weight=weight))
    return out


def theme_rows(doc: Doc, matches: list[ThemeMatch], *, settings: SalienceSettings = SETTINGS,
               title_matches: Sequence[ThemeMatch] = ()) -> list[dict]:
    """Score the article, each paragraph and each quote of ``doc``.

    Args:
        doc: A processed Doc whose text is an article body.
        matches: The theme terms found in ``doc``, weighted (see :class:`ThemeMatcher`).
        settings: The lead weight and the thresholds (see :class:`~analysis.themes.salience.SalienceSettings`).
        title_matches: The theme terms found in the article's title (see :func:`title_doc`);
            each adds its weight times ``settings.title_weight`` to the article scope.

    Returns:
        Rows ``{scope, scope_id, theme, score, matches, evidence, rank, level}``: ``scope_id`` is
        ``"article"``, the paragraph index (0-based, as :func:`~analysis.corpus.paragraph_spans`
        orders paragraphs) or ``qN`` for the quote N in start order. Article rows are the
        article's primary and secondary themes by rank; ``rank`` and ``level`` are ``None`` for
        the other scopes, whose rows need ``settings.min_scope_evidence``.
    """
    rows = []

    def add(scope: str, scope_id: str, found: list[ThemeMatch], n_words: int) -> None:
        for s in score_themes(found, n_words):
            if s.weight >= settings.min_scope_evidence:
                rows.append({"scope": scope, "scope_id": scope_id, "theme": s.theme, "score": s.score,
                             "matches": s.matches, "evidence": list(s.evidence), "rank": None, "level": None})

    cols = columns(doc)
    article_words = cols.words_between(0, len(doc))
    paragraphs = paragraph_spans(cols.text)
    lead_end = paragraphs[0][1] if len(paragraphs) > 1 else -1  # a one-paragraph text has no lead apart
    in_title: dict[str, float] = {}
    for m in title_matches:
        in_title[m.theme] = in_title.get(m.theme, 0.0) + m.weight * settings.title_weight
    scores = {s.theme: s for s in score_themes(matches, article_words, lead_end=lead_end,
                                                lead_weight=settings.lead_weight,
                                                repeat_exponent=settings.repeat_exponent, extra=in_title)}
    terms: dict[str, set[str]] = {}
    specific: dict[str, set[str]] = {}
    for m in (*matches, *title_matches):
        if m.weight > 0:
            terms.setdefault(m.theme, set()).add(m.term.casefold())
            if not m.broad:
                specific.setdefault(m.theme, set()).add(m.term.casefold())
    titled = {m.theme for m in title_matches if m.weight > 0 and not m.broad} if settings.title_weight > 0 else set()
    lede_end = _lede_end(doc, paragraphs)
    in_lede = {m.theme for m in matches if m.start_char < lede_end and m.weight > 0 and not m.broad}
    # a theme that both the headline and the lede name is the subject; else the headline's, else the lede's
    announced = (titled & in_lede) or titled or in_lede
    for found in level_themes({theme: s.weight for theme, s in scores.items()}, settings,
                              terms={theme: len(words) for theme, words in terms.items()},
                              specific={theme: len(words) for theme, words in specific.items()}, titled=titled,
                              announced=announced):
        s = scores[found.theme]
        rows.append({"scope": "article", "scope_id": ARTICLE_SCOPE_ID, "theme": s.theme, "score": s.score,
                     "matches": s.matches, "evidence": list(s.evidence), "rank": found.rank, "level": found.level})
    if len(paragraphs) > 1:
        starts = [start for start, _ in paragraphs]
        word_starts = cols.starts[:-1][cols.is_word]
        owner = np.maximum(np.searchsorted(starts, word_starts, side="right") - 1, 0)
        words = np.bincount(owner, minlength=len(paragraphs)).tolist()
        in_paragraph: list[list[ThemeMatch]] = [[] for _ in paragraphs]
        for match in matches:
            in_paragraph[max(bisect_right(starts, match.start_char) - 1, 0)].append(match)
        for index, (paragraph, n_words) in enumerate(zip(in_paragraph, words)):
            add("paragraph", str(index), paragraph, n_words)
    elif paragraphs:
        add("paragraph", "0", matches, article_words)
    quotes = sorted(doc.spans[QUOTES_KEY], key=lambda s: (s.start_char, s.end_char)) if QUOTES_KEY in doc.spans else []
    for index, quote in enumerate(quotes):
        inside = [m for m in matches if m.start >= quote.start and m.end <= quote.end]
        add("quote", f"q{index}", inside, cols.words_between(quote.start, quote.end))
    return rows


def _lede_end(doc: Doc, paragraphs: Sequence[tuple[int, int]]) -> int:
    """Return the character offset where the first sentence ends: by the parse when the Doc has
    sentences, else the end of the first paragraph when there are several (else -1, no lede)."""
    if doc.has_annotation("SENT_START") and len(doc):
        return next(iter(doc.sents)).end_char
    return paragraphs[0][1] if len(paragraphs) > 1 else -1


def title_doc(doc: Doc, title: str, make_doc: Callable[[str], Doc]) -> Doc:
    """Return the article's title as a Doc the :class:`ThemeMatcher` can read, without parsing it.

    The title is tokenised only; each word takes the lemma the body gives the same word (lower
    case), else its lower-case form, so "Sanctions" matches "sanction" when the body has it. A
    word written as in a person's name or a date of the body (same case) is marked so, as the
    matcher does not match lower-case terms there ("Rose" of a name is not a rose).
    """
    cols = columns(doc)
    orth, ent_type = cols.attr("ORTH"), cols.attr("ENT_TYPE")
    # the body's tokens in a person's name or a date, punctuation apart (read in one C pass)
    blocked_ids = np.unique(np.array([get_string_id(label) for label in BLOCKED_ENTITIES], dtype=np.uint64))
    in_blocked = is_in(ent_type, blocked_ids) & (cols.attr("IS_PUNCT") == 0)
    made = make_doc(title)
    words = [t.text for t in made]
    lemmas: dict[str, str] = {}  # a title word (lower case) -> the lemma of its first body occurrence
    blocked: dict[str, str] = {}  # a title word -> the entity type of its first blocked body occurrence
    for word in set(words):
        low = word.lower()
        if low not in lemmas:
            found = np.flatnonzero(cols.lower == get_string_id(low))
            token = doc[int(found[0])] if len(found) else None
            lemmas[low] = (token.lemma_.lower() or token.lower_) if token is not None else low
        found = np.flatnonzero((orth == get_string_id(word)) & in_blocked)
        if len(found):
            blocked[word] = doc[int(found[0])].ent_type_
    out = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in made],
              lemmas=[lemmas[w.lower()] for w in words])
    out.ents = [Span(out, i, i + 1, label=blocked[w]) for i, w in enumerate(words) if w in blocked]
    return out


def register_extensions() -> None:
    """Register ``doc._.presslens_themes`` (the rows of the themes table; ``None`` until scored),
    ``doc._.presslens_title`` (the article's title, ``None`` when there is none) and
    ``doc._.presslens_phrases`` (the article's noun phrases, see :mod:`analysis.themes.phrases`)."""
    Doc.set_extension(EXTENSION, default=None, force=True)
    Doc.set_extension(TITLE_EXTENSION, default=None, force=True)
    Doc.set_extension(PHRASES_EXTENSION, default=None, force=True)


register_extensions()


@Language.factory(
    "presslens_themes",
    assigns=[f"doc._.{EXTENSION}", f"doc._.{PHRASES_EXTENSION}", "doc.spans"],
    default_config={"taxonomy": None, "min_evidence": None, "lead_weight": None, "broad_weight": None,
                    "role_weight": None, "modifier_weight": None, "primary_share": None, "secondary_share": None,
                    "title_weight": None, "repeat_exponent": None, "min_terms": None, "min_specific": None},
)
def make_themes(nlp: Language, name: str, taxonomy: str | None, min_evidence: float | None,
                lead_weight: float | None, broad_weight: float | None, role_weight: float | None,
                modifier_weight: float | None, primary_share: float | None,
                secondary_share: float | None, title_weight: float | None = None,
                repeat_exponent: float | None = None, min_terms: float | None = None,
                min_specific: float | None = None) -> ThemeScorer:
    """Build the ``presslens_themes`` component (see :class:`ThemeScorer`).

    Each weight or threshold left ``None`` comes from the taxonomy file's ``salience:`` settings,
    else from :class:`~analysis.themes.salience.SalienceSettings`.

    Raises:
        ValueError: A weight or threshold is out of range, e.g.
            ``nlp.add_pipe("presslens_themes", config={"min_evidence": -1})``.
    """
    given = {"min_evidence": min_evidence, "lead_weight": lead_weight, "broad_weight": broad_weight,
             "role_weight": role_weight, "modifier_weight": modifier_weight, "primary_share": primary_share,
             "secondary_share": secondary_share, "title_weight": title_weight, "repeat_exponent": repeat_exponent,
             "min_terms": min_terms, "min_specific": min_specific}
    return ThemeScorer(nlp, name, taxonomy=taxonomy, overrides={k: v for k, v in given.items() if v is not None})


class ThemeScorer(Pipe):
    """Score news themes per article, paragraph and quote, with the terms that show them.

    Writes ``doc._.presslens_themes`` and ``doc._.presslens_phrases`` (the rows of :func:`records`)
    and ``doc.spans["presslens_theme_terms"]`` (each matched term, labelled with its theme). Reads
    ``doc._.presslens_title``, the article's title, when the extraction set it. Never
    raises on a Doc: a failure is listed in ``doc.user_data["presslens_errors"]``.

    Args:
        nlp: The pipeline (its vocabulary and tokenizer split the terms).
        name: The component's name.
        taxonomy: A taxonomy YAML file; by default the shipped ``themes.yaml``.
        overrides: Weights and thresholds (see :class:`~analysis.themes.salience.SalienceSettings`)
            that take precedence over the taxonomy's ``salience:`` settings and the defaults;
            ``min_evidence`` is the weighted evidence under which an article theme is not reported.

    Raises:
        TaxonomyError, InputNotFoundError: The taxonomy cannot be loaded.
    """

    def __init__(self, nlp: Language, name: str = "presslens_themes", *, taxonomy: str | None = None,
                 overrides: Mapping[str, float] | None = None) -> None:
        self.name = name
        self.taxonomy = load_taxonomy(taxonomy)
        self.settings = settings = replace(SETTINGS, **{**dict(self.taxonomy.salience), **(overrides or {})})
        self.matcher = ThemeMatcher(nlp.vocab, nlp.make_doc, self.taxonomy, term_weights(self.taxonomy, settings))
        self.make_doc = nlp.make_doc
        self.broad = broad_keys(self.taxonomy)

    def __call__(self, doc: Doc) -> Doc:
        """Score the themes of ``doc`` and store them on it."""
        try:
            matches = weigh_context(doc, self.matcher(doc), self.broad, self.settings)
            doc.spans[TERMS_KEY] = [Span(doc, m.start, m.end, label=m.theme) for m in matches]
            title = doc._.get(TITLE_EXTENSION)
            in_title: list[ThemeMatch] = []
            if title and self.settings.title_weight > 0:
                head = title_doc(doc, title, self.make_doc)
                in_title = weigh_context(head, self.matcher(head), self.broad, self.settings)
            rows = theme_rows(doc, matches, settings=self.settings, title_matches=in_title)
            doc._.set(EXTENSION, rows)
            doc._.set(PHRASES_EXTENSION, doc_phrases(doc))
        except Exception as exc:  # one bad article must not stop a corpus run
            doc._.set(EXTENSION, None)
            doc._.set(PHRASES_EXTENSION, None)
            doc.user_data.setdefault(ERRORS_KEY, []).append(f"{self.name}: {type(exc).__name__}: {exc}")
        return doc


def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the ``themes`` and ``phrases`` rows stored on ``doc`` (none when the component did not run).

    Returns:
        ``{"themes": [{scope, scope_id, theme, score, matches, evidence, rank, level}, ...],
        "phrases": [{phrase, text, pos, count, start}, ...]}``; the tables add ``article_id`` (and
        prefix quote ids with it, and give phrases their ``paragraph``).
    """
    rows = doc._.get(EXTENSION) if Doc.has_extension(EXTENSION) else None
    if rows is None:
        return {}
    phrases = doc._.get(PHRASES_EXTENSION) or []
    return {"themes": [dict(row, evidence=list(row["evidence"])) for row in rows],
            "phrases": [dict(row) for row in phrases]}

"""Themes across a corpus, from the extracted tables: shares, keyphrases, topics, who speaks on what.

The ``presslens_themes`` component scores each article, paragraph and quote against the theme
taxonomy and lists its noun phrases; the functions here work on the resulting tables (see
:class:`~analysis.extract.Extraction`), with no second pass of spaCy:

- :func:`taxonomy_table` lists the themes; :func:`theme_shares` and :func:`top_themes` summarise
  the ``themes`` table;
- :func:`keyphrases` finds each article's keyphrases among its noun phrases (the ``phrases``
  table), with actor names left out;
- :func:`discover_topics` runs NMF topic discovery over TF-IDF of noun phrases (20 articles or more)
  and flags the distinctive topics the taxonomy does not cover;
- :func:`speaker_themes` and :func:`actor_themes` tie themes to the actors who speak on them and to
  the paragraphs that mention them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from ..constants import LIST_SEPARATOR
from ..types import PathLike
from .component import Taxonomy, load_taxonomy
from .phrases import MAX_WORDS, PhraseCounts, article_phrases, shown

if TYPE_CHECKING:
    from ..extract import Extraction

MIN_TOPIC_ARTICLES = 20
KEYPHRASE_COLUMNS = ["article_id", "rank", "keyphrase", "score", "count"]
TOPIC_COLUMNS = ["topic", "terms", "articles", "closest_theme", "coverage", "distinctiveness", "suggested"]
ACTOR_THEME_COLUMNS = ["actor", "theme", "via", "n", "articles", "score"]


def taxonomy_table(taxonomy: Taxonomy | PathLike | None = None, *, examples: int = 8) -> pd.DataFrame:
    """Return the themes of a taxonomy as a table, for reading it in a notebook.

    Args:
        taxonomy: A taxonomy or its YAML file; by default the shipped one.
        examples: Terms shown per theme.

    Returns:
        ``theme, description, terms, examples``: the label, the description, the number of terms
        and the first ``examples`` terms joined with ", ".
    """
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    rows = [{"theme": t.label, "description": t.description, "terms": len(t.terms),
             "examples": ", ".join(t.terms[:examples])} for t in taxonomy.themes]
    return pd.DataFrame(rows).astype({"theme": "string", "description": "string", "terms": "Int64",
                                      "examples": "string"})


def theme_shares(themes: pd.DataFrame) -> pd.DataFrame:
    """Return each theme's share of the corpus, from the article-scope rows of ``themes``.

    Each article's theme scores are divided by their sum, so every article weighs the same; a
    theme's share is the mean of its article shares.

    Args:
        themes: The ``themes`` table.

    Returns:
        ``theme, articles, share``: how many articles carry the theme and its share (0 to 1),
        largest share first.
    """
    rows = themes.loc[themes["scope"] == "article", ["article_id", "theme", "score"]]
    if rows.empty:
        return pd.DataFrame({"theme": pd.Series(dtype="string"), "articles": pd.Series(dtype="Int64"),
                             "share": pd.Series(dtype="float64")})
    n_articles = rows["article_id"].nunique()
    rows = rows.assign(share=rows["score"] / rows.groupby("article_id")["score"].transform("sum"))
    out = rows.groupby("theme", sort=True).agg(articles=("article_id", "nunique"), share=("share", "sum"))
    out["share"] = out["share"] / n_articles
    out = out.reset_index().sort_values(["share", "theme"], ascending=[False, True], kind="stable")
    return out.astype({"theme": "string", "articles": "Int64", "share": "float64"}).reset_index(drop=True)


def top_themes(themes: pd.DataFrame, n: int = 5, *, scope: str = "article") -> pd.DataFrame:
    """Return the ``n`` highest-scoring themes of each article (or paragraph, or quote).

    Args:
        themes: The ``themes`` table.
        n: Themes kept per scope item.
        scope: ``article``, ``paragraph`` or ``quote``.

    Returns:
        The matching rows of ``themes``, sorted by article, scope id and descending score.
    """
    rows = themes.loc[themes["scope"] == scope]
    rows = rows.sort_values(["article_id", "scope_id", "score", "theme"], ascending=[True, True, False, True],
                            kind="stable")
    return rows.groupby(["article_id", "scope_id"], sort=False).head(n).reset_index(drop=True)


def _actor_names(article_id: str, mentions: pd.DataFrame | None, actors: pd.DataFrame | None) -> list[str]:
    """Return the names of the actors of one article (canonical names, aliases, named mentions)."""
    names: set[str] = set()
    if actors is not None and not actors.empty:
        rows = actors.loc[actors["article_id"] == article_id]
        names.update(rows["actor"].dropna().astype(str))
        for aliases in rows["aliases"].dropna().astype(str):
            names.update(a for a in aliases.split(LIST_SEPARATOR) if a)
    if mentions is not None and not mentions.empty:
        texts = mentions.loc[mentions["article_id"] == article_id, "text"].dropna().astype(str)
        names.update(t for t in texts if t[:1].isupper())
    return sorted((n.strip() for n in names if n.strip()), key=lambda n: (-len(n), n))


def _overlaps(phrase: str, other: str) -> bool:
    """Tell whether one phrase contains the other as whole words."""
    return f" {other} " in f" {phrase} " or f" {phrase} " in f" {other} "


def _name_words(article_id: str, mentions: pd.DataFrame | None, actors: pd.DataFrame | None) -> frozenset[str]:
    """Return the lower-case words of the names of an article's actors."""
    return frozenset(w.lower() for name in _actor_names(article_id, mentions, actors) for w in name.split())


def _article_phrases(extraction: Extraction, max_words: int) -> dict[str, PhraseCounts]:
    """Return each article's candidate phrases of at most ``max_words`` words (from the ``phrases``
    table), without those that hold a word of the name of one of its actors."""
    if isinstance(extraction, pd.DataFrame) or not hasattr(extraction, "phrases"):
        raise TypeError("keyphrases and discover_topics take the whole extraction (extract(...) or "
                        "load_tables(...)), whose phrases table holds the noun phrases, not the articles table")
    articles, mentions, actors = extraction.articles, extraction.mentions, extraction.actors
    found = article_phrases(extraction.phrases, articles["article_id"].astype(str), max_words)
    out = {}
    for article_id, phrases in found.items():
        names = _name_words(article_id, mentions, actors)
        kept = PhraseCounts()
        for key, count in phrases.counts.items():
            if not any(w in names for w in key.split()):
                kept.counts[key] = count
                kept.written[key] = phrases.written[key]
        out[article_id] = kept
    return out


def keyphrases(extraction: Extraction, *, top_n: int = 10) -> pd.DataFrame:
    """Find the keyphrases of each article: its noun phrases that recur in it and are rare elsewhere.

    Candidates are noun phrases of one to three words found by part of speech in the extraction's
    ``phrases`` table (see :mod:`analysis.themes.phrases`: no verb and no adjective alone is ever
    one; nothing is parsed again). A candidate
    scores ``(count - 0.5) * words * idf``: phrases that recur rank first, a phrase counts more than
    a word, and phrases common to the whole corpus sink (``idf`` is scikit-learn's smoothed inverse
    document frequency over the articles given; it is 1 for a single article). The best candidates
    are kept, skipping any that contains or is contained in one already kept. Names are left out:
    runs of proper nouns, and any phrase holding a word of the name of one of the article's actors
    (canonical names, aliases and named mentions, from the ``actors`` and ``mentions`` tables).

    Args:
        extraction: The tables of :func:`~analysis.extract.extract` or
            :func:`~analysis.explore.load_tables`: its ``articles`` (which articles), ``phrases``
            (their noun phrases), ``actors`` and ``mentions`` (their actors' names).
        top_n: Keyphrases kept per article.

    Returns:
        ``article_id, rank, keyphrase, score, count`` in long form, by article and rank (from 1);
        keyphrases are shown as most often written (lower case but for proper nouns); ties go to
        the phrase seen first.
    """
    found = _article_phrases(extraction, MAX_WORDS)
    df = Counter(key for phrases in found.values() for key in phrases.counts)
    rows = []
    for article_id, phrases in found.items():
        scored = [((count - 0.5) * len(key.split()) * (math.log((1 + len(found)) / (1 + df[key])) + 1), order, key,
                   count) for order, (key, count) in enumerate(phrases.counts.items())]
        scored.sort(key=lambda s: (-s[0], s[1]))
        chosen: list[str] = []
        for score, _, key, count in scored:
            if len(chosen) == top_n:
                break
            if not any(_overlaps(key, other) for other in chosen):
                chosen.append(key)
                rows.append({"article_id": article_id, "rank": len(chosen), "keyphrase": shown([phrases], key),
                             "score": round(score, 3), "count": count})
    frame = pd.DataFrame(rows, columns=KEYPHRASE_COLUMNS)
    return frame.astype({"article_id": "string", "rank": "Int64", "keyphrase": "string",
                         "score": "float64", "count": "Int64"})


def _taxonomy_words(taxonomy: Taxonomy) -> dict[str, str]:
    """Map the head word of each taxonomy term (its last word; lower case, trailing ``s`` dropped) to
    its theme: "trade agreement" tells "agreement", not "trade" (a term of its own where it matters)."""
    words: dict[str, str] = {}
    for theme in taxonomy.themes:
        for term in (*theme.terms, *theme.broad_terms):
            found = [w for w in re.findall(r"[a-z]+", term.lower()) if w not in ENGLISH_STOP_WORDS]
            if found:
                words.setdefault(_stem(found[-1]), theme.label)
    return words


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _occurrences(phrases: PhraseCounts) -> list[str]:
    """Return each phrase of ``phrases`` as many times as it occurs (the analyser of the vectoriser)."""
    return [key for key, count in phrases.counts.items() for _ in range(count)]


def topics_note(n_articles: int, min_articles: int = MIN_TOPIC_ARTICLES) -> str:
    """Return one sentence on whether a corpus of ``n_articles`` is large enough for topic discovery."""
    if n_articles < min_articles:
        return (f"This corpus has {n_articles} article{'s' if n_articles != 1 else ''}: topic discovery needs "
                f"at least {min_articles}, so no topics are shown.")
    return f"Topics discovered in {n_articles} articles."


def discover_topics(
    extraction: Extraction,
    *,
    taxonomy: Taxonomy | PathLike | None = None,
    n_topics: int | None = None,
    n_terms: int = 8,
    min_articles: int = MIN_TOPIC_ARTICLES,
    random_state: int = 0,
) -> pd.DataFrame:
    """Discover topics in a corpus and flag the ones the theme taxonomy misses.

    NMF over TF-IDF (Lee and Seung, 1999), seeded and deterministic, of the articles' noun phrases
    of one or two words (the ``phrases`` table; see :mod:`analysis.themes.phrases`: no verb, so
    no reporting verb and no speech filler, and no name) that occur in at least two articles and
    at most half of them. Each topic's top terms are compared with the words of the taxonomy's
    terms: ``coverage`` is the share of the topic's term weight that the taxonomy knows, and
    ``distinctiveness`` the mean share of each top term's loading that falls on this topic
    rather than on others. A topic is ``suggested`` as a theme to add when the taxonomy misses it
    (coverage under 0.25), its terms are its own (distinctiveness at least 0.5) and it is the
    main topic of at least two articles.

    Args:
        extraction: The tables of :func:`~analysis.extract.extract` or
            :func:`~analysis.explore.load_tables`: its ``articles``, ``phrases``, and ``actors`` and
            ``mentions`` for the actor names to leave out.
        taxonomy: The taxonomy to compare with; by default the shipped one.
        n_topics: Number of topics; by default about one per 15 articles, 2 to 20.
        n_terms: Top terms listed per topic.
        min_articles: Fewer articles than this give an empty table (topics from a handful of
            articles are noise); :func:`topics_note` says so in one sentence.
        random_state: Seed of the NMF initialisation.

    Returns:
        ``topic, terms, articles, closest_theme, coverage, distinctiveness, suggested``: one row per
        topic (from 0), ``terms`` joined with "|", ``articles`` the number of articles whose main
        topic it is. The table's ``attrs["note"]`` holds the sentence of :func:`topics_note`.
    """
    empty = pd.DataFrame(columns=TOPIC_COLUMNS).astype(
        {"topic": "Int64", "terms": "string", "articles": "Int64", "closest_theme": "string",
         "coverage": "float64", "distinctiveness": "float64", "suggested": "boolean"})
    if isinstance(extraction, pd.DataFrame):
        _article_phrases(extraction, 2)  # raises the TypeError that explains the call
    n_articles = len(extraction.articles)
    empty.attrs["note"] = topics_note(n_articles, min_articles)
    if n_articles < min_articles:
        return empty
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    found = list(_article_phrases(extraction, 2).values())
    k = n_topics or max(2, min(20, round(len(found) / 15)))
    vectorizer = TfidfVectorizer(analyzer=_occurrences, min_df=2, max_df=0.5, sublinear_tf=True, max_features=5000)
    try:
        matrix = vectorizer.fit_transform(found)
    except ValueError:  # no term is left after pruning
        return empty
    k = min(k, matrix.shape[0], matrix.shape[1])
    model_ = NMF(n_components=k, init="nndsvd", random_state=random_state, max_iter=1000)
    weights = model_.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    loadings_total = model_.components_.sum(axis=0)
    known = _taxonomy_words(taxonomy)
    main_topic = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    rows = []
    for topic, loadings in enumerate(model_.components_):
        top = [i for i in np.argsort(-loadings, kind="stable")[:n_terms] if loadings[i] > 0]
        total = float(sum(loadings[i] for i in top)) or 1.0
        by_theme: Counter[str] = Counter()
        for i in top:
            themes = {known[_stem(w)] for w in vocabulary[i].split() if _stem(w) in known}
            for theme in themes:
                by_theme[theme] += loadings[i] / len(themes)
        coverage = round(sum(by_theme.values()) / total, 3)
        distinct = round(float(np.mean([loadings[i] / loadings_total[i] for i in top])) if top else 0.0, 3)
        n_main = int((main_topic == topic).sum())
        closest = min(by_theme, key=lambda t: (-by_theme[t], t)) if by_theme else pd.NA
        rows.append({"topic": topic, "terms": LIST_SEPARATOR.join(shown(found, vocabulary[i]) for i in top),
                     "articles": n_main, "closest_theme": closest, "coverage": coverage,
                     "distinctiveness": distinct, "suggested": coverage < 0.25 and distinct >= 0.5 and n_main >= 2})
    out = pd.DataFrame(rows, columns=TOPIC_COLUMNS).astype(empty.dtypes.to_dict())
    out.attrs["note"] = empty.attrs["note"]
    return out


def _quote_key(themes: pd.DataFrame) -> pd.Series:
    """Return the ``quote_id`` of quote-scope theme rows (``ARTICLE:qN``, whether or not prefixed)."""
    scope_id = themes["scope_id"].astype("string")
    prefixed = scope_id.str.contains(":", regex=False).fillna(False)
    return scope_id.where(prefixed, themes["article_id"].astype("string") + ":" + scope_id)


def speaker_themes(quotes: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Return the themes of each quote with its speaker, in long form.

    Args:
        quotes: The ``quotes`` table.
        themes: The ``themes`` table.

    Returns:
        ``article_id, quote_id, speaker, theme, score, evidence``, one row per quote and theme,
        only for quotes with a speaker, by article and quote.
    """
    columns = ["article_id", "quote_id", "speaker", "theme", "score", "evidence"]
    rows = themes.loc[themes["scope"] == "quote"]
    if rows.empty or quotes.empty:
        return pd.DataFrame(columns=columns).astype(
            {"article_id": "string", "quote_id": "string", "speaker": "string", "theme": "string",
             "score": "float64", "evidence": "string"})
    rows = rows.assign(quote_id=_quote_key(rows))[["quote_id", "theme", "score", "evidence"]]
    speakers = quotes.loc[quotes["speaker"].notna() & (quotes["speaker"] != ""), ["article_id", "quote_id", "speaker"]]
    out = speakers.merge(rows, on="quote_id", how="inner")[columns]
    return out.sort_values(["article_id", "quote_id", "score"], ascending=[True, True, False],
                           kind="stable").reset_index(drop=True)


def actor_themes(
    mentions: pd.DataFrame,
    themes: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    *,
    via: Literal["both", "quote", "mention"] = "both",
) -> pd.DataFrame:
    """Tie actors to themes: the themes of what they say and of the paragraphs that mention them.

    Args:
        mentions: The ``mentions`` table.
        themes: The ``themes`` table.
        quotes: The ``quotes`` table; without it, only mentions are used.
        via: ``quote`` (themes of the actor's quotes), ``mention`` (themes of the paragraphs
            that mention the actor) or ``both``.

    Returns:
        ``actor, theme, via, n, articles, score`` in long form: ``n`` counts the quotes or the
        paragraphs, ``articles`` the articles they come from and ``score`` sums their theme
        scores; sorted by actor, ``via`` and descending ``n``. Actors are matched across
        articles by canonical name.
    """
    if via not in ("both", "quote", "mention"):
        raise ValueError(f"via = {via!r} is invalid; use 'both', 'quote' or 'mention'")
    parts = []
    if via in ("both", "quote") and quotes is not None:
        spoken = speaker_themes(quotes, themes).rename(columns={"speaker": "actor"})
        spoken = spoken.assign(via="quote", unit=spoken["quote_id"])
        parts.append(spoken[["actor", "theme", "via", "unit", "article_id", "score"]])
    if via in ("both", "mention") and not mentions.empty:
        paragraphs = themes.loc[themes["scope"] == "paragraph", ["article_id", "scope_id", "theme", "score"]]
        known = mentions["actor"].notna() & mentions["paragraph"].notna()
        seen = mentions.loc[known, ["article_id", "actor", "paragraph"]]
        seen = seen.drop_duplicates().assign(scope_id=lambda f: f["paragraph"].astype("Int64").astype("string"))
        mentioned = seen.merge(paragraphs, on=["article_id", "scope_id"], how="inner")
        mentioned = mentioned.assign(via="mention", unit=mentioned["article_id"] + ":p" + mentioned["scope_id"])
        parts.append(mentioned[["actor", "theme", "via", "unit", "article_id", "score"]])
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=ACTOR_THEME_COLUMNS).astype(
            {"actor": "string", "theme": "string", "via": "string", "n": "Int64", "articles": "Int64",
             "score": "float64"})
    both = pd.concat(parts, ignore_index=True)
    out = both.groupby(["actor", "theme", "via"], sort=True).agg(
        n=("unit", "nunique"), articles=("article_id", "nunique"), score=("score", "sum")).reset_index()
    out["score"] = out["score"].round(3)
    out = out.sort_values(["actor", "via", "n", "score", "theme"], ascending=[True, False, False, False, True],
                          kind="stable")
    return out.astype({"actor": "string", "theme": "string", "via": "string", "n": "Int64",
                       "articles": "Int64", "score": "float64"}).reset_index(drop=True)

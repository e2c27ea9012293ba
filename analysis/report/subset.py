"""The part of a corpus a report shows: a period, outlets, a word or phrase, a random sample.

Every notebook and ``presslens run`` take the same six corpus parameters (``date_from``,
``date_to``, ``outlets``, ``query``, ``sample``, ``seed``) and hand them to
:func:`select_corpus`, which reads the corpus and keeps the articles they select. The runner
calls it before any notebook runs, so a subset that selects nothing stops the run at once with
a message that says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..corpus import Corpus, read_corpus
from ..errors import ParameterError
from ..paths import PROJECT_DIR, resolve_corpus

SUBSET_PARAMETERS = ("date_from", "date_to", "outlets", "query", "sample", "seed")
OUTLET_COLUMN = "outlet"
_LISTED = 12  # outlets named in an error message


@dataclass(frozen=True)
class Selection:
    """The articles a report shows, with what selected them.

    Attributes:
        corpus: The selected articles and the inputs of the corpus that could not be read.
        source: The corpus as a reader knows it (its path, ``seeds/`` by default).
        total: Articles in the whole corpus.
        filters: The corpus parameters that narrowed it, by name (empty for the whole corpus).
        steps: How many articles each filter kept, in the order they were applied.
    """

    corpus: Corpus
    source: str
    total: int
    filters: dict[str, Any] = field(default_factory=dict)
    steps: tuple[tuple[str, int], ...] = ()

    @property
    def articles(self) -> pd.DataFrame:
        """The selected ``articles`` table."""
        return self.corpus.articles

    def date_range(self) -> tuple[str, str] | None:
        """Return the first and last dates (ISO) of the selected articles, or ``None`` if undated."""
        dates = article_dates(self.articles).dropna()
        if dates.empty:
            return None
        return dates.min().date().isoformat(), dates.max().date().isoformat()

    def subset_phrase(self) -> str:
        """Say in words which filters selected the articles ("" for the whole corpus)."""
        f = self.filters
        kept = dict(self.steps)
        parts = []
        if "dates" in kept:
            low, high = f.get("date_from", ""), f.get("date_to", "")
            parts.append(f"dated {low} to {high}" if low and high else f"dated from {low}" if low
                         else f"dated up to {high}")
        if "outlets" in kept:
            parts.append(f"from {', '.join(f['outlets'])}")
        if "query" in kept:
            parts.append(f'matching "{f["query"]}"')
        phrase = "those " + " and ".join(parts) if parts else ""
        if f.get("sample"):
            pool = [n for name, n in self.steps if name != "sample"]
            pool_size = pool[-1] if pool else self.total
            such = "such " if parts else ""
            if "sample" in kept:
                drawn = (f"a random sample of {f['sample']:,} of the {pool_size:,} {such}articles "
                         f"(seed {f.get('seed', 0)})")
            else:
                drawn = f"all {pool_size:,} {such}articles (a sample of {f['sample']:,} was asked for)"
            phrase = f"{phrase}: {drawn}" if phrase else drawn
        return phrase

    def describe(self) -> str:
        """Return one Markdown sentence naming the corpus, the subset, its size and its dates."""
        n = len(self.articles)
        dates = self.date_range()
        when = (" (undated)" if not dates else f" (dated {dates[0]})" if dates[0] == dates[1]
                else f" (dated {dates[0]} to {dates[1]})")
        plural = "s" if self.total != 1 else ""
        if not self.steps and not self.filters.get("sample"):
            what = (f"the only article of `{self.source}`{when}" if n == 1
                    else f"all {n:,} articles of `{self.source}`{when}")
        else:
            what = f"{n:,} of the {self.total:,} article{plural} of `{self.source}`{when}: {self.subset_phrase()}"
        return f"**This page shows** {what}."

    def _repr_markdown_(self) -> str:
        return self.describe()

    def __repr__(self) -> str:
        return self.describe().replace("**", "").replace("`", "")


def article_dates(articles: pd.DataFrame) -> pd.Series:
    """Return the ``date`` column parsed as timestamps (``NaT`` where missing or unreadable)."""
    if "date" not in articles.columns:
        return pd.Series(pd.NaT, index=articles.index, dtype="datetime64[ns]")
    return pd.to_datetime(articles["date"], errors="coerce", format="mixed")


def query_pattern(query: str) -> re.Pattern[str]:
    """Return the case-insensitive pattern of a word or phrase: whole words, any spacing between them.

    Example:
        >>> bool(query_pattern("trade war").search("a Trade\\nwar looms"))
        True
    """
    words = query.split()
    body = r"\s+".join(re.escape(w) for w in words)
    head = r"\b" if re.match(r"\w", words[0]) else ""
    tail = r"\b" if re.search(r"\w$", words[-1]) else ""
    return re.compile(head + body + tail, re.IGNORECASE)


def _outlets(articles: pd.DataFrame, outlets: list[str]) -> pd.Series:
    if OUTLET_COLUMN not in articles.columns:
        raise ParameterError(f"outlets = {outlets!r}: the corpus has no {OUTLET_COLUMN!r} column; outlets "
                             f"are read from an {OUTLET_COLUMN!r} column of a CSV or JSONL corpus")
    column = articles[OUTLET_COLUMN].astype("string").str.strip()
    known = {str(v).casefold(): str(v) for v in column.dropna().unique()}
    unknown = [o for o in outlets if o.strip().casefold() not in known]
    if unknown:
        names = sorted(known.values())
        listed = ", ".join(names[:_LISTED]) + (f" and {len(names) - _LISTED} more" if len(names) > _LISTED else "")
        raise ParameterError(f"outlets: {', '.join(map(repr, unknown))} is not an outlet of the corpus; "
                             f"its outlets are: {listed or 'none (the outlet column is empty)'}")
    wanted = {o.strip().casefold() for o in outlets}
    return column.str.casefold().isin(wanted).fillna(False).astype(bool)


def _dates(articles: pd.DataFrame, date_from: str, date_to: str) -> pd.Series:
    dates = article_dates(articles)
    keep = dates.notna()
    if date_from:
        keep &= dates >= pd.Timestamp(date_from)
    if date_to:  # the whole last day counts
        keep &= dates < pd.Timestamp(date_to) + pd.Timedelta(days=1)
    if not keep.any():
        dated = dates.dropna()
        span = (f"{len(dated):,} dated, from {dated.min().date()} to {dated.max().date()}" if len(dated)
                else "none of them dated")
        raise ParameterError(f"date_from = {date_from!r}, date_to = {date_to!r}: no article of the corpus falls "
                             f"in that period ({len(articles):,} articles, {span})")
    return keep


def _query(articles: pd.DataFrame, query: str) -> pd.Series:
    pattern = query_pattern(query)
    text = articles["title"].fillna("").astype(str) + "\n" + articles["text"].fillna("").astype(str)
    keep = pd.Series([bool(pattern.search(t)) for t in text], index=articles.index)
    if not keep.any():
        raise ParameterError(f"query = {query!r} matches no article ({len(articles):,} searched, titles and "
                             "texts, case-insensitive, whole words); try a shorter word or phrase")
    return keep


def select_articles(articles: pd.DataFrame, *, date_from: str = "", date_to: str = "",
                    outlets: Iterable[str] = (), query: str = "", sample: int = 0,
                    seed: int = 0) -> tuple[pd.DataFrame, tuple[tuple[str, int], ...]]:
    """Keep the articles that the corpus parameters select, in corpus order.

    Filters apply in this order: the period (``date_from`` to ``date_to``, both days included;
    undated articles are left out when a date is given), the ``outlets`` (the ``outlet`` column,
    case-insensitive), the ``query`` (a word or phrase in the title or the text, case-insensitive,
    whole words), then a random ``sample`` of that many articles drawn with ``seed``.

    Returns:
        The selected rows, and how many articles each filter kept (``("dates", 40), ...``).

    Raises:
        ParameterError: Reversed dates, an outlet the corpus does not have (or no ``outlet``
            column), or a filter that leaves no article; the message says which and why.
    """
    from .params import check_parameters

    outlets = [str(o) for o in outlets]
    check_parameters(date_from=date_from, date_to=date_to, outlets=outlets, query=query, sample=sample,
                     seed=seed)
    steps: list[tuple[str, int]] = []
    if articles.empty:
        return articles, ()
    if date_from or date_to:
        articles = articles[_dates(articles, date_from, date_to)]
        steps.append(("dates", len(articles)))
    if outlets:
        articles = articles[_outlets(articles, outlets)]
        if articles.empty:
            raise ParameterError(f"outlets = {outlets!r}: no article of these outlets falls in the period "
                                 f"date_from = {date_from!r}, date_to = {date_to!r}")
        steps.append(("outlets", len(articles)))
    if query.strip():
        articles = articles[_query(articles, query.strip())]
        steps.append(("query", len(articles)))
    if sample and sample < len(articles):
        articles = articles.sample(n=sample, random_state=seed).sort_index()
        steps.append(("sample", len(articles)))
    return articles.reset_index(drop=True), tuple(steps)


def corpus_label(corpus: str | Path | None) -> str:
    """Name a corpus for a reader: its path, relative to the project when inside it."""
    path = Path(resolve_corpus(corpus)).expanduser().resolve()
    try:
        return str(path.relative_to(PROJECT_DIR)) + ("/" if path.is_dir() else "")
    except ValueError:
        return str(path)


def select_corpus(corpus: str | Path | None = "", *, date_from: str = "", date_to: str = "",
                  outlets: Iterable[str] = (), query: str = "", sample: int = 0, seed: int = 0) -> Selection:
    """Read a corpus and keep the articles its corpus parameters select (see :func:`select_articles`).

    Args:
        corpus: The corpus path; empty means the project's ``seeds/``.
        date_from, date_to: ISO dates (``2019-06-01``) bounding the period, both included.
        outlets: Outlets to keep, from the corpus's ``outlet`` column.
        query: A word or phrase the title or the text must contain.
        sample: Keep a random sample of this many articles (0 keeps all).
        seed: The seed of the sample.

    Returns:
        A :class:`Selection`; display it for a sentence naming the corpus, the subset and its dates.

    Raises:
        ParameterError: See :func:`select_articles`.

    Example:
        >>> selection = select_corpus("", query="minister")  # doctest: +SKIP
        >>> ex = extract(selection.corpus)  # doctest: +SKIP
    """
    loaded = read_corpus(resolve_corpus(corpus))
    outlets = [str(o) for o in outlets]
    kept, steps = select_articles(loaded.articles, date_from=date_from, date_to=date_to, outlets=outlets,
                                  query=query, sample=sample, seed=seed)
    filters = {k: v for k, v in dict(date_from=date_from, date_to=date_to, outlets=outlets, query=query,
                                     sample=sample, seed=seed).items() if v}
    return Selection(corpus=Corpus(articles=kept, errors=loaded.errors), source=corpus_label(corpus),
                     total=len(loaded.articles), filters=filters, steps=steps)

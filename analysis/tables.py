"""Turn processed Docs into the contract's tables: mentions, actors, quotes, themes.

Each Presslens component exposes ``records(doc) -> {table: [row, ...]}`` with plain,
msgpack-safe rows (no ``article_id``: the same text gives the same rows whatever its id, so the
cache can share them). This module adds the ids, the paragraph numbers and the counts, then
applies the column order and dtypes of the contract. Paragraphs and sentences are numbered from 0.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

import pandas as pd
from spacy.tokens import Doc

from .actors.component import records as actor_records
from .actors.gender import article_genders
from .actors.identity import CORPUS_ACTOR_COLUMNS
from .constants import LIST_SEPARATOR
from .corpus import ARTICLE_COLUMNS, ERROR_COLUMNS, paragraph_spans, parse_dates
from .quotes.component import attribution_ids
from .quotes.component import records as quote_records
from .themes.component import records as theme_records
from .themes.phrases import PHRASE_COLUMNS

COLUMNS: dict[str, list[str]] = {
    "articles": ARTICLE_COLUMNS,
    "mentions": ["article_id", "actor", "text", "start", "end", "paragraph", "sentence"],
    "actors": ["article_id", "actor", "type", "aliases", "roles", "mentions", "quotes", "actor_id", "gender",
               "gender_evidence"],
    "quotes": ["article_id", "quote_id", "attribution_id", "kind", "quote", "start", "end", "speaker", "speaker_id",
               "speaker_text", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "paragraph"],
    "themes": ["article_id", "scope", "scope_id", "theme", "score", "evidence", "rank", "level"],
    "errors": ERROR_COLUMNS,
    "corpus_actors": CORPUS_ACTOR_COLUMNS,
    "phrases": PHRASE_COLUMNS,  # not a contract table: the noun phrases of keyphrases and topics
}
RECORD_TABLES = ("mentions", "actors", "quotes", "themes", "phrases")
INT_COLUMNS = {"start", "end", "paragraph", "sentence", "mentions", "quotes", "speaker_start",
               "speaker_end", "cue_start", "cue_end", "body_offset", "n_paragraphs", "n_words", "matches", "rank",
               "articles", "count"}
FLOAT_COLUMNS = {"score"}
DATE_COLUMNS = {"date", "first_date", "last_date"}
RECORDERS = (actor_records, quote_records, theme_records)
"""Each capability's ``records(doc)``, in pipeline order."""


def doc_records(doc: Doc) -> dict[str, list[dict]]:
    """Collect the rows of every Presslens component that ran on ``doc``."""
    out: dict[str, list[dict]] = {table: [] for table in RECORD_TABLES}
    for recorder in RECORDERS:
        for table, rows in recorder(doc).items():
            out[table].extend(rows)
    return out


def empty_table(name: str) -> pd.DataFrame:
    """Return the table ``name`` with its columns, dtypes and no rows."""
    return typed(pd.DataFrame(columns=COLUMNS[name]), name)


def typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Order the columns of table ``name`` as the contract says and give them explicit dtypes.

    Contract columns come first, extra columns after them; offsets and counts are ``Int64``,
    scores ``float64``, dates ``datetime64[ns]`` (:func:`~analysis.corpus.parse_dates`),
    everything else ``string``.
    """
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = pd.NA
    extra = [c for c in frame.columns if c not in COLUMNS[name]]
    frame = frame[COLUMNS[name] + extra]
    dtypes = {c: "Int64" if c in INT_COLUMNS else "float64" if c in FLOAT_COLUMNS else "string"
              for c in frame.columns if c not in DATE_COLUMNS}
    frame = frame.astype(dtypes)
    for column in DATE_COLUMNS & set(frame.columns):
        frame[column] = parse_dates(frame[column])
    return frame.reset_index(drop=True)


def build_tables(articles: pd.DataFrame, records: dict[str, dict[str, list[dict]]]) -> dict[str, pd.DataFrame]:
    """Build the mentions, actors, quotes, themes and phrases tables.

    Args:
        articles: The ``articles`` table of the processed articles.
        records: For each ``article_id``, the output of :func:`doc_records`.

    Returns:
        ``{"mentions", "actors", "quotes", "themes", "phrases"}`` DataFrames in long form, sorted by
        article and offset; ``quotes`` gets ``quote_id`` (``ARTICLE:qN``) and ``paragraph``,
        ``mentions`` and ``phrases`` get ``paragraph``, ``actors`` gets its ``mentions`` and ``quotes``
        counts from the other two tables and the gender its article's text shows, and a
        theme's ``scope_id`` becomes the article id
        (article scope) or the ``quote_id`` (quote scope; components give ``qN``, the Nth quote
        in start order).
    """
    rows: dict[str, list[dict]] = {table: [] for table in RECORD_TABLES}
    for article in articles.itertuples(index=False):
        article_records = records.get(article.article_id)
        if article_records is None:
            continue
        starts = [start for start, _ in paragraph_spans(article.text)]
        for table in RECORD_TABLES:
            for record in article_records.get(table, ()):
                row = {"article_id": article.article_id}
                for key, value in record.items():  # lists become one string (inlined: ~100,000 values a corpus)
                    row[key] = LIST_SEPARATOR.join(map(str, value)) if isinstance(value, (list, tuple)) else value
                if table in ("mentions", "quotes", "phrases") and row.get("start") is not None:
                    row["paragraph"] = max(bisect_right(starts, row["start"]) - 1, 0)
                elif table == "themes" and row.get("scope") == "article":
                    row["scope_id"] = article.article_id
                elif table == "themes" and row.get("scope") == "quote":  # "qN" names the Nth quote
                    row["scope_id"] = f"{article.article_id}:{row['scope_id']}"
                rows[table].append(row)
    tables = {table: pd.DataFrame(rows[table]) for table in RECORD_TABLES}
    for table in ("mentions", "quotes"):
        if not tables[table].empty:
            tables[table] = tables[table].sort_values(["article_id", "start", "end"], kind="stable")
    quotes = tables["quotes"]
    if not quotes.empty:
        quotes["quote_id"] = quotes["article_id"] + ":q" + quotes.groupby("article_id").cumcount().astype(str)
        quotes["attribution_id"] = attribution_ids(quotes)
    actors = tables["actors"]
    if not actors.empty:
        actors["mentions"] = _count(tables["mentions"], "actor", actors)
        actors["quotes"] = _count(quotes, "speaker", actors)
        actors = actors.sort_values(["article_id", "mentions", "actor"], ascending=[True, False, True], kind="stable")
        tables["actors"] = article_genders(actors, tables["mentions"], articles)  # the corpus pass completes them
    return {table: typed(frame, table) for table, frame in tables.items()}


def _count(frame: pd.DataFrame, column: str, actors: pd.DataFrame) -> pd.Series:
    """Count the rows of ``frame`` per (article, ``column``) for each row of ``actors``."""
    if frame.empty or column not in frame.columns:
        return pd.Series(0, index=actors.index)
    counts = frame.groupby(["article_id", column]).size()
    keys = pd.MultiIndex.from_arrays([actors["article_id"], actors["actor"]])
    return pd.Series(counts.reindex(keys, fill_value=0).to_numpy(), index=actors.index)


def concat_tables(parts: Iterable[pd.DataFrame], name: str) -> pd.DataFrame:
    """Concatenate pieces of table ``name``, keeping its dtypes when there are none."""
    parts = [p for p in parts if not p.empty]
    return typed(pd.concat(parts, ignore_index=True), name) if parts else empty_table(name)

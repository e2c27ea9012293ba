"""Run the pipeline over a corpus and build the tables, served from the cache where possible."""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .cache import RecordCache
from .corpus import ERROR_COLUMNS, Corpus, read_corpus
from .errors import PresslensError
from .files import TableFormat, write_table
from .paths import cache_dir
from .pipeline import load_pipeline, pipeline_fingerprint
from .tables import build_tables, doc_records, typed
from .types import PathLike

PROGRESS_MIN_ARTICLES = 10  # a progress bar is shown for more articles than this


class ProcessingError(PresslensError, RuntimeError):
    """spaCy or a Presslens component failed on an article (raised with ``strict=True``)."""


@dataclass
class Extraction:
    """The tables extracted from a corpus, as DataFrames (see ``design.md`` for the columns)."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    themes: pd.DataFrame
    errors: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in the contract's order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def save(self, out: PathLike, fmt: TableFormat = "csv") -> list[Path]:
        """Write every table into the folder ``out`` atomically; return the paths written."""
        out = Path(out)
        return [write_table(frame, out / name, fmt) for name, frame in self.tables().items()]


def extract(
    corpus: PathLike | Iterable[PathLike] | pd.DataFrame | Corpus,
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    cache: bool = True,
    strict: bool = False,
    progress: bool | None = None,
) -> Extraction:
    """Extract actors, quotes and themes from a corpus.

    Each article goes once through the spaCy pipeline (``nlp.pipe``, batched); its records are
    cached on disk, so re-running over unchanged articles with the same pipeline is fast.

    Args:
        corpus: Paths for :func:`~analysis.corpus.read_corpus`, an ``articles`` DataFrame from
            :func:`~analysis.corpus.load_corpus`, or a :class:`~analysis.corpus.Corpus`.
        model: The spaCy pipeline's name (see :func:`~analysis.pipeline.load_pipeline`).
        n_process: Worker processes for ``nlp.pipe``.
        batch_size: Articles per ``nlp.pipe`` batch.
        cache: Read and write the on-disk cache (``$PRESSLENS_CACHE_DIR``).
        strict: Raise on the first article that cannot be read or processed instead of
            recording it in ``errors``.
        progress: Show a progress bar; by default only for more than
            :data:`PROGRESS_MIN_ARTICLES` articles and outside Jupyter kernels.

    Returns:
        An :class:`Extraction` holding the ``articles, mentions, actors, quotes, themes,
        errors`` tables. ``articles`` lists the articles that were processed.

    Raises:
        InputNotFoundError, CorpusError: The input cannot be read (see ``read_corpus``).
        ModelNotFoundError: The pipeline is not installed.
        ProcessingError: With ``strict``, an article failed.
    """
    if n_process < 1 or batch_size < 1:
        raise ValueError(f"n_process = {n_process} and batch_size = {batch_size} must both be at least 1")
    if isinstance(corpus, Corpus):
        loaded = corpus
    elif isinstance(corpus, pd.DataFrame):
        loaded = Corpus(articles=corpus)
    else:
        loaded = read_corpus(corpus, strict=strict)
    articles = loaded.articles
    store = RecordCache(cache_dir(), pipeline_fingerprint(model)) if cache else None

    records: dict[str, dict[str, list[dict]]] = {}
    todo = []
    for article in articles.itertuples(index=False):
        hit = store.get(article.sha256) if store else None
        if hit is None:
            todo.append(article)
        else:
            records[article.article_id] = hit
    errors = [] if loaded.errors is None else loaded.errors.to_dict("records")
    if progress is None:
        progress = len(todo) > PROGRESS_MIN_ARTICLES and "ipykernel" not in sys.modules
    bar = tqdm(total=len(todo), unit="article", desc="extract", disable=not progress)
    processed = _process(load_pipeline(model), todo, n_process=n_process, batch_size=batch_size,
                         strict=strict) if todo else iter(())
    for article, result in processed:
        bar.update(1)
        if isinstance(result, str):
            if strict:
                raise ProcessingError(f"{article.source}: {result}")
            errors.append({"article_id": article.article_id, "source": article.source,
                           "stage": "process", "error": result})
            continue
        records[article.article_id] = result
        if store:
            store.put(article.sha256, result)
    bar.close()

    done = articles[articles["article_id"].isin(records)].reset_index(drop=True)
    tables = build_tables(done, records)
    return Extraction(articles=done, errors=typed(pd.DataFrame(errors, columns=ERROR_COLUMNS), "errors"), **tables)


def _process(nlp: Language, articles: list, *, n_process: int, batch_size: int,
             strict: bool) -> Iterator[tuple[object, dict | str]]:
    """Yield ``(article, records)`` for each article, or ``(article, error message)``.

    Articles go through ``nlp.pipe`` in chunks. spaCy stops a whole ``pipe`` call when one of its
    own components raises, so a failed chunk is run again one article at a time to find the
    articles at fault and keep the rest. Presslens components catch their own errors per
    article and list them in ``doc.user_data["presslens_errors"]``.
    """
    chunk_size = max(batch_size * n_process * 8, 64)
    for start in range(0, len(articles), chunk_size):
        chunk = []
        for article in articles[start:start + chunk_size]:
            if len(article.text) > nlp.max_length:
                yield article, (f"article too long: {len(article.text):,} characters, "
                                f"the pipeline's limit is {nlp.max_length:,}")
            else:
                chunk.append(article)
        done = 0
        try:
            for article, doc in zip(chunk, nlp.pipe((a.text for a in chunk), batch_size=batch_size,
                                                    n_process=n_process)):
                yield article, _doc_result(doc)
                done += 1
        except Exception:
            if strict:
                raise
            for article in chunk[done:]:
                try:
                    yield article, _doc_result(nlp(article.text))
                except Exception as exc:
                    yield article, f"spaCy failed: {type(exc).__name__}: {exc}"


def _doc_result(doc: Doc) -> dict[str, list[dict]] | str:
    """Return the records of a processed Doc, or the errors its components recorded."""
    errors = doc.user_data.get("presslens_errors")
    return "; ".join(errors) if errors else doc_records(doc)

"""Run the pipeline over a corpus and build the tables, served from the cache where possible.

A corpus is read, processed and turned into tables in chunks of articles, so memory stays flat
however large it is: :func:`iter_extract` yields one :class:`Extraction` per chunk,
:func:`extract` joins them, :func:`extract_to` writes them to disk as they come. The spaCy work
runs in this process, in ``n_process`` worker processes, or on a dask.distributed cluster.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

import pandas as pd
from tqdm import tqdm

from .actors.identity import AliasRules, corpus_pass
from .cache import RecordCache
from .corpus import Corpus, corpus_from_frame, iter_corpus
from .engines import DaskRunner, PoolRunner, Result, article_title, frozen_heap, process_articles
from .errors import PresslensError
from .files import TableFormat, write_table
from .paths import cache_dir
from .pipeline import load_pipeline, pipeline_fingerprint
from .quotes.modes import DEFAULT_ATTRIBUTIONS, Attributions, check_attributions
from .tables import COLUMNS, build_tables, concat_tables, empty_table, typed
from .types import PathLike

PROGRESS_DELAY_S = 2  # by default a progress bar appears only for work that lasts longer
CHUNK_ARTICLES = 1000  # articles read, processed and written together
CACHE_BATCH = 64  # processed articles written to the cache in one transaction
Engine = Literal["local", "dask"]


class ProcessingError(PresslensError, RuntimeError):
    """spaCy or a Presslens component failed on an article (raised with ``strict=True``)."""


@dataclass
class Extraction:
    """The tables extracted from a corpus, as DataFrames (see ``design.md`` for the columns).

    ``phrases`` is no contract table: the noun phrases of each article (``article_id, phrase,
    text, pos, count, start, paragraph``, see :mod:`analysis.themes.phrases`), which
    :func:`~analysis.themes.summaries.keyphrases` and :func:`~analysis.themes.summaries.discover_topics`
    read instead of parsing the texts again.
    """

    articles: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    quotes: pd.DataFrame
    themes: pd.DataFrame
    errors: pd.DataFrame
    corpus_actors: pd.DataFrame = field(default_factory=lambda: empty_table("corpus_actors"))
    phrases: pd.DataFrame = field(default_factory=lambda: empty_table("phrases"))  # noun phrases (themes)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in the contract's order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def save(self, out: PathLike, fmt: TableFormat = "csv") -> list[Path]:
        """Write every table into the folder ``out`` atomically; return the paths written."""
        out = Path(out)
        return [write_table(frame, out / name, fmt) for name, frame in self.tables().items()]

    @classmethod
    def concat(cls, parts: Iterable[Extraction]) -> Extraction:
        """Join the extractions of several chunks into one."""
        parts = list(parts)
        return cls(**{name: concat_tables([getattr(p, name) for p in parts], name) for name in COLUMNS})

    def identify(self, aliases: PathLike | AliasRules | None = None) -> Extraction:
        """Return this extraction with corpus-level identities and genders (the corpus pass).

        Fills ``actor_id``, ``gender`` and ``gender_evidence`` in ``actors`` and ``speaker_id`` in
        ``quotes``, and builds ``corpus_actors``, from the tables alone (so every engine gives
        the same ids). It expects the article-level genders of a fresh extraction.

        Args:
            aliases: An alias file (YAML, see :class:`~analysis.actors.identity.AliasRules`).
        """
        rules = aliases if isinstance(aliases, AliasRules) else AliasRules.load(aliases)
        dates = self.articles.set_index("article_id")["date"]
        with frozen_heap():  # for speed: see frozen_heap
            actors, quotes, corpus = corpus_pass(self.actors, self.quotes, dates, rules)
        tables = {**self.tables(), "actors": typed(actors, "actors"), "quotes": typed(quotes, "quotes"),
                  "corpus_actors": typed(corpus, "corpus_actors")}
        return Extraction(**tables)


def extract(
    corpus: PathLike | Iterable[PathLike] | pd.DataFrame | Corpus,
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    cache: bool = True,
    strict: bool = False,
    progress: bool | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    taxonomy: PathLike | None = None,
    attributions: Attributions = DEFAULT_ATTRIBUTIONS,
    aliases: PathLike | None = None,
) -> Extraction:
    """Extract actors, quotes and themes from a corpus.

    Each article goes once through the spaCy pipeline (``nlp.pipe``, batched); its records are
    cached on disk, so re-running over unchanged articles with the same pipeline is fast.

    Args:
        corpus: Paths for :func:`~analysis.corpus.read_corpus`, an ``articles`` DataFrame from
            :func:`~analysis.corpus.load_corpus`, or a :class:`~analysis.corpus.Corpus`.
        model: The spaCy pipeline's name (see :func:`~analysis.pipeline.load_pipeline`).
        n_process: Worker processes (local engine); 1 runs in this process.
        batch_size: Articles per ``nlp.pipe`` batch.
        cache: Read and write the on-disk cache (``$PRESSLENS_CACHE_DIR``).
        strict: Raise on the first article that cannot be read or processed instead of
            recording it in ``errors``.
        progress: Show a progress bar; by default only on a terminal, outside Jupyter kernels,
            once the work has lasted :data:`PROGRESS_DELAY_S` seconds.
        engine: ``"local"``, or ``"dask"`` to run the spaCy work on a dask.distributed cluster.
        scheduler: The Dask scheduler's address; without one a LocalCluster is started.
        taxonomy: A theme taxonomy YAML file of your own (default: the shipped one).
        attributions: What counts as a quote: ``"statements"`` (what someone said or wrote) or
            ``"all"`` (also stances, beliefs, intentions); see :mod:`analysis.quotes.modes`.
        aliases: An alias file (YAML) forcing or forbidding merges of actors across articles
            (see :class:`~analysis.actors.identity.AliasRules`).

    Returns:
        An :class:`Extraction` holding the ``articles, mentions, actors, quotes, themes,
        errors, corpus_actors`` tables, and ``phrases`` (each article's noun phrases).
        ``articles`` lists the articles that were processed; actors carry their corpus-level
        ``actor_id`` and quotes their ``speaker_id``, computed after the per-article work
        (:meth:`Extraction.identify`).

    Raises:
        InputNotFoundError, CorpusError: The input cannot be read (see ``read_corpus``).
        ModelNotFoundError: The pipeline is not installed.
        ProcessingError: With ``strict``, an article failed.

    Example:
        >>> result = extract(SEEDS_DIR)  # doctest: +SKIP
        >>> result.quotes[["speaker", "kind", "quote"]]  # doctest: +SKIP
    """
    rules = AliasRules.load(aliases)  # read before the long work: a bad file fails at once
    return Extraction.concat(iter_extract(corpus, model=model, n_process=n_process, batch_size=batch_size,
                                          cache=cache, strict=strict, progress=progress, engine=engine,
                                          scheduler=scheduler, taxonomy=taxonomy,
                                          attributions=attributions)).identify(rules)


def iter_extract(
    corpus: PathLike | Iterable[PathLike] | pd.DataFrame | Corpus,
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    cache: bool = True,
    strict: bool = False,
    progress: bool | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    taxonomy: PathLike | None = None,
    attributions: Attributions = DEFAULT_ATTRIBUTIONS,
    chunk_size: int = CHUNK_ARTICLES,
) -> Iterator[Extraction]:
    """Extract a corpus chunk by chunk, yielding one :class:`Extraction` per chunk of articles.

    Takes the arguments of :func:`extract` (but ``aliases``); ``chunk_size`` is the number of
    articles per chunk. The chunks carry no corpus-level ids and only article-level genders:
    join them and call :meth:`Extraction.identify`, as :func:`extract` does.
    """
    if n_process < 1 or batch_size < 1 or chunk_size < 1:
        raise ValueError(f"n_process = {n_process}, batch_size = {batch_size} and chunk_size = {chunk_size} "
                         "must all be at least 1")
    if engine not in ("local", "dask"):
        raise ValueError(f"engine = {engine!r} is invalid; it must be one of 'local', 'dask'")
    if isinstance(corpus, Corpus):
        chunks: Iterable[Corpus] = [corpus]
    elif isinstance(corpus, pd.DataFrame):
        chunks = [corpus_from_frame(corpus, strict=strict)]
    else:
        chunks = iter_corpus(corpus, strict=strict, chunk_size=chunk_size)
    check_attributions(attributions)
    store = RecordCache(cache_dir(), pipeline_fingerprint(model, taxonomy=taxonomy, attributions=attributions)) \
        if cache else None
    if engine == "dask":
        runner: DaskRunner | PoolRunner | None = DaskRunner(model, batch_size, scheduler, taxonomy, attributions)
    elif n_process > 1:
        runner = PoolRunner(model, batch_size, n_process, taxonomy, attributions)
    else:
        runner = None
    total = sum(len(c.articles) for c in chunks) if isinstance(chunks, list) else None  # unknown while streaming
    bar = tqdm(total=total, unit="article", desc="extract", disable=progress is False,
               delay=0 if progress else PROGRESS_DELAY_S)
    if progress is None and ("ipykernel" in sys.modules or not sys.stderr.isatty()):
        bar.disable = True  # no bar in notebooks (nbval compares stderr) nor in logs
    try:
        for chunk in chunks:
            yield _extract_chunk(chunk, store=store, runner=runner, model=model, taxonomy=taxonomy,
                                 attributions=attributions, batch_size=batch_size, strict=strict, bar=bar)
    finally:
        bar.close()
        if runner:
            runner.close()


def _extract_chunk(chunk: Corpus, *, store: RecordCache | None, runner: DaskRunner | PoolRunner | None,
                   model: str | None,
                   taxonomy: PathLike | None, attributions: Attributions, batch_size: int, strict: bool,
                   bar: tqdm) -> Extraction:
    """Process the articles of one chunk that the cache lacks, and build the chunk's tables."""
    articles = chunk.articles
    records: dict[str, dict[str, list[dict]]] = {}
    todo = []
    cached = store.get_many(_cache_key(a) for a in articles.itertuples(index=False)) if store else {}
    for article in articles.itertuples(index=False):
        hit = cached.get(_cache_key(article))
        if hit is None:
            todo.append(article)
        else:
            records[article.article_id] = hit
            bar.update(1)
    errors = [] if chunk.errors is None else chunk.errors.to_dict("records")
    if not todo:
        results: Iterable[tuple[Any, Result]] = ()
    elif runner:
        results = runner.process(todo)
    else:
        results = process_articles(load_pipeline(model, taxonomy=taxonomy, attributions=attributions), todo,
                           batch_size=batch_size, strict=strict)
    pending: list[tuple[str, dict[str, list[dict]]]] = []  # written in transactions of CACHE_BATCH
    with frozen_heap():  # for speed: see frozen_heap
        for article, result in results:
            bar.update(1)
            if isinstance(result, str):
                if strict:
                    raise ProcessingError(f"{article.source}: {result}")
                errors.append({"article_id": article.article_id, "source": article.source,
                               "stage": "process", "error": result})
                continue
            records[article.article_id] = result
            pending.append((_cache_key(article), result))
            if store and len(pending) >= CACHE_BATCH:
                store.put_many(pending)
                pending.clear()
    if store:
        store.put_many(pending)
    done = articles[articles["article_id"].isin(records)].reset_index(drop=True)
    with frozen_heap():  # for speed: see frozen_heap
        tables = build_tables(done, records)
    return Extraction(articles=done, errors=typed(pd.DataFrame(errors, columns=COLUMNS["errors"]), "errors"),
                      **tables)


def _cache_key(article: Any) -> str:
    """Return the cache key of an article: its body's sha256, with its title when it has one (the
    themes component reads the title, so a new title must not be served the old records)."""
    title = article_title(article)
    if title is None:
        return article.sha256
    return hashlib.sha256(f"{article.sha256}\n{title}".encode("utf-8", "surrogatepass")).hexdigest()


def extract_to(out: PathLike, corpus: PathLike | Iterable[PathLike], *, fmt: TableFormat = "csv",
               partitioned: bool | None = None, **options) -> dict[str, int]:
    """Extract a corpus chunk by chunk and write the tables into ``out`` as the chunks come.

    Memory stays flat however large the corpus. Tables appear in ``out`` only once the whole
    run has succeeded (they are assembled in a temporary folder and moved into place), so an
    interrupted run never leaves a half-written table.

    Args:
        out: The folder to write into.
        corpus: The inputs, as for :func:`extract`.
        fmt: ``"csv"`` or ``"parquet"``.
        partitioned: Write each Parquet table as a folder with one file per chunk
            (``out/quotes/part-00000.parquet``); by default when the corpus spans several chunks.
        **options: ``aliases`` (an alias file for the corpus pass), and the rest passed to
            :func:`iter_extract`.

    Returns:
        The number of rows written per table. The corpus pass (identities, genders,
        ``corpus_actors``) runs once all chunks are written.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    rules = AliasRules.load(options.pop("aliases", None))
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.presslens-", dir=out.parent))
    writer = _TableWriter(staging, fmt, partitioned, rules)
    try:
        for part in iter_extract(corpus, **options):
            writer.add(part)
        written = writer.finish()
        out.mkdir(exist_ok=True)
        for name, source in written.items():
            target = out / source.name
            if target.is_dir():
                shutil.rmtree(target)
            for stale in (out / f"{name}.{fmt}", out / name):  # a table of the other layout
                if stale.is_dir():
                    shutil.rmtree(stale)
                elif stale.exists():
                    stale.unlink()
            source.replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return writer.counts


class _TableWriter:
    """Append chunks of tables to CSV files or Parquet parts, with the columns of the first chunk.

    ``actors`` are held back (they are small) for the corpus pass, which runs once every chunk is
    in: it writes ``actors`` and ``corpus_actors`` and fills ``speaker_id`` in the written quotes.
    """

    HELD = ("actors", "corpus_actors")

    def __init__(self, folder: Path, fmt: TableFormat, partitioned: bool | None,
                 aliases: AliasRules | None = None) -> None:
        self.folder, self.fmt, self.partitioned = folder, fmt, partitioned
        self.counts = dict.fromkeys(COLUMNS, 0)
        self.columns: dict[str, list[str]] = {}
        self.pending: Extraction | None = None  # the first Parquet chunk, until we know if more come
        self.parts = 0
        self.aliases = aliases
        self.actors: list[pd.DataFrame] = []
        self.dates: list[pd.Series] = []

    def add(self, part: Extraction) -> None:
        for name, frame in part.tables().items():
            self.counts[name] += len(frame)
        self.actors.append(part.actors)
        self.dates.append(part.articles.set_index("article_id")["date"])
        if self.fmt == "csv":
            self._write(part, None)
        elif self.partitioned is None and self.parts == 0 and self.pending is None:
            self.pending = part
        else:
            if self.pending is not None:
                self._write(self.pending, 0)
                self.pending, self.parts = None, 1
            self._write(part, self.parts)
            self.parts += 1

    def _write(self, part: Extraction, number: int | None, held: bool = False) -> None:
        for name, frame in part.tables().items():
            if frame.empty or (name in self.HELD) != held:
                continue
            first = name not in self.columns
            columns = self.columns.setdefault(name, list(frame.columns))
            frame = frame.reindex(columns=columns)
            if number is None:
                with (self.folder / f"{name}.csv").open("a", encoding="utf-8", newline="") as fh:
                    frame.to_csv(fh, index=False, header=first)
            else:
                (self.folder / name).mkdir(exist_ok=True)
                frame.to_parquet(self.folder / name / f"part-{number:05d}.parquet", index=False)

    def finish(self) -> dict[str, Path]:
        """Run the corpus pass, write what is held back and the tables that got no rows; return
        each table's path."""
        if self.fmt == "parquet" and self.parts == 0:
            whole = (self.pending or Extraction.concat([])).identify(self.aliases)
            self.counts["corpus_actors"] = len(whole.corpus_actors)
            return {name: write_table(frame, self.folder / name, "parquet") for name, frame in whole.tables().items()}
        dates = pd.concat(self.dates) if self.dates else pd.Series(dtype="datetime64[ns]")
        actors, _, corpus = corpus_pass(concat_tables(self.actors, "actors"), empty_table("quotes"), dates,
                                        self.aliases)
        self.counts["corpus_actors"] = len(corpus)
        held = Extraction(**{name: empty_table(name) for name in COLUMNS})
        held.actors, held.corpus_actors = typed(actors, "actors"), typed(corpus, "corpus_actors")
        self._write(held, None if self.fmt == "csv" else 0, held=True)
        self._fill_speaker_ids(dict(zip(zip(actors["article_id"], actors["actor"]), actors["actor_id"])))
        written = {}
        for name in COLUMNS:
            path = self.folder / (f"{name}.csv" if self.fmt == "csv" else name)
            if name not in self.columns:
                empty = concat_tables([], name)
                if self.fmt == "csv":
                    empty.to_csv(path, index=False)
                else:
                    path.mkdir(exist_ok=True)
                    empty.to_parquet(path / "part-00000.parquet", index=False)
            written[name] = path
        return written

    def _fill_speaker_ids(self, ids: dict[tuple[str, str], str]) -> None:
        """Fill ``speaker_id`` in the quotes written so far, piece by piece."""
        def fill(frame: pd.DataFrame) -> pd.DataFrame:
            frame["speaker_id"] = [ids.get(key) for key in zip(frame["article_id"], frame["speaker"])]
            return frame

        if "quotes" not in self.columns:
            return
        if self.fmt == "csv":
            path = self.folder / "quotes.csv"
            filled = path.with_name("quotes.filled.csv")
            with filled.open("w", encoding="utf-8", newline="") as fh:
                reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=CHUNK_ARTICLES * 20)
                for n, frame in enumerate(reader):
                    fill(frame).to_csv(fh, index=False, header=n == 0)
            filled.replace(path)
        else:
            for part in sorted((self.folder / "quotes").glob("*.parquet")):
                fill(pd.read_parquet(part)).to_parquet(part, index=False)

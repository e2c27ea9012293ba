"""Where the articles go through spaCy: in this process, in a pool of worker processes, or on Dask.

Each engine yields ``(article, result)`` in input order, where ``result`` is the article's table
records or the message of why it failed; :mod:`analysis.extract` caches and assembles them.
"""

from __future__ import annotations

import gc
import math
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .columns import remember_text
from .constants import ERRORS_KEY
from .errors import PresslensError
from .pipeline import load_pipeline
from .quotes.modes import DEFAULT_ATTRIBUTIONS, Attributions
from .tables import doc_records
from .themes.component import TITLE_EXTENSION
from .types import PathLike

Result = dict[str, list[dict]] | str  # an article's records, or why it failed


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects that exist now (the loaded pipeline, the corpus) out of garbage collection
    while the block runs, and give them back to it afterwards.

    For speed: processing allocates many short-lived objects, and each full collection that
    triggers would otherwise walk the hundreds of thousands of objects of the spaCy model too
    (about a tenth of a second per corpus of a few hundred articles). Nothing is left frozen
    after the block; when the caller has frozen objects of its own, their state is left alone.
    Do not nest it: counting the frozen objects walks them all.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def article_title(article: Any) -> str | None:
    """Return an article's title, or ``None`` when it has none."""
    title = getattr(article, "title", None)
    return title if isinstance(title, str) and title.strip() else None


def article_doc(nlp: Language, article: Any) -> Doc:
    """Return the article's body as a Doc ready for the pipeline, with its title in
    ``doc._.presslens_title`` (the title is no part of the body, but the themes component weighs it)."""
    doc = remember_text(nlp.make_doc(article.text), article.text)  # for speed: Doc.text joins every token
    doc._.set(TITLE_EXTENSION, article_title(article))
    return doc


def process_articles(nlp: Language, articles: list, *, batch_size: int,
             strict: bool) -> Iterator[tuple[Any, Result]]:
    """Yield ``(article, records)`` for each article, or ``(article, error message)``.

    spaCy stops a whole ``pipe`` call when one of its own components raises, so after a failure
    the remaining articles are run one at a time to find the ones at fault and keep the rest.
    Presslens components catch their own errors per article and list them in
    ``doc.user_data["presslens_errors"]``.
    """
    fitting = []
    for article in articles:
        if len(article.text) > nlp.max_length:
            yield article, (f"article too long: {len(article.text):,} characters, "
                            f"the pipeline's limit is {nlp.max_length:,}")
        else:
            fitting.append(article)
    done = 0
    try:
        docs = (article_doc(nlp, a) for a in fitting)
        for article, doc in zip(fitting, nlp.pipe(docs, batch_size=batch_size)):
            yield article, doc_result(doc)
            done += 1
    except Exception:
        if strict:
            raise
        for article in fitting[done:]:
            try:
                yield article, doc_result(nlp(article_doc(nlp, article)))
            except Exception as exc:
                yield article, f"spaCy failed: {type(exc).__name__}: {exc}"


def doc_result(doc: Doc) -> Result:
    """Return the records of a processed Doc, or the errors its components recorded."""
    errors = doc.user_data.get(ERRORS_KEY)
    return "; ".join(errors) if errors else doc_records(doc)


def process_texts(items: Sequence[tuple[str, str] | tuple[str, str, str | None]], model: str | None, batch_size: int,
                  taxonomy: str | None = None,
                  attributions: Attributions = DEFAULT_ATTRIBUTIONS) -> list[tuple[str, Result]]:
    """Process ``(article_id, text)`` or ``(article_id, text, title)`` items in this process; the
    task a worker runs."""
    from types import SimpleNamespace

    articles = [SimpleNamespace(article_id=item[0], text=item[1], title=item[2] if len(item) > 2 else None,
                                source=item[0]) for item in items]
    nlp = load_pipeline(model, taxonomy=taxonomy, attributions=attributions)
    with frozen_heap():
        return [(a.article_id, r) for a, r in process_articles(nlp, articles, batch_size=batch_size, strict=False)]


def _in_tasks(submit: Callable[[list[tuple[str, str, str | None]]], Any], articles: list,
              size: int) -> Iterator[tuple[Any, Result]]:
    """Submit the articles in tasks of ``size`` (``submit`` returns a future of :func:`process_texts`)
    and yield ``(article, result)`` in input order."""
    futures = [submit([(a.article_id, a.text, article_title(a)) for a in articles[i:i + size]])
               for i in range(0, len(articles), size)]
    by_id = {a.article_id: a for a in articles}
    for future in futures:
        for article_id, result in future.result():
            yield by_id[article_id], result


def _load_worker(model: str | None, taxonomy: str | None, attributions: Attributions) -> None:
    """Load the pipeline in a new worker process (the pool's initializer)."""
    load_pipeline(model, taxonomy=taxonomy, attributions=attributions)


class PoolRunner:
    """Run articles in ``n_process`` worker processes that return records, not Docs.

    Written instead of ``nlp.pipe(n_process=N)`` because spaCy sends every processed Doc back to
    the parent, where serialising it and building the records took a core's worth of time;
    here the workers send only the small records. Workers start from a ``forkserver`` (``spawn``
    where there is none), never by forking this process, which may run threads (Jupyter, Dask,
    tokenizers): forking a multi-threaded process can deadlock. Each worker loads the pipeline
    once, in its initializer.
    """

    def __init__(self, model: str | None, batch_size: int, n_process: int, taxonomy: PathLike | None,
                 attributions: Attributions = DEFAULT_ATTRIBUTIONS) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.model, self.batch_size = model, batch_size
        self.taxonomy = str(Path(taxonomy).resolve()) if taxonomy else None
        self.attributions = attributions
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.pool = ProcessPoolExecutor(n_process, mp_context=context, initializer=_load_worker,
                                        initargs=(model, self.taxonomy, attributions))
        self.n_process = n_process

    def process(self, articles: list) -> Iterator[tuple[Any, Result]]:
        # at least eight tasks per worker, so that no worker is left with a long last task
        size = max(1, min(self.batch_size, math.ceil(len(articles) / (8 * self.n_process))))
        return _in_tasks(lambda items: self.pool.submit(process_texts, items, self.model, self.batch_size,
                                                        self.taxonomy, self.attributions), articles, size)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskRunner:
    """Send articles to a dask.distributed cluster in batches; yield results in input order."""

    def __init__(self, model: str | None, batch_size: int, scheduler: str | None,
                 taxonomy: PathLike | None, attributions: Attributions = DEFAULT_ATTRIBUTIONS) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise PresslensError("the Dask engine needs the dask extra: pip install 'presslens[dask]' "
                                 "(or engine='local')") from None

        self.model, self.batch_size = model, batch_size
        self.taxonomy = str(Path(taxonomy).resolve()) if taxonomy else None
        self.attributions = attributions
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                        dashboard_address=None, processes=True)
            self.client = Client(self.cluster)

    def process(self, articles: list) -> Iterator[tuple[Any, Result]]:
        size = self.batch_size * 4  # articles per task: enough to amortise the round trip
        return _in_tasks(lambda items: self.client.submit(process_texts, items, self.model, self.batch_size,
                                                          self.taxonomy, self.attributions, pure=False), articles, size)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()



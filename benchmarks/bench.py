"""Benchmark Presslens against a bare spaCy pass (throughput, overhead, n_process, cache, memory) and the report.

Run with ``make bench`` (or ``python benchmarks/bench.py --repeats 3``). Reads
../shared/corpora/wikinews-2019 and the PolNeAR train split in place (skipped with a message where
absent) and prints the figures; paste them into BENCHMARKS.md with the machine's description.

Timings on a shared virtual machine drift by tens of percent between minutes, so every compared
pair is run interleaved (A B, then B A, ...) and the best of the repeats is kept. The end-to-end
ratio (bare over Presslens) is taken in CPU seconds of this process, which other processes on
the machine disturb much less than wall time, and in wall seconds; each pass is timed over all the
articles minus over the first one alone (start-up and per-call costs apart), on texts no cache
has seen. The ratio is also measured inside each Presslens run: a pass-through component placed
after the spaCy components adds up the time spent upstream of it (tokenizer and the trained
components), and everything else in the run's wall time is Presslens's own work. Both shares come
from the same seconds of the same machine, so this figure does not drift.

The report part (``benchmarks/report_bench.py``) times ``presslens run`` on Wikinews 2019 and on
ten copies of it, warm and cold, notebook by notebook. ``--only report`` or ``--only extraction``
runs one part; ``--no-cold`` skips the cold report runs (the spaCy pass over 1,710 articles).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from analysis import extract, load_corpus
from analysis.paths import SHARED_DIR
from analysis.pipeline import COMPONENTS, default_model, load_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_bench import print_report_timings, report_timings  # noqa: E402  (a sibling script, not a package)

WIKINEWS = SHARED_DIR / "corpora" / "wikinews-2019" / "txt"
POLNEAR_TRAIN = SHARED_DIR / "corpora" / "polnear" / "polnear_train.jsonl"
REPEATS_FOR_MEMORY = 10
BATCH_SIZE = 16  # articles per nlp.pipe batch in both passes: extract()'s default
STOPWATCH = "presslens_bench_stopwatch"


class Stopwatch:
    """A pass-through pipeline component that adds up the time spent upstream of it."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        stream = iter(stream)
        while True:
            start = time.perf_counter()
            doc = next(stream, None)
            self.seconds += time.perf_counter() - start
            if doc is None:
                return
            yield doc


@Language.factory(STOPWATCH)
def make_stopwatch(nlp: Language, name: str) -> Stopwatch:
    return Stopwatch()


def polnear_articles() -> pd.DataFrame:
    """PolNeAR train as an articles table (its JSONL names the id column ``article``)."""
    rows = [json.loads(line) for line in POLNEAR_TRAIN.open(encoding="utf-8")]
    frame = pd.DataFrame({"id": [r["article"] for r in rows], "text": [r["text"] for r in rows]})
    with tempfile.TemporaryDirectory() as tmp:
        frame.to_csv(Path(tmp) / "polnear.csv", index=False)
        return load_corpus(Path(tmp) / "polnear.csv")


def fresh(articles: pd.DataFrame, mark: str) -> pd.DataFrame:
    """Return the articles with a line added to each text, so that no cache of any kind can serve them."""
    return articles.assign(text=articles["text"] + f"\n\n{mark}")


def marginal_seconds(run: Callable[[pd.DataFrame], object], articles: pd.DataFrame) -> tuple[float, float]:
    """Return the (CPU, wall) seconds of ``run`` over all the articles minus those over the first
    one alone: what the articles cost, start-up and fixed costs of a call apart."""
    cpu, wall = time.process_time(), time.perf_counter()
    run(articles)
    all_cpu, all_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    run(articles.head(1))
    return all_cpu - (time.process_time() - cpu), all_wall - (time.perf_counter() - wall)


def peak_rss_mb(inputs: Path) -> float:
    """Peak resident memory of a fresh process that extracts ``inputs`` to a temporary folder."""
    # VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts from the parent's peak at fork.
    code = ("import sys, tempfile; from analysis.extract import extract_to; "
            "extract_to(tempfile.mkdtemp(), sys.argv[1], fmt='parquet', cache=False, progress=False, chunk_size=200); "
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    done = subprocess.run([sys.executable, "-c", code, str(inputs)], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def overhead_rows(corpora: dict[str, pd.DataFrame], model: str, repeats: int,
                  batch_size: int = BATCH_SIZE) -> pd.DataFrame:
    """Bare ``nlp.pipe`` against ``extract()`` per corpus, end to end and measured inside the run.

    End to end: each pass runs over all the articles and then over the first one alone, on texts
    no earlier pass has seen (:func:`fresh`), and the difference is kept (start-up and per-call
    costs apart), in CPU seconds of this process and in wall seconds; the passes alternate and
    the best of ``repeats`` is kept. The ratio is bare over Presslens (1 = no overhead). In run:
    the share of each Presslens run's wall time spent in spaCy (the stopwatch component), best run.
    Both passes use ``batch_size``, ``extract``'s default.
    """
    bare_nlp = spacy.load(model)
    nlp = load_pipeline(model)
    nlp.add_pipe(STOPWATCH, before=COMPONENTS[0])
    stopwatch = nlp.get_pipe(STOPWATCH)
    rows = []
    try:
        for name, articles in corpora.items():
            texts = articles["text"].tolist()
            tokens = sum(len(doc) for doc in bare_nlp.tokenizer.pipe(texts))
            inside: list[tuple[float, float]] = []  # (wall, spaCy) of each Presslens run over all articles
            seconds: dict[str, list[tuple[float, float]]] = {"bare": [], "presslens": []}  # (CPU, wall)

            def ours(part: pd.DataFrame, inside: list = inside, n: int = len(articles)) -> None:
                stopwatch.seconds = 0.0
                start = time.perf_counter()
                extract(part, cache=False, progress=False, batch_size=batch_size)
                if len(part) == n:
                    inside.append((time.perf_counter() - start, stopwatch.seconds))

            def bare(part: pd.DataFrame) -> None:
                for _ in bare_nlp.pipe(part["text"], batch_size=batch_size):
                    pass

            runs = {"bare": bare, "presslens": ours}
            for repeat in range(repeats):
                for kind in ("bare", "presslens") if repeat % 2 == 0 else ("presslens", "bare"):
                    seconds[kind].append(marginal_seconds(runs[kind], fresh(articles, f"{kind} {repeat}")))
            cpu = {kind: min(c for c, _ in found) for kind, found in seconds.items()}
            wall = {kind: min(w for _, w in found) for kind, found in seconds.items()}
            rows.append({"corpus": name, "articles": len(texts), "tokens": tokens,
                         "bare tok/s": tokens / wall["bare"], "presslens tok/s": tokens / wall["presslens"],
                         "bare CPU s": cpu["bare"], "presslens CPU s": cpu["presslens"],
                         "ratio end to end (CPU)": cpu["bare"] / cpu["presslens"],
                         "ratio end to end (wall)": wall["bare"] / wall["presslens"],
                         "ratio in run": max(spacy_s / run_s for run_s, spacy_s in inside)})
    finally:
        nlp.remove_pipe(STOPWATCH)
    return pd.DataFrame(rows).set_index("corpus")


def scaling_seconds(source: Path, repeats: int, limit: int | None) -> dict[int, float]:
    """Best time of ``extract(n_process=1)`` and ``extract(n_process=2)``, each in a fresh process.

    A fresh process, as ``presslens extract`` would be: the benchmark's own process holds two
    pipelines and both corpora, and forking it made the workers slower than a user's would be.
    The pipeline is loaded before the clock starts.
    """
    code = ("import sys, time; from analysis import extract, load_corpus, load_pipeline; "
            "articles = load_corpus(sys.argv[1]); n = int(sys.argv[3]); "
            "articles = articles.head(n) if n else articles; load_pipeline(); "
            "start = time.perf_counter(); extract(articles, cache=False, progress=False, n_process=int(sys.argv[2])); "
            "print(time.perf_counter() - start)")

    def run(n: int) -> float:
        done = subprocess.run([sys.executable, "-c", code, str(source), str(n), str(limit or 0)],
                              capture_output=True, text=True, check=True)
        return float(done.stdout.strip().splitlines()[-1])

    best = {1: float("inf"), 2: float("inf")}
    for repeat in range(repeats):
        for n in (1, 2) if repeat % 2 == 0 else (2, 1):
            best[n] = min(best[n], run(n))
    return best


def cache_speedup(source: pd.DataFrame, repeats: int) -> tuple[float, float, bool]:
    """Best first run into an empty cache, best re-run from it, and whether their tables are equal."""
    firsts, agains, identical = [], [], True
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="presslens-bench-cache-") as cache:
            os.environ["PRESSLENS_CACHE_DIR"] = cache
            start = time.perf_counter()
            first = extract(source, cache=True, progress=False)
            firsts.append(time.perf_counter() - start)
            start = time.perf_counter()
            again = extract(source, cache=True, progress=False)
            agains.append(time.perf_counter() - start)
            identical &= all(first.tables()[t].equals(again.tables()[t]) for t in first.tables())
    return min(firsts), min(agains), identical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timings per compared pass (best kept)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each corpus (a quick check)")
    parser.add_argument("--only", choices=("extraction", "report"), default=None, help="run one part only")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold report runs (an empty cache)")
    args = parser.parse_args(argv)
    if not WIKINEWS.exists():
        print(f"skipped: {WIKINEWS} is absent (the shared corpora live in ../shared/corpora)")
        return 0
    if args.only != "report":
        extraction_benchmark(args)
    if args.only != "extraction":
        print_report_timings(report_timings(WIKINEWS, repeats=args.repeats, cold=not args.no_cold))
    return 0


def extraction_benchmark(args: argparse.Namespace) -> None:
    """Time the extraction against a bare spaCy pass, n_process, the cache and memory; print the figures."""
    model = default_model()
    corpora = {"wikinews": load_corpus(WIKINEWS)}
    if POLNEAR_TRAIN.exists():
        corpora["polnear-train"] = polnear_articles()
    else:
        print(f"note: {POLNEAR_TRAIN} is absent; PolNeAR rows left out")
    if args.limit:
        corpora = {name: articles.head(args.limit) for name, articles in corpora.items()}
    extract(corpora["wikinews"].head(2), cache=False, progress=False)  # load the pipeline before timing
    table = overhead_rows(corpora, model, args.repeats)

    wiki = corpora["wikinews"]
    scaling = scaling_seconds(WIKINEWS, args.repeats, args.limit)
    first_s, again_s, identical = cache_speedup(wiki, args.repeats)

    with tempfile.TemporaryDirectory() as tmp:
        big = pd.concat([wiki.assign(article_id=wiki["article_id"] + f"_{k}") for k in range(REPEATS_FOR_MEMORY)])
        big[["article_id", "text"]].rename(columns={"article_id": "id"}).to_csv(Path(tmp) / "x10.csv", index=False)
        wiki[["article_id", "text"]].rename(columns={"article_id": "id"}).to_csv(Path(tmp) / "x1.csv", index=False)
        rss_one = peak_rss_mb(Path(tmp) / "x1.csv")
        rss_ten = peak_rss_mb(Path(tmp) / "x10.csv")

    pd.set_option("display.width", 200)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {model}; best of {args.repeats} interleaved runs")
    print(table.round({"bare tok/s": 0, "presslens tok/s": 0, "bare CPU s": 2, "presslens CPU s": 2,
                       "ratio end to end (CPU)": 3, "ratio end to end (wall)": 3, "ratio in run": 3}).to_string())
    print(f"n_process speed-up on wikinews (2 vs 1, fresh processes): {scaling[1] / scaling[2]:.2f}x "
          f"({scaling[1]:.1f} s -> {scaling[2]:.1f} s)")
    print(f"cache speed-up on wikinews (re-run vs first run): {first_s / again_s:.0f}x "
          f"({first_s:.1f} s -> {again_s:.2f} s), identical tables: {identical}")
    print(f"peak RSS: {len(wiki)} articles {rss_one:.0f} MB, {REPEATS_FOR_MEMORY * len(wiki)} articles "
          f"{rss_ten:.0f} MB (ratio {rss_ten / rss_one:.2f})")
    print(f"benchmark process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())

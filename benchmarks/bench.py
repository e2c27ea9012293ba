"""Benchmark Presslens against a bare spaCy pass: throughput, overhead, n_process, cache, memory.

Run with ``make bench``. Reads ../shared/corpora/wikinews-2019 and the PolNeAR train split in
place (skipped with a message where absent) and prints one table of figures; paste it into
BENCHMARKS.md with the machine's description.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import spacy

from analysis import extract, load_corpus
from analysis.paths import SHARED_DIR
from analysis.pipeline import default_model

WIKINEWS = SHARED_DIR / "corpora" / "wikinews-2019" / "txt"
POLNEAR_TRAIN = SHARED_DIR / "corpora" / "polnear" / "polnear_train.jsonl"
REPEATS_FOR_MEMORY = 10


def polnear_articles() -> pd.DataFrame:
    """PolNeAR train as an articles table (its JSONL names the id column ``article``)."""
    rows = [json.loads(line) for line in POLNEAR_TRAIN.open(encoding="utf-8")]
    frame = pd.DataFrame({"id": [r["article"] for r in rows], "text": [r["text"] for r in rows]})
    with tempfile.TemporaryDirectory() as tmp:
        frame.to_csv(Path(tmp) / "polnear.csv", index=False)
        return load_corpus(Path(tmp) / "polnear.csv")


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def bare_pass(texts: list[str], model: str, n_process: int = 1) -> tuple[float, int]:
    """Time a bare ``nlp.pipe`` of the same trained pipeline; return (seconds, tokens)."""
    nlp = spacy.load(model)
    seconds, tokens = timed(lambda: sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=n_process)))
    return seconds, tokens


def peak_rss_mb(inputs: Path) -> float:
    """Peak resident memory of a fresh process that extracts ``inputs`` to a temporary folder."""
    # VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts from the parent's peak at fork.
    code = ("import sys, tempfile; from analysis.extract import extract_to; "
            "extract_to(tempfile.mkdtemp(), sys.argv[1], fmt='parquet', cache=False, progress=False, chunk_size=200); "
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))")
    done = subprocess.run([sys.executable, "-c", code, str(inputs)], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    if not WIKINEWS.exists():
        print(f"skipped: {WIKINEWS} is absent (the shared corpora live in ../shared/corpora)")
        return 0
    model = default_model()
    corpora = {"wikinews": load_corpus(WIKINEWS)}
    if POLNEAR_TRAIN.exists():
        corpora["polnear-train"] = polnear_articles()
    else:
        print(f"note: {POLNEAR_TRAIN} is absent; PolNeAR rows left out")
    rows = []
    os.environ["PRESSLENS_CACHE_DIR"] = tempfile.mkdtemp(prefix="presslens-bench-cache-")
    extract(corpora["wikinews"].head(2), cache=False)  # load the pipeline before timing
    for name, articles in corpora.items():
        texts = articles["text"].tolist()
        bare_s, tokens = bare_pass(texts, model)
        ours_s, result = timed(lambda: extract(articles, cache=False, progress=False))
        rows.append({"corpus": name, "articles": len(texts), "tokens": tokens,
                     "bare art/s": len(texts) / bare_s, "bare tok/s": tokens / bare_s,
                     "presslens art/s": len(texts) / ours_s, "presslens tok/s": tokens / ours_s,
                     "overhead %": 100 * (ours_s / bare_s - 1), "quotes": len(result.quotes)})
    table = pd.DataFrame(rows).set_index("corpus")

    wiki = corpora["wikinews"]
    one_s, _ = timed(lambda: extract(wiki, cache=False, n_process=1, progress=False))
    two_s, _ = timed(lambda: extract(wiki, cache=False, n_process=2, progress=False))
    first_s, first = timed(lambda: extract(WIKINEWS, cache=True, progress=False))
    again_s, again = timed(lambda: extract(WIKINEWS, cache=True, progress=False))
    identical = all(first.tables()[t].equals(again.tables()[t]) for t in first.tables())

    with tempfile.TemporaryDirectory() as tmp:
        big = pd.concat([wiki.assign(id=wiki["article_id"] + f"_{k}") for k in range(REPEATS_FOR_MEMORY)])
        big[["id", "text"]].to_csv(Path(tmp) / "x10.csv", index=False)
        wiki[["article_id", "text"]].rename(columns={"article_id": "id"}).to_csv(Path(tmp) / "x1.csv", index=False)
        rss_one = peak_rss_mb(Path(tmp) / "x1.csv")
        rss_ten = peak_rss_mb(Path(tmp) / "x10.csv")

    pd.set_option("display.width", 160)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {model}")
    print(table.round(1).to_string())
    print(f"n_process speed-up on wikinews (2 vs 1): {one_s / two_s:.2f}x ({one_s:.1f} s -> {two_s:.1f} s)")
    print(f"cache speed-up on wikinews (re-run vs first run): {first_s / again_s:.0f}x "
          f"({first_s:.1f} s -> {again_s:.2f} s), identical tables: {identical}")
    print(f"peak RSS: {len(wiki)} articles {rss_one:.0f} MB, {REPEATS_FOR_MEMORY * len(wiki)} articles "
          f"{rss_ten:.0f} MB (ratio {rss_ten / rss_one:.2f})")
    print(f"benchmark process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark the report: ``presslens run`` on Wikinews 2019 and on ten copies of it, warm and cold.

Each run is a fresh ``python -m analysis run`` process, as a user runs it, with its own cache
folder: *cold* starts from an empty cache (the spaCy pass included), *warm* re-runs over a cache
that a first run filled (the report's own work: reading the tables back, the notebooks and their
pages). The runner's last line gives the extraction's and each notebook's seconds; the figures
are the best of ``repeats`` runs. The ten copies carry new ids (``001-c3``), so the report sees
1,710 articles whose actors, quotes and themes repeat: the tables are ten times longer, the
network as large as the original's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.paths import PROJECT_DIR

TIMING_LINE = re.compile(r"^Report in \d+ s: (.+)$", re.MULTILINE)
COPIES = 10


def copy_corpus(source: Path, target: Path, copies: int) -> Path:
    """Write ``copies`` copies of every ``.txt`` file of ``source`` into ``target``, with new ids."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.txt")):
        for k in range(copies):
            shutil.copyfile(path, target / f"{path.stem}-c{k}.txt")
    return target


def run_once(corpus: Path, cache: Path, params: list[str] = ()) -> dict[str, float]:
    """Run the report in a fresh process; return the wall time and the runner's timings, in seconds."""
    env = {**os.environ, "PRESSLENS_CACHE_DIR": str(cache),
           "PYTHONPATH": os.pathsep.join([str(PROJECT_DIR), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    with tempfile.TemporaryDirectory(prefix="presslens-bench-report-") as out:
        command = [sys.executable, "-m", "analysis", "run", "-p", f"corpus={corpus}", *params, "--out", out]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode:
            raise RuntimeError(f"presslens run failed on {corpus}:\n{done.stderr[-3000:]}")
        pages = {p.name: p.stat().st_size for p in Path(out).glob("*.html")}
    match = TIMING_LINE.search(done.stderr)
    steps = {} if match is None else {name: float(seconds) for name, seconds in
                                      re.findall(r"([\w-]+) ([\d.]+) s", match.group(1))}
    return {"total": wall, **steps, "largest page MB": max(pages.values(), default=0) / 1e6}


def best_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Keep, step by step, the best of several runs."""
    return {key: min(run[key] for run in runs if key in run) for key in runs[0]}


def report_timings(source: Path, *, repeats: int = 1, cold: bool = True) -> pd.DataFrame:
    """Time ``presslens run`` on ``source`` and on ``COPIES`` copies of it, warm (and cold).

    Returns:
        One row per corpus and cache state: ``articles``, ``cache``, ``total`` (wall seconds of
        the whole command), ``extraction`` and one column per notebook (the runner's seconds),
        and ``largest page MB``.
    """
    rows = []
    with tempfile.TemporaryDirectory(prefix="presslens-bench-corpora-") as tmp:
        size = len(list(source.glob("*.txt")))
        corpora = {"wikinews": (source, size),
                   f"wikinews x{COPIES}": (copy_corpus(source, Path(tmp) / "copies", COPIES), COPIES * size)}
        for name, (corpus, articles) in corpora.items():
            cache = Path(tmp) / f"cache-{len(rows)}"
            first = run_once(corpus, cache)  # into an empty cache: the cold run
            if cold:
                rows.append({"corpus": name, "articles": articles, "cache": "cold", **first})
            warm = best_of([run_once(corpus, cache) for _ in range(repeats)])
            rows.append({"corpus": name, "articles": articles, "cache": "warm", **warm})
            shutil.rmtree(cache, ignore_errors=True)
    return pd.DataFrame(rows).set_index(["corpus", "cache"])


def print_report_timings(table: pd.DataFrame) -> None:
    """Print the table and the warm ratio between the copies and the original."""
    print("presslens run (seconds; the extraction and each notebook as the runner times them):")
    print(table.round(1).to_string())
    warm = table.xs("warm", level="cache")
    if len(warm) == 2:
        small, large = warm.iloc[0], warm.iloc[1]
        notebooks = warm.drop(columns=["articles", "total", "extraction", "largest page MB"], errors="ignore")
        print(f"warm report time, {int(large['articles'])} vs {int(small['articles'])} articles: "
              f"{large['total'] / small['total']:.2f}x for {large['articles'] / small['articles']:.0f}x articles; "
              f"slowest notebook {notebooks.max(axis=1).max():.1f} s")

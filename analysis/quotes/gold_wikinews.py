"""Score the quotes table against gold in the Wikinews annotation scheme.

Gold: one JSON file ``{"conventions": [...], "articles": [{"file": "NNN.txt", "actors": {canonical:
{"type", "aliases"}}, "quotes": [{"kind", "speaker", "cue", "anchor"}]}]}``, the texts in a folder
(``txt/`` beside the gold file by default); an article's id is its file's stem. An ``anchor`` is an
exact substring of the quote's content.

A gold quote is found when a predicted quote's text contains its anchor, each predicted quote
used once, in text order. Its speaker is right when the predicted canonical speaker is the gold
speaker or one of its aliases, or when the predicted ``speaker_text`` contains the gold speaker
phrase (a literal source such as "the police"); its kind is right when the kinds are equal.
Counted two ways: ``rows`` (each row of the quotes table a prediction) and ``attributions``
(the rows of one attribution, a quotation continued after its cue, count as one prediction, which
may hold several gold quotes: the conventions give one entry per continuous quotation).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pandas as pd

from ..errors import CorpusError
from ..types import PathLike

WIKINEWS_COLUMNS = ["unit", "gold", "predicted", "matched", "precision", "recall", "f1", "speaker_accuracy",
                    "kind_accuracy"]


def is_wikinews_gold(path: PathLike) -> bool:
    """Whether ``path`` is a Wikinews-scheme gold file (one JSON object with an ``articles`` list)."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl" or not path.is_file():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and isinstance(data.get("articles"), list)


def load_wikinews_gold(path: PathLike, *, limit: int | None = None) -> list[dict]:
    """Read the articles of a Wikinews-scheme gold file, each with an ``article_id`` (file stem).

    Raises:
        CorpusError: An article names no ``file``.
    """
    articles = json.loads(Path(path).read_text(encoding="utf-8-sig"))["articles"][:limit]
    for n, article in enumerate(articles):
        if "file" not in article:
            raise CorpusError(f"{path}: article {n}", "no 'file' field (only file-based gold is read)")
        article["article_id"] = Path(article["file"]).stem
    return articles


def _names(canonical: str, actor: dict | None) -> set[str]:
    aliases = (actor or {}).get("aliases") or []
    return {n.strip().lower() for n in [canonical, *aliases] if n and n.strip()}


def score_wikinews(gold: list[dict], quotes: pd.DataFrame) -> pd.DataFrame:
    """Score a quotes table against Wikinews-scheme gold articles.

    Args:
        gold: Articles from :func:`load_wikinews_gold`.
        quotes: A ``quotes`` table (``article_id, quote, kind, speaker, speaker_text``, and
            ``attribution_id`` when present).

    Returns:
        Two rows, ``unit`` = ``rows`` and ``attributions``, with ``gold, predicted, matched,
        precision, recall, f1, speaker_accuracy, kind_accuracy``.
    """
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in quotes.to_dict("records"):
        by_article[str(row["article_id"])].append(row)
    out = []
    for unit in ("rows", "attributions"):
        counts = dict.fromkeys(("gold", "predicted", "matched", "found", "speaker", "kind"), 0)
        for article in gold:
            rows = by_article.get(article["article_id"], [])
            groups = _groups(rows) if unit == "attributions" else [[n] for n in range(len(rows))]
            group_of = {n: g for g, members in enumerate(groups) for n in members}
            used: set[int] = set()
            hit: set[int] = set()
            counts["gold"] += len(article.get("quotes", []))
            counts["predicted"] += len(groups)
            actors = article.get("actors", {})
            aliases = {name.lower(): _names(name, actor) for name, actor in actors.items()}
            for quote in article.get("quotes", []):
                n = next((n for n, r in enumerate(rows)
                          if n not in used and quote["anchor"] in str(r.get("quote") or "")), None)
                if n is None:
                    continue
                used.add(n)
                hit.add(group_of[n])
                counts["found"] += 1
                row = rows[n]
                wanted = quote["speaker"].lower()
                speaker = str(row.get("speaker") or "").strip().lower() if pd.notna(row.get("speaker")) else ""
                text = str(row.get("speaker_text") or "").strip().lower() if pd.notna(row.get("speaker_text")) else ""
                counts["speaker"] += bool(speaker and speaker in aliases.get(wanted, {wanted})) or bool(
                    text and wanted in text)
                counts["kind"] += row.get("kind") == quote["kind"]
            counts["matched"] += len(hit)
        precision = counts["matched"] / counts["predicted"] if counts["predicted"] else 0.0
        recall = counts["found"] / counts["gold"] if counts["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        found = counts["found"]
        out.append({"unit": unit, "gold": counts["gold"], "predicted": counts["predicted"],
                    "matched": counts["matched"], "precision": round(precision, 3), "recall": round(recall, 3),
                    "f1": round(f1, 3),
                    "speaker_accuracy": round(counts["speaker"] / found, 3) if found else 0.0,
                    "kind_accuracy": round(counts["kind"] / found, 3) if found else 0.0})
    return pd.DataFrame(out, columns=WIKINEWS_COLUMNS)


def _groups(rows: list[dict]) -> list[list[int]]:
    """Group row numbers by ``attribution_id`` (a row without one stands alone)."""
    groups: dict[object, list[int]] = {}
    for n, row in enumerate(rows):
        key = row.get("attribution_id")
        key = ("row", n) if key is None or (not isinstance(key, str) and pd.isna(key)) else key
        groups.setdefault(key, []).append(n)
    return list(groups.values())


def evaluate_wikinews(gold_path: PathLike, *, model: str | None = None, limit: int | None = None,
                      cache: bool = True, attributions: str = "statements",
                      corpus: PathLike | None = None) -> pd.DataFrame:
    """Extract the gold articles' quotes and score them with :func:`score_wikinews`.

    Args:
        gold_path: The gold JSON file.
        model: The spaCy pipeline's name.
        limit: Score only the first ``limit`` articles.
        cache: Use the extraction cache.
        attributions: What counts as a quote (``statements``, the scheme's reading, or ``all``).
        corpus: The folder of the article texts (default: ``txt/`` beside the gold file, else
            the gold file's folder).

    Raises:
        CorpusError: A gold article's text file is missing.
    """
    from ..extract import extract

    gold = load_wikinews_gold(gold_path, limit=limit)
    folder = Path(corpus) if corpus else Path(gold_path).parent / "txt"
    if corpus is None and not folder.is_dir():
        folder = Path(gold_path).parent
    paths = [folder / article["file"] for article in gold]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise CorpusError(str(gold_path), f"article files not found: {', '.join(missing[:3])}")
    extraction = extract(paths, model=model, cache=cache, attributions=attributions)  # type: ignore[arg-type]
    return score_wikinews(gold, extraction.quotes)

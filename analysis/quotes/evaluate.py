"""Measure the quotes table against gold attributions in PolNeAR JSONL form.

Gold: one article a line, ``{"article", "text", "attributions": [{"quoted", "source": [...],
"cue": [...], "content": [...]}]}``, each span ``{"start", "end"}`` in character offsets into
``text`` (see ``../shared/corpora/polnear/SOURCE.md``). An attribution is one cue with its
content, which may be discontinuous; so predicted quotes that share a cue (a quotation
interrupted or continued after its cue) are scored as one attribution, over the union of their
content spans.

Scores: precision, recall and F1 of content spans matched one-to-one (greedily, best overlap
first) at a character intersection-over-union of at least each threshold; speaker accuracy on the
matched pairs (the predicted speaker span overlaps a gold source span; both empty also counts as
right). Computed for quoted attributions only (gold ``quoted``; predicted ``direct`` or ``mixed``)
and for all attributions.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterable, Sequence

import pandas as pd

from ..corpus import ARTICLE_COLUMNS, paragraph_spans
from ..errors import CorpusError
from ..types import PathLike

THRESHOLDS = (0.3, 0.8)
SCORE_COLUMNS = ["subset", "iou", "gold", "predicted", "matched", "precision", "recall", "f1", "speaker_accuracy"]

Spans = list[tuple[int, int]]


def load_gold(path: PathLike, *, limit: int | None = None) -> list[dict]:
    """Read gold articles from a PolNeAR-style JSONL file.

    Args:
        path: The JSONL file.
        limit: Read only the first ``limit`` articles.

    Returns:
        The articles as dicts, each with an ``article_id`` (``article``, else ``id``, else the row
        number).

    Raises:
        CorpusError: A line is not JSON or has no ``text``.
    """
    rows: list[dict] = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and len(rows) >= limit:
                break
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{n}", f"invalid JSON ({exc.msg})") from None
            if not isinstance(row.get("text"), str):
                raise CorpusError(f"{path}:{n}", "no 'text' field")
            row["article_id"] = str(row.get("article") or row.get("id") or f"row_{len(rows):03d}")
            rows.append(row)
    return rows


def gold_articles(gold: Sequence[dict], source: str = "gold") -> pd.DataFrame:
    """Build the ``articles`` table of gold articles, keeping each whole text as the body.

    Header parsing is bypassed (``body_offset`` 0) so that predicted offsets are offsets into the
    gold ``text``, as the annotations are.
    """
    rows = []
    for n, article in enumerate(gold):
        text = article["text"]
        rows.append({
            "article_id": article["article_id"], "title": None, "date": None, "dateline": None,
            "source": f"{source}:row {n}", "body_offset": 0, "n_paragraphs": len(paragraph_spans(text)),
            "n_words": len(text.split()), "sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            "url": None, "text": text,
        })
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS).astype({
        "article_id": "string", "body_offset": "Int64", "n_paragraphs": "Int64", "n_words": "Int64",
        "text": "string", "sha256": "string", "source": "string"})


def _chars(spans: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for start, end in spans:
        out.update(range(int(start), int(end)))
    return out


def _iou(a: set[int], b: set[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _overlaps(span: tuple[int, int] | None, spans: Spans) -> bool:
    if span is None:
        return False
    return any(min(span[1], e) > max(span[0], s) for s, e in spans)


def predicted_attributions(quotes: pd.DataFrame) -> dict[str, list[dict]]:
    """Group the rows of a quotes table into attributions per article.

    Rows that share a cue (same ``cue_start``, ``cue_end`` and speaker offsets) form one
    attribution over the union of their content spans; a row without a cue stands alone.

    Returns:
        ``{article_id: [{"content": spans, "speaker": (start, end) | None, "quoted": bool}]}``.
    """
    out: dict[str, list[dict]] = {}
    groups: dict[tuple, dict] = {}
    for n, row in enumerate(quotes.itertuples(index=False)):
        cue = None if pd.isna(row.cue_start) else (int(row.cue_start), int(row.cue_end))
        speaker = None if pd.isna(row.speaker_start) else (int(row.speaker_start), int(row.speaker_end))
        key = (row.article_id, cue, speaker) if cue is not None else (row.article_id, n)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"content": [], "speaker": speaker, "quoted": False}
            out.setdefault(str(row.article_id), []).append(group)
        group["content"].append((int(row.start), int(row.end)))
        group["quoted"] |= row.kind in ("direct", "mixed")
    return out


def score_quotes(gold: Sequence[dict], quotes: pd.DataFrame, *,
                 thresholds: Sequence[float] = THRESHOLDS) -> pd.DataFrame:
    """Score a quotes table against gold attributions.

    Args:
        gold: Gold articles from :func:`load_gold`.
        quotes: A ``quotes`` table (``article_id, kind, start, end, speaker_start, speaker_end,
            cue_start, cue_end``) with offsets into the gold texts.
        thresholds: The intersection-over-union thresholds at which spans match.

    Returns:
        One row per subset (``quoted``, ``all``) and threshold: ``subset, iou, gold, predicted,
        matched, precision, recall, f1, speaker_accuracy``.
    """
    predicted = predicted_attributions(quotes)
    rows = []
    for subset in ("quoted", "all"):
        for threshold in thresholds:
            counts = {"gold": 0, "predicted": 0, "matched": 0, "speaker": 0}
            for article in gold:
                golds = [a for a in article.get("attributions", []) if subset == "all" or a.get("quoted")]
                preds = [p for p in predicted.get(article["article_id"], []) if subset == "all" or p["quoted"]]
                counts["gold"] += len(golds)
                counts["predicted"] += len(preds)
                for g, p in _match(golds, preds, threshold):
                    counts["matched"] += 1
                    sources = [(s["start"], s["end"]) for s in g.get("source", [])]
                    counts["speaker"] += _overlaps(p["speaker"], sources) if sources else p["speaker"] is None
            precision = counts["matched"] / counts["predicted"] if counts["predicted"] else 0.0
            recall = counts["matched"] / counts["gold"] if counts["gold"] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            rows.append({"subset": subset, "iou": threshold, "gold": counts["gold"],
                         "predicted": counts["predicted"], "matched": counts["matched"],
                         "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                         "speaker_accuracy": (round(counts["speaker"] / counts["matched"], 3)
                                              if counts["matched"] else 0.0)})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _match(golds: list[dict], preds: list[dict], threshold: float) -> list[tuple[dict, dict]]:
    """Match gold and predicted attributions one-to-one, best overlap first."""
    gold_chars = [_chars((c["start"], c["end"]) for c in g.get("content", [])) for g in golds]
    pred_chars = [_chars(p["content"]) for p in preds]
    candidates = []
    for i, gc in enumerate(gold_chars):
        lo, hi = (min(gc), max(gc)) if gc else (0, -1)
        for j, pc in enumerate(pred_chars):
            if pc and min(pc) <= hi and max(pc) >= lo:
                iou = _iou(gc, pc)
                if iou >= threshold:
                    candidates.append((iou, i, j))
    pairs, used_gold, used_pred = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((golds[i], preds[j]))
    return pairs


def evaluate_quotes(gold_path: PathLike, *, model: str | None = None, limit: int | None = None,
                    cache: bool = True, attributions: str | None = None,
                    corpus: PathLike | None = None) -> pd.DataFrame:
    """Extract quotes from the gold articles and score them against the gold attributions.

    Two gold schemes are read: PolNeAR JSONL (one article a line with its text and attributions,
    scored by :func:`score_quotes`) and the Wikinews gold JSON (``{"articles": [{"file",
    "actors", "quotes"}]}`` with the article texts in a folder, scored by
    :func:`~analysis.quotes.gold_wikinews.score_wikinews`).

    Args:
        gold_path: The gold file.
        model: The spaCy pipeline's name (see :func:`~analysis.pipeline.load_pipeline`).
        limit: Score only the first ``limit`` articles.
        cache: Use the extraction cache.
        attributions: What counts as a quote (``statements`` or ``all``); by default each scheme's
            own reading: ``all`` for PolNeAR, ``statements`` for the Wikinews gold.
        corpus: The folder of a Wikinews gold file's texts (default: ``txt/`` beside it).

    Returns:
        The scores of :func:`score_quotes` or of :func:`~analysis.quotes.gold_wikinews.score_wikinews`.

    Example:
        >>> evaluate_quotes(SHARED_DIR / "corpora/polnear/polnear_dev.jsonl")  # doctest: +SKIP
        >>> evaluate_quotes(SHARED_DIR / "corpora/wikinews-2019/gold_b.json")  # doctest: +SKIP
    """
    from ..extract import extract
    from .gold_wikinews import evaluate_wikinews, is_wikinews_gold

    if is_wikinews_gold(gold_path):
        return evaluate_wikinews(gold_path, model=model, limit=limit, cache=cache,
                                 attributions=attributions or "statements", corpus=corpus)
    gold = load_gold(gold_path, limit=limit)
    extraction = extract(gold_articles(gold, source=str(gold_path)), model=model, cache=cache,
                         attributions=attributions or "all")  # type: ignore[arg-type]
    return score_quotes(gold, extraction.quotes)


def polnear_scores(split: str = "dev", *, model: str | None = None) -> pd.DataFrame:
    """Score the quotes extractor on a PolNeAR split from ``../shared/corpora/polnear``.

    The extraction is cached, so only the first run processes the articles.

    Args:
        split: ``dev`` (84 articles) or ``train`` (840).
        model: The spaCy pipeline's name.

    Returns:
        The scores of :func:`score_quotes` with a leading ``split`` column; no rows when the
        shared corpora are absent.
    """
    from ..paths import SHARED_DIR

    path = SHARED_DIR / "corpora" / "polnear" / f"polnear_{split}.jsonl"
    if not path.is_file():
        return pd.DataFrame(columns=["split", *SCORE_COLUMNS])
    scores = evaluate_quotes(path, model=model)
    scores.insert(0, "split", split)
    return scores

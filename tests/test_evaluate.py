"""Tests of the quotes evaluation harness (PolNeAR JSONL gold)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.cli import main
from analysis.quotes.evaluate import (
    SCORE_COLUMNS,
    evaluate_quotes,
    gold_articles,
    load_gold,
    predicted_attributions,
    score_quotes,
)

TEXT = 'Title line\n\n"We will win," the senator said. The mayor said the bridge would reopen.'


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


GOLD = [{
    "article_id": "a1", "text": TEXT,
    "attributions": [
        {"quoted": True, "source": [_span(TEXT, "the senator")], "cue": [_span(TEXT, "said")],
         "content": [_span(TEXT, '"We will win,"')]},
        {"quoted": False, "source": [_span(TEXT, "The mayor")], "cue": [_span(TEXT, "said the")],
         "content": [_span(TEXT, "the bridge would reopen")]},
    ],
}]


def _quotes(*rows: dict) -> pd.DataFrame:
    base = {"article_id": "a1", "speaker_start": None, "speaker_end": None, "cue_start": None, "cue_end": None}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return frame.astype({c: "Int64" for c in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")})


def _pred(part: str, kind: str, speaker: str | None, cue: str | None = None) -> dict:
    row = {"kind": kind, "start": TEXT.index(part), "end": TEXT.index(part) + len(part)}
    if speaker:
        row.update(speaker_start=TEXT.index(speaker), speaker_end=TEXT.index(speaker) + len(speaker))
    if cue:
        row.update(cue_start=TEXT.index(cue), cue_end=TEXT.index(cue) + len(cue))
    return row


def _score(frame: pd.DataFrame, subset: str, iou: float) -> dict:
    return frame.set_index(["subset", "iou"]).loc[(subset, iou)].to_dict()


def test_perfect_predictions():
    # content inside the marks matches the gold span with its marks at 0.3 (a short one not at 0.8)
    quotes = _quotes(_pred("We will win", "direct", "the senator", "said"),
                     _pred("the bridge would reopen", "indirect", "The mayor", "said the"))
    scores = score_quotes(GOLD, quotes)
    assert list(scores.columns) == SCORE_COLUMNS
    assert _score(scores, "all", 0.3)["f1"] == 1.0
    assert _score(scores, "all", 0.3)["speaker_accuracy"] == 1.0
    assert _score(scores, "all", 0.8)["matched"] == 1
    assert _score(scores, "quoted", 0.3)["gold"] == 1 and _score(scores, "quoted", 0.3)["predicted"] == 1


def test_thresholds_and_wrong_speaker():
    # a partial span matches at 0.3 but not at 0.8; a wrong speaker lowers speaker accuracy only
    quotes = _quotes(_pred("the bridge would", "indirect", "the senator", "said the"))
    scores = score_quotes(GOLD, quotes)
    assert _score(scores, "all", 0.3)["matched"] == 1
    assert _score(scores, "all", 0.3)["speaker_accuracy"] == 0.0
    assert _score(scores, "all", 0.8)["matched"] == 0
    assert _score(scores, "all", 0.3)["precision"] == 1.0 and _score(scores, "all", 0.3)["recall"] == 0.5


def test_one_to_one_matching():
    # two predictions of the same gold content: one matches, the other is a false positive
    quotes = _quotes(_pred("the bridge would reopen", "indirect", "The mayor"),
                     _pred("the bridge would reopen", "indirect", "The mayor"))
    scores = score_quotes(GOLD, quotes)
    assert _score(scores, "all", 0.3)["matched"] == 1 and _score(scores, "all", 0.3)["precision"] == 0.5


def test_rows_sharing_a_cue_form_one_attribution():
    # a quotation split around its cue is one attribution over the union of its parts
    quotes = _quotes(_pred("We will", "direct", "the senator", "said"), _pred("win", "direct", "the senator", "said"))
    grouped = predicted_attributions(quotes)["a1"]
    assert len(grouped) == 1 and len(grouped[0]["content"]) == 2 and grouped[0]["quoted"]


def test_quoted_subset_filters_kinds():
    # an indirect prediction does not count among quoted attributions
    quotes = _quotes(_pred("the bridge would reopen", "indirect", "The mayor"))
    assert _score(score_quotes(GOLD, quotes), "quoted", 0.3)["predicted"] == 0


def test_empty_predictions():
    scores = score_quotes(GOLD, _quotes(_pred("the bridge would reopen", "indirect", None)).iloc[0:0])
    assert (scores["f1"] == 0.0).all() and (scores["gold"] > 0).all()


def test_gold_articles_keep_offsets():
    # header parsing is bypassed: the body is the whole text, so gold offsets stay valid
    articles = gold_articles(GOLD)
    assert articles.loc[0, "text"] == TEXT and articles.loc[0, "body_offset"] == 0


def test_load_gold_ids_and_limit(tmp_path):
    path = tmp_path / "gold.jsonl"
    rows = [{"article": "x", "text": "a"}, {"id": "y", "text": "b"}, {"text": "c"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert [g["article_id"] for g in load_gold(path)] == ["x", "y", "row_002"]
    assert len(load_gold(path, limit=1)) == 1


def test_evaluate_end_to_end(tmp_path, cache_dir, capsys):
    # the harness runs the pipeline on the gold texts and prints a table
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"article": "a1", "text": TEXT, "attributions": GOLD[0]["attributions"]}) + "\n",
                    encoding="utf-8")
    scores = evaluate_quotes(path)
    assert _score(scores, "all", 0.3)["f1"] == 1.0
    assert main(["evaluate", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {r["subset"] for r in printed} == {"quoted", "all"}


@pytest.mark.slow
def test_polnear_dev_scores(polnear_dir, cache_dir):
    # the harness scores the PolNeAR dev split (targets are asserted in test_quotes.py)
    scores = evaluate_quotes(polnear_dir / "polnear_dev.jsonl", limit=10)
    assert set(scores["subset"]) == {"quoted", "all"} and (scores["gold"] > 0).all()


# --- the Wikinews gold scheme ----------------------------------------------------------------

from analysis.quotes.gold_wikinews import is_wikinews_gold, score_wikinews  # noqa: E402

WN_TEXT = ('Bridge to reopen\n\nMonday, May 4, 2020\n\n"The bridge is safe again," Mayor Jane Roe said. '
           '"Traffic will resume on Friday."\n\nThe council said repairs had cost more than planned.')
WN_GOLD = {"conventions": [], "articles": [{
    "file": "n1.txt",
    "actors": {"Jane Roe": {"type": "person", "aliases": ["Roe"]}},
    "quotes": [
        {"kind": "direct", "speaker": "Jane Roe", "cue": "say", "anchor": "The bridge is safe again"},
        {"kind": "indirect", "speaker": "The council", "cue": "say", "anchor": "repairs had cost more than planned"},
    ],
}]}


def _wn_rows(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([{"article_id": "n1", "quote": q, "kind": k, "speaker": s, "speaker_text": t,
                          "attribution_id": a} for q, k, s, t, a in rows])


def test_wikinews_scores_rows_and_attributions():
    gold = [{**WN_GOLD["articles"][0], "article_id": "n1"}]
    rows = _wn_rows(("The bridge is safe again,", "direct", "Jane Roe", "Mayor Jane Roe", "n1:a0"),
                    ("Traffic will resume on Friday.", "direct", "Jane Roe", "Mayor Jane Roe", "n1:a0"),
                    ("repairs had cost more than planned", "mixed", None, "The council", "n1:a1"))
    scores = score_wikinews(gold, rows).set_index("unit")
    # rows: the continuation after the cue is a row of its own, which no gold quote matches
    assert scores.loc["rows", "precision"] == round(2 / 3, 3) and scores.loc["rows", "recall"] == 1.0
    # attributions: the quotation continued after its cue is one attribution
    assert scores.loc["attributions", "precision"] == 1.0 and scores.loc["attributions", "f1"] == 1.0
    # a literal source phrase is matched in speaker_text; the kind differs on the second quote
    assert scores.loc["rows", "speaker_accuracy"] == 1.0 and scores.loc["rows", "kind_accuracy"] == 0.5


def test_wikinews_wrong_speaker_and_miss():
    gold = [{**WN_GOLD["articles"][0], "article_id": "n1"}]
    rows = _wn_rows(("The bridge is safe again,", "direct", "Traffic", "Traffic", "n1:a0"))
    scores = score_wikinews(gold, rows).set_index("unit")
    assert scores.loc["rows", "recall"] == 0.5 and scores.loc["rows", "speaker_accuracy"] == 0.0


def test_wikinews_gold_end_to_end(tmp_path, cache_dir):
    # presslens evaluate reads the Wikinews gold format, with the texts in txt/ beside it
    (tmp_path / "txt").mkdir()
    (tmp_path / "txt" / "n1.txt").write_text(WN_TEXT, encoding="utf-8")
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(WN_GOLD), encoding="utf-8")
    assert is_wikinews_gold(path) and not is_wikinews_gold(tmp_path / "txt" / "n1.txt")
    scores = evaluate_quotes(path).set_index("unit")
    assert scores.loc["rows", "recall"] == 1.0 and scores.loc["rows", "speaker_accuracy"] == 1.0
    assert scores.loc["attributions", "precision"] == 1.0
    assert main(["evaluate", str(path), "--json"]) == 0

"""The synthesis report: counts and prose come from the tables; article text is escaped."""

from __future__ import annotations

import pandas as pd

from analysis.extract import Extraction
from analysis.report.digest import render_digest, report_overview, speaker_summary
from analysis.tables import typed


def small_extraction() -> Extraction:
    articles = typed(pd.DataFrame([{"article_id": "a1", "title": "Bridge <b>opens</b>", "date": "2024-01-02",
                                    "text": "..."}]), "articles")
    actors = typed(pd.DataFrame([
        {"article_id": "a1", "actor": "Ana Ruiz", "type": "person", "roles": "Mayor", "mentions": 3, "quotes": 2},
        {"article_id": "a1", "actor": "Lyon", "type": "place", "mentions": 1, "quotes": 0}]), "actors")
    quotes = typed(pd.DataFrame([
        {"article_id": "a1", "quote_id": "a1:q0", "kind": "indirect", "quote": "the bridge was safe", "start": 0,
         "end": 5, "speaker": "Ana Ruiz", "cue": "say"},
        {"article_id": "a1", "quote_id": "a1:q1", "kind": "direct", "quote": "<script>x</script> we did it", "start": 9,
         "end": 20, "speaker": "Ana Ruiz", "cue": "say"},
        {"article_id": "a1", "quote_id": "a1:q2", "kind": "direct", "quote": "nobody asked", "start": 30, "end": 40,
         "speaker": pd.NA, "cue": "say"}]), "quotes")
    themes = typed(pd.DataFrame([
        {"article_id": "a1", "scope": "article", "scope_id": "a1", "theme": "Transport", "score": 2.0,
         "evidence": "bridge"},
        {"article_id": "a1", "scope": "quote", "scope_id": "a1:q0", "theme": "Transport", "score": 5.0,
         "evidence": "bridge"}]),
        "themes")
    empty = typed(pd.DataFrame(), "mentions")
    return Extraction(articles=articles, mentions=empty, actors=actors, quotes=quotes, themes=themes,
                      errors=typed(pd.DataFrame(), "errors"))


def test_speaker_summary_counts_kinds_and_themes():
    summary = speaker_summary(small_extraction())
    assert summary.to_dict("records") == [{"speaker": "Ana Ruiz", "quotes": 2, "direct": 1, "indirect": 1,
                                           "mixed": 0, "themes": "Transport"}]


def test_overview_counts_unattributed_quotes():
    overview = report_overview(small_extraction())["value"]
    assert overview["quotes"] == "3" and overview["quotes with a resolved speaker"] == "2 (67%)"


def test_digest_escapes_and_puts_direct_quotes_first():
    markup = render_digest(small_extraction(), quotes_per_speaker=1).data
    assert "<script>" not in markup and "&lt;script&gt;x&lt;/script&gt; we did it" in markup
    assert "the bridge was safe" not in markup  # one quote per speaker: the direct one
    assert "Bridge &lt;b&gt;opens&lt;/b&gt;" in markup
    assert "1 quote without a resolved speaker" in markup


def test_digest_names_every_quoted_actor_even_beyond_the_top():
    ex = small_extraction()
    extra = typed(pd.DataFrame([{"article_id": "a1", "actor": f"Person {i}", "type": "person", "mentions": 9 - i,
                                 "quotes": 0} for i in range(4)]), "actors")
    ex.actors = pd.concat([extra, ex.actors], ignore_index=True)  # four people mentioned more than the speaker
    markup = render_digest(ex, top_actors=2).data
    assert "<strong>Person 0</strong>" in markup and "<strong>Person 1</strong>" in markup
    assert "<strong>Person 2</strong>" not in markup
    assert "<strong>Ana Ruiz</strong> (Mayor)" in markup  # quoted, so named although fifth by mentions
    assert "and 2 more" in markup

"""The exploration API: loading saved tables, quotes by speaker, search, timelines, comparisons."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import Extraction, compare, load_tables, quotes_by, search_quotes, show, timeline
from analysis.tables import COLUMNS, typed


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    return typed(pd.DataFrame(rows, columns=COLUMNS[name] if not rows else None), name)


@pytest.fixture()
def result() -> Extraction:
    """Three invented articles from two outlets, through the corpus pass."""
    body = "Marta Quell said the ferry runs on time. <b>Quell</b> said vaccines arrive in May."
    articles = table("articles", [
        {"article_id": aid, "title": f"T {aid}", "date": date, "source": f"{aid}.txt", "text": body, "outlet": outlet}
        for aid, date, outlet in [("a1", "2020-01-10", "Lantern"), ("a2", "2020-02-03", "Kite"),
                                  ("a3", "2020-02-20", "Lantern")]])
    actors = table("actors", [
        {"article_id": "a1", "actor": "Marta Quell", "type": "person", "mentions": 2, "quotes": 1,
         "gender": "female", "gender_evidence": "pronoun"},
        {"article_id": "a2", "actor": "Quell", "type": "person", "mentions": 1, "quotes": 1},
        {"article_id": "a2", "actor": "Varnia", "type": "place", "mentions": 1, "quotes": 0},
        {"article_id": "a3", "actor": "Tomas Brand", "type": "person", "mentions": 1, "quotes": 1,
         "gender": "male", "gender_evidence": "honorific"},
    ])
    quotes = table("quotes", [
        {"article_id": "a1", "quote_id": "a1:q0", "kind": "indirect", "quote": "the ferry runs on time", "start": 17,
         "end": 39, "speaker": "Marta Quell"},
        {"article_id": "a2", "quote_id": "a2:q0", "kind": "direct", "quote": "Vaccines arrive in May", "start": 59,
         "end": 81, "speaker": "Quell"},
        {"article_id": "a2", "quote_id": "a2:q1", "kind": "indirect", "quote": "nobody knows", "start": 0, "end": 5},
        {"article_id": "a3", "quote_id": "a3:q0", "kind": "direct", "quote": "the vaccine is late", "start": 0,
         "end": 5, "speaker": "Tomas Brand"},
    ])
    themes = table("themes", [
        {"article_id": aid, "scope": "article", "scope_id": aid, "theme": theme, "score": score}
        for aid, theme, score in [("a1", "Transport", 2.0), ("a1", "Health", 1.0), ("a2", "Health", 3.0),
                                  ("a3", "Health", 1.5)]])
    mentions = table("mentions", [{"article_id": "a1", "actor": "Marta Quell", "text": "Marta Quell", "start": 0,
                                   "end": 11}])
    return Extraction(articles=articles, mentions=mentions, actors=actors, quotes=quotes, themes=themes,
                      errors=table("errors", [])).identify()


def test_quotes_by_gathers_every_name_form(result):
    for name in ("Marta Quell", "quell", "MARTA QUELL"):
        found = quotes_by(result, name)
        assert found["quote_id"].tolist() == ["a1:q0", "a2:q0"]
    assert {"date", "title"} <= set(found.columns)
    assert quotes_by(result, "Nobody Here").empty


def test_search_quotes(result):
    assert search_quotes(result, "vaccine")["quote_id"].tolist() == ["a2:q0", "a3:q0"]
    assert search_quotes(result, "vaccine", case=True)["quote_id"].tolist() == ["a3:q0"]
    assert search_quotes(result, r"ferry|late", regex=True)["quote_id"].tolist() == ["a1:q0", "a3:q0"]
    assert search_quotes(result, "(").empty  # a plain string, not a pattern


def test_timeline_by_month_and_outlet(result):
    themes = timeline(result, what="themes", freq="M")
    assert themes.loc[pd.Period("2020-02", "M"), "Health"] == 2
    assert themes.loc[pd.Period("2020-01", "M"), "Transport"] == 1
    speakers = timeline(result, what="speakers", freq="M", by="outlet")
    assert speakers.loc[(pd.Period("2020-02", "M"), "Kite"), "Marta Quell"] == 1
    actors = timeline(result, what="actors", freq="Y", top=1)
    assert list(actors.columns) == ["Marta Quell"] and actors.iloc[0, 0] == 2
    with pytest.raises(ValueError):
        timeline(result, what="votes")
    with pytest.raises(KeyError, match="section"):
        timeline(result, by="section")


def test_compare_outlets(result):
    table = compare(result, by="outlet")
    assert table.loc["Lantern", "articles"] == 2 and table.loc["Kite", "quotes"] == 2
    assert table.loc["Kite", "direct_share"] == 0.5
    assert table.loc["Lantern", "female_share"] == 0.5 and table.loc["Lantern", "male_share"] == 0.5
    assert table.loc["Kite", "main_theme"] == "Health"


def test_show_escapes_the_article(result):
    html = show(result, "a1").data
    assert "&lt;b&gt;Quell&lt;/b&gt;" in html and "<b>Quell</b>" not in html
    assert "Marta Quell" in show(result, "a1", highlight="actors").data
    with pytest.raises(KeyError):
        show(result, "zz")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_load_tables_reads_back_what_was_saved(result, tmp_path, fmt):
    result.save(tmp_path, fmt)
    back = load_tables(tmp_path)
    for name, frame in result.tables().items():
        pd.testing.assert_frame_equal(back.tables()[name], frame, check_dtype=True, obj=name)
    assert back.articles["outlet"].tolist() == ["Lantern", "Kite", "Lantern"]


def test_load_tables_refuses_a_folder_without_tables(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_tables(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_tables(tmp_path / "missing")

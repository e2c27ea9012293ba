"""Who gets a voice (notebook 05): counts over corpus entities, gender with its unknown share, groups, time."""

from __future__ import annotations

import html.parser

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.extract import Extraction
from analysis.paths import NOTEBOOKS_DIR
from analysis.quotes.voices import (
    plot_voices_by_gender,
    plot_voices_over_time,
    top_voices,
    voices_by_gender,
    voices_by_group,
    voices_by_type,
    voices_over_time,
)
from analysis.report.runner import run_report
from analysis.tables import typed


def extraction(outlets: bool = True) -> Extraction:
    """Two articles, two months, two outlets: Ada Lind (a woman) quoted under two name forms, Tom Berg
    (a man) mentioned only, Kim Oro (gender unknown) quoted once, a council quoted once, one quote
    without a speaker."""
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "title": ["One", "Two"],
                             "date": ["2020-01-10", "2020-02-12"], "text": ["...", "..."]})
    if outlets:
        articles["outlet"] = ["Coast Post", "Capital Daily"]
    actors = pd.DataFrame([
        {"article_id": "a1", "actor": "Ada Lind", "type": "person", "mentions": 3, "quotes": 2, "actor_id": "ada-lind"},
        {"article_id": "a1", "actor": "Tom Berg", "type": "person", "mentions": 2, "quotes": 0, "actor_id": "tom-berg"},
        {"article_id": "a2", "actor": "Lind", "type": "person", "mentions": 1, "quotes": 1, "actor_id": "ada-lind"},
        {"article_id": "a2", "actor": "Kim Oro", "type": "person", "mentions": 1, "quotes": 1, "actor_id": "kim-oro"},
        {"article_id": "a2", "actor": "Harbour Council", "type": "organisation", "mentions": 2, "quotes": 1,
         "actor_id": "harbour-council"},
    ])
    quotes = pd.DataFrame([
        {"article_id": "a1", "quote_id": "a1:q0", "kind": "direct", "quote": "x", "speaker": "Ada Lind",
         "speaker_id": "ada-lind"},
        {"article_id": "a1", "quote_id": "a1:q1", "kind": "indirect", "quote": "y", "speaker": "Ada Lind",
         "speaker_id": "ada-lind"},
        {"article_id": "a2", "quote_id": "a2:q0", "kind": "direct", "quote": "z", "speaker": "Lind",
         "speaker_id": "ada-lind"},
        {"article_id": "a2", "quote_id": "a2:q1", "kind": "mixed", "quote": "w", "speaker": "Kim Oro",
         "speaker_id": "kim-oro"},
        {"article_id": "a2", "quote_id": "a2:q2", "kind": "indirect", "quote": "v", "speaker": "Harbour Council",
         "speaker_id": "harbour-council"},
        {"article_id": "a2", "quote_id": "a2:q3", "kind": "direct", "quote": "u", "speaker": pd.NA,
         "speaker_id": pd.NA},
    ])
    corpus = pd.DataFrame([
        {"actor_id": "ada-lind", "name": "Ada Lind", "type": "person", "gender": "female"},
        {"actor_id": "tom-berg", "name": "Tom Berg", "type": "person", "gender": "male"},
        {"actor_id": "kim-oro", "name": "Kim Oro", "type": "person", "gender": pd.NA},
        {"actor_id": "harbour-council", "name": "Harbour Council", "type": "organisation", "gender": pd.NA},
    ])
    return Extraction(articles=typed(articles, "articles"), mentions=typed(pd.DataFrame(), "mentions"),
                      actors=typed(actors, "actors"), quotes=typed(quotes, "quotes"),
                      themes=typed(pd.DataFrame(), "themes"), errors=typed(pd.DataFrame(), "errors"),
                      corpus_actors=typed(corpus, "corpus_actors"))


def test_voices_by_type_counts_entities_not_name_forms():
    table = voices_by_type(extraction())
    assert table.loc["person", "mentioned"] == 3  # Ada Lind and Lind are one person
    assert table.loc["person", "quoted"] == 2 and table.loc["person", "quoted_share"] == pytest.approx(0.667)
    assert table.loc["person", "quotes"] == 4 and table.loc["organisation", "quotes"] == 1
    assert table.loc["unresolved", "quotes"] == 1 and table["quote_share"].sum() == pytest.approx(1.0, abs=0.002)


def test_voices_by_gender_shows_the_unknown_share_beside_the_others():
    table = voices_by_gender(extraction())
    assert table["mentioned"].to_dict() == {"female": 1, "male": 1, "unknown": 1}
    assert table["quoted"].to_dict() == {"female": 1, "male": 0, "unknown": 1}
    assert table["quotes"].to_dict() == {"female": 3, "male": 0, "unknown": 1}
    assert table.loc["unknown", "quotes_share"] == 0.25
    assert table.attrs["note"] == ("Of the 4 quotes by persons, 25% are by persons of unknown gender; of those by "
                                   "persons of known gender, 100% by women.")


def test_voices_by_outlet_or_a_sentence_saying_why_not():
    table = voices_by_group(extraction(), "outlet")
    assert set(table.index) == {"Coast Post", "Capital Daily"} and table.loc["Capital Daily", "quotes"] == 4
    empty = voices_by_group(extraction(outlets=False), "outlet")
    assert empty.empty and "no 'outlet' column" in empty.attrs["note"]


def test_voices_over_time_by_month_and_gender():
    table = voices_over_time(extraction(), freq="M")
    assert [str(p) for p in table.index] == ["2020-01", "2020-02"]
    assert table.loc[pd.Period("2020-01", "M"), "female"] == 2
    assert table.loc[pd.Period("2020-02", "M"), "unknown"] == 1
    assert table.loc[pd.Period("2020-02", "M"), "unresolved"] == 1
    assert isinstance(plot_voices_over_time(table), Figure)
    single = extraction()
    single.articles["date"] = "2020-01-10"
    assert voices_over_time(single).empty and "single period" in voices_over_time(single).attrs["note"]


def test_top_voices_gathers_every_name_form_of_an_entity():
    top = top_voices(extraction(), top=2)
    assert top["actor_id"].tolist() == ["ada-lind", "harbour-council"]  # 3 quotes, then 1 (two articles first)
    first = top.iloc[0]
    assert (first["quotes"], first["direct"], first["indirect"], first["articles"]) == (3, 2, 1, 2)
    assert set(first["names"].split("|")) == {"Ada Lind", "Lind"} and first["gender"] == "female"
    assert isinstance(plot_voices_by_gender(extraction()), Figure)


class Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def page_text(path) -> str:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.chunks)


def test_report_on_a_csv_with_outlet_and_section_columns(tmp_path):
    rows = [
        ("c1", "2020-01-10", "Coast Post", "local", "Bridge to reopen",
         'Mayor Ana Ruiz said the bridge would reopen in May. "We are ready," she told reporters.'),
        ("c2", "2020-02-11", "Capital Daily", "politics", "Budget vote delayed",
         "Finance minister Paul Okafor said the vote would wait until March."),
        ("c3", "2020-03-12", "Coast Post", "politics", "Port strike ends",
         'Union leader Mia Sorensen said the strike was over. "It was worth it," she said.'),
    ]
    corpus = tmp_path / "news.csv"
    pd.DataFrame(rows, columns=["id", "date", "outlet", "section", "title", "text"]).to_csv(corpus, index=False)
    notebooks = [NOTEBOOKS_DIR / "01-corpus.ipynb", NOTEBOOKS_DIR / "05-voices.ipynb"]
    out = tmp_path / "report"
    run_report({"corpus": str(corpus)}, out, notebooks=notebooks, progress=False)
    corpus_page, voices_page = page_text(out / "01-corpus.html"), page_text(out / "05-voices.html")
    assert "section" in corpus_page and "politics" in corpus_page and "Capital Daily" in corpus_page
    assert "Coast Post" in voices_page and "Capital Daily" in voices_page
    assert "no 'outlet' column" not in voices_page
    run_report({"corpus": str(corpus), "outlets": "Coast Post"}, out, notebooks=notebooks, progress=False)
    assert "2 of the 3 articles" in page_text(out / "05-voices.html")
    assert "from Coast Post" in page_text(out / "index.html")

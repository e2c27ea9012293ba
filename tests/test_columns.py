"""The shared per-Doc columns agree with what spaCy's Token API gives, and follow the Doc's life."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from spacy.strings import get_string_id

from analysis import columns as columns_module
from analysis.columns import columns, doc_text, is_in, remember_text

TEXT = ("The minister said on Tuesday that talks would resume.\n\n"
        "\u201cWe are ready,\u201d she told reporters in Islamabad -- and left.\n"
        "  Analysts were not convinced: 3 of 5 doubted it.")


@pytest.fixture()
def doc(nlp):
    return nlp(TEXT)


def test_text_and_offsets_match_the_tokens(doc):
    cols = columns(doc)
    assert cols.text == doc.text == doc_text(doc)
    assert cols.starts.tolist() == [t.idx for t in doc] + [len(doc.text)]


def test_word_and_verb_flags_match_the_tokens(doc):
    cols = columns(doc)
    assert cols.is_word.tolist() == [not (t.is_punct or t.is_space) for t in doc]
    assert cols.is_verb.tolist() == [t.pos_ in ("VERB", "AUX") for t in doc]
    assert cols.lower.tolist() == [get_string_id(t.lower_) for t in doc]
    assert cols.attr("LEMMA").tolist() == [t.lemma for t in doc]


def test_words_between_counts_words_only(doc):
    cols = columns(doc)
    for start in range(0, len(doc), 3):
        for end in range(start, len(doc) + 1, 4):
            expected = sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))
            assert cols.words_between(start, end) == expected


def test_crosses_line_sees_every_break_between_two_tokens(doc):
    cols = columns(doc)
    breaks_before = [sum("\n" in t.text_with_ws for t in doc[:k]) for k in range(len(doc) + 1)]
    for i in range(len(doc) + 1):
        for j in range(len(doc) + 1):
            assert cols.crosses_line(i, j) == (breaks_before[i] != breaks_before[j]), (i, j)


def test_columns_are_read_once_per_doc_and_again_after_retokenizing(doc):
    first = columns(doc)
    assert columns(doc) is first
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    again = columns(doc)
    assert again is not first
    assert again.starts.tolist() == [t.idx for t in doc] + [len(doc.text)]


def test_columns_are_forgotten_with_their_doc(nlp):
    doc = nlp.make_doc("A short text.")
    columns(doc)
    assert doc in columns_module._COLUMNS
    gc.collect()  # Docs of earlier tests that only cycles keep alive go first
    count = len(columns_module._COLUMNS)
    del doc
    gc.collect()
    assert len(columns_module._COLUMNS) == count - 1


def test_source_text_is_used_only_when_it_fits_the_doc(nlp):
    text = "Ana Ruiz said so.\n\nShe left."
    doc = remember_text(nlp.make_doc(text), text)
    assert columns(doc).text == text == doc.text
    wrong = remember_text(nlp.make_doc(text), text.replace("left.", "left!"))  # same length, other last token
    assert columns(wrong).text == text
    short = remember_text(nlp.make_doc(text), text[:-1])
    assert columns(short).text == text
    empty = remember_text(nlp.make_doc(""), "")
    assert columns(empty).text == ""


def test_is_in_agrees_with_numpy():
    values = np.array([5, 1, 9, 3, 3, 0], dtype=np.uint64)
    for ids in ([], [3], [0, 9], [1, 2, 3, 4, 5, 9, 11]):
        wanted = np.array(ids, dtype=np.uint64)
        assert is_in(values, wanted).tolist() == np.isin(values, wanted).tolist()


def test_empty_doc(nlp):
    cols = columns(nlp.make_doc(""))
    assert cols.text == ""
    assert cols.starts.tolist() == [0]
    assert cols.words_between(0, 0) == 0
    assert not cols.crosses_line(0, 0)

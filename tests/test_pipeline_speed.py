"""The fast attribute ruler and lemmatizer give exactly the stock spaCy components' output.

They exist for speed only (analysis/fast_ruler.py, analysis/fast_lemmatizer.py): any difference
in POS, TAG, MORPH, LEMMA or DEP from the stock components, e.g. after a spaCy or model update,
must fail here. All sentences are invented.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from analysis.fast_lemmatizer import FastLemmatizer, SetIndexLookups, replace_stock_lemmatizer
from analysis.fast_ruler import FastAttributeRuler, replace_stock_ruler
from analysis.pipeline import default_model

# Each sentence exercises a class of the model's attribute-ruler rules (see the comments).
SENTENCES = [
    "The committee approved three new budgets on Tuesday.",  # tag-only rules
    "She is sure they're late, and I'm not; he hasn't gone and it's fine.",  # lower+tag, lemma-setting
    "He gets tired and got home; we have been told they'd do it.",  # lower+tag lemma rules
    "I saw you and you saw it; it saw me, and they gave it to you.",  # dep-based (nsubj, dobj, pobj)
    "There is a problem and there were two more, but that was all.",  # two-token rule (expl + be)
    "We're gonna win, y'all, so let's go; you gotta see it, c'mon!",  # two-token lemma rules
    "He ain't here and nothin' changed, ain't that so?",  # regex rules
    "Did he do it? He did, because he had to, whether or not that helps.",  # do/have as verbs, marks
    "Which is better? That which lasts.  Those who wait\n\nwin.\t Done.",  # DT/WDT, whitespace tokens
    "  Leading spaces,\nnew lines\n\n\nand   runs of   spaces.   ",  # whitespace tokens everywhere
    "Results: 3.5% (up 2 pts) -- see www.example.org or mail a@b.cd!",  # punctuation, numbers, urls
    "I want to saw the wood, as I saw it done.",  # one word and POS, two morphs, two lemmas
]


def token_view(doc: Doc) -> list[tuple]:
    """Return every token's text, POS, TAG, MORPH, LEMMA and DEP."""
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    """The stock model and the same model with both components replaced."""
    stock, fast = spacy.load(default_model()), spacy.load(default_model())
    assert replace_stock_ruler(fast) == ["attribute_ruler"]
    assert replace_stock_lemmatizer(fast) == ["lemmatizer"]
    return stock, fast


def test_fast_components_replace_the_stock_ones_in_presslens(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert nlp.pipe_names[:6] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_every_token_is_identical_to_the_stock_pipeline(pipelines):
    stock, fast = pipelines
    for expected, got in zip(stock.pipe(SENTENCES), fast.pipe(SENTENCES)):
        assert token_view(got) == token_view(expected)


def test_each_sentence_alone_and_twice_is_identical(pipelines):
    stock, fast = pipelines  # the memos fill up: a second pass must not change anything
    for _ in range(2):
        for text in SENTENCES:
            assert token_view(fast(text)) == token_view(stock(text))


def test_the_sentences_exercise_the_rule_classes(pipelines):
    stock, _ = pipelines  # guards the test above: its sentences must reach these rules
    lemmas = {(t.lower_, t.lemma_) for doc in stock.pipe(SENTENCES) for t in doc}
    assert {("gon", "go"), ("na", "to"), ("ta", "to"), ("ai", "be"), ("nothin'", "nothing")} <= lemmas
    plan = pipelines[1].get_pipe("attribute_ruler")._plan
    assert plan.single and plan.multi and any(regex for _, regex in plan.sources)
    assert any(t.pos_ == "SPACE" for t in stock(SENTENCES[-3]))
    assert [t.lemma_ for t in stock(SENTENCES[-1]) if t.lower_ == "saw"] == ["saw", "see"]


# --------------------------------------------------------------------- rules of our own, no model

RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "saw", "TAG": "VBD"}]], "attrs": {"LEMMA": "see", "POS": "VERB"}},
    {"patterns": [[{"lower": {"in": ["the", "a"]}}]], "attrs": {"POS": "DET"}},  # lower-case keys
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["nsubj", "dobj"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"TEXT": {"REGEX": "^[Tt]h"}}]], "attrs": {"LEMMA": "th-word"}},
    {"patterns": [[{"LOWER": "the"}, {"IS_SPACE": True}]], "attrs": {"LEMMA": "head"}, "index": 1},
    {"patterns": [[{"LOWER": "saw"}, {"LOWER": "the"}, {}]], "attrs": {"POS": "X"}, "index": -1},
    {"patterns": [[{"TAG": "NN"}], [{"TAG": "VBD"}]], "attrs": {"MORPH": "Foo=Bar"}},  # later rule wins
    {"patterns": [[{"LOWER": "dog"}, {"OP": "?", "LOWER": "ran"}]], "attrs": {"LEMMA": "hound"}},  # Matcher
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
]
WORDS = ["The", "dog", "saw", "the", " ", "cat", "the", "dog", "ran", "!", "\n"]
TAGS = ["DT", "NN", "VBD", "DT", "_SP", "NN", "DT", "NN", "VBD", ".", ""]
DEPS = ["det", "nsubj", "ROOT", "det", "", "dobj", "det", "nsubj", "dobj", "punct", "dep"]
HEADS = [1, 2, 2, 5, 3, 2, 7, 8, 2, 2, 9]


def ruled(ruler: AttributeRuler, words: list[str] = WORDS) -> list[tuple]:
    """Apply ``ruler`` to a fresh Doc of ``words`` annotated with TAGS, DEPS and HEADS."""
    n = len(words)
    doc = Doc(ruler.vocab, words=words, spaces=[False] * n, tags=TAGS[:n], deps=DEPS[:n], heads=HEADS[:n])
    return token_view(ruler(doc))


@pytest.fixture()
def rulers():
    """A stock and a fast attribute ruler with :data:`RULES`, on one vocabulary."""
    nlp = spacy.blank("en")
    stock, fast = AttributeRuler(nlp.vocab), FastAttributeRuler(nlp.vocab)
    for ruler in (stock, fast):
        ruler.add_patterns(RULES)
    return stock, fast


def test_own_rules_give_the_stock_attributes(rulers):
    stock, fast = rulers
    expected = ruled(stock)
    assert ruled(fast) == expected == ruled(stock)  # and applying them twice changes nothing
    # A sample of what the rules did (index 1 and -1, the Matcher rule, later rules winning):
    assert expected[0][4] == "th-word" and expected[1][3:5] == ("Foo=Bar", "hound")
    assert expected[4][1:5] == ("X", "_SP", "", "head") and expected[8][1] == "PRON" and expected[10][5] == "dep"


def test_own_rules_compile_to_single_multi_and_matcher_rules(rulers):
    _, fast = rulers
    ruled(fast)
    assert len(fast._plan.single) == 9 and len(fast._plan.multi) == 2 and len(fast._plan.rest) == 1


def test_rules_added_later_are_used(rulers):
    stock, fast = rulers
    ruled(fast)
    for ruler in (stock, fast):
        ruler.add([[{"LOWER": "cat"}]], {"LEMMA": "feline"})
    assert ruled(fast) == ruled(stock)
    assert ruled(fast)[5][4] == "feline"


def test_index_outside_the_match_fails_as_in_spacy(rulers):
    stock, fast = rulers
    for ruler in (stock, fast):
        ruler.add([[{"LOWER": "dog"}, {"LOWER": "ran"}]], {"LEMMA": "x"}, index=2)
        with pytest.raises(ValueError, match="E1001|index"):
            ruled(ruler)


def test_empty_doc_and_serialisation(rulers):
    stock, fast = rulers
    assert ruled(fast, []) == ruled(stock, []) == []
    copy = AttributeRuler(fast.vocab).from_bytes(fast.to_bytes())
    assert copy.patterns == stock.patterns


def test_no_rules_and_a_rule_matching_any_token():
    nlp = spacy.blank("en")
    stock, fast = AttributeRuler(nlp.vocab), FastAttributeRuler(nlp.vocab)
    with pytest.warns(UserWarning, match="W036"):
        assert ruled(fast) == ruled(stock)
    for ruler in (stock, fast):
        ruler.add([[{}]], {"LEMMA": "any"})
    assert ruled(fast) == ruled(stock) and {lemma for *_, lemma, _ in ruled(fast)} == {"any"}


def test_ruler_setting_other_attributes_stays_stock():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "dog"}]], {"NORM": "hound"})
    assert replace_stock_ruler(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


@pytest.mark.parametrize("config", [{"mode": "rule", "overwrite": True}, {"mode": "lookup"}])
def test_other_lemmatizer_configurations_stay_stock(config):
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config=config)
    assert replace_stock_lemmatizer(nlp) == []
    assert not isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_lemma_index_is_answered_by_sets_but_saved_as_lists(pipelines):
    lookups = pipelines[1].get_pipe("lemmatizer").lookups
    assert isinstance(lookups, SetIndexLookups)
    index = lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    saved = type(lookups).__mro__[1]().from_bytes(lookups.to_bytes()).get_table("lemma_index")
    assert all(isinstance(words, list) and set(words) == index[key] for key, words in saved.items())

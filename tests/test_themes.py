"""Tests of the themes capability: taxonomy, matcher, component, corpus-level functions, plots."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from spacy.tokens import Doc, DocBin

from analysis.corpus import load_corpus, paragraph_spans
from analysis.errors import InputNotFoundError, PresslensError
from analysis.extract import Extraction, extract
from analysis.paths import SEEDS_DIR, SHARED_DIR
from analysis.pipeline import default_model
from analysis.tables import empty_table, typed
from analysis.themes.component import (
    SCOPES,
    TERMS_KEY,
    TITLE_EXTENSION,
    TaxonomyError,
    ThemeMatch,
    load_taxonomy,
    records,
    score_themes,
    title_doc,
)
from analysis.themes.evaluate import evaluate_themes, load_subset, load_theme_gold
from analysis.themes.phrases import PHRASE_COLUMNS, article_phrases, doc_phrases, run_candidates
from analysis.themes.plots import plot_actor_themes, plot_paragraph_themes, plot_theme_shares
from analysis.themes.salience import SalienceSettings, level_themes, names_a_role, term_weights
from analysis.themes.summaries import (
    actor_themes,
    discover_topics,
    keyphrases,
    speaker_themes,
    theme_shares,
    top_themes,
)
from analysis.themes.taxonomy import SALIENCE_KEYS

SEED_TOP_THEMES = {"Diplomacy", "Security and defence", "Terrorism", "Conflict and peace"}
SEED_ECONOMIC_THEMES = {"Economy", "Trade", "Energy", "Business and investment"}  # in the taxonomy
LONG_TEXT = ("The foreign minister met the ambassador for talks on trade, a tariff, oil and energy.\n\n" * 400).strip()


@pytest.fixture(scope="module")
def blank_nlp():
    """A tokenizer-only pipeline with the themes component: terms match on their written form."""
    nlp = spacy.blank("en")
    nlp.add_pipe("presslens_themes")
    return nlp


@pytest.fixture(scope="module")
def themes_nlp():
    """The trained pipeline with only the themes component (lemmas and entities, no actors or quotes)."""
    nlp = spacy.load(default_model())
    nlp.add_pipe("presslens_themes")
    return nlp


def _article_themes(doc: Doc) -> dict[str, list[str]]:
    return {r["theme"]: r["evidence"] for r in records(doc).get("themes", []) if r["scope"] == "article"}


def _check_rows(doc: Doc) -> None:
    """Assert the invariants of the rows the component stores on ``doc``."""
    assert not doc.user_data.get("presslens_errors")
    rows = records(doc)["themes"]
    n_paragraphs = len(paragraph_spans(doc.text))
    for row in rows:
        assert set(row) == {"scope", "scope_id", "theme", "score", "matches", "evidence", "rank", "level"}
        assert row["scope"] in SCOPES
        assert row["score"] > 0 and row["matches"] >= 1 and row["evidence"]
        assert all("|" not in term for term in row["evidence"])
        if row["scope"] == "paragraph":
            assert 0 <= int(row["scope_id"]) < n_paragraphs
        if row["scope"] == "article":
            assert row["scope_id"] == "article" and row["level"] in {"primary", "secondary"}
        else:
            assert row["rank"] is None and row["level"] is None
    article = [r for r in rows if r["scope"] == "article"]
    assert [r["rank"] for r in article] == list(range(1, len(article) + 1))
    assert [r["level"] for r in article] == sorted((r["level"] for r in article), key=["primary", "secondary"].index)
    labels = {span.label_ for span in doc.spans[TERMS_KEY]}
    assert {r["theme"] for r in rows} <= labels


# --- the taxonomy -------------------------------------------------------------------------------

def test_shipped_taxonomy_has_the_news_themes():
    taxonomy = load_taxonomy()
    assert 20 <= len(taxonomy.themes) <= 30
    assert SEED_TOP_THEMES | SEED_ECONOMIC_THEMES <= set(taxonomy.labels)
    for theme in taxonomy.themes:
        assert theme.description and len(theme.terms) >= 10
        assert any(" " in term for term in theme.terms), f"{theme.name} has no multiword phrase"


def test_taxonomy_is_cached_by_content(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("themes:\n  a:\n    label: A\n    terms: [alpha]\n")
    assert load_taxonomy(path).labels == ["A"]
    path.write_text("themes:\n  b:\n    label: B\n    terms: [beta]\n")
    assert load_taxonomy(path).labels == ["B"]  # an edited file is read again


MALFORMED = [
    # (YAML text, theme named in the message or None, words of the problem)
    ("themes: [unclosed", None, "invalid YAML at line 1"),
    ("- just\n- a list\n", None, "'themes' mapping"),
    ("version: 1\n", None, "'themes' mapping"),
    ("themes: {}\n", None, "'themes' is empty"),
    ("themes:\n  Trade:\n    label: Trade\n    terms: [tariff]\n", "Trade", "lower-case letters"),
    ("themes:\n  trade: [tariff, export]\n", "trade", "must be a mapping"),
    ("themes:\n  trade:\n    label: Trade\n    term: [tariff]\n", "trade", "unknown key 'term'"),
    ("themes:\n  trade:\n    terms: [tariff]\n", "trade", "'label' is missing"),
    ("themes:\n  trade:\n    label: Trade|Commerce\n    terms: [tariff]\n", "trade", "contains '|'"),
    ("themes:\n  trade:\n    label: Trade\n    description: [x]\n    terms: [tariff]\n", "trade",
     "'description' must be a string"),
    ("themes:\n  trade:\n    label: Trade\n", "trade", "'terms' is missing"),
    ("themes:\n  trade:\n    label: Trade\n    terms: []\n", "trade", "'terms' is missing"),
    ("themes:\n  trade:\n    label: Trade\n    terms: tariff\n", "trade", "not a non-empty list"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff, 3]\n", "trade", "term 3 is not a word"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff, '--']\n", "trade", "is not a word"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff, export, tariff]\n", "trade", "listed twice"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n  commerce:\n    label: trade\n    terms: [export]\n",
     "commerce", "labels must be unique"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n    broad_terms: tariff\n", "trade",
     "'broad_terms' must be a list"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n    broad_terms: [tariff]\n", "trade", "listed twice"),
    ("salience: {threshold: 1}\nthemes:\n  trade:\n    label: Trade\n    terms: [tariff]\n", None,
     "unknown salience setting 'threshold'"),
    ("salience: {min_evidence: -1}\nthemes:\n  trade:\n    label: Trade\n    terms: [tariff]\n", None,
     "must be a number >= 0"),
    ("salience: {min_evidence: yes}\nthemes:\n  trade:\n    label: Trade\n    terms: [tariff]\n", None,
     "must be a number >= 0, got True"),
    ("theme:\n  trade:\n    label: Trade\n    terms: [tariff]\n", None, "unknown top-level key 'theme'"),
    ("version: one\nthemes:\n  trade:\n    label: Trade\n    terms: [tariff]\n", None, "'version': input should be"),
    ("salience: [2]\nthemes:\n  trade:\n    label: Trade\n    terms: [tariff]\n", None, "'salience' must be a mapping"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n    organisation_names: {first_words: [Grain]}\n",
     "trade", "first_words and head_words go together"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n    organisation_names: {any_words: [grain]}\n",
     "trade", "'grain' is not a single capitalised word"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n    organisation_names: {heads: [Board]}\n",
     "trade", "unknown key 'heads' in 'organisation_names'"),
    ("themes:\n  trade:\n    label: Trade\n    terms: [tariff]\n    organisation_names: [Board]\n",
     "trade", "'organisation_names' must be a mapping"),
]


@pytest.mark.parametrize(("text", "theme", "problem"), MALFORMED)
def test_malformed_taxonomy_names_theme_and_problem(tmp_path, text, theme, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    assert isinstance(info.value, ValueError) and isinstance(info.value, PresslensError)
    message = str(info.value)
    assert str(path) in message and problem in message
    if theme is not None:
        assert f"theme {theme!r}" in message
    assert info.value.theme == theme


def test_taxonomy_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("themes:\n  caf\xe9: {}\n".encode("latin-1"))
    with pytest.raises(TaxonomyError, match="not UTF-8"):
        load_taxonomy(path)


def test_missing_taxonomy_file(tmp_path):
    with pytest.raises(InputNotFoundError):
        load_taxonomy(tmp_path / "absent.yaml")


def test_component_takes_a_custom_taxonomy(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("themes:\n  bees:\n    label: Beekeeping\n    description: Bees.\n"
                    "    terms: [honey, hive, beekeeper]\n")
    nlp = spacy.blank("en")
    nlp.add_pipe("presslens_themes", config={"taxonomy": str(path)})
    assert _article_themes(nlp("The beekeeper moved the hive and sold honey.")) == {
        "Beekeeping": ["beekeeper", "hive", "honey"]}


def test_component_rejects_bad_config(tmp_path):
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="min_evidence"):
        nlp.add_pipe("presslens_themes", config={"min_evidence": -1.0})
    path = tmp_path / "bad.yaml"
    path.write_text("themes: {}\n")
    with pytest.raises(TaxonomyError):
        nlp.add_pipe("presslens_themes", name="themes2", config={"taxonomy": str(path)})


# --- matching and scoring -----------------------------------------------------------------------

MATCHES = [
    # (text, theme expected, evidence expected for it); an article theme needs a weighted evidence
    # of 2 (min_evidence) and a one-paragraph text has no lead apart, so texts repeat a term or hold two.
    # a multiword phrase, matched on lemmas: "deals" -> "deal"
    ("The two countries signed trade deals. More trade deals will follow.", "Trade", ["trade deals"]),
    # inflections of a base-form term: "sanction" matches "sanctions" and "sanctioned"
    ("Sanctions were imposed and two banks were sanctioned.", "Diplomacy", ["Sanctions", "sanctioned"]),
    # the longest overlapping match wins: "Security Council" is diplomacy, not security
    ("The Security Council met. The Security Council voted.", "Diplomacy", ["Security Council"]),
    # "peace talks" is one match for conflict and peace, not "talks" for diplomacy
    ("Peace talks resumed after peace talks had failed.", "Conflict and peace", ["Peace talks"]),
    # a hyphenated term is one match
    ("A counter-terrorism unit and counter-terrorism laws.", "Terrorism", ["counter-terrorism"]),
    # a capitalised term matches exactly: "Pentagon", not the shape "pentagon"
    ("The Pentagon sent troops. The children drew a pentagon.", "Security and defence", ["Pentagon", "troops"]),
    # capitalised lower-case terms match: "Foreign Ministry" is "foreign ministry"
    ("The Foreign Ministry said so. The Foreign Ministry wrote to the embassy.", "Diplomacy",
     ["Foreign Ministry", "embassy"]),
]


@pytest.mark.parametrize(("text", "theme", "evidence"), MATCHES)
def test_terms_match_on_lemmas(themes_nlp, text, theme, evidence):
    # read on the paragraph: an article theme needs two distinct terms (min_terms), some have one
    found = {r["theme"]: r["evidence"] for r in records(themes_nlp(text))["themes"] if r["scope"] == "paragraph"}
    assert found.get(theme) == evidence, found


NO_MATCHES = [
    # (text, theme that must not be found)
    # a capitalised term matches only as written: "pentagon" is a shape, not the Pentagon
    ("The children drew a pentagon and then a second pentagon.", "Security and defence"),
    # "Security Council" does not count for security and defence
    ("The Security Council met. The Security Council voted.", "Security and defence"),
    # a lower-case term is not matched inside a date: "March" is a month here
    ("In March and again in March 2019 the figures were published.", "Protest and unrest"),
    # "talks" belongs to "peace talks" here, so diplomacy gets no match
    ("Peace talks resumed after peace talks had failed.", "Diplomacy"),
]


@pytest.mark.parametrize(("text", "theme"), NO_MATCHES)
def test_terms_do_not_match(themes_nlp, text, theme):
    doc = themes_nlp(text)
    assert theme not in {span.label_ for span in doc.spans[TERMS_KEY]}  # not even matched


def test_blank_pipeline_matches_written_forms(blank_nlp):
    # without lemmas, lower-case terms match their written form in any case ("TRADE talks"), but
    # not other inflections: "trade deals" is not "trade deal", so "trade" matches there instead
    doc = blank_nlp("TRADE talks and trade deals; trade grew.")
    assert _article_themes(doc)["Trade"] == ["trade", "TRADE talks"]


def test_score_is_matches_per_100_words():
    matches = [ThemeMatch("Trade", "tariff", 0, 1, 0, 6, "Tariff"),
               ThemeMatch("Trade", "tariff", 5, 6, 30, 36, "tariff"),
               ThemeMatch("Trade", "export", 9, 10, 50, 56, "export"),
               ThemeMatch("Energy", "oil", 12, 13, 70, 73, "oil")]
    scores = score_themes(matches, 50)
    assert [(s.theme, s.score, s.matches, s.evidence) for s in scores] == [
        ("Trade", 6.0, 3, ("Tariff", "export")), ("Energy", 2.0, 1, ("oil",))]
    assert score_themes([], 0) == []


# --- the component ------------------------------------------------------------------------------

@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize("fixture", ["blank_nlp", "themes_nlp"])
def test_pipe_edge_cases(request, fixture, n_process):
    nlp = request.getfixturevalue(fixture)
    texts = ["", " ", "trade", "He said \"tariffs are up.", LONG_TEXT, "Oil and gas.\n\n\n\nTariff and export rules."]
    docs = list(nlp.pipe(texts, batch_size=2, n_process=n_process))
    assert [d.text for d in docs] == texts
    for doc in docs:
        _check_rows(doc)
    assert records(docs[0]) == {"themes": [], "phrases": []} and records(docs[1]) == {"themes": [], "phrases": []}
    long_rows = records(docs[4])["themes"]
    assert {r["scope_id"] for r in long_rows if r["scope"] == "paragraph"} == {str(i) for i in range(400)}
    assert {r["theme"] for r in long_rows if r["scope"] == "article"} >= {"Diplomacy", "Trade", "Energy"}
    last = records(docs[5])["themes"]
    assert {(r["scope_id"], r["theme"]) for r in last if r["scope"] == "paragraph"} == {("0", "Energy"), ("1", "Trade")}


def test_quote_scope_follows_start_order(blank_nlp):
    doc = blank_nlp.make_doc("Tariff rises, he said. Then she said oil prices fell and electricity too. Nothing else.")
    doc.spans["presslens_quotes"] = [doc[8:15], doc[0:2]]  # out of order on purpose
    doc = blank_nlp.get_pipe("presslens_themes")(doc)
    quotes = {r["scope_id"]: r for r in records(doc)["themes"] if r["scope"] == "quote"}
    assert set(quotes) == {"q0", "q1"}
    assert quotes["q0"]["theme"] == "Trade" and quotes["q0"]["evidence"] == ["Tariff"]
    assert quotes["q1"]["theme"] == "Energy" and quotes["q1"]["evidence"] == ["oil", "electricity"]


def test_component_never_raises(blank_nlp, monkeypatch):
    component = blank_nlp.get_pipe("presslens_themes")
    monkeypatch.setattr(component, "matcher", lambda doc: 1 / 0)
    doc = component(blank_nlp.make_doc("Trade and tariffs."))
    assert doc.user_data["presslens_errors"] == ["presslens_themes: ZeroDivisionError: division by zero"]
    assert records(doc) == {}


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_component_on_any_text(blank_nlp, text):
    _check_rows(blank_nlp(text))


def test_docbin_round_trip(themes_nlp):
    doc = themes_nlp("The foreign minister discussed trade.\n\nTariffs and exports rose; trade grew.")
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (again,) = DocBin().from_bytes(data).get_docs(themes_nlp.vocab)
    assert records(again) == records(doc) and records(doc)["themes"]
    assert [(s.text, s.label_) for s in again.spans[TERMS_KEY]] == [(s.text, s.label_) for s in doc.spans[TERMS_KEY]]


def test_analyze_pipes(themes_nlp):
    analysis = themes_nlp.analyze_pipes()
    assert not analysis["problems"]["presslens_themes"]
    assert "doc._.presslens_themes" in analysis["summary"]["presslens_themes"]["assigns"]


# --- salience: what an article is about ---------------------------------------------------------

# An invented taxonomy: the signals must work for a user's own themes as for the shipped ones.
SMALL_TAXONOMY = """
themes:
  bees:
    label: Beekeeping
    terms: [beekeeper, hive, honey]
  orchards:
    label: Orchards
    terms: [orchard, apple, honey]
  weather:
    label: Weather
    terms: [frost, rain, hail]
    broad_terms: [weather]
"""


@pytest.fixture()
def small_nlp(tmp_path):
    def build(**config):
        path = tmp_path / "small.yaml"
        path.write_text(SMALL_TAXONOMY)
        nlp = spacy.blank("en")
        nlp.add_pipe("presslens_themes", config={"taxonomy": str(path), **config})
        return nlp
    return build


def _levels(doc: Doc) -> list[tuple[str, int, str]]:
    return [(r["theme"], r["rank"], r["level"]) for r in records(doc)["themes"] if r["scope"] == "article"]


BEE_STORY = ("The beekeeper opened a hive at dawn and checked every hive.\n\n"
             "Each hive gave more honey than last year, and the beekeeper sold it at the market.\n\n"
             "Frost and rain came early; a late frost killed some bees.\n\n"
             "An apple tree stands beside the shed. The weather was mild.")


def test_term_weights_for_shared_and_broad_terms(tmp_path):
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_TAXONOMY)
    taxonomy = load_taxonomy(path)
    weights = term_weights(taxonomy, SalienceSettings())
    assert weights[("Beekeeping", "hive")] == 1.0
    assert weights[("Beekeeping", "honey")] == weights[("Orchards", "honey")] == 0.5  # two themes share it
    assert weights[("Weather", "weather")] == 0.5  # broad
    assert taxonomy.themes[2].broad_terms == ("weather",)
    assert term_weights(taxonomy, SalienceSettings(broad_weight=0.2))[("Weather", "weather")] == 0.2


def test_article_levels_separate_subject_thread_and_passing_mention(small_nlp):
    doc = small_nlp()(BEE_STORY)
    # bees: in the lead and the next paragraph; weather: a paragraph's worth; the apple tree and
    # the mild weather are passing mentions, and an orchard shares only "honey"
    assert _levels(doc) == [("Beekeeping", 1, "primary"), ("Weather", 2, "secondary")]
    assert [s.label_ for s in doc.spans[TERMS_KEY]].count("Orchards") == 2  # matched, not reported


def test_lead_weight_and_threshold_are_settings(small_nlp):
    assert _levels(small_nlp(min_evidence=50.0)(BEE_STORY)) == []
    # without the lead bonus, the weather paragraph weighs nearly as much as the bees
    flat = _levels(small_nlp(lead_weight=1.0, primary_share=0.6)(BEE_STORY))
    assert flat == [("Beekeeping", 1, "primary"), ("Weather", 2, "primary")]
    with pytest.raises(ValueError, match="min_evidence"):
        small_nlp(min_evidence=-1.0)
    with pytest.raises(ValueError, match="secondary_share"):
        small_nlp(secondary_share=0.9, primary_share=0.5)


def test_taxonomy_salience_settings(tmp_path, small_nlp):
    assert set(SALIENCE_KEYS) == set(SalienceSettings.__dataclass_fields__)
    path = tmp_path / "strict.yaml"
    path.write_text("salience:\n  min_evidence: 50\n" + SMALL_TAXONOMY)
    assert load_taxonomy(path).salience == (("min_evidence", 50.0),)
    nlp = spacy.blank("en")
    nlp.add_pipe("presslens_themes", config={"taxonomy": str(path)})
    assert _levels(nlp(BEE_STORY)) == []  # the file's threshold applies...
    nlp = spacy.blank("en")
    nlp.add_pipe("presslens_themes", config={"taxonomy": str(path), "min_evidence": 2.0})
    assert _levels(nlp(BEE_STORY))[0] == ("Beekeeping", 1, "primary")  # ... and the component's config wins
    shipped = dict(load_taxonomy().salience)
    assert shipped == {k: getattr(SalienceSettings(), k) for k in shipped}  # the file documents the defaults


TITLE_STORY = ("The beekeeper checked the hive.\n\n"
               "Frost came early and rain followed.\n\n"
               "The hive survived.")


def _article_weights(doc: Doc) -> dict[str, float]:
    return {r["theme"]: r["score"] for r in records(doc)["themes"] if r["scope"] == "article"}


def test_title_terms_add_to_the_article_evidence(small_nlp):
    def run(title: str | None, **config) -> Doc:
        nlp = small_nlp(**config)
        doc = nlp.make_doc(TITLE_STORY)
        doc._.set(TITLE_EXTENSION, title)
        return nlp.get_pipe("presslens_themes")(doc)

    # body: bees 2 + 2 (lead) + 1 = 5, weather 2; the title names the weather twice
    plain, titled = run(None), run("Hail and frost hit the valley")
    assert _levels(plain) == [("Beekeeping", 1, "primary"), ("Weather", 2, "secondary")]
    n_words = 14  # words of the body
    expected = _article_weights(plain)["Weather"] + 100 * 2 * 0.5 / n_words  # two title terms at 0.5
    assert _article_weights(titled)["Weather"] == pytest.approx(expected, abs=1e-3)
    assert _article_weights(titled)["Beekeeping"] == _article_weights(plain)["Beekeeping"]
    # a heavier title makes the weather the subject; a title without terms, or weight 0, changes nothing
    assert _levels(run("Hail and frost hit the valley", title_weight=3.0))[0] == ("Weather", 1, "primary")
    assert _article_weights(run("Hail and frost hit the valley", title_weight=0.0)) == _article_weights(plain)
    assert _article_weights(run("A quiet morning in the valley")) == _article_weights(plain)
    # the title counts for the article only, never for a paragraph
    assert [r for r in records(titled)["themes"] if r["scope"] != "article"] == \
        [r for r in records(plain)["themes"] if r["scope"] != "article"]
    with pytest.raises(ValueError, match="title_weight"):
        small_nlp(title_weight=-1.0)


def test_title_words_take_the_body_lemmas_and_names(small_nlp):
    nlp = small_nlp()
    body = Doc(nlp.vocab, words=["Hail", "Hope", "kept", "two", "hives", "."],
               lemmas=["Hail", "Hope", "keep", "two", "hive", "."], ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O"])
    title = title_doc(body, "Hail Hope's hives", nlp.make_doc)
    assert [t.lemma_ for t in title] == ["hail", "hope", "'s", "hive"]
    assert [t.ent_type_ for t in title][:2] == ["PERSON", "PERSON"]  # written as the body's person name
    matches = nlp.get_pipe("presslens_themes").matcher(title)
    # "hives" matches the term "hive" by the body's lemma; "Hail" of the name is no hail
    assert [(m.theme, m.term) for m in matches] == [("Beekeeping", "hive")]


def test_repeated_terms_can_be_damped():
    def match(theme: str, term: str, i: int) -> ThemeMatch:
        return ThemeMatch(theme, term, i, i + 1, 10 * i, 10 * i + 5, term)

    one_word = [match("Weather", "rain", i) for i in range(4)]  # "rain" four times
    several = [match("Beekeeping", "hive", 4), match("Beekeeping", "honey", 5)]
    plain = {s.theme: s.weight for s in score_themes(one_word + several, 100)}
    assert plain == {"Weather": 4.0, "Beekeeping": 2.0}
    damped = {s.theme: s.weight for s in score_themes(one_word + several, 100, repeat_exponent=0.5)}
    assert damped == {"Weather": pytest.approx(2.0), "Beekeeping": pytest.approx(2.0)}  # distinct terms add up
    assert SalienceSettings().repeat_exponent == 1.0  # plain counts by default (see salience.py)
    with pytest.raises(ValueError, match="repeat_exponent"):
        SalienceSettings(repeat_exponent=0.0)


def test_a_theme_needs_more_than_one_word(small_nlp):
    # "frost" four times is one word; "frost" and "hail" are two, and a title term counts as one
    one_word = "The beekeeper checked the hive.\n\nFrost, frost, frost and more frost.\n\nThe hive survived."
    two_words = "The beekeeper checked the hive.\n\nFrost, frost, hail and more frost.\n\nThe hive survived."
    assert [t for t, _, _ in _levels(small_nlp()(one_word))] == ["Beekeeping"]
    assert [t for t, _, _ in _levels(small_nlp()(two_words))] == ["Beekeeping", "Weather"]
    assert [t for t, _, _ in _levels(small_nlp(min_terms=1.0)(one_word))] == ["Beekeeping", "Weather"]
    nlp = small_nlp()
    doc = nlp.make_doc(one_word)
    doc._.set(TITLE_EXTENSION, "Hail in the valley")
    # the headline's theme comes first (see test_themes_senses.py)
    assert [t for t, _, _ in _levels(nlp.get_pipe("presslens_themes")(doc))] == ["Weather", "Beekeeping"]
    # the share of the others is taken from the first theme with enough words
    found = level_themes({"A": 10.0, "B": 4.0, "C": 3.0}, SalienceSettings(), terms={"A": 1, "B": 3, "C": 2})
    assert [(t.theme, t.rank, t.level) for t in found] == [("B", 1, "primary"), ("C", 2, "primary")]


def test_extract_hands_the_title_to_the_themes(tmp_path, cache_dir):
    taxonomy = tmp_path / "small.yaml"
    taxonomy.write_text("salience:\n  title_weight: 3.0\n" + SMALL_TAXONOMY)
    body = TITLE_STORY + "\n"
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "a.txt").write_text(body)
    (tmp_path / "titled").mkdir()
    (tmp_path / "titled" / "a.txt").write_text("Hail and frost hit the valley\n\n" + body)

    def top(folder: str) -> str:
        ex = extract(tmp_path / folder, taxonomy=taxonomy, progress=False)
        rows = ex.themes[ex.themes["scope"] == "article"].sort_values("rank")
        return rows["theme"].iloc[0]

    assert top("plain") == "Beekeeping"
    # same body, so the same sha256: the title must still reach the component, and the cache must
    # not serve the untitled article's records
    assert top("titled") == "Weather"
    assert top("plain") == "Beekeeping" and top("titled") == "Weather"  # now from the cache


def test_at_most_three_primary_themes():
    salience = {"A": 10.0, "B": 9.0, "C": 8.0, "D": 7.0, "E": 1.0}
    found = level_themes(salience, SalienceSettings())
    assert [(t.theme, t.rank, t.level) for t in found] == [
        ("A", 1, "primary"), ("B", 2, "primary"), ("C", 3, "primary"), ("D", 4, "secondary")]  # E: below 2.0


def test_single_generic_word_makes_no_paragraph_or_quote_theme(small_nlp):
    nlp = small_nlp()
    doc = nlp.make_doc("The weather was mild that week.\n\nHail fell on the hive.")
    doc.spans["presslens_quotes"] = [doc[0:5]]
    doc = nlp.get_pipe("presslens_themes")(doc)
    rows = {(r["scope"], r["scope_id"], r["theme"]) for r in records(doc)["themes"] if r["scope"] != "article"}
    # "weather" alone (a broad term) is not a theme of its paragraph nor of the quote; "hail" is
    assert rows == {("paragraph", "1", "Weather"), ("paragraph", "1", "Beekeeping")}


def test_roles_beside_names_do_not_make_a_subject(themes_nlp):
    doc = themes_nlp("Prime Minister Jane Roe opened the new library on Monday. "
                     "Prime Minister Jane Roe thanked the builders.")
    assert "Government and politics" in {s.label_ for s in doc.spans[TERMS_KEY]}  # matched...
    assert "Government and politics" not in _article_themes(doc)  # ... but only as a role
    assert names_a_role(doc, 0, 2)
    doc = themes_nlp("Parliament passed the budget. Lawmakers then adjourned for the summer.")
    assert "Government and politics" in _article_themes(doc)
    assert not names_a_role(doc, 0, 1)


SENSES = [
    # (text, theme whose broad term is read in another theme's sense, that theme, the broad term
    # unmodified with as much support, where it counts)
    ("The measles vaccination campaign reached every village. Nurses ran the vaccination campaign.",
     "Elections", "Health", "The campaign reached every village. The candidate ran the campaign."),
    ("Church law obliges the clergy. The bishop said church law would change.", "Law and courts", "Religion",
     "The law obliges the clergy. The judge said the law would change."),
]


@pytest.mark.parametrize(("text", "not_theme", "theme", "plain"), SENSES)
def test_broad_term_takes_the_sense_of_its_modifier(themes_nlp, text, not_theme, theme, plain):
    doc = themes_nlp(text)
    found = _article_themes(doc)
    assert theme in found and not_theme not in found, found
    assert not_theme in {s.label_ for s in doc.spans[TERMS_KEY]}  # matched, but weighs nothing
    assert not_theme in _article_themes(themes_nlp(plain))


def test_shipped_taxonomy_broad_terms_are_not_also_terms():
    for theme in load_taxonomy().themes:
        assert not {t.casefold() for t in theme.broad_terms} & {t.casefold() for t in theme.terms}, theme.name


# --- evaluation against gold themes ------------------------------------------------------------

def _gold_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"articles": [
        {"id": "g1", "primary": ["Trade"], "secondary": ["Energy"]},
        {"id": "g2", "primary": ["Health", "Science and space"], "secondary": []},
        {"id": "g3", "primary": ["Sport"], "secondary": []},
    ]}))
    return path


def test_evaluate_themes_measures(tmp_path):
    rows = [("g1", "Trade", 1), ("g1", "Diplomacy", 2), ("g1", "Energy", 3), ("g1", "Economy", 4),
            ("g2", "Law and courts", 1), ("g2", "Health", 2), ("x9", "Sport", 1)]  # g3: nothing reported
    table = pd.DataFrame([{"article_id": a, "scope": "article", "scope_id": a, "theme": t, "score": 10.0 - r,
                           "evidence": "", "rank": r, "level": "primary"} for a, t, r in rows])
    scores = evaluate_themes(table, _gold_file(tmp_path)).iloc[0].to_dict()
    assert scores["articles"] == 3
    assert scores["top_theme_primary"] == pytest.approx(1 / 3, abs=1e-3)  # g1 yes, g2 no, g3 nothing
    assert scores["top3_precision"] == pytest.approx(3 / 5, abs=1e-3)  # g1: 2 of 3, g2: 1 of 2
    assert scores["primary_in_top3"] == pytest.approx(2 / 4, abs=1e-3)
    assert scores["precision"] == pytest.approx(3 / 6, abs=1e-3)
    assert scores["recall"] == pytest.approx(3 / 5, abs=1e-3)
    assert scores["themes_per_article"] == pytest.approx(2.0)
    # without a rank column, the score orders the themes (the same order here)
    assert evaluate_themes(table.drop(columns=["rank", "level"]), _gold_file(tmp_path)).equals(
        evaluate_themes(table, _gold_file(tmp_path)))
    subset = tmp_path / "subset.json"
    subset.write_text(json.dumps({"articles": [{"file": "g1.txt"}]}))
    one = evaluate_themes(table, _gold_file(tmp_path), {"one": load_subset(subset)}).iloc[0]
    assert one["subset"] == "one" and one["precision"] == pytest.approx(2 / 4, abs=1e-3)


def test_evaluate_themes_command(tmp_path, capsys):
    from analysis.cli import main

    out = tmp_path / "tables"
    out.mkdir()
    pd.DataFrame([{"article_id": "g1", "scope": "article", "scope_id": "g1", "theme": "Trade", "score": 1.0,
                   "evidence": "tariff", "rank": 1, "level": "primary"}]).to_csv(out / "themes.csv", index=False)
    assert main(["evaluate", "--themes", str(_gold_file(tmp_path)), "--tables", str(out), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["subset"] == "all" and row["precision"] == 1.0 and row["recall"] == pytest.approx(1 / 5, abs=1e-3)
    assert main(["evaluate", "--themes", str(_gold_file(tmp_path))]) == 2  # neither --tables nor --corpus
    bad = tmp_path / "bad.json"
    bad.write_text('{"articles": [{"primary": []}]}')
    with pytest.raises(PresslensError, match="'id'"):
        load_theme_gold(bad)


# --- the seed article ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_body() -> str:
    return load_corpus(SEEDS_DIR)["text"].iloc[0]


def test_seed_top_themes_with_evidence(themes_nlp, seed_body):
    doc = themes_nlp(seed_body)
    found = _article_themes(doc)
    levels = {r["theme"]: r["level"] for r in records(doc)["themes"] if r["scope"] == "article"}
    # a foreign minister's visit: diplomacy is the subject, defence cooperation a thread of it
    assert list(found)[0] == "Diplomacy" and levels["Diplomacy"] == "primary"
    assert levels.get("Security and defence") in {"primary", "secondary"}, levels
    # terrorism and the peace process come up in one paragraph each: not the article's subject,
    # but its paragraphs carry them
    paragraph_themes = {r["theme"] for r in records(doc)["themes"] if r["scope"] == "paragraph"}
    assert {"Terrorism", "Conflict and peace"} <= paragraph_themes
    for theme in found:
        assert found[theme] and all(term.lower() in seed_body.lower() for term in found[theme])


def test_seed_speaker_themes():
    from analysis import extract

    ex = extract(SEEDS_DIR, cache=False)
    assert (ex.quotes["speaker"] == "Shah Mahmood Qureshi").any()
    spoken = speaker_themes(ex.quotes, ex.themes)
    qureshi = set(spoken.loc[spoken["speaker"] == "Shah Mahmood Qureshi", "theme"])
    assert {"Diplomacy", "Economy"} <= qureshi, qureshi
    table = actor_themes(ex.mentions, ex.themes, ex.quotes)
    assert {"quote", "mention"} <= set(table.loc[table["actor"] == "Shah Mahmood Qureshi", "via"])


# --- corpus-level functions ---------------------------------------------------------------------

def _themes_table() -> pd.DataFrame:
    rows = [
        ("a1", "article", "article", "Trade", 3.0, "tariff|export"),
        ("a1", "article", "article", "Energy", 1.0, "oil|gas"),
        ("a2", "article", "article", "Energy", 2.0, "oil|coal"),
        ("a1", "paragraph", "0", "Trade", 5.0, "tariff"), ("a1", "paragraph", "1", "Energy", 4.0, "oil"),
        ("a1", "quote", "q0", "Trade", 9.0, "tariff"), ("a1", "quote", "a1:q1", "Energy", 7.0, "oil"),
    ]
    return pd.DataFrame(rows, columns=["article_id", "scope", "scope_id", "theme", "score", "evidence"])


def _quotes_table() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a1", "a1", "a1"], "quote_id": ["a1:q0", "a1:q1", "a1:q2"],
                         "speaker": ["Jane Roe", "John Doe", pd.NA]})


def _mentions_table() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a1", "a1", "a1"], "actor": ["Jane Roe", "Jane Roe", "John Doe"],
                         "text": ["Jane Roe", "she", "Doe"], "paragraph": pd.array([0, 0, 1], dtype="Int64")})


def test_theme_shares_weigh_articles_equally():
    shares = theme_shares(_themes_table())
    assert shares["theme"].tolist() == ["Energy", "Trade"]
    assert shares["share"].tolist() == pytest.approx([0.625, 0.375])
    assert shares["articles"].tolist() == [2, 1]
    assert theme_shares(_themes_table().iloc[0:0]).empty


def test_top_themes():
    top = top_themes(_themes_table(), 1)
    assert list(zip(top["article_id"], top["theme"])) == [("a1", "Trade"), ("a2", "Energy")]


def test_speaker_and_actor_themes():
    spoken = speaker_themes(_quotes_table(), _themes_table())
    assert list(zip(spoken["speaker"], spoken["theme"])) == [("Jane Roe", "Trade"), ("John Doe", "Energy")]
    table = actor_themes(_mentions_table(), _themes_table(), _quotes_table())
    assert list(table.columns) == ["actor", "theme", "via", "n", "articles", "score"]
    got = {(r.actor, r.theme, r.via, r.n) for r in table.itertuples()}
    assert got == {("Jane Roe", "Trade", "quote", 1), ("Jane Roe", "Trade", "mention", 1),
                   ("John Doe", "Energy", "quote", 1), ("John Doe", "Energy", "mention", 1)}
    assert set(actor_themes(_mentions_table(), _themes_table(), via="mention")["via"]) == {"mention"}
    with pytest.raises(ValueError, match="via"):
        actor_themes(_mentions_table(), _themes_table(), via="speech")


def _extraction(nlp, texts: dict[str, str], actors: pd.DataFrame | None = None) -> Extraction:
    """The tables keyphrases and topics read: articles, and phrases from the themes component's records."""
    rows = [{"article_id": article_id, **row} for article_id, doc in zip(texts, nlp.pipe(texts.values()))
            for row in records(doc)["phrases"]]
    empty = {name: empty_table(name) for name in ("mentions", "actors", "quotes", "themes", "errors")}
    if actors is not None:
        empty["actors"] = actors
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})
    return Extraction(articles=articles, phrases=typed(pd.DataFrame(rows, columns=PHRASE_COLUMNS[:-1]), "phrases"),
                      **empty)


def test_phrases_are_noun_sequences_of_the_parse(themes_nlp):
    doc = themes_nlp("Honestly, we really think the new harbour crane is fine. They said the harbour cranes "
                     "were loud, and a harbour crane broke on Tuesday.")
    rows = records(doc)["phrases"]
    found = {row["phrase"]: row for row in rows}
    # runs of nouns and adjectives only: no filler, verb, pronoun, determiner or calendar word
    assert set(found) == {"new harbour crane", "harbour crane"}, found
    # one row per written form: "harbour cranes" and "harbour crane" share their lemmas
    assert sorted((r["text"], r["count"]) for r in rows if r["phrase"] == "harbour crane") == [
        ("harbour crane", 1), ("harbour cranes", 1)]
    assert found["harbour crane"]["pos"] == "NOUN NOUN"
    assert found["new harbour crane"]["start"] == doc.text.index("new harbour")
    # a run gives its stretches that end with a noun and hold a common noun: never "new" alone
    assert list(run_candidates("new harbour crane", "new harbour crane", "ADJ NOUN NOUN")) == [
        ("harbour", "harbour"), ("crane", "crane"), ("new harbour", "new harbour"),
        ("harbour crane", "harbour crane"), ("new harbour crane", "new harbour crane")]
    assert list(run_candidates("jane roe", "Jane Roe", "PROPN PROPN")) == []  # a name
    assert doc_phrases(spacy.blank("en")("No tags here at all.")) == []  # no parse, no phrases


def test_extract_writes_the_phrases_table(tmp_path, cache_dir):
    articles = load_corpus(SEEDS_DIR)
    ex = extract(articles, progress=False)
    phrases = ex.phrases
    assert list(phrases.columns[:len(PHRASE_COLUMNS)]) == PHRASE_COLUMNS and len(phrases) > 20
    assert (phrases["count"] >= 1).all() and phrases["paragraph"].notna().all()
    assert not phrases["pos"].str.contains("VERB|ADV|PRON|DET|INTJ").any()
    counts = article_phrases(phrases, articles["article_id"])
    assert sum(c.counts.total() for c in counts.values()) >= phrases["count"].sum()
    ex.save(tmp_path / "out")
    assert (tmp_path / "out" / "phrases.csv").exists()


def test_keyphrases_leave_actor_names_out(themes_nlp):
    texts = {"k1": ("Minister Jane Roe announced a climate policy. Jane Roe's climate policy cuts carbon emissions. "
                    "Critics said the climate policy came late. Carbon emissions rose in Greenland Harbour."),
             "k2": "The football season opened. Football fans cheered the new stadium."}
    actors = pd.DataFrame({"article_id": ["k1"], "actor": ["Jane Roe"], "aliases": ["Roe|Minister Jane Roe"]})
    found = keyphrases(_extraction(themes_nlp, texts, actors), top_n=3)
    assert found.loc[found["article_id"] == "k1", "keyphrase"].tolist()[:2] == ["climate policy", "carbon emissions"]
    assert not found["keyphrase"].str.contains("roe|greenland", case=False).any()
    assert found.loc[found["article_id"] == "k2", "rank"].tolist() == [1, 2, 3]


def test_keyphrases_are_noun_phrases(themes_nlp):
    # verbs, adverbs and lone adjectives recur here more than any noun, and are never keyphrases
    text = ("Honestly, we really think it went really well. We think so, honestly. It was good, really good, "
            "and the new harbour crane was good too. They said the harbour crane worked and said it again.")
    found = keyphrases(_extraction(themes_nlp, {"n1": text}), top_n=10)
    phrases = found["keyphrase"].tolist()
    assert phrases[0] == "harbour crane"
    for word in ("honestly", "really", "think", "good", "said", "worked", "well", "new"):
        assert word not in phrases
    with pytest.raises(TypeError, match="whole extraction"):  # the articles table alone was the old call
        keyphrases(pd.DataFrame({"article_id": ["n1"], "text": [text]}))
    with pytest.raises(TypeError, match="whole extraction"):
        discover_topics(pd.DataFrame({"article_id": ["n1"], "text": [text]}))


def _synthetic_corpus(n: int) -> dict[str, str]:
    topics = [
        "The tariff on each export rose, and the import quota and the customs duty followed the trade talks.",
        "The election drew a large turnout; every candidate sought each vote and ballot in the referendum.",
        "The beekeeper checked the hive, the honey and the pollen; the swarm left the apiary with its beeswax.",
    ]
    fillers = "Really, I think we know it was good, yeah, and they said so."
    return {f"s{i:02d}": f"{topics[i % 3]} {fillers} {topics[i % 3]}" for i in range(n)}


def test_discover_topics_suggests_missing_themes(themes_nlp):
    small = discover_topics(_extraction(themes_nlp, _synthetic_corpus(19)))
    assert small.empty and "19 articles" in small.attrs["note"] and "at least 20" in small.attrs["note"]
    corpus = _extraction(themes_nlp, _synthetic_corpus(30))
    topics = discover_topics(corpus, n_topics=3)
    assert topics.equals(discover_topics(corpus, n_topics=3))  # seeded, deterministic
    words = set("|".join(topics["terms"]).replace("|", " ").split())
    assert not words & {"really", "think", "know", "good", "yeah", "said", "say"}  # no filler, no reporting verb
    bees = topics[topics["terms"].str.contains("honey")]
    assert len(bees) == 1 and bool(bees["suggested"].iloc[0])
    known = topics[~topics["terms"].str.contains("honey")]
    assert not known["suggested"].any() and set(known["closest_theme"]) == {"Trade", "Elections"}
    assert topics["articles"].sum() == 30


def test_plots_return_figures():
    table = actor_themes(_mentions_table(), _themes_table(), _quotes_table())
    empty = _themes_table().iloc[0:0]
    figures = [plot_theme_shares(_themes_table()), plot_paragraph_themes(_themes_table()),
               plot_paragraph_themes(_themes_table(), "a2"), plot_actor_themes(table),
               plot_actor_themes(table, via="quote"), plot_theme_shares(empty), plot_actor_themes(table.iloc[0:0])]
    assert all(isinstance(fig, Figure) for fig in figures)


# --- the wikinews corpus ------------------------------------------------------------------------

@pytest.mark.slow
def test_wikinews_themes(themes_nlp):
    corpus = SHARED_DIR / "corpora" / "wikinews-2019" / "txt"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent: the shared corpora live beside the project in ../shared/corpora")
    texts = load_corpus(corpus)["text"].tolist()
    docs = list(themes_nlp.pipe(texts, batch_size=16))
    for doc in docs:
        _check_rows(doc)
    with_themes = sum(1 for doc in docs if _article_themes(doc))
    assert with_themes >= 0.9 * len(docs)


# Measured figures on the themes gold (../shared/corpora/wikinews-2019/themes.json): set A (12
# articles, gold.json) is the set the weights and thresholds were tuned on, set B (18 articles,
# gold_b.json) was checked, and its errors studied since (so it is no longer blind). The test holds
# both at what was measured (A 0.917/0.900/0.947/0.906/0.906, B 0.944/0.949/0.966/0.889/0.851), so
# a change that lowers a figure fails here; a change that raises one should raise the floor.
GOLD_THEME_FLOORS = {
    "gold": {"top_theme_primary": 0.91, "top3_precision": 0.89, "primary_in_top3": 0.94, "precision": 0.90,
             "recall": 0.90},
    "gold_b": {"top_theme_primary": 0.94, "top3_precision": 0.94, "primary_in_top3": 0.96, "precision": 0.88,
               "recall": 0.85},
}


@pytest.mark.slow
def test_wikinews_gold_themes(cache_dir):
    from analysis.themes.evaluate import theme_scores

    corpus = SHARED_DIR / "corpora" / "wikinews-2019"
    if not (corpus / "themes.json").exists():
        pytest.skip(f"{corpus} is absent: the shared corpora live beside the project in ../shared/corpora")
    scores = theme_scores(corpus / "themes.json", corpus=corpus / "txt",
                          subsets=[corpus / "gold.json", corpus / "gold_b.json"])
    for row in scores.to_dict("records"):
        floors = GOLD_THEME_FLOORS[row["subset"]]
        for measure, floor in floors.items():
            assert row[measure] >= floor, (row["subset"], measure, row)
        assert row["themes_per_article"] <= 3.0, row  # passing mentions are not reported



@pytest.mark.slow
def test_wikinews_topics_read_as_topics(cache_dir):
    corpus = SHARED_DIR / "corpora" / "wikinews-2019" / "txt"
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent: the shared corpora live beside the project in ../shared/corpora")
    topics = discover_topics(extract(corpus, progress=False))  # keyphrases and topics read its phrases table
    assert len(topics) >= 5 and topics.attrs["note"].startswith("Topics discovered in 171")
    words = set(" ".join(topics["terms"]).replace("|", " ").lower().split())
    # speech fillers and reporting verbs, which topics over raw words were made of
    assert not words & {"really", "think", "know", "yeah", "good", "big", "different", "working", "say", "said",
                        "says", "told", "tell", "added", "according", "stated", "reported"}
    assert (topics["distinctiveness"] > 0).all() and topics["articles"].sum() <= 171

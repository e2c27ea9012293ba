"""Tests of the salience rules that tell an article's subjects from the words of other stories.

Every test runs on sentences invented for it and, unless it says otherwise, on a small invented
taxonomy (a user's own file), so the rules are shown to work for any taxonomy, not only the
shipped one.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from analysis.themes.component import TITLE_EXTENSION, records
from analysis.themes.salience import SalienceSettings, level_themes

# A small taxonomy of a user's own: a field with its institutions as broad terms.
VALLEY_TAXONOMY = """
themes:
  farming:
    label: Farming
    terms: [harvest, tractor, barley, orchard, farmer]
    broad_terms: [cooperative]
  weather:
    label: Weather
    terms: [frost, hail, drought, storm]
    broad_terms: [forecast, weather service]
  music:
    label: Music
    terms: [choir, fiddle, concert, song]
"""


@pytest.fixture()
def valley_nlp(tmp_path):
    def build(**config):
        path = tmp_path / "valley.yaml"
        path.write_text(VALLEY_TAXONOMY)
        nlp = spacy.blank("en")
        nlp.add_pipe("presslens_themes", config={"taxonomy": str(path), **config})
        return nlp
    return build


def _themes(doc: Doc) -> list[str]:
    rows = [r for r in records(doc)["themes"] if r["scope"] == "article"]
    return [r["theme"] for r in sorted(rows, key=lambda r: r["rank"])]


def test_a_theme_shown_only_by_broad_terms_is_not_reported(valley_nlp):
    # the weather service and its forecast are named four times: institutions of any story
    text = ("The farmer began the harvest with a new tractor.\n\n"
            "The weather service said its forecast was right; the forecast and the weather service agreed.\n\n"
            "The barley harvest was the best in years, the farmer said.")
    assert _themes(valley_nlp()(text)) == ["Farming"]
    # a user who wants such themes back sets min_specific to 0
    assert _themes(valley_nlp(min_specific=0.0)(text)) == ["Farming", "Weather"]
    # a story that only the institutions tell is theirs: the forecast is its subject
    office = ("The weather service changed its forecast twice.\n\n"
              "The forecast was late, the weather service said, and the forecast team was praised.")
    assert _themes(valley_nlp()(office)) == ["Weather"]
    # one specific word beside the institutions is enough
    with_frost = text.replace("its forecast was right", "frost was coming")
    assert _themes(valley_nlp()(with_frost)) == ["Farming", "Weather"]
    with pytest.raises(ValueError, match="min_specific"):
        SalienceSettings(min_specific=-1.0)


def test_level_themes_counts_specific_terms():
    found = level_themes({"A": 10.0, "B": 3.0}, SalienceSettings(), terms={"A": 3, "B": 3}, specific={"A": 2, "B": 0})
    assert [t.theme for t in found] == ["A"]
    # broad terms that carry a primary share of the story make its subject
    found = level_themes({"A": 10.0, "B": 6.0}, SalienceSettings(), terms={"A": 3, "B": 3}, specific={"A": 2, "B": 0})
    assert [(t.theme, t.level) for t in found] == [("A", "primary"), ("B", "primary")]
    found = level_themes({"B": 6.0}, SalienceSettings(), terms={"B": 3}, specific={"B": 0})
    assert [(t.theme, t.level) for t in found] == [("B", "primary")]
    # without counts of specific terms, every theme qualifies (callers of an older signature)
    assert [t.theme for t in level_themes({"A": 10.0, "B": 5.0}, SalienceSettings())] == ["A", "B"]


def test_a_theme_named_in_the_title_is_reported_however_small(valley_nlp):
    body = ("The farmer began the harvest with a new tractor, and every farmer in the valley followed.\n\n"
            "The barley harvest filled the orchard sheds; the tractor broke twice.\n\n"
            "A late frost came after the harvest, and some hail.")
    nlp = valley_nlp()
    plain = nlp(body)
    assert _themes(plain) == ["Farming"]  # the weather is far below the harvest
    doc = nlp.make_doc(body)
    doc._.set(TITLE_EXTENSION, "Frost follows a record harvest")
    titled = nlp.get_pipe("presslens_themes")(doc)
    levels = {r["theme"]: r["level"] for r in records(titled)["themes"] if r["scope"] == "article"}
    assert levels == {"Farming": "primary", "Weather": "secondary"}
    # a broad term in the title does not lift its theme
    doc = nlp.make_doc(body)
    doc._.set(TITLE_EXTENSION, "The forecast for a record harvest")
    assert _themes(nlp.get_pipe("presslens_themes")(doc)) == ["Farming"]
    # nor does a title theme without the evidence the threshold asks for
    doc = nlp.make_doc(body.replace(" and some hail", ""))
    doc._.set(TITLE_EXTENSION, "Frost follows a record harvest")
    assert _themes(nlp.get_pipe("presslens_themes")(doc)) == ["Farming"]


def test_level_themes_keeps_titled_themes_as_secondary():
    found = level_themes({"A": 20.0, "B": 2.5, "C": 2.5}, SalienceSettings(), titled={"B"})
    assert [(t.theme, t.level) for t in found] == [("A", "primary"), ("B", "secondary")]


@pytest.mark.parametrize("label", ["EVENT", "WORK_OF_ART"])
def test_terms_inside_named_events_and_works_do_not_match(valley_nlp, label):
    nlp = valley_nlp()
    # "the Great Storm" (an event) dates the choir; "Hail the Harvest" is a song's name
    words = ["The", "choir", "sang", "since", "the", "Great", "Storm", "and", "the", "song",
             "Hail", "the", "Harvest", "."]
    ents = ["O"] * 5 + [f"B-{label}", f"I-{label}"] + ["O"] * 3 + [f"B-{label}", f"I-{label}", f"I-{label}", "O"]
    doc = Doc(nlp.vocab, words=words, ents=ents)
    found = {(m.theme, m.text) for m in nlp.get_pipe("presslens_themes").matcher(doc)}
    assert found == {("Music", "choir"), ("Music", "song")}
    # the same words outside a name are terms
    plain = Doc(nlp.vocab, words=words)
    found = {(m.theme, m.text) for m in nlp.get_pipe("presslens_themes").matcher(plain)}
    assert {("Weather", "Storm"), ("Weather", "Hail"), ("Farming", "Harvest")} <= found


# The lede names a storm; the body dwells on the choir whose concert the storm stopped.
STORM_STORY = ("A storm and heavy hail stopped the harvest festival on Saturday.\n\n"
               "The choir had rehearsed every song for months; the choir's fiddle player wrote a new song.\n\n"
               "The choir will give the concert again, with every song, in spring.")


def test_the_lede_names_the_first_theme(valley_nlp):
    nlp = valley_nlp()
    rows = [r for r in records(nlp(STORM_STORY))["themes"] if r["scope"] == "article"]
    # Music has more weight (choir, song, concert, fiddle), but the first paragraph, the lede of a
    # text without parsed sentences, names the storm
    by_theme = {r["theme"]: r for r in rows}
    assert by_theme["Music"]["score"] > by_theme["Weather"]["score"]
    assert [(r["theme"], r["rank"], r["level"]) for r in sorted(rows, key=lambda r: r["rank"])][0] == \
        ("Weather", 1, "primary")
    # with parsed sentences, the lede is the first sentence only
    doc = nlp.make_doc(STORM_STORY.replace("Saturday.\n\n", "Saturday. "))
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    doc = nlp.get_pipe("presslens_themes")(doc)
    assert _themes(doc)[0] == "Weather"
    # a story whose lede names no theme keeps the order of salience
    plain = nlp("Saturday was long.\n\n" + STORM_STORY.split("\n\n", 1)[1] + "\n\nA storm and heavy hail came.")
    assert _themes(plain)[0] == "Music"


def test_level_themes_puts_the_announced_theme_first():
    salience = {"A": 10.0, "B": 9.0, "C": 8.0, "D": 3.0}
    found = level_themes(salience, SalienceSettings(), announced={"D"})
    # D was secondary: it becomes the first and primary; at most three primary themes stay
    assert [(t.theme, t.rank, t.level) for t in found] == [
        ("D", 1, "primary"), ("A", 2, "primary"), ("B", 3, "primary"), ("C", 4, "secondary")]
    # an announced theme that is not reported is not lifted
    assert [t.theme for t in level_themes({"A": 10.0, "E": 1.0}, SalienceSettings(), announced={"E"})] == ["A"]
    # nothing changes when the first theme is announced, or none is
    assert [t.theme for t in level_themes(salience, SalienceSettings(), announced={"A", "D"})] == ["A", "B", "C", "D"]


def test_shares_are_taken_of_the_announced_theme():
    # the body dwells on A (background); D is the subject the lede names; E, a third of D, is
    # discussed beside it, though it is a tenth of A
    salience = {"A": 30.0, "D": 16.0, "E": 4.0}
    assert [t.theme for t in level_themes(salience, SalienceSettings())] == ["A", "D"]
    found = level_themes(salience, SalienceSettings(), announced={"D"})
    assert [(t.theme, t.rank, t.level) for t in found] == [
        ("D", 1, "primary"), ("A", 2, "primary"), ("E", 3, "secondary")]
    # a subject the body hardly develops (3 of 30) does not lower the bar under half the largest
    # theme's: F, a tenth of A, stays out
    found = level_themes({"A": 30.0, "D": 3.0, "F": 2.5}, SalienceSettings(), announced={"D"})
    assert [(t.theme, t.level) for t in found] == [("D", "primary"), ("A", "primary")]


def test_a_theme_of_both_headline_and_lede_comes_before_one_of_the_lede_only(valley_nlp):
    # the lede passes through the orchard on its way to the frost; the headline names the frost
    body = ("Frost hit the valley as a farmer crossed the orchard on Monday.\n\n"
            "The farmer said the harvest, the barley and the tractor sheds were spared; every farmer agreed.\n\n"
            "The frost and the hail left the barley harvest intact.")
    nlp = valley_nlp()
    assert _themes(nlp(body))[0] == "Farming"  # both in the lede: the more salient one
    doc = nlp.make_doc(body)
    doc._.set(TITLE_EXTENSION, "Frost hits the valley")
    assert _themes(nlp.get_pipe("presslens_themes")(doc))[0] == "Weather"


GUILD_TAXONOMY = """
themes:
  guilds:
    label: Guilds
    terms: [Guild, apprentice]
  rules:
    label: Rules
    terms: [charter, statute]
"""


def test_an_organisation_naming_whose_thing_it_is_counts_for_the_thing(tmp_path):
    from analysis.themes.component import weigh_context
    from analysis.themes.salience import broad_keys

    path = tmp_path / "guild.yaml"
    path.write_text(GUILD_TAXONOMY)
    nlp = spacy.blank("en")
    scorer = nlp.add_pipe("presslens_themes", config={"taxonomy": str(path)})

    def weights(words, heads, deps, ents):
        doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents)
        found = weigh_context(doc, scorer.matcher(doc), broad_keys(scorer.taxonomy), scorer.settings)
        return {(m.theme, m.text): m.weight for m in found}

    # "the Guild charter": the charter is the subject, the Guild says whose charter it is
    owned = weights(["The", "Guild", "charter", "was", "signed"], [2, 2, 4, 4, 4],
                    ["det", "compound", "nsubjpass", "auxpass", "ROOT"], ["O", "B-ORG", "O", "O", "O"])
    assert owned == {("Guilds", "Guild"): 0.0, ("Rules", "charter"): 1.0}
    # the Guild as the actor of its own sentence counts for its theme
    acting = weights(["The", "Guild", "signed", "a", "charter"], [1, 2, 2, 4, 2],
                     ["det", "nsubj", "ROOT", "det", "dobj"], ["O", "B-ORG", "O", "O", "O"])
    assert acting == {("Guilds", "Guild"): 1.0, ("Rules", "charter"): 1.0}
    # a name that is not an organisation's keeps its weight
    untagged = weights(["The", "Guild", "charter", "was", "signed"], [2, 2, 4, 4, 4],
                       ["det", "compound", "nsubjpass", "auxpass", "ROOT"], ["O", "O", "O", "O", "O"])
    assert untagged[("Guilds", "Guild")] == 1.0


@pytest.fixture(scope="module")
def news_nlp():
    """The trained pipeline with the themes component and the shipped taxonomy."""
    from analysis.pipeline import default_model

    nlp = spacy.load(default_model())
    nlp.add_pipe("presslens_themes")
    return nlp


def test_shipped_taxonomy_reads_policing_and_armed_forces_as_actors(news_nlp):
    # "law enforcement" is policing, not the law; the army that searches after a bombing is an
    # actor of the attack story, not a defence theme of it
    text = ("A car bomb exploded outside a market in the capital on Sunday, and an extremist group claimed the "
            "bombing.\n\n"
            "Law enforcement agencies and the armed forces searched the district; the army said two suspects "
            "were detained.\n\n"
            "Law enforcement officials said the terrorist attack was the third this year, and the army and the "
            "armed forces stayed on the streets, the legal adviser of the law enforcement agency said.")
    rows = {r["theme"]: r for r in records(news_nlp(text))["themes"] if r["scope"] == "article"}
    assert "Terrorism" in rows and rows["Terrorism"]["rank"] == 1
    assert "Law and courts" not in rows
    assert "Security and defence" not in rows


def test_a_role_beside_a_name_counts_a_little(valley_nlp):
    from analysis.themes.component import weigh_context
    from analysis.themes.salience import broad_keys

    nlp = valley_nlp()
    scorer = nlp.get_pipe("presslens_themes")
    # "farmer Ann Lee" names who she is; "the farmer" alone is the subject's word
    doc = Doc(nlp.vocab, words=["The", "farmer", "Ann", "Lee", "thanked", "the", "farmer", "."],
              ents=["O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"])
    found = weigh_context(doc, scorer.matcher(doc), broad_keys(scorer.taxonomy), scorer.settings)
    assert [m.weight for m in found] == [pytest.approx(0.15), 1.0]
    assert 0 < SalienceSettings().role_weight < SalienceSettings().broad_weight


def test_shipped_terms_match_their_inflections(news_nlp):
    # terms are written in their base form, so the plural matches too
    doc = news_nlp("The troops left the base. A troop convoy followed.")
    assert [m.text for m in news_nlp.get_pipe("presslens_themes").matcher(doc)
            if m.theme == "Security and defence"] == ["troops", "troop"]


# A user's taxonomy whose trade theme knows its bodies by the shape of their names.
HARBOUR_TAXONOMY = """
themes:
  trade:
    label: Trade
    terms: [tariff, export]
    broad_terms: [budget]
    organisation_names:
      first_words: [Coastal, Inland]
      head_words: [Board, Exchange]
      any_words: [Tradeways]
  finance:
    label: Finance
    terms: [loan, interest rate]
    organisation_names:
      first_words: [Coastal]
      head_words: [Exchange]
"""


def test_organisation_names_describe_the_bodies_of_a_theme(tmp_path):
    from analysis.themes.bodies import head_word, name_themes
    from analysis.themes.taxonomy import load_taxonomy

    path = tmp_path / "harbour.yaml"
    path.write_text(HARBOUR_TAXONOMY)
    taxonomy = load_taxonomy(path)
    assert head_word("Coastal Board of Grain and Salt".split()) == "Board"
    assert head_word("Inland Salt and Grain Board".split()) == "Board"
    assert name_themes("Coastal Board of Grain and Salt", taxonomy) == ["Trade"]
    assert name_themes("Coastal Exchange", taxonomy) == ["Trade", "Finance"]  # a name of two themes
    assert name_themes("League of Tradeways", taxonomy) == ["Trade"]  # a word anywhere
    assert name_themes("Coastal Rowing Club", taxonomy) == []  # the head is no institution of the theme
    assert name_themes("Northern Board", taxonomy) == []  # the first word is not the theme's
    assert name_themes("Board of Coastal Shipping", taxonomy) == []


def test_mentions_of_a_theme_body_by_name_count_for_it(tmp_path):
    from analysis.constants import MENTIONS_KEY
    from analysis.themes.component import ThemeMatcher

    path = tmp_path / "harbour.yaml"
    path.write_text(HARBOUR_TAXONOMY)
    nlp = spacy.blank("en")
    scorer = nlp.add_pipe("presslens_themes", config={"taxonomy": str(path)})
    Span.set_extension("actor", default=None, force=True)
    Doc.set_extension("presslens_actors", default=None, force=True)
    words = ["The", "Coastal", "Exchange", "raised", "the", "interest", "rate", ";", "CE", "said", "it",
             "will", "cut", "the", "CE", "budget", "."]
    doc = Doc(nlp.vocab, words=words)
    doc._.presslens_actors = [{"actor": "Coastal Exchange", "type": "organisation", "aliases": ["CE"],
                               "roles": [], "affiliation": None}]
    mentions = [Span(doc, 1, 3, label="organisation"), Span(doc, 8, 9, label="organisation"),
                Span(doc, 10, 11, label="organisation"), Span(doc, 14, 15, label="organisation")]
    for span in mentions:
        span._.actor = "Coastal Exchange"
    doc.spans[MENTIONS_KEY] = mentions
    found = [(m.theme, m.text, m.weight) for m in scorer.matcher(doc)]
    # each mention by name counts half for each of its two themes; "it" is no name
    assert found.count(("Trade", "Coastal Exchange", 0.5)) == 1 and found.count(("Finance", "CE", 0.5)) == 2
    assert not any(text == "it" for _, text, _ in found)
    assert ("Finance", "interest rate", 1.0) in found
    # without the actors component's annotations, no organisation counts
    bare = Doc(nlp.vocab, words=words)
    assert [m.text for m in ThemeMatcher(nlp.vocab, nlp.make_doc, scorer.taxonomy)(bare)] == ["interest rate",
                                                                                             "budget"]


def test_a_name_modifying_a_broad_term_does_not_reread_it(tmp_path):
    from analysis.themes.component import weigh_context
    from analysis.themes.salience import broad_keys

    path = tmp_path / "harbour.yaml"
    path.write_text(HARBOUR_TAXONOMY.replace("[loan, interest rate]", "[loan, interest rate, Lendmark]"))
    nlp = spacy.blank("en")
    scorer = nlp.add_pipe("presslens_themes", config={"taxonomy": str(path)})
    # "the Lendmark budget" (a finance body's name): a trade budget still, whoever owns it; the
    # name says whose it is and counts nothing for finance
    doc = Doc(nlp.vocab, words=["The", "Lendmark", "budget", "grew"], heads=[2, 2, 3, 3],
              deps=["det", "compound", "nsubj", "ROOT"], ents=["O", "B-ORG", "O", "O"])
    found = weigh_context(doc, scorer.matcher(doc), broad_keys(scorer.taxonomy), scorer.settings)
    assert {(m.text, m.weight) for m in found} == {("Lendmark", 0.0), ("budget", 0.5)}
    # ... while a word of another theme does reread it: a "loan budget" is finance's
    doc = Doc(nlp.vocab, words=["The", "loan", "budget", "grew"], heads=[2, 2, 3, 3],
              deps=["det", "compound", "nsubj", "ROOT"])
    found = weigh_context(doc, scorer.matcher(doc), broad_keys(scorer.taxonomy), scorer.settings)
    assert {(m.text, m.weight) for m in found} == {("loan", 1.0), ("budget", 0.0)}


@pytest.mark.parametrize("text, theme", [
    # a match report names few of the sport's proper terms: its words of the game carry it
    ("Eastport beat Westhaven 3-1 to reach the cup final on Saturday.\n\n"
     "Striker Jan Roe scored twice before half-time, and a winger added a third in extra time. The "
     "Westhaven coach said his squad had been second best all season.\n\n"
     "Westhaven now face relegation, while Eastport sit second in the league table.", "Sport"),
    # a grower's season: the orchard, its fruit and its prices
    ("The apple harvest in the valley was the best in ten years, growers said on Monday.\n\n"
     "Orchard owners picked almost 900 tonnes of fruit, and dairy and poultry farms also did well.\n\n"
     "Growers said irrigation had saved the orchards during the dry summer.", "Agriculture and food"),
])
def test_shipped_taxonomy_reads_sport_and_farming_news(news_nlp, text, theme):
    rows = {r["theme"]: r for r in records(news_nlp(text))["themes"] if r["scope"] == "article"}
    assert theme in rows and rows[theme]["rank"] == 1, rows

"""Tests of the actors capability: each rule on small texts, the component, the seed, the gold."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import Doc, DocBin

from analysis.actors import component as A
from analysis.actors.component import SPANS_KEY, actor_for, load_lexicon, records
from analysis.corpus import load_corpus
from analysis.paths import SEEDS_DIR, SHARED_DIR

WIKINEWS = SHARED_DIR / "corpora" / "wikinews-2019"
SCORER = SHARED_DIR / "tools" / "score_gold.py"


def _actors(doc: Doc) -> dict[str, dict]:
    return {a["actor"]: a for a in records(doc)["actors"]}


def _check_records(doc: Doc) -> None:
    """Invariants of every processed Doc: offsets inside the text, mentions name known actors."""
    out = records(doc)
    assert set(out) == {"mentions", "actors"}
    names = {a["actor"] for a in out["actors"]}
    for actor in out["actors"]:
        assert actor["type"] in A.ACTOR_TYPES
        assert actor["actor"] not in actor["aliases"]
    for mention in out["mentions"]:
        assert mention["actor"] in names
        assert doc.text[mention["start"]:mention["end"]] == mention["text"]
    assert not doc.user_data.get("presslens_errors")


# ------------------------------------------------------------------------- rules, parsed texts

@pytest.mark.parametrize("text, actor, kind, aliases", [
    # a surname joins the fullest name; the possessive is stripped
    ("Finance Minister Maria Okonkwo visited Lagos on Monday. Okonkwo's plan was welcomed by traders.",
     "Maria Okonkwo", "person", ["Okonkwo"]),
    # an acronym in parentheses joins its expansion, and so do its later uses
    ("The Northern Grain Board (NGB) raised prices on Tuesday. The NGB said the harvest had failed.",
     "Northern Grain Board", "organisation", ["NGB"]),
    # a listed alias ("US") joins the fullest form of the place
    ("The United States and Canada signed the deal. The US said it would ratify the deal soon.",
     "United States", "place", ["US"]),
    # a nationality word is a group, singular canonical, plural as alias
    ("Kenyan officials met traders in Kampala. Several Kenyans said the talks went well.",
     "Kenyan", "group", ["Kenyans"]),
    # a surname used alone joins its person even when two people are named
    ("Prime Minister Lena Halvorsen met President Tomas Berg in Oslo. Halvorsen said Berg had agreed.",
     "Tomas Berg", "person", ["Berg"]),
    # one entity holding two organisations joined by "and" is split
    ("Delegates from the University of Leeds and Northern Rail Holdings attended.",
     "Northern Rail Holdings", "organisation", []),
    # a nationality word is a group even when NER tags it otherwise
    ("Police Commissioner Ana Ruiz spoke in Lima. Peruvian officials said the Peruvians would vote.",
     "Peruvian", "group", ["Peruvians"]),
    # a surname that is also a facility word is still a person's
    ("Border Guard Commandant Admiral Leo Park said the Border Guard found the boat.", "Leo Park", "person", []),
    # a name without its middle initial joins the fuller name
    ("Former adviser Olav K. Lindgren wrote a book. Olav Lindgren said the book was true.", "Olav K. Lindgren",
     "person", ["Olav Lindgren"]),
    # a place run into a person's name is split off when the person is named alone elsewhere
    ("Officials in Gibraltar met on Monday. Later, Chief Executive of Gibraltar Lena Varga spoke. Lena Varga said "
     "little.", "Lena Varga", "person", []),
    # a title set off by a comma before a name makes a person, even after a place
    ("The president of Zambia, Tavi Mwanza, spoke on Monday.", "Tavi Mwanza", "person", []),
])
def test_name_rules(nlp, text, actor, kind, aliases):
    doc = nlp(text)
    found = _actors(doc)
    assert actor in found, found
    assert found[actor]["type"] == kind
    assert found[actor]["aliases"] == aliases
    _check_records(doc)


@pytest.mark.parametrize("text, actor, roles, affiliation", [
    # a title before the name; a leading nationality becomes the affiliation
    ("Brazilian Health Minister Carlos Ribeiro opened the clinic in Recife.", "Carlos Ribeiro",
     ["Health Minister"], "Brazil"),
    # a title in apposition after the name
    ("Carlos Ribeiro, the health minister, opened the clinic in Recife.", "Carlos Ribeiro",
     ["health minister"], None),
    # a multi-word title with "of"
    ("Secretary of State Laura Kemp flew to Nairobi on Sunday.", "Laura Kemp", ["Secretary of State"], None),
    # a plural title is made singular and shared by the names it governs
    ("Senators Maria Lopez and Ken Ito voted against the bill.", "Ken Ito", ["Senator"], None),
    # a title set off by commas before the name
    ("The Vice President, Tom Adler, said on Friday that talks would resume.", "Tom Adler", ["Vice President"], None),
    # stacked titles are two roles
    ("Border Guard Commandant Admiral Leo Park said the Border Guard found the boat.", "Leo Park",
     ["Border Guard Commandant", "Admiral"], None),
    # a title that NER tagged as an organisation is a role, not an actor
    ("Detective Inspector Sam Reid said the suspect had fled.", "Sam Reid", ["Detective Inspector"], None),
    # a nationality in an apposition is the affiliation
    ("Carlos Ribeiro, the Brazilian health minister, opened the clinic.", "Carlos Ribeiro", ["health minister"],
     "Brazil"),
])
def test_roles(nlp, text, actor, roles, affiliation):
    found = _actors(nlp(text))
    assert found[actor]["roles"] == roles
    assert found[actor]["affiliation"] == affiliation


@pytest.mark.parametrize("text, absent", [
    # facilities are not actors
    ("Rescuers gathered on Lenin Avenue near the Central Station after the blast.", "Lenin Avenue"),
    # "State" inside the title "Secretary of State" is not an organisation
    ("Secretary of State Laura Kemp flew to Nairobi on Sunday.", "State"),
    # storms are events
    ("Hurricane Zelda hit the Bahamas on Sunday.", "Hurricane Zelda"),
])
def test_not_actors(nlp, text, absent):
    assert absent not in _actors(nlp(text))


@pytest.mark.parametrize("text, word, expected", [
    # "he" after a named person resolves to that person
    ("Carlos Ribeiro arrived in Recife on Friday. He said the clinic would open in May.", "He", "Carlos Ribeiro"),
    # "the minister" resolves to the person with that title
    ("Health Minister Carlos Ribeiro arrived in Recife. The minister said the clinic would open.", "minister",
     "Carlos Ribeiro"),
    # "the ministry" resolves to the organisation whose name holds the noun
    ("The Interior Ministry closed the border. The ministry said patrols would double.", "ministry",
     "Interior Ministry"),
    # "the statement" resolves to the body that issued it
    ("In a statement, the Interior Ministry said the border was closed. The statement said patrols would double.",
     "statement", "Interior Ministry"),
    # a partial name and a possessive
    ("Finance Minister Maria Okonkwo visited Lagos. Okonkwo's plan was welcomed.", "Okonkwo", "Maria Okonkwo"),
    # nobody to refer to: unresolved, never a guess
    ("He said the plan was fine.", "He", None),
    # a title that no named person holds stays unresolved
    ("Carlos Ribeiro arrived in Recife. The governor said nothing.", "governor", None),
    # "he" inside a quotation is not resolved
    ('Carlos Ribeiro arrived. "He will not come," an aide said.', "He", None),
    # "she" skips a man known from "Mr" and goes to the woman
    ("Mr Adler met Ms Clara Voss in Bonn. She said the deal was close.", "She", "Clara Voss"),
    # "the vice president" is not the president
    ("President Ana Ruiz and Vice President Tom Adler arrived. The vice president said little.", "president",
     "Tom Adler"),
    # a document's issuer named by a description: "the court's summary"
    ("The Court of Appeal ruled on Monday. The court's summary said the law was void.", "summary",
     "Court of Appeal"),
    # an object "it" is not resolved to an actor
    ("The Court of Appeal upheld it on Monday.", "it", None),
    # a document named after its issuer
    ("The Vesna Revenue Agency website advises taxpayers to wait.", "website", "Vesna Revenue Agency"),
    # a description with a name in apposition is the named actor
    ("Kerr's mother, Alma Voss, said the driver had fled.", "mother", "Alma Voss"),
    # a description resolves to the actor an apposition described with the same noun and possessor
    ("Kerr's mother, Alma Voss, spoke first. Later Kerr's mother said the driver had fled.", "mother", "Alma Voss"),
    # ... and a possessor that is not a named actor leaves it unresolved
    ("The victim's mother said the driver had fled.", "mother", None),
    # a name that is a web address is the website
    ("One news site, Presswire.com, reported the fire. The website said two people had died.", "website",
     "Presswire.com"),
    # a "Deputy Governor" does not hold the role "governor"
    ("Governor Pavel Lund spoke on Monday. Deputy Governor Ivo Marin met reporters. The governor said the dam was "
     "safe.", "governor", "Pavel Lund"),
    # the source of "according to X" is as salient as a subject for a later "he"
    ('Tom Adler spoke at the summit on Monday. According to Carlos Ribeiro, the virus was spreading fast. "We must '
     'act," he told reporters.', "he", "Carlos Ribeiro"),
    # statistics are a document: their issuer is the possessor
    ("Deaths fell by half, according to the Global Health Agency's statistics.", "statistics",
     "Global Health Agency"),
    # a kin noun in apposition gives the gender: "she" skips the husband
    ("Alex Moreau, Robin Hale's husband, met reporters on Monday. She said the tour was over.", "She",
     "Robin Hale"),
])
def test_actor_for(nlp, text, word, expected):
    doc = nlp(text)
    token = next(t for t in reversed(doc) if t.text == word)
    span = doc[token.left_edge.i:token.i + 1]
    assert actor_for(doc, span) == expected


@pytest.mark.parametrize("text, word, expected", [
    # a joint source is no one actor: unresolved, the literal phrase stays the speaker text
    ("The Harbour Authority and the Coast Watch said the port was closed.", "Authority", None),
    # ... but a second description of the same person is not a second source
    ("Maria Okonkwo of Lagos University and adviser to the Harbour Authority said the port was closed.", "Okonkwo",
     "Maria Okonkwo"),
])
def test_actor_for_whole_subject(nlp, text, word, expected):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert actor_for(doc, doc[token.left_edge.i:token.right_edge.i + 1]) == expected


def test_actor_for_stacked_occupations(vocab):
    # an occupation as much as a title ("agent", "analyst"), even where the parser made the name
    # a third conjunct of the first role
    words = ["Retired", "customs", "agent", "and", "smuggling", "analyst", "Jan", "Hollis", "told", "reporters", "."]
    doc = Doc(vocab, words=words, heads=[2, 2, 8, 2, 5, 2, 7, 2, 8, 8, 8],
              deps=["amod", "compound", "nsubj", "cc", "compound", "conj", "compound", "conj", "ROOT", "dobj", "punct"],
              tags=["VBN", "NN", "NN", "CC", "NN", "NN", "NNP", "NNP", "VBD", "NNS", "."],
              pos=["VERB", "NOUN", "NOUN", "CCONJ", "NOUN", "NOUN", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"],
              ents=["O"] * 6 + ["B-PERSON", "I-PERSON"] + ["O"] * 3)
    assert actor_for(doc, doc[:8]) == "Jan Hollis"
    doc = Doc(vocab, words=["Retired", "agents", "and", "Jan", "Hollis", "told", "reporters", "."],
              heads=[1, 5, 1, 4, 1, 5, 5, 5], deps=["amod", "nsubj", "cc", "compound", "conj", "ROOT", "dobj", "punct"],
              tags=["VBN", "NNS", "CC", "NNP", "NNP", "VBD", "NNS", "."],
              pos=["VERB", "NOUN", "CCONJ", "PROPN", "PROPN", "VERB", "NOUN", "PUNCT"],
              ents=["O"] * 3 + ["B-PERSON", "I-PERSON"] + ["O"] * 3)
    assert actor_for(doc, doc[:5]) is None  # a group beside the person: a joint source


@pytest.mark.parametrize("text, expected", [
    # two bare roles joined by "and" before a name are that person's titles, whatever the parse
    ("Opposition leader and former prime minister Anna Kovac said the plan would fail.", "Anna Kovac"),
    ("Harbour Party leader and Prime Minister Anna Kovac said the plan would fail.", "Anna Kovac"),
    # with an article, the first role is someone else: a joint source, unresolved
    ("The mayor and Governor Jane Doe said the bridge would open.", None),
    # a plural beside the name is a group beside the person
    ("Officers and Mayor Jan Roe said the road was closed.", None),
])
def test_actor_for_stacked_titles(nlp, text, expected):
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    assert actor_for(doc, doc[:said.i]) == expected


@pytest.mark.parametrize("text, expected", [
    # a long subject after the verb, however the parser splits it, names one person
    ('"The results were clear," said study co-author Professor Tom Reyes of Elmford University.', "Tom Reyes"),
    # a person under a preposition or a possessive is not the speaker
    ('"We were lucky," said the wife of Jan Roe.', None),
    ('"We were lucky," said Jan Roe\'s lawyer.', None),
    ('"It is over," said a spokesman for Mayor Jan Roe.', None),
])
def test_actor_for_inverted_subject(nlp, text, expected):
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    assert actor_for(doc, doc[said.i + 1:len(doc) - 1]) == expected


def test_actor_for_reads_the_context_from_the_doc(nlp, monkeypatch):
    # the context is built from what the component stored on the Doc, once, and can be passed on
    doc = nlp("Finance Minister Maria Okonkwo visited Lagos. She said the plan would work.")
    context = A.actor_context(doc)
    monkeypatch.setattr(A, "build_context", lambda *args, **kwargs: pytest.fail("context rebuilt"))
    assert actor_for(doc, doc[-7:-6], context) == "Maria Okonkwo"
    assert actor_for(doc, doc[3:4], context) == "Maria Okonkwo"


def test_actor_context_uses_the_configured_lexicon(nlp):
    # the lexicon the component was configured with travels on the Doc, not a module default
    doc = nlp("Finance Minister Maria Okonkwo visited Lagos.")
    assert doc._.presslens_actor_lexicon == list(nlp.get_pipe("presslens_actors").lexicon_names)
    doc._.presslens_actor_lexicon = ["no_such_titles", "actors_places", "actors_pronouns", "actors_names"]
    with pytest.raises(FileNotFoundError, match="no_such_titles"):
        A.actor_context(doc)


def test_actor_for_without_component(nlp):
    # actor_for finds the actors on the fly on a Doc the component did not process
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p.startswith("presslens_")]):
        doc = nlp("Finance Minister Maria Okonkwo visited Lagos. Okonkwo spoke.")
    assert doc._.presslens_actors is None
    assert records(doc) == {}
    assert actor_for(doc, doc[-3:-2]) == "Maria Okonkwo"


def test_resolved_pronouns_are_mentions(nlp):
    doc = nlp("Carlos Ribeiro arrived in Recife on Friday. He said the clinic would open in May.")
    mentions = [(m["text"], m["actor"]) for m in records(doc)["mentions"]]
    assert ("He", "Carlos Ribeiro") in mentions
    assert all(span._.actor for span in doc.spans[SPANS_KEY])


# ---------------------------------------------------------------------- rules, hand-built Docs

def _doc(vocab, words, ents, *, heads=None, deps=None, pos=None) -> Doc:
    n = len(words)
    return Doc(vocab, words=words, ents=ents, heads=heads or list(range(n)), deps=deps or ["dep"] * n,
               pos=pos or ["PROPN"] * n, sent_starts=[True] + [False] * (n - 1))


@pytest.fixture()
def vocab(nlp):
    return nlp.vocab


def test_ner_split_is_joined(vocab):
    # NER split one name into PERSON + ORG ("Amir Tariq" + "Vesnar"): joined, a person
    words = ["Envoy", "Amir", "Tariq", "Vesnar", "met", "Vesnar", "'s", "aides", "."]
    ents = ["O", "B-PERSON", "I-PERSON", "B-ORG", "O", "B-ORG", "O", "O", "O"]
    heads = [3, 3, 3, 4, 4, 7, 5, 4, 4]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT", "poss", "case", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"]
    found = {a.canonical: a for a in A.find_actors(_doc(vocab, words, ents, heads=heads, deps=deps, pos=pos)).actors}
    assert list(found) == ["Amir Tariq Vesnar"]
    assert found["Amir Tariq Vesnar"].type == "person"  # the ORG labels are outvoted


def test_person_of_a_body_is_split(vocab):
    # Class: NER ran a person and the body they belong to together ("Ann Lee of Reef Trips"): two names
    words = ["Divers", "led", "by", "Ann", "Lee", "of", "Reef", "Trips", "found", "it", "."]
    ents = ["O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"]
    found = {a.canonical: a.record()["type"] for a in A.find_actors(_doc(vocab, words, ents)).actors}
    assert found == {"Ann Lee": "person", "Reef Trips": "organisation"}


def test_a_club_name_word_makes_an_organisation_whatever_ner_says(vocab):
    # Class: clubs named after their towns end in a club word ("Westhaven Rovers"); NER often calls
    # the whole a person
    words = ["Westhaven", "Rovers", "won", "again", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O"]
    found = {a.canonical: a.record()["type"] for a in A.find_actors(_doc(
        vocab, words, ents, heads=[1, 2, 2, 2, 2], deps=["compound", "nsubj", "ROOT", "advmod", "punct"],
        pos=["PROPN", "PROPN", "VERB", "ADV", "PUNCT"])).actors}
    assert found == {"Westhaven Rovers": "organisation"}


def test_a_town_playing_a_match_is_its_team(vocab):
    # Class: sports news names clubs after their towns, which NER calls places; a side of a result
    # with a score, or a name modifying a team role, is the team (an organisation)
    words = ["Westhaven", "beat", "Eastport", "2", "-", "1", "in", "Northby", "."]
    ents = ["B-GPE", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O"]
    heads = [1, 1, 1, 1, 1, 1, 1, 6, 1]
    deps = ["nsubj", "ROOT", "dobj", "npadvmod", "punct", "npadvmod", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "NUM", "PUNCT", "NUM", "ADP", "PROPN", "PUNCT"]
    found = {a.canonical: a.record()["type"]
             for a in A.find_actors(_doc(vocab, words, ents, heads=heads, deps=deps, pos=pos)).actors}
    assert found == {"Westhaven": "organisation", "Eastport": "organisation", "Northby": "place"}
    # without a score, a town that is a subject stays a place ("Westhaven beat the heat")
    words = ["Westhaven", "beat", "Eastport", "in", "Northby", "."]
    ents = ["B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]
    found = {a.canonical: a.record()["type"] for a in A.find_actors(_doc(
        vocab, words, ents, heads=[1, 1, 1, 1, 3, 1], deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"])).actors}
    assert set(found.values()) == {"place"}
    # "the Westhaven manager": a club's role
    words = ["The", "Westhaven", "manager", "resigned", "."]
    found = {a.canonical: a.record()["type"] for a in A.find_actors(_doc(
        vocab, words, ["O", "B-GPE", "O", "O", "O"], heads=[2, 2, 3, 3, 3], deps=["det", "compound", "nsubj", "ROOT", "punct"],
        pos=["DET", "PROPN", "NOUN", "VERB", "PUNCT"])).actors}
    assert found == {"Westhaven": "organisation"}
    # a date range or a catalogue name is no score
    from analysis.actors.clusters import _SCORE
    assert _SCORE.search("drew 1-1 with them") and _SCORE.search("a 3 – 0 win")
    assert not _SCORE.search("the 2019-20 season") and not _SCORE.search("planet K2-18b")


def test_the_town_of_a_name_is_a_place(vocab):
    # Class: "the town of X", "the island of X", "the capital of X" name a place, whatever NER said
    words = ["Officials", "visited", "the", "island", "of", "Vesnara", "."]
    ents = ["O", "O", "O", "O", "O", "B-ORG", "O"]
    heads = [1, 1, 3, 1, 3, 4, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    found = {a.canonical: a.record()["type"]
             for a in A.find_actors(_doc(vocab, words, ents, heads=heads, deps=deps, pos=pos)).actors}
    assert found == {"Vesnara": "place"}


def test_a_team_run_into_its_score_is_the_team(vocab):
    # Class: NER runs a team and the score after it together ("Westhaven 3-1", labelled a product
    # or a person): the words before the score are the team; a date range is no score
    words = ["Eastport", "beat", "Westhaven", "3", "-", "1", "on", "July", "27", "-", "28", "."]
    ents = ["B-ORG", "O", "B-PRODUCT", "I-PRODUCT", "I-PRODUCT", "I-PRODUCT", "O", "B-DATE", "I-DATE",
            "I-DATE", "I-DATE", "O"]
    pos = ["PROPN", "VERB", "PROPN", "NUM", "PUNCT", "NUM", "ADP", "PROPN", "NUM", "PUNCT", "NUM", "PUNCT"]
    found = {a.canonical: a.record()["type"] for a in A.find_actors(_doc(vocab, words, ents, pos=pos)).actors}
    assert found == {"Eastport": "organisation", "Westhaven": "organisation"}


def test_executive_titles_keep_their_function(nlp):
    # Class: "chief financial officer", "chief operating officer": the function word is part of the title
    found = _actors(nlp("Halvard's chief financial officer, Raj Menon, told analysts that growth would slow."))
    assert found["Raj Menon"]["roles"] == ["chief financial officer"]
    found = _actors(nlp("The chief operating officer, Maria Lindqvist, said sales had grown."))
    assert found["Maria Lindqvist"]["roles"] == ["chief operating officer"]


def test_a_name_in_apposition_to_a_role_is_a_person(vocab):
    # Class: "the chief financial officer, Ana Ruiz," where NER tags nothing: a person, without
    # an honorific before the name
    words = ["The", "treasurer", ",", "the", "Honorable", "Ana", "Ruiz", ",", "resigned", "."]
    heads = [1, 8, 1, 6, 6, 6, 1, 1, 8, 8]
    deps = ["det", "nsubj", "punct", "det", "compound", "compound", "appos", "punct", "ROOT", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "DET", "PROPN", "PROPN", "PROPN", "PUNCT", "VERB", "PUNCT"]
    found = {a.canonical: a.record()["type"]
             for a in A.find_actors(_doc(vocab, words, ["O"] * len(words), heads=heads, deps=deps, pos=pos)).actors}
    assert found == {"Ana Ruiz": "person"}
    # a name beside a noun that is no role is left to NER
    words[1], words[4] = "harbour", "Old"
    assert not A.find_actors(_doc(vocab, words, ["O"] * len(words), heads=heads, deps=deps, pos=pos)).actors


def test_a_center_that_speaks_is_an_institution(vocab):
    # Class: a center or hospital is a facility where it is visited, an institution where it speaks
    def found(words, ents, heads, deps, pos):
        return [a.canonical for a in A.find_actors(_doc(vocab, words, ents, heads=heads, deps=deps, pos=pos)).actors]

    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O"]
    pos = ["DET", "PROPN", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"]
    assert found(["The", "Coastal", "Storm", "Center", "warned", "again", "."], ents, [3, 3, 3, 4, 4, 4, 4],
                 ["det", "compound", "compound", "nsubj", "ROOT", "advmod", "punct"], pos) == ["Coastal Storm Center"]
    words = ["Crowds", "visited", "the", "Coastal", "Convention", "Center", "."]
    assert found(words, ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"], [1, 1, 5, 5, 5, 1, 1],
                 ["nsubj", "ROOT", "det", "compound", "compound", "dobj", "punct"],
                 ["NOUN", "VERB", "DET", "PROPN", "PROPN", "PROPN", "PUNCT"]) == []


def test_people_named_after_a_listed_place_are_a_group(vocab):
    # Class: "Tuvaluans" (the place's name and a demonym ending) is a people even where NER calls
    # it a body, and the place stays a place however often NER calls it one
    from analysis.actors.lexicon import load_lexicon
    from analysis.actors.words import people_of_place

    lex = load_lexicon()
    assert [people_of_place(t, lex) for t in ("Tuvaluans", "Tuvaluan", "Tuvalu", "Ocean")] == [
        "Tuvaluan", "Tuvaluan", None, None]
    words = ["Tuvaluans", "voted", "in", "Tuvalu", ";", "Tuvalu", "said", "Tuvaluans", "won", "."]
    ents = ["B-ORG", "O", "O", "B-ORG", "O", "B-ORG", "O", "B-ORG", "O", "O"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PROPN", "VERB", "PUNCT"]
    found = {a.canonical: a.record()["type"] for a in A.find_actors(_doc(vocab, words, ents, pos=pos)).actors}
    assert found == {"Tuvaluans": "group", "Tuvalu": "place"}


def test_a_name_ended_by_a_legal_form_is_a_company(vocab):
    # Class: capitalised proper nouns ended by a legal form ("Inc", "plc") are a company's name
    words = ["Shares", "in", "Halvard", "Foods", "plc", "fell", "."]
    pos = ["NOUN", "ADP", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    found = {a.canonical: a.record()["type"]
             for a in A.find_actors(_doc(vocab, words, ["O"] * len(words), pos=pos)).actors}
    assert found == {"Halvard Foods plc": "organisation"}


def test_a_name_after_an_honorific_is_a_person(vocab):
    # Class: "Mr X", "Ms X" name a person even where NER tags nothing; not a lone letter ("Mr. A")
    # nor an illness written in capitals ("MS")
    words = ["But", "Mr", "Halloran", ",", "who", "chairs", "it", ",", "said", "so", "."]
    pos = ["CCONJ", "PROPN", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "PUNCT", "VERB", "ADV", "PUNCT"]
    found = {a.canonical: a.record()["type"]
             for a in A.find_actors(_doc(vocab, words, ["O"] * len(words), pos=pos)).actors}
    assert found == {"Halloran": "person"}
    for name in (["Mr.", "A"], ["MS", "Halloran"]):
        words = ["Police", "named", *name, "."]
        pos = ["NOUN", "VERB", "PROPN", "PROPN", "PUNCT"]
        assert not A.find_actors(_doc(vocab, words, ["O"] * len(words), pos=pos)).actors


def test_connector_names_are_joined(vocab):
    # "High Court" + "of the" + "United Republic": one organisation
    words = ["The", "High", "Court", "of", "the", "United", "Republic", "ruled", "."]
    ents = ["O", "B-ORG", "I-ORG", "O", "O", "B-GPE", "I-GPE", "O", "O"]
    found = [a.canonical for a in A.find_actors(_doc(vocab, words, ents)).actors]
    assert found == ["High Court of the United Republic"]


def test_acronym_of_a_tail(vocab):
    # "Parliament of Upper Vesna Valley (UVV)": UVV abbreviates the place, not the parliament
    words = ["Parliament", "of", "Upper", "Vesna", "Valley", "(", "UVV", ")", "met", ".", "Upper", "Vesna", "Valley",
             "voted", "."]
    ents = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O", "B-GPE", "I-GPE", "I-GPE", "O", "O"]
    found = {a.canonical: a.record() for a in A.find_actors(_doc(vocab, words, ents)).actors}
    assert found["Upper Vesna Valley"]["aliases"] == ["UVV"]
    assert found["Parliament of Upper Vesna Valley"]["aliases"] == []


def test_misspelling_is_joined(vocab):
    # a long one-word name misspelt by one letter joins the actor
    words = ["Blasts", "hit", "Novosibirsk", ",", "Novosibarsk", "and", "Novossibirsk", "in", "Novosibirsk", "."]
    ents = ["O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O"]
    found = [a.canonical for a in A.find_actors(_doc(vocab, words, ents)).actors]
    assert found == ["Novosibirsk"]  # one letter changed, one added; the most used spelling is canonical


def test_lexicon_is_cached():
    assert load_lexicon() is load_lexicon()
    assert load_lexicon().demonyms["Russians"] == "Russian"
    assert load_lexicon().demonym_place["Russian"] == "Russia"


def test_factory_rejects_unknown_lexicon(nlp):
    import spacy

    blank = spacy.blank("en")
    with pytest.raises(ValueError, match="actors_titles"):
        blank.add_pipe("presslens_actors", config={"titles": "no_such_lexicon"})


def test_analyze_pipes(nlp):
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems["presslens_actors"] == []


# ------------------------------------------------------------------------------- the component

LONG_TEXT = " ".join(["Finance Minister Maria Okonkwo visited Lagos on Monday, and Okonkwo said it was ready."] * 300)
EDGE_TEXTS = ["", " ", 'Police said "the suspect fled into Lagos.', LONG_TEXT, "Okonkwo"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_edge_cases(nlp, n_process):
    docs = list(nlp.pipe(EDGE_TEXTS, batch_size=2, n_process=n_process))
    assert [d.text for d in docs] == EDGE_TEXTS
    for doc in docs:
        _check_records(doc)
    assert records(docs[0]) == {"mentions": [], "actors": []}
    assert _actors(docs[3])["Maria Okonkwo"]["aliases"] == ["Okonkwo"]


def test_failure_is_recorded_not_raised(nlp, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("broken rule")

    monkeypatch.setattr(A, "annotate", boom)
    doc = nlp("Maria Okonkwo visited Lagos.")
    assert doc.user_data["presslens_errors"][-1] == "presslens_actors: RuntimeError: broken rule"
    assert records(doc) == {}


def test_docbin_round_trip(nlp):
    doc = nlp("Finance Minister Maria Okonkwo visited Lagos. She said Okonkwo's plan was ready.")
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    back = next(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))
    assert records(back) == records(doc)
    assert [s._.actor for s in back.spans[SPANS_KEY]] == [s._.actor for s in doc.spans[SPANS_KEY]]


# -------------------------------------------------------------------------------------- seed

@pytest.fixture(scope="module")
def seed_actors(nlp) -> dict[str, dict]:
    body = load_corpus(SEEDS_DIR)["text"].iloc[0]
    return _actors(nlp(body))


@pytest.mark.parametrize("name, kind", [
    ("Sergey Lavrov", "person"), ("Shah Mahmood Qureshi", "person"), ("Imran Khan", "person"),
    ("Zamir Kabulov", "person"), ("Radio Pakistan", "organisation"), ("Foreign Office", "organisation"),
    ("Pakistan Steel Mills", "organisation"), ("Taliban", "organisation"), ("Pakistan", "place"),
    ("Russia", "place"), ("Afghanistan", "place"), ("India", "place"), ("China", "place"), ("US", "place"),
])
def test_seed_actor_types(seed_actors, name, kind):
    assert seed_actors[name]["type"] == kind


def test_seed_roles_and_aliases(seed_actors):
    assert "Foreign Minister" in seed_actors["Sergey Lavrov"]["roles"]
    assert "Foreign Minister" in seed_actors["Shah Mahmood Qureshi"]["roles"]
    assert "Prime Minister" in seed_actors["Imran Khan"]["roles"]
    kabulov = seed_actors["Zamir Kabulov"]["roles"]
    assert "Ambassador" in kabulov and any(r.startswith("special envoy") for r in kabulov)
    assert "PSM" in seed_actors["Pakistan Steel Mills"]["aliases"]
    assert seed_actors["Russian"]["type"] == "group" and seed_actors["Russian"]["affiliation"] == "Russia"


def test_seed_no_wrong_actors(seed_actors):
    assert "Lavrov" not in seed_actors and "Qureshi" not in seed_actors and "Shah Mahmood" not in seed_actors


# ---------------------------------------------------------------------------------- corpora

def _require(path):
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora live beside the project in ../shared/corpora")
    return path


@pytest.mark.slow
def test_wikinews_runs_without_errors(nlp):
    articles = load_corpus(_require(WIKINEWS) / "txt")
    docs = list(nlp.pipe(articles["text"], batch_size=16))
    for doc in docs:
        _check_records(doc)
    assert sum(len(records(d)["actors"]) for d in docs) > 5 * len(docs)


# Issue 12 targets, met on these figures (measured with the current rules):
# set A (gold.json, 12 articles the rules were tuned on): F1 0.963, 0 splits, type accuracy 0.995
# (0.954, 0, 0.985 before issue 12);
# set B (gold_b.json, 18 articles first scored for issue 12, error classes studied on it): F1 0.937,
# 1 split, type accuracy 0.971 (0.862, 9 splits and 0.957 before issue 12).
GOLD_TARGETS = {
    "gold.json": {"F1": 0.95, "split": 0, "type_acc": 0.95},
    "gold_b.json": {"F1": 0.92, "split": 1, "type_acc": 0.95},
}


@pytest.mark.slow
@pytest.mark.parametrize("gold_name", sorted(GOLD_TARGETS))
def test_gold_scores(tmp_path, cache_dir, gold_name):
    from analysis import extract

    gold_path = _require(WIKINEWS / gold_name)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    paths = [WIKINEWS / gold["source"] / article["file"] for article in gold["articles"]]
    extract(paths).save(tmp_path)
    run = subprocess.run([sys.executable, str(SCORER), str(gold_path), str(tmp_path)], capture_output=True,
                         text=True, check=True)
    scores = json.loads(run.stdout)["actors"]
    target = GOLD_TARGETS[gold_name]
    assert scores["F1"] >= target["F1"], scores
    assert scores["split"] <= target["split"], scores
    assert scores["type_acc"] >= target["type_acc"], scores


def test_actor_context_reused_from_the_component_equals_a_rebuild(nlp):
    from analysis.actors.references import build_context

    doc = nlp("Mayor Ana Ruiz opened the new bridge in Lyon on Monday. She said the mayor's office was proud. "
              "Zorvan Tak of the Harbour Board agreed. He thanked the board.")
    reused = A.actor_context(doc)
    lex = load_lexicon(*doc._.presslens_actor_lexicon)
    mentions = [(s, s._.actor) for s in doc.spans[SPANS_KEY] if s._.actor]
    names = [(s, a) for s, a in mentions if not A._is_reference(s, lex)]
    rebuilt = build_context(doc, lex, doc._.presslens_actors, names, mentions)
    assert A._BUILT.get(doc) is not None
    for field in ("actors", "sent_starts", "quoted", "gender", "name_at", "mention_at", "descriptions",
                  "name_starts", "name_ends", "name_sents"):
        assert getattr(reused, field) == getattr(rebuilt, field), field
    # the component resolved "He" to Zorvan Tak (a gender its context then learnt); a rebuild knows
    # no gender for that name, and neither does the reused context
    assert any(s.text == "He" and s._.actor == "Zorvan Tak" for s in doc.spans[SPANS_KEY])
    assert "Zorvan Tak" not in reused.gender


def test_actor_context_rebuilds_when_the_stored_mentions_changed(nlp):
    doc = nlp("Mayor Ana Ruiz opened the new bridge in Lyon on Monday. Ruiz said it was a good day.")
    doc.spans[SPANS_KEY] = [s for s in doc.spans[SPANS_KEY] if s.text != "Lyon"]
    assert "Lyon" not in A.actor_context(doc).name_at.values()

"""Tests of the general name rules of the actors capability (issue 12), one class of case each.

Every sentence here is invented; none comes from a corpus article.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from analysis.actors.component import records
from analysis.actors.names import capital_the
from analysis.actors.words import fold


def _actors(doc: Doc) -> dict[str, dict]:
    return {a["actor"]: a for a in records(doc)["actors"]}


def _named(doc: Doc, name: str) -> str | None:
    """The canonical name of the actor named ``name`` (its canonical name or an alias)."""
    return next((a["actor"] for a in records(doc)["actors"] if name == a["actor"] or name in a["aliases"]), None)


def test_fold_drops_accents_only():
    assert fold("Miloš Zeman") == "milos zeman"
    assert fold("Łódź") == "łodz"  # "Ł" has no decomposition: kept
    assert fold("Plain") == "plain"


@pytest.mark.parametrize("text, one, other", [
    # Class: one name written with and without its diacritics
    ("President Miloš Zemanek opened the fair in Brno. Zemanek said the fair would grow.",
     "Miloš Zemanek", "Zemanek"),
    ("Prime Minister Tomás Ferreira spoke on Monday. Tomas Ferreira said the budget would pass.",
     "Tomás Ferreira", "Tomas Ferreira"),
])
def test_spellings_with_and_without_accents_are_one_actor(nlp, text, one, other):
    doc = nlp(text)
    assert _named(doc, one) is not None and _named(doc, one) == _named(doc, other), _actors(doc)


def test_capital_the_inside_a_sentence(nlp):
    doc = nlp("The figures were first reported by The Daily Courier on Monday.")
    i = next(t.i for t in doc if t.text == "The" and t.i > 0)
    assert capital_the(doc, i)
    assert not capital_the(doc, 0)  # a sentence start says nothing


@pytest.mark.parametrize("text, name", [
    # Class: periodicals whose title holds the article, capitalised in mid-sentence
    ("The figures were first reported by The Daily Courier on Monday.", "The Daily Courier"),
    ("According to a report by The Weekly Ledger, the mine will close.", "The Weekly Ledger"),
])
def test_the_is_kept_in_periodical_names(nlp, text, name):
    found = _actors(nlp(text))
    assert name in found and found[name]["type"] == "organisation", found


@pytest.mark.parametrize("text, present, absent", [
    # Class: bodies named after a place keep it
    ("Doctors at the Medical University of Vesna said the trial had worked.", "Medical University of Vesna",
     "Medical University"),
])
def test_bodies_named_after_a_place_keep_it(nlp, text, present, absent):
    found = _actors(nlp(text))
    assert present in found and absent not in found, found


@pytest.mark.parametrize("text, absent", [
    # Class: a title with its place is no body
    ("The Bishop of Exeter said prayers would be held on Sunday.", "Bishop of Exeter"),
    # Class: religions are not actors (their followers are groups)
    ("Scholars of Hinduism and Christianity met in Madras on Friday.", "Hinduism"),
    ("Scholars of Hinduism and Christianity met in Madras on Friday.", "Christianity"),
    ("He wrote a history of Islam before he retired.", "Islam"),
    # Class: events, programmes and diseases named by their head noun
    ("Leaders met at the Northern Trade Summit in Oslo on Monday.", "Northern Trade Summit"),
    ("The Mass Literacy Campaign reached four thousand villages, officials said.", "Mass Literacy Campaign"),
    ("Shoppers fled the Riverside Mall after the alarm.", "Riverside Mall"),
    # Class: a product is a brand and a model code
    ("The airline bought six Aero A310s and two Zephyr Z-40 jets last year.", "Aero A310s"),
    # Class: streets named street-word first
    ("Police closed the Rue des Lilas after the fire.", "Rue des Lilas"),
    # Class: the short form of a law or treaty is no actor either
    ("Ten states signed the Clean Rivers Act (CRA) on Monday. The CRA takes effect in May.", "CRA"),
    # Class: codes of diseases and models
    ("ZX-19 has killed ten people, and ZX-19 cases are rising.", "ZX-19"),
    # Class: vessels named with a ship prefix
    ("The crew of the MV Northern Star were rescued on Monday.", "MV Northern Star"),
    # Class: a storm or operation named in full once, then by its bare name
    ("Hurricane Zelda grew stronger overnight. Zelda made landfall near the port on Sunday.", "Zelda"),
    ("Typhoon Mirabel hit the coast, and Mirabel killed two people.", "Mirabel"),
    ("Tropical Storm Orla weakened on Monday. Orla brought heavy rain to the islands.", "Orla"),
    ("The ferry MS Northern Star sank. Northern Star had left port on Monday.", "Northern Star"),
    # Class: a time zone after a clock time
    ("The strike began at 4:30 AST on Monday, officials said.", "AST"),
    ("The vote closed at 9 A.M. on Tuesday.", "A.M."),
])
def test_not_actors(nlp, text, absent):
    found = _actors(nlp(text))
    assert absent not in found, found


@pytest.mark.parametrize("text, one, other", [
    # Class: an acronym of a body's name in its own language, in parentheses
    ("Delegates of the Farmers' Union of Lusitania (SAL) met on Monday. The SAL said prices would fall.",
     "SAL", "Farmers' Union of Lusitania"),
    # Class: a second name set off by ", or the" and a comma
    ("The NTB, or the National Transport Board, said the bridge was safe. The NTB will inspect it again.",
     "NTB", "National Transport Board"),
    # Class: a surname spelt two ways in one article
    ("Army spokesman Rustam Karimov said the base was hit. \"We will respond,\" Karimof said.",
     "Karimof", "Rustam Karimov"),
    # Class: a city-state named with and without "City"
    ("Envoys flew to Vallora City on Monday. Vallora said the talks would last a week.", "Vallora", "Vallora City"),
    # Class: birth names
    ("The singer Ann Lee was born Annabel Joy Lindqvist in Oslo. Lee later moved to Paris.",
     "Annabel Joy Lindqvist", "Ann Lee"),
])
def test_two_names_of_one_actor(nlp, text, one, other):
    doc = nlp(text)
    a, b = _named(doc, one), _named(doc, other)
    assert a is not None and a == b, _actors(doc)


def test_birth_name_is_not_canonical(nlp):
    doc = nlp("The singer Ann Lee was born Annabel Joy Lindqvist in Oslo. Lee later moved to Paris.")
    assert "Ann Lee" in _actors(doc)


def test_person_a_body_is_named_after_stays_a_person(nlp):
    doc = nlp("Mary Collins founded the Mary Collins Animal Trust in 1980. Mary Collins said the trust would "
              "grow.")
    found = _actors(doc)
    assert found.get("Mary Collins", {}).get("type") == "person", found
    assert found.get("Mary Collins Animal Trust", {}).get("type") == "organisation", found


@pytest.mark.parametrize("text, label", [
    # Class: interview and transcript labels opening a paragraph are turn markers, not actors
    ("((Globe News)) How long did the survey take?\n\n((Globe News)) Who paid? The Ocean Trust paid.",
     "Globe News"),
    ("Marta Ruiz: How long did the survey take?\n\nMarta Ruiz: About a year. The Ocean Trust paid for it.",
     "Marta"),
    ("Kim Rhee: How long did the survey take?\n\nAbout a year, said the Ocean Trust.", "Kim Rhee"),
])
def test_speaker_labels_are_not_actors(nlp, text, label):
    found = _actors(nlp(text))
    assert _named(nlp(text), label) is None, found


@pytest.mark.parametrize("text, absent", [
    # Class: a one-word "person" that nothing shows to be one (no given name, title, role, full name)
    ("Many feared Dunmorrow would spread. Doctors said Dunmorrow killed ten people.", "Dunmorrow"),
    # Class: a platform written only "on"/"via" is the medium of the message, not its source
    ("Senator Ann Lee wrote on Chirper that the vote was rigged. Her Chirper account has many followers.",
     "Chirper"),
])
def test_words_shown_to_be_no_actor(nlp, text, absent):
    found = _actors(nlp(text))
    assert absent not in found, found


def test_broadcasters_stay_actors(nlp):
    found = _actors(nlp("Senator Ann Lee spoke on Channel Nine News about the vote."))
    assert "Channel Nine News" in found, found


def test_a_name_split_at_its_commas_is_one_when_its_acronym_spells_it(nlp):
    found = _actors(nlp("The World Educational, Scientific and Maritime Organization (WESMO) said the rules would change."))
    assert "World Educational, Scientific and Maritime Organization" in found, found
    found = _actors(nlp("The Harbour Board and the Farming Council (FC) met on Monday."))
    assert "Harbour Board" in found and "Farming Council" in found, found


@pytest.mark.parametrize("text, actor, role", [
    # Class: sports positions and roles are titles before a name, as offices are
    ("Striker Tomas Ekberg scored twice in the first half.", "Tomas Ekberg", "Striker"),
    ("Referee Ann Holt sent off two players on Sunday.", "Ann Holt", "Referee"),
])
def test_sports_roles_are_titles(nlp, text, actor, role):
    doc = nlp(text)
    found = {r["actor"]: r["roles"] for r in records(doc)["actors"]}
    assert role in found.get(actor, []), found


@pytest.mark.parametrize("text, actor, roles", [
    # Class: a role noun after a name and a comma that is the subject of the next verb is no apposition
    ("Per request of Prime Minister Tom Hale, the Queen suspended the session.", "Tom Hale", ["Prime Minister"]),
    ("At the request of Jo Hale, the governor signed the order on Monday.", "Jo Hale", []),
    # ... an apposition keeps its role
    ("Tom Hale, the mayor, said the bridge would open.", "Tom Hale", ["mayor"]),
])
def test_a_clause_subject_after_a_name_is_no_apposition(nlp, text, actor, roles):
    found = {r["actor"]: r["roles"] for r in records(nlp(text))["actors"]}
    assert found[actor] == roles, found


def test_territories_of_the_iso_list_are_places(nlp):
    # Class: a territory that no demonym of the lexicon names is a place, as ISO 3166 lists it
    found = {r["actor"]: r["type"] for r in records(nlp("Officials in Bermuda and Guam said the ships had left."))["actors"]}
    assert found.get("Guam") == "place", found


def test_known_organisations_untagged_by_ner(nlp):
    # Class: a well-known organisation of the lexicon is one even when NER tags nothing ...
    assert "Reddit" in _actors(nlp("Reddit banned the forum on Friday."))
    # ... but its name modifying a noun is that noun's kind
    assert "Uber" not in _actors(nlp("Uber drivers protested in the city on Monday."))


def test_a_weekday_is_not_part_of_a_name(nlp):
    found = _actors(nlp("It was reported on Friday Ann Lindqvist was injured in Oslo. Lindqvist is 40."))
    assert "Ann Lindqvist" in found, found


def test_census_given_names_tell_gender_and_leave_out_other_words():
    from analysis.actors.given import census_given_names
    from analysis.actors.lexicon import load_lexicon

    census = census_given_names()
    assert census["Mary"] == "f" and census["John"] == "m" and census["Jean"] == ""
    given = load_lexicon().given_names
    assert given["Mary"] == "f"
    for word in ("Georgia", "Jordan", "Van", "Miss"):  # two countries, a particle, an honorific
        assert word in census and word not in given


def test_given_name_makes_a_person_whatever_ner_says(nlp):
    found = _actors(nlp("Margaret Okafor Quist met the committee on Monday. Quist said the plan would work."))
    assert found.get("Margaret Okafor Quist", {}).get("type") == "person", found


@pytest.mark.parametrize("text, one, other", [
    # Class: a short form introduced before the full name set off by ", or the"
    ("Delegates said the G9, or the Group of Nine, would meet in May. The G9 was founded in 1990.",
     "G9", "Group of Nine"),
])
def test_acronym_before_or_the_full_name(nlp, text, one, other):
    doc = nlp(text)
    assert _named(doc, one) is not None and _named(doc, one) == _named(doc, other), _actors(doc)


@pytest.mark.parametrize("text, present, absent", [
    # Class: "in + place" after a body locates it; it is not part of the name
    ("The National Health Agency in the United States said cases had doubled.", "National Health Agency",
     "National Health Agency in the United States"),
    # Class: a region takes its place's name after "of"
    ("He was charged by prosecutors of the Eastern District of Texas on Monday.", "Eastern District of Texas",
     "Eastern District"),
    # Class: a campus named after its system, a comma and its city
    ("Geologists at the University of Vesna, Lakeport found the fault.", "University of Vesna, Lakeport",
     "Lakeport"),
    # Class: a city and its district abbreviated with dots is one place
    ("Protesters marched in Riverton, N.J. on Saturday.", "Riverton, N.J.", "N.J."),
])
def test_place_phrases_after_names(nlp, text, present, absent):
    found = _actors(nlp(text))
    assert present in found and absent not in found, found


@pytest.mark.parametrize("text, group", [
    # Class: a compound demonym is one group, not a body
    ("Turkish Cypriot leaders met Greek Cypriot negotiators in Nicosia.", "Turkish Cypriot"),
    # Class: a people the lexicon does not list, used as an adjective
    ("The Sorbian minority asked for schools in its language.", "Sorbian"),
])
def test_unlisted_peoples_are_groups(nlp, text, group):
    found = _actors(nlp(text))
    assert found.get(group, {}).get("type") == "group", found


def test_given_name_first_is_no_person_evidence_for_a_place(nlp):
    from analysis.actors.clusters import _type_evidence
    from analysis.actors.lexicon import load_lexicon

    doc = nlp("Police in Grace Harbour arrested ten people.")
    name = doc[2:4]
    assert _type_evidence(doc, name, "PERSON", load_lexicon(), {})["person"] == 3
    assert _type_evidence(doc, name, "GPE", load_lexicon(), {})["person"] == 0


@pytest.mark.parametrize("text, present, absent", [
    # Class: a body's name split by NER at an internal "and" is one name
    ("Researchers at the Halvard School of Marine and Atmospheric Science said the reef was dying.",
     "Halvard School of Marine and Atmospheric Science", "Atmospheric Science"),
])
def test_names_split_at_an_internal_and_are_joined(nlp, text, present, absent):
    found = _actors(nlp(text))
    assert present in found and absent not in found, found


def test_a_person_after_and_stays_apart(nlp):
    found = _actors(nlp("Divers from the University of Vesna and Tom Okafor of Reef Trips found the wreck."))
    assert "Tom Okafor" in found, found


def test_a_news_agency_named_after_via_is_a_source(nlp):
    found = _actors(nlp("Officials spoke via news agency Novitel on Monday."))
    assert "Novitel" in found, found


@pytest.mark.parametrize("text, word, kind", [
    # Class: a one-word person whose word is a known surname stays a person ("the Nguyen administration")
    ("The move was the Nguyen administration's latest attempt.", "Nguyen", "person"),
    # Class: a one-word name cased like a brand is a body, whatever NER said
    ("UpLift said the data leak was fixed.", "UpLift", "organisation"),
    # ... a word always written with an article names a thing, even a given name ("the Oscar")
    ("She was nominated for the Oscar twice.", "Oscar", ""),
    # ... and any other word with nothing to show it names a person is no actor
    ("Dunmorrow spread fast.", "Dunmorrow", ""),
])
def test_one_word_person_votes(nlp, text, word, kind):
    from analysis.actors.clusters import Actor, vote_types
    from analysis.actors.lexicon import load_lexicon

    doc = nlp(text)
    i = next(t.i for t in doc if t.text == word)
    actor = Actor(key=word.lower(), names=[doc[i:i + 1]], words=(word,))
    actor.votes["person"] = 2.0  # as if NER had tagged it PERSON
    vote_types(doc, [(doc[i:i + 1], actor)], load_lexicon())
    assert actor.type == kind


@pytest.mark.parametrize("text, actor", [
    # Class: honorifics beyond English ones are no part of the name, and tell a person
    ("Sra. Lucía Ferreyra Montes said the clinic would reopen.", "Lucía Ferreyra Montes"),
    ("Herr Klaus Oberlinden said the bridge was safe.", "Klaus Oberlinden"),
    ("Ayatollah Hassan Kermani spoke at the mosque on Friday.", "Hassan Kermani"),
])
def test_honorifics_of_other_languages_and_faiths(nlp, text, actor):
    found = _actors(nlp(text))
    assert found.get(actor, {}).get("type") == "person", found


def test_compound_demonym_is_one_group(nlp):
    found = _actors(nlp("Saudi Arabian officials met Greek Cypriot negotiators in Geneva."))
    assert found.get("Saudi Arabian", {}).get("type") == "group", found
    assert found["Saudi Arabian"]["affiliation"] == "Saudi Arabia"  # the compound is in the demonym list


def test_legal_suffixes_from_cleanco():
    from analysis.actors.suffixes import is_legal_suffix

    assert is_legal_suffix("GmbH") and is_legal_suffix("Ltd") and is_legal_suffix("Kft.") and is_legal_suffix("AS")
    assert not is_legal_suffix("As") and not is_legal_suffix("Lindqvist")


def test_a_name_ending_in_a_legal_form_is_a_company(nlp):
    found = _actors(nlp("Jonas Lind ApS said profits fell on Monday."))  # NER: a person
    assert found.get("Jonas Lind ApS", {}).get("type") == "organisation", found


def test_abbreviated_country_in_a_body_name_is_one_name(nlp):
    doc = nlp("The U.S. Embassy in Vesna closed on Monday. The United States Embassy said it would reopen.")
    assert _named(doc, "U.S. Embassy") is not None and _named(doc, "U.S. Embassy") == _named(
        doc, "United States Embassy"), _actors(doc)


@pytest.mark.parametrize("text", [
    # Class: a headline in title case, its verb capitalised next to a name
    "Lindgren Says Museum Will Open\n\nOlav Lindgren spoke on Monday.",
    # Class: a quotation right after a name in a headline
    "Lindgren Sees 'Grave Insult' in Vote\n\nOlav Lindgren spoke on Monday.",
    # Class: a doubled apostrophe used as a quotation mark after a name
    "She said that Olav Lindgren ''doesn't want it'' at all.",
])
def test_headline_verbs_and_quote_marks_are_no_part_of_names(nlp, text):
    found = _actors(nlp(text))
    assert list(found) == ["Olav Lindgren"], found


def test_given_name_and_surname_outvote_a_surname_tagged_as_a_body(nlp):
    from analysis.actors.clusters import Actor, vote_types
    from analysis.actors.lexicon import load_lexicon

    doc = nlp("Mary Okafor was shot by police. Okafor was 43.")
    actor = Actor(key="mary okafor", names=[doc[0:2], doc[7:8]], words=("Mary", "Okafor"), primary="person")
    actor.votes.update({"person": 2.0, "organisation": 7.0})  # as if NER had called the surname a body often
    vote_types(doc, [(doc[0:2], actor), (doc[7:8], actor)], load_lexicon())
    assert actor.type == "person"


@pytest.mark.parametrize("text, site", [
    # Class: a news site named by its bare web address, which NER leaves untagged
    ("In remarks to Nordlys.no on Monday, the mayor said the plant would close.", "Nordlys.no"),
    ("The court ordered the removal of an article from the news site vesna24.at on Monday.", "vesna24.at"),
])
def test_web_addresses_of_outlets_are_organisations(nlp, text, site):
    found = _actors(nlp(text))
    assert found.get(site, {}).get("type") == "organisation", found

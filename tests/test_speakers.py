"""Speakers resolved from the structure of the article, or left honestly unresolved (issue 13).

Every sentence here is invented; each test names the class of cases its rule is written for.
"""

from __future__ import annotations

import pytest

from analysis.quotes import component as Q


def _speakers(nlp, text: str) -> list[tuple[str | None, str | None]]:
    rows = Q.records(nlp(text))["quotes"]
    for row in rows:  # the mention is always the text at its offsets
        assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker_text"]
    return [(r["speaker_text"], r["speaker"]) for r in rows]


# --- a relative pronoun stays the mention, resolved from its noun phrase ---------------------

def test_relative_pronoun_of_a_document_speaks_for_its_issuer(nlp):
    # class: "X released a statement which read ...": the statement, issued by X
    text = ('Mayor Ines Vandermeer opened the new pier on Sunday. Vandermeer released a statement which '
            'read, in part, "The pier belongs to every fisher in this town."')
    assert ("which", "Ines Vandermeer") in _speakers(nlp, text)


# --- plural "they" -------------------------------------------------------------------------------

def test_they_shows_a_described_group(nlp):
    # class: "The researchers ... . They said": the description the pronoun continues, without an actor
    text = "The researchers measured the ice every year. They said the melt had doubled since 2010."
    assert _speakers(nlp, text) == [("The researchers", None)]


def test_they_after_the_content_subject(nlp):
    # class: "Prosecutors charged him, they said": the subject of the reported clause
    text = "Prosecutors charged the driver with manslaughter on Friday, they said."
    assert _speakers(nlp, text) == [("Prosecutors", None)]


def test_they_for_an_organisation_stays_resolved_to_it(nlp):
    # class: the nearest plural subject is a named organisation: the actor, the mention kept
    text = "The United Nations Children's Fund issued a warning on Monday. They said the outbreak would spread."
    assert _speakers(nlp, text) == [("They", "United Nations Children's Fund")]


@pytest.mark.parametrize("text", [
    # the nearest plural subject names no speaker: no guess
    "Prices for bread rose for a third month. They said the harvest had failed.",
    # the plural subject of a clause reported in an earlier sentence is not what "they" continues
    "The audit found that officers had ignored the alarms. They said the system had failed twice.",
])
def test_they_stays_unresolved(nlp, text):
    assert _speakers(nlp, text)[-1] == ("They", None)


# --- documents and their issuers --------------------------------------------------------------

def test_statement_from_a_persons_office(nlp):
    # class: the office of a person issues statements in that person's name
    text = ("Governor Tomas Ferreira met the striking nurses on Tuesday. According to a statement released "
            "by Ferreira's office, the talks will resume on Friday.")
    assert ("a statement", "Tomas Ferreira") in _speakers(nlp, text)


def test_back_reference_to_a_statement_in_an_earlier_sentence(nlp):
    # class: "X, in a statement, announced ... . The statement also said": the issuer of the first one
    text = ("Chancellor Helga Brandvold, in a statement posted online, announced new tariffs on steel. "
            "The statement also said the tariffs would end in June.")
    assert ("The statement", "Helga Brandvold") in _speakers(nlp, text)


def test_issuer_in_its_own_paragraph_after_a_caption(nlp):
    # class: the parser runs a paragraph into the caption lines before it and gives the verb a second
    # subject there: the issuer is the subject in the verb's own paragraph
    text = ("Related news\n\n\u2588\u2588 Vesmark Republic\n\nLate on Sunday, the Vesmark Chancellor Helga "
            "Brandvold, in a statement posted online, announced new tariffs on steel. The statement also said "
            "the tariffs would end in June.")
    assert ("The statement", "Helga Brandvold") in _speakers(nlp, text)


def test_document_named_after_an_earlier_act(nlp):
    # class: "The court ruled ... . According to the ruling": the one who did the act issued it
    text = ("The Coastal Appeals Court ruled on Tuesday in a dispute over fishing rights. According to the "
            "ruling, the boats may fish within ten miles of the shore.")
    assert ("the ruling", "Coastal Appeals Court") in _speakers(nlp, text)


# --- descriptions of organisations and roles --------------------------------------------------

def test_organisation_named_by_words_of_its_name(nlp):
    # class: a description made of an organisation's own words, its kind last
    text = ("The Ilse Marlow Music Foundation was set up in 1990 to fund young players. "
            "Marlow's music foundation said the concert would go ahead.")
    assert ("Marlow's music foundation", "Ilse Marlow Music Foundation") in _speakers(nlp, text)


def test_national_government_speaks_for_its_country(nlp):
    # class: "the Peruvian government said": the country, when the article names it
    text = ("Chile and Peru signed a border accord on Monday. The Peruvian government said the crossing "
            "would open in May.")
    assert ("The Peruvian government", "Peru") in _speakers(nlp, text)


def test_minister_and_secretary_of_one_portfolio(nlp):
    # class: a portfolio's "minister" in one country is its "secretary" in another
    text = ("Foreign Secretary Lisbet Moreau flew to the capital on Monday. The foreign minister said "
            "the talks had gone well.")
    assert ("The foreign minister", "Lisbet Moreau") in _speakers(nlp, text)


def test_bare_secretary_is_no_minister(nlp):
    # a bare title names no portfolio: "the secretary" is not the foreign minister
    text = ("Foreign Minister Lisbet Moreau flew to the capital on Monday. The secretary said "
            "the talks had gone well.")
    assert ("The secretary", "Lisbet Moreau") not in _speakers(nlp, text)


def test_plural_title_is_no_one_person(nlp):
    # class: "the officers" after "Officer Dana Whitlow" names a group, not Dana Whitlow
    text = ("Officer Dana Whitlow and two colleagues were suspended in March. The officers said they "
            "would appeal the ruling.")
    speakers = _speakers(nlp, text)
    assert ("The officers", None) in speakers


def test_they_for_a_collective_noun(nlp):
    # class: a collective noun ("the team", "the crew") continued by plural "they"
    text = ("The survey team, led by a retired geologist, mapped the valley in April. They found the river "
            "had moved two kilometres.")
    assert _speakers(nlp, text)[-1] == ("The survey team", None)


def test_they_skips_subjects_inside_a_quotation(nlp):
    # class: a subject inside a quotation is the quoted speaker's: "they" continues the article's subject
    text = ('The Harbour Authority closed the pier on Monday. Its notice read: "Divers found cracks in two '
            'pillars." They also said the ferry would not run until May.')
    assert _speakers(nlp, text)[-1] == ("They", "Harbour Authority")


# --- "he" or "she" continues a described speaker -----------------------------------------------

def test_she_continues_a_role_description(nlp):
    # class: a role description spoke just before; "she" continues it, not an earlier name
    text = ('Judge Amos Terhune opened the hearing on Monday. The head of the inspection unit told the court '
            '"Nobody checked the valves." She also said "We were called far too late."')
    assert _speakers(nlp, text)[-1] == ("The head of the inspection unit", None)


@pytest.mark.parametrize("text", [
    # a person named in between: no guess
    ('The head of the inspection unit told the court "Nobody checked the valves." Later Mira Castell '
     'arrived. She said "We were called far too late."'),
    # the description's noun tells the other gender
    ('The spokesman for the inspection unit told the court "Nobody checked the valves." She also said '
     '"We were called far too late."'),
])
def test_she_does_not_continue(nlp, text):
    assert _speakers(nlp, text)[-1][0] == "She"


def test_they_for_names_in_apposition_stays_a_joint_source(nlp):
    # class: a plural description with a list of names in apposition is a joint source: "they" keeps
    # its mention (no one actor may be read from the first name of the list)
    from analysis.quotes.speakers import speaker_mention

    text = ("The lead researchers, Ana Ruiz and Tomas Lindqvist, tested the water. They found the lake "
            "had warmed.")
    doc = nlp(text)
    they = text.index("They")
    assert speaker_mention(doc, (they, they + 4), []) is None
    text = "The lead researchers tested the water. They found the lake had warmed."
    doc = nlp(text)
    they = text.index("They")
    assert speaker_mention(doc, (they, they + 4), []) == (0, len("The lead researchers"))


def test_organisation_named_by_its_kind(nlp):
    # class: "the academy" for the one organisation of that kind the article names
    text = ("The Baltic Academy of Sciences awarded the prize to a poet on Monday. According to the academy, "
            "the jury met four times.")
    assert ("the academy", "Baltic Academy of Sciences") in _speakers(nlp, text)
    # two organisations of that kind: no guess
    text = ("The Baltic Academy of Sciences and the Danube Academy of Music awarded prizes on Monday. According "
            "to the academy, the jury met four times.")
    assert ("the academy", None) in _speakers(nlp, text)


def test_a_company_or_club_called_by_its_kind(nlp):
    # class: business and sports news call a company or club "the company", "the club" whatever
    # its name: the only organisation named in the noun's paragraph or the one before
    text = ("Shares in Velmora Foods fell sharply on Tuesday after a weak harvest.\n\n"
            "The company said its margins would shrink this year.")
    assert ("The company", "Velmora Foods") in _speakers(nlp, text)
    text = ("Castlebury won their fourth match in a row on Saturday.\n\n"
            "The club said that tickets for the final would go on sale on Monday.")
    assert ("The club", "Castlebury") in _speakers(nlp, text)
    text = ("Ostrava Mutual raised its mortgage rates on Friday.\n\n"
            "The lender said that the rise would be its last this year.")
    assert ("The lender", "Ostrava Mutual") in _speakers(nlp, text)
    # a description by place and product: "the Oslo-based paint maker"
    text = ("Velmora Paints raised its prices on Monday. The Oslo-based paint maker said costs had risen.")
    assert ("The Oslo-based paint maker", "Velmora Paints") in _speakers(nlp, text)
    # a company named paragraphs earlier may not be the one meant: no guess
    text = ("Shares in Velmora Foods fell sharply on Tuesday.\n\nPrices of grain rose in May.\n\n"
            "Bakers blamed the weather.\n\nThe company said its margins would shrink.")
    assert ("The company", None) in _speakers(nlp, text)
    # a sector is not a company: "the farming business"
    text = ("Velmora Foods opened a mill in the valley.\n\n"
            "The farming business said the mill would bring jobs, the mayor said.")
    assert ("The farming business", "Velmora Foods") not in _speakers(nlp, text)


def test_they_for_a_coordinated_subject(nlp):
    # class: plural "they" for a coordination of names: the coordination, a joint source (no one actor)
    text = ("Mayor Ana Ruiz and Governor Tomas Lindqvist met in the harbour on Monday. They said the ferry "
            "would run again in May.")
    assert _speakers(nlp, text)[-1] == ("Mayor Ana Ruiz and Governor Tomas Lindqvist", None)
    # a coordination of things is no speaker
    text = "Bread and milk rose in price for a third month. They said the harvest had failed."
    assert _speakers(nlp, text)[-1] == ("They", None)


# --- the frame of a quotation ------------------------------------------------------------------

def test_aside_between_dashes_does_not_frame_the_quotation(nlp):
    # class: a writer's aside between dashes, with a cue of its own, separates a cue from its quotation
    text = ('The mayor commented on the plan — which the local paper noted as a rare step — "We cannot '
            'wait another year for this bridge to open."')
    rows = Q.records(nlp(text))["quotes"]
    direct = [(r["speaker_text"], r["cue"]) for r in rows if r["kind"] == "direct"]
    assert direct == [("The mayor", "comment")]

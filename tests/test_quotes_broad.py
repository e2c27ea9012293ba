"""Tests of PolNeAR's broad reading of attribution (attributions="all"): the cue classes of
:mod:`analysis.quotes.broad` and the negated and reason-giving stances of :mod:`analysis.quotes.cues`.
Every sentence is invented."""

from __future__ import annotations

import pytest

from analysis.quotes import component as Q


@pytest.fixture(scope="module")
def nlp_all():
    """The pipeline with attributions="all"."""
    from analysis import load_pipeline

    return load_pipeline(attributions="all")


def _rows(nlp, text: str) -> list[tuple]:
    return [(r["speaker_text"], r["cue"], r["quote"], r["kind"]) for r in Q.records(nlp(text))["quotes"]]


BROAD_CASES = [
    # the reason of a thanks in the speaker's own words: the object and its quoted reason
    ('Jan Roe thanked the crew for "their courage and their speed".',
     ("Jan Roe", "thank", 'the crew for "their courage and their speed"', "mixed")),
    # a negated act is annotated with its content
    ("The governor did not mention the new tax.", ("The governor", "mention", "the new tax", "indirect")),
    # a stance carries its reason in a "for" phrase
    ("The coach mocked the referee for ignoring the foul.",
     ("The coach", "mock", "the referee for ignoring the foul", "indirect")),
    # a stance carries its terms in the phrases after its object, not its time or occasion
    ("The council backed the plan with some changes.",
     ("The council", "back", "the plan with some changes", "indirect")),
    ("The governor praised the nurses in a speech on Monday.", ("The governor", "praise", "the nurses", "indirect")),
    # a verb of appearance: subject and predicate, no named source
    ("The new bridge seems too narrow for trucks.",
     (None, "seem", "The new bridge seems too narrow for trucks", "indirect")),
    ("Most shoppers appear ready to pay more.", (None, "appear", "Most shoppers appear ready to pay more", "indirect")),
    # "it seems that": the clause, no source (not "it")
    ("It seems that the talks have stalled.", (None, "seem", "that the talks have stalled", "indirect")),
    ("The new plan sounds like a trap for renters.",
     (None, "sound", "The new plan sounds like a trap for renters", "indirect")),
    # an adverb of hearsay: its clause, short of a coordinated one, without a named source
    ("The firm reportedly paid two million dollars for the land, and the deal closed in May.",
     (None, "reportedly", "The firm reportedly paid two million dollars for the land", "indirect")),
    # an agentless passive of a belief verb with a to-infinitive
    ("The mayor is expected to resign next week.",
     (None, "expect", "The mayor is expected to resign next week", "indirect")),
    # a second verb sharing the first one's subject: its predicate
    ("The coach is moving to Ohio but is expected to return next year.",
     (None, "expect", "to return next year", "indirect")),
    # the same as a participle of the noun it describes
    ("The town enters a winter expected to bring record snow.",
     (None, "expect", "a winter expected to bring record snow", "indirect")),
    # a report whose source the parse does not give stands with its content and no speaker
    ("Younger voters are more likely to say that prices are too high.",
     (None, "say", "that prices are too high", "indirect")),
    # stances and publications of the broad lexicon with a noun-phrase object
    ("The council embraced the new parking plan.", ("The council", "embrace", "the new parking plan", "indirect")),
    ("The agency released a report on river pollution.",
     ("The agency", "release", "a report on river pollution", "indirect")),
    # stances of liking, thanking and likening with their object and its phrases
    ("She likes the idea of a shorter week.", ("She", "like", "the idea of a shorter week", "indirect")),
    ("The coach thanked the fans for their patience.",
     ("The coach", "thank", "the fans for their patience", "indirect")),
    ("The senator compared the new tax to a toll road.",
     ("The senator", "compare", "the new tax to a toll road", "indirect")),
    # a vote is a stance on what it is for or against; a topic dwelt on
    ("The council voted against the new parking fees.",
     ("The council", "vote", "the new parking fees", "indirect")),
    ("The governor focused on school funding.", ("The governor", "focus", "school funding", "indirect")),
    # verbs of coming to know: their clause or object, as beliefs
    ("The mayor learned that the plant would close.", ("The mayor", "learn", "that the plant would close", "indirect")),
    ("The farmers understand the risk of a dry summer.",
     ("The farmers", "understand", "the risk of a dry summer", "indirect")),
    # the object of a stance's preposition can be a gerund clause
    ("The senator has called for ending the tax on bread.",
     ("The senator", "call", "ending the tax on bread", "indirect")),
    # a poll as the source of a clause whose verb takes its subject from the main verb
    ("The mayor continues to lead in polls.", ("polls", "in", "The mayor continues to lead", "indirect")),
    # pleading a cause, touching on a topic
    ("The nurses advocated for a shorter work week.", ("The nurses", "advocate", "a shorter work week", "indirect")),
    ("The mayor touched on the housing shortage.", ("The mayor", "touch", "the housing shortage", "indirect")),
    # a name alone after a stance's preposition
    ("The council voted for Ruiz.", ("The council", "vote", "Ruiz", "indirect")),
    # a quantifier with an "of" phrase is a noun phrase of its own, not an anaphor
    ("The mayor did not mention any of his rivals.", ("The mayor", "mention", "any of his rivals", "indirect")),
    # a word that stands for the statement: "said so", "said yes"
    ("The mayor said so on Monday.", ("The mayor", "say", "so", "indirect")),
    ("Asked about the plan, most tenants said yes.", ("most tenants", "say", "yes", "indirect")),
    # an "as" adjunct with a speech verb attributes the clause it is set in
    ("As the local paper reported, the mayor was also accused of fraud.",
     ("the local paper", "report", "the mayor was also accused of fraud", "indirect")),
    # a postposed frame after a reported sentence that opens with a condition
    ("If the bill fails, the town will lose its clinic, the mayor said.",
     ("the mayor", "say", "If the bill fails, the town will lose its clinic", "indirect")),
    # a writer's aside after a comma ends the content
    ("The governor also attacked the mayor, with whom he clashed last year.",
     ("The governor", "attack", "the mayor", "indirect")),
    ("The coach did not suggest it would be the new striker, who has scored ten goals.",
     ("The coach", "suggest", "it would be the new striker", "indirect")),
    # a question put by someone unnamed
    ("The senator was asked whether she would run again.", (None, "ask", "whether she would run again", "indirect")),
    # a noun of saying with a that-clause and a possessive source
    ("His assertion that the tax would fall was false.", ("His", "assertion", "that the tax would fall", "indirect")),
    # a noun of stance with its preposition, the possessive as source
    ("The mayor's criticism of the budget was sharp.", ("The mayor", "criticism", "the budget", "indirect")),
    # a noun of intention that a verb's subject holds
    ("The company drew up plans to close two factories.",
     ("The company", "plan", "to close two factories", "indirect")),
    # a noun of stance with no source
    ("Support for the new stadium has faded.", (None, "support", "the new stadium", "indirect")),
    # predicate adjectives of attitude with a prepositional, whether- or to-complement
    ("Several farmers are skeptical of the new subsidy.",
     ("Several farmers", "skeptical", "the new subsidy", "indirect")),
    ("Most residents are unsure whether the dam will hold.",
     ("Most residents", "unsure", "whether the dam will hold", "indirect")),
    ("The union is eager to settle the dispute.", ("The union", "eager", "to settle the dispute", "indirect")),
    # a speech verb with a bare noun-phrase object
    ("The ministry announced new limits on fishing.",
     ("The ministry", "announce", "new limits on fishing", "indirect")),
    # an act reported in a gerund
    ("The club reported raising two million dollars.",
     ("The club", "report", "raising two million dollars", "indirect")),
    # a question after a preposition of the lexicon
    ("The senator spoke about how the mill had closed.",
     ("The senator", "speak", "how the mill had closed", "indirect")),
    # the noun an object relative clause modifies
    ("The museum bought the painting the critics praised.", ("the critics", "praise", "the painting", "indirect")),
    # a stance in the agentless passive, with its predicate
    ("The new library was widely criticized as a waste of money.",
     (None, "criticize", "The new library was widely criticized as a waste of money", "indirect")),
    # "it was reported that": the clause, no named source
    ("It was reported that the factory would close.", (None, "report", "that the factory would close", "indirect")),
    # a verb of regard with an "as" predicate
    ("Most critics see the merger as a threat to small farms.",
     ("Most critics", "see", "the merger as a threat to small farms", "indirect")),
    # a poll as the source of the clause it is set in, on either side
    ("The governor leads by six points in the latest poll.",
     ("the latest poll", "in", "The governor leads by six points", "indirect")),
    # a whole made of polls speaks for them
    ("The mayor leads her rival by nine points in the average of recent polls.",
     ("the average of recent polls", "in", "The mayor leads her rival by nine points", "indirect")),
    ("In the new survey, most parents favor a longer school day.",
     ("the new survey", "in", "most parents favor a longer school day", "indirect")),
    # signing a text or nominating someone is a stance on it (all only)
    ("The senator signed a pledge against new taxes.",
     ("The senator", "sign", "a pledge against new taxes", "indirect")),
    ("The president nominated a federal judge to the high court.",
     ("The president", "nominate", "a federal judge to the high court", "indirect")),
    ("The governor vetoed the budget bill.", ("The governor", "veto", "the budget bill", "indirect")),
    ("The board adopted a stricter parking rule.",
     ("The board", "adopt", "a stricter parking rule", "indirect")),
    ("The coach accepted the offer from the league.",
     ("The coach", "accept", "the offer from the league", "indirect")),
    ("The council abandoned the plan for a new stadium.",
     ("The council", "abandon", "the plan for a new stadium", "indirect")),
    ("The minister downplayed the risk of a flood.",
     ("The minister", "downplay", "the risk of a flood", "indirect")),
    ("The farmers bemoaned the long delays at the border.",
     ("The farmers", "bemoan", "the long delays at the border", "indirect")),
    ("The coach relished the chance to play at home.",
     ("The coach", "relish", "the chance to play at home", "indirect")),
    # the poll's phrase hung on the object measures the whole clause
    ("The governor has a six-point lead in the latest poll.",
     ("the latest poll", "in", "The governor has a six-point lead", "indirect")),
    # what a poll or a study finds is its finding (not so a thing a person finds, see below)
    ("A new survey found broad support for the toll among drivers.",
     ("A new survey", "find", "broad support for the toll among drivers", "indirect")),
    ("The study found no link between the two diseases.",
     ("The study", "find", "no link between the two diseases", "indirect")),
    # a poll that places someone reports a finding: the object with where it is placed
    ("A new poll puts the mayor at 40 percent among likely voters.",
     ("A new poll", "put", "the mayor at 40 percent among likely voters", "indirect")),
    ("The latest survey has the senator leading by four points.",
     ("The latest survey", "have", "the senator leading by four points", "indirect")),
]


@pytest.mark.parametrize("text, expected", BROAD_CASES)
def test_broad_cues(nlp_all, text, expected):
    assert expected in _rows(nlp_all, text)


@pytest.mark.parametrize("text", [case[0] for case in BROAD_CASES])
def test_statements_mode_leaves_out_broad_cues(nlp, text):
    # class: none of these is something someone said or wrote (the Wikinews conventions)
    assert _rows(nlp, text) == []


@pytest.mark.parametrize("text", [
    "There was no comment from the council.",  # "no comment": nothing attributed
    "The plan seems fine to them, he said.",  # a judgement inside a reported clause is said, not seen
    "She is able to swim across the lake.",  # an adjective of ability tells no attitude
    "The firm found a new office downtown.",  # a thing found is no finding
    "The poll has a margin of error of three points.",  # a property of the poll, placed nowhere
    "The mayor told reporters about the flood.",  # the object of "tell" is the addressee
    "The director saw the film twice.",  # a verb of regard without a predicate
])
def test_broad_not_cues(nlp_all, text):
    assert not any(r[1] in ("comment", "seem", "able", "find", "tell", "see", "have") for r in _rows(nlp_all, text))


def test_medium_under_a_cue_leaves_the_source_to_its_subject(nlp_all):
    # class: "said in a statement": the subject of the cue is the source, the statement is no second one
    rows = _rows(nlp_all, "The governor said in a statement that the roads were safe.")
    assert rows == [("The governor", "say", "that the roads were safe", "indirect")]


def test_participle_frame_hung_on_a_quotation(nlp_all, nlp):
    # class: the parser makes the frame ("..., telling the crowd,") the complement of the quotation
    # after it: the frame's subject speaks, not a noun of the frame's clause
    text = 'The senator seemed ready to joke about the storm in Ohio, telling the crowd, "Some days are long."'
    for pipeline in (nlp_all, nlp):
        assert ("The senator", "tell", "Some days are long.", "direct") in _rows(pipeline, text)


def test_sourceless_cue_leaves_quotation_to_its_frame(nlp_all):
    # class: a judgement around quoted words: the quotation belongs to the verb that frames it
    rows = _rows(nlp_all, 'The mayor appeared to defend the plan by saying, "We have no choice left."')
    assert ("The mayor", "say", "We have no choice left.", "direct") in rows
    assert not any(r[1] == "appear" for r in rows)


def test_nominal_cue_with_its_own_source_keeps_quoted_words(nlp_all):
    rows = _rows(nlp_all, 'His assertion that the fund was "perfectly safe" was wrong.')
    assert ("His", "assertion", 'that the fund was "perfectly safe"', "mixed") in rows


def test_unnamed_cue_leaves_quotations_to_their_frames(nlp_all):
    # class: a quotation is attributed by the frame that names its speaker, never by a cue without one
    rows = _rows(nlp_all, 'Voters are likely to say "the roads are a mess," the survey found.')
    assert not any(r[0] is None and "roads" in r[2] for r in rows)


def test_directive_addressee_after_on(nlp, nlp_all):
    # class: the addressee of a demand after "on" belongs to the content, as after "urged"
    for pipeline in (nlp, nlp_all):
        assert _rows(pipeline, "The senator called on the governor to return the money.") == [
            ("The senator", "call", "the governor to return the money", "indirect")]


def test_frame_inside_the_clause_reports_its_rest(nlp, nlp_all):
    # class: a frame set between commas in the middle of the clause it reports: the words after it
    # are the source's too
    text = "The firm also had two rival bids, officials said, the first from a bank in Ohio and the second from a fund."
    for pipeline in (nlp, nlp_all):
        rows = _rows(pipeline, text)
        assert any(r[:2] == ("officials", "say") and r[2].startswith("The firm also had two rival bids")
                   and r[2].endswith("the second from a fund") for r in rows), rows


def test_frame_at_the_end_keeps_only_the_clause_before(nlp_all):
    # a frame that ends the sentence has nothing after it to report
    assert _rows(nlp_all, "The ferry will stop running in May, the harbour master said.") == [
        ("the harbour master", "say", "The ferry will stop running in May", "indirect")]


def test_proform_needs_a_verb_of_saying(nlp_all):
    # "so" after a verb that is no report ("did so", "tried so hard") is no statement
    assert not any(r[2] == "so" for r in _rows(nlp_all, "The team did so on Monday."))


def test_continue_reports_only_a_quotation(nlp, nlp_all):
    # class: "continue" frames a quotation; its unquoted complement is what goes on, not a report
    for pipeline in (nlp, nlp_all):
        assert not any(r[1] == "continue" for r in _rows(pipeline, "Exports continued to fall in May, the agency said."))
        assert not any(r[1] == "continue" for r in _rows(pipeline, "The mayor continued visiting the flooded farms."))
        rows = _rows(pipeline, 'The mayor paused. "We will rebuild every bridge," she continued.')
        assert any(r[:2] == ("she", "continue") and r[3] == "direct" for r in rows), rows


def test_relative_clause_object_is_the_content(nlp_all):
    # class: the noun a relative clause leaves its object to is what the act was about, also when
    # the preposition of the verb's entry is left at the end
    assert ("the senator", "vote", "The bill", "indirect") in _rows(nlp_all, "The bill the senator voted for has passed.")


@pytest.mark.parametrize("text", [
    "It was the first time the two rivals spoke since May.",  # a time
    "The town where the senator campaigned is small.",  # a place
    "The neighbours I have spoken with are angry.",  # the partner of the act
])
def test_adverbial_relative_clause_reports_nothing(nlp_all, text):
    # class: a relative clause that dates or places an act, or names its partner, says nothing of its content
    assert _rows(nlp_all, text) == []


def test_question_the_parser_hangs_on_ask_as_an_adjunct(nlp_all):
    # class: "asked if ..." with the question parsed as an adjunct of "asked": still the question put
    rows = _rows(nlp_all, "Asked if he thought the email went too far, the senator said the campaign would decide.")
    assert (None, "ask", "if he thought the email went too far", "indirect") in rows


def test_naming_with_the_object_folded_into_the_predicate(nlp, nlp_all):
    # class: the parser makes the object the subject of the predicate ("calls [Ruiz unqualified]"):
    # the predicate's phrase is what is named, in both readings (a naming is a statement)
    for pipeline in (nlp, nlp_all):
        assert ("The senator", "call", "Ruiz unqualified", "indirect") in _rows(pipeline, "The senator calls Ruiz unqualified.")


def test_prepositional_object_named_as_something(nlp, nlp_all):
    # class: "referred to X as Y" names X as "called X Y" does: the object with its predicate, a
    # statement in both readings
    for pipeline in (nlp, nlp_all):
        assert _rows(pipeline, "The mayor referred to the new bridge as a waste of money.") == [
            ("The mayor", "refer", "the new bridge as a waste of money", "indirect")]


@pytest.mark.parametrize("text, expected", [
    # class: an apostrophe of a possessive or a contraction is no quotation mark: the content is not
    # left to a quotation's frame
    ("The mayor was critical of the council's plan.", ("The mayor", "critical", "the council's plan", "indirect")),
    ("Voters' views of the plan seem mixed.", (None, "seem", "Voters' views of the plan seem mixed", "indirect")),
])
def test_apostrophe_is_no_quotation_mark(nlp_all, text, expected):
    assert expected in _rows(nlp_all, text)


def test_has_quote_mark():
    from analysis.quotes.marks import has_quote_mark

    assert not has_quote_mark("the council's plan")
    assert not has_quote_mark("the voters' views, they don't")
    assert has_quote_mark("a 'strategic' choice")
    assert has_quote_mark('the "big" plan')
    assert has_quote_mark("he said ’no’")


def test_is_quote_token(nlp_all):
    from analysis.quotes.marks import is_quote_token

    doc = nlp_all("The voters' views on the 'new' plan differ.")
    assert [t.text for t in doc if is_quote_token(t)] == ["'", "'"]


def test_second_that_clause_stays_with_its_cue(nlp, nlp_all):
    # class: "said X but that Y": the that-clause is the same cue's second report, even when its verb
    # is a cue of its own
    text = "The senator said a deal involved hard choices but that the governor should have insisted on more."
    for pipeline in (nlp, nlp_all):
        rows = _rows(pipeline, text)
        assert ("The senator", "say", "that the governor should have insisted on more", "indirect") in rows, rows


def test_that_clause_misread_as_relative_of_a_time(nlp, nlp_all):
    # class: "said for the first time that ...": the clause after the time phrase is the report
    for pipeline in (nlp, nlp_all):
        assert ("The agency", "say", "that the plant had leaked", "indirect") in _rows(
            pipeline, "The agency said for the first time that the plant had leaked.")


def test_sourceless_judgement_keeps_quoted_words_without_a_frame(nlp_all):
    # class: a judgement on quoted words that no verb of saying inside it frames keeps them
    rows = _rows(nlp_all, 'The new mayor is expected to call the plan "a fresh start" for the city.')
    assert any(r[0] is None and r[1] == "expect" and '"a fresh start"' in r[2] for r in rows), rows


@pytest.mark.parametrize("text, expected", [
    ("The mayor quipped that the bridge had outlived three governors.",
     ("The mayor", "quip", "that the bridge had outlived three governors", "indirect")),
    ("The coach recounted how the team had nearly folded.",
     ("The coach", "recount", "how the team had nearly folded", "indirect")),
])
def test_verbs_of_saying_in_passing_or_telling_over(nlp, nlp_all, text, expected):
    # class: speech verbs of a remark in passing or a story told over report their clause in both readings
    for pipeline in (nlp, nlp_all):
        assert expected in _rows(pipeline, text)


def test_attack_without_a_source_is_an_act_of_force(nlp_all):
    # class: "attack" with no one named as its source mostly names an act of force, not a stance;
    # with a source it is one ("the senator's attack on the plan")
    assert not any(r[1] == "attack" for r in _rows(nlp_all, "The attack on the harbour killed two guards."))
    assert any(r[1] == "attack" and r[2] == "the plan" for r in _rows(
        nlp_all, "The senator's attack on the plan drew applause."))


def test_attitude_of_certainty(nlp_all):
    # class: an adjective of certainty with a clause says what its subject holds
    assert ("The coach", "sure", "the team can win the cup", "indirect") in _rows(
        nlp_all, "The coach is sure the team can win the cup.")

"""Tests of transcript and interview structure: speaker labels, turns, and the quotes they give."""

from __future__ import annotations

import pytest

from analysis.corpus import paragraph_spans
from analysis.quotes import component as Q
from analysis.transcripts import label_at, speaker_labels, transcript_turns

# An invented interview: the outlet's questions in double parentheses, the answers labelled with
# the interviewee's full name first, then with initials (one without a colon).
INTERVIEW = """Harbour study finds cleaner water

The Daily Courier spoke with marine biologist Clara Voss about her new survey of the harbour.

((Daily Courier)) What did you find?

Clara Voss: I think the water is cleaner than it was ten years ago.

((DC)) Why do you think that is?

CV: We found far fewer algae, and the city says the new treatment plant works.

((DC)) What comes next?

CV We want to repeat the survey every spring."""


def _turns(text: str):
    return transcript_turns(text, paragraph_spans(text))


def test_turns_roles_and_names():
    turns = _turns(INTERVIEW)
    labels = [(INTERVIEW[t.label_start:t.label_end], t.role, INTERVIEW[t.name_start:t.name_end]) for t in turns]
    assert labels == [
        ("Daily Courier", "interviewer", "Daily Courier"),
        ("Clara Voss", "speaker", "Clara Voss"),
        ("DC", "interviewer", "Daily Courier"),  # the short label stands for the first, longer one
        ("CV", "speaker", "Clara Voss"),  # initials stand for a name of the article
        ("DC", "interviewer", "Daily Courier"),
        ("CV", "speaker", "Clara Voss"),  # a label without a colon after a labelled question
    ]
    # each name is found outside the labels (the introduction), so it can be resolved to an actor
    assert all(not any(u.label_start <= t.name_start < u.label_end for u in turns) for t in turns)
    assert INTERVIEW[turns[-1].start:turns[-1].end] == "We want to repeat the survey every spring."


@pytest.mark.parametrize("text, labels", [
    ("Q: Will you run?\n\nA: No, I will not.", ["Q", "A"]),  # question and answer labels
    ("[Roe] We are ready.\n\n[Doe] So are we.", ["Roe", "Doe"]),  # names in brackets
    ("ROE: We will win.\n\nLUND: We will see.", ["ROE", "LUND"]),  # capitals
    ("Q. Will you run?\n\nA. No, I will not.", ["Q", "A"]),  # the newspaper form with a full stop
])
def test_label_forms(text, labels):
    assert [text[t.label_start:t.label_end] for t in _turns(text)] == labels


@pytest.mark.parametrize("text", [
    "Update: the road is open.\n\nUpdate: the bridge is open too.",  # one repeated word is no transcript
    "Note: prices rose.\n\nUpdate: prices fell, and a note was added.",  # common words of the text
    "Jane Roe: a life in music\n\nThe singer died on Monday.",  # a lone headline label
    "Main Square. Photo: Jane Roe.\n\nOld Bridge. Photo: John Doe.",  # photo captions
    "A. Roe won the race.\n\nA. Lund came second.",  # initials, with no "Q." question
])
def test_not_transcripts(text):
    assert _turns(text) == []


def test_speaker_labels_keep_colon_labels():
    # the actors capability reads label spans: colon labels in any article, bracket labels in transcripts
    text = "Jane Roe: a life in music\n\nThe singer died on Monday."
    assert [text[s:e] for s, e in speaker_labels(text, paragraph_spans(text))] == ["Jane Roe"]
    assert label_at(text, 0, len(text)).group(1) == "Jane Roe"
    spans = speaker_labels(INTERVIEW, paragraph_spans(INTERVIEW))
    assert [INTERVIEW[s:e] for s, e in spans] == ["Daily Courier", "Clara Voss", "DC", "CV", "DC", "CV"]


def test_interview_quotes(nlp):
    rows = Q.records(nlp(INTERVIEW))["quotes"]
    answers = [r for r in rows if r["speaker_text"] in ("Clara Voss", "CV")]
    questions = [r for r in rows if r["speaker_text"] in ("Daily Courier", "DC")]
    # every turn is one direct quote of its labelled speaker, the answers resolved to the interviewee
    assert len(answers) == 3 and len(questions) == 3
    assert all(r["kind"] == "direct" for r in rows if r["cue"] == ":")
    assert {r["speaker"] for r in answers} == {"Clara Voss"}
    # first-person and second-person cues inside the turns are no attributions of their own
    assert not any(r["speaker_text"] in ("I", "We", "we", "you") for r in rows)
    assert not any(r["cue"] in ("think", "find", "want") for r in rows)


# An invented question-and-answer interview whose labels name no one.
QA_INTERVIEW = """Five questions for the new harbour master

Tomas Ekdahl took over as harbour master of Vesterby in March. A reader asked about his plans,
and Ekdahl answered a few more of our questions.

Q: What will change first?

A: The ferry timetable. A new one starts in June.

Q: Will fees rise?

A: Not this year."""


def test_answers_of_a_q_and_a_go_to_the_person_the_introduction_names(nlp):
    # class: "A:" names no one; the interviewee is the person the introduction names most
    turns = _turns(QA_INTERVIEW)
    assert [t.role for t in turns] == ["interviewer", "speaker"] * 2
    # the label "A" is not looked for as a name elsewhere (the article "A" of a sentence)
    assert [QA_INTERVIEW[t.name_start:t.name_end] for t in turns] == ["Q", "A", "Q", "A"]
    rows = [r for r in Q.records(nlp(QA_INTERVIEW))["quotes"] if r["cue"] == ":"]
    assert [(r["speaker_text"], r["speaker"]) for r in rows] == [
        ("Q", None), ("A", "Tomas Ekdahl"), ("Q", None), ("A", "Tomas Ekdahl")]
    # two people named as often: no guess
    two = QA_INTERVIEW.replace("and Ekdahl answered", "and Mirja Salo answered")
    assert {r["speaker"] for r in Q.records(nlp(two))["quotes"] if r["speaker_text"] == "A"} == {None}


@pytest.mark.parametrize("text, quote, kind, speaker", [
    # a headline label naming by surname a person the article names in full
    ("Okafor: 'The bridge will open in May.'\n\nThe city engineer Grace Okafor said on Monday that work on the "
     "crossing was ahead of plan.", "The bridge will open in May.", "direct", "Grace Okafor"),
    ("Lindqvist: New Ferry Terminal Will Cut Waiting Times\n\nPort director Anna Lindqvist told reporters on "
     "Tuesday that the terminal opens next year.", "New Ferry Terminal Will Cut Waiting Times", "indirect",
     "Anna Lindqvist"),
])
def test_a_headline_label_by_surname_attributes_the_headline(nlp, text, quote, kind, speaker):
    rows = [r for r in Q.records(nlp(text))["quotes"] if r["cue"] == ":"]
    assert [(r["quote"], r["kind"], r["speaker"]) for r in rows] == [(quote, kind, speaker)]


def test_a_headline_label_that_names_no_one_attributes_nothing(nlp):
    text = "Update: The bridge will open in May\n\nThe city engineer Grace Okafor said on Monday that work was ahead."
    assert not [r for r in Q.records(nlp(text))["quotes"] if r["cue"] == ":"]

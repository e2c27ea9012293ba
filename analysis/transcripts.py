"""Speaker labels of transcripts and interviews: who speaks each labelled paragraph.

A transcript or a question-and-answer interview marks each turn with a label that opens its
paragraph, in the forms news sites use: a name, a surname, initials or capitals and a colon
(``Jane Doe: ...``, ``JD: ...``, ``DOE: ...``, ``Q: ...``, and ``Q. ...`` / ``A. ...``), or a name in brackets or double
parentheses (``[Doe] ...``, ``((Jane Doe)) ...``). Once an article has two such turns, a paragraph
that answers a labelled question may open with the answerer's name or initials without a colon
(``Jane Doe I think ...``, ``JD Well, ...``).

Shared by the actors capability (a label is a speaker label, not an actor mention of its own) and
the quotes capability (each turn is the labelled speaker's direct speech; the first-person cues
inside it are not attributions of their own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["interviewer", "speaker"]

SPEAKER_LABEL = re.compile(r"[\"“'‘]?([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):(?:[ \t]+(?=\S)|[ \t]*$)")
"""A label at the start of a paragraph: up to four capitalised words, then a colon ("PENCE: ...")."""

_NAME = r"[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}"
BRACKET_LABEL = re.compile(r"(?:\(\((" + _NAME + r")\)\)|\[(" + _NAME + r")\])[ \t]*:?[ \t]*(?=\S)")
"""A name in double parentheses or brackets opening a paragraph ("((Jane Doe)) ...", "[Doe] ...")."""

_BARE_WORD = re.compile(r"[A-Z][\w’'-]*")
_QUESTION_LABELS = frozenset({"q", "question", "interviewer"})
ANSWER_LABELS = frozenset({"a", "answer"})
"""Labels of the answers of a question-and-answer interview: they name no one (the interviewee
is the person the introduction names; see :func:`analysis.quotes.speakers.interviewee`)."""
_MIN_TURNS = 2  # labelled paragraphs that make an article a transcript


@dataclass(frozen=True)
class Turn:
    """One labelled turn of a transcript.

    Attributes:
        label_start, label_end: The label's name in the text ("JD", "Jane Doe", "Q").
        start, end: The turn's speech (the rest of the paragraph, or the next paragraph when the
            label stands alone on its line).
        role: ``interviewer`` for the one who asks the questions, else ``speaker``.
        name_start, name_end: A fuller mention of the labelled speaker outside the labels (the
            name that initials or a surname abbreviate, the outlet a short interviewer label
            stands for), or the label itself when none is found; resolve the speaker from it.
    """

    label_start: int
    label_end: int
    start: int
    end: int
    role: Role
    name_start: int
    name_end: int


_SENTENCE_INSIDE = re.compile(r"\w{4,}\.[ \t]")  # "Main Square. Photo:" is a caption, not a name


def label_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """Match a colon speaker label at the start of ``text[start:end]``; group 1 is the label's name.

    A label with a sentence break inside ("Main Square. Photo: ...", a caption) is none; an
    abbreviation is kept ("Dr. Jane Roe: ...").
    """
    match = SPEAKER_LABEL.match(text, start, end)
    return None if match is None or _SENTENCE_INSIDE.search(match.group(1)) else match


def _bracket_at(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Return ``(name_start, name_end, speech_start)`` of a bracketed label opening ``text[start:end]``."""
    match = BRACKET_LABEL.match(text, start, end)
    if match is None:
        return None
    group = 1 if match.group(1) is not None else 2
    return match.start(group), match.end(group), match.end()


def _common_word(text: str, label: str) -> bool:
    """Whether a colon label is a common word of the text ("Update:", "Note:" when "update" or
    "note" occurs in lower case), not a name; single letters (Q, A) are labels."""
    if len(label) == 1 or label.isupper():
        return False
    return re.search(r"\b" + re.escape(label.lower()) + r"\b", text) is not None


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words).upper()


def _names(text: str, skip: list[tuple[int, int]]) -> list[list[tuple[int, int, str]]]:
    """Runs of two to five capitalised words outside the label spans: ``[(start, end, word), ...]``."""
    out = []
    for match in re.finditer(r"[A-Z][\w’'-]+(?:[ \t\u00a0]+[A-Z][\w’'-]+){1,4}", text):
        if not any(s <= match.start() < e for s, e in skip):
            # the whole words that start inside the run (scanned from the run, not from the text's start:
            # for speed; a word the run starts inside of is no word of it)
            words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, match.start(), match.end())]
            if words and match.start() > 0 and not text[match.start() - 1].isspace():
                words = words[1:]
            out.append(words)
    return out


_WORD = re.compile(r"\S+")


def _sub_runs(run: list[tuple[int, int, str]], size: int) -> list[tuple[int, int, list[str]]]:
    """The contiguous parts of ``size`` words of a run of names, with their offsets."""
    return [(run[i][0], run[i + size - 1][1], [w for _, _, w in run[i:i + size]]) for i in range(len(run) - size + 1)]


def _fuller_name(text: str, label: str, names: list[list[tuple[int, int, str]]],
                 skip: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Find the name a short label stands for: a full name whose initials are the label ("JD" for
    "Jane Doe"), a full name that ends with the label (a surname), or the label's words elsewhere."""
    words = label.split()
    if len(words) == 1 and label.isupper() and 2 <= len(label) <= 4:
        for run in names:
            for start, end, part in _sub_runs(run, len(label)):
                if _initials(part) == label:
                    return start, end
    if len(words) > 1:  # a full name: the same name elsewhere
        for match in re.finditer(r"\b" + re.escape(label) + r"\b", text):
            if not any(s <= match.start() < e for s, e in skip):
                return match.start(), match.end()
    for run in names:
        for start, end, part in _sub_runs(run, len(words) + 1):
            if [w.lower() for w in part[1:]] == [w.lower() for w in words]:
                return start, end  # a surname (or a shorter name) after the first name
    for match in re.finditer(r"\b" + re.escape(label) + r"\b", text):
        if not any(s <= match.start() < e for s, e in skip):
            return match.start(), match.end()
    return None


def transcript_turns(text: str, paragraphs: list[tuple[int, int]]) -> list[Turn]:
    """Find the labelled turns of a transcript or interview.

    Args:
        text: The article text.
        paragraphs: The paragraph spans of ``text``.

    Returns:
        The turns in text order; empty when fewer than two paragraphs open with a label (a lone
        "Name: headline" line is not a transcript, but is still a turn when its label is in
        capitals or brackets).
    """
    raw: list[tuple[int, int, int, int]] = []  # label_start, label_end, speech_start, speech_end
    brackets = 0
    dotted = _dotted_qa(text, paragraphs)
    for n, (start, end) in enumerate(paragraphs):
        bracket = _bracket_at(text, start, end)
        if bracket is not None:
            raw.append((bracket[0], bracket[1], bracket[2], end))
            brackets += 1
            continue
        if n in dotted:
            raw.append((dotted[n].start(1), dotted[n].end(1), dotted[n].end(), end))
            continue
        match = label_at(text, start, end)
        if match is None or _common_word(text, match.group(1)):
            continue
        if not text[match.end():end].strip():  # a label alone on its line: the next paragraph is the speech
            if n + 1 == len(paragraphs) or label_at(text, *paragraphs[n + 1]):
                continue
            raw.append((match.start(1), match.end(1), *paragraphs[n + 1]))
        else:
            raw.append((match.start(1), match.end(1), match.end(), end))
    # a transcript has two turns and a bracketed label or two speakers ("Note: ..." twice is none)
    if len(raw) < _MIN_TURNS or (not brackets and len({text[s:e].lower() for s, e, _, _ in raw}) < 2):
        return []
    raw += _bare_answers(text, paragraphs, raw)
    raw.sort()
    labels = [(s, e) for s, e, _, _ in raw]
    names = _names(text, labels)
    questions: dict[str, list[bool]] = {}
    for s, e, start, end in raw:
        questions.setdefault(text[s:e].lower(), []).append(text[start:end].rstrip(" \"”’'").endswith("?"))
    full: dict[str, tuple[int, int]] = {}
    turns = []
    for s, e, start, end in raw:
        label = text[s:e]
        asks = questions[label.lower()]
        role: Role = "interviewer" if label.lower() in _QUESTION_LABELS or (
            label.lower() not in ANSWER_LABELS and sum(asks) * 2 > len(asks)) else "speaker"
        generic = label.lower() in _QUESTION_LABELS or label.lower() in ANSWER_LABELS  # "A" is no name
        name = full.get(label.lower()) or _abbreviation(text, label, raw, role) \
            or (None if generic else _fuller_name(text, label, names, labels)) or (s, e)
        full[label.lower()] = name
        while end > start and text[end - 1] in " \t":
            end -= 1
        turns.append(Turn(s, e, start, end, role, *name))
    return turns


_DOTTED_QA = re.compile(r"([QA])\.[ \t]+(?=\S)")


def _dotted_qa(text: str, paragraphs: list[tuple[int, int]]) -> dict[int, re.Match[str]]:
    """Return the paragraphs that open with "Q." or "A." (the newspaper form of "Q:" and "A:"),
    by index; only when the article has both, since "A. Roe" alone is an initial."""
    found = {n: m for n, (start, end) in enumerate(paragraphs) if (m := _DOTTED_QA.match(text, start, end))}
    return found if {m.group(1) for m in found.values()} == {"Q", "A"} else {}


def _abbreviation(text: str, label: str, raw: list[tuple[int, int, int, int]], role: Role) -> tuple[int, int] | None:
    """An interviewer's short label stands for its first, longer label with the same initial
    ("((Daily Post)) ..." then "((DP)) ..."): return the longer label's words outside the labels."""
    if role != "interviewer" or not label.isupper() or len(label) > 4:
        return None
    for s, e, _, _ in raw:
        longer = text[s:e]
        if longer != label and len(longer) > len(label) and longer[0] == label[0] and not longer.isupper():
            skip = [(a, b) for a, b, _, _ in raw]
            for match in re.finditer(r"\b" + re.escape(longer) + r"\b", text):
                if not any(a <= match.start() < b for a, b in skip):
                    return match.start(), match.end()
            return s, e
    return None


def _bare_answers(text: str, paragraphs: list[tuple[int, int]],
                  raw: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Answers labelled without a colon: the paragraph after a labelled question that opens with a
    name of the article, or its initials, followed by a capitalised word ("JD Well, ...")."""
    labelled = {n for n, (start, end) in enumerate(paragraphs) if any(start <= s < end for s, _, _, _ in raw)}
    skip = [(s, e) for s, e, _, _ in raw]
    names = _names(text, skip)
    full = {" ".join(part) for run in names for n in range(2, len(run) + 1) for _, _, part in _sub_runs(run, n)}
    initials = {_initials(part) for run in names for n in range(2, 5) for _, _, part in _sub_runs(run, n)}
    out = []
    for n, (start, end) in enumerate(paragraphs):
        if n == 0 or n in labelled or n - 1 not in labelled:
            continue
        question = next((r for r in raw if paragraphs[n - 1][0] <= r[0] < paragraphs[n - 1][1]), None)
        if question is None or not text[question[2]:question[3]].rstrip(" \"”’'").endswith("?"):
            continue
        words: list[re.Match[str]] = []  # the capitalised words that open the paragraph, one space apart
        at = start
        while len(words) < 5 and (match := _BARE_WORD.match(text, at, end)) is not None:
            words.append(match)
            if text[match.end():match.end() + 1] != " ":
                break
            at = match.end() + 1
        for k in range(min(len(words), 4), 0, -1):
            label = text[start:words[k - 1].end()]
            after = text[words[k - 1].end():words[k - 1].end() + 2]
            if not (after[:1] == " " and after[1:2].isupper()):
                continue
            if (k >= 2 and label in full) or (k == 1 and label.isupper() and label in initials):
                out.append((start, words[k - 1].end(), words[k - 1].end() + 1, end))
                break
    return out


def speaker_labels(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the name of each label that opens a paragraph.

    Colon labels ("PENCE: ...") count in any article; bracketed and bare labels only in a
    transcript (see :func:`transcript_turns`).
    """
    spans = {(t.label_start, t.label_end) for t in transcript_turns(text, paragraphs)}
    for start, end in paragraphs:
        match = label_at(text, start, end)
        if match is not None:
            spans.add(match.span(1))
    return sorted(spans)

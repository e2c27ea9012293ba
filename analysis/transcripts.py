"""Speaker labels of transcripts and interviews: a name or initials and a colon opening a paragraph.

Shared by the actors capability (a label is a speaker label, not an actor mention of its own) and
the quotes capability (the paragraph after a label is the labelled speaker's speech).
"""

from __future__ import annotations

import re

SPEAKER_LABEL = re.compile(r"[\"“'‘]?([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):(?:[ \t]+(?=\S)|[ \t]*$)")
"""A label at the start of a paragraph: up to four capitalised words, then a colon ("PENCE: ...")."""


def label_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """Match a speaker label at the start of ``text[start:end]``; group 1 is the label's name."""
    return SPEAKER_LABEL.match(text, start, end)


def speaker_labels(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the name of each label that opens a paragraph."""
    spans = []
    for start, end in paragraphs:
        match = label_at(text, start, end)
        if match is not None:
            spans.append(match.span(1))
    return spans

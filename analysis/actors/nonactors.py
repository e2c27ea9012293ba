"""What is not an actor: facilities, events, laws, products, religions, time zones, bare titles.

Part of step 1 of the method described in :mod:`analysis.actors.component`: a cleaned entity is
kept as an actor's name only when none of these classes applies.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..columns import columns, span_text
from ..transcripts import label_at
from .lexicon import Lexicon, _is_head, _is_title_word
from .words import is_web_address


def is_actor_name(span: Span, label: str, lex: Lexicon, fixed: set[int]) -> bool:
    """Tell whether a cleaned entity can name an actor (not a facility, time zone or title word)."""
    tokens = list(span)  # for speed: each iteration over a Span makes new Tokens
    words = [t for t in tokens if t.is_alpha or t.like_num or "." in t.text]
    if len(span) == 1 and is_web_address(span_text(span)):
        return True  # a site named by its address, whatever its case or tag ("vesna24.at")
    if not any(t.text[:1].isupper() for t in tokens):
        return False  # "ahu", "west coast": no capitalised word
    last = tokens[-1].lower_.strip(".")
    if label != "NORP" and last in lex.not_actor_words and not (label == "PERSON" and len(span) == 2) \
            and not (label == "ORG" and last in _INSTITUTION_PLACES and speaks(span)):
        return False  # "Rose Avenue", but "Leo Park" is a person
    if span_text(span).replace(".", "") in lex.not_actor_acronyms:
        return False  # "UTC", "A.M."
    if len(span) == 1 and tokens[0].is_upper and len(tokens[0].text) <= 4 and span.start > 0 and (
            doc_time_before(span)):
        return False  # Class: a time zone after a clock time ("at 9:30 AST"), whatever its letters
    if len(span) == 1 and _CODE.fullmatch(span_text(span)):
        return False  # Class: codes of diseases, models and missions ("ZX-19", "Orion-7"), not bodies
    if last in lex.religions or last.endswith(_FAITH_ENDINGS):
        return False  # Class: religions and doctrines ("Hinduism", "Christianity", "Christendom")
    if len(span) >= 2 and tokens[0].is_alpha and tokens[0].lower_ not in lex.organisation_words and any(
            any(c.isdigit() for c in t.text) for t in tokens[1:]):
        return False  # Class: products and models, a brand and a model code ("Zephyr Z-40", "Aero A310s")
    if len(span) > 1 and tokens[0].lower_ in lex.not_actor_first_words:
        return False  # "Hurricane Zelda", "Operation Blue Dawn"
    if all(t.i in fixed for t in tokens):
        return False  # "State" in "Secretary of State"
    if label in ("PERSON", "ORG") and all(_is_title_word(t, lex) for t in words) and (
            len(words) == 1 or any(_is_head(t, lex) for t in words)):
        return False  # "Defence" of "Defence Secretary", "Detective Inspector"
    if len(span) == 1 and label in ("PERSON", "ORG") and tokens[0].pos_ != "PROPN" and not tokens[0].is_upper:
        return False  # a capitalised common noun: "Scholars", "Order"
    if len(span) == 1 and tokens[0].pos_ in _FUNCTION_POS:
        return False  # Class: a word capitalised because it opens a sentence ("Amidst", "Whereas")
    return True


_CODE = re.compile(r"[A-Za-z]{2,}-\d{1,4}")
_INSTITUTION_PLACES = frozenset({"center", "centre", "hospital"})


def speaks(span: Span) -> bool:
    """Tell whether a name is the subject of a verb or the source of "according to".

    Class: a center or a hospital is a place where it is visited, and an institution where it
    speaks or acts ("the Regional Storm Center said", "according to St Vesna's Hospital").
    """
    root = span.root
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"
_FAITH_ENDINGS = ("ism", "ianity", "endom")
_FUNCTION_POS = frozenset({"ADP", "ADV", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "VERB", "INTJ", "PART"})


def doc_time_before(span: Span) -> bool:
    """Tell whether a clock time ("9:30", "10 a.m.", a TIME entity) ends right before ``span``."""
    before = span.doc[span.start - 1]
    return before.ent_type_ == "TIME" or (before.like_num and ":" in before.text) or bool(
        re.fullmatch(r"\d{1,2}(?::\d\d)?(?:[ap]\.?m\.?)?", before.lower_))


_INTERVIEW_LABEL = re.compile(r"[ \t]*\(\(([^()\n]{1,40})\)\)")
"""An interview label in double parentheses opening a paragraph ("((Reporter)) How did ...")."""


def speaker_label_tokens(doc: Doc) -> set[int]:
    """Return the indices of the tokens inside speaker labels that open a paragraph.

    Class: transcripts and interviews label each turn with a name, initials or a role and a
    colon ("Q:", "JS:", "Kim Rhee:", see :mod:`analysis.transcripts`) or in double parentheses
    ("((Reporter))"); a label is a turn marker, not a mention of an actor.
    """
    text = columns(doc).text
    out: set[int] = set()
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        match = label_at(text, start, end) or _INTERVIEW_LABEL.match(text, start, end)
        if match is not None:
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        start = end + 1
    return out

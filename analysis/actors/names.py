"""Name mentions of actors: spaCy entities cleaned, joined and split where NER erred.

Step 1 of the method described in :mod:`analysis.actors.component`.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from ..columns import span_text, word_positions
from .lexicon import (
    _ABBREVIATIONS,
    _ACRONYM,
    _APOSTROPHES,
    _NAME_STOPWORDS,
    _TRAILING_PUNCT,
    LABEL_TYPES,
    Lexicon,
    _is_head,
    _is_title_word,
)
from .nonactors import is_actor_name, speaker_label_tokens
from .suffixes import is_legal_suffix
from .untagged import (
    appositive_names,
    full_names,
    honorific_names,
    known_organisations,
    suffixed_companies,
    titled_names,
    web_outlets,
)
from .words import _norm, _person_shaped, people_of_place

# ---------------------------------------------------------------------------- name mentions

def capital_the(doc: Doc, i: int) -> bool:
    """Tell whether token ``i`` is a capitalised "The" inside a sentence, so part of a name.

    Class: newspapers, magazines, agencies and bands whose name holds the article ("reported by
    The Daily Courier", "a report by The Weekly"): written with a capital in mid-sentence, the
    article is part of the name. At a sentence start the capital says nothing.
    """
    if doc[i].text != "The" or i == 0 or doc[i].is_sent_start:
        return False
    before = doc[i - 1]
    return not (before.is_space or "\n" in before.whitespace_ or before.text in _OPENERS)


_OPENERS = frozenset({'"', "“", "‘", "'", ":", "(", "[", "—", "–", "-", "«", "."})


def clean_name(span: Span, lex: Lexicon) -> Span | None:
    """Trim an entity span to the name itself.

    Leading determiners, honorifics and (for people) titles go, as do a trailing possessive,
    punctuation, dangling function words and anything from an opening parenthesis on:
    "the Foreign Office" -> "Foreign Office", "President Ruiz" -> "Ruiz", "Varga's" ->
    "Varga", "Olav Lund of" -> "Olav Lund", "Global Health Agency (GHA" ->
    "Global Health Agency".

    Args:
        span: An entity span.
        lex: The lexicon.

    Returns:
        The trimmed span, or None when nothing of a name is left.
    """
    doc = span.doc
    label = span.label_
    start, end = span.start, span.end
    for token in span:
        if token.i > start and (token.text in ("(", "[") or (
                label == "PERSON" and token.text in _QUOTE_TOKENS)):
            end = token.i  # Class: no person's name runs into a quotation ("Lund Sees 'Grave Insult")
            break
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            end = token.i + (0 if token.is_space else 1)  # a name never runs over a line break
            break
    keep_period = (end - start >= 2 and doc[end - 1].text == "." and not doc[end - 2].whitespace_
                   and (doc[end - 2].lower_ in _ABBREVIATIONS or is_legal_suffix(doc[end - 2].text)))  # "Kft.", "Jr."
    # (each doc[i] makes a new Token: for speed, the loops below take the token once)
    while not keep_period and end > start:
        last = doc[end - 1]
        if not (last.text in _APOSTROPHES or last.tag_ == "POS" or last.text in _TRAILING_PUNCT or last.is_space
                or last.pos_ in ("ADP", "CCONJ", "DET") or (end - 1 > start and last.tag_ in _VERB_TAGS)
                or (end - 1 > start and last.is_lower and label != "NORP")):
            break
        end -= 1  # "Varga's", "Olav Lund of", "Daily Courier of bank", "Lund Says" (a headline)
    while start < end:
        first = doc[start]
        if not ((first.lower_ in ("the", "a", "an") and not (label != "PERSON" and capital_the(doc, start)))
                or first.text in _TRAILING_PUNCT or first.is_space):
            break
        start += 1
    while start < end - 1:
        first = doc[start]
        if not (first.like_num or first.text[:1].isdigit()
                or (first.tag_ in _VERB_TAGS and first.text not in lex.given_names)):
            break
        start += 1  # "116th Congress"; a headline's capitalised verb, "Critics Slam Olav Lund"
    while (start < end - 2 and doc[start].is_lower and doc[start + 1].text in ("-", "–")
           and not doc[start].whitespace_ and not doc[start + 1].whitespace_):
        start += 2  # "pan-African", "intra-Africa", "anti-Varga": the name after the prefix
    if label == "PERSON":
        while start < end - 1:
            first = doc[start]
            if not (_is_title_word(first, lex) or first.text in lex.demonyms or first.text in lex.groups
                    or first.pos_ == "NOUN" or first.text in _WEEKDAYS):
                break
            start += 1  # "President Ann Lee", "Republican Ann Lee", "Violinist Ann Lee", "on Friday Ann Lee"
    elif start < end - 1 and doc[start].lower_ in lex.honorifics:
        start += 1
    if start >= end or not any(c.isalpha() for c in span_text(doc[start:end])):
        return None
    return doc[start:end] if (start, end) != (span.start, span.end) else span


_QUOTE_TOKENS = frozenset({"'", '"', "‘", "’", "“", "”", "''", "``"})
# Class: verbs capitalised in a headline's title case ("Lund Says ...", "Critics Slam Lund")
_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "VB", "VBG", "VBN", "MD"})
_THING_LABELS = frozenset({"LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "FAC"})
_WEEKDAYS = frozenset(calendar.day_name)  # Class: a date run into a name ("reported on Friday Ann Lee was")
_STATE_BODY_WORDS = frozenset({"office", "agency", "bureau", "authority", "service", "department", "ministry"})
_CONNECTORS = frozenset({"of", "the", "for", "and", "in", "et", "de", "du", "des", "la", "le", "d'", "d’", "on"})






def fixed_title_tokens(doc: Doc, lex: Lexicon) -> set[int]:
    """Return the indices of tokens inside multi-word titles such as "Secretary of State"."""
    out: set[int] = set()
    for i in word_positions(doc, "LOWER", frozenset(t[0] for t in lex.fixed_titles)):
        for title in lex.fixed_titles:
            n = len(title)
            if tuple(t.lower_ for t in doc[i:i + n]) == title:
                out.update(range(i, i + n))
    return out


def _known_place(text: str, lex: Lexicon, places: set[str]) -> bool:
    low = text.lower()
    return low in lex.countries or low in places


def _split(doc: Doc, span: Span, label: str, lex: Lexicon, places: set[str],
           persons: frozenset[str] = frozenset()) -> list[tuple[Span, str]]:
    """Split names that NER ran together with a place.

    "Vesna Marta Ruiz" (after "First Minister of") -> place + person; "Federal Roads
    Office of Ruritania" -> organisation + place (a bare country after "of" modifies the name).
    """
    if label in ("PERSON", "ORG", "GPE", "LOC") and len(span) >= 3:
        after_title = (span.start >= 2 and doc[span.start - 1].lower_ in ("of", "to")
                       and _is_head(doc[span.start - 2], lex))
        for k in range(1, len(span) - 1):
            if _known_place(span_text(span[:k]), lex, places) and (after_title or span_text(span[k:]) in persons):
                # "Ambassador to Ruritania Tom Adler"; "Oslo Lena Halvorsen", Lena Halvorsen named elsewhere
                return [(span[:k], "GPE"), (span[k:], "PERSON")]
    if (label == "ORG" and len(span) >= 3 and span[-2].lower_ == "of" and _norm(span[-1].text) in lex.countries
            and span[-3].lower_ in _STATE_BODY_WORDS):
        # Class: a state's administrative body named with its country as a descriptor ("the
        # Federal Roads Office of Ruritania"): the country is a place of its own. Other bodies
        # named after a place keep it ("University of Vesna", "Bank of Ruritania", "Medical
        # College of Lyon").
        return [(span[:-2], "ORG"), (span[-1:], "GPE")]
    if label == "ORG" and len(span) >= 3 and _is_head(span[0], lex) and span[1].lower_ == "of":
        # Class: a title with its place tagged as a body ("Bishop of Exeter", "Mayor of Lyon"):
        # the title is no actor; the place after "of" is a place mention when it is one.
        rest = span[2:]
        if rest[0].lower_ == "the":
            rest = rest[1:]
        return [(rest, "GPE")] if len(rest) and _known_place(rest.text, lex, places) else []
    if label == "PERSON" and len(span) >= 4:
        at = next((t.i - span.start for t in span[2:-1] if t.lower_ in ("of", "from")), None)
        if at is not None and _person_shaped(_words(span[:at]), lex) and span[at + 1].is_title:
            # Class: a person and the body or place they belong to, run together by NER ("Ann Lee
            # of Reef Trips", "Ann Lee from Vesna"): two names
            rest = span[at + 1:]
            if rest[0].lower_ == "the" and len(rest) > 1:
                rest = rest[1:]
            return [(span[:at], "PERSON"), (rest, "GPE" if _known_place(rest.text, lex, places) else "ORG")]
    if label == "ORG":
        for k, token in enumerate(span[1:-1], 1):
            before, after = span[:k], span[k + 1:]
            if (token.lower_ == "and" and any(t.lower_ in lex.organisation_words for t in before)
                    and any(t.lower_ in lex.organisation_words for t in after)
                    and not any(t.lower_ in ("of", "for") for t in after)):
                return [(before, "ORG"), (after, "ORG")]  # "University of Leeds and Northern Rail Holdings"
    return [(span, label)]


def _joinable(doc: Doc, prev: Span, prev_label: str, cur: Span, cur_label: str, lex: Lexicon) -> str | None:
    """Return the label of ``prev`` + ``cur`` as one name, or None when they are two names."""
    if prev.end == cur.start:
        if ("PERSON" in (prev_label, cur_label) and prev[-1].dep_ == "compound" and prev_label != "NORP"
                and _norm(prev.text) not in lex.countries
                and cur.start <= prev[-1].head.i < cur.end and doc[prev.end - 1].whitespace_):
            return prev_label if prev_label in ("PERSON", "ORG") else "PERSON"  # "Nuri Aslan" + "Demir"
        if any(t.lower_ in _CONNECTORS for t in prev[1:]) and cur_label != "PERSON" and doc[prev.end - 1].whitespace_:
            return prev_label  # "Autonomous Region in Northern" + "Vesna"
        return None
    if prev_label == "ORG" == cur_label and _spelt_by_acronym(doc, prev, cur):
        return "ORG"
    if not 1 <= cur.start - prev.end <= 2 or cur_label == "PERSON":
        return None
    gap = [t.lower_ for t in doc[prev.end:cur.start]]
    if (gap == [","] and prev_label == "GPE" and cur_label in ("GPE", "ORG") and len(cur) == 1
            and _DOTTED.match(cur.text)):
        return "GPE"  # Class: a city and its district or state abbreviated with dots ("Lakeport, N.V.")
    if (gap == [","] and prev_label == "ORG" and cur_label in ("GPE", "LOC") and _norm(cur.text) not in lex.countries
            and any(t.lower_ in _CAMPUS_WORDS for t in prev) and any(t.lower_ == "of" for t in prev)
            and (cur.end >= len(doc) or doc[cur.end].text != ",")):
        return "ORG"  # Class: a campus named after its system, a comma and its city ("University of Vesna, Lakeport")
    if any(g not in _CONNECTORS for g in gap):
        return None
    last = prev[-1].lower_
    if prev_label not in ("ORG", "FAC") and last not in lex.region_words:
        return None
    if prev[0].text in lex.given_names or (cur_label == "ORG" and _person_shaped(_words(prev), lex)):
        return None  # "Ada Holm" + "of the" + "UK", "Ana Tembo" + "of the" + "UDP"
    if last not in lex.region_words and cur_label in ("GPE", "LOC") and (
            "in" in gap or (gap == ["of"] and len(cur) == 1)):
        # "Office of Ruritania", "Embassy in Vesna", "the Health Agency in the Vesna Republic": the
        # place locates the body; but a region takes its place's name ("Eastern District of Vesna")
        return None
    if "and" in gap and (cur_label == "ORG" or not any(t.lower_ in ("of", "for") for t in prev)):
        return None  # "the NGB and the Audit Committee", "University of Vesna and Zephyr": two names
    return prev_label


def _spelt_by_acronym(doc: Doc, prev: Span, cur: Span) -> bool:
    """Tell whether two names split at a list's commas are one, as the acronym after them spells.

    Class: a body named with a list inside ("World Educational, Scientific and Maritime
    Organization") that NER splits at its commas; the acronym in parentheses after it ("(WESMO)")
    spells the whole name, which no two separate names do.
    """
    gap = doc[prev.end:cur.start]
    if len(gap) > 4 or not all(t.text in (",", "&") or t.lower_ == "and" or t.is_title for t in gap):
        return False
    alias = _parenthesised_alias(doc, cur)
    return (alias is not None and alias.text.isupper() and len(alias.text) >= 3
            and acronym_of(_words(doc[prev.start:cur.end])) == alias.text)


_CAMPUS_WORDS = frozenset({"university", "college", "institute", "school", "universidad", "université", "universität"})
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,3}$")
_ELIDED = re.compile(r"^[dlDL]['’][A-ZÀ-Ý]")


def _titleish(token: Token) -> bool:
    """Tell whether a token is capitalised like a name word ("Intervention", "d’Intervention")."""
    return token.is_title or token.is_upper or bool(_ELIDED.match(token.text))


def _extend_org(doc: Doc, span: Span, taken: set[int], loose: dict[int, int] | None = None) -> Span:
    """Extend an organisation's name over "of/for/and" + capitalised words NER left out.

    ``loose`` maps the start of each short name that NER split off a body's name (a PERSON or
    ORG with no word of a body's kind: "School of Marine and" + "Polar Science") to its end: such
    a name right after "and" is taken in.
    """
    end = span.end
    has_of = any(t.lower_ in ("of", "for") for t in span)
    links = ("of", "for", "and", "et", "de", "des", "du", "d’", "d'")
    while end + 1 < len(doc) and doc[end].lower_ in links and end not in taken:
        if doc[end].lower_ == "and" and not has_of:
            break
        k = end + 1
        if doc[k].lower_ in ("the", "d’", "d'"):
            k += 1
        m = k
        if loose and doc[end].lower_ == "and" and k in loose:
            m = loose[k]  # Class: a name split at an internal "and" ("Institute of Marine and Polar Science")
        while m < len(doc) and m not in taken and _titleish(doc[m]) and doc[m].pos_ in ("PROPN", "NOUN", "ADJ"):
            m += 1
        if m == k:
            break
        has_of = has_of or doc[end].lower_ in ("of", "for")
        end = m
    return doc[span.start:end] if end != span.end else span













def _majority_labels(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Relabel one-word place names that NER more often tags as a person or organisation ("Zephyr")."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for span, label in spans:
        if len(span) == 1:
            labels[span_text(span)][label] += 1
    out = []
    for span, label in spans:
        if len(span) == 1 and label in ("GPE", "LOC"):
            best, n = labels[span_text(span)].most_common(1)[0]
            as_place = labels[span_text(span)]["GPE"] + labels[span_text(span)]["LOC"]
            if best not in ("GPE", "LOC") and n > as_place:
                label = best
        out.append((span, label))
    return out


def score_start(ent: Span) -> int | None:
    """Return where a match score ends an entity's name ("Millbrook 3-1", "Eastport 1–1"), or None.

    Class: NER often runs a team's name and the score after it together, and labels the whole a
    product, a law or a person; the capitalised words before the score are the team.
    """
    tokens = list(ent)
    for k in range(1, len(tokens)):
        rest = "".join(t.text for t in tokens[k:])
        if tokens[k - 1].is_title and _TEAM_SCORE.fullmatch(rest):
            return ent.start + k
    return None


_TEAM_SCORE = re.compile(r"\d{1,2}[-–]\d{1,2}")
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})  # "July 27–28"


def name_mentions(doc: Doc, lex: Lexicon) -> list[tuple[Span, str]]:
    """Find the name mentions of actors: cleaned entities, split and joined where NER erred.

    Entities that NER split inside one name are joined ("Nuri Aslan" + "Demir"; "Supreme
    Court" + "of the" + "United Kingdom"), run-together names are split ("Vesna Marta
    Ruiz"), and facilities, time zones, lower-case words and bare title words are dropped.

    Args:
        doc: A parsed Doc with entities.
        lex: The lexicon.

    Returns:
        ``(span, label)`` pairs in text order; ``label`` is the spaCy label of the name.
    """
    ents = doc.ents
    places = {span_text(e).lower() for e in ents if e.label_ in ("GPE", "LOC")}
    persons = frozenset(span_text(e) for e in ents if e.label_ == "PERSON")
    fixed = fixed_title_tokens(doc, lex)
    not_actors: set[str] = set()  # short forms of laws, events, products and facilities
    labels = speaker_label_tokens(doc)
    spans: list[tuple[Span, str]] = []
    for ent in ents:
        if labels and any(i in labels for i in range(ent.start, ent.end)):
            continue  # an interviewer's or speaker's label ("Q:", "JS:") is no mention of an actor
        label = ent.label_
        if label not in _NUMERIC_LABELS and (cut := score_start(ent)) is not None:
            ent, label = doc[ent.start:cut], "ORG"  # "Millbrook 3-1" tagged as a product: a team and its score
        if label == "FAC" and any(t.lower_ in lex.organisation_words for t in ent):
            label = "ORG"  # "Zephyr Air" tagged as a facility
        if (short := _event_short_form(ent, lex)) is not None:
            not_actors.add(short)
        if label not in LABEL_TYPES:
            if label in _THING_LABELS and (alias := _parenthesised_alias(doc, ent)) is not None:
                not_actors.add(alias.text)  # "the Clean Rivers Act (CRA)": spaCy's LAW label says what CRA is
            continue
        if span_text(ent) in lex.demonyms and label in ("PERSON", "ORG", "GPE", "LOC"):
            label = "NORP"  # "Ugandan" tagged as a person: a nationality word is a group
        name = clean_name(ent, lex)
        if name is not None and label in ("PERSON", "ORG", "GPE", "LOC") and people_of_place(name.text, lex):
            label = "NORP"  # "American Samoans" tagged as a body: a people
        if name is None or (label in ("PERSON", "ORG") and all(_is_title_word(t, lex) for t in name)
                            and any(_is_head(t, lex) for t in name)):
            continue  # a bare title ("Detective Inspector") is not a name and joins none
        if label == "ORG" and len(name) >= 2 and _is_head(name[-1], lex) and name.end < len(doc) and (
                doc[name.end].pos_ == "PROPN" or _is_title_word(doc[name.end], lex)):
            k = name.end
            while k > name.start + 1 and _is_title_word(doc[k - 1], lex):
                k -= 1
            name = doc[name.start:k]  # "Border Guard Commandant" before a name: the body is "Border Guard"
        if label == "ORG" and len(name) >= 3:
            k = name.start
            while k < name.end - 2 and _is_title_word(doc[k], lex):
                k += 1
            if k > name.start and _is_head(doc[k - 1], lex) and all(
                    t.is_title and t.pos_ == "PROPN" for t in doc[k:name.end]):
                name, label = doc[k:name.end], "PERSON"  # "Detective Inspector Sam Reid"
        if label != "PERSON" and name.start > 0 and capital_the(doc, name.start - 1):
            name = doc[name.start - 1:name.end]  # "by The Weekly": the article is part of the title
            if label in ("NORP", "GPE", "LOC") and _norm(name[1:].text) not in lex.countries:
                label = "ORG"  # "for The Radicals", "by The Weekly": a party or a magazine, not a people or a sea
        parts = _split(doc, name, label, lex, places, persons)
        for n, (part, part_label) in enumerate(parts):
            if spans and n == 0:
                joined = _joinable(doc, spans[-1][0], spans[-1][1], part, part_label, lex)
                if joined is not None:
                    spans[-1] = (doc[spans[-1][0].start:part.end], joined)
                    continue
            spans.append((part, part_label))
    out = []
    taken = {i for s, _ in spans for i in range(s.start, s.end)}  # (no Token per word)
    spans.extend(titled_names(doc, lex, taken))
    spans.extend(honorific_names(doc, lex, taken))
    spans.extend(appositive_names(doc, lex, taken))
    spans.extend(suffixed_companies(doc, taken))
    spans.extend(full_names(doc, spans, lex, taken))
    spans.extend(web_outlets(doc, taken))
    spans.extend(known_organisations(doc, lex, taken))
    spans.sort(key=lambda m: m[0].start)
    spans = _majority_labels(spans)
    loose = {s.start: s.end for s, lab in spans if lab in ("PERSON", "ORG") and len(s) <= 3
             and s[0].text not in lex.given_names  # "University of Vesna and Ann Lee": two names
             and all(t.is_title and t.lower_ not in lex.organisation_words for t in s)}
    absorbed: set[int] = set()
    for span, label in spans:
        if span.start in absorbed:
            continue
        start, end = span.start, span.end
        if label == "PERSON":
            while (end < len(doc) and end not in taken and doc[end].pos_ == "PROPN"
                   and doc[end].is_title and doc[end - 1].dep_ == "compound"
                   and doc[end - 1].head.i == end):
                end += 1
            while (start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN"
                   and doc[start - 1].is_title and doc[start - 1].dep_ == "compound"
                   and span.start <= doc[start - 1].head.i < end and not _is_title_word(doc[start - 1], lex)
                   and doc[start - 1].text not in _WEEKDAYS):
                start -= 1
            span = doc[start:end]
        elif label == "ORG":
            extended = _extend_org(doc, span, taken, loose)
            absorbed.update(k for k in loose if span.end <= k < extended.end)
            span = extended
        if label != "PERSON" and any(t.lower_ in _CONNECTORS for t in span[1:]):
            while ((end := span.end) < len(doc) and end not in taken and doc[end].pos_ == "PROPN"
                   and _titleish(doc[end]) and span[-1].dep_ in ("compound", "amod") and span[-1].head.i == end):
                span = doc[span.start:end + 1]  # "Autonomous Region in Northern" + "Vesna"
        if (span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_
                and (span[-1].lower_ in _ABBREVIATIONS or is_legal_suffix(span[-1].text))):
            span = doc[span.start:span.end + 1]  # "Vesna Ipari Kft."
        taken.update(range(span.start, span.end))
        if is_actor_name(span, label, lex, fixed):
            out.append((span, label))
        elif (alias := _parenthesised_alias(doc, span)) is not None:
            not_actors.add(alias.text)  # "the Clean Rivers Act (CRA)": the CRA is the act, not an actor
    # Class: the short form given in parentheses to a law, treaty, programme or facility is none either
    return [(span, label) for span, label in out if span_text(span) not in not_actors] if not_actors else out


def _event_short_form(span: Span, lex: Lexicon) -> str | None:
    """Return the name of a storm or operation without its opening word ("Hurricane Zelda" -> "Zelda").

    Class: news names a storm or a military operation in full once and by its bare name after
    ("Zelda made landfall"); the bare name is the event too, not an organisation or a person.
    """
    if span[0].lower_ in lex.honorifics and not span[0].is_upper:
        return None  # "Ms Jane Doe" is a person; "MS Northern Star" a ship
    k = 0
    while k < len(span) - 1 and span[k].lower_ in lex.not_actor_first_words:
        k += 1  # "Tropical Storm Zelda"
    return span[k:].text if k and span[k].is_title else None


def acronym_of(words: Iterable[str]) -> str:
    """Return the initials of the capitalised words of a name ("Northern Grain Board" -> "NGB")."""
    return "".join(w[0] for w in words if w and w[0].isupper() and w.lower() not in _NAME_STOPWORDS)


def _words(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if not t.is_punct or t.text in ("-", "&", "."))


def _parenthesised_alias(doc: Doc, span: Span) -> Span | None:
    """Return the name in parentheses right after ``span``: "Grain Board (NGB)", "Isla Verde (Green Island)"."""
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "(":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 6 and doc[j].text != ")":
        if doc[j].is_space:  # a thin or double space before the closing parenthesis
            j += 1
            continue
        if not (doc[j].is_title or doc[j].is_upper or _ACRONYM.match(doc[j].text)) or doc[j].like_num:
            return None
        j += 1
    k = j
    while k > i + 1 and doc[k - 1].is_space:
        k -= 1
    if j >= len(doc) or doc[j].text != ")" or k == i + 1:
        return None
    return doc[i + 1:k]

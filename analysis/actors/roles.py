"""Roles and affiliations of persons: titles before a name, titles set off by commas, appositions.

Step 4 of the method described in :mod:`analysis.actors.component`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from .lexicon import Lexicon, _is_head, group_key
from .words import clean_text

if TYPE_CHECKING:
    from .clusters import Actor


def _role_before(doc: Doc, end: int, lex: Lexicon) -> tuple[int, int, str | None] | None:
    """Find a title ending right before token ``end``: ``(start, end, affiliation)`` or None.

    The title ends in a title head ("Minister", "envoy") or in a prepositional phrase after one
    ("special envoy to Afghanistan"), and extends left over modifiers and capitalised words. A
    leading nationality or country becomes the affiliation and is left out of the title.
    """
    while end > 1 and doc[end - 1].lower_ in lex.honorifics:
        end -= 1  # "President Dr. Ana Ruiz", "governor, the Honorable Jan Roe": the title is before the honorific
    i = end - 1
    # an "of/to/for + name" phrase after the head: "Secretary of State", "envoy to Afghanistan"
    j = i
    while j > 0:
        tok = doc[j]  # each doc[j] makes a new Token: for speed, taken once per step
        low = tok.lower_
        if not ((tok.is_title or tok.is_upper or low == "the") and low not in lex.title_heads):
            break
        j -= 1
    if (j < i and doc[j].lower_ in ("of", "to", "for") and j > 0 and doc[j - 1].lower_ in lex.title_heads
            and any(t.lower_ != "the" for t in doc[j + 1:end])):
        i = j - 1
    if i < 0 or not _is_head(doc[i], lex):
        return None
    start = i
    affiliation = None
    k = i - 1
    while k >= 0 and end - k <= 12:
        tok = doc[k]
        if (tok.text in lex.demonyms or tok.text in lex.groups) and tok.ent_type_ != "ORG":
            affiliation = tok.text  # "Russian special envoy": Russia; "Democratic Representative"
            break
        if tok.ent_type_ in ("NORP", "GPE") and tok.ent_iob_ in ("B", "I"):
            ent_start = k
            while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
                ent_start -= 1
            affiliation = clean_text(doc[ent_start:k + 1].text)
            break
        low = tok.lower_
        if tok.text in ("-", "–", "&") and not tok.whitespace_ and k > 0 and not doc[k - 1].whitespace_:
            k -= 1  # inside a word or name: "co-author", "Import–Export Board"
            continue
        if low == "and" and k > 0 and doc[k - 1].is_title and doc[k + 1].is_title and doc[k - 1].ent_type_ != "PERSON":
            k -= 1  # inside a name: "Fire and Rescue Commissioner"
            continue
        if low in lex.title_modifiers and tok.ent_type_ != "PERSON":
            start = k  # "First Minister", even when NER calls "First" an ordinal
            k -= 1
            continue
        if (tok.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
                or tok.is_punct or tok.is_space or tok.pos_ in ("DET", "VERB", "AUX", "PRON", "ADP", "CCONJ", "NUM")):
            break
        if low in lex.title_heads or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ")):
            start = k
            k -= 1
            continue
        break
    return start, end, affiliation


def _role_after(doc: Doc, name_end: int, lex: Lexicon) -> tuple[int, int, str | None] | None:
    """Find an apposition after a name: "Marta Ruiz, director of the NGB," -> ``(start, end, None)``."""
    if name_end + 2 >= len(doc) or doc[name_end].text != ",":
        return None
    k = name_end + 1
    if doc[k].lower_ in ("the", "a", "an"):
        k += 1
    affiliation = None
    if doc[k].text in lex.demonyms or doc[k].text in lex.groups:
        affiliation = doc[k].text  # "X, the Brazilian health minister,": Brazil
        k += 1
    start = k
    head = None
    while k < len(doc) and k - start < 10:
        tok = doc[k]
        if _is_head(tok, lex):
            head = k
        elif head is not None or not (
                tok.lower_ in lex.title_modifiers or tok.is_title or tok.pos_ in ("ADJ", "PROPN")):
            break
        k += 1
    if head is None or head != k - 1 or doc[head].lower_ not in lex.title_heads:
        return None  # no title, or a plural one ("X, researchers at Y, found"): not an apposition
    end = k
    if k < len(doc) and doc[k].lower_ in ("of", "to", "for", "at"):
        m = k + 1
        while m < len(doc) and m - k < 10 and (
                doc[m].is_title or doc[m].is_upper or doc[m].lower_ in ("the", "of", "and", "'s", "’s")):
            m += 1
        if m > k + 1:
            end = m
    if end < len(doc) and doc[end].pos_ in ("PROPN", "NOUN", "NUM"):
        return None  # the noun phrase goes on: not a title
    verb = doc[head].head
    if doc[head].dep_ in ("nsubj", "nsubjpass") and verb.i >= end and verb.pos_ in ("VERB", "AUX"):
        return None  # Class: "At the request of Jo Hale, the governor signed ...": the clause's subject
    return start, end, affiliation


def _role_text(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    """Return the words of a role, a plural title made singular ("Senators" -> "Senator")."""
    words = [t.text_with_ws for t in doc[start:end]]
    for k in range(end - 1, start - 1, -1):
        token = doc[k]
        if token.lower_ not in lex.title_heads and token.lower_.endswith("s") and token.lower_[:-1] in lex.title_heads:
            words[k - start] = token.text[:-1] + token.whitespace_
            break
    return "".join(words).strip()


def _role_parts(doc: Doc, start: int, end: int, lex: Lexicon) -> list[str]:
    """Split stacked titles: "Border Guard Commandant Admiral" -> "Border Guard Commandant", "Admiral"."""
    only_head = lambda t: _is_head(t, lex) and t.lower_ not in lex.title_modifiers  # noqa: E731
    cuts = [start] + [k for k in range(start + 1, end) if only_head(doc[k - 1]) and only_head(doc[k])] + [end]
    return [_role_text(doc, a, b, lex) for a, b in zip(cuts, cuts[1:])]


def find_roles(doc: Doc, mentions: list[tuple[Span, Actor]], lex: Lexicon) -> None:
    """Attach the roles (titles, appositions) and affiliations found around each person's names.

    A plural title is made singular and shared by the people it governs ("Presidents Ana
    Tembo of Zambia and Olav Lund of Norway": both President).
    """
    shared: dict[int, tuple[int, int, str | None]] = {}  # root of a titled name -> its plural title
    for span, actor in mentions:
        if actor.type != "person" or span.label_ == "PRON":
            continue
        found = []
        pre = _role_before(doc, span.start, lex)
        if pre is not None and doc[pre[1] - 1].lower_ not in lex.title_heads:
            shared[span.root.i] = pre
        if pre is None and span.root.dep_ == "conj" and span.root.head.i in shared:
            pre = shared[span.root.head.i]
        if pre is None and span.start >= 2 and doc[span.start - 1].text == ",":
            pre = _role_before(doc, span.start - 1, lex)  # "The Vice President, Tom Adler, said"
        if pre is not None:
            found.append(pre)
            s = pre[0]
            if s >= 2 and doc[s - 1].text == ",":  # "special envoy to Afghanistan, Ambassador X"
                outer = _role_before(doc, s - 1, lex)
                if outer is not None:
                    found.append(outer)
        post = _role_after(doc, span.end, lex)
        if post is not None:
            found.append(post)
        for start, end, affiliation in found:
            for role in _role_parts(doc, start, end, lex):
                if role and role not in actor.roles:
                    actor.roles.append(role)
            if affiliation and actor.affiliation is None:
                actor.affiliation = affiliation


def _affiliations(actors: list[Actor], lex: Lexicon) -> None:
    """Map nationality affiliations to places, and give groups their country."""
    for actor in actors:
        if actor.type == "group":
            actor.affiliation = lex.demonym_place.get(actor.canonical)
        elif actor.affiliation:
            group = group_key(actor.affiliation, lex)
            if group is not None and group in lex.demonym_place:
                actor.affiliation = lex.demonym_place[group]
            else:  # "the U.S." -> "United States"
                name = re.sub(r"^the\s+", "", actor.affiliation, flags=re.I)
                actor.affiliation = lex.place_display.get(lex.name_aliases.get(name.lower(), ""), name)


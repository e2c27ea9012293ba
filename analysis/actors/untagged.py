"""Names that spaCy's NER leaves untagged: titled names, full names, web outlets, known organisations.

Part of step 1 of the method described in :mod:`analysis.actors.component`: after the entities
are cleaned, :func:`analysis.actors.names.name_mentions` adds the names these functions find.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, Span

from ..columns import columns, word_positions
from .lexicon import Lexicon, _is_head, _is_title_word
from .suffixes import is_legal_suffix, legal_suffix_forms
from .words import _norm, is_web_address


def web_outlets(doc: Doc, taken: set[int]) -> list[tuple[Span, str]]:
    """Find news sites named by their web address, which NER leaves untagged ("according to x24.example").

    Class: media outlets and sites named by a bare domain ("Presswire.com", "nordlys.no") used
    as a noun: an organisation, like the sites NER does tag.
    """
    out = []
    for i in _tokens_with_dot(doc):
        token = doc[i]
        if token.i not in taken and token.pos_ not in ("VERB", "AUX") and is_web_address(token.text):
            out.append((doc[token.i:token.i + 1], "ORG"))
            taken.add(token.i)
    return out


def known_organisations(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find the lexicon's well-known organisations that NER left untagged ("Vidlo interviewed her").

    Class: platforms, agencies and outlets (``organisation_names``) are organisations whatever NER
    says, also when it says nothing; a name modifying a noun ("the Amazon rainforest", "an Apple
    pie") is that noun's kind, unless the noun is a medium of the organisation ("Twitter account").
    """
    out = []
    for i in word_positions(doc, "ORTH", lex.organisation_names):
        token = doc[i]
        if i in taken or (token.dep_ in ("compound", "nmod", "amod") and token.head.i != i
                          and token.head.lemma_.lower() not in lex.medium_nouns):
            continue
        out.append((doc[i:i + 1], "ORG"))
        taken.add(i)
    return out


def _tokens_with_dot(doc: Doc) -> list[int]:
    """Return the indices of the tokens whose text holds a ".", in order.

    For speed: a web address has a dot, and finding the dots in the text costs far less than
    making a Token of every word.
    """
    cols = columns(doc)
    dots = []
    at = cols.text.find(".")
    while at >= 0:
        dots.append(at)
        at = cols.text.find(".", at + 1)
    return np.unique(np.searchsorted(cols.starts, dots, side="right") - 1).tolist() if dots else []


def titled_names(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find people NER missed after a capitalised title: "Presidents Ana Tembo of Zambia"."""
    out = []
    heads = set(word_positions(doc, "LOWER", lex.title_heads)) | set(word_positions(doc, "LEMMA", lex.title_heads))
    for i in sorted(heads):
        if i >= len(doc) - 2:
            continue
        token = doc[i]
        if not (token.is_title and _is_head(token, lex)):
            continue
        end = i + 1
        while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].is_title and end - i <= 4:
            end += 1
        if end - i >= 3 and (end >= len(doc) or doc[end].pos_ != "PROPN"):
            span = doc[i + 1:end]
            if not any(_is_title_word(t, lex) for t in span):
                out.append((span, "PERSON"))
                taken.update(range(span.start, span.end))
    return out


def suffixed_companies(doc: Doc, taken: set[int]) -> list[tuple[Span, str]]:
    """Find companies NER missed by their legal form: "Corvex Inc said", "Halden Group plc".

    Class: a run of capitalised proper nouns ended by a legal-form suffix (``cleanco``'s terms,
    see :mod:`analysis.actors.suffixes`) is a company's name, whatever NER said.
    """
    out = []
    for i in word_positions(doc, "LOWER", legal_suffix_forms()):  # for speed: no Token per word
        token = doc[i]
        if i == 0 or i in taken or token.pos_ != "PROPN" or not is_legal_suffix(token.text):
            continue
        start = i
        while start > 0 and start - 1 not in taken and i - start < 4 and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].is_title:
            start -= 1
        if start < i:
            out.append((doc[start:i + 1], "ORG"))
            taken.update(range(start, i + 1))
    return out


_APPOS = frozenset({"appos"})


def appositive_names(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find people NER missed in apposition to a role: "the chief financial officer, Ana Ruiz,",
    "Ana Ruiz, the finance minister,".

    Class: news introduces a person by a role set beside the name between commas; a run of
    capitalised proper nouns (two to four words, the parser's compound) in apposition to a title
    noun, or with a title noun in apposition to it, is a person's name.
    """
    out = []
    appos = word_positions(doc, "DEP", _APPOS)  # for speed: only the appositions and their heads
    candidates = sorted(set(appos) | {doc[i].head.i for i in appos})
    for i in candidates:
        token = doc[i]
        if token.i in taken or token.pos_ != "PROPN" or not token.is_title:
            continue
        role = token.head if token.dep_ == "appos" else next(
            (c for c in token.children if c.dep_ == "appos"), None)
        if role is None or role.i == token.i or not (role.lemma_.lower() in lex.title_heads
                                                     or role.lower_ in lex.title_heads):
            continue
        start = token.i
        while start > 0 and start - 1 not in taken and token.i - start < 3 and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].head.i == token.i and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        while start < token.i and doc[start].lower_ in lex.honorifics:
            start += 1  # "the Honorable Jan Roe": the name after the honorific
        if start < token.i and not any(_is_title_word(t, lex) for t in doc[start:token.i + 1]):
            out.append((doc[start:token.i + 1], "PERSON"))
            taken.update(range(start, token.i + 1))
    return out


def honorific_names(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find people NER missed after an honorific: "But Mr Davies, who chairs ...", "Dr. Lena Roe".

    Class: British and Commonwealth news name people again and again as "Mr X" or "Ms X", and NER
    often leaves the surname untagged; an honorific written in title case (not "MS" the illness)
    followed by one to three capitalised proper nouns is a person's name (not a lone letter: "Mr. A"
    hides a name).
    """
    out = []
    for i in word_positions(doc, "LOWER", lex.honorifics):
        token = doc[i]
        if i in taken or not token.is_title or i + 1 >= len(doc):
            continue
        end = i + 1
        while end < len(doc) and end not in taken and end - i <= 3 and doc[end].pos_ == "PROPN" \
                and doc[end].is_title and not _is_title_word(doc[end], lex):
            end += 1
        if end > i + 1 and len(doc[i + 1].text) > 1 and (end >= len(doc) or end in taken or doc[end].pos_ != "PROPN"):
            out.append((doc[i + 1:end], "PERSON"))
            taken.update(range(i + 1, end))
    return out


def full_names(doc: Doc, spans: list[tuple[Span, str]], lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find "First Last" where NER tagged only a later "Last" alone ("Tomas Berg" ... "Berg").

    A one-word name that is not a known place, found elsewhere right after a capitalised proper
    noun that no entity covers and that is not a title word, gives a person's full name there.
    """
    singles = {s.text for s, label in spans if len(s) == 1 and label != "NORP"
               and s.text[:1].isupper() and _norm(s.text) not in lex.countries}
    out = []
    for i in word_positions(doc, "ORTH", singles):
        if i == 0 or i in taken or i - 1 in taken:
            continue
        first = doc[i - 1]
        if (first.pos_ == "PROPN" and first.is_title and not _is_title_word(first, lex)
                and first.text not in lex.demonyms and first.dep_ == "compound" and first.head.i == i):
            out.append((doc[i - 1:i + 1], "PERSON"))
            taken.update((i - 1, i))
    return out



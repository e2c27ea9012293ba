"""The actors capability: canonical people, organisations, places and groups in an article.

Pure functions over a parsed Doc do the work; the ``presslens_actors`` component calls them and
stores the results:

- ``doc.spans["presslens_mentions"]``: every mention of an actor (names, and pronouns or
  nominals resolved to one), each with ``span._.actor`` = the canonical name and
  ``span.label_`` = the actor's type;
- ``doc._.presslens_actors``: one dict per actor, ``{"actor", "type", "aliases", "roles",
  "affiliation"}``.

:func:`actor_for` tells which actor a span (a name, a pronoun, "the minister", "the statement")
refers to; the quotes capability calls it on the subjects of reporting verbs.

Notes:
    Method, all rules over spaCy's entities and parse (no neural coreference, which needs
    models downloaded at run time); the word lists are the ``actors_*.yaml`` lexicons.

    1. Names: the PERSON, ORG, GPE, LOC and NORP entities (and FAC ones holding an organisation
       word, "Mahan Air"), cleaned of determiners, honorifics, leading titles, possessives and
       ordinals. Where NER erred, entities are joined ("Shah Mahmood" + "Qureshi"; "Supreme
       Court" + "of the" + "United Kingdom") or split ("Scotland Nicola Sturgeon"; "University
       of Leeds and Northern Rail Holdings"); people NER missed are taken after a capitalised
       title ("Presidents Muhammadu Buhari") or from a surname it tagged elsewhere ("Adam
       Schiff"); facilities, time zones, bare titles and lower-case words are dropped.
    2. Actors: names are clustered from the fullest down. A name joins an actor when it equals
       one of its names (plural -s aside for organisations), is a run of a fuller name's words
       ("Lavrov" in "Sergey Lavrov", "Mahan" in "Mahan Air"), its acronym or the name in
       parentheses after it ("Pakistan Steel Mills (PSM)"), a listed alias ("US" of "United
       States"), or a one-letter misspelling of a long name. Nationality words are groups whose
       affiliation is their country.
    3. Types: votes of the mentions' entity labels (the fullest name counts most) plus evidence:
       a title, honorific or list of people makes a person; a gazetteer country, "in X", "X's
       governor", "the capital, X" or a list of places a place; an organisation word in the
       name ("Ministry", "Office", "Ltd") an organisation.
    4. Roles: titles before a name ("Russian Foreign Minister Sergey Lavrov"), set off by commas
       ("The Vice President, Mike Pence,") or in apposition after it ("Fauci, director of
       NIAID,"); stacked titles are split ("Commandant", "Admiral"), plural ones made singular
       and shared ("Senators A and B"); a leading nationality or party is the affiliation.
    5. References: third-person pronouns go to the nearest fitting actor named as a subject (or
       as the source of "according to X", for "he" and "she") in the last sentences, a main-clause
       subject before one in a reported or relative clause of the same earlier sentence; never to
       a clause-mate subject ("X upheld it"), never across a known gender ("Mr", a given name, a
       role or kin noun such as "spokeswoman" or "Dunn's mother", an earlier "he"), never inside
       quotation marks; "it" and "they" only as subjects or possessives. Nominals go to the
       person whose role matches ("the vice president"; a "Deputy Governor" is not "the
       governor"), the organisation whose name holds the noun ("the ministry"), the issuer of a
       document ("the statement" of the Foreign Office, "WHO's statistics"), or the actor an
       apposition described with the same noun ("One news site, Znak.com" ... "the website";
       a web address is a website). A description with a name in apposition is that name
       ("Dunn's mother, Charlotte Charles"); a joint source ("X and Y") is no one actor.
       Unresolved means None, not a guess.

    What :func:`actor_for` needs (the mentions by token, sentence starts, quoted tokens, genders,
    descriptions) is computed once per Doc by the component and remembered for the last Docs
    annotated, so a call costs a few dictionary look-ups.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable

import numpy as np
import yaml
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PRON
from spacy.tokens import Doc, Span, Token

from ..paths import LEXICONS_DIR
from .columns import columns

SPANS_KEY = "presslens_mentions"
COMPONENT = "presslens_actors"
ACTOR_TYPES = ("person", "organisation", "place", "group")
LABEL_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
               "NORP": "group"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){2,8}$")
_APOSTROPHES = ("'s", "’s", "'", "’")
_NAME_STOPWORDS = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "in", "on", "&"}
_ALSO_CALLED = re.compile(r"^\s*,?\s*(?:also |or |better |otherwise )?(?:called|known as|named|dubbed)\s*$", re.I)
_QUOTE_MARKS = re.compile(r'[“”«»"]|\n[ \t\u00a0]*\n')
_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "kft", "jr", "sr", "bros", "plc", "llc", "gmbh"})
_TRAILING_PUNCT = set(".,;:!?-–—()[]\"'“”‘’")


def register_extensions() -> None:
    """Register the Doc and Span extensions of the actors capability (idempotent)."""
    Span.set_extension("actor", default=None, force=True)
    Doc.set_extension("presslens_actors", default=None, force=True)


register_extensions()


# --------------------------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class Lexicon:
    """The word lists the rules use, loaded from ``analysis/lexicons/actors_*.yaml``."""

    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    demonyms: dict[str, str]  # surface form ("Russians") -> singular demonym ("Russian")
    demonym_place: dict[str, str]  # singular demonym -> place
    groups: frozenset[str]
    countries: frozenset[str]  # lower-case place names known from the demonyms
    name_aliases: dict[str, str]  # lower-case alias -> canonical key
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    documents: frozenset[str]
    organisation_nouns: frozenset[str]
    fixed_titles: tuple[tuple[str, ...], ...]
    not_actor_words: frozenset[str]
    not_actor_acronyms: frozenset[str]
    region_words: frozenset[str]
    organisation_words: frozenset[str]
    place_nouns: frozenset[str]
    place_display: dict[str, str]  # lower-case canonical alias key -> its written form
    given_names: dict[str, str]  # "Maria" -> "f", "Sergey" -> "m"
    organisation_names: frozenset[str]  # "Twitter", "Reuters": organisations whatever NER says
    not_actor_first_words: frozenset[str]
    gendered_nouns: dict[str, str]  # "mother" -> "f", "spokesman" -> "m"


def _read_yaml(name: str) -> dict:
    path = LEXICONS_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@lru_cache(maxsize=8)
def load_lexicon(titles: str = "actors_titles", places: str = "actors_places",
                 pronouns: str = "actors_pronouns", names: str = "actors_names") -> Lexicon:
    """Load the actors lexicons from ``analysis/lexicons/`` (cached).

    Args:
        titles: Stem of the YAML file with title heads, modifiers and honorifics.
        places: Stem of the YAML file with demonyms, groups, name aliases and name words.
        pronouns: Stem of the YAML file with pronouns, document and organisation nouns.
        names: Stem of the YAML file with common given names by gender.

    Returns:
        The word lists as a frozen :class:`Lexicon`.
    """
    t, p, r, n = _read_yaml(titles), _read_yaml(places), _read_yaml(pronouns), _read_yaml(names)
    lower = lambda xs: frozenset(str(x).lower() for x in xs or ())  # noqa: E731
    demonym_place = {str(k): str(v) for k, v in (p.get("demonyms") or {}).items()}
    plurals = {str(k): str(v) for k, v in (p.get("plurals") or {}).items()}
    demonyms: dict[str, str] = {}
    for singular in demonym_place:
        demonyms[singular] = singular
        demonyms[plurals.get(singular, singular + "s")] = singular
    for group in p.get("groups") or ():
        demonyms.setdefault(f"{group}s", group)
    aliases = {}
    for canonical, forms in (p.get("name_aliases") or {}).items():
        aliases[str(canonical).lower()] = str(canonical).lower()
        for form in forms or ():
            aliases[str(form).lower()] = str(canonical).lower()
    return Lexicon(
        title_heads=lower(t.get("heads")), title_modifiers=lower(t.get("modifiers")),
        honorifics=lower(t.get("honorifics")), demonyms=demonyms, demonym_place=demonym_place,
        groups=frozenset(str(g) for g in p.get("groups") or ()),
        countries=frozenset(v.lower() for v in demonym_place.values())
        | frozenset(k for k, v in aliases.items() if v in {p.lower() for p in demonym_place.values()}),
        name_aliases=aliases, person_pronouns=lower(r.get("person_singular")),
        thing_pronouns=lower(r.get("thing_singular")), plural_pronouns=lower(r.get("plural")),
        documents=lower(r.get("documents")), organisation_nouns=lower(r.get("organisation_nouns")),
        fixed_titles=tuple(tuple(str(x).lower().split()) for x in t.get("fixed_titles") or ()),
        not_actor_words=lower(p.get("not_actor_words")),
        not_actor_acronyms=frozenset(str(x) for x in p.get("not_actor_acronyms") or ()),
        region_words=lower(p.get("region_words")),
        organisation_words=lower(p.get("organisation_words")),
        place_nouns=lower(p.get("place_nouns")),
        place_display={str(k).lower(): str(k) for k in p.get("name_aliases") or {}},
        given_names={**{str(x): "m" for x in n.get("male") or ()}, **{str(x): "f" for x in n.get("female") or ()}},
        organisation_names=frozenset(str(x) for x in p.get("organisation_names") or ()),
        not_actor_first_words=lower(p.get("not_actor_first_words")),
        gendered_nouns={**{str(x).lower(): "m" for x in (r.get("gendered_nouns") or {}).get("male") or ()},
                        **{str(x).lower(): "f" for x in (r.get("gendered_nouns") or {}).get("female") or ()}},
    )


# ----------------------------------------------------------------------------- data types

@dataclass
class Actor:
    """One actor of an article, with the evidence gathered for it."""

    key: str
    names: list[Span] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    extra_aliases: list[str] = field(default_factory=list)
    canonical: str = ""
    type: str = ""
    primary: str = ""  # the type NER gave the fullest name: breaks ties between votes
    words: tuple[str, ...] = ()

    @cached_property
    def stems(self) -> tuple[str, ...]:
        """The words of the fullest name, singularised (see :func:`_stem`)."""
        return _stems(self.words)

    @cached_property
    def lowered(self) -> tuple[str, ...]:
        """The words of the fullest name, lower-cased."""
        return tuple(w.lower() for w in self.words)

    def record(self) -> dict:
        """Return the msgpack-safe dict stored in ``doc._.presslens_actors``."""
        aliases = []
        for text in [clean_text(s.text) for s in self.names] + self.extra_aliases:
            if text != self.canonical and text not in aliases:
                aliases.append(text)
        return {"actor": self.canonical, "type": self.type, "aliases": aliases,
                "roles": list(self.roles), "affiliation": self.affiliation}


@dataclass
class Analysis:
    """What :func:`find_actors` found in a Doc: actors and mentions as ``(span, actor)``."""

    actors: list[Actor]
    mentions: list[tuple[Span, Actor]]


# ---------------------------------------------------------------------------- name mentions

def clean_text(text: str) -> str:
    """Strip a possessive ending and surrounding punctuation from a name."""
    text = text.strip()
    for ending in _APOSTROPHES:
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
            break
    return text.strip(" \t\n,;:")


def _is_title_word(token: Token, lex: Lexicon) -> bool:
    low = token.lower_
    return (low in lex.title_heads or low in lex.title_modifiers or low in lex.honorifics
            or (low.endswith("s") and low[:-1] in lex.title_heads))  # "Senators Marco Rubio"


def _misspelt_title(token: Token, lex: Lexicon) -> bool:
    """Tell whether a capitalised word is a long title head misspelt by one letter ("Represenative")."""
    low = token.lower_
    return (token.is_title and len(low) >= 7 and token.text not in lex.given_names
            and any(_one_letter_apart(low, head) for head in lex.title_heads))


def clean_name(span: Span, lex: Lexicon) -> Span | None:
    """Trim an entity span to the name itself.

    Leading determiners, honorifics and (for people) titles go, as do a trailing possessive,
    punctuation, dangling function words and anything from an opening parenthesis on:
    "the Foreign Office" -> "Foreign Office", "President Trump" -> "Trump", "Lavrov's" ->
    "Lavrov", "Patrice Talon of" -> "Patrice Talon", "World Health Organization (WHO" ->
    "World Health Organization".

    Args:
        span: An entity span.
        lex: The lexicon.

    Returns:
        The trimmed span, or None when nothing of a name is left.
    """
    doc = span.doc
    start, end = span.start, span.end
    for token in span:
        if token.i > start and token.text in ("(", "["):
            end = token.i
            break
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            end = token.i + (0 if token.is_space else 1)  # a name never runs over a line break
            break
    keep_period = (end - start >= 2 and doc[end - 1].text == "." and not doc[end - 2].whitespace_
                   and doc[end - 2].lower_ in _ABBREVIATIONS)  # "Kft.", "Inc.", "Jr."
    while not keep_period and end > start and (doc[end - 1].text in _APOSTROPHES or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].text in _TRAILING_PUNCT or doc[end - 1].is_space
                           or doc[end - 1].pos_ in ("ADP", "CCONJ", "DET")
                           or (end - 1 > start and doc[end - 1].is_lower and span.label_ != "NORP")):
        end -= 1  # "Lavrov's", "Patrice Talon of", "Associated Press of bank"
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].text in _TRAILING_PUNCT
                           or doc[start].is_space):
        start += 1
    while start < end - 1 and (doc[start].like_num or doc[start].text[:1].isdigit()):
        start += 1  # "116th Congress"
    while (start < end - 2 and doc[start].is_lower and doc[start + 1].text in ("-", "–")
           and not doc[start].whitespace_ and not doc[start + 1].whitespace_):
        start += 2  # "pan-African", "intra-Africa", "anti-Trump": the name after the prefix
    if span.label_ == "PERSON":
        while start < end - 1 and (_is_title_word(doc[start], lex) or doc[start].text in lex.demonyms
                                   or doc[start].text in lex.groups or doc[start].pos_ == "NOUN"):
            start += 1  # "President Trump", "Republican Kevin McCarthy", "Violinist Brigit O'Regan"
        if end - start >= 3 and _misspelt_title(doc[start], lex):
            start += 1  # "Represenative Adam Schiff"
    elif start < end - 1 and doc[start].lower_ in lex.honorifics:
        start += 1
    if start >= end or not any(c.isalpha() for c in doc[start:end].text):
        return None
    return doc[start:end] if (start, end) != (span.start, span.end) else span


_CONNECTORS = frozenset({"of", "the", "for", "and", "in", "et", "de", "du", "des", "la", "le", "d'", "d’", "on"})


def _positions(doc: Doc, attr: str, words: Iterable[str]) -> list[int]:
    """Return the indices of the tokens whose ``attr`` ("ORTH", "LOWER", "LEMMA") is one of ``words``.

    Reading a whole column with ``Doc.to_array`` is far cheaper than making a Token per word.
    The ids of a lexicon's word sets (frozensets) are computed once.
    """
    ids = _string_ids(words) if isinstance(words, frozenset) else _string_ids.__wrapped__(words)
    if not len(doc) or not len(ids):
        return []
    column = columns(doc).attr(attr)
    found = np.minimum(np.searchsorted(ids, column), len(ids) - 1)  # faster than np.isin on short arrays
    return np.flatnonzero(ids[found] == column).tolist()


@lru_cache(maxsize=64)
def _string_ids(words: Iterable[str]) -> np.ndarray:
    """Return the string ids of ``words``, sorted."""
    return np.unique(np.fromiter((get_string_id(w) for w in words), dtype=np.uint64))


def _fixed_title_tokens(doc: Doc, lex: Lexicon) -> set[int]:
    """Return the indices of tokens inside multi-word titles such as "Secretary of State"."""
    out: set[int] = set()
    for i in _positions(doc, "LOWER", frozenset(t[0] for t in lex.fixed_titles)):
        for title in lex.fixed_titles:
            n = len(title)
            if tuple(t.lower_ for t in doc[i:i + n]) == title:
                out.update(range(i, i + n))
    return out


def _is_actor_name(span: Span, label: str, lex: Lexicon, fixed: set[int]) -> bool:
    """Tell whether a cleaned entity can name an actor (not a facility, time zone or title word)."""
    words = [t for t in span if t.is_alpha or t.like_num or "." in t.text]
    if not any(t.text[:1].isupper() for t in span):
        return False  # "ahu", "west coast": no capitalised word
    last = span[-1].lower_.strip(".")
    if label != "NORP" and last in lex.not_actor_words and not (label == "PERSON" and len(span) == 2):
        return False  # "Karl Marx Avenue", but "Leo Park" is a person
    if span.text in lex.not_actor_acronyms:
        return False
    if len(span) > 1 and span[0].lower_ in lex.not_actor_first_words:
        return False  # "Hurricane Humberto", "Operation Desert Storm"
    if all(t.i in fixed for t in span):
        return False  # "State" in "Secretary of State"
    if label in ("PERSON", "ORG") and all(_is_title_word(t, lex) for t in words) and (
            len(words) == 1 or any(_is_head(t, lex) for t in words)):
        return False  # "Defence" of "Defence Secretary", "Detective Inspector"
    if len(span) == 1 and label in ("PERSON", "ORG") and span[0].pos_ != "PROPN" and not span[0].is_upper:
        return False  # a capitalised common noun: "Scholars", "Order"
    return True


def _known_place(text: str, lex: Lexicon, places: set[str]) -> bool:
    low = text.lower()
    return low in lex.countries or low in places


def _split(doc: Doc, span: Span, label: str, lex: Lexicon, places: set[str],
           persons: frozenset[str] = frozenset()) -> list[tuple[Span, str]]:
    """Split names that NER ran together with a place.

    "Scotland Nicola Sturgeon" (after "First Minister of") -> place + person; "Federal Aviation
    Office of Germany" -> organisation + place (a bare country after "of" modifies the name).
    """
    if label in ("PERSON", "ORG", "GPE", "LOC") and len(span) >= 3:
        after_title = (span.start >= 2 and doc[span.start - 1].lower_ in ("of", "to")
                       and _is_head(doc[span.start - 2], lex))
        for k in range(1, len(span) - 1):
            if _known_place(span[:k].text, lex, places) and (after_title or span[k:].text in persons):
                # "Ambassador to Germany Richard Grenell"; "Hong Kong Carrie Lam", Carrie Lam named elsewhere
                return [(span[:k], "GPE"), (span[k:], "PERSON")]
    if (label == "ORG" and len(span) >= 3 and span[-2].lower_ == "of"
            and _known_place(span[-1].text, lex, places) and span[-3].lower_ in lex.organisation_words):
        return [(span[:-2], "ORG"), (span[-1:], "GPE")]
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
            return prev_label if prev_label in ("PERSON", "ORG") else "PERSON"  # "Shah Mahmood" + "Qureshi"
        if any(t.lower_ in _CONNECTORS for t in prev[1:]) and cur_label != "PERSON" and doc[prev.end - 1].whitespace_:
            return prev_label  # "Autonomous Region in Muslim" + "Mindanao"
        return None
    if not 1 <= cur.start - prev.end <= 2 or cur_label == "PERSON":
        return None
    gap = [t.lower_ for t in doc[prev.end:cur.start]]
    if any(g not in _CONNECTORS for g in gap):
        return None
    last = prev[-1].lower_
    if prev_label not in ("ORG", "FAC") and last not in lex.region_words:
        return None
    if prev[0].text in lex.given_names or (cur_label == "ORG" and _person_shaped(_words(prev), lex)):
        return None  # "Nikki Holland" + "of the" + "UK", "Morgan Tsvangirai" + "of the" + "MDC"
    if gap in (["of"], ["in"]) and len(cur) == 1 and cur_label in ("GPE", "LOC"):
        return None  # "Office of Germany", "Embassy in London": the place modifies the name
    if "and" in gap and (cur_label == "ORG" or not any(t.lower_ in ("of", "for") for t in prev)):
        return None  # "the FSB and the Investigative Committee", "University of Miami and Apex": two names
    return prev_label


_ELIDED = re.compile(r"^[dlDL]['’][A-ZÀ-Ý]")


def _titleish(token: Token) -> bool:
    """Tell whether a token is capitalised like a name word ("Intervention", "d’Intervention")."""
    return token.is_title or token.is_upper or bool(_ELIDED.match(token.text))


def _extend_org(doc: Doc, span: Span, taken: set[int]) -> Span:
    """Extend an organisation's name over "of/for/and" + capitalised words NER left out."""
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
        while m < len(doc) and m not in taken and _titleish(doc[m]) and doc[m].pos_ in ("PROPN", "NOUN", "ADJ"):
            m += 1
        if m == k:
            break
        has_of = has_of or doc[end].lower_ in ("of", "for")
        end = m
    return doc[span.start:end] if end != span.end else span


def _titled_names(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find people NER missed after a capitalised title: "Presidents Muhammadu Buhari of Nigeria"."""
    out = []
    for i in sorted(set(_positions(doc, "LOWER", lex.title_heads)) | set(_positions(doc, "LEMMA", lex.title_heads))):
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


def _full_names(doc: Doc, spans: list[tuple[Span, str]], lex: Lexicon, taken: set[int]) -> list[tuple[Span, str]]:
    """Find "First Last" where NER tagged only a later "Last" alone ("Adam Schiff" ... "Schiff").

    A one-word name that is not a known place, found elsewhere right after a capitalised proper
    noun that no entity covers and that is not a title word, gives a person's full name there.
    """
    singles = {s.text for s, label in spans if len(s) == 1 and label != "NORP"
               and s.text[:1].isupper() and _norm(s.text) not in lex.countries}
    out = []
    for i in _positions(doc, "ORTH", singles):
        if i == 0 or i in taken or i - 1 in taken:
            continue
        token, first = doc[i], doc[i - 1]
        if (first.pos_ == "PROPN" and first.is_title and not _is_title_word(first, lex)
                and first.text not in lex.demonyms and first.dep_ == "compound" and first.head.i == i):
            out.append((doc[i - 1:i + 1], "PERSON"))
            taken.update((i - 1, i))
    return out


def _majority_labels(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Relabel one-word place names that NER more often tags as a person or organisation ("Mahan")."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for span, label in spans:
        if len(span) == 1:
            labels[span.text][label] += 1
    out = []
    for span, label in spans:
        if len(span) == 1 and label in ("GPE", "LOC"):
            best, n = labels[span.text].most_common(1)[0]
            as_place = labels[span.text]["GPE"] + labels[span.text]["LOC"]
            if best not in ("GPE", "LOC") and n > as_place:
                label = best
        out.append((span, label))
    return out


def name_mentions(doc: Doc, lex: Lexicon) -> list[tuple[Span, str]]:
    """Find the name mentions of actors: cleaned entities, split and joined where NER erred.

    Entities that NER split inside one name are joined ("Shah Mahmood" + "Qureshi"; "Supreme
    Court" + "of the" + "United Kingdom"), run-together names are split ("Scotland Nicola
    Sturgeon"), and facilities, time zones, lower-case words and bare title words are dropped.

    Args:
        doc: A parsed Doc with entities.
        lex: The lexicon.

    Returns:
        ``(span, label)`` pairs in text order; ``label`` is the spaCy label of the name.
    """
    ents = doc.ents
    places = {e.text.lower() for e in ents if e.label_ in ("GPE", "LOC")}
    persons = frozenset(e.text for e in ents if e.label_ == "PERSON")
    fixed = _fixed_title_tokens(doc, lex)
    spans: list[tuple[Span, str]] = []
    for ent in ents:
        label = ent.label_
        if label == "FAC" and any(t.lower_ in lex.organisation_words for t in ent):
            label = "ORG"  # "Mahan Air" tagged as a facility
        if label not in LABEL_TYPES:
            continue
        if ent.text in lex.demonyms and label in ("PERSON", "ORG", "GPE", "LOC"):
            label = "NORP"  # "Ugandan" tagged as a person: a nationality word is a group
        name = clean_name(ent, lex)
        if name is None or (label in ("PERSON", "ORG") and all(_is_title_word(t, lex) for t in name)
                            and any(_is_head(t, lex) for t in name)):
            continue  # a bare title ("Detective Inspector") is not a name and joins none
        if label == "ORG" and len(name) >= 2 and _is_head(name[-1], lex) and name.end < len(doc) and (
                doc[name.end].pos_ == "PROPN" or _is_title_word(doc[name.end], lex)):
            k = name.end
            while k > name.start + 1 and _is_title_word(doc[k - 1], lex):
                k -= 1
            name = doc[name.start:k]  # "Coast Guard Commandant" before a name: the body is "Coast Guard"
        if label == "ORG" and len(name) >= 3:
            k = name.start
            while k < name.end - 2 and _is_title_word(doc[k], lex):
                k += 1
            if k > name.start and _is_head(doc[k - 1], lex) and all(
                    t.is_title and t.pos_ == "PROPN" for t in doc[k:name.end]):
                name, label = doc[k:name.end], "PERSON"  # "Detective Inspector Steven Jones"
        parts = _split(doc, name, label, lex, places, persons)
        for n, (part, part_label) in enumerate(parts):
            if spans and n == 0:
                joined = _joinable(doc, spans[-1][0], spans[-1][1], part, part_label, lex)
                if joined is not None:
                    spans[-1] = (doc[spans[-1][0].start:part.end], joined)
                    continue
            spans.append((part, part_label))
    out = []
    taken = {t.i for s, _ in spans for t in s}
    spans.extend(_titled_names(doc, lex, taken))
    spans.extend(_full_names(doc, spans, lex, taken))
    spans.sort(key=lambda m: m[0].start)
    spans = _majority_labels(spans)
    for span, label in spans:
        start, end = span.start, span.end
        if label == "PERSON":
            while (end < len(doc) and end not in taken and doc[end].pos_ == "PROPN"
                   and doc[end].is_title and doc[end - 1].dep_ == "compound"
                   and doc[end - 1].head.i == end):
                end += 1
            while (start > 0 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN"
                   and doc[start - 1].is_title and doc[start - 1].dep_ == "compound"
                   and span.start <= doc[start - 1].head.i < end and not _is_title_word(doc[start - 1], lex)
                   and not _misspelt_title(doc[start - 1], lex)):
                start -= 1
            span = doc[start:end]
        elif label == "ORG":
            span = _extend_org(doc, span, taken)
        if label != "PERSON" and any(t.lower_ in _CONNECTORS for t in span[1:]):
            while ((end := span.end) < len(doc) and end not in taken and doc[end].pos_ == "PROPN"
                   and _titleish(doc[end]) and span[-1].dep_ in ("compound", "amod") and span[-1].head.i == end):
                span = doc[span.start:end + 1]  # "Autonomous Region in Muslim" + "Mindanao"
        if (span.end < len(doc) and doc[span.end].text == "." and not span[-1].whitespace_
                and span[-1].lower_ in _ABBREVIATIONS):
            span = doc[span.start:span.end + 1]  # "HDT Védelmi Ipari Kft."
        taken.update(range(span.start, span.end))
        if _is_actor_name(span, label, lex, fixed):
            out.append((span, label))
    return out


def acronym_of(words: Iterable[str]) -> str:
    """Return the initials of the capitalised words of a name ("Pakistan Steel Mills" -> "PSM")."""
    return "".join(w[0] for w in words if w and w[0].isupper() and w.lower() not in _NAME_STOPWORDS)


def _words(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in span if not t.is_punct or t.text in ("-", "&", "."))


def _parenthesised_alias(doc: Doc, span: Span) -> Span | None:
    """Return the name in parentheses right after ``span``: "Pakistan Steel Mills (PSM)", "Easter Island (Rapa Nui)"."""
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "(":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 5 and doc[j].text != ")":
        if not (doc[j].is_title or doc[j].is_upper or _ACRONYM.match(doc[j].text)) or doc[j].like_num:
            return None
        j += 1
    if j >= len(doc) or doc[j].text != ")" or j == i + 1:
        return None
    return doc[i + 1:j]


# ------------------------------------------------------------------------------ clustering

def _acronym_target(name: Span, alias: Span) -> Span | None:
    """Return the part of ``name`` that a parenthesised ``alias`` abbreviates, or None.

    A name in parentheses that is not an acronym ("Easter Island (Rapa Nui)") names the whole.
    An acronym names the whole when its letters are the name's initials or appear among them in
    order ("PSM", "NIAID"), or share the first initial ("FSB"); it names a tail of the name when
    that tail's initials spell it ("Parliament of New South Wales (NSW)"); otherwise it
    abbreviates something else ("Member of Parliament (MP)").
    """
    text = alias.text.replace(".", "")
    if not text.isupper():
        return name
    initials = acronym_of(_words(name))
    if text == initials:
        return name
    for i in range(1, len(name)):
        if name[i - 1].lower_ in ("of", "the") and acronym_of(_words(name[i:])) == text:
            return name[i:]
    letters = iter(initials)
    if initials and (text[0] == initials[0] or all(c in letters for c in text)):
        return name
    return None


@lru_cache(maxsize=65536)  # pure and called for every name against every actor
def _norm(text: str) -> str:
    return " ".join(clean_text(text).lower().replace("’", "'").split())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Lower-case a word and drop a plural -s, so "Forces" matches "Force"."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _stems(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(_stem(w) for w in words)


def _contains_run(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    if not n or n >= len(longer) or shorter[0] not in longer:
        return False
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _one_letter_apart(a: str, b: str) -> bool:
    """Tell whether two long names differ by one letter changed, added or dropped (a misspelling)."""
    if min(len(a), len(b)) < 7 or a[0] != b[0] or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]  # "hagia sophia" / "haghia sophia"


def _group_key(text: str, lex: Lexicon) -> str | None:
    """Return the singular demonym or group for a NORP name ("Russians" -> "Russian")."""
    if text in lex.demonyms:
        return lex.demonyms[text]
    if text in lex.groups:
        return text
    return None


def cluster_mentions(doc: Doc, names: list[tuple[Span, str]], lex: Lexicon) -> list[tuple[Span, Actor]]:
    """Group name mentions into actors, from the fullest name down.

    A name joins an actor when its (singularised) words equal one of the actor's names, are a
    run of the words of a fuller name (see :func:`_partial_match`), are its acronym or the name
    in parentheses after it, are a listed alias ("US" -> "United States"), or differ from a long
    one-word name by one letter (a misspelling).

    Args:
        doc: The Doc.
        names: ``(span, label)`` from :func:`name_mentions`.
        lex: The lexicon.

    Returns:
        ``(span, actor)`` pairs in text order; each actor holds its names and type votes.
    """
    actors: list[Actor] = []
    by_key: dict[str, Actor] = {}
    assigned: dict[int, Actor] = {}
    acronyms: dict[str, Actor] = {}
    paren: dict[str, str] = {}  # key of a name in parentheses -> key of the name before it
    kinds = _name_kinds(names)

    def key_of(text: str) -> str:
        low = _norm(text)
        return " ".join(_stems(lex.name_aliases.get(low, low).split()))

    extra: list[Span] = []
    body = columns(doc).text
    for (first, _), (second, _) in zip(names, names[1:]):  # "Rapa Nui, also called Easter Island"
        between = body[first.end_char:second.start_char]  # the regex allows spaces at both ends
        if _ALSO_CALLED.match(between) and key_of(first.text) != key_of(second.text):
            paren.setdefault(key_of(second.text), key_of(first.text))
    for span, label in names:
        alias = _parenthesised_alias(doc, span)
        if alias is not None and key_of(alias.text) != key_of(span.text):
            target = _acronym_target(span, alias)
            if target is not None:
                paren.setdefault(key_of(alias.text), key_of(target.text))
                extra.append(alias)
    name_words = [tuple(w for w in _words(span) if w not in _APOSTROPHES) for span, _ in names]
    order = sorted(range(len(names)), key=lambda k: (-len(name_words[k]), names[k][0].start))
    for k in order:
        span, label = names[k]
        text = clean_text(span.text)
        words = name_words[k]
        key = key_of(text)
        if label == "NORP":
            group = _group_key(text, lex)
            if group is not None:
                key = "group:" + group.lower()
            else:
                label = "ORG"  # a NORP that is not a people ("Taliban", "Hezbollah") is a body
        key = paren.get(key, key)
        actor = by_key.get(key) or acronyms.get(text)
        evidence = _type_evidence(doc, span, lex, kinds)
        if actor is None and not key.startswith("group:"):
            actor = _partial_match(actors, words, label, span.start, lex, placelike=evidence["place"] > 0)
        if actor is None and not key.startswith("group:"):
            actor = next((a for k2, a in by_key.items() if _one_letter_apart(k2, key)), None)
        if actor is None:
            actor = Actor(key=key, words=words)
            actors.append(actor)
            by_key[key] = actor
            initials = acronym_of(words)
            if len(initials) >= 2 and len(words) >= 2:
                acronyms.setdefault(initials, actor)
        by_key.setdefault(key, actor)
        actor.names.append(span)
        weight = 2.0 if len(words) == len(actor.words) else 0.5  # the fullest name is the best evidence
        actor.votes[LABEL_TYPES.get(label, "organisation")] += weight
        if weight == 2.0 and not actor.primary:
            actor.primary = LABEL_TYPES.get(label, "organisation")
        actor.votes.update(evidence)
        assigned[k] = actor
    mentions = [(names[k][0], assigned[k]) for k in range(len(names))]
    taken = {t.i for span, _ in mentions for t in span}
    for alias in extra:  # a name in parentheses that NER did not tag: "(PSM)"
        actor = by_key.get(paren.get(key_of(alias.text), ""))
        if actor is not None and not any(i in taken for i in range(alias.start, alias.end)):
            mentions.append((alias, actor))
            actor.extra_aliases.append(alias.text)
            taken.update(range(alias.start, alias.end))
    return mentions


def _head_word(words: tuple[str, ...]) -> str:
    """Return the head word of a name: the word before "of/for/in", else the last one."""
    for i, word in enumerate(words[1:], 1):
        if word.lower() in ("of", "for", "in"):
            return words[i - 1]
    return words[-1]


def _middle_names_left_out(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Tell whether ``shorter`` is ``longer`` without some middle names or initials.

    Same first and last word, the rest in order: "John Bolton" of "John R. Bolton", "John
    Conyers" of "John James Conyers Jr.".
    """
    longer = tuple(w for w in longer if w not in ("Jr.", "Jr", "Sr.", "Sr", "II", "III"))
    if len(shorter) >= len(longer) or shorter[0] != longer[0]:
        return False
    if shorter[-1] != longer[-1] and not (len(longer) >= 3 and shorter[-1] == longer[-2]):
        return False  # a second surname may follow: "Pedro Pierluisi" of "Pedro R. Pierluisi Urrutia"
    rest = iter(longer[1:])
    return all(w in rest for w in shorter[1:])


def _person_shaped(words: tuple[str, ...], lex: Lexicon) -> bool:
    """Tell whether a name looks like a person's: 2-4 capitalised words, no organisation or place word."""
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and not any(w.lower() in lex.organisation_words or w.lower() in _NAME_STOPWORDS for w in words)
            and _norm(" ".join(words)) not in lex.countries)


def _partial_match(actors: list[Actor], words: tuple[str, ...], label: str, position: int,
                   lex: Lexicon, *, placelike: bool = False) -> Actor | None:
    """Return the actor whose fuller name contains ``words`` as a run, the nearest one first.

    A person's name parts join the person ("Lavrov", "Shah Mahmood"), whatever NER called
    them, unless they are a known country. An organisation's leading words join it ("Mahan"
    -> "Mahan Air"), and so do its head words after a nationality or place ("Parliament" ->
    "Tunisian Parliament"). Places never join a longer name ("Pakistan" in "Radio Pakistan"), nor
    does a place-tagged word used as a place ("in Washington" is not George Washington). A
    person's words must match exactly ("the Turpins" are not Louise Turpin); an organisation's
    may differ in number ("Defence Force" -> "Defence Forces").
    """
    lowered = tuple(w.lower() for w in words)
    stems = _stems(words)
    if " ".join(stems) in lex.countries or _norm(" ".join(words)) in lex.countries:
        return None
    found = []
    for actor in actors:
        if actor.key.startswith("group:"):
            continue
        # the cheap word tests first: most actors share no word with the name
        if len(words) >= 2 and _middle_names_left_out(actor.words, words) and _leading(actor) == "person":
            found.append(actor)  # "John Bolton" -> "John R. Bolton", "Robert Mugabe" -> "Robert Gabriel Mugabe"
            continue
        if (len(words) == 1 and label in ("ORG", "GPE", "LOC") and not placelike and actor.words[-1:] == words
                and _leading(actor) in ("person", "organisation") and _person_shaped(actor.words, lex)):
            found.append(actor)  # a surname that NER called a place or a body: "Navaratnam"
            continue
        if not _contains_run(actor.stems, stems):
            continue
        leading = _leading(actor)
        if leading == "person":
            if _contains_run(actor.lowered, lowered) and not (
                    label in ("GPE", "LOC") and placelike):
                found.append(actor)
        elif label == "PERSON" and len(words) == 1 and _person_shaped(actor.words, lex):
            found.append(actor)  # "Rosselló" -> "Ricardo Rosselló Nevares", tagged ORG by NER
        elif label in ("GPE", "LOC") or leading != "organisation":
            continue
        elif len(words) == 1 and words[0].lower() in lex.organisation_words:
            if _stem(_head_word(actor.words)) == stems[0]:
                found.append(actor)  # "Parliament" -> "Tunisian Parliament", "Court" -> "Court of Session"
            continue  # but "House" is not "House Intelligence Committee"
        elif _stems(actor.words[:len(words)]) == stems or len(words) >= 2:
            found.append(actor)  # "Mahan" -> "Mahan Air"; "Revolutionary Guards" -> "Islamic Revolutionary Guard Corps"
        elif _stems(actor.words[-len(words):]) == stems and all(
                w in lex.demonyms or w.lower() in lex.countries for w in actor.words[:-len(words)]):
            found.append(actor)
    if not found:
        return None
    if len(found) == 1:
        return found[0]

    def last_before(actor: Actor) -> int:
        starts = [s.start for s in actor.names if s.start < position]
        return max(starts) if starts else -1

    if label == "PERSON" or all(_leading(a) == "person" for a in found):
        return max(found, key=last_before)  # the person named last before
    return max(found, key=lambda a: (len(a.names), last_before(a)))  # the body named most often


def _leading(actor: Actor) -> str:
    """Return the type with the most votes so far (the first counted on ties)."""
    return actor.votes.most_common(1)[0][0]


# ------------------------------------------------------------------------------ type votes

_IN_PREPS = frozenset({"in", "near", "across", "throughout", "outside", "into", "inside"})


def _name_kinds(names: list[tuple[Span, str]]) -> dict[int, str]:
    """Map the head token of each name to "place" or "person", for list and apposition evidence.

    A one-word place that is also a word of a longer person or organisation name ("Quirin" of
    "Antoine Quirin") is left out: NER may have mislabelled it.
    """
    parts = {w for span, label in names if len(span) > 1 and label in ("PERSON", "ORG") for w in _words(span)}
    kinds = {}
    for span, label in names:
        if label in ("GPE", "LOC") and not (len(span) == 1 and span.text in parts):
            kinds[span.root.i] = "place"
        elif label == "PERSON":
            kinds[span.root.i] = "person"
    return kinds


def _type_evidence(doc: Doc, span: Span, lex: Lexicon, kinds: dict[int, str]) -> Counter:
    """Return the type votes that the context of one name mention gives, besides its label.

    A title or honorific before the name, a title in apposition or a list with a person makes
    a person; "in X", "X's governor", "the capital, X", "the X region" and a list of places
    make a place.
    """
    votes: Counter = Counter()
    if 2 <= len(span) <= 4 and span[0].text in lex.given_names and span[-1].is_title and not any(
            t.lower_ in lex.organisation_words for t in span):
        votes["person"] += 3  # "Oleg Titov", whatever NER called it
    root = span.root
    if root.dep_ == "conj" and kinds.get(root.head.i) == "person":
        votes["person"] += 3  # "Muhammadu Buhari of Nigeria and Patrice Talon"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lex.honorifics:
        votes["person"] += 3
    elif _role_before(doc, span.start, lex) is not None or _role_after(doc, span.end, lex) is not None:
        votes["person"] += 3
    elif (before is not None and before.text == "," and _role_before(doc, span.start - 1, lex) is not None
          and not (span.end < len(doc) and _is_title_word(doc[span.end], lex))):  # not "Commerce Secretary"
        votes["person"] += 4  # "The president of Namibia, Hage Geingob": more than a list of places
    if len(span) > 2 or any(t.lower_ in lex.organisation_words for t in span):
        return votes
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in _IN_PREPS:
        votes["place"] += 2
    if head.lemma_.lower() in lex.place_nouns and root.dep_ in ("compound", "appos", "poss", "nmod", "amod"):
        votes["place"] += 3  # "the Sulu region", "the capital, Tunis", "Chelyabinsk regional"
    elif any(c.dep_ == "appos" and c.lemma_.lower() in lex.place_nouns for c in root.children):
        votes["place"] += 3  # "Niamey, Niger's capital"
    if root.dep_ == "poss" and head.lemma_.lower() in ("governor", "mayor"):
        votes["place"] += 2
    if (root.dep_ in ("conj", "appos") and kinds.get(head.i) == "place") or any(
            c.dep_ in ("conj", "appos") and kinds.get(c.i) == "place" for c in root.children):
        votes["place"] += 3  # one of a list of places
    return votes


def vote_types(doc: Doc, mentions: list[tuple[Span, Actor]], lex: Lexicon) -> None:
    """Decide each actor's type from its votes plus context, gazetteer and name-word evidence."""
    for actor in {id(a): a for _, a in mentions}.values():
        if actor.key.startswith("group:"):
            actor.type = "group"
            continue
        words = [w.lower() for w in actor.words]
        if any(_norm(s.text) in lex.countries for s in actor.names):
            actor.votes["place"] += 6
        if any(clean_text(s.text) in lex.organisation_names for s in actor.names):
            actor.votes["organisation"] += 6
        if words and (words[-1] in lex.organisation_words or words[0] in lex.organisation_words) and len(words) > 1:
            actor.votes["organisation"] += 3
        ranked = sorted(actor.votes.items(), key=lambda kv: (-kv[1], kv[0] != actor.primary, ACTOR_TYPES.index(kv[0])))
        actor.type = ranked[0][0] if ranked else "organisation"
        if actor.type == "group":
            actor.type = "organisation"


def choose_canonical(actor: Actor, lex: Lexicon) -> str:
    """Return the fullest name form of an actor (for a group, its singular demonym)."""
    if actor.type == "group":
        group = actor.key.split(":", 1)[1]
        forms = [clean_text(s.text) for s in actor.names]
        singular = next((f for f in forms if f.lower() == group), None)
        return singular or forms[0]
    forms = [clean_text(s.text) for s in actor.names]
    counts = Counter(forms)  # most words, then the most used spelling, then the longest, then the first
    return max(forms, key=lambda f: (len(f.split()), counts[f], len(f), -forms.index(f)))


# -------------------------------------------------------------------------------------- roles

def _is_head(token: Token, lex: Lexicon) -> bool:
    """Tell whether a token is a title head, singular or plural ("Minister", "officers")."""
    low = token.lower_
    return low in lex.title_heads or (low.endswith("s") and low[:-1] in lex.title_heads)


def _role_before(doc: Doc, end: int, lex: Lexicon) -> tuple[int, int, str | None] | None:
    """Find a title ending right before token ``end``: ``(start, end, affiliation)`` or None.

    The title ends in a title head ("Minister", "envoy") or in a prepositional phrase after one
    ("special envoy to Afghanistan"), and extends left over modifiers and capitalised words. A
    leading nationality or country becomes the affiliation and is left out of the title.
    """
    i = end - 1
    # an "of/to/for + name" phrase after the head: "Secretary of State", "envoy to Afghanistan"
    j = i
    while j > 0 and (doc[j].is_title or doc[j].is_upper or doc[j].lower_ == "the") and (
            doc[j].lower_ not in lex.title_heads):
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
            k -= 1  # inside a word or name: "co-author", "Export–Import Bank"
            continue
        if low == "and" and k > 0 and doc[k - 1].is_title and doc[k + 1].is_title and doc[k - 1].ent_type_ != "PERSON":
            k -= 1  # inside a name: "Police and Crime Commissioner"
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
    """Find an apposition after a name: "Anthony Fauci, director of NIAID," -> ``(start, end, None)``."""
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
    """Split stacked titles: "Coast Guard Commandant Admiral" -> "Coast Guard Commandant", "Admiral"."""
    only_head = lambda t: _is_head(t, lex) and t.lower_ not in lex.title_modifiers  # noqa: E731
    cuts = [start] + [k for k in range(start + 1, end) if only_head(doc[k - 1]) and only_head(doc[k])] + [end]
    return [_role_text(doc, a, b, lex) for a, b in zip(cuts, cuts[1:])]


def find_roles(doc: Doc, mentions: list[tuple[Span, Actor]], lex: Lexicon) -> None:
    """Attach the roles (titles, appositions) and affiliations found around each person's names.

    A plural title is made singular and shared by the people it governs ("Presidents Muhammadu
    Buhari of Nigeria and Patrice Talon of Benin": both President).
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
            pre = _role_before(doc, span.start - 1, lex)  # "The Vice President, Mike Pence, said"
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
            group = _group_key(actor.affiliation, lex)
            if group is not None and group in lex.demonym_place:
                actor.affiliation = lex.demonym_place[group]
            else:  # "the U.S." -> "United States"
                name = re.sub(r"^the\s+", "", actor.affiliation, flags=re.I)
                actor.affiliation = lex.place_display.get(lex.name_aliases.get(name.lower(), ""), name)


# ------------------------------------------------------------------------------- references

@dataclass
class Context:
    """What reference resolution needs: actors, name mentions in order, sentence starts."""

    doc: Doc
    lex: Lexicon
    actors: dict[str, dict]
    names: list[tuple[Span, str]]  # (span, canonical actor), in text order
    sent_starts: list[int]
    quoted: set[int] = field(default_factory=set)  # indices of tokens inside quotation marks
    gender: dict[str, str] = field(default_factory=dict)  # actor -> "m" or "f", from "Mr", "Ms", "he", "she"
    name_at: dict[int, str] = field(default_factory=dict)  # token index -> actor of the name covering it
    mention_at: dict[int, str] = field(default_factory=dict)  # the same over all mentions, references too
    descriptions: dict[str, list[tuple[str, str | None, int]]] = field(default_factory=dict)
    # head noun of an apposition ("news site", "Dunn's mother") -> [(actor, possessor actor, noun index)]
    name_starts: list[int] = field(default_factory=list)  # per name: first token, end token, sentence
    name_ends: list[int] = field(default_factory=list)
    name_sents: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.names = sorted(self.names, key=lambda m: m[0].start)  # stable: already sorted in practice
        self.name_starts = [span.start for span, _ in self.names]
        self.name_ends = [span.end for span, _ in self.names]
        self.name_sents = [self.sentence(start) for start in self.name_starts]

    def sentence(self, i: int) -> int:
        """Return the index of the sentence holding token ``i``."""
        return bisect_right(self.sent_starts, i) - 1


def quoted_tokens(doc: Doc) -> set[int]:
    """Return the indices of the tokens inside quotation marks.

    Curly quotes pair as opening and closing marks; straight double quotes pair in order within
    a paragraph. A paragraph break ends an unbalanced quotation.
    """
    cols = columns(doc)
    starts = cols.starts[:-1]
    inside: set[int] = set()
    opened: int | None = None

    def close(end: int) -> None:
        inside.update(range(int(np.searchsorted(starts, opened)), int(np.searchsorted(starts, end))))

    for match in _QUOTE_MARKS.finditer(cols.text):
        mark = match.group()
        if mark[0] == "\n":
            opened = None
        elif mark in ("“", "«"):
            opened = match.end()
        elif mark in ("”", "»"):
            if opened is not None:
                close(match.start())
            opened = None
        elif opened is None:
            opened = match.end()
        else:
            close(match.start())
            opened = None
    return inside


def _sentence_starts(doc: Doc) -> list[int]:
    if not doc.has_annotation("SENT_START"):
        return [0]
    return [s.start for s in doc.sents]


def _is_subject(span: Span) -> bool:
    root = span.root
    if root.dep_ in SUBJECT_DEPS:
        return True
    return root.dep_ == "poss" and root.head.dep_ in SUBJECT_DEPS


def _is_source(span: Span) -> bool:
    """Tell whether a name is the source in "according to X", as salient as a subject for "he" or "she"."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"


def _in_main_clause(token: Token) -> bool:
    """Tell whether a subject belongs to its sentence's main clause, not to a reported or subordinate one."""
    verb = token.head
    while verb.dep_ in ("conj", "advcl") and verb.head is not verb:  # "X said it, while Y wrote ..."
        verb = verb.head
    return verb.dep_ == "ROOT" or (token.dep_ == "pobj" and verb.head.dep_ == "ROOT")


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                     "mme": "f", "mme.": "f", "miss": "f", "dame": "f"}


def resolve_pronoun(ctx: Context, token: Token) -> str | None:
    """Resolve a third-person pronoun to an actor, or None.

    "he/she" goes to the nearest person named as a subject in this or the three previous
    sentences (else to the person named in this or the previous one, if only one is); "it" and
    "they" to the nearest organisation, place or group named as a subject in this or the
    previous sentence, and only when they are subjects or possessives ("it said", "its
    statement"). "she" never goes to a person known as "he" (from "Mr", a given name or an
    earlier resolved pronoun), nor "he" to one known as "she"; a pronoun never refers to the
    subject of its own clause ("X upheld it"). Names inside quotation marks are not
    antecedents, and pronouns inside them are not resolved (the speaker's "he" may be anyone).
    A pronoun with no candidate stays unresolved.
    """
    low = token.lower_
    if token.i in ctx.quoted:
        return None  # inside a quotation, "he" may be anyone the speaker means
    if low in ctx.lex.person_pronouns:
        types, window = {"person"}, 3
    elif token.dep_ not in SUBJECT_DEPS and token.dep_ != "poss":
        return None  # an object "it" or "them" is most often a thing, not an actor
    elif low in ctx.lex.thing_pronouns:
        types, window = {"organisation", "place"}, 1
    elif low in ctx.lex.plural_pronouns:
        types, window = {"organisation", "group"}, 1
    else:
        return None
    here = ctx.sentence(token.i)
    gender = _PRONOUN_GENDER.get(low)
    # the names starting in the window's sentences and before the pronoun (names are in text order)
    lo, hi = bisect_left(ctx.name_sents, here - window), bisect_left(ctx.name_starts, token.i)
    candidates = [(span, actor) for (span, actor), end in zip(ctx.names[lo:hi], ctx.name_ends[lo:hi])
                  if end <= token.i and ctx.actors[actor]["type"] in types and span.start not in ctx.quoted
                  and ctx.gender.get(actor, gender) == gender]
    governor = token.head.i if token.dep_ not in SUBJECT_DEPS else -1
    candidates = [(span, actor) for span, actor in candidates
                  if not (span.root.head.i == governor and span.root.dep_ in SUBJECT_DEPS)]  # "X upheld it"
    if not candidates:
        return None
    subjects = [(span, actor) for span, actor in candidates
                if _is_subject(span) or (types == {"person"} and _is_source(span))]
    if subjects:
        last = ctx.sentence(subjects[-1][0].start)
        main = [a for s, a in subjects if ctx.sentence(s.start) == last and _in_main_clause(s.root)]
        if main and last < here:
            return main[-1]  # "X, questioning it, said Y might ... . He added": X
        return subjects[-1][1]
    if types == {"person"}:
        recent = [a for s, a in candidates if here - ctx.sentence(s.start) <= 1]
        if recent and len(set(recent)) == 1:
            return recent[-1]
    return None


def _issuer(ctx: Context, noun: Token) -> str | None:
    """Return the actor that issued a document noun: "X's statement", "statement by X", "X said in a statement"."""
    for child in noun.children:
        if child.dep_ == "poss":  # "the court's summary", "Qureshi's statement"
            return _actor_at(ctx, child) or (resolve_nominal(ctx, child) if child.pos_ == "NOUN" else None)
        if child.dep_ in ("compound", "nmod") and _actor_at(ctx, child):  # "the Internal Revenue Service website"
            return _actor_at(ctx, child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _actor_at(ctx, obj)
        if child.dep_ == "acl":  # "a statement issued by X"
            for prep in child.children:
                if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return _actor_at(ctx, obj)
    head = noun.head
    hops = 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and hops < 3:
        head = head.head
        hops += 1
    if head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != noun.i:
                return _actor_at(ctx, child)
    return None


def _actor_at(ctx: Context, token: Token) -> str | None:
    return ctx.name_at.get(token.i)


_RANK_WORDS = frozenset({"deputy", "vice", "assistant", "associate", "under", "former", "ex"})


def resolve_nominal(ctx: Context, head: Token) -> str | None:
    """Resolve a definite description ("the minister", "the ministry", "the statement") or None.

    A title noun goes to the person whose roles hold it (the nearest one named before it; an
    "of X" complement or a place as possessor must match the affiliation; a "Deputy" or "Vice"
    title is another role); an organisation noun to the organisation whose name holds it; a
    document noun to its issuer, found at this or an earlier mention of the same noun. Failing
    those, a definite description goes to the actor that an apposition described with the same
    noun ("the website" after "One news site, Znak.com"; "Dunn's mother" after "Dunn's mother,
    Charlotte Charles"), the nearest one named before it.
    """
    lemma = head.lemma_.lower()
    text = head.lower_
    lex = ctx.lex
    found = None
    if lemma in lex.title_heads or text in lex.title_heads:
        found = _role_holder(ctx, head, lemma)
    elif lemma in lex.organisation_nouns:
        orgs = [a for a, info in ctx.actors.items() if info["type"] == "organisation"
                and lemma in [w.lower() for w in a.split()]]
        if len(orgs) <= 1:
            return orgs[0] if orgs else None
        counts = Counter(a for _, a in ctx.names if a in orgs)
        last = {a: s.start for s, a in ctx.names if a in orgs and s.end <= head.i}
        return max(orgs, key=lambda a: (counts[a], last.get(a, -1)))  # the most talked-about one
    elif lemma in lex.documents or text in lex.documents:
        found = _issuer(ctx, head)
        for tok in reversed(ctx.doc[:head.i]) if found is None else ():
            if tok.lemma_.lower() == lemma:
                found = _issuer(ctx, tok)
                if found is not None:
                    break
    return found if found is not None else _described(ctx, head, lemma)


def _nearest_before(ctx: Context, actors: set[str] | list[str], i: int, *, only: bool = True) -> str | None:
    """Return the only one of ``actors`` (with ``only``), else the one named last before token ``i``, else None."""
    if only and len(set(actors)) == 1:
        return next(iter(actors))
    for span, actor in reversed(ctx.names):
        if span.end <= i and actor in actors:
            return actor
    return None


def _role_holder(ctx: Context, head: Token, lemma: str) -> str | None:
    """Return the person whose role the title noun ``head`` names ("the vice president")."""
    modifiers = [t.lower_ for t in head.lefts
                 if t.dep_ in ("compound", "amod") and t.ent_type_ not in ("NORP", "GPE")]
    phrase = " ".join(modifiers + [lemma])
    of_place = None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            of_place = _actor_at(ctx, obj) if obj is not None else None
        elif child.dep_ == "poss" and ctx.actors.get(_actor_at(ctx, child) or "", {}).get("type") == "place":
            of_place = _actor_at(ctx, child)  # "Chelyabinsk's governor"
    pattern = re.compile(r"(?:^|\b(\w+) )" + re.escape(phrase) + r"s?\b")

    def holds(role: str) -> bool:
        return any(m.group(1) not in _RANK_WORDS for m in pattern.finditer(role.lower()))  # not "Deputy Governor"

    people = [a for a, info in ctx.actors.items() if info["type"] == "person"
              and any(holds(r) for r in info["roles"])
              and (of_place is None or info.get("affiliation") in (None, of_place))]
    if of_place is not None:
        people = [a for a in people if ctx.actors[a].get("affiliation") == of_place] or people
    return _nearest_before(ctx, people, head.i) if people else None


def _described(ctx: Context, head: Token, lemma: str) -> str | None:
    """Return the actor described in apposition by the noun of a definite description, or None."""
    described = ctx.descriptions.get(lemma)
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                   for c in head.children)
    if not described or not definite or not _plain_description(head):
        return None  # "a spokesperson" may be anyone
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    owner_actor = _actor_at(ctx, owner) if owner is not None else None
    if owner is not None and owner_actor is None:
        return None  # "the victim's mother": whose is unknown
    same = [a for a, _, i in described if i == head.i]
    if same:
        return same[0]  # the description is itself in apposition: "The new governor, Alexander Moor,"
    actors = [a for a, of, _ in described if owner is None or of == owner_actor]
    return _nearest_before(ctx, actors, head.i, only=False) if actors else None  # named before it


def _is_definite_nominal(ctx: Context, token: Token) -> bool:
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    det = [c for c in token.children if c.dep_ == "det"]
    return bool(det) and det[0].lower_ in ("the", "this", "that")


def resolve_references(ctx: Context) -> list[tuple[Span, str]]:
    """Resolve the pronouns and definite nominals of a Doc to actors.

    Returns:
        ``(span, actor)`` for each resolved pronoun ("he") and person or organisation nominal
        ("the minister", "the ministry"), in text order. Document nouns ("the statement") are
        resolved by :func:`actor_for` but not counted as mentions of their issuer.
    """
    out = []
    lex = ctx.lex
    pronouns = _positions(ctx.doc, "LOWER", lex.person_pronouns | lex.thing_pronouns | lex.plural_pronouns)
    nouns = _positions(ctx.doc, "LEMMA", lex.title_heads | lex.organisation_nouns)
    for i in sorted(set(pronouns) | set(nouns)):
        token = ctx.doc[i]
        if token.pos not in (PRON, NOUN):
            continue
        low = token.lower_
        if token.pos_ == "PRON" and low in lex.person_pronouns | lex.thing_pronouns | lex.plural_pronouns:
            actor = resolve_pronoun(ctx, token)
            if actor is not None and low in _PRONOUN_GENDER:
                ctx.gender.setdefault(actor, _PRONOUN_GENDER[low])
            if actor is not None:
                out.append((ctx.doc[token.i:token.i + 1], actor))
        elif _is_definite_nominal(ctx, token) and (token.lemma_.lower() in lex.title_heads
                                                    or token.lemma_.lower() in lex.organisation_nouns):
            actor = resolve_nominal(ctx, token)
            if actor is not None:
                start = min(t.i for t in token.subtree if t.i <= token.i)
                out.append((ctx.doc[start:token.i + 1], actor))
    return out


# ------------------------------------------------------------------------------ entry points

def find_actors(doc: Doc, lex: Lexicon | None = None) -> Analysis:
    """Find the actors of a parsed Doc and their name mentions.

    Args:
        doc: A Doc parsed by a pipeline with ``ner`` and ``parser``.
        lex: The lexicon; by default :func:`load_lexicon`.

    Returns:
        The actors (canonical name, type, aliases, roles, affiliation) and their name mentions.

    Example:
        >>> analysis = find_actors(nlp("Foreign Minister Sergey Lavrov arrived. Lavrov said..."))  # doctest: +SKIP
        >>> [a.record()["actor"] for a in analysis.actors]  # doctest: +SKIP
        ['Sergey Lavrov']
    """
    lex = lex or load_lexicon()
    names = name_mentions(doc, lex)
    mentions = cluster_mentions(doc, names, lex)
    vote_types(doc, mentions, lex)
    actors = list({id(a): a for _, a in sorted(mentions, key=lambda m: m[0].start)}.values())
    for actor in actors:
        actor.canonical = choose_canonical(actor, lex)
    find_roles(doc, mentions, lex)
    _affiliations(actors, lex)
    _extend_surnames(doc, mentions)
    mentions.sort(key=lambda m: (m[0].start, m[0].end))
    return Analysis(actors=actors, mentions=mentions)


def _extend_surnames(doc: Doc, mentions: list[tuple[Span, Actor]]) -> None:
    """Add mentions of a person's last name that NER missed (capitalised proper nouns only)."""
    surnames: dict[str, Actor | None] = {}
    for _, actor in mentions:
        if actor.type == "person" and len(actor.words) >= 2:
            last = actor.words[-1]
            surnames[last] = None if last in surnames and surnames[last] is not actor else actor
    if not surnames:
        return
    taken = {t.i for span, _ in mentions for t in span}
    for i in _positions(doc, "ORTH", surnames):
        actor = surnames.get(doc[i].text)
        if actor is not None and i not in taken and doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
            mentions.append((doc[i:i + 1], actor))


_WEBSITE = re.compile(r"\w\.[a-z]{2,3}$")  # "Znak.com": a name that is a web address
_MEMO: dict[int, Context] = {}  # id(doc) -> its Context, for the last Docs annotated or asked about
_MEMO_SIZE = 32


def _descriptions(ctx: Context) -> dict[str, list[tuple[str, str | None, int]]]:
    """Collect the common nouns set beside names in apposition, by lemma.

    "One news site, Znak.com," and "Znak.com, a news site," describe Znak.com as a site; "Dunn's
    mother, Charlotte Charles," describes Charlotte Charles as the mother of Dunn. A name that is
    a web address is a website and a site.
    """
    out: dict[str, list[tuple[str, str | None, int]]] = defaultdict(list)
    for span, actor in ctx.names:
        root = span.root
        nouns = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            nouns.append(root.head)
        for noun in nouns:
            between = ctx.doc[noun.i + 1:span.start] if noun.i < span.start else ctx.doc[span.end:noun.i]
            if noun.lemma_.lower() in ctx.lex.title_heads and ctx.actors[actor]["type"] != "person":
                continue  # "Speaking to AFP, the president of ...": a title describes a person
            if (_plain_description(noun) and noun.i not in ctx.name_at and noun.i not in ctx.quoted
                    and (not len(between) or any(t.text == "," for t in between))):
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                out[noun.lemma_.lower()].append((actor, ctx.name_at.get(owner.i) if owner is not None else None, noun.i))
        if _WEBSITE.search(actor):
            out["website"].append((actor, None, -1))
            out["site"].append((actor, None, -1))
    return dict(out)


def _plain_description(noun: Token) -> bool:
    """Tell whether a noun describes one actor as such: singular, not "former" or "vice-" something."""
    doc = noun.doc
    return (noun.tag_ == "NN" and not any(c.lower_ in _RANK_WORDS for c in noun.children)
            and not (noun.i > 0 and doc[noun.i - 1].text in ("-", "–")))


def _context(doc: Doc, lex: Lexicon, actors: list[dict], names: list[tuple[Span, str]],
             mentions: list[tuple[Span, str]] | None = None) -> Context:
    """Build the Context of a Doc and remember it, so that :func:`actor_for` computes it once."""
    gender = {}
    for span, actor in names:
        if span.start > 0 and doc[span.start - 1].lower_ in _HONORIFIC_GENDER:
            gender.setdefault(actor, _HONORIFIC_GENDER[doc[span.start - 1].lower_])
    for info in actors:
        first = info["actor"].split()[0]
        if info["type"] == "person" and " " in info["actor"] and first in lex.given_names:
            gender.setdefault(info["actor"], lex.given_names[first])
        for role in info["roles"] if info["type"] == "person" else ():
            for word in role.lower().split():
                if word in lex.gendered_nouns:  # "Queen", "spokeswoman"
                    gender.setdefault(info["actor"], lex.gendered_nouns[word])
    name_at = {i: actor for span, actor in reversed(names) for i in range(span.start, span.end)}  # first wins
    ctx = Context(doc=doc, lex=lex, actors={a["actor"]: a for a in actors}, names=names,
                  sent_starts=_sentence_starts(doc), quoted=quoted_tokens(doc), gender=gender,
                  name_at=name_at)
    ctx.descriptions = _descriptions(ctx)
    for noun, described in ctx.descriptions.items():
        for actor, _, _ in described:
            if noun in lex.gendered_nouns and ctx.actors[actor]["type"] == "person":
                gender.setdefault(actor, lex.gendered_nouns[noun])  # "Dunn's mother, Charlotte Charles"
    _set_mentions(ctx, mentions if mentions is not None else names)
    _MEMO.pop(id(doc), None)
    _MEMO[id(doc)] = ctx  # the memo holds the Doc, so its id is not reused while it is there
    while len(_MEMO) > _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]
    return ctx


def _set_mentions(ctx: Context, mentions: list[tuple[Span, str]]) -> None:
    ctx.mention_at = {i: actor for span, actor in reversed(mentions) for i in range(span.start, span.end)}


def _doc_context(doc: Doc) -> Context:
    """Return the Context of ``doc``: remembered from the component, else built from its mentions."""
    ctx = _MEMO.get(id(doc))
    if ctx is not None and ctx.doc is doc:
        return ctx
    lex = load_lexicon()
    if doc._.presslens_actors is None or SPANS_KEY not in doc.spans:
        analysis = find_actors(doc, lex)
        actors = [a.record() for a in analysis.actors]
        names = [(s, a.canonical) for s, a in analysis.mentions]
        return _context(doc, lex, actors, names)
    mentions = [(s, s._.actor) for s in doc.spans[SPANS_KEY] if s._.actor]
    names = [(s, a) for s, a in mentions if not _is_reference(s, lex)]
    return _context(doc, lex, doc._.presslens_actors, names, mentions)


def annotate(doc: Doc, lex: Lexicon | None = None, *, references: bool = True) -> Doc:
    """Find the actors of ``doc`` and store them in ``doc.spans`` and ``doc._.presslens_actors``.

    Args:
        doc: A parsed Doc.
        lex: The lexicon; by default :func:`load_lexicon`.
        references: Also resolve pronouns and nominals into mentions.

    Returns:
        The same Doc.
    """
    lex = lex or load_lexicon()
    analysis = find_actors(doc, lex)
    records = [a.record() for a in analysis.actors]
    names = [(span, actor.canonical) for span, actor in analysis.mentions]
    found = list(names)
    ctx = _context(doc, lex, records, names)
    if references:
        found.extend(resolve_references(ctx))
        found.sort(key=lambda m: (m[0].start, m[0].end))
        _set_mentions(ctx, found)
    types = {a["actor"]: a["type"] for a in records}
    spans = []
    for span, actor in found:
        mention = Span(doc, span.start, span.end, label=types[actor])
        mention._.actor = actor
        spans.append(mention)
    doc.spans[SPANS_KEY] = spans
    doc._.presslens_actors = records
    return doc


def actor_for(doc: Doc, span: Span) -> str | None:
    """Return the canonical actor that ``span`` refers to, or None when it cannot be resolved.

    ``span`` may be a name or part of one ("Qureshi", "Lavrov's"), a third-person pronoun
    ("he", "it", "they"), a nominal ("the minister", "the ministry") or a document whose issuer
    is named ("the statement" issued by the Foreign Office); a description with a name in
    apposition ("Dunn's mother, Charlotte Charles") is the named actor. Works best on a Doc
    processed by the ``presslens_actors`` component; otherwise the actors are found on the fly.
    What it needs is computed once per Doc and remembered, so that a call is cheap.

    Args:
        doc: The Doc that ``span`` belongs to.
        span: The span to resolve, e.g. the subject of a reporting verb.

    Returns:
        The canonical name ("Sergey Lavrov"), or None: never a guess.

    Example:
        >>> actor_for(doc, doc[10:11])  # doctest: +SKIP
        'Sergey Lavrov'
    """
    ctx = _doc_context(doc)
    lex = ctx.lex
    if not ctx.actors:
        return None
    root = span.root
    # 1. a name in apposition: "Dunn's mother, Charlotte Charles"; "Bank president Okey Oramah"
    #    when the parser made the bank the head
    here = ctx.name_at.get(root.i)
    if here is None or ctx.actors[here]["type"] != "person":
        appositions = [c for c in root.children if c.dep_ == "appos"]
        appositions += [t for t in span if t.dep_ == "appos" and span.start <= t.head.i < span.end
                         and ctx.actors.get(ctx.name_at.get(t.i) or "", {}).get("type") == "person"]
        for token in appositions:  # "The president of Namibia, Hage Geingob,": Geingob is the appos of Namibia
            named = ctx.name_at.get(token.i)
            if named is not None and (here is None or ctx.actors[named]["type"] == "person"):
                return named
    for conj in (c for c in root.children if c.dep_ == "conj" and span.start <= c.i < span.end):
        people = {ctx.name_at.get(t.i) for t in conj.subtree if t.i < span.end} - {None, here}
        if (conj.i in ctx.name_at or conj.tag_ != "NN"
                or any(ctx.actors[a]["type"] == "person" for a in people)):
            return None  # a joint source ("the committee and the FSB") is no one actor; "X and adviser to Y" is X
    # 2. a stored mention covers the span's head word
    if root.i in ctx.mention_at:
        return ctx.mention_at[root.i]
    # 3. the text names an actor, or part of a person's name
    text = _norm(span.text)
    if text.startswith("the "):
        text = text[4:]
    for info in ctx.actors.values():
        forms = [info["actor"], *info["aliases"]]
        if text in (_norm(f) for f in forms):
            return info["actor"]
    parts = [info["actor"] for info in ctx.actors.values() if info["type"] == "person"
             and text and text.split() == [w.lower() for w in info["actor"].split()][-len(text.split()):]]
    if len(parts) == 1:
        return parts[0]
    # 4. a pronoun or nominal: the resolution rules
    if root.lower_ in lex.person_pronouns | lex.thing_pronouns | lex.plural_pronouns:
        return resolve_pronoun(ctx, root)
    if root.pos_ in ("NOUN", "PROPN"):
        return resolve_nominal(ctx, root)
    return None


def _is_reference(span: Span, lex: Lexicon) -> bool:
    """Tell whether a stored mention is a pronoun or a nominal rather than a name."""
    return len(span) >= 1 and (span[0].pos_ == "PRON" or (
        span[-1].pos_ == "NOUN" and span[0].lower_ in ("the", "this", "that")))


# -------------------------------------------------------------------------------- component

@Language.factory(
    COMPONENT,
    requires=["doc.ents", "token.dep"],
    assigns=["doc.spans", "doc._.presslens_actors", "span._.actor"],
    default_config={"references": True, "titles": "actors_titles", "places": "actors_places",
                    "pronouns": "actors_pronouns", "names": "actors_names"},
)
def make_actors(nlp: Language, name: str, references: bool, titles: str, places: str,
                pronouns: str, names: str) -> ActorsComponent:
    """Create the ``presslens_actors`` component.

    Args:
        nlp: The pipeline.
        name: The component's name.
        references: Resolve pronouns and nominals into mentions.
        titles: Stem of the titles lexicon in ``analysis/lexicons/``.
        places: Stem of the demonyms and aliases lexicon.
        pronouns: Stem of the pronouns and nominals lexicon.
        names: Stem of the given names lexicon.
    """
    for stem in (titles, places, pronouns, names):
        if not (LEXICONS_DIR / f"{stem}.yaml").is_file():
            valid = sorted(p.stem for p in LEXICONS_DIR.glob("actors_*.yaml"))
            raise ValueError(f"presslens_actors: lexicon {stem!r} not found in {LEXICONS_DIR}; "
                             f"valid lexicons are {valid}, e.g. nlp.add_pipe('{COMPONENT}', "
                             f"config={{'titles': 'actors_titles'}})")
    return ActorsComponent(name=name, references=references, titles=titles, places=places,
                           pronouns=pronouns, names=names)


class ActorsComponent(Pipe):
    """Store the actors of each Doc; a failure on one Doc is recorded on it, never raised."""

    def __init__(self, *, name: str = COMPONENT, references: bool = True,
                 titles: str = "actors_titles", places: str = "actors_places",
                 pronouns: str = "actors_pronouns", names: str = "actors_names") -> None:
        self.name = name
        self.references = references
        self.lexicon_names = (titles, places, pronouns, names)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc``; on an error, record it in ``doc.user_data["presslens_errors"]``."""
        try:
            annotate(doc, load_lexicon(*self.lexicon_names), references=self.references)
        except Exception as exc:  # one bad article must not stop the batch
            doc.spans[SPANS_KEY] = []
            doc._.presslens_actors = None
            _MEMO.pop(id(doc), None)
            doc.user_data.setdefault("presslens_errors", []).append(
                f"{COMPONENT}: {type(exc).__name__}: {exc}")
        return doc


# ---------------------------------------------------------------------------------- records

def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the ``mentions`` and ``actors`` rows stored on ``doc``; ``{}`` if the component did not run.

    Returns:
        ``{"mentions": [{"actor", "text", "start", "end", "sentence"}], "actors": [{"actor",
        "type", "aliases", "roles", "affiliation"}]}``, offsets in characters into the text.
    """
    actors = doc._.presslens_actors
    if actors is None:
        return {}
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    mentions = []
    text = columns(doc).text
    for span in doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else ():
        start, end = span.start_char, span.end_char
        mentions.append({"actor": span._.actor, "text": text[start:end], "start": start,
                         "end": end, "sentence": max(bisect_right(starts, start) - 1, 0)})
    rows = [{"actor": a["actor"], "type": a["type"], "aliases": list(a["aliases"]), "roles": list(a["roles"]),
             "affiliation": a["affiliation"]} for a in actors]  # msgpack gives tuples back: lists again
    return {"mentions": mentions, "actors": rows}


__all__ = ["SPANS_KEY", "ActorsComponent", "Actor", "Analysis", "actor_for", "annotate",
           "find_actors", "load_lexicon", "make_actors", "records", "register_extensions"]

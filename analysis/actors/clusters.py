"""Actors from name mentions: clustering from the fullest name down, type votes, roles and
affiliations.

Steps 2 and 3 of the method described in :mod:`analysis.actors.component`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from ..columns import columns, span_text
from .lexicon import _ALSO_CALLED, _APOSTROPHES, _OR_NAME, ACTOR_TYPES, LABEL_TYPES, Lexicon, _is_title_word, group_key
from .names import _parenthesised_alias, _words, acronym_of
from .roles import _role_after, _role_before
from .suffixes import is_legal_suffix
from .words import (
    _contains_run,
    _norm,
    _one_letter_apart,
    _person_shaped,
    _stem,
    _stems,
    clean_text,
    fold,
    is_web_address,
    people_of_place,
)

# ----------------------------------------------------------------------------- data types

@dataclass
class Actor:
    """One actor of an article, with the evidence gathered for it."""

    key: str
    names: list[Span] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)  # type -> weight
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    extra_aliases: list[str] = field(default_factory=list)
    canonical: str = ""
    type: str = ""
    primary: str = ""  # the type NER gave the fullest name: breaks ties between votes
    words: tuple[str, ...] = ()
    evidence: Counter = field(default_factory=Counter)  # the votes of context, not of NER labels
    birth_names: set[int] = field(default_factory=set)  # starts of names given at birth, never canonical

    @cached_property
    def stems(self) -> tuple[str, ...]:
        """The words of the fullest name, singularised (see :func:`_stem`)."""
        return _stems(self.words)

    @cached_property
    def lowered(self) -> tuple[str, ...]:
        """The words of the fullest name, lower-cased."""
        return tuple(fold(w) for w in self.words)

    def record(self) -> dict:
        """Return the msgpack-safe dict stored in ``doc._.presslens_actors``."""
        aliases = []
        for text in [clean_text(span_text(s)) for s in self.names] + self.extra_aliases:
            if text != self.canonical and text not in aliases:
                aliases.append(text)
        return {"actor": self.canonical, "type": self.type, "aliases": aliases,
                "roles": list(self.roles), "affiliation": self.affiliation}


@dataclass
class Analysis:
    """What :func:`find_actors` found in a Doc: actors and mentions as ``(span, actor)``."""

    actors: list[Actor]
    mentions: list[tuple[Span, Actor]]


# ------------------------------------------------------------------------------ clustering

def _acronym_target(name: Span, alias: Span, label: str = "") -> Span | None:
    """Return the part of ``name`` that a parenthesised ``alias`` abbreviates, or None.

    A name in parentheses that is not an acronym ("Isla Verde (Green Island)") names the whole.
    An acronym names the whole when its letters are the name's initials or appear among them in
    order ("NGB", "NIHR"), or share the first initial ("FSB"); it names a tail of the name when
    that tail's initials spell it ("Parliament of Upper Vesna (UV)"); otherwise it
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
    if label == "ORG" and len(_words(name)) >= 2:
        return name  # Class: an acronym of the body's name in its own language ("Polish Farmers' Union (ZSP)")
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

    keys: dict[str, str] = {}  # for speed: the same texts are keyed many times

    def key_of(text: str) -> str:
        if text not in keys:
            keys[text] = _key(text)
        return keys[text]

    def _key(text: str) -> str:
        low = _norm(text)
        if low.startswith("the "):
            low = low[4:]  # "The Weekly" at a sentence start and inside one are one name
        low = lex.name_aliases.get(low, low)
        words = low.split()
        if len(words) >= 2 and words[0] in lex.name_aliases:
            # Class: a body named after its country, the country abbreviated or not ("U.S.
            # Embassy" and "United States Embassy"): one name
            words = lex.name_aliases[words[0]].split() + words[1:]
        return " ".join(_stems(words))

    extra: list[Span] = []
    body = columns(doc).text
    for (first, _), (second, _) in zip(names, names[1:]):  # "Green Island, also called Isla Verde"
        between = body[first.end_char:second.start_char]  # the regex allows spaces at both ends
        if key_of(span_text(first)) == key_of(span_text(second)):
            continue
        if _ALSO_CALLED.match(between) or (
                _OR_NAME.match(between) and second.end < len(doc) and doc[second.end].text == ","
                and not any(_norm(span_text(s)) in lex.countries for s in (first, second))):
            # Class: a second name set off by ", or (the)" and a comma ("NTSB, or the National
            # Transport Board, said"): one body; but not a list of countries
            paren.setdefault(key_of(second.text), key_of(first.text))
    for span, label in names:
        alias = _parenthesised_alias(doc, span)
        if alias is not None and key_of(span_text(alias)) != key_of(span_text(span)):
            target = _acronym_target(span, alias, label)
            if target is not None:
                paren.setdefault(key_of(span_text(alias)), key_of(span_text(target)))
                extra.append(alias)
        acronym = _acronym_before_or(doc, span)
        if acronym is not None and label != "PERSON":
            paren.setdefault(key_of(span_text(acronym)), key_of(span_text(span)))
            extra.append(acronym)
    norp_texts = {clean_text(span_text(span)) for span, label in names if label == "NORP"}
    name_words = [tuple(w for w in _words(span) if w not in _APOSTROPHES) for span, _ in names]
    born = _birth_names(doc, names)
    for k, subject in born.items():
        paren.setdefault(key_of(span_text(names[k][0])), key_of(span_text(names[subject][0])))
    # fullest names first; birth names last, so that they join the person they were given to
    order = sorted(range(len(names)), key=lambda k: (k in born, -len(name_words[k]), names[k][0].start))
    for k in order:
        span, label = names[k]
        text = clean_text(span_text(span))
        words = name_words[k]
        key = key_of(text)
        if label == "NORP":
            group = group_key(text, lex) or _unlisted_group(span, text, norp_texts, lex)
            if group is not None:
                key = "group:" + group.lower()
            else:
                label = "ORG"  # a NORP that is not a people ("Taliban", "Hezbollah") is a body
        key = paren.get(key, key)
        actor = by_key.get(key) or acronyms.get(text)
        evidence = _type_evidence(doc, span, label, lex, kinds)
        if actor is None and not key.startswith("group:"):
            actor = _partial_match(actors, words, label, span.start, lex, placelike=evidence["place"] > 0)
        if actor is None and not key.startswith("group:") and len(key) >= 7:  # shorter keys match none: for speed
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
        if k in born:
            actor.birth_names.add(span.start)
        weight = 2.0 if len(words) == len(actor.words) else 0.5  # the fullest name is the best evidence
        actor.votes[LABEL_TYPES.get(label, "organisation")] += weight  # type: ignore[assignment]  # float votes
        if weight == 2.0 and not actor.primary:
            actor.primary = LABEL_TYPES.get(label, "organisation")
        actor.votes.update(evidence)
        actor.evidence.update(evidence)
        assigned[k] = actor
    mentions = [(names[k][0], assigned[k]) for k in range(len(names))]
    taken = {i for span, _ in mentions for i in range(span.start, span.end)}  # (no Token per word)
    for alias in extra:  # a name in parentheses that NER did not tag: "(NGB)"
        actor = by_key.get(paren.get(key_of(span_text(alias)), ""))
        if actor is not None and not any(i in taken for i in range(alias.start, alias.end)):
            mentions.append((alias, actor))
            actor.extra_aliases.append(span_text(alias))
            taken.update(range(alias.start, alias.end))
    return mentions


def _unlisted_group(span: Span, text: str, norp_texts: set[str], lex: Lexicon) -> str | None:
    """Return the singular of a people that the lexicon does not list, or None for a body.

    Class: NORP names that name a people, not a body: compound demonyms ("Turkish Cypriot",
    "Greek Catholic"), a name used both as singular and plural ("Tamil" and "Tamils"), or used
    as an adjective ("the Sorbian minority"). Bodies are nouns without a plural ("the Taliban").
    """
    if (people := people_of_place(text, lex)) is not None:
        return people
    words = text.split()
    if len(words) > 1 and all(w in lex.demonyms or w in lex.groups for w in words):
        return text
    if text.endswith("s") and text[:-1] in norp_texts:
        return text[:-1]
    if text + "s" in norp_texts or span.root.dep_ == "amod" or span.root.pos_ == "ADJ":
        return text
    return None


def _acronym_before_or(doc: Doc, span: Span) -> Span | None:
    """Return the acronym in "ACR, or (the) Name," before ``span``, which NER often leaves untagged.

    Class: a body introduced by its short form, then its full name set off by ", or the" and a
    comma ("The NTB, or the National Transport Board, said ...", "G9, or the Group of Nine, met").
    """
    i = span.start - (1 if span.start > 0 and doc[span.start - 1].lower_ == "the" else 0)
    if i < 3 or doc[i - 1].lower_ != "or" or doc[i - 2].text != "," or span.end >= len(doc):
        return None
    token = doc[i - 3]
    if doc[span.end].text != "," or not (token.text.isupper() and token.text.isalnum() and 2 <= len(token) <= 6):
        return None
    return doc[i - 3:i - 2]


def _birth_names(doc: Doc, names: list[tuple[Span, str]]) -> dict[int, int]:
    """Map each birth name to the name of the person it was given to, by their indices in ``names``.

    Class: "X was born Y", "X, born Y," and "X (born Y)": Y is another name of X, not a person
    of its own ("Ann Lee was born Annabel Joy Lindqvist in Leeds").
    """
    index = {span.start: k for k, (span, _) in enumerate(names)}
    heads = {span.root.i: k for k, (span, _) in enumerate(names)}
    out = {}
    for k, (span, label) in enumerate(names):
        if label != "PERSON" or span.start < 2 or doc[span.start - 1].lower_ != "born":
            continue
        born = doc[span.start - 1]
        subjects = [c for c in born.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]  # "The singer Ann Lee was born"
        subject = next((heads[c.i] for c in subjects if c.i in heads), None)
        if subject is None and subjects:  # a surname NER left untagged: the last person of that name
            subject = max((j for j, (s, lab) in enumerate(names) if lab == "PERSON" and s.start < span.start
                           and len(s) >= 2 and s[-1].text == subjects[0].text), default=None)
        if subject is None:  # "X, born Y," or "X (born Y)": the name right before
            before = doc[span.start - 2]
            previous = [j for s, j in index.items() if s < span.start - 1]
            if before.text in (",", "(") and previous:
                j = max(previous)
                if names[j][0].end == span.start - 2 and names[j][1] == "PERSON":
                    subject = j
        if subject is not None and subject != k:
            out[k] = subject
    return out


def _head_word(words: tuple[str, ...]) -> str:
    """Return the head word of a name: the word before "of/for/in", else the last one."""
    for i, word in enumerate(words[1:], 1):
        if word.lower() in ("of", "for", "in"):
            return words[i - 1]
    return words[-1]


def _middle_names_left_out(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Tell whether ``shorter`` is ``longer`` without some middle names or initials.

    Same first and last word, the rest in order: "Olav Lund" of "Olav K. Lund", "Olav
    Lund" of "Olav James Lund Jr.".
    """
    longer = tuple(w for w in longer if w not in ("Jr.", "Jr", "Sr.", "Sr", "II", "III"))
    if len(shorter) >= len(longer) or shorter[0] != longer[0]:
        return False
    if shorter[-1] != longer[-1] and not (len(longer) >= 3 and shorter[-1] == longer[-2]):
        return False  # a second surname may follow: "Pablo Ibarra" of "Pablo R. Ibarra Luna"
    rest = iter(longer[1:])
    return all(w in rest for w in shorter[1:])


def _partial_match(actors: list[Actor], words: tuple[str, ...], label: str, position: int,
                   lex: Lexicon, *, placelike: bool = False) -> Actor | None:
    """Return the actor whose fuller name contains ``words`` as a run, the nearest one first.

    A person's name parts join the person ("Varga", "Nuri Aslan"), whatever NER called
    them, unless they are a known country. An organisation's leading words join it ("Zephyr"
    -> "Zephyr Air"), and so do its head words after a nationality or place ("Parliament" ->
    "Ruritanian Parliament"). Places never join a longer name ("Vesna" in "Radio Vesna"), nor
    does a place-tagged word used as a place ("in Houston" is not Sam Houston). A
    person's words must match exactly ("the Lees" are not Ann Lee); an organisation's
    may differ in number ("Border Guard" -> "Border Guards").
    """
    lowered = tuple(fold(w) for w in words)
    stems = _stems(words)
    if " ".join(stems) in lex.countries or _norm(" ".join(words)) in lex.countries:
        return None
    found = []
    for actor in actors:
        if actor.key.startswith("group:"):
            continue
        # the cheap word tests first: most actors share no word with the name
        if len(words) >= 2 and _middle_names_left_out(actor.words, words) and _leading(actor) == "person":
            found.append(actor)  # "Olav Lund" -> "Olav K. Lund", "Ana Tembo" -> "Ana Maria Tembo"
            continue
        if (len(words) == 1 and label in ("ORG", "GPE", "LOC") and not placelike and actor.words[-1:] == words
                and _leading(actor) in ("person", "organisation") and _person_shaped(actor.words, lex)):
            found.append(actor)  # a surname that NER called a place or a body: "Okonedo"
            continue
        if (len(words) == 1 and len(words[0]) >= 5 and len(actor.words) >= 2 and _leading(actor) == "person"
                and _one_letter_apart(fold(words[0]), fold(actor.words[-1]), shortest=5)):
            found.append(actor)  # Class: a surname spelt two ways in one article ("Karimov" and "Karimof")
            continue
        if not _contains_run(actor.stems, stems):
            continue
        leading = _leading(actor)
        if leading == "person":
            if _contains_run(actor.lowered, lowered) and not (
                    label in ("GPE", "LOC") and placelike):
                found.append(actor)
        elif label == "PERSON" and len(words) == 1 and _person_shaped(actor.words, lex):
            found.append(actor)  # "Ibarra" -> "Pablo Ibarra Luna", tagged ORG by NER
        elif (leading == "place" and len(words) == 1 and len(actor.words) == 2 and actor.words[0] == words[0]
              and actor.words[1] == "City"):
            found.append(actor)  # Class: a city-state or city named with and without "City" (not a country)
        elif label in ("GPE", "LOC") or leading != "organisation":
            continue
        elif len(words) == 1 and words[0].lower() in lex.organisation_words:
            if _stem(_head_word(actor.words)) == stems[0]:
                found.append(actor)  # "Parliament" -> "Ruritanian Parliament", "Court" -> "Court of Appeal"
            continue  # but "House" is not "House Budget Committee"
        elif label == "PERSON" and len(words) >= 2 and _person_shaped(words, lex):
            continue  # Class: the person a body is named after ("Ann Lee" in "Ann Lee Trust Fund")
        elif _stems(actor.words[:len(words)]) == stems or len(words) >= 2:
            found.append(actor)  # "Zephyr" -> "Zephyr Air"; "Border Guards" -> "National Border Guard Corps"
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

    A one-word place that is also a word of a longer person or organisation name ("Lindqvist" of
    "Marta Lindqvist") is left out: NER may have mislabelled it.
    """
    parts = {w for span, label in names if len(span) > 1 and label in ("PERSON", "ORG") for w in _words(span)}
    kinds = {}
    for span, label in names:
        if label in ("GPE", "LOC") and not (len(span) == 1 and span.text in parts):
            kinds[span.root.i] = "place"
        elif label == "PERSON":
            kinds[span.root.i] = "person"
    return kinds


def _type_evidence(doc: Doc, span: Span, label: str, lex: Lexicon, kinds: dict[int, str]) -> Counter:
    """Return the type votes that the context of one name mention gives, besides its label.

    A title or honorific before the name, a title in apposition or a list with a person makes
    a person; "in X", "X's governor", "the capital, X", "the X region" and a list of places
    make a place.
    """
    votes: Counter = Counter()
    tokens = list(span)  # for speed: each span[i] and each iteration over a Span makes new Tokens
    lowers = [t.lower_ for t in tokens]
    # a given name first makes a person whatever NER called it, but for a place ("Victoria Falls")
    if 2 <= len(tokens) <= 4 and label not in ("GPE", "LOC") and tokens[0].text in lex.given_names and (
            tokens[-1].is_title) and not any(
            low in lex.organisation_words or low in lex.region_words or low in lex.place_nouns
            for low in lowers):  # but "Rose Island", "Victoria County" are places
        votes["person"] += 3  # a given name first, whatever NER called it
    elif len(tokens) > 1 and lowers[-1] in lex.organisation_words:
        votes["organisation"] += 3  # Class: a body's name ends in its kind ("Ann Lee Trust"), whatever NER said
    root = span.root
    dep = root.dep_
    if dep == "conj" and kinds.get(root.head.i) == "person":
        votes["person"] += 3  # "Ana Tembo of Zambia and Olav Lund"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lex.honorifics:
        votes["person"] += 3
    elif _role_before(doc, span.start, lex) is not None or _role_after(doc, span.end, lex) is not None:
        votes["person"] += 3
    elif (before is not None and before.text == "," and _role_before(doc, span.start - 1, lex) is not None
          and not (span.end < len(doc) and _is_title_word(doc[span.end], lex))):  # not "Commerce Secretary"
        votes["person"] += 4  # "The president of Zambia, Ana Tembo": more than a list of places
    if len(tokens) <= 3 and label != "PERSON" and plays_as_team(span, lex):
        votes["organisation"] += 3
    if len(tokens) > 2 or any(low in lex.organisation_words for low in lowers):
        return votes
    head = root.head
    head_lower, head_lemma = head.lower_, head.lemma_.lower()
    children = list(root.children)
    if dep == "pobj" and head_lower in _IN_PREPS:
        votes["place"] += 2
    if head_lemma in lex.place_nouns and dep in ("compound", "appos", "poss", "nmod", "amod"):
        votes["place"] += 3  # "the Vesna region", "the capital, Vesna", "Vesna regional"
    elif any(c.dep_ == "appos" and c.lemma_.lower() in lex.place_nouns for c in children):
        votes["place"] += 3  # "Vesna, Ruritania's capital"
    elif (dep == "pobj" and head_lower == "of"
          and (head.head.lemma_ or head.head.text).lower() in lex.place_nouns):
        votes["place"] += 3  # "the town of Vesna", "the capital of Ruritania"
    if dep == "poss" and head_lemma in ("governor", "mayor"):
        votes["place"] += 2
    if (dep in ("conj", "appos") and kinds.get(head.i) == "place") or any(
            c.dep_ in ("conj", "appos") and kinds.get(c.i) == "place" for c in children):
        votes["place"] += 3  # one of a list of places
    return votes


_SCORE = re.compile(r"(?<![\w.,:/-])\d{1,3} ?[-–] ?\d{1,3}(?![\w.,:/-])")  # "2-1", "1–1"; not "2019-20", "K2-18b"
_RESULT_PREPS = frozenset({"over", "against", "with", "to", "by"})  # "a win over X", "drew with X", "lost to X"


def plays_as_team(span: Span, lex: Lexicon) -> bool:
    """Tell whether a name is used as a sports team's.

    Class: sports news names clubs after their towns ("Westhaven", "Westhaven City"), which NER
    calls places. A name that modifies a team role ("the Westhaven manager", "Westhaven striker
    Jan Roe") or that is a side of a result with a score ("Westhaven beat Eastport 2-1", "drew
    1-1 with Westhaven", "a 3-0 win over Westhaven") is the team.
    """
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "poss", "nmod") and (head.lower_ in lex.team_roles
                                                      or head.lemma_.lower() in lex.team_roles):
        return True
    if not (root.dep_ in ("nsubj", "dobj") or (root.dep_ == "pobj" and head.lower_ in _RESULT_PREPS)):
        return False
    sent = span.sent
    return bool(_SCORE.search(columns(span.doc).text[sent.start_char:sent.end_char]))  # Span.text joins tokens


def vote_types(doc: Doc, mentions: list[tuple[Span, Actor]], lex: Lexicon) -> None:
    """Decide each actor's type from its votes plus context, gazetteer and name-word evidence."""
    for actor in {id(a): a for _, a in mentions}.values():
        if actor.key.startswith("group:"):
            actor.type = "group"
            continue
        words = [w.lower() for w in actor.words]
        countries = sum(_norm(span_text(s)) in lex.countries for s in actor.names)
        if countries:
            # a country's or territory's name is a place however often NER calls it a body
            actor.votes["place"] += 6 + countries
        if any(clean_text(span_text(s)) in lex.organisation_names or is_web_address(span_text(s)) for s in actor.names):
            actor.votes["organisation"] += 6  # a known body, or a site named by its address ("Nordlys.no")
        if (2 <= len(actor.words) <= 4 and actor.words[0] in lex.given_names and actor.primary != "place"
                and _person_shaped(actor.words, lex) and not is_legal_suffix(actor.words[-1])):
            # Class: a given name and a surname are a person, however often NER called the
            # surname alone a body ("Ann Lee" ... "Lee" tagged ORG ten times)
            actor.votes["person"] += 6
        if len(words) > 1 and (words[-1] in lex.organisation_words or words[0] in lex.organisation_words
                               or is_legal_suffix(actor.words[-1])):  # "Nordlys AS", "Vesna Ipari Kft."
            actor.votes["organisation"] += 3
        ranked = sorted(actor.votes.items(), key=lambda kv: (-kv[1], kv[0] != actor.primary, ACTOR_TYPES.index(kv[0])))
        actor.type = ranked[0][0] if ranked else "organisation"
        if actor.type == "group":
            actor.type = "organisation"
        if (actor.type == "organisation" and not any(w in lex.organisation_words for w in words)
                and all(_as_medium(span, lex) for span in actor.names)):
            # Class: a platform only written "on"/"via", never acting: the medium, not a source;
            # but a broadcaster is named as one ("spoke on Channel Nine News")
            actor.type = ""
        articled = all(s.start > 0 and doc[s.start - 1].lower_ in ("the", "a", "an")
                       and s.root.dep_ not in ("compound", "poss") for s in actor.names)  # not "the Lee plan"
        if (actor.type == "person" and len(actor.words) == 1 and not actor.evidence["person"] and (
                articled or (actor.words[0] not in lex.given_names and actor.words[0] not in lex.surnames))):
            # Class: a one-word "person" that nothing shows to be one: no given name or surname,
            # title, honorific, role or fuller name ("the Brexit deadline", "a Zephyr outbreak"),
            # or always written with an article, as things are ("won the Oscar", "a Grammy").
            # News names a person in full at least once; such a word is a thing, a slogan or a
            # term NER mistook. A word cased like a brand or an acronym ("SkyLink", "NGB") is a
            # body; otherwise it keeps another type only on evidence, else it is no actor.
            word = actor.words[0]
            actor.type = "organisation" if _BRAND_CASE.match(word) or (word.isupper() and len(word) > 1) else next(
                (t for t, n in ranked if t != "person" and actor.evidence[t] > 0), "")


_BRAND_CASE = re.compile(r"^[A-Z][a-z]+[A-Z]\w*$")  # a capital inside the word: "SkyLink", "PayNow"


def _as_medium(span: Span, lex: Lexicon) -> bool:
    """Tell whether a name is used as a medium: "wrote on X", "via X", "an X account", "X users"."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("on", "via"):
        return not any(c.dep_ in ("compound", "appos", "nmod") and c.pos_ == "NOUN" and not span.start <= c.i < span.end
                       for c in root.children)  # "via news agency X" names a body
    return root.dep_ in ("compound", "nmod", "amod") and root.head.lemma_.lower() in lex.medium_nouns


def choose_canonical(actor: Actor, lex: Lexicon) -> str:
    """Return the fullest name form of an actor (for a group, its singular demonym)."""
    if actor.type == "group":
        group = actor.key.split(":", 1)[1]
        forms = [clean_text(span_text(s)) for s in actor.names]
        singular = next((f for f in forms if f.lower() == group), None)
        return singular or forms[0]
    forms = [clean_text(span_text(s)) for s in actor.names if s.start not in actor.birth_names] or [
        clean_text(span_text(s)) for s in actor.names]
    counts = Counter(forms)  # most words, then the most used spelling, then the longest, then the first
    return max(forms, key=lambda f: (len(f.split()), counts[f], len(f), -forms.index(f)))

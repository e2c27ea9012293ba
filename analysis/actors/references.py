"""References to actors: pronouns and nominals resolved to a named actor, and the per-Doc
context that resolution needs, computed once.

Step 5 of the method described in :mod:`analysis.actors.component`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from spacy.symbols import NOUN, PRON
from spacy.tokens import Doc, Span, Token

from ..columns import columns, word_positions
from .descriptions import (
    actor_of_act,
    government_place,
    issuing_actor,
    names_the_act,
    organisation_by_kind,
    organisation_by_words,
    paragraph_start,
)
from .lexicon import _QUOTE_MARKS, SUBJECT_DEPS, Lexicon

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
    # head noun of an apposition ("news site", "Kerr's mother") -> [(actor, possessor actor, noun index)]
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
        if opened is None:
            return
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
    return list(columns(doc).sentence_starts())


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
        if child.dep_ == "poss":  # "the court's summary", "Demir's statement"
            return _actor_at(ctx, child) or (resolve_nominal(ctx, child) if child.pos_ == "NOUN" else None)
        if child.dep_ in ("compound", "nmod") and _actor_at(ctx, child):  # "the Revenue Agency website"
            return _actor_at(ctx, child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return issuing_actor(ctx, obj)
        if child.dep_ == "acl":  # "a statement issued by X"
            for prep in child.children:
                if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return issuing_actor(ctx, obj)
    head = noun.head
    hops = 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and hops < 3:
        head = head.head
        hops += 1
    if head.pos_ in ("VERB", "AUX"):
        # "X, in a statement, announced ...": the verb's subject in the verb's own paragraph, the
        # nearest to the noun. Class: the parser runs a paragraph into the line before it (a caption,
        # a dateline) and hangs the subject on that line: the word of the paragraph that does.
        para = paragraph_start(head)
        subjects = sorted((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                           and c.i != noun.i and c.i >= para), key=lambda c: abs(c.i - noun.i))
        if subjects:
            return _actor_at(ctx, subjects[0])
        stray = next((t for t in ctx.doc[para:min(head.i, noun.i)] if t.pos_ in ("PROPN", "NOUN")
                      and t.head.i < para), None)
        return _actor_at(ctx, stray) if stray is not None else None
    return None


def _actor_at(ctx: Context, token: Token) -> str | None:
    return ctx.name_at.get(token.i)


_CABINET_TITLES = ("minister", "secretary")
_RANK_WORDS = frozenset({"deputy", "vice", "assistant", "associate", "under", "former", "ex"})


def resolve_nominal(ctx: Context, head: Token) -> str | None:
    """Resolve a definite description ("the minister", "the ministry", "the statement") or None.

    A singular title noun goes to the person whose roles hold it (the nearest one named before it;
    an "of X" complement or a place as possessor must match the affiliation; a "Deputy" or "Vice"
    title is another role; a portfolio's "minister" is its "secretary" too); "the <demonym>
    government" to its country; an organisation noun to the organisation whose name holds it; a
    document noun to its issuer, found at this or an earlier mention of the same noun. Failing
    those, a description made of an organisation's own words goes to it ("Marlow's music
    foundation"), and a definite description to the actor that an apposition described with the
    same noun ("the website" after "One news site, Presswire.com"; "Kerr's mother" after "Kerr's
    mother, Alma Voss"), the nearest one named before it.
    """
    lemma = head.lemma_.lower()
    text = head.lower_
    lex = ctx.lex
    found = None
    if lemma in lex.title_heads or text in lex.title_heads:
        # class: a plural title ("the officers", "the study's authors") is a group, never one person
        found = _role_holder(ctx, head, lemma) if head.tag_ not in ("NNS", "NNPS") else None
    elif lemma in lex.organisation_nouns:
        place = government_place(ctx, head)
        if place is not None:
            return place
        orgs = [a for a, info in ctx.actors.items() if info["type"] == "organisation"
                and lemma in [w.lower() for w in a.split()]]
        if len(orgs) <= 1:
            return orgs[0] if orgs else organisation_by_kind(ctx, head)
        counts = Counter(a for _, a in ctx.names if a in orgs)
        last = {a: s.start for s, a in ctx.names if a in orgs and s.end <= head.i}
        return max(orgs, key=lambda a: (counts[a], last.get(a, -1)))  # the most talked-about one
    elif lemma in lex.documents or text in lex.documents:
        found = _issuer(ctx, head)
        for tok in reversed(ctx.doc[:head.i]) if found is None else ():
            if tok.lemma_.lower() == lemma:
                found = _issuer(ctx, tok)
            elif tok.pos_ == "VERB" and names_the_act(lemma, tok.lemma_.lower()):
                found = actor_of_act(ctx, tok)
            if found is not None:
                break
    if found is None:
        found = organisation_by_words(ctx, head)
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
            of_place = _actor_at(ctx, child)  # "Vesna's governor"
    phrases = [phrase]
    if modifiers and lemma in _CABINET_TITLES:
        # class: the member of a government who holds a portfolio is its "minister" in some
        # countries and its "secretary" in others, and news writing uses either ("the foreign
        # minister" for a Foreign Secretary); a bare "the secretary" names no portfolio
        phrases += [" ".join(modifiers + [other]) for other in _CABINET_TITLES if other != lemma]
    pattern = re.compile(r"(?:^|\b(\w+) )(?:" + "|".join(re.escape(p) for p in phrases) + r")s?\b")

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
        return same[0]  # the description is itself in apposition: "The new governor, Pavel Lund,"
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
    pronouns = word_positions(ctx.doc, "LOWER", lex.person_pronouns | lex.thing_pronouns | lex.plural_pronouns)
    nouns = word_positions(ctx.doc, "LEMMA", lex.title_heads | lex.organisation_nouns)
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


# ------------------------------------------------------------------- per-Doc context

_WEBSITE = re.compile(r"\w\.[a-z]{2,3}$")  # "Presswire.com": a name that is a web address


def _descriptions(ctx: Context) -> dict[str, list[tuple[str, str | None, int]]]:
    """Collect the common nouns set beside names in apposition, by lemma.

    "One news site, Presswire.com," and "Presswire.com, a news site," describe Presswire.com as a site; "Kerr's
    mother, Alma Voss," describes Alma Voss as the mother of Kerr. A name that is
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
                possessor = ctx.name_at.get(owner.i) if owner is not None else None
                out[noun.lemma_.lower()].append((actor, possessor, noun.i))
        if _WEBSITE.search(actor):
            out["website"].append((actor, None, -1))
            out["site"].append((actor, None, -1))
    return dict(out)


def _plain_description(noun: Token) -> bool:
    """Tell whether a noun describes one actor as such: singular, not "former" or "vice-" something."""
    doc = noun.doc
    return (noun.tag_ == "NN" and not any(c.lower_ in _RANK_WORDS for c in noun.children)
            and not (noun.i > 0 and doc[noun.i - 1].text in ("-", "–")))


def build_context(doc: Doc, lex: Lexicon, actors: list[dict], names: list[tuple[Span, str]],
             mentions: list[tuple[Span, str]] | None = None) -> Context:
    """Build the Context of a Doc: what resolving a reference needs, computed once per Doc."""
    gender: dict[str, str] = {}
    for span, actor in names:
        if span.start > 0 and doc[span.start - 1].lower_ in _HONORIFIC_GENDER:
            gender.setdefault(actor, _HONORIFIC_GENDER[doc[span.start - 1].lower_])
    for info in actors:
        first = info["actor"].split()[0]
        if info["type"] == "person" and " " in info["actor"] and lex.given_names.get(first):
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
                gender.setdefault(actor, lex.gendered_nouns[noun])  # "Kerr's mother, Alma Voss"
    set_mentions(ctx, mentions if mentions is not None else names)
    return ctx


def set_mentions(ctx: Context, mentions: list[tuple[Span, str]]) -> None:
    ctx.mention_at = {i: actor for span, actor in reversed(mentions) for i in range(span.start, span.end)}


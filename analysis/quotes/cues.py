"""Reporting cues: who, by which words, says which content, read from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..columns import columns, doc_text
from ..paths import LEXICONS_DIR
from ..validation import LexiconFile, read_lexicon
from .marks import QUOTE_CHARS, TRIM_PUNCT

DEFAULT_LEXICON = "quotes_cues.yaml"
CueLexicon = dict[str, frozenset[str]]
"""A loaded cue lexicon: ``{group: lemmas}``."""
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_ACCORDING = get_string_id("according")
_INHERIT = {"conj", "advcl", "xcomp", "pcomp"}
_ADVERBIAL = {"advmod", "prep", "advcl", "npadvmod", "intj", "cc", "punct", "mark"}
_SPEAKER_DROP = {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "prep"}


@dataclass(frozen=True)
class Cue:
    """A reporting cue found in the parse: who, by which words, says which content.

    Attributes:
        lemma: The cue's lemma ("say", "according to").
        start, end: Character offsets of the cue words.
        speaker_start, speaker_end: Character offsets of the speaker mention.
        content_start, content_end: Character offsets of the reported content (may be empty).
        group: The cue's lexicon group (``speech``, ``belief``, ``intention`` ...; ``according``
            for "according to", ``frame`` for a verb that only frames a quotation).
        nominal: The content is a bare noun phrase ("denounced [the plan]"), not a clause.
        resolve_start, resolve_end: The span to resolve the speaker from when the speaker mention
            is a relative pronoun ("the mayor, who said ...": "the mayor").
    """

    lemma: str
    start: int
    end: int
    speaker_start: int
    speaker_end: int
    content_start: int
    content_end: int
    group: str = "speech"
    nominal: bool = False
    resolve_start: int | None = None
    resolve_end: int | None = None



class CueFile(LexiconFile):
    """A cue lexicon file: the lemmas of each group of reporting cues."""

    speech: list[str] = []
    belief: list[str] = []
    evidence: list[str] = []
    directive: list[str] = []
    commissive: list[str] = []
    intention: list[str] = []
    naming: list[str] = []
    according: list[str] = []
    object: list[str] = []
    document: list[str] = []


@lru_cache(maxsize=8)
def load_cues(name: str = DEFAULT_LEXICON) -> dict[str, frozenset[str]]:
    """Load a cue lexicon from ``analysis/lexicons`` (or a path), cached.

    Args:
        name: A file name in ``analysis/lexicons`` or a path to a YAML file with the lists
            ``speech``, ``belief``, ``evidence``, ``directive``, ``commissive``, ``intention``,
            ``naming``, ``according`` and ``object``.

    Returns:
        ``{group: frozenset of lemmas}``.
    """
    path = Path(name) if Path(name).is_file() else LEXICONS_DIR / name
    data = read_lexicon(path, CueFile).model_dump()
    return {group: frozenset(str(w).lower() for w in words) for group, words in data.items()}



def trimmed_span(doc: Doc, tokens: list[Token]) -> tuple[int, int] | None:
    """Return the character span of ``tokens`` (contiguous from first to last) without edge punctuation."""
    if not tokens:
        return None
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in QUOTE_CHARS:
        lo += 1
    while hi >= lo and (doc[hi].is_space or doc[hi].text in TRIM_PUNCT or (
            doc[hi].is_punct and doc[hi].text not in QUOTE_CHARS
            and not (doc[hi].text == ")" and "(" in doc[lo:hi].text))):
        hi -= 1
    if lo > hi:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def speaker_tokens(subject: Token) -> list[Token]:
    """Return the tokens of a speaker mention: the subject's phrase without clauses and appositions."""
    drop = set()
    for child in subject.children:
        if child.dep_ == "appos" and child.i == subject.i + 1:
            continue  # a name in two parts: "Arnel dela Vega"
        if child.dep_ in _SPEAKER_DROP and not (child.dep_ == "prep" and child.i < subject.i):
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with", "in", "to"):
                continue  # "editor of the paper", "spokesman for the campaign", "envoy to the UN"
            drop.update(t.i for t in child.subtree)
    tokens = [t for t in subject.subtree if t.i not in drop]
    # keep the contiguous run around the head
    tokens.sort(key=lambda t: t.i)
    run = [subject]
    ids = {t.i for t in tokens}
    i = subject.i - 1
    while i in ids:
        run.insert(0, subject.doc[i])
        i -= 1
    i = subject.i + 1
    while i in ids:
        run.append(subject.doc[i])
        i += 1
    return run


def _speaker_of(verb: Token, lex: CueLexicon | None = None) -> Token | None:
    """Return the head token of the speaker of a reporting verb, following coordination and clauses."""
    lex = lex if lex is not None else load_cues()
    seen = 0
    token = verb
    if verb.dep_ in ("advcl", "conj") and verb.head.dep_ == "ccomp" and not _infinitive(verb) \
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        token = verb.head.head  # "said the plan was sound, adding ...": the reporter adds, not the clause's subject
    while seen < 4:
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj") and _relative(child):
                # class: a relative pronoun names the speaker ("the mayor, who told ..."); the speaker is
                # resolved from the noun it stands for (see verb_cue)
                return child if _antecedent(token, child) is not None else None
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "nsubjpass" and seen and child.pos_ in ("NOUN", "PROPN", "PRON"):
                # class: a verb coordinated with a passive takes its subject: "the man was arrested and
                # said he was innocent"
                return child
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        # "the paper, which said ...", "voters saying they want ...": the noun the clause modifies
        if (token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG")) \
                and token.head.pos_ in ("NOUN", "PROPN"):
            agent = next((p for p in token.head.children if p.dep_ == "prep" and p.lower_ == "by"), None)
            agent = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if agent is not None and token.head.pos_ == "NOUN":
                return agent  # class: a noun with its agent: "the calls by officials asking ...": the officials
            if token.dep_ == "acl" and ((token.head.dep_ == "pobj" and token.head.head.lower_ in _MEDIUM_PREPS) or (
                    token.head.dep_ == "dobj" and token.head.lemma_.lower() in lex["document"])):
                # class: a participle after the medium or document a verb names: "posted a message
                # blaming ...", "wrote on the site calling ...", "said in a statement urging ...": the
                # subject of that verb speaks
                return _governing_subject(token.head) or token.head
            return token.head
        if token.dep_ == "pcomp" and token.head.lower_ == "as" and token.tag_ == "VBG":
            obj = next((c for c in token.head.head.children if c.dep_ == "dobj" and c.i < token.head.i), None)
            if obj is not None:
                # class: "quoted the mayor as saying ...", "cited the agency as stating ...": the object says it
                return obj
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
            token = token.head.head  # "defended it by saying ...": the subject of the verb the phrase modifies
            seen += 1
            continue
        if token.dep_ in _INHERIT and token.head is not token:
            token = token.head
            seen += 1
            while ((token.dep_ == "advcl" and _subordinate(token)) or (
                    token.dep_ == "conj" and token.head.dep_ == "advcl" and _subordinate(token.head))) \
                    and token.head is not token and seen < 4:
                # class: a participle hung on a subordinate clause speaks for the main clause's subject:
                # "experts called it dubious, as margins are thin, while noting ..."
                token = token.head
                seen += 1
            continue
        break
    # no subject in the parse: a name right before the verb ("..., Jamel Msallem, said")
    k = verb.i - 1
    if k >= 0 and verb.doc[k].text == ",":
        k -= 1
    if k >= 0 and verb.doc[k].pos_ == "PROPN" and verb.doc[k].dep_ in ("appos", "conj", "npadvmod", "nsubj"):
        return verb.doc[k]
    return None


# "on the site", "in a statement"; not "with officials saying"
_MEDIUM_PREPS = frozenset({"on", "in", "via", "through"})


def _as_adjunct(verb: Token) -> bool:
    """Whether a verb heads an "as" adjunct that attributes the clause it modifies: "as reported by
    the paper" (a passive with its agent) or "as the senator put it"."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    return any(c.dep_ == "agent" for c in verb.children) or (
        verb.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children))


def _infinitive(verb: Token) -> bool:
    """Whether a verb heads a to-infinitive ("to confirm"), e.g. a purpose clause."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _relative(token: Token) -> bool:
    """Whether a subject is a relative pronoun ("who", "which", "that")."""
    return token.tag_ in ("WP", "WDT") and token.lower_ in ("who", "which", "that")


def _antecedent(verb: Token, pronoun: Token) -> Token | None:
    """Return the noun a relative pronoun subject stands for: the head of the relative clause, or
    when the parser did not make one, the noun right before the comma ("..., according to police,
    who said ...")."""
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    k = pronoun.i - 1
    while k >= 0 and pronoun.doc[k].text == ",":
        k -= 1
    if k >= 0 and pronoun.doc[k].pos_ in ("NOUN", "PROPN"):
        return pronoun.doc[k]
    return None


def _governing_subject(noun: Token) -> Token | None:
    """Return the subject of the verb whose object or prepositional phrase holds ``noun``."""
    token = noun
    for _ in range(4):
        if token.dep_ not in ("pobj", "prep", "dobj") or token.head is token:
            break
        token = token.head
    if token.pos_ in ("VERB", "AUX"):
        return next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
    return None


def _lemma(token: Token) -> str:
    """Return the token's lemma, lower-cased; "hoping", which the lemmatizer reads as "hop", is "hope"."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and not token.lower_.startswith("hopp") else lemma


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _content_tokens(verb: Token, group: str, lex: CueLexicon) -> list[Token]:
    """Return the tokens of the content a reporting verb introduces ([] when it has none)."""
    as_predicate = verb.lemma_.lower() in lex["object"] and any(c.dep_ == "dobj" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i and not any(p.dep_ == "pcomp" for p in c.children)
        for c in verb.children)
    if group == "naming" or verb.lemma_.lower() in lex["naming"] or as_predicate:
        # "called the deal a disaster", "described it as a crazy system", "accused him of lying"; class:
        # a stance with an "as" predicate names too: "condemned the test as reckless"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        obj = objects[0] if objects else None
        # "accused him of lying", "blamed it for", "credited her with", "attributed it to"; not "called for"
        preps = ("as",) if verb.lemma_.lower() == "call" else ("as", "of", "for", "with", "to")
        preds = [c for c in verb.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in preps)]
        preds += objects[1:2]  # class: a second object the parser made of the predicate: "branded them traitors"
        if obj is not None:
            preds += [c for c in obj.children if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("appos", "oprd")]
        if obj is not None and preds and obj.i < min(p.i for p in preds):
            end = max(p.right_edge.i for p in preds)
            for prep in sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "of")),
                               key=lambda c: c.i):
                if prep.i == end + 1 and any(p.dep_ == "oprd" for p in preds):
                    # class: a predicate's own phrase hung on the verb: "called it the worst in years"
                    end = prep.right_edge.i
            tokens = [t for t in verb.subtree if obj.left_edge.i <= t.i <= end]
            return _cut_participle(tokens)
        if obj is not None and not preds:
            # a quoted name right after the object, which the parser reads as a second object or hangs
            # inside the first: 'called him "a disgrace"', 'calls the issue of security "a priority"'
            doc = verb.doc
            mark = next((t for t in doc[obj.i + 1:min(obj.right_edge.i + 2, len(doc) - 1)] if t.tag_ == "``"), None)
            holder = next((c for c in verb.children if mark is not None and c.i >= obj.i
                           and c.left_edge.i <= mark.i + 1 <= c.right_edge.i), None)
            if holder is not None:
                return _cut_participle([t for t in verb.subtree if obj.left_edge.i <= t.i <= holder.right_edge.i])
        group = "speech" if group == "naming" else group
    if group == "claim":
        return _without_trailing_clause(_noun_clause(verb), lex)
    if group == "commissive":
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if comp is not None:
            return _without_trailing_clause(comp, lex)
        group = "speech"  # "vowed that ...", '"We will appeal," she vowed'
    if group == "directive":
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp", "advcl") \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                if child.dep_ == "advcl":  # "called for NATO members to increase spending", not a purpose clause
                    if not any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
                        continue
                    return [t for t in child.subtree if not (t.dep_ == "mark" and t.head.i == child.i)]
                # the addressee belongs to the content: "urged [citizens to keep paying]"
                obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
                return list(child.subtree) + (list(obj.subtree) if obj is not None else [])
        comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if comp is not None and (comp.left_edge.lower_ in ("whether", "if") or comp.left_edge.tag_ in ("WP", "WRB")):
            return _without_trailing_clause(comp, lex)  # an indirect question: "asked whether the talks would resume"
        if comp is not None and not columns(verb.doc).crosses_line(comp.i, verb.i):
            # class: a demand in a clause: "urged (that) the law be repealed"
            return _without_trailing_clause(comp, lex)
        demand = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and any(
            o.dep_ == "pobj" and any(a.dep_ in ("acl", "relcl") and _infinitive(a) for a in o.children)
            for o in c.children)), None)
        if demand is not None:
            return list(demand.subtree)  # class: a demand for something to happen: "asked for the talks to resume"
        return _object(verb, lex)  # a demand with a prepositional object: "called for a moratorium" (entry "call for")
    doc = verb.doc
    # complement clauses in the cue's paragraph (the parser can attach the next paragraph's clause)
    # and a clause before the cue only when set off from it: "The plan failed, he said", not "They said he agreed"
    comps = [c for c in verb.children if c.dep_ == "ccomp" and not columns(doc).crosses_line(c.i, verb.i)
             and not _postposed_frame(c, lex)
             and (c.i > verb.i or (any(t.is_punct and t.text != ":" for t in doc[c.right_edge.i + 1:verb.i])
                                   # class: a semicolon ends an independent clause: "A said X; B reported Y"
                                   and not any(t.text == ";" for t in doc[c.right_edge.i + 1:verb.i])
                                   and c.left_edge.dep_ != "mark"))]
    if comps:
        following = [c for c in comps if c.i > verb.i]
        comp = following[0] if following else comps[-1]
        preceding = [c for c in comps if c.i < verb.i]
        if following and preceding and following[0].left_edge.lower_ != "that" and all(
                t.is_punct or t.dep_ in SUBJECT_DEPS or t.head.i != verb.i or t.i == verb.i
                for t in doc[preceding[-1].right_edge.i + 1:verb.i]):
            comp = preceding[-1]  # '"...," he said, "do you ...": the framed clause, not a misparse after it
        tokens = _without_trailing_clause(comp, lex)
        marked = comp.left_edge.dep_ == "mark"  # "told Reuters that ...": the clause starts at "that"
        if comp.i > verb.i and not marked and verb.lemma_.lower() not in ("tell", "inform", "assure", "remind", "warn"):
            # a clause subject misattached to the verb: "said Lavrov besides holding talks will call"
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubj") and verb.i < child.i < comp.left_edge.i:
                    tokens.extend(child.subtree)
                    # the tokens between belong to the clause too
                    tokens.extend(verb.doc[child.i:comp.left_edge.i])
        if comp.i > verb.i:  # a reason the parser hung on the cue: "said it would wait because ..."
            tokens += [t for c in verb.children if c.dep_ == "advcl" and c.i > comp.i
                       and any(m.lower_ == "because" for m in c.children) for t in c.subtree]
        return tokens
    if group != "speech":
        return _object(verb, lex)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.left_edge.lower_ == "that"
                           and c.left_edge.dep_ == "mark"), None)
            if clause is not None:
                # class: a that-clause the parser hung on an adjunct: "told him on a regular basis that ..."
                return _without_trailing_clause(clause, lex)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and obj is not None and c.i > obj.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is not None:  # an order told to someone: "told his aides to leave", "warned voters to stay home"
        return list(obj.subtree) + _without_trailing_clause(comp, lex)
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        # class: a passive with its agent and a predicate: "the plane, reported by local press as
        # belonging to the army", "they were reported by the agency to have left": the predicate
        pred = next((c for c in verb.children if c.i > verb.i and (
            (c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ in ("xcomp", "ccomp") and _infinitive(c)))), None)
        if pred is not None:
            return _without_trailing_clause(pred, lex)
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and head is not verb and head.i < verb.i \
            and head.pos_ in ("VERB", "AUX") and _speaker_of_direct(verb) and not _subordinate(verb):
        own = {t.i for t in verb.subtree}
        return [t for t in head.subtree if t.i not in own and t.i < verb.left_edge.i]
    if verb.dep_ == "advcl" and head is not verb and _as_adjunct(verb):
        # "As reported by the paper, the talks failed": the clause the phrase modifies, as with "according to"
        own = {t.i for t in verb.subtree}
        side = (lambda t: t.i < verb.left_edge.i) if verb.i > head.i else (lambda t: t.i > verb.right_edge.i)
        return [t for t in head.subtree if t.i not in own and side(t)]
    if head is not verb and head.i > verb.i and _speaker_of_direct(verb) and (verb.dep_ == "parataxis" or (
            verb.dep_ == "ccomp" and _opens_sentence(verb) and _comma_after(verb) and not _is_cue(head, lex))):
        # "Other than that, he added, Islamabad ..." / "The talks, he added, would resume"; class: a
        # zero-that complement after an adjunct and a comma, which the parser hangs the cue on:
        # "The agency reported on Monday, exports had resumed"
        own = {t.i for t in verb.subtree}
        lead = {t.i for c in head.children if c.i < verb.i and c.dep_ in _ADVERBIAL for t in c.subtree}
        return [t for t in head.subtree if t.i not in own and t.i not in lead]
    return _object(verb, lex)


_SUBORDINATORS = frozenset({"though", "although", "while", "whereas", "because", "if", "when", "after", "before",
                            "since", "as", "unless", "until", "once"})


def _is_cue(token: Token, lex: CueLexicon) -> bool:
    """Whether a token's lemma is a cue of the lexicon (any group)."""
    lemma = _lemma(token)
    return any(lemma in lex[group] for group in ("speech", "belief", "evidence", "directive", "commissive",
                                                  "intention", "naming"))


def _subordinate(verb: Token) -> bool:
    """Whether a verb heads a subordinate clause ("though she reported ...", "as the inquiry
    continued"): such a clause is no frame of the main clause's words."""
    return any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in verb.children)


def _opens_sentence(verb: Token) -> bool:
    """Whether the verb's clause opens its sentence."""
    return verb.left_edge.i == verb.sent.start or verb.doc[verb.left_edge.i - 1].text in ("\n", "\n\n")


def _comma_after(verb: Token) -> bool:
    """Whether a comma ends the verb's own clause: "X reported on Monday, ..."."""
    nxt = verb.right_edge.i + 1
    return nxt < len(verb.doc) and verb.doc[nxt].text == ","


def _postposed_frame(clause: Token, lex: CueLexicon) -> bool:
    """Whether a clause after a comma is a reporting frame of its own ("..., they said Sunday"),
    which the parser made the complement of the verb before it."""
    doc = clause.doc
    return clause.i > clause.head.i and doc[clause.left_edge.i - 1].text == "," and _lemma(clause) in lex["speech"] \
        and any(c.dep_ in SUBJECT_DEPS for c in clause.children) and not any(c.dep_ == "ccomp" for c in clause.children)


def _noun_clause(verb: Token) -> Token | None:
    """Return the that-clause of a verb's object ("made [the case] that taxes must rise"), if any."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.i > verb.i:
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp") and clause.i > obj.i and any(
                        m.dep_ == "mark" and m.lower_ == "that" and m.i == clause.left_edge.i for m in clause.children):
                    return clause
    return None


def _object(verb: Token, lex: CueLexicon) -> list[Token]:
    """Return the noun-phrase object of a cue of the lexicon's ``object`` group: "denounced the
    ruling", or with its preposition, "talked about the economy" (entry "talk about")."""
    lemma, objects = verb.lemma_.lower(), lex["object"]
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None) if lemma in objects else None
    if obj is None:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                     and f"{lemma} {c.lower_}" in objects), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is not None and sum(t.is_alpha for t in obj.subtree) < 2:
            return []  # a bare figure or word is not a claim: "guidelines call for 2%", "talked about it"
    if obj is None and any(c.dep_ == "agent" for c in verb.children):
        # a passive with its agent: "the plan was criticized by the union" (the union criticized the plan)
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if obj is None or obj.pos_ == "PRON":  # "denounced it": the content is elsewhere
        return []
    return _cut_participle(list(obj.subtree))


def _without_trailing_clause(head: Token, lex: CueLexicon) -> list[Token]:
    """Return the subtree of ``head`` without a trailing reporting clause of its own (", arguing
    that ...", "but added ...", "though she noted ...") or a clause after a semicolon."""
    tokens = list(head.subtree)
    for child in head.children:
        if child.i > head.i and child.text == ";":
            return [t for t in tokens if t.i < child.i]
        if child.i > head.i and child.dep_ in ("advcl", "conj") and child.pos_ == "VERB" and not (
                _infinitive(child) and head.doc[child.left_edge.i - 1].text != ",") and (
                child.lemma_.lower() in lex["speech"] or any(c.dep_ == "ccomp" for c in child.children)) and (
                child.tag_ == "VBG" or child.dep_ == "advcl" or not any(c.dep_ in SUBJECT_DEPS for c in child.children)):
            cut = child.left_edge.i
            while cut > head.i and (head.doc[cut - 1].is_punct or head.doc[cut - 1].dep_ == "cc"):
                cut -= 1
            return [t for t in tokens if t.i < cut]
    return tokens


def _cut_participle(tokens: list[Token]) -> list[Token]:
    """Cut ", linking to ..." (a comma and a participle clause) off the end of content tokens."""
    tokens = sorted(tokens, key=lambda t: t.i)
    for n, token in enumerate(tokens[:-1]):
        rest = [t for t in tokens[n + 1:n + 3] if t.text not in QUOTE_CHARS]
        if token.text == "," and rest and rest[0].tag_ == "VBG" and rest[0].dep_ in ("acl", "advcl", "conj"):
            keep = tokens[:n]
            if keep and tokens[n + 1].text in QUOTE_CHARS:  # '"ultimate hypocrite,"': keep the mark
                keep.append(tokens[n + 1])
            return keep
    return tokens


def _speaker_of_direct(verb: Token) -> bool:
    """Whether a verb has its own active subject, as a reporting frame does ("..., she said"); a
    passive ("..., the text was written by X") frames nothing."""
    return any(c.dep_ in ("nsubj", "csubj") for c in verb.children)


def reported_speech(doc: Doc, *, lexicon: str = DEFAULT_LEXICON) -> list[Cue]:
    """Find the reporting cues of a parsed Doc with their speaker and content.

    Args:
        doc: A Doc with a dependency parse and lemmas.
        lexicon: The cue lexicon (see :func:`load_cues`).

    Returns:
        One :class:`Cue` per reporting verb or "according to" that has a speaker, sorted by
        offset. ``content_start == content_end`` when the cue has no clausal content (its
        quotation may be found next to it).
    """
    lex = load_cues(lexicon)
    groups = {lemma.split()[0]: group for group in ("object", "naming", "belief", "evidence", "intention", "commissive",
                                                    "directive", "speech") for lemma in lex[group]}
    cues = []
    cols = columns(doc)
    # only verbs (and "according") can be cues: skip making a Token for every other word
    for i in np.flatnonzero(cols.is_verb | (cols.lower == _ACCORDING)).tolist():
        token = doc[i]
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            cue = _according(doc, token)
            if cue:
                cues.append(cue)
            continue
        group = groups.get(_lemma(token))
        if group is None and _lemma(token) == "put" and _as_adjunct(token):
            group = "speech"  # class: "as the senator put it, ..."
        if group is None and token.pos_ == "VERB" and any(
                c.dep_ == "ccomp" and c.i > token.i and c.left_edge.lower_ == "that" for c in token.children):
            group = "belief"  # any verb with a that-clause attributes it: "voters feared that ..."
        if group is None and token.pos_ == "VERB" and _noun_clause(token) is not None:
            group = "claim"  # a that-clause of the verb's object: "made the case that ...", "gave assurances that ..."
        if group is None or token.pos_ not in ("VERB", "AUX") or _is_negated(token):
            continue
        if token.dep_ == "advcl" and _infinitive(token):
            continue  # class: a purpose clause is no speech act: "arrived to discuss ..."
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.children):
            continue  # class: a hypothetical or a question is no report: "if written by", "whether X said"
        if token.tag_ == "VBN" and ((any(c.dep_ == "auxpass" for c in token.children)
                                     and not any(c.dep_ == "agent" for c in token.children)) or (token.dep_ in ("advcl", "acl")
                                    and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in token.children))):
            continue  # agentless passive: "it was reported that ...", "Asked whether ..., he said" (not "... by X")
        cue = verb_cue(doc, token, group, lex)
        if cue is not None:
            cues.extend(split_conjuncts(doc, cue, groups))
            more = _coordinated_content(doc, token, cue, lex)
            if more is not None:
                cues.append(more)
    return cues


_MIN_CONJUNCT_WORDS = 4  # a coordinated clause shorter than this stays with the one before


def _coordinated_content(doc: Doc, verb: Token, cue: Cue, lex: CueLexicon) -> Cue | None:
    """Return a second statement the parser coordinated with the cue verb instead of its complement.

    Class: "said the plane had skidded and the crew were safe", where "were" hangs on "said": a
    clause with its own subject right after the content, joined by "and" without a comma, whose
    verb is no cue of its own, is a second statement of the same cue.
    """
    if cue.group not in ("speech", "evidence") or cue.content_start == cue.content_end:
        return None
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i < verb.i or conj.pos_ not in ("VERB", "AUX") or _is_cue(conj, lex) \
                or not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in conj.children):
            continue
        cc = doc[conj.left_edge.i - 1]
        if cc.dep_ != "cc" or cc.lower_ != "and" or doc[cc.i - 1].text == "," \
                or doc_text(doc)[cue.content_end:cc.idx].strip(" \t\"”’'").rstrip(",") not in ("",):
            continue
        span = trimmed_span(doc, list(conj.subtree))
        if span is not None and len(doc_text(doc)[span[0]:span[1]].split()) >= _MIN_CONJUNCT_WORDS:
            return replace(cue, content_start=span[0], content_end=span[1])
    return None


def split_conjuncts(doc: Doc, cue: Cue, cue_lemmas: dict[str, str] | None = None) -> list[Cue]:
    """Split a cue's content at coordinated clauses that have their own subject.

    Class: "said the plan failed and [that] the talks would resume" reports two statements of
    one cue; each gets its own quote (the rows share the cue, so they are one attribution).
    Parts shorter than four words stay together. A coordinated clause whose verb is a cue of
    ``cue_lemmas`` is an attribution of its own ("said the plan failed, and critics blame him for
    it"): the content ends before it.
    """
    if cue.content_start == cue.content_end or cue.group in ("frame", "according"):
        return [cue]
    span = doc.char_span(cue.content_start, cue.content_end, alignment_mode="expand")
    if span is None:
        return [cue]
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    if len(roots) != 1 or roots[0].pos_ not in ("VERB", "AUX"):
        return [cue]
    cuts = []
    for conj in roots[0].children:
        if conj.dep_ != "conj" or conj.i <= roots[0].i or conj.i >= span.end:
            continue
        cc = next((c for c in roots[0].children if c.dep_ == "cc" and roots[0].i < c.i < conj.left_edge.i), None)
        own_subject = any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in conj.children)
        if cc is not None and own_subject and cc.lower_ in ("and", "but"):
            cuts.append((cc.i, conj.left_edge.i, _lemma(conj) in (cue_lemmas or {})))
    parts, start = [], span.start
    for cc, begin, own_cue in cuts:
        parts.append((start, cc))
        start = begin
        if own_cue:
            start = span.end
            break
    if start < span.end:
        parts.append((start, span.end))
    if len(parts) == 1:
        part = trimmed_span(doc, list(doc[parts[0][0]:parts[0][1]]))
        return [replace(cue, content_start=part[0], content_end=part[1])] if part is not None else []
    spans = [trimmed_span(doc, list(doc[a:b])) for a, b in parts]
    if len(spans) < 2 or any(p is None or len(doc_text(doc)[p[0]:p[1]].split()) < _MIN_CONJUNCT_WORDS for p in spans):
        return [cue]
    return [replace(cue, content_start=p[0], content_end=p[1]) for p in spans if p is not None]


def verb_cue(doc: Doc, verb: Token, group: str = "speech", lex: CueLexicon | None = None) -> Cue | None:
    """Build the cue of a reporting verb: its speaker (None without one) and its content.

    Args:
        doc: The parsed Doc.
        verb: The cue verb.
        group: The verb's lexicon group (``speech``, ``belief``, ``directive``) or ``frame``
            for a verb that only frames a quotation ("...," she yelled).
        lex: The cue lexicon (default: :data:`DEFAULT_LEXICON`).
    """
    lex = lex if lex is not None else load_cues()
    subject = _speaker_of(verb, lex)
    if subject is None or (subject.lower_ in ("that", "which", "this", "there", "what") and not _relative(subject)):
        return None
    resolve = None
    if _relative(subject):
        antecedent = _antecedent(subject.head, subject)
        resolve = trimmed_span(doc, speaker_tokens(antecedent)) if antecedent is not None else None
    # evidence attributes a clause as beliefs do, intentions a to-infinitive as commitments do
    how = {"evidence": "belief", "intention": "commissive"}.get(group, group)
    if verb.dep_ == "advcl" and _as_adjunct(verb):
        group = "according"  # "as reported by the paper", "as she put it": adjuncts like "according to X"
    tokens = _content_tokens(verb, how, lex) if group != "frame" else []
    content = trimmed_span(doc, tokens) if group != "frame" else None
    nominal = _is_nominal(tokens)
    lemma = _lemma(verb)
    if lemma in lex["object"] and lemma not in lex["naming"] \
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        nominal = True  # a stance with an "as" predicate ("attacked the plan as reckless") states only in quoted words
    tokens = speaker_tokens(subject)
    for other in verb.children:  # a subject split by the parser: "study co - author Carl Lipo"
        if other.dep_ == "nsubj" and other.i != subject.i and abs(other.i - subject.i) <= 6 \
                and other.tag_ not in ("WDT", "WP"):  # not "which" in "the ministry, which said"
            tokens += speaker_tokens(other)
    speaker = trimmed_span(doc, tokens) or (subject.idx, subject.idx + len(subject))
    text = doc_text(doc)
    cut = text.rfind("\n", speaker[0], speaker[1])
    if cut >= 0 and speaker[1] <= verb.idx:
        # class: a mention the parser ran across a line break ("—A caption\n\nBoth officers said"):
        # the part next to the verb
        part = trimmed_span(doc, [t for t in tokens if t.idx > cut])
        speaker = part or speaker
    line = text.rfind("\n", 0, verb.idx)
    if speaker[1] <= line:
        # class: a subject the parser took from the paragraph before ("Legend line\n\nOn Sunday, the
        # president announced"): the verb's subject in its own paragraph, or the noun of that paragraph
        # that hangs on the one before
        own = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx > line), None) or next(
            (t for t in doc[_token_index(doc, line):verb.i] if t.idx > line and t.pos_ in ("PROPN", "NOUN")
             and t.head.idx < line), None)
        if own is None:
            return None
        speaker = trimmed_span(doc, [t for t in speaker_tokens(own) if t.idx > line]) or (own.idx, own.idx + len(own))
    start, end = content or (0, 0)
    if start == speaker[0] and speaker[1] < end:
        # class: an inverted frame whose speaker the parser put into the content ('Said Roe: "..."')
        start = speaker[1]
        while start < end and (text[start].isspace() or text[start] in ":,"):
            start += 1
    cue = Cue(_lemma(verb), verb.idx, verb.idx + len(verb), speaker[0], speaker[1], start, end, group, nominal)
    return replace(cue, resolve_start=resolve[0], resolve_end=resolve[1]) if resolve else cue


def _in_relative(token: Token, ids: set[int]) -> bool:
    """Whether a token lies in a relative or participle clause of the phrase ``ids``."""
    while token.i in ids:
        if token.dep_ in ("relcl", "acl"):
            return True
        if token.head.i == token.i:
            break
        token = token.head
    return False


def _is_nominal(tokens: list[Token]) -> bool:
    """Whether content tokens are one noun phrase ("the plan", "a ban on imports") and no clause or
    small clause ("[the plan] [a disaster]", "[the union] to strike")."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X"):
        return False
    if any(t.dep_ == "mark" and t.lower_ == "that" for t in tokens):
        return False  # a noun phrase and a that-clause: "expressed regret and that it would appeal"
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not _in_relative(t, ids) for t in tokens):
        return False  # a clause the parser read as a noun phrase: "said [the mayor required surgery]"
    # class: a demand for something to happen is a clause: "called for the talks to resume"
    return not (roots[0].head.lower_ == "for" and any(c.dep_ in ("acl", "relcl") and _infinitive(c)
                                                        for c in roots[0].children))


def _token_index(doc: Doc, offset: int) -> int:
    """The index of the token at or after character ``offset``."""
    span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
    return span.start if span is not None else 0


def _apposed_name(doc: Doc, noun: Token) -> tuple[int, int] | None:
    """Return the token range of a name set off by commas right after ``noun``'s phrase (", Jane
    Doe,"), which the parser may read as the next clause's subject; None when there is none."""
    k = noun.right_edge.i + 1
    if noun.pos_ != "NOUN" or k + 2 >= len(doc) or doc[k].text != ",":
        return None
    m = k + 1
    while m < len(doc) and doc[m].pos_ == "PROPN":
        m += 1
    if m == k + 1 or m >= len(doc) or doc[m].text != ",":
        return None
    return k + 1, m - 1


def _according(doc: Doc, token: Token) -> Cue | None:
    """Build the cue of "according to X": X is the speaker, the clause it modifies the content."""
    to = doc[token.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = trimmed_span(doc, speaker_tokens(pobj))
    head = token.head
    own = {t.i for t in token.subtree} | {t.i for t in to.subtree}
    name = _apposed_name(doc, pobj)
    if name is not None and speaker is not None:
        # class: a description with the name in apposition: "According to the city's mayor, Jane Doe, ..."
        speaker = (speaker[0], doc[name[1]].idx + len(doc[name[1]]))
        own |= set(range(pobj.right_edge.i + 1, name[1] + 2))
    run = pobj.right_edge.i + 1
    while speaker is not None and run < len(doc) and doc[run].pos_ == "PROPN":
        run += 1
    if speaker is not None and run > pobj.right_edge.i + 1 and (run == len(doc) or doc[run].is_punct):
        # class: a name the parser split off the phrase: "According to [state] Senator Jane Roe, ..."
        speaker = (speaker[0], doc[run - 1].idx + len(doc[run - 1]))
        own |= set(range(pobj.right_edge.i + 1, run))
    if head is token:
        return None
    root = head  # the clause the phrase modifies: the nearest one with a subject
    while root.dep_ not in ("ROOT", "ccomp") and root.head is not root \
            and not (root.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in root.children)):
        root = root.head
    # the clause on the phrase's side of the cue only: "X fled, according to police, who ..."
    side = (lambda t: t.i < token.i) if token.i > root.i else (lambda t: t.i > max(own))
    content = trimmed_span(doc, _cut_participle([t for t in root.subtree if t.i not in own and side(t)]))
    if speaker is None or content is None:
        return None
    return Cue("according to", token.idx, to.idx + len(to), speaker[0], speaker[1], content[0], content[1], "according")



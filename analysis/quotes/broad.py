"""Cues of PolNeAR's broad reading of attribution (``attributions="all"``), beyond statements.

PolNeAR annotates as attributions what a source says, believes, intends, supports or shows,
whether or not anyone said it; it also annotates negated acts ("did not mention the plan"). The
functions below find the classes of cues the ``statements`` reading leaves out. These rules run only in
``all``; the ``statements`` reading (the Wikinews conventions) never sees their cues.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..columns import doc_text
from .clauses import CueLexicon, cue_lemma, governing_subject, infinitive, trimmed_span
from .content import cut_participle
from .cues import Cue
from .marks import QUOTE_CHARS


def with_reason(verb: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Extend a stance's noun-phrase content over the reason the verb gives for it.

    Class: a stance on someone carries its grounds in a "for" or "over" phrase: "mocked the
    senator for missing the vote", "praised the mayor over her handling of the flood". The
    content runs from the object to the end of that phrase.
    """
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or not (content[0] <= obj.idx < content[1]):
        return content
    reason = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "over")
                   and c.i > obj.right_edge.i and any(o.dep_ in ("pobj", "pcomp") for o in c.children)), None)
    if reason is None:
        return content
    last = doc[reason.right_edge.i]
    while last.i > reason.i and (last.is_punct and last.text not in ('"', "”", "’", "'")):
        last = doc[last.i - 1]
    return content[0], max(content[1], last.idx + len(last))


def _span(tokens: list[Token]) -> tuple[int, int] | None:
    return trimmed_span(tokens[0].doc, tokens) if tokens else None


def _complement(verb: Token) -> Token | None:
    """The predicate a raising or passive verb takes: "to quit" (xcomp), "ready" (acomp), "a risk"."""
    return next((c for c in verb.children if c.i > verb.i and c.dep_ in ("xcomp", "acomp", "oprd")), None)


def sourceless_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues that attribute a content to no named source.

    Classes:
    - verbs of appearance ("evidential" group): "the plan seems doomed", "voters appear ready to
      switch", "it sounds reasonable": the subject and its predicate are the content, the source
      is the unnamed observer;
    - a reporting or belief verb in the passive without an agent, with a predicate: "the mayor is
      expected to resign", "the firm is said to be near a deal": the same;
    - a question put to someone unnamed: "Asked about the delay, the minister said ...", "she was
      asked whether ...": the question is the content, the asker is not named.
    """
    cues: list[Cue] = []
    reporting = lex["speech"] | lex["belief"] | lex["evidence"]
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = cue_lemma(verb)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ == "advcl")
        agent = any(c.dep_ == "agent" for c in verb.children)
        content = None
        if lemma in lex["evidential"] and subject is not None and subject.dep_ == "nsubj":
            pred = _complement(verb)
            if pred is not None and (lemma in ("seem", "appear") or pred.dep_ != "xcomp"):
                content = _span(cut_participle([t for t in doc[subject.left_edge.i:pred.right_edge.i + 1]]))
        elif lemma in reporting and passive and not agent and subject is not None and verb.tag_ == "VBN":
            pred = _complement(verb)
            if pred is not None and infinitive(pred):
                content = _span(cut_participle([t for t in doc[subject.left_edge.i:pred.right_edge.i + 1]]))
        elif lemma == "ask" and passive and not agent:
            question = next((c for c in verb.children if c.i > verb.i and (
                (c.dep_ == "ccomp" and (c.left_edge.lower_ in ("whether", "if")
                                        or c.left_edge.tag_ in ("WP", "WRB", "WDT")))
                or (c.dep_ == "prep" and c.lower_ == "about") or (c.dep_ == "xcomp" and infinitive(c)))), None)
            if question is not None:
                content = _span(list(question.subtree))
        if content is not None and content[0] < content[1] and not _quoted(doc, content):
            cues.append(Cue(lemma, verb.idx, verb.idx + len(verb), None, None, content[0], content[1], "evidential"))
    return cues


def nominal_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues that are nouns: "his claim that taxes would fall", "the senator's call for a
    ban", "criticism of the plan by unions".

    Class: a noun of saying, stance, belief or intention (the lexicon's ``nominal`` group)
    attributes its complement: a that-clause, a to-infinitive, or the object of its preposition
    (of, on, about, for, against, over, with, to). Its source is the possessive ("his", "the
    senator's"), a name compounded with it ("a Smith endorsement"), the object of "by" or "from",
    or the subject of the verb whose object the noun is ("the firm announced plans to ..."); with
    none the source is left unnamed.
    """
    cues: list[Cue] = []
    nouns = lex["nominal"]
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
            continue
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            continue  # "no plan", "no comment": nothing attributed
        content = None
        for child in noun.children:
            if child.i < noun.i:
                continue
            if child.dep_ in ("acl", "ccomp") and (infinitive(child) or any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in child.children)):
                content = list(child.subtree)
            elif child.dep_ == "prep" and child.lower_ in _NOMINAL_PREPS:
                obj = next((o for o in child.children if o.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and not (obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that", "them")):
                    content = list(obj.subtree)
            if content:
                break
        span = _span(content) if content else None
        if span is None:
            continue
        source = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
            (c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i), None)
        if source is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            source = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep is not None else None
        own = source is not None
        if source is None and noun.dep_ in ("dobj", "pobj"):
            # class: the noun is what a verb's subject does or holds: "announced plans to merge",
            # "clung to the hope that", "rallied in hopes of winning": that subject is the source
            source = governing_subject(noun)
            if source is not None and (source.tag_ in ("WDT", "WP")
                                       or source.lower_ in ("it", "this", "that", "there")):
                source = None
        speaker = _span(_mention(source)) if source is not None else None
        if not own and _quoted(doc, span):
            continue  # quoted words are left to the cue that frames them, unless the noun names its own source
        cues.append(Cue(noun.lemma_.lower(), noun.idx, noun.idx + len(noun), speaker[0] if speaker else None,
                        speaker[1] if speaker else None, span[0], span[1], "nominal", nominal=True))
    return cues


# prepositions that introduce the content of a noun of saying or stance: "criticism of", "views on",
# "questions about", "calls for", "campaign against", "anger over", "agreement with", "a reply to"
_NOMINAL_PREPS = frozenset({"of", "on", "about", "for", "against", "over", "with", "to"})


def _quoted(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a content span holds a quotation mark.

    Class: a judgement ("appeared to defend it by saying, "...""), a question put to someone, or a
    noun without a source of its own around quoted words: the quotation belongs to the cue that
    frames it, which names its speaker.
    """
    return any(ch in QUOTE_CHARS for ch in doc_text(doc)[span[0]:span[1]])


def _mention(token: Token) -> list[Token]:
    """The words of a source mention: the token's phrase without the possessive marker."""
    return [t for t in token.subtree if t.dep_ != "case" and t.tag_ != "POS"] or [token]

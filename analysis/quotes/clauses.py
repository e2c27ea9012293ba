"""Clause structure for the reporting cues: subjects, relative pronouns, subordinate and infinitive
clauses, noun phrases versus clauses, token spans. Pure functions over the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..columns import doc_text
from .marks import QUOTE_CHARS, TRIM_PUNCT

CueLexicon = dict[str, frozenset[str]]
"""A loaded cue lexicon: ``{group: lemmas}``."""

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


def trimmed_span(doc: Doc, tokens: list[Token]) -> tuple[int, int] | None:
    """Return the character span of ``tokens`` (contiguous from first to last) without edge punctuation."""
    if not tokens:
        return None
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    # (each doc[i] makes a new Token: for speed, the loops take each token once)
    while lo <= hi and ((token := doc[lo]).is_punct or token.is_space) and token.text not in QUOTE_CHARS:
        lo += 1
    while hi >= lo and ((token := doc[hi]).is_space or token.text in TRIM_PUNCT or (
            token.is_punct and token.text not in QUOTE_CHARS
            and not (token.text == ")" and "(" in doc[lo:hi].text))):
        hi -= 1
    if lo > hi:
        return None
    last = doc[hi]
    return doc[lo].idx, last.idx + len(last)


def as_adjunct(verb: Token) -> bool:
    """Whether a verb heads an "as" adjunct that attributes the clause it modifies: "as reported by
    the paper" (a passive with its agent) or "as the senator put it"."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    return any(c.dep_ == "agent" for c in verb.children) or (
        verb.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children))


def infinitive(verb: Token) -> bool:
    """Whether a verb heads a to-infinitive ("to confirm"), e.g. a purpose clause."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def going_on_to(verb: Token) -> Token | None:
    """Return the verb "go" of "went on to say", "went as far as to say", or None.

    Class: a to-infinitive after "go on" or "go (so/as) far (as)" continues the subject's speech;
    it is no purpose clause ("went to say goodbye" has neither and stays one).
    """
    if not infinitive(verb):
        return None
    head = verb.head
    while head.lower_ in ("far", "as") and head.head is not head:
        head = head.head
    if head.lemma_.lower() != "go" or head is verb:
        return None
    far = any(t.lower_ == "far" for t in verb.doc[head.i + 1:verb.i])
    on = any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children)
    return head if far or on else None


def relative_pronoun(token: Token) -> bool:
    """Whether a subject is a relative pronoun ("who", "which", "that")."""
    return token.tag_ in ("WP", "WDT") and token.lower_ in ("who", "which", "that")


def antecedent(verb: Token, pronoun: Token) -> Token | None:
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


def governing_subject(noun: Token) -> Token | None:
    """Return the subject of the verb whose object or prepositional phrase holds ``noun``."""
    token = noun
    for _ in range(4):
        if token.dep_ not in ("pobj", "prep", "dobj") or token.head is token:
            break
        token = token.head
    if token.pos_ in ("VERB", "AUX"):
        return next((c for c in token.children if c.dep_ in ("nsubj", "csubj")), None)
    return None


def cue_lemma(token: Token) -> str:
    """Return the token's lemma, lower-cased; "hoping", which the lemmatizer reads as "hop", is "hope"."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and not token.lower_.startswith("hopp") else lemma


def is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


SUBORDINATORS = frozenset({"though", "although", "while", "whereas", "because", "if", "when", "after", "before",
                            "since", "as", "unless", "until", "once"})


def subordinate(verb: Token) -> bool:
    """Whether a verb heads a subordinate clause ("though she reported ...", "as the inquiry
    continued"): such a clause is no frame of the main clause's words."""
    return any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in verb.children)


def opens_sentence(verb: Token) -> bool:
    """Whether the verb's clause opens its sentence."""
    return verb.left_edge.i == verb.sent.start or verb.doc[verb.left_edge.i - 1].text in ("\n", "\n\n")


def comma_after(verb: Token) -> bool:
    """Whether a comma ends the verb's own clause: "X reported on Monday, ..."."""
    nxt = verb.right_edge.i + 1
    return nxt < len(verb.doc) and verb.doc[nxt].text == ","


def has_active_subject(verb: Token) -> bool:
    """Whether a verb has its own active subject, as a reporting frame does ("..., she said"); a
    passive ("..., the text was written by X") frames nothing."""
    return any(c.dep_ in ("nsubj", "csubj") for c in verb.children)


def in_relative(token: Token, ids: set[int]) -> bool:
    """Whether a token lies in a relative or participle clause of the phrase ``ids``."""
    while token.i in ids:
        if token.dep_ in ("relcl", "acl"):
            return True
        if token.head.i == token.i:
            break
        token = token.head
    return False


def is_figure_at(prep: Token) -> bool:
    """Whether ``prep`` is "at" and a figure ("at $2 million", "at 40 percent", "at about 300")."""
    return prep.dep_ == "prep" and prep.lower_ == "at" and any(
        o.dep_ == "pobj" and o.ent_type_ in _FIGURES for o in prep.children)  # not "at a depth of 400 m"


_FIGURES = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})


def is_nominal(tokens: list[Token]) -> bool:
    """Whether content tokens are one noun phrase ("the plan", "a ban on imports") and no clause or
    small clause ("[the plan] [a disaster]", "[the union] to strike")."""
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    if len(roots) == 1 and roots[0].dep_ == "pcomp":
        return True  # class: the gerund or question a preposition governs is its object: "called for ending the tax"
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X"):
        return False
    if any(is_figure_at(t) and t.head.i == roots[0].i for t in tokens):
        return False  # class: an object with its figure is a small clause: "estimated [the damage at $2m]"
    if any(t.dep_ == "prep" and t.lower_ == "as" and t.head.i == roots[0].i and t.i > roots[0].i
           and any(c.dep_ == "pobj" for c in t.children) for t in tokens):
        return False  # so is an object with its "as" predicate: "see [tourists] [as a burden]"
    if any(t.dep_ == "mark" and t.lower_ == "that" for t in tokens):
        return False  # a noun phrase and a that-clause: "expressed regret and that it would appeal"
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not in_relative(t, ids) for t in tokens):
        return False  # a clause the parser read as a noun phrase: "said [the mayor required surgery]"
    # class: a demand for something to happen is a clause: "called for the talks to resume"
    return not (roots[0].head.lower_ == "for" and any(c.dep_ in ("acl", "relcl") and infinitive(c)
                                                        for c in roots[0].children))


def token_index(doc: Doc, offset: int) -> int:
    """The index of the token at or after character ``offset``."""
    span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
    return span.start if span is not None else 0


def apposed_name(doc: Doc, noun: Token) -> tuple[int, int] | None:
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


def polar_question(clause: Token) -> bool:
    """Whether a clause the parser hung on "ask" as an adjunct is the question asked: "asked if
    the talks would resume" (class: "if" or "whether" opening a clause right after the verb)."""
    return clause.dep_ == "advcl" and clause.left_edge.lower_ in ("whether", "if") \
        and clause.left_edge.i == clause.head.i + 1

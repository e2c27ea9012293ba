"""Descriptions resolved to the actor they stand for: documents to their issuer ("a statement
released by the governor's office", "the ruling" after "the court ruled"), "the <demonym>
government" to its country, organisations shortened to words of their name ("the academy").

Helpers of :func:`analysis.actors.references.resolve_nominal`; each names its class of cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from .references import Context


def _actor_at(ctx: Context, token: Token) -> str | None:
    return ctx.name_at.get(token.i)


def paragraph_start(token: Token) -> int:
    """Return the index of the first token of ``token``'s paragraph (after the last line break)."""
    doc = token.doc
    k = token.i - 1
    while k >= 0 and not (doc[k].is_space and "\n" in doc[k].text):
        k -= 1
    return k + 1


def issuing_actor(ctx: Context, token: Token) -> str | None:
    """Return the actor a document's issuer names: the actor itself, or the person or organisation
    whose office it is.

    Class: a person's or organisation's office issues statements in its name ("a statement released
    by the governor's office" is the governor's); "office" is the only such noun: a spokesperson or
    an adviser of X speaks as a person of their own.
    """
    actor = _actor_at(ctx, token) or government_place(ctx, token)
    if actor is None and token.lemma_.lower() == "office":
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        actor = _actor_at(ctx, owner) if owner is not None else None
    return actor


def names_the_act(noun: str, verb: str) -> bool:
    """Whether a document noun is named after the act of a verb ("ruling" after "rule",
    "statement" after "state", "announcement" after "announce")."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return len(stem) >= 3 and len(verb) >= 4 and noun != verb + "s" and noun.startswith(stem) \
        and noun[len(stem):] in ("ing", "ment", "ement", "ion", "ation", "ition", "e", "")


def actor_of_act(ctx: Context, verb: Token) -> str | None:
    """Return the named actor that performed the act of ``verb`` (its active subject), or None.

    Class: a document named after an act speaks for the one who did it: "The court ruled on
    Monday ... . According to the ruling", "The firm announced ... . The announcement said".
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _actor_at(ctx, subject) if subject is not None and subject.i not in ctx.quoted else None


def government_place(ctx: Context, noun: Token) -> str | None:
    """Return the country whose government a description names ("the Mexican government", "the
    Peru government"), when that country is a place actor of the article, else None.

    Class: a national government speaks for its country in news writing (metonymy: "Peru said",
    "the Peruvian government said" report the same voice). Only "government": an agency or a
    ministry of a country is an actor of its own.
    """
    if noun.lemma_.lower() != "government":
        return None
    for child in noun.lefts:
        if child.dep_ not in ("amod", "compound", "poss"):
            continue
        places = [_actor_at(ctx, child)]  # "the Peru government"
        if child.text in ctx.lex.demonyms:  # "the Peruvian government" (the demonym may be a group actor)
            places.append(ctx.lex.demonym_place.get(ctx.lex.demonyms[child.text]))
        for place in places:
            if place is not None and ctx.actors.get(place, {}).get("type") == "place":
                return place
    return None


def organisation_by_words(ctx: Context, head: Token) -> str | None:
    """Return the one organisation a description names by the words of its name, or None.

    Class: a later mention shortens an organisation's name to a description of its own words,
    its kind as head ("the wildlife fund" for the Ana Ruiz Wildlife Fund, "Ruiz's wildlife fund",
    "the academy" for the Royal Academy of Letters): the head noun is the name's kind (its last
    word, or the word before its "of") and every modifier or possessor word is one of its words.
    A bare "the <kind>" needs the definite article. Two organisations that fit: no guess.
    """
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return None
    words = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")]
    for owner in (c for c in head.children if c.dep_ == "poss"):
        words += [t.lower_ for t in owner.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ")]
    if not words and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    kinds = {head.lower_, head.lemma_.lower()}
    fits = [a for a, info in ctx.actors.items() if info["type"] == "organisation"
            and kind_word(a) in kinds and set(words) <= {w.lower() for w in a.split()}]
    return fits[0] if len(fits) == 1 else None


def organisation_by_kind(ctx: Context, head: Token) -> str | None:
    """Return the organisation that a bare kind noun ("the company", "the club") refers to, or None.

    Class: business and sports news call a company or a club by its kind whatever its name
    ("Norvane Holdings warned ... The company said"), and name it again every paragraph or two.
    The noun refers to the only organisation named in its paragraph or the one before, before
    it, whose name holds no other kind of body (not "the Interior Ministry"); among several, to
    the only one of them the first sentence names (the story's subject); else no guess (a
    company named paragraphs earlier may not be the one meant).
    """
    lex = ctx.lex
    lemma = head.lemma_.lower()
    if lemma not in lex.kind_nouns or head.tag_ != "NN":
        return None
    for child in head.children:
        # "the company", "the Danish company", "the Denver-based software maker", but not a sector
        # ("the tourism business") nor another's ("its parent company")
        described = child.ent_type_ in ("NORP", "GPE") or child.lower_.endswith("based") or (
            child.dep_ == "compound" and lemma != "business")
        if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod", "amod") and not described):
            return None
    first = paragraph_start(head)
    if first > 0:
        first = paragraph_start(ctx.doc[first - 1])
    before: list[str] = []
    for span, actor in ctx.names:
        if span.start >= head.i:
            break
        other_kind = any(w in lex.organisation_nouns and w not in lex.kind_nouns for w in actor.lower().split())
        if (first <= span.start and span.end <= head.i and actor not in before
                and ctx.actors[actor]["type"] == "organisation" and not other_kind):
            before.append(actor)
    if len(before) == 1:
        return before[0]
    lede_end = next(iter(ctx.doc.sents)).end if ctx.doc.has_annotation("SENT_START") else 0
    in_lede = {actor for span, actor in ctx.names if span.end <= lede_end and actor in before}
    return in_lede.pop() if len(in_lede) == 1 else None


def kind_word(name: str) -> str:
    """Return the word of an organisation's name that says its kind: the one before "of", else the last."""
    words = name.lower().split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]

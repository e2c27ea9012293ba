"""Speakers the actors capability leaves unresolved, resolved from the structure of the article.

Class: a document that speaks ("the decree signed by the minister read", "the company released a
statement which said", "a report from the ministry said") speaks for its issuer, when the
sentence names it: its agent, its possessor, a "by" or "from" phrase, or the subject of the verb
that released it.

Class: "he" or "she" as the speaker continues the person actor who spoke just before, in the same
or the previous paragraph, when no other person is named outside quotations in between ('Jane
Roe said ... . "...," she added').

Class: plural "they" as the speaker stands for the nearest plural subject before it, in its own
or the two sentences before ("The agency issued a warning on Monday. They said ..."). The
speaker is that subject's actor only when it is an organisation or a group; a coordination of
names stays unresolved: the extractor never guesses.

Class: plural "they" that stands for a description of people by their role names the speaker
by that description (:func:`speaker_mention`): "The researchers measured it. They said" shows "The
researchers" as the speaker mention, without an actor ("never a guess"). A relative pronoun stays
the mention ("the mayor, who said": "who", resolved from "the mayor"), as PolNeAR annotates it:
its noun phrase, found by the parse, is too often the wrong one to show in its place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..actors import component as actors
from ..actors.lexicon import load_lexicon
from ..columns import doc_text
from .clauses import trimmed_span
from .cues import SUBJECT_DEPS, load_cues, speaker_tokens

if TYPE_CHECKING:
    from .attribution import Quote

_PLURAL_PRONOUNS = frozenset({"they", "them"})
_GROUP_TYPES = frozenset({"organisation", "group"})
_SENTENCES_BACK = 2


def plural_antecedent(doc: Doc, speaker: Span, context: actors.Context | None) -> str | None:
    """Return the organisation or group actor that a plural pronoun speaker stands for, if any.

    Args:
        doc: The Doc, with the actors component's records.
        speaker: The speaker mention ("they").
        context: ``actors.actor_context(doc)``, built once per Doc.

    Returns:
        The canonical actor, or None when the pronoun is not plural, the nearest plural subject
        before it is no organisation or group actor, or there is none.
    """
    if speaker.text.lower() not in _PLURAL_PRONOUNS or context is None:
        return None
    sentence = speaker.sent
    # a subject inside a quotation is the quoted speaker's, not an antecedent of the article's "they"
    candidates = [t for t in doc[_start_back(doc, sentence):speaker.start]
                  if t.dep_ in SUBJECT_DEPS and t.pos_ in ("NOUN", "PROPN") and t.i not in context.quoted]
    for token in reversed(candidates):
        name = actors.actor_for(doc, _span(doc, token), context)
        plural = token.tag_ in ("NNS", "NNPS")
        kind = context.actors.get(name, {}).get("type") if name else None
        if plural or kind in _GROUP_TYPES:
            return name if kind in _GROUP_TYPES else None  # the nearest plural subject decides
    return None


def document_issuer(doc: Doc, speaker: Span, context: actors.Context | None,
                    documents: frozenset[str] | None = None) -> str | None:
    """Return the actor that issued a speaking document, when the sentence names it.

    Args:
        doc: The Doc.
        speaker: The speaker mention ("the decree", "a statement").
        context: ``actors.actor_context(doc)``.
        documents: The document nouns of the cue lexicon (default: its ``document`` group).

    Returns:
        The issuer's canonical actor, or None.
    """
    head = speaker.root
    documents = documents if documents is not None else load_cues()["document"]
    if context is None or head.lemma_.lower() not in documents:
        return None
    issuer = None
    for child in head.children:
        if child.dep_ == "poss":
            issuer = child  # "the ministry's statement"
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            issuer = next((c for c in child.children if c.dep_ == "pobj"), issuer)  # "a report from the ministry"
        elif child.dep_ == "acl":  # "the decree signed by the minister"
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            issuer = next((c for c in agent.children if c.dep_ == "pobj"), issuer) if agent is not None else issuer
    if issuer is None and head.dep_ == "dobj" and head.head.pos_ == "VERB":
        # "the company released a statement which said": the subject of the verb that issued it
        issuer = next((c for c in head.head.children if c.dep_ in ("nsubj", "csubj")), None)
    if issuer is None:
        return None
    span = _span(doc, issuer)
    # a pronoun issuer ("they released a statement") resolves as the pronoun does
    return actors.actor_for(doc, span, context) or plural_antecedent(doc, span, context)


def _start_back(doc: Doc, sentence: Span) -> int:
    """The start of the sentence ``_SENTENCES_BACK`` sentences before ``sentence``."""
    start = sentence.start
    for _ in range(_SENTENCES_BACK):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _span(doc: Doc, token: Token) -> Span:
    tokens = speaker_tokens(token)
    return doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1]


_SINGULAR_PRONOUNS = frozenset({"he", "she"})


def interviewee(context: actors.Context, before: int) -> str | None:
    """Return the person a question-and-answer interview's introduction names, or None.

    Class: an interview whose answers are labelled "A:" or "Answer:" introduces the one who
    answers before the first question ("Irma Lund, 24, won the title last week. We asked her
    ..."): the person named most often before character ``before`` (the first turn), when one is.
    """
    counts = Counter(actor for span, actor in context.names
                     if span.start_char < before and context.actors.get(actor, {}).get("type") == "person")
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def previous_speaker(doc: Doc, speaker: Span, previous: tuple[str, int] | None, context: actors.Context | None,
                     quoted: list[tuple[int, int]]) -> str | None:
    """Return the person who spoke just before, for a "he" or "she" the actors capability left open.

    Args:
        doc: The Doc.
        speaker: The speaker mention.
        previous: ``(actor, offset)`` of the last quote with a person actor as speaker, if any.
        context: ``actors.actor_context(doc)``.
        quoted: Character spans of the quotations (names inside them do not count).

    Returns:
        The previous speaker, or None when the pronoun is not "he"/"she", the previous quote is more
        than one paragraph back, or another person is named in between.
    """
    if speaker.text.lower() not in _SINGULAR_PRONOUNS or previous is None or context is None:
        return None
    actor, offset = previous
    if context.actors.get(actor, {}).get("type") != "person" or offset > speaker.start_char:
        return None
    text = doc_text(doc)
    if len([m for m in re.finditer(r"\n\s*\n", text[offset:speaker.start_char])]) > 1:
        return None
    start = doc.char_span(offset, speaker.start_char, alignment_mode="expand")
    for token in start if start is not None else ():
        name = context.name_at.get(token.i)
        if name is not None and name != actor and context.actors.get(name, {}).get("type") == "person" \
                and not any(a <= token.idx < b for a, b in quoted):
            return None  # another person named in between: no guess
    return actor


# Class: collective nouns for a body of people working together, which news writing continues with
# plural "they" ("The rescue team reached the village. They said ..."); nouns of institutions are
# the lexicon's organisation nouns, resolved to the organisation actor instead.
_COLLECTIVE_NOUNS = frozenset({"team", "crew", "panel", "staff", "jury"})


def speaker_mention(doc: Doc, speaker: tuple[int, int], quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the description a plural pronoun speaker stands for, as the speaker mention, or None.

    Class: plural "they" stands for the nearest plural subject before it in its own or the two
    sentences before (in their main clause), when that subject is a description of people by their
    role or of institutions ("The researchers ... . They said", "Prosecutors charged him, they
    said"): a plural noun that ends a title ("officers", "prosecutors", "scientists") or names an
    organisation by its kind ("authorities", "police"), a collective noun ("the team"), or a
    coordination of names or such nouns ("Ana Ruiz and Tom Lee"; a joint source). A name
    as nearest subject, or a nearer singular organisation noun, is left to the actors capability
    (:func:`plural_antecedent`); any other nearest plural subject ("prices") makes no speaker: no
    guess. Subjects inside quotations are no antecedents.

    Args:
        doc: The Doc.
        speaker: Character span of the speaker mention.
        quoted: Character spans of the quotation-mark pairs (no antecedent inside one).

    Returns:
        The character span of the description, or None to keep the mention as it is.
    """
    span = doc.char_span(*speaker, alignment_mode="expand")
    if span is None or len(span) != 1:
        return None
    if span[0].lower_ != "they":
        return None
    lex = load_lexicon()
    candidates = [t for t in doc[_start_back(doc, span.sent):span.start]
                  if t.dep_ in SUBJECT_DEPS and t.pos_ in ("NOUN", "PROPN")
                  and not any(a < t.idx < b for a, b in quoted)]
    for token in reversed(candidates):
        lemma = token.lemma_.lower()
        if token.sent.start != span.sent.start and not _main_clause(token):
            continue  # a subject reported or embedded in an earlier sentence is not what "they" continues
        conjuncts = _conjuncts(token)
        if len(conjuncts) > 1:
            # "Ana Ruiz and Tom Lee met on Monday. They said": the coordination, a joint source
            speakers = all(c.pos_ == "PROPN" or c.lemma_.lower() in lex.title_heads
                           or c.lemma_.lower() in lex.organisation_nouns for c in conjuncts)
            return trimmed_span(doc, speaker_tokens(token)) if speakers else None
        if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return None  # a name: the actors capability resolves it, or nobody does
        if token.tag_ != "NNS":
            if lemma in lex.organisation_nouns:
                return None  # "The agency issued a warning. They said": an organisation actor's
            if lemma in _COLLECTIVE_NOUNS:
                return trimmed_span(doc, speaker_tokens(token))  # "The survey team ... . They found"
            continue
        if lemma in lex.title_heads or lemma in lex.organisation_nouns:
            if any(c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children) for c in token.children):
                return None  # "the authors, Ana Ruiz and Tom Lee,": a joint source, no one speaker
            return trimmed_span(doc, speaker_tokens(token))
        return None  # the nearest plural subject is no speaker ("prices rose, they said"): no guess
    return None


def _conjuncts(token: Token) -> list[Token]:
    """Return the heads of a coordination joined by "and" that ``token`` opens (itself alone if none)."""
    if not any(c.dep_ == "cc" and c.lower_ == "and" for c in token.subtree):
        return [token]
    out, todo = [], [token]
    while todo:
        head = todo.pop()
        out.append(head)
        todo += [c for c in head.children if c.dep_ == "conj"]
    return sorted(out, key=lambda t: t.i)


def _main_clause(subject: Token) -> bool:
    """Whether a subject belongs to its sentence's main clause (its verb, or the verb it is
    coordinated with or subordinated to, is the root)."""
    verb = subject.head
    while verb.dep_ in ("conj", "advcl") and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


_PERSON_PRONOUN_GENDER = {"he": "m", "she": "f"}


def continued_description(doc: Doc, speaker: tuple[int, int], previous: tuple[int, int] | None,
                          quoted: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Return the description of the previous speaker that a "he" or "she" speaker continues, or None.

    Class: "The head of the inquiry told the court '...'. She also said '...'": a singular
    description of a person by a role (its head noun ends a title) spoke just before, in the same
    or the previous paragraph, and no person (nor any name as a subject) is named in between
    outside quotations; the pronoun's mention becomes that description (the actors capability
    resolves it, or nobody does). A description whose noun tells the other gender ("the
    spokesman" for "she") is not continued.

    Args:
        doc: The Doc.
        speaker: Character span of the speaker mention.
        previous: Character span of the speaker mention of the quote before, if any.
        quoted: Character spans of the quotation-mark pairs.

    Returns:
        The previous speaker mention's span, or None.
    """
    span = doc.char_span(*speaker, alignment_mode="expand")
    if previous is None or span is None or len(span) != 1 or span[0].lower_ not in _PERSON_PRONOUN_GENDER:
        return None
    before = doc.char_span(*previous, alignment_mode="expand")
    if before is None or previous[1] > speaker[0]:
        return None
    lex = load_lexicon()
    head = before.root
    if head.pos_ != "NOUN" or head.tag_ != "NN" or head.lemma_.lower() not in lex.title_heads \
            or any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in before):
        return None  # not a role description (a name is the actors capability's)
    gender = lex.gendered_nouns.get(head.lower_)
    if gender is not None and gender != _PERSON_PRONOUN_GENDER[span[0].lower_]:
        return None
    between = doc_text(doc)[previous[1]:speaker[0]]
    if len(re.findall(r"\n\s*\n", between)) > 1:
        return None  # more than one paragraph back
    for token in doc[before.end:span.start]:
        if (token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.dep_ in SUBJECT_DEPS)) \
                and not any(a < token.idx < b for a, b in quoted):
            return None  # another person or a named subject in between: no guess
    return previous


def named_speakers(doc: Doc, quotes: list[Quote], pairs: list[tuple[int, int]]) -> list[Quote]:
    """Give each pronoun speaker of ``quotes`` (in text order) the description it continues: plural
    "they" the description of people or the coordination it stands for (:func:`speaker_mention`),
    "he"/"she" the role description that spoke just before (:func:`continued_description`).

    Args:
        doc: The Doc.
        quotes: The quotes found, sorted by offset.
        pairs: Character spans of the quotation-mark pairs.

    Returns:
        The quotes, their speaker spans moved to the description where one is found.
    """
    out: list[Quote] = []
    for quote in quotes:
        quote = _described_speaker(doc, quote, pairs)
        mention = (quote.speaker_start, quote.speaker_end)
        previous = next((o for o in reversed(out) if o.speaker_start is not None and o.start < quote.start
                         and (o.speaker_start, o.speaker_end) != mention), None)
        if quote.speaker_start is not None and quote.speaker_end is not None and quote.resolve_start is None:
            # "The head of the inquiry told the court '...'. She also said": the description continued
            before = (previous.speaker_start, previous.speaker_end) if previous is not None else None
            described = continued_description(doc, (quote.speaker_start, quote.speaker_end), before, pairs)
            if described is not None:
                quote = replace(quote, speaker_start=described[0], speaker_end=described[1])
        out.append(quote)
    return out


def _described_speaker(doc: Doc, quote: Quote, pairs: list[tuple[int, int]]) -> Quote:
    """Name the speaker by the description a plural "they" stands for ("The researchers ... . They
    said"): see :func:`speaker_mention`."""
    if quote.speaker_start is None or quote.speaker_end is None or quote.resolve_start is not None:
        return quote
    mention = speaker_mention(doc, (quote.speaker_start, quote.speaker_end), pairs)
    if mention is None:
        return quote
    return replace(quote, speaker_start=mention[0], speaker_end=mention[1])

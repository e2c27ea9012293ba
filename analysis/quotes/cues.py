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
from .clauses import (
    SUBJECT_DEPS,
    CueLexicon,
    antecedent,
    apposed_name,
    as_adjunct,
    cue_lemma,
    going_on_to,
    governing_subject,
    infinitive,
    is_negated,
    is_nominal,
    relative_pronoun,
    subordinate,
    token_index,
    trimmed_span,
)
from .content import content_tokens, cut_participle, is_cue, noun_clause
from .marks import has_quote_mark, quote_pairs

DEFAULT_LEXICON = "quotes_cues.yaml"
_CCOMP, _DOBJ = get_string_id("ccomp"), get_string_id("dobj")
_ACCORDING = get_string_id("according")
_INHERIT = {"conj", "advcl", "xcomp", "pcomp"}
_SPEAKER_DROP = {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "prep"}


@dataclass(frozen=True)
class Cue:
    """A reporting cue found in the parse: who, by which words, says which content.

    Attributes:
        lemma: The cue's lemma ("say", "according to").
        start, end: Character offsets of the cue words.
        speaker_start, speaker_end: Character offsets of the speaker mention; ``None`` for a cue
            whose source the text leaves unnamed (attributions ``all``: "the plan seems doomed").
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
    speaker_start: int | None
    speaker_end: int | None
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
    evidential: list[str] = []
    attitude: list[str] = []
    regard: list[str] = []
    broad_object: list[str] = []
    hearsay: list[str] = []
    medium: list[str] = []
    nominal: list[str] = []


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



def speaker_tokens(subject: Token) -> list[Token]:
    """Return the tokens of a speaker mention: the subject's phrase without clauses and appositions."""
    drop = set()
    for child in subject.children:
        if child.dep_ == "appos" and child.i == subject.i + 1:
            continue  # a name in two parts: "Ana dela Cruz"
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
    token = going_on_to(verb) or verb  # "X went on to say": X
    if verb.dep_ in ("advcl", "conj") and verb.head.dep_ == "ccomp" and not infinitive(verb) \
            and verb.head.head.i < verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # "said the plan was sound, adding ...": the reporter adds, not the clause's subject (not when the
        # parser made the frame the complement of a quotation after it: 'seemed amused, telling them, "..."')
        token = verb.head.head
    while seen < 4:
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj") and relative_pronoun(child):
                # class: a relative pronoun names the speaker ("the mayor, who told ..."); the speaker is
                # resolved from the noun it stands for (see verb_cue)
                return child if antecedent(token, child) is not None else None
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
                return governing_subject(token.head) or token.head
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
            while ((token.dep_ == "advcl" and subordinate(token)) or (
                    token.dep_ == "conj" and token.head.dep_ == "advcl" and subordinate(token.head))) \
                    and token.head is not token and seen < 4:
                # class: a participle hung on a subordinate clause speaks for the main clause's subject:
                # "experts called it dubious, as margins are thin, while noting ..."
                token = token.head
                seen += 1
            continue
        break
    # no subject in the parse: a name right before the verb ("..., Ana Ruiz, said")
    k = verb.i - 1
    if k >= 0 and verb.doc[k].text == ",":
        k -= 1
    if k >= 0 and verb.doc[k].pos_ == "PROPN" and verb.doc[k].dep_ in ("appos", "conj", "npadvmod", "nsubj"):
        return verb.doc[k]
    return None


# "on the site", "in a statement"; not "with officials saying"
_MEDIUM_PREPS = frozenset({"on", "in", "via", "through"})


@lru_cache(maxsize=8)
def _reading(lexicon: str, broad: bool) -> tuple[CueLexicon, dict[str, str]]:
    """Return the cue lexicon as :func:`reported_speech` reads it and the group of each lemma's first
    word; built once per lexicon, not per Doc (for speed: it walks every lemma of the lexicon)."""
    lex = load_cues(lexicon)
    if broad:
        lex = {**lex, "object": lex["object"] | lex["broad_object"]}
    groups = {lemma.split()[0]: group for group in ("object", "naming", "belief", "evidence", "intention", "commissive",
                                                    "directive", "speech") for lemma in lex[group]}
    return lex, groups


def reported_speech(doc: Doc, *, lexicon: str = DEFAULT_LEXICON, attributions: str = "statements") -> list[Cue]:
    """Find the reporting cues of a parsed Doc with their speaker and content.

    Args:
        doc: A Doc with a dependency parse and lemmas.
        lexicon: The cue lexicon (see :func:`load_cues`).
        attributions: ``statements`` or ``all``; ``all`` also finds the cues of PolNeAR's broad
            reading (see :mod:`analysis.quotes.broad`).

    Returns:
        One :class:`Cue` per reporting verb or "according to" that has a speaker, sorted by
        offset; with ``all``, also the nominal and sourceless cues of :mod:`analysis.quotes.broad`.
        ``content_start == content_end`` when the cue has no clausal content (its
        quotation may be found next to it).
    """
    # broad builds Cues: imported here, not at the top
    from .broad import (
        attitude_cues,
        medium_cues,
        nominal_cues,
        object_of_cue,
        placing_cues,
        sourceless_cues,
        with_reason,
        without_aside,
    )

    broad = attributions == "all"
    lex, groups = _reading(lexicon, broad)
    pairs = quote_pairs(doc_text(doc)) if broad else []
    cues = []
    cols = columns(doc)
    # the verbs with a clause or an object: only these can be cues outside the lexicon (for speed:
    # the other verbs skip the walks over their children below)
    deps = cols.attr("DEP")
    with_clause = set(cols.heads()[(deps == _CCOMP) | (deps == _DOBJ)].tolist())
    # only verbs (and "according") can be cues: skip making a Token for every other word
    for i in np.flatnonzero(cols.is_verb | (cols.lower == _ACCORDING)).tolist():
        token = doc[i]
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            cue = _according(doc, token)
            if cue:
                cues.append(cue)
            continue
        lemma = cue_lemma(token)
        group = groups.get(lemma)
        regard = broad and group is None and lemma in lex["regard"] and _as_predicate(token)
        if regard:
            group = "naming"  # class: "sees the deal as a trap", "considers him honest": a view, named (all)
        if group is None and lemma == "put" and as_adjunct(token):
            group = "speech"  # class: "as the senator put it, ..."
        if group is None and i in with_clause and token.pos_ == "VERB" and any(
                c.dep_ == "ccomp" and c.i > token.i and c.left_edge.lower_ == "that" for c in token.children):
            group = "belief"  # any verb with a that-clause attributes it: "voters feared that ..."
        if broad and group == "belief" and lemma in lex["evidential"]:
            continue  # "it seems that ...": no source, see broad.sourceless_cues
        if group is None and i in with_clause and token.pos_ == "VERB" and noun_clause(token) is not None:
            group = "claim"  # a that-clause of the verb's object: "made the case that ...", "gave assurances that ..."
        if group is None or token.pos_ not in ("VERB", "AUX"):
            continue
        if is_negated(token) and not broad:
            continue  # class: a denied act ("did not say") reports nothing; PolNeAR ("all") annotates it
        if token.dep_ == "advcl" and infinitive(token) and going_on_to(token) is None:
            continue  # class: a purpose clause is no speech act: "arrived to discuss ..."
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in token.children):
            continue  # class: a hypothetical or a question is no report: "if written by", "whether X said"
        agent = any(c.dep_ == "agent" for c in token.children)
        if token.tag_ == "VBN" and ((any(c.dep_ == "auxpass" for c in token.children) and not agent)
                                    or (token.dep_ in ("advcl", "acl")
                                        and not any(c.dep_ in SUBJECT_DEPS for c in token.children) and not agent)):
            continue  # agentless passive: "it was reported that ...", "Asked whether ..., he said" (not "... by X")
        cue = verb_cue(doc, token, group, lex)
        if cue is None and broad:
            cue = unnamed_cue(doc, token, group, lex, pairs)
        if cue is not None and cue.lemma in _FRAME_ONLY and cue.content_start < cue.content_end \
                and not has_quote_mark(doc_text(doc)[cue.content_start:cue.content_end]):
            # class: "continue" frames a quotation ('"...," she continued'); its unquoted complement is
            # what goes on ("continued to rise", "continues showing"), not a report
            if cue.speaker_start is None:
                continue
            cue = replace(cue, content_start=0, content_end=0)
        if regard and cue is not None and (cue.nominal or cue.content_start == cue.content_end):
            continue  # "saw the film", "considered the bill": no view without its predicate
        if cue is not None and broad and cue.content_start == cue.content_end and group != "frame" \
                and cue.lemma not in _FRAME_ONLY:
            content = object_of_cue(token, lex)
            if content is not None:
                cue = replace(cue, content_start=content[0], content_end=content[1], nominal=True)
        if cue is not None and broad and cue.nominal:
            start, end = with_reason(token, (cue.content_start, cue.content_end), lex)
            cue = replace(cue, content_start=start, content_end=end)
        if cue is not None:
            cues.extend(split_conjuncts(doc, cue, groups))
            more = _coordinated_content(doc, token, cue, lex)
            if more is not None:
                cues.append(more)
    if broad:
        extra = [*sourceless_cues(doc, lex), *nominal_cues(doc, lex), *attitude_cues(doc, lex), *medium_cues(doc, lex),
                 *placing_cues(doc, lex)]
        cues = sorted([without_aside(doc, c) for c in cues + extra], key=lambda c: c.start)
    return cues


def _as_predicate(verb: Token) -> bool:
    """Whether a verb has an object and an "as" or object predicate: "sees [the deal] [as a trap]"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd"
                                   for k in (verb, obj) for c in k.children if c.i > obj.i)


# speech verbs that report only the quotation they frame
_FRAME_ONLY = frozenset({"continue"})
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
        if conj.dep_ != "conj" or conj.i < verb.i or conj.pos_ not in ("VERB", "AUX") or is_cue(conj, lex) \
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
    heads = columns(doc).heads()[span.start:span.end]  # for speed: no Token per word of the content
    own = np.arange(span.start, span.end)
    at = np.flatnonzero((heads < span.start) | (heads >= span.end) | (heads == own))
    roots = [doc[span.start + int(k)] for k in at[:2]]
    if len(roots) != 1 or roots[0].pos_ not in ("VERB", "AUX"):
        return [cue]
    cuts = []
    for conj in roots[0].children:
        if conj.dep_ != "conj" or conj.i <= roots[0].i or conj.i >= span.end:
            continue
        cc = next((c for c in roots[0].children if c.dep_ == "cc" and roots[0].i < c.i < conj.left_edge.i), None)
        own_subject = any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in conj.children)
        if cc is not None and own_subject and cc.lower_ in ("and", "but"):
            # a second that-clause is the same cue's report even when its verb is a cue ("said X
            # but that she would insist on Y"): only a bare clause with a cue verb is one of its own
            that = any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children)
            cuts.append((cc.i, conj.left_edge.i, cue_lemma(conj) in (cue_lemmas or {}) and not that))
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
    if subject is None or (subject.lower_ in ("that", "which", "this", "there", "what")
                           and not relative_pronoun(subject)):
        return None
    resolve = None
    if relative_pronoun(subject):
        noun = antecedent(subject.head, subject)
        resolve = trimmed_span(doc, speaker_tokens(noun)) if noun is not None else None
    # evidence attributes a clause as beliefs do, intentions a to-infinitive as commitments do
    how = {"evidence": "belief", "intention": "commissive"}.get(group, group)
    if verb.dep_ == "advcl" and as_adjunct(verb):
        group = "according"  # "as reported by the paper", "as she put it": adjuncts like "according to X"
    tokens = content_tokens(verb, how, lex) if group != "frame" else []
    content = trimmed_span(doc, tokens) if group != "frame" else None
    nominal = is_nominal(tokens)
    lemma = cue_lemma(verb)
    if lemma in lex["object"] and lemma not in lex["naming"] \
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        nominal = True  # a stance with an "as" predicate ("attacked the plan as reckless") states only in quoted words
    tokens = speaker_tokens(subject)
    for other in verb.children:  # a subject split by the parser: "study co - author Ana Ruiz"
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
            (t for t in doc[token_index(doc, line):verb.i] if t.idx > line and t.pos_ in ("PROPN", "NOUN")
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
    cue = Cue(cue_lemma(verb), verb.idx, verb.idx + len(verb), speaker[0], speaker[1], start, end, group, nominal)
    return replace(cue, resolve_start=resolve[0], resolve_end=resolve[1]) if resolve else cue


def unnamed_cue(doc: Doc, verb: Token, group: str, lex: CueLexicon, pairs: list[tuple[int, int]]) -> Cue | None:
    """Return the cue of a reporting verb whose speaker the parse does not give, with no speaker.

    Class (attributions ``all``): the report stands with its content though its source is lost to
    the parse ("..., note that the deal was signed" after a clause of another verb); a quotation
    is left out, for its frame to name its speaker.
    """
    if _speaker_of(verb, lex) is not None:
        return None
    how = {"evidence": "belief", "intention": "commissive"}.get(group, group)
    tokens = content_tokens(verb, how, lex)
    content = trimmed_span(doc, tokens)
    if content is None or has_quote_mark(doc_text(doc)[content[0]:content[1]]) \
            or any(p[0] < content[1] and content[0] < p[1] for p in pairs):
        return None
    return Cue(cue_lemma(verb), verb.idx, verb.idx + len(verb), None, None, content[0], content[1], group,
               is_nominal(tokens))


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
    name = apposed_name(doc, pobj)
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
    content = trimmed_span(doc, cut_participle([t for t in root.subtree if t.i not in own and side(t)]))
    if speaker is None or content is None:
        return None
    return Cue("according to", token.idx, to.idx + len(to), speaker[0], speaker[1], content[0], content[1], "according")



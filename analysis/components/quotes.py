"""The quotes capability: direct, indirect and mixed quotations attributed to their speakers.

Two layers. Pure functions over a parsed Doc find quotation-mark pairs (:func:`quote_pairs`),
reporting cues with their speaker and content (:func:`reported_speech`) and combine them into
:class:`Quote` records (:func:`find_quotes`). The ``presslens_quotes`` component stores them in
``doc.spans["presslens_quotes"]``, resolves each speaker span to a canonical actor through the
actors capability, and :func:`records` turns them into rows of the ``quotes`` table.

Method (rule-based, over the dependency parse): a cue is a reporting verb of the lexicon
``quotes_cues.yaml`` with a clausal complement (or any verb with one), a postposed or
parenthetical reporting clause ("..., he said"), a directive or commissive verb with a
to-infinitive ("urged Congress to act", "vowed to appeal", "plans to close"), a naming verb with a
small clause ("called it a disaster", "accused him of lying"), an indirect question ("asked whether
..."), a stance verb with a noun-phrase object ("denounced the ruling", "talked about the economy"),
a verb whose object has a that-clause ("made the case that ..."), "according to X", a speech cue
ending its paragraph with a colon (the next paragraph is the speech), or a speaker label that opens
a paragraph (transcripts and headlines: "PENCE: Well, ...").
Negated cues and passive cues without an agent are left out ("criticized by X" and "as reported
by X" are kept). Its speaker is the verb's subject (inherited through ``conj``/``advcl``/``xcomp``;
the head noun of a relative clause) or agent, its content the complement, clipped to the cue's
paragraph. Quotation marks are paired per paragraph (straight, curly, guillemets, NYT-style
``''``, single curly); a quotation is attributed to the cue whose content it covers, to a
cue in the frame around it ("...," she said / She said: "..."), or, when it has none, to the
speaker of the quotation just before it in the same or the previous paragraph (floating quotes).
A quotation interrupted by its cue ('"A," she said, "b."') is one quote spanning both parts.
Unattributed or short quotations (scare quotes, titles) are left out; so is any content without
a speaker: the extractor never guesses. Cues inside a quotation belong to the quoted speech.

Tuned on PolNeAR train and dev and the wikinews-2019 gold conventions; see
:mod:`analysis.evaluate` for the measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal

import numpy as np
import yaml
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..corpus import paragraph_spans
from ..paths import LEXICONS_DIR
from . import actors
from .columns import columns, doc_text

Kind = Literal["direct", "indirect", "mixed"]
SPAN_KEY = "presslens_quotes"
ERRORS_KEY = "presslens_errors"
DEFAULT_LEXICON = "quotes_cues.yaml"
SPAN_ATTRS = ("kind", "speaker", "speaker_text", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end")

# Mark families: (opening marks, closing marks, marks that open or close by context).
_FAMILIES: tuple[tuple[str, str, str], ...] = (
    ("“„", "”", ""),
    ("", "", '"'),
    ("«", "»", ""),
    ("‘", "’", ""),
)
_NYT_MARKS = re.compile("``|''")
_FAMILY_MARKS = tuple(re.compile("[" + re.escape("".join(marks)) + "]") for marks in _FAMILIES)
_OPEN_BEFORE = set(" \t\n\r\u00a0([{—–-/:;,")
_CLOSE_AFTER = set(" \t\n\r\u00a0)]}—–-/:;,.?!")
_QUOTE_CHARS = set("\"“”„«»‘’'`")
_TRIM_PUNCT = set(",;:—–-") | _QUOTE_CHARS
_SENTENCE_END = {".", "!", "?"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_ACCORDING = get_string_id("according")
_INHERIT = {"conj", "advcl", "xcomp", "pcomp"}
_ADVERBIAL = {"advmod", "prep", "advcl", "npadvmod", "intj", "cc", "punct", "mark"}
_SPEAKER_DROP = {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "prep"}
# '"..." ― Jane Doe' at the end of a line: a dash and a name of up to four words attribute a quotation.
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*([―—]|--)[ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})[ \t\u00a0.]*(?:\n|\Z)")
_MIN_WORDS = 3  # shorter quotations stand alone only with a clausal cue (else: scare quotes, titles)


@dataclass(frozen=True)
class Cue:
    """A reporting cue found in the parse: who, by which words, says which content.

    Attributes:
        lemma: The cue's lemma ("say", "according to").
        start, end: Character offsets of the cue words.
        speaker_start, speaker_end: Character offsets of the speaker mention.
        content_start, content_end: Character offsets of the reported content (may be empty).
    """

    lemma: str
    start: int
    end: int
    speaker_start: int
    speaker_end: int
    content_start: int
    content_end: int


@dataclass(frozen=True)
class Quote:
    """One quotation: its content span, kind, speaker span and cue (character offsets).

    Speaker and cue offsets are ``None`` when the text names none.
    """

    kind: Kind
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None


@lru_cache(maxsize=8)
def load_cues(name: str = DEFAULT_LEXICON) -> dict[str, frozenset[str]]:
    """Load a cue lexicon from ``analysis/lexicons`` (or a path), cached.

    Args:
        name: A file name in ``analysis/lexicons`` or a path to a YAML file with the lists
            ``speech``, ``belief``, ``directive``, ``commissive``, ``naming``,
            ``according`` and ``object``.

    Returns:
        ``{group: frozenset of lemmas}``.
    """
    path = Path(name) if Path(name).is_file() else LEXICONS_DIR / name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {group: frozenset(str(w).lower() for w in data.get(group) or ()) for group in
            ("speech", "belief", "directive", "commissive", "naming", "according", "object")}


def quote_pairs(text: str) -> list[tuple[int, int]]:
    """Pair the quotation marks of ``text``; return the ``(open, close)`` offsets of each pair.

    Marks are paired per paragraph and per family (curly double, straight double, guillemets,
    curly single, NYT-style ``''``); straight marks open or close by their context. A mark that
    finds no partner is dropped, except that a quotation left open at the end of a paragraph
    runs to the paragraph's end when the next paragraph opens with the same family of mark (the
    convention for quotations over several paragraphs). Pairs nested in another pair are left
    out. ``close`` is the offset of the closing mark (or the paragraph end), so the content is
    ``text[open + width:close]``.

    Args:
        text: Any text; never raises.

    Returns:
        Pairs sorted by offset, not overlapping.
    """
    paragraphs = paragraph_spans(text)
    pairs: list[tuple[int, int]] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        next_start = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        found = [pair for family in range(len(_FAMILIES) + 1)
                 for pair in _pair_family(text, p_start, p_end, next_start, family)]
        pairs.extend(found + _mixed_pairs(text, p_start, p_end, found))
    pairs.sort(key=lambda p: (p[0], -p[1]))
    out: list[tuple[int, int]] = []
    for pair in pairs:
        if out and pair[0] < out[-1][1]:
            continue
        out.append(pair)
    return out


def _mixed_pairs(text: str, start: int, end: int, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pair the double marks left over in a paragraph across the straight and curly styles
    ('"We will win,” she said'): an opening mark followed by a closing one with none between."""
    used = {offset for pair in found for offset in pair}
    if sum(text.count(ch, start, end) for ch in '"“”') - sum(text[i] in '"“”' for i in used if i < end) < 2:
        return []  # no two marks left over to pair
    marks = [(i, role) for i, role in list(_marks(text, start, end, 0)) + list(_marks(text, start, end, 1))
             if i not in used and not any(a < i < b for a, b in found)]
    marks.sort()
    return [(a, b) for (a, ra), (b, rb) in zip(marks, marks[1:]) if ra == "open" and rb == "close"
            and text[a] != text[b]]


def _marks(text: str, start: int, end: int, family: int) -> Iterable[tuple[int, str]]:
    """Yield ``(offset, "open" | "close")`` for the marks of one family in ``text[start:end]``."""
    # re.finditer scans in C; a Python loop over every character was the quote step's hottest line
    if family == len(_FAMILIES):  # NYT-style '' (and `` for opening)
        for match in _NYT_MARKS.finditer(text, start, end):
            i = match.start()
            if match.group() == "``":
                yield i, "open"
            else:
                role = _context_role(text, i, i + 2)
                if role:
                    yield i, role
        return
    opens, closes, ambiguous = _FAMILIES[family]
    for match in _FAMILY_MARKS[family].finditer(text, start, end):
        i, ch = match.start(), match.group()
        if family == 0 and ch in "“”" and _context_role(text, i, i + 1) in ("open", "close"):
            yield i, _context_role(text, i, i + 1)  # a typo'd curly mark: '“It's unusual,“ she said'
        elif ch in opens:
            yield i, "open"
        elif ch in closes:
            if ch == "’" and i + 1 < len(text) and text[i + 1].isalpha():
                continue  # an apostrophe: Pakistan’s, don’t
            yield i, "close"
        elif ch in ambiguous:
            role = _context_role(text, i, i + 1)
            if role:
                yield i, role


def _context_role(text: str, i: int, j: int) -> str | None:
    """Decide whether the ambiguous mark ``text[i:j]`` opens or closes a quotation."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if before in _OPEN_BEFORE and not after.isspace():
        return "open"
    if not before.isspace() and (after in _CLOSE_AFTER or after in _QUOTE_CHARS):
        return "close"
    if before.isspace() and after.isspace():
        return "either"
    return None


def _pair_family(text: str, p_start: int, p_end: int, next_start: int | None,
                 family: int) -> list[tuple[int, int]]:
    pairs = []
    opened: int | None = None
    for offset, role in _marks(text, p_start, p_end, family):
        if role == "either" and opened is None:
            continue
        if role == "open":
            opened = offset  # a second opening mark: the first had no partner
        elif opened is not None:
            pairs.append((opened, offset))
            opened = None
    if opened is not None and next_start is not None:
        first = next(iter(_marks(text, next_start, min(next_start + 2, len(text)), family)), None)
        if first and first[0] == next_start and first[1] == "open":
            pairs.append((opened, p_end))
    return pairs


def _mark_width(text: str, offset: int) -> int:
    return 2 if text[offset:offset + 2] in ("''", "``") else 1


def _inner(text: str, pair: tuple[int, int]) -> tuple[int, int]:
    """Return the content offsets inside a mark pair, trimmed of spaces and a final comma."""
    start, end = pair[0] + _mark_width(text, pair[0]), pair[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _trimmed(doc: Doc, tokens: list[Token]) -> tuple[int, int] | None:
    """Return the character span of ``tokens`` (contiguous from first to last) without edge punctuation."""
    if not tokens:
        return None
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in _QUOTE_CHARS:
        lo += 1
    while hi >= lo and (doc[hi].is_space or doc[hi].text in _TRIM_PUNCT or (
            doc[hi].is_punct and doc[hi].text not in _QUOTE_CHARS
            and not (doc[hi].text == ")" and "(" in doc[lo:hi].text))):
        hi -= 1
    if lo > hi:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _speaker_tokens(subject: Token) -> list[Token]:
    """Return the tokens of a speaker mention: the subject's phrase without clauses and appositions."""
    drop = set()
    for child in subject.children:
        if child.dep_ == "appos" and child.i == subject.i + 1:
            continue  # a name in two parts: "Arnel dela Vega"
        if child.dep_ in _SPEAKER_DROP and not (child.dep_ == "prep" and child.i < subject.i):
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with", "in"):
                continue  # "editor of the paper", "spokesman for the campaign"
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


def _speaker_of(verb: Token) -> Token | None:
    """Return the head token of the speaker of a reporting verb, following coordination and clauses."""
    seen = 0
    token = verb
    if verb.dep_ in ("advcl", "conj") and verb.head.dep_ == "ccomp" \
            and not any(c.dep_ in _SUBJECTS for c in verb.children):
        token = verb.head.head  # "said the plan was sound, adding ...": the reporter adds, not the clause's subject
    while seen < 4:
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj") and not (token.dep_ == "relcl" and child.lower_ in ("that", "which")):
                return child
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        # "the paper, which said ...", "voters saying they want ...": the noun the clause modifies
        if (token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG")) \
                and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.i != token.head.i:
            token = token.head.head  # "defended it by saying ...": the subject of the verb the phrase modifies
            seen += 1
            continue
        if token.dep_ in _INHERIT and token.head is not token:
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


def _lemma(token: Token) -> str:
    """Return the token's lemma, lower-cased; "hoping", which the lemmatizer reads as "hop", is "hope"."""
    lemma = token.lemma_.lower()
    return "hope" if lemma == "hop" and not token.lower_.startswith("hopp") else lemma


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _content_tokens(verb: Token, group: str) -> list[Token]:
    """Return the tokens of the content a reporting verb introduces ([] when it has none)."""
    if group == "naming" or verb.lemma_.lower() in load_cues()["naming"]:
        # "called the deal a disaster", "described it as a crazy system", "accused him of lying"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        preps = ("as",) if verb.lemma_.lower() == "call" else ("as", "of", "for")  # not "called for"
        preds = [c for c in verb.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in preps)]
        if obj is not None:
            preds += [c for c in obj.children if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("appos", "oprd")]
        if obj is not None and preds and obj.i < min(p.i for p in preds):
            tokens = [t for t in verb.subtree if obj.left_edge.i <= t.i <= max(p.right_edge.i for p in preds)]
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
        return _without_trailing_clause(_noun_clause(verb))
    if group == "commissive":
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if comp is not None:
            return _without_trailing_clause(comp)
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
            return _without_trailing_clause(comp)  # an indirect question: "asked whether the talks would resume"
        return _object(verb)  # a demand with a prepositional object: "called for a moratorium" (entry "call for")
    doc = verb.doc
    # complement clauses in the cue's paragraph (the parser can attach the next paragraph's clause)
    # and a clause before the cue only when set off from it: "The plan failed, he said", not "They said he agreed"
    comps = [c for c in verb.children if c.dep_ == "ccomp" and not columns(doc).crosses_line(c.i, verb.i)
             and (c.i > verb.i or (any(t.is_punct and t.text != ":" for t in doc[c.right_edge.i + 1:verb.i])
                                   and c.left_edge.dep_ != "mark"))]
    if comps:
        following = [c for c in comps if c.i > verb.i]
        comp = following[0] if following else comps[-1]
        preceding = [c for c in comps if c.i < verb.i]
        if following and preceding and all(t.is_punct or t.dep_ in _SUBJECTS or t.head.i != verb.i or t.i == verb.i
                                           for t in doc[preceding[-1].right_edge.i + 1:verb.i]):
            comp = preceding[-1]  # '"...," he said, "do you ...": the framed clause, not a misparse after it
        tokens = _without_trailing_clause(comp)
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
        return _object(verb)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and obj is not None and c.i > obj.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is not None:  # an order told to someone: "told his aides to leave", "warned voters to stay home"
        return list(obj.subtree) + _without_trailing_clause(comp)
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and head is not verb and head.i < verb.i \
            and head.pos_ in ("VERB", "AUX") and _speaker_of_direct(verb):
        own = {t.i for t in verb.subtree}
        return [t for t in head.subtree if t.i not in own and t.i < verb.left_edge.i]
    if verb.dep_ == "advcl" and head is not verb and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and any(c.dep_ == "agent" for c in verb.children):
        # "As reported by the paper, the talks failed": the clause the phrase modifies, as with "according to"
        own = {t.i for t in verb.subtree}
        side = (lambda t: t.i < verb.left_edge.i) if verb.i > head.i else (lambda t: t.i > verb.right_edge.i)
        return [t for t in head.subtree if t.i not in own and side(t)]
    if verb.dep_ == "parataxis" and head is not verb and head.i > verb.i and _speaker_of_direct(verb):
        # "Other than that, he added, Islamabad ..." / "The talks, he added, would resume"
        own = {t.i for t in verb.subtree}
        lead = {t.i for c in head.children if c.i < verb.i and c.dep_ in _ADVERBIAL for t in c.subtree}
        return [t for t in head.subtree if t.i not in own and t.i not in lead]
    return _object(verb)


def _noun_clause(verb: Token) -> Token | None:
    """Return the that-clause of a verb's object ("made [the case] that taxes must rise"), if any."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.i > verb.i:
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp") and clause.i > obj.i and any(
                        m.dep_ == "mark" and m.lower_ == "that" and m.i == clause.left_edge.i for m in clause.children):
                    return clause
    return None


def _object(verb: Token) -> list[Token]:
    """Return the noun-phrase object of a cue of the lexicon's ``object`` group: "denounced the
    ruling", or with its preposition, "talked about the economy" (entry "talk about")."""
    lemma, objects = verb.lemma_.lower(), load_cues()["object"]
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


def _without_trailing_clause(head: Token) -> list[Token]:
    """Return the subtree of ``head`` without a trailing reporting clause of its own (", arguing
    that ...", "but added ...", "though she noted ...") or a clause after a semicolon."""
    tokens = list(head.subtree)
    lex = load_cues()
    for child in head.children:
        if child.i > head.i and child.text == ";":
            return [t for t in tokens if t.i < child.i]
        if child.i > head.i and child.dep_ in ("advcl", "conj") and child.pos_ == "VERB" and (
                child.lemma_.lower() in lex["speech"] or any(c.dep_ == "ccomp" for c in child.children)) and (
                child.tag_ == "VBG" or child.dep_ == "advcl" or not any(c.dep_ in _SUBJECTS for c in child.children)):
            cut = child.left_edge.i
            while cut > head.i and (head.doc[cut - 1].is_punct or head.doc[cut - 1].dep_ == "cc"):
                cut -= 1
            return [t for t in tokens if t.i < cut]
    return tokens


def _cut_participle(tokens: list[Token]) -> list[Token]:
    """Cut ", linking to ..." (a comma and a participle clause) off the end of content tokens."""
    tokens = sorted(tokens, key=lambda t: t.i)
    for n, token in enumerate(tokens[:-1]):
        rest = [t for t in tokens[n + 1:n + 3] if t.text not in _QUOTE_CHARS]
        if token.text == "," and rest and rest[0].tag_ == "VBG" and rest[0].dep_ in ("acl", "advcl", "conj"):
            keep = tokens[:n]
            if keep and tokens[n + 1].text in _QUOTE_CHARS:  # '"ultimate hypocrite,"': keep the mark
                keep.append(tokens[n + 1])
            return keep
    return tokens


def _speaker_of_direct(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


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
    groups = {lemma.split()[0]: group for group in ("object", "naming", "belief", "commissive", "directive", "speech")
              for lemma in lex[group]}
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
        if group is None and token.pos_ == "VERB" and any(
                c.dep_ == "ccomp" and c.i > token.i and c.left_edge.lower_ == "that" for c in token.children):
            group = "belief"  # any verb with a that-clause attributes it: "voters feared that ..."
        if group is None and token.pos_ == "VERB" and _noun_clause(token) is not None:
            group = "claim"  # a that-clause of the verb's object: "made the case that ...", "gave assurances that ..."
        if group is None or token.pos_ not in ("VERB", "AUX") or _is_negated(token):
            continue
        if token.tag_ == "VBN" and ((any(c.dep_ == "auxpass" for c in token.children)
                                     and not any(c.dep_ == "agent" for c in token.children)) or (token.dep_ in ("advcl", "acl")
                                    and not any(c.dep_ in _SUBJECTS or c.dep_ == "agent" for c in token.children))):
            continue  # agentless passive: "it was reported that ...", "Asked whether ..., he said" (not "... by X")
        cue = verb_cue(doc, token, group)
        if cue is not None:
            cues.append(cue)
    return cues


def verb_cue(doc: Doc, verb: Token, group: str = "speech") -> Cue | None:
    """Build the cue of a reporting verb: its speaker (None without one) and its content.

    Args:
        doc: The parsed Doc.
        verb: The cue verb.
        group: The verb's lexicon group (``speech``, ``belief``, ``directive``) or ``frame``
            for a verb that only frames a quotation ("...," she yelled).
    """
    subject = _speaker_of(verb)
    if subject is None or subject.lower_ in ("that", "which", "this", "there", "what"):
        return None
    content = _trimmed(doc, _content_tokens(verb, group)) if group != "frame" else None
    tokens = _speaker_tokens(subject)
    for other in verb.children:  # a subject split by the parser: "study co - author Carl Lipo"
        if other.dep_ == "nsubj" and other.i != subject.i and abs(other.i - subject.i) <= 6 \
                and other.tag_ not in ("WDT", "WP"):  # not "which" in "the ministry, which said"
            tokens += _speaker_tokens(other)
    speaker = _trimmed(doc, tokens) or (subject.idx, subject.idx + len(subject))
    start, end = content or (0, 0)
    return Cue(_lemma(verb), verb.idx, verb.idx + len(verb), speaker[0], speaker[1], start, end)


def _according(doc: Doc, token: Token) -> Cue | None:
    """Build the cue of "according to X": X is the speaker, the clause it modifies the content."""
    to = doc[token.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker = _trimmed(doc, _speaker_tokens(pobj))
    head = token.head
    own = {t.i for t in token.subtree} | {t.i for t in to.subtree}
    if head is token:
        return None
    root = head  # the clause the phrase modifies: the nearest one with a subject
    while root.dep_ not in ("ROOT", "ccomp") and root.head is not root \
            and not (root.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS for c in root.children)):
        root = root.head
    # the clause on the phrase's side of the cue only: "X fled, according to police, who ..."
    side = (lambda t: t.i < token.i) if token.i > root.i else (lambda t: t.i > max(own))
    content = _trimmed(doc, _cut_participle([t for t in root.subtree if t.i not in own and side(t)]))
    if speaker is None or content is None:
        return None
    return Cue("according to", token.idx, to.idx + len(to), speaker[0], speaker[1], content[0], content[1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_quotes(doc: Doc, *, lexicon: str = DEFAULT_LEXICON, text: str | None = None) -> list[Quote]:
    """Find the direct, indirect and mixed quotations of a parsed Doc with speaker and cue.

    Args:
        doc: A Doc with a dependency parse, sentence boundaries and lemmas.
        lexicon: The cue lexicon (see :func:`load_cues`).
        text: ``doc.text``, when the caller has it (``Doc.text`` joins the tokens on every call).

    Returns:
        Quotes sorted by offset. Direct quotes span the content inside the marks; indirect and
        mixed quotes span the reported clause.
    """
    text = doc_text(doc) if text is None else text
    pairs = quote_pairs(text)
    inners = [_inner(text, p) for p in pairs]
    paragraphs = paragraph_spans(text)
    # a cue inside a quotation belongs to the quoted speech, not to the article's attributions
    cues = [_clipped(c, paragraphs) for c in reported_speech(doc, lexicon=lexicon)
            if not any(p[0] < c.start < p[1] for p in pairs)]
    cues = [c for c in (_outside_speaker(doc, c, pairs) for c in cues) if c is not None]
    quotes: list[Quote] = []
    claimed: set[int] = set()  # indices of pairs attributed so far
    for cue in cues:
        content = (cue.content_start, cue.content_end)
        if content[0] == content[1]:
            continue
        inside = [k for k, inner in enumerate(inners) if _overlap(inner, content) > 0]
        outside = _unquoted_words(text, content, [pairs[k] for k in inside])
        if inside and outside == 0:
            # the clause is a quotation: direct, over the whole quotation (all its sentences)
            for k in inside:
                if k not in claimed:
                    claimed.add(k)
                    quotes.append(_make(cue, "direct", inners[k]))
            continue
        if any(k in claimed for k in inside):
            continue
        for k in inside:  # a quotation opened in the content runs to its closing mark
            if content[0] <= pairs[k][0] and content[1] <= pairs[k][1]:
                content = (content[0], min(pairs[k][1] + _mark_width(text, pairs[k][1]), len(text)))
        claimed.update(k for k in inside if _covered(pairs[k], content))
        kind: Kind = "mixed" if any(_covered(pairs[k], content) for k in inside) else "indirect"
        quotes.append(_make(cue, kind, content))

    quotes.extend(_block_quotes(text, cues, paragraphs))
    by_start = sorted(cues, key=lambda c: c.start)
    for k, pair in enumerate(pairs):
        framed = text[:pair[1]].rstrip()[-1:] in (",", "?", "!")  # '"You winning?" she said'
        if k in claimed or inners[k][0] >= inners[k][1] or (
                not framed and len(text[inners[k][0]:inners[k][1]].split()) < _MIN_WORDS):
            continue
        others = [pairs[j] for j in range(len(pairs)) if j != k]
        cue = _frame_cue(doc, text, pair, by_start, others)
        cue = _outside_speaker(doc, cue, pairs) if cue is not None else None
        if cue is None:
            continue
        claimed.add(k)
        lead = _lead_in(text, pair, paragraphs, others) if cue.start > pair[1] else None
        if lead is not None:  # 'Though X, the tax ''is a misguided approach,'' he said': mixed
            quotes.append(_make(cue, "mixed", (lead, inners[k][1])))
        else:
            quotes.append(_make(cue, "direct", inners[k]))
    quotes.sort(key=lambda q: q.start)

    # floating quotations: continue the speaker of the quotation before
    for k, pair in enumerate(pairs):
        if k in claimed or len(text[inners[k][0]:inners[k][1]].split()) < _MIN_WORDS:
            continue
        previous = _previous_quote(text, pair, quotes, paragraphs, by_start)
        if previous is not None:
            claimed.add(k)
            quotes.append(Quote("direct", *inners[k], previous.speaker_start, previous.speaker_end,
                                previous.cue, previous.cue_start, previous.cue_end))
            quotes.sort(key=lambda q: q.start)
    quotes.extend(_labelled(doc, text, paragraphs, pairs, quotes))
    return _merge_interrupted(text, _dedupe(sorted(quotes, key=lambda q: q.start)))


_LABEL = re.compile(r"[\"“'‘]?([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):(?:[ \t]+(?=\S)|[ \t]*$)")
_LABEL_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}


def _labelled(doc: Doc, text: str, paragraphs: list[tuple[int, int]], pairs: list[tuple[int, int]],
              quotes: list[Quote]) -> list[Quote]:
    """Find paragraphs that open with a speaker label: transcripts ("PENCE: Well, ...") and
    headline attributions ("Pence: Flowers won't be at debate").

    The label must be a name the entity recogniser knows (person, organisation, group, place);
    the content is the rest of the paragraph, direct when a quotation covers it. A label in capitals
    alone on its line ("BENENSON:") introduces the next paragraph.
    """
    out = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        match = _LABEL.match(text, p_start, p_end)
        alone = match is not None and not text[match.end():p_end].strip()
        if alone:  # a transcript label on its own line ("BENENSON:"): the next paragraph is the speech
            label = match.group(1)
            if n + 1 == len(paragraphs) or not (label.isupper() and len(label) > 1) \
                    or _LABEL.match(text, *paragraphs[n + 1]):
                continue
            p_start, p_end = paragraphs[n + 1]
        if not match or any(q.start < p_end and q.end > max(match.end(), p_start) and q.kind != "indirect"
                            for q in quotes):
            continue
        if not alone and not any(e.label_ in _LABEL_ENTITIES and e.start_char < match.end(1)
                                 and e.end_char > match.start(1) for e in doc.ents):
            continue
        end = p_end
        start = p_start if alone else match.end()
        while end > start and text[end - 1] in "\"”’' ":
            end -= 1
        quoted = any(p[0] <= p_start + 1 and p[1] >= end for p in pairs) or text[start] in "\"“«‘"
        colon = match.end(1)
        out.append(Quote("direct" if quoted else "indirect", start, end, match.start(1), match.end(1),
                         ":", colon, colon + 1))
    return out


def _block_quotes(text: str, cues: list[Cue], paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Attribute an unquoted paragraph to the speech cue that ends the paragraph before with a colon:
    "The senator wrote:" followed by the paragraph she wrote (a block quotation without marks)."""
    out = []
    ends = {e: n for n, (s, e) in enumerate(paragraphs)}
    for cue in cues:
        if cue.content_start != cue.content_end or cue.lemma not in load_cues()["speech"]:
            continue
        tail = text[cue.end:cue.end + 3].rstrip()
        n = ends.get(cue.end + len(tail)) if tail == ":" else None
        if n is None or n + 1 >= len(paragraphs):
            continue
        start, end = paragraphs[n + 1]
        if start < end and text[start] not in _QUOTE_CHARS and not _LABEL.match(text, start, end):
            out.append(_make(cue, "indirect", (start, end)))
    return out


def _merge_interrupted(text: str, quotes: list[Quote]) -> list[Quote]:
    """Join a quotation interrupted by its cue: '"The plan is dead," she said, "and nobody ..."'."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "direct" and q.kind == "direct" and prev.cue_start == q.cue_start \
                and prev.cue_start is not None and prev.end <= prev.cue_start < q.start \
                and text[q.start:q.start + 1].islower() and "\n" not in text[prev.end:q.start] \
                and not any(ch in text[prev.end:q.start] for ch in ".!?"):
            out[-1] = Quote("direct", prev.start, q.end, prev.speaker_start, prev.speaker_end,
                            prev.cue, prev.cue_start, prev.cue_end)
        else:
            out.append(q)
    return out


def _outside_speaker(doc: Doc, cue: Cue, pairs: list[tuple[int, int]]) -> Cue | None:
    """Move a speaker the parser found inside a quotation to the noun phrase next to the cue.

    '"My reaction, that was outrageous," the strategist said': the subject is "strategist", the
    word before the verb, or in an inverted frame the name after it ("said Robert McAtee").
    Returns None when no speaker outside the quotations is found.
    """
    def quoted(offset: int) -> bool:
        return any(p[0] < offset < p[1] for p in pairs)

    if not quoted(cue.speaker_start):
        return cue
    verb = _token_at(doc, cue.start)
    if verb is None:
        return None
    candidates = [c for c in verb.children if c.dep_ in _SUBJECTS and not quoted(c.idx)]
    k = verb.i - 1
    while k >= 0 and (doc[k].text == "," or doc[k].is_space):
        k -= 1
    if k >= 0 and doc[k].pos_ in ("NOUN", "PROPN", "PRON") and not quoted(doc[k].idx):
        candidates.append(doc[k])
    if verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ == "PROPN":
        candidates.append(doc[verb.i + 1])
    if not candidates:
        return None
    speaker = _trimmed(doc, _speaker_tokens(candidates[0]))
    if speaker is None or quoted(speaker[0]):
        return None
    return Cue(cue.lemma, cue.start, cue.end, speaker[0], speaker[1], cue.content_start, cue.content_end)


def _clipped(cue: Cue, paragraphs: list[tuple[int, int]]) -> Cue:
    """Clip a cue's content to the cue's paragraph (the parser can run across paragraphs)."""
    para = next(((s, e) for s, e in paragraphs if s <= cue.start < e), None)
    if para is None or cue.content_start == cue.content_end:
        return cue
    start, end = max(cue.content_start, para[0]), min(cue.content_end, para[1])
    if start >= end:
        start = end = 0
    return Cue(cue.lemma, cue.start, cue.end, cue.speaker_start, cue.speaker_end, start, end)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+")
# the same, but not after a title or an initial ("Sen. Jeff Merkley", "J. Smith")
_FRAME_BREAK = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"”’')\]]*\s+")


def _lead_in(text: str, pair: tuple[int, int], paragraphs: list[tuple[int, int]],
             others: list[tuple[int, int]]) -> int | None:
    """Return where the sentence starts when unquoted words lead into a quotation, else None."""
    para = next((s for s, e in paragraphs if s <= pair[0] < e), None)
    if para is None:
        return None
    start = para
    for match in _SENTENCE_BREAK.finditer(text, para, pair[0]):
        start = match.end()
    lead = text[start:pair[0]]
    if len(lead.split()) < 2 or lead.rstrip().endswith((":", ",")) or any(start <= o[0] < pair[0] for o in others):
        return None
    return start


def _make(cue: Cue, kind: Kind, span: tuple[int, int]) -> Quote:
    return Quote(kind, span[0], span[1], cue.speaker_start, cue.speaker_end, cue.lemma, cue.start, cue.end)


def _covered(pair: tuple[int, int], content: tuple[int, int]) -> bool:
    return content[0] <= pair[0] and pair[1] <= content[1] + 1


def _unquoted_words(text: str, span: tuple[int, int], pairs: list[tuple[int, int]]) -> int:
    """Count the words of ``text[span]`` outside the given quotation pairs (a "that" is not counted)."""
    chars = list(text[span[0]:span[1]])
    for start, end in pairs:
        for i in range(max(start, span[0]), min(end + 1, span[1])):
            chars[i - span[0]] = " "
    words = [w for w in "".join(chars).split() if any(ch.isalnum() for ch in w)]
    return len([w for w in words if w.lower() not in ("that", "and", "but")])


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand") if offset >= 0 else None
    return span[0] if span is not None and len(span) else None


def _frame_cue(doc: Doc, text: str, pair: tuple[int, int], cues: list[Cue],
               others: list[tuple[int, int]]) -> Cue | None:
    """Return the cue framing a quotation: `"...," she said` after it or `She said: "..."` before it.

    Besides the lexicon's cues, any verb with a subject frames a quotation that ends with a
    comma, question or exclamation mark and is followed by it ("...?" she yelled), or that
    follows it and a colon (She scolded him: "..."); a dash and a name alone on the rest of the
    line ("..." ― Jane Doe) attribute it too.
    """
    close_end = pair[1] + _mark_width(text, pair[1]) if pair[1] < len(text) else pair[1]
    limit = text.find("\n", close_end)
    limit = len(text) if limit < 0 else limit
    after = [c for c in cues if close_end <= c.start <= limit]
    if after:
        cue = after[0]
        between = text[close_end:cue.start]
        if (len(between.split()) <= 6 or text[close_end:cue.speaker_start].strip() in ("", ",")) \
                and not any(ch in between for ch in "!?") and not any(close_end <= o[0] < cue.start for o in others):
            if cue.content_start == cue.content_end or _overlap((cue.content_start, cue.content_end), pair) > 0:
                return cue
    last = text[:pair[1]].rstrip()[-1:]
    if last in (",", "?", "!") and text[close_end:limit].strip():
        token = _token_at(doc, close_end + len(text[close_end:limit]) - len(text[close_end:limit].lstrip()))
        for k in range(token.i, min(token.i + 5, len(doc))) if token is not None else ():
            if doc[k].text in _SENTENCE_END or doc[k].text in _QUOTE_CHARS:
                break
            if doc[k].pos_ == "VERB":
                cue = verb_cue(doc, doc[k], "frame")
                if cue is not None and cue.speaker_start >= close_end:  # not '"...," began last year'
                    return cue
                break
    dash = _DASH_NAME.match(text, close_end)
    if dash:
        return Cue(dash.group(1), dash.start(1), dash.end(1), dash.start(2), dash.end(2), 0, 0)
    start_limit = text.rfind("\n", 0, pair[0])
    if not text[start_limit + 1:pair[0]].strip():  # the quotation opens its paragraph
        lead = text[:pair[0]].rstrip()
        if lead.endswith(":"):
            start_limit = text.rfind("\n", 0, len(lead))
    before = [c for c in cues if start_limit < c.end <= pair[0]]
    if before:
        cue = before[-1]
        between = text[cue.end:pair[0]]
        stripped = between.strip()
        opens_sentence = text[pair[0] + _mark_width(text, pair[0]):][:1].isupper()
        if (stripped.endswith((":", ",")) or stripped in ("", "that") or opens_sentence) \
                and not any(ch in between for ch in ".!?") and len(between.split()) <= 10 \
                and not any(o[0] >= cue.end and o[0] < pair[0] for o in others):
            content = (cue.content_start, cue.content_end)
            if content[0] == content[1] or content[1] <= pair[0] + 1 or _overlap(content, pair) > 0:
                return cue
    head = text[start_limit + 1:pair[0]].rstrip()
    if head.endswith(":"):
        colon = _token_at(doc, start_limit + 1 + len(head) - 1)
        if colon is not None and colon.head.pos_ == "VERB" and colon.head.i < colon.i:
            return verb_cue(doc, colon.head, "frame")
    return None


def _previous_quote(text: str, pair: tuple[int, int], quotes: list[Quote],
                    paragraphs: list[tuple[int, int]], cues: list[Cue]) -> Quote | None:
    """Return the attributed quotation a floating quotation continues, if any.

    A quotation continues the one before it (direct, mixed, or reported speech) when no other cue
    comes between them outside the previous one's sentence and the previous one ends in the same
    paragraph, or in the previous paragraph, which it closes (or whose cue ends it with a colon).
    """
    earlier = [q for q in quotes if q.end <= pair[0] and q.speaker_start is not None]
    if not earlier:
        return None
    previous = max(earlier, key=lambda q: q.end)
    direct = [q for q in earlier if q.kind != "indirect"]
    if previous.kind == "indirect" and direct:  # skip a cue in the frame: '"...," she said, citing the audit. "..."'
        last = max(direct, key=lambda q: q.end)
        if not _FRAME_BREAK.search(text, max(last.end, last.cue_end or 0), previous.start):
            previous = last
    after = max(previous.end, previous.cue_end or 0, previous.speaker_end or 0)
    # a cue between them ends the speech, unless it sits in the frame's own sentence
    # ('"...," said Ms. Acosta, referring to the law. "..."')
    if any(after <= c.start < pair[0] and _FRAME_BREAK.search(text, after, c.start) for c in cues):
        return None
    if previous.kind == "indirect" and not text[after:pair[0]].strip().endswith(":") and (
            previous.cue not in load_cues()["speech"] or text[:pair[0]].rstrip(" \t")[-1:] not in ("\n", "")):
        return None  # reported speech goes on in a quotation paragraph, not a stance or an intention
    para = next((n for n, (s, e) in enumerate(paragraphs) if s <= pair[0] < e), None)
    prev_para = next((n for n, (s, e) in enumerate(paragraphs) if s <= previous.start < e), None)
    if para is None or prev_para is None:
        return None
    if para == prev_para:
        return previous
    if para != prev_para + 1 or text[paragraphs[para][0]:pair[0]].strip():
        return None
    # the previous paragraph must end with that quotation (or its framing cue)
    tail = text[after:paragraphs[prev_para][1]]
    return previous if len(tail.split()) <= 10 and "“" not in tail and '"' not in tail else None


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop quotes whose content repeats or lies inside another quote's content."""
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, -(q.end - q.start))):
        if any(o.start <= q.start and q.end <= o.end and (o.cue_start == q.cue_start or o.kind != "direct")
               for o in out):
            continue
        out.append(q)
    return out


# --- the spaCy component -------------------------------------------------------------------


def register_extensions() -> None:
    """Register the Span extensions of quote spans (``force=True``: safe to re-run)."""
    for attr in SPAN_ATTRS:
        Span.set_extension(attr, default=None, force=True)


register_extensions()


@Language.factory(
    "presslens_quotes",
    requires=["token.dep", "token.lemma", "token.tag"],
    assigns=["doc.spans"] + [f"span._.{a}" for a in SPAN_ATTRS],
    default_config={"lexicon": DEFAULT_LEXICON},
)
def make_quotes(nlp: Language, name: str, lexicon: str) -> "QuotesComponent":
    """Create the ``presslens_quotes`` component.

    Args:
        nlp: The pipeline.
        name: The component's name.
        lexicon: The cue lexicon, a file in ``analysis/lexicons`` or a YAML path.
    """
    load_cues(lexicon)  # fail early on a missing lexicon
    return QuotesComponent(nlp, name, lexicon=lexicon)


class QuotesComponent(Pipe):
    """Store the quotations of each Doc in ``doc.spans["presslens_quotes"]``."""

    def __init__(self, nlp: Language, name: str = "presslens_quotes", *, lexicon: str = DEFAULT_LEXICON) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        """Find the quotations of ``doc``; on failure record the error on the Doc and go on."""
        try:
            text = doc_text(doc)
            resolved: dict[tuple[int, int], str | None] = {}  # one actor_for call per speaker span
            spans = [self._span(doc, text, q, resolved) for q in find_quotes(doc, lexicon=self.lexicon, text=text)]
            doc.spans[SPAN_KEY] = [span for span in spans if span is not None]
        except Exception as exc:  # one bad article never stops a corpus run
            doc.spans[SPAN_KEY] = []
            doc.user_data.setdefault(ERRORS_KEY, []).append(f"{self.name}: {type(exc).__name__}: {exc}")
        return doc

    @staticmethod
    def _span(doc: Doc, text: str, quote: Quote, resolved: dict[tuple[int, int], str | None]) -> Span | None:
        """Build the content span of ``quote`` with its extensions, resolving its speaker once."""
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return None
        ext = span._  # each ``span._`` builds a new accessor: take it once
        ext.kind = quote.kind
        ext.cue = quote.cue
        ext.cue_start, ext.cue_end = quote.cue_start, quote.cue_end
        if quote.speaker_start is not None:
            speaker = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
            ext.speaker_start, ext.speaker_end = quote.speaker_start, quote.speaker_end
            ext.speaker_text = text[quote.speaker_start:quote.speaker_end]
            key = (quote.speaker_start, quote.speaker_end)
            if key not in resolved:
                resolved[key] = actors.actor_for(doc, speaker) if speaker is not None else None
            ext.speaker = resolved[key]
        return span


def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the rows of the ``quotes`` table stored on ``doc`` (``{}`` if the component did not run).

    Each row has ``kind, quote, start, end, speaker, speaker_text, speaker_start, speaker_end, cue,
    cue_start, cue_end`` with character offsets into ``doc.text``; speaker and cue fields are
    ``None`` when none was found.
    """
    if SPAN_KEY not in doc.spans:
        return {}
    rows = []
    text = doc_text(doc)
    for span in doc.spans[SPAN_KEY]:
        ext = span._  # each ``span._`` builds a new accessor: take it once
        start, end = span.start_char, span.end_char
        rows.append({
            "kind": ext.kind, "quote": text[start:end], "start": start, "end": end,
            "speaker": ext.speaker, "speaker_text": ext.speaker_text,
            "speaker_start": ext.speaker_start, "speaker_end": ext.speaker_end,
            "cue": ext.cue, "cue_start": ext.cue_start, "cue_end": ext.cue_end,
        })
    return {"quotes": rows}

"""Attribution: combine quotation marks and cues into quotes with a speaker and a kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from ..columns import doc_text
from ..corpus import paragraph_spans
from ..transcripts import Turn, label_at, transcript_turns
from .cues import (
    DEFAULT_LEXICON,
    SUBJECT_DEPS,
    Cue,
    CueLexicon,
    load_cues,
    reported_speech,
    speaker_tokens,
    trimmed_span,
    verb_cue,
)
from .marks import QUOTE_CHARS, SENTENCE_END, inner_span, mark_width, quote_pairs
from .modes import DEFAULT_ATTRIBUTIONS, Attributions, counts_as_attribution
from .speakers import named_speakers

Kind = Literal["direct", "indirect", "mixed"]
# '"..." ― Jane Doe' at the end of a line: a dash and a name of up to four words attribute a quotation.
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*([―—]|--)[ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})[ \t\u00a0.]*(?:\n|\Z)")
_INVERTED_FRAME = re.compile(r"(?:^|[.!?][\"”’']?\s+)(Said|Says|Added|Adds|Asked|Wrote)\s+"
                             r"((?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*[:,]$")
_INVERTED_LEMMAS = {"said": "say", "says": "say", "added": "add", "adds": "add", "asked": "ask", "wrote": "write"}
# an aside between dashes that ends right before a quotation: ' — which the paper noted — "'
_ASIDE_BEFORE = re.compile(r"\s[—–]\s[^—–\n]+\s[—–]\s*$")
_SUBORDINATE_WORDS = frozenset({"so", "because", "while", "when", "as", "if", "though", "although"})
_MIN_WORDS = 3  # shorter quotations stand alone only with a clausal cue (else: scare quotes, titles)


@dataclass(frozen=True)
class Quote:
    """One quotation: its content span, kind, speaker span and cue (character offsets).

    Speaker and cue offsets are ``None`` when the text names none. ``resolve_start`` and
    ``resolve_end`` give the span to resolve the speaker from when it is not the speaker mention
    itself (a transcript label "JD" is resolved from the name "Jane Doe" it abbreviates).
    """

    kind: Kind
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    resolve_start: int | None = None
    resolve_end: int | None = None



_NESTED_GROUPS = frozenset({"speech", "evidence", "directive", "commissive", "naming", "claim"})


def _without_nested_frames(doc: Doc, cues: list[Cue]) -> list[Cue]:
    """Drop an "according to X" or "as reported by X" adjunct whose clause is a report of its own:
    in "According to the paper, the minister said ...", the minister says it (the Wikinews
    conventions: the adjunct does not displace the subject of the reporting verb)."""
    out = []
    for cue in cues:
        if cue.group == "according" and cue.content_start < cue.content_end:
            span = doc.char_span(cue.content_start, cue.content_end, alignment_mode="expand")
            roots = {t.idx for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)} \
                if span is not None else set()
            inside = range(cue.content_start, cue.content_end)
            if any((o.group in _NESTED_GROUPS or (o.group == "object" and not o.nominal)) and o.start in roots
                   and o.speaker_start in inside for o in cues):
                continue
        out.append(cue)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_quotes(doc: Doc, *, lexicon: str = DEFAULT_LEXICON, text: str | None = None,
                attributions: Attributions = DEFAULT_ATTRIBUTIONS) -> list[Quote]:
    """Find the direct, indirect and mixed quotations of a parsed Doc with speaker and cue.

    Args:
        doc: A Doc with a dependency parse, sentence boundaries and lemmas.
        lexicon: The cue lexicon (see :func:`load_cues`).
        text: ``doc.text``, when the caller has it (``Doc.text`` joins the tokens on every call).
        attributions: What counts as an attribution: ``statements`` (what someone said or
            wrote) or ``all`` (also stances on a noun phrase, beliefs, intentions; see
            :mod:`analysis.quotes.modes`).

    Returns:
        Quotes sorted by offset. Direct quotes span the content inside the marks; indirect and
        mixed quotes span the reported clause.
    """
    text = doc_text(doc) if text is None else text
    pairs = quote_pairs(text)
    inners = [inner_span(text, p) for p in pairs]
    paragraphs = paragraph_spans(text)
    # a cue inside a quotation belongs to the quoted speech, not to the article's attributions
    lex = load_cues(lexicon)
    turns = transcript_turns(text, paragraphs)
    # a cue inside a transcript turn ("I think", "do you expect") belongs to the labelled speech too
    cues = [_clipped(c, paragraphs) for c in reported_speech(doc, lexicon=lexicon, attributions=attributions)
            if not any(p[0] < c.start < p[1] for p in pairs) and not any(t.start <= c.start < t.end for t in turns)]
    cues = [c for c in (_outside_speaker(doc, c, pairs) for c in cues) if c is not None]
    if attributions == "statements":
        cues = _without_nested_frames(doc, cues)
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
                content = (content[0], min(pairs[k][1] + mark_width(text, pairs[k][1]), len(text)))
        kind: Kind = "mixed" if any(_covered(pairs[k], content) for k in inside) else "indirect"
        if not counts_as_attribution(cue, kind, attributions):
            continue  # the cue still frames quotations and ends floating ones
        claimed.update(k for k in inside if _covered(pairs[k], content))
        quotes.append(_make(cue, kind, content))

    quotes.extend(_block_quotes(text, cues, paragraphs, lex))
    # in "statements", a belief or an intention frames no quotation: '... intends to appeal; "We ..."'
    by_start = sorted((c for c in cues if attributions == "all" or c.group not in ("belief", "intention")),
                      key=lambda c: c.start)
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
        previous = _previous_quote(text, pair, quotes, paragraphs, by_start, lex)
        if previous is not None:
            claimed.add(k)
            quotes.append(replace(previous, kind="direct", start=inners[k][0], end=inners[k][1]))
            quotes.sort(key=lambda q: q.start)
    # a quotation over several paragraphs is left open at each paragraph's end, and its cue often
    # comes only in its last paragraph ('"... back.\n\n"We will ...," she said.'): the open
    # paragraphs before take the speaker of the one they run into
    attributed = {q.start: q for q in quotes if q.kind == "direct" and q.speaker_start is not None}
    paragraph_ends = {end for _, end in paragraphs}
    for k in range(len(pairs) - 2, -1, -1):
        following = attributed.get(inners[k + 1][0])
        if (k in claimed or following is None or pairs[k][1] not in paragraph_ends
                or text[pairs[k][1]:pairs[k + 1][0]].strip()
                or len(text[inners[k][0]:inners[k][1]].split()) < _MIN_WORDS):
            continue
        claimed.add(k)
        attributed[inners[k][0]] = continued = replace(following, start=inners[k][0], end=inners[k][1])
        quotes.append(continued)
    quotes.sort(key=lambda q: q.start)
    if turns:  # a transcript: each turn is its speaker's direct speech, quotations inside it included
        quotes = [q for q in quotes if not any(t.start <= q.start < t.end for t in turns)] + _turn_quotes(text, turns)
    else:
        quotes.extend(_labelled(doc, text, paragraphs, pairs, quotes))
    quotes = _merge_interrupted(text, _dedupe(sorted(quotes, key=lambda q: q.start)))
    return named_speakers(doc, quotes, pairs)


def _turn_quotes(text: str, turns: list[Turn]) -> list[Quote]:
    """One direct quote per transcript turn: the labelled speaker (resolved from the fuller name
    the label stands for) says the turn; the cue is the label (":")."""
    out = []
    for turn in turns:
        start, end = turn.start, turn.end
        while start < end and text[start] in "\"“«‘ ":
            start += 1
        while end > start and text[end - 1] in "\"”»’ ":
            end -= 1
        if start < end:
            out.append(Quote("direct", start, end, turn.label_start, turn.label_end, ":", turn.label_start,
                             turn.label_end, turn.name_start, turn.name_end))
    return out


_LABEL_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}


def _labelled(doc: Doc, text: str, paragraphs: list[tuple[int, int]], pairs: list[tuple[int, int]],
              quotes: list[Quote]) -> list[Quote]:
    """Find paragraphs that open with a speaker label: transcripts ("PENCE: Well, ...") and
    headline attributions ("Okafor: Bridge will open in May").

    The label must be a name the entity recogniser knows (person, organisation, group, place);
    the content is the rest of the paragraph, direct when a quotation covers it. A label in capitals
    alone on its line ("BENENSON:") introduces the next paragraph.
    """
    out = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        match = label_at(text, p_start, p_end)
        alone = match is not None and not text[match.end():p_end].strip()
        if alone:  # a transcript label on its own line ("BENENSON:"): the next paragraph is the speech
            label = match.group(1)
            if n + 1 == len(paragraphs) or not (label.isupper() and len(label) > 1) \
                    or label_at(text, *paragraphs[n + 1]):
                continue
            p_start, p_end = paragraphs[n + 1]
        if not match or any(q.start < p_end and q.end > max(match.end(), p_start) and q.kind != "indirect"
                            for q in quotes):
            continue
        if not alone and not _names_an_entity(doc, match.start(1), match.end(1)):
            continue
        end = p_end
        start = p_start if alone else match.end()
        while end > start and text[end - 1] in "\"”’' ":
            end -= 1
        # class: headlines quote in single straight marks ("Okafor: 'We will win.'"), which are
        # left unpaired (they double as apostrophes)
        quoted = any(p[0] <= p_start + 1 and p[1] >= end for p in pairs) or text[start] in "\"“«‘" or (
            text[start] == "'" and "'" in text[end:p_end])
        if quoted and text[start] in QUOTE_CHARS and end - start > 1:
            start += 1  # the words, not the mark that opens them
        colon = match.end(1)
        out.append(Quote("direct" if quoted else "indirect", start, end, match.start(1), match.end(1),
                         ":", colon, colon + 1))
    return out


def _names_an_entity(doc: Doc, start: int, end: int) -> bool:
    """Whether the label ``text[start:end]`` is a name the entity recogniser knows: tagged where it
    stands, or the end of a name it tags elsewhere in the text. Class: headlines use the surname
    of a person the article names in full ("Okafor: Bridge will open in May" over a story about
    "Grace Okafor"), and the recogniser often misses a name in a headline's capitalised words."""
    ents = [e for e in doc.ents if e.label_ in _LABEL_ENTITIES]
    if any(e.start_char < end and e.end_char > start for e in ents):
        return True
    words = doc_text(doc)[start:end].split()
    return any([t.text for t in e][-len(words):] == words for e in ents if len(e) >= len(words))


def _block_quotes(text: str, cues: list[Cue], paragraphs: list[tuple[int, int]], lex: CueLexicon) -> list[Quote]:
    """Attribute an unquoted paragraph to the speech cue that ends the paragraph before with a colon:
    "The senator wrote:" followed by the paragraph she wrote (a block quotation without marks)."""
    out = []
    ends = {e: n for n, (s, e) in enumerate(paragraphs)}
    for cue in cues:
        if cue.content_start != cue.content_end or cue.lemma not in lex["speech"]:
            continue
        tail = text[cue.end:cue.end + 3].rstrip()
        n = ends.get(cue.end + len(tail)) if tail == ":" else None
        if n is None or n + 1 >= len(paragraphs):
            continue
        start, end = paragraphs[n + 1]
        if start < end and text[start] not in QUOTE_CHARS and not label_at(text, start, end):
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
            out[-1] = replace(prev, kind="direct", end=q.end)
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

    if cue.speaker_start is None or not quoted(cue.speaker_start):
        return cue
    verb = _token_at(doc, cue.start)
    if verb is None:
        return None
    candidates = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not quoted(c.idx)]
    k = verb.i - 1
    while k >= 0 and (doc[k].text == "," or doc[k].is_space):
        k -= 1
    if k >= 0 and doc[k].pos_ in ("NOUN", "PROPN", "PRON") and not quoted(doc[k].idx):
        candidates.append(doc[k])
    if verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ == "PROPN":
        candidates.append(doc[verb.i + 1])
    if not candidates:
        return None
    speaker = trimmed_span(doc, speaker_tokens(candidates[0]))
    if speaker is None or quoted(speaker[0]):
        return None
    return replace(cue, speaker_start=speaker[0], speaker_end=speaker[1])


def _clipped(cue: Cue, paragraphs: list[tuple[int, int]]) -> Cue:
    """Clip a cue's content to the cue's paragraph (the parser can run across paragraphs)."""
    para = next(((s, e) for s, e in paragraphs if s <= cue.start < e), None)
    if para is None or cue.content_start == cue.content_end:
        return cue
    start, end = max(cue.content_start, para[0]), min(cue.content_end, para[1])
    if start >= end:
        start = end = 0
    return replace(cue, content_start=start, content_end=end)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+")
# the same, but not after a title or an initial ("Sen. Ada Okafor", "J. Okafor")
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
    return Quote(kind, span[0], span[1], cue.speaker_start, cue.speaker_end, cue.lemma, cue.start, cue.end,
                 cue.resolve_start, cue.resolve_end)


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
    close_end = pair[1] + mark_width(text, pair[1]) if pair[1] < len(text) else pair[1]
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
            if doc[k].text in SENTENCE_END or doc[k].text in QUOTE_CHARS or doc[k].dep_ in ("mark", "cc") \
                    or doc[k].lower_ in _SUBORDINATE_WORDS:
                break  # class: a clause that goes on after a quoted name: '"Day," so it would fit'
            if doc[k].pos_ == "VERB":
                cue = verb_cue(doc, doc[k], "frame")
                if cue is not None and cue.speaker_start >= close_end \
                        and text[cue.speaker_start:cue.speaker_end].lower() not in ("it", "there"):
                    return cue  # not '"...," began last year', not '"...," it imitated'
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
        aside = _ASIDE_BEFORE.search(text, start_limit + 1, pair[0])
        if aside is not None and cue.start >= aside.start():
            # class: a writer's aside between dashes separates a cue from its quotation ('X commented
            # on it — which the paper noted as rare — "..."'): the cue before the aside frames it
            outside = [c for c in before if c.end <= aside.start()]
            if outside:
                cue = outside[-1]
                between = text[cue.end:aside.start()]
        stripped = between.strip()
        opens_sentence = text[pair[0] + mark_width(text, pair[0]):][:1].isupper()
        if (stripped.endswith((":", ",")) or stripped in ("", "that") or opens_sentence) \
                and not any(ch in between for ch in ".!?") and len(between.split()) <= 10 \
                and not any(o[0] >= cue.end and o[0] < pair[0] for o in others):
            content = (cue.content_start, cue.content_end)
            if content[0] == content[1] or content[1] <= pair[0] + 1 or _overlap(content, pair) > 0:
                return cue
    head = text[start_limit + 1:pair[0]].rstrip()
    inverted = _INVERTED_FRAME.search(head)
    if inverted:  # class: an inverted frame opening the sentence: 'Said the mayor: "..."'
        at = start_limit + 1
        return Cue(_INVERTED_LEMMAS[inverted.group(1).lower()], at + inverted.start(1), at + inverted.end(1),
                   at + inverted.start(2), at + inverted.end(2), 0, 0, "frame")
    if head.endswith(":"):
        colon = _token_at(doc, start_limit + 1 + len(head) - 1)
        if colon is not None and colon.head.pos_ == "VERB" and colon.head.i < colon.i:
            return verb_cue(doc, colon.head, "frame")
    return None


def _previous_quote(text: str, pair: tuple[int, int], quotes: list[Quote],
                    paragraphs: list[tuple[int, int]], cues: list[Cue], lex: CueLexicon) -> Quote | None:
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
            previous.cue not in lex["speech"] or text[:pair[0]].rstrip(" \t")[-1:] not in ("\n", "")):
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

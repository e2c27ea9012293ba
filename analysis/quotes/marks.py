"""Quotation marks: pair the marks of a text (straight, curly, guillemets, NYT-style, single curly)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..corpus import paragraph_spans

if TYPE_CHECKING:
    from spacy.tokens import Token

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
QUOTE_CHARS = set("\"“”„«»‘’'`")
TRIM_PUNCT = set(",;:—–-") | QUOTE_CHARS
SENTENCE_END = {".", "!", "?"}


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
        found = [part for pair in found for part in _split_mixed_styles(text, pair)]
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


def _split_mixed_styles(text: str, pair: tuple[int, int]) -> list[tuple[int, int]]:
    """Split a double-mark pair that spans two quotations written in mixed styles.

    In '“We will win," she said. "It is done.”' the curly marks pair around the whole line; the
    straight marks inside it close first and open last, which no quotation nested in another
    does, so each curly mark belongs with the straight mark next to it.
    """
    family = 0 if text[pair[0]] in "“„" else 1 if text[pair[0]] == '"' else None
    if family is None or pair[1] >= len(text) or text[pair[1]] not in '"“”':
        return [pair]
    inner = [(i, role) for i, role in _marks(text, pair[0] + 1, pair[1], 1 - family) if role != "either"]
    if len(inner) < 2 or inner[0][1] != "close" or inner[-1][1] != "open":
        return [pair]
    return [(pair[0], inner[0][0]), (inner[-1][0], pair[1])]


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
    if not before.isspace() and (after in _CLOSE_AFTER or after in QUOTE_CHARS):
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
    if opened is not None and next_start is not None and not _closed_in_other_style(text, opened, p_end, family):
        first = next(iter(_marks(text, next_start, min(next_start + 2, len(text)), family)), None)
        if first and first[0] == next_start and first[1] == "open":
            pairs.append((opened, p_end))
    return pairs


def _closed_in_other_style(text: str, opened: int, p_end: int, family: int) -> bool:
    """Whether a double mark left open is closed later in its paragraph by the other double style
    ('a “fair deal," she said'): then the quotation ends there, not at the paragraph's end.
    Marks of the other style that pair among themselves are a nested quotation, not a close."""
    if family not in (0, 1):
        return False
    depth = 0
    for _, role in _marks(text, opened + 1, p_end, 1 - family):
        if role == "open":
            depth += 1
        elif role == "close":
            if depth == 0:
                return True
            depth -= 1
    return False


def mark_width(text: str, offset: int) -> int:
    return 2 if text[offset:offset + 2] in ("''", "``") else 1


def inner_span(text: str, pair: tuple[int, int]) -> tuple[int, int]:
    """Return the content offsets inside a mark pair, trimmed of spaces and a final comma."""
    start, end = pair[0] + mark_width(text, pair[0]), pair[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def has_quote_mark(text: str) -> bool:
    """Whether ``text`` holds a quotation mark, not counting apostrophes.

    Class: an apostrophe inside a word ("council's", "don't") or closing a plural possessive
    ("voters' views") is no quotation mark; a single quote next to a space or at the edge is.
    """
    for i, ch in enumerate(text):
        if ch not in QUOTE_CHARS:
            continue
        if ch in "'’":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalnum() and (after.isalnum() or (before in "sS" and after in " ,.;:")):
                continue
        return True
    return False


def is_quote_token(token: Token) -> bool:
    """Whether a token is a quotation mark: not the apostrophe of a plural possessive ("voters'")."""
    return token.text in QUOTE_CHARS and not (token.text in "'’" and (token.tag_ == "POS" or token.dep_ == "case"))

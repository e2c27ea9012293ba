"""Name words: normalised, accent-folded and singularised forms used to compare names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from .lexicon import _APOSTROPHES, _NAME_STOPWORDS, Lexicon


def clean_text(text: str) -> str:
    """Strip a possessive ending and surrounding punctuation from a name."""
    text = text.strip()
    for ending in _APOSTROPHES:
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
            break
    return text.strip(" \t\n,;:")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and drop its accents, so spellings with and without diacritics match.

    Class: one name written with and without its diacritics in one article ("Miloš Zeman",
    "Milos Zeman"); letters with no decomposition ("ł", "ø") are kept as they are.
    """
    text = text.lower()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)  # pure and called for every name against every actor
def _norm(text: str) -> str:
    return " ".join(fold(clean_text(text)).replace("’", "'").split())


_DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "i")  # "(American Samoa)n", "(Bhutan)ese", "(Oman)i"


def people_of_place(text: str, lex: Lexicon) -> str | None:
    """Return the singular of a people named after a listed place, or None.

    Class: the peoples of places the demonym lexicon does not list are named by the place's name
    and a demonym ending ("American Samoans", "a Bhutanese"), and NER often calls them a body;
    they are a group of that place: "American Samoans" -> "American Samoan".
    """
    singular = text[:-1] if text.endswith("s") and not text.endswith("ss") else text
    if _norm(singular) in lex.countries:
        return None  # the place itself
    for end in _DEMONYM_ENDINGS:
        if singular.endswith(end) and len(singular) > len(end) + 2 and _norm(singular[:-len(end)]) in lex.countries:
            return singular
    return None


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Lower-case a word, drop its accents and a plural -s, so "Forces" matches "Force"."""
    word = fold(word)
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _stems(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(_stem(w) for w in words)


def _contains_run(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    if not n or n >= len(longer) or shorter[0] not in longer:
        return False
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _one_letter_apart(a: str, b: str, shortest: int = 7) -> bool:
    """Tell whether two long names differ by one letter changed, added or dropped (a misspelling)."""
    if min(len(a), len(b)) < shortest or a[0] != b[0] or abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]  # "hagia sophia" / "haghia sophia"


def _person_shaped(words: tuple[str, ...], lex: Lexicon) -> bool:
    """Tell whether a name looks like a person's: 2-4 capitalised words, no organisation or place word."""
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and not any(w.lower() in lex.organisation_words or w.lower() in _NAME_STOPWORDS for w in words)
            and _norm(" ".join(words)) not in lex.countries)


_DOMAIN = re.compile(r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|org|net|info|news|[a-z]{2})", re.ASCII)


def is_web_address(text: str) -> bool:
    """Tell whether a name is a bare web address ("Nordlys.no", "presswire.com")."""
    return "." in text and bool(_DOMAIN.fullmatch(text.strip()))

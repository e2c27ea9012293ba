"""Legal-form suffixes of company names ("Ltd", "GmbH", "S.A.", "Kft."), from the ``cleanco`` package.

``cleanco`` (MIT licence) keeps the legal-form terms of companies by country. A name ending in
one ("Vesna Ipari Kft.", "Nordlys AS") is a company's, whatever NER called it. Short terms that
are also English words ("as", "et", "da") count only when written in capitals ("Nordlys AS").
"""

from __future__ import annotations

from functools import lru_cache

_ENGLISH_WORDS = frozenset({"as", "et", "da", "co", "ee", "ij", "ay", "ks", "kb", "kd", "kt", "hb"})


@lru_cache(maxsize=1)
def legal_suffixes() -> frozenset[str]:
    """Return the one-word legal-form terms, lower-cased, without a final period ("gmbh", "s.a")."""
    from cleanco.termdata import terms_by_type

    terms = {t.strip().lower().rstrip(".") for group in terms_by_type.values() for t in group}
    return frozenset(t for t in terms if t and " " not in t and t[0].isalpha())


@lru_cache(maxsize=1)
def legal_suffix_forms() -> frozenset[str]:
    """Return the lower-case forms a legal-form token may take in a text, with and without a final period."""
    return frozenset(form for term in legal_suffixes() for form in (term, term + "."))


def is_legal_suffix(word: str) -> bool:
    """Tell whether the last word of a name is a company's legal form ("Ltd", "GmbH", "AS")."""
    low = word.lower().rstrip(".")
    if low not in legal_suffixes():
        return False
    return word.isupper() or low not in _ENGLISH_WORDS

"""Given names and surnames, for person typing and gender: the US Census name lists of ``names``.

The ``names`` package (MIT licence) ships the 1990 US Census lists of male and female first names
with their frequencies, and of surnames (public-domain data). A name in one list, or at least ten times as
frequent in one list as in the other, gets that gender; a name common to both ("Jean", "Kim")
gets none. Words that also name titles, bodies, places or name particles are left out by the
lexicon (:func:`analysis.actors.lexicon.load_lexicon`), so "General" or "Van" is no given name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

GENDER_RATIO = 10.0
"""How many times more frequent among one sex a name must be to tell a gender."""


def _read(filename: str) -> dict[str, float]:
    """Return ``{"Mary": 2.629, ...}`` from one census list ("NAME  freq  cumfreq  rank" lines)."""
    out: dict[str, float] = {}
    text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].title()] = float(parts[1])
    return out


@lru_cache(maxsize=1)
def census_given_names() -> dict[str, str]:
    """Return the census given names with their gender: ``{"Mary": "f", "John": "m", "Jean": ""}``."""
    male, female = _read("dist.male.first"), _read("dist.female.first")
    out: dict[str, str] = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name), female.get(name)
        if f is None:
            out[name] = "m"
        elif m is None:
            out[name] = "f"
        else:
            out[name] = "m" if m > 0 and m >= GENDER_RATIO * f else "f" if f > 0 and f >= GENDER_RATIO * m else ""
    return out


@lru_cache(maxsize=1)
def census_surnames() -> frozenset[str]:
    """Return the census surnames, title-cased ("Nguyen", "Okafor")."""
    return frozenset(_read("dist.all.last"))

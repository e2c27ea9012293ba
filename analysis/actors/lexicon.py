"""Word lists and patterns of the actors capability: the ``actors_*.yaml`` lexicons, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..constants import ACTOR_TYPES  # noqa: F401  (re-exported)
from ..paths import LEXICONS_DIR
from ..validation import LexiconFile, read_lexicon
from .given import census_given_names, census_surnames

LABEL_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
               "NORP": "group"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){2,8}$")
_APOSTROPHES = ("'s", "’s", "'", "’")
_NAME_STOPWORDS = {"of", "the", "and", "for", "de", "del", "la", "le", "du", "in", "on", "&"}
_ALSO_CALLED = re.compile(r"^\s*,?\s*(?:also |or |better |otherwise )?(?:called|known as|named|dubbed)\s*$", re.I)
_OR_NAME = re.compile(r"^\s*,\s*or(?: the)?\s*$")
_QUOTE_MARKS = re.compile(r'[“”«»"]|\n[ \t\u00a0]*\n')
_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "kft", "jr", "sr", "bros", "plc", "llc", "gmbh"})
_TRAILING_PUNCT = set(".,;:!?-–—()[]\"'“”‘’") | {"''", "``"}


# --------------------------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class Lexicon:
    """The word lists the rules use, loaded from ``analysis/lexicons/actors_*.yaml``."""

    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    demonyms: dict[str, str]  # surface form ("Russians") -> singular demonym ("Russian")
    demonym_place: dict[str, str]  # singular demonym -> place
    groups: frozenset[str]
    countries: frozenset[str]  # lower-case names of countries and territories (demonyms' places, ISO 3166)
    name_aliases: dict[str, str]  # lower-case alias -> canonical key
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    documents: frozenset[str]
    organisation_nouns: frozenset[str]
    team_roles: frozenset[str]  # "manager", "striker": what a club's name modifies
    kind_nouns: frozenset[str]  # "company", "club": a body of any name, by its kind
    fixed_titles: tuple[tuple[str, ...], ...]
    not_actor_words: frozenset[str]
    not_actor_acronyms: frozenset[str]
    medium_nouns: frozenset[str]  # "account", "post": what a platform's name modifies
    religions: frozenset[str]  # lower-case names of religions that no ending tells
    region_words: frozenset[str]
    organisation_words: frozenset[str]
    place_nouns: frozenset[str]
    place_display: dict[str, str]  # lower-case canonical alias key -> its written form
    given_names: dict[str, str]  # "Mary" -> "f", "John" -> "m", "Jean" -> "" (census lists, see .given)
    surnames: frozenset[str]  # "Nguyen": census surnames, evidence for a one-word person
    organisation_names: frozenset[str]  # "Twitter", "Reuters": organisations whatever NER says
    not_actor_first_words: frozenset[str]
    gendered_nouns: dict[str, str]  # "mother" -> "f", "spokesman" -> "m"


class TitlesFile(LexiconFile):
    """``actors_titles.yaml``: title heads and modifiers, honorifics, fixed multi-word titles."""

    heads: list[str] = []
    modifiers: list[str] = []
    honorifics: list[str] = []
    fixed_titles: list[str] = []
    team_roles: list[str] = []


class PlacesFile(LexiconFile):
    """``actors_places.yaml``: demonyms, groups, name aliases and the words that mark non-actors."""

    demonyms: dict[str, str] = {}
    plurals: dict[str, str] = {}
    groups: list[str] = []
    name_aliases: dict[str, list[str] | None] = {}
    not_actor_words: list[str] = []
    religions: list[str] = []
    not_actor_acronyms: list[str] = []
    region_words: list[str] = []
    organisation_words: list[str] = []
    place_nouns: list[str] = []
    organisation_names: list[str] = []
    not_actor_first_words: list[str] = []


class PronounsFile(LexiconFile):
    """``actors_pronouns.yaml``: pronouns, document and organisation nouns, gendered nouns."""

    person_singular: list[str] = []
    thing_singular: list[str] = []
    plural: list[str] = []
    documents: list[str] = []
    organisation_nouns: list[str] = []
    kind_nouns: list[str] = []
    gendered_nouns: dict[str, list[str]] = {}
    medium_nouns: list[str] = []


class NamesFile(LexiconFile):
    """``actors_names.yaml``: given names beyond the census lists, and words that are never one."""

    male: list[str] = []
    female: list[str] = []
    not_given_names: list[str] = []


def _read_yaml(name: str, schema: type[LexiconFile]) -> dict:
    """Read and validate the lexicon ``analysis/lexicons/NAME.yaml``; return its keys as a dict."""
    return read_lexicon(LEXICONS_DIR / f"{name}.yaml", schema).model_dump()


@lru_cache(maxsize=8)
def load_lexicon(titles: str = "actors_titles", places: str = "actors_places",
                 pronouns: str = "actors_pronouns", names: str = "actors_names") -> Lexicon:
    """Load the actors lexicons from ``analysis/lexicons/`` (cached).

    Args:
        titles: Stem of the YAML file with title heads, modifiers and honorifics.
        places: Stem of the YAML file with demonyms, groups, name aliases and name words.
        pronouns: Stem of the YAML file with pronouns, document and organisation nouns.
        names: Stem of the YAML file with given names to add to the census lists, by gender, and
            words that are never given names.

    Returns:
        The word lists as a frozen :class:`Lexicon`.
    """
    t, p, r, n = (_read_yaml(titles, TitlesFile), _read_yaml(places, PlacesFile),
                  _read_yaml(pronouns, PronounsFile), _read_yaml(names, NamesFile))
    lower = lambda xs: frozenset(str(x).lower() for x in xs or ())  # noqa: E731
    demonym_place = {str(k): str(v) for k, v in (p.get("demonyms") or {}).items()}
    plurals = {str(k): str(v) for k, v in (p.get("plurals") or {}).items()}
    demonyms: dict[str, str] = {}
    for singular in demonym_place:
        demonyms[singular] = singular
        demonyms[plurals.get(singular, singular + "s")] = singular
    for group in p.get("groups") or ():
        demonyms.setdefault(f"{group}s", group)
    aliases = {}
    for canonical, forms in (p.get("name_aliases") or {}).items():
        aliases[str(canonical).lower()] = str(canonical).lower()
        for form in forms or ():
            aliases[str(form).lower()] = str(canonical).lower()
    countries = frozenset(v.lower() for v in demonym_place.values()) | frozenset(
        k for k, v in aliases.items() if v in {p.lower() for p in demonym_place.values()})
    not_given = (lower(t.get("heads")) | lower(t.get("modifiers")) | lower(t.get("honorifics"))
                 | lower(p.get("organisation_words")) | lower(p.get("place_nouns")) | lower(p.get("region_words"))
                 | lower(p.get("not_actor_words")) | lower(n.get("not_given_names")) | countries
                 | frozenset(d.lower() for d in demonyms))
    given = {name: gender for name, gender in census_given_names().items() if name.lower() not in not_given}
    given.update({str(x): "m" for x in n.get("male") or ()})
    given.update({str(x): "f" for x in n.get("female") or ()})
    return Lexicon(
        title_heads=lower(t.get("heads")), title_modifiers=lower(t.get("modifiers")),
        honorifics=lower(t.get("honorifics")), demonyms=demonyms, demonym_place=demonym_place,
        groups=frozenset(str(g) for g in p.get("groups") or ()),
        countries=countries | iso_country_names(),
        name_aliases=aliases, person_pronouns=lower(r.get("person_singular")),
        thing_pronouns=lower(r.get("thing_singular")), plural_pronouns=lower(r.get("plural")),
        documents=lower(r.get("documents")),
        organisation_nouns=lower(r.get("organisation_nouns")) | lower(r.get("kind_nouns")),
        kind_nouns=lower(r.get("kind_nouns")), team_roles=lower(t.get("team_roles")),
        fixed_titles=tuple(tuple(str(x).lower().split()) for x in t.get("fixed_titles") or ()),
        not_actor_words=lower(p.get("not_actor_words")),
        not_actor_acronyms=frozenset(str(x) for x in p.get("not_actor_acronyms") or ()),
        religions=lower(p.get("religions")),
        medium_nouns=lower(r.get("medium_nouns")),
        region_words=lower(p.get("region_words")),
        organisation_words=lower(p.get("organisation_words")),
        place_nouns=lower(p.get("place_nouns")),
        place_display={str(k).lower(): str(k) for k in p.get("name_aliases") or {}},
        given_names=given,
        surnames=census_surnames(),
        organisation_names=frozenset(str(x) for x in p.get("organisation_names") or ()),
        not_actor_first_words=lower(p.get("not_actor_first_words")),
        gendered_nouns={**{str(x).lower(): "m" for x in (r.get("gendered_nouns") or {}).get("male") or ()},
                        **{str(x).lower(): "f" for x in (r.get("gendered_nouns") or {}).get("female") or ()}},
    )


# ------------------------------------------------------------------------- title words

@lru_cache(maxsize=1)
def iso_country_names() -> frozenset[str]:
    """Return the lower-case names of the ISO 3166 countries and territories (pycountry).

    Class: a territory that no demonym of the lexicon names ("American Samoa", "Guam") is a place
    all the same; the maintained ISO list says so. Kept apart from the given-name exclusions,
    where a country's name ("Jordan", "Chad") may still be a person's first name.
    """
    import pycountry

    return frozenset(value.lower() for country in pycountry.countries
                     for value in (getattr(country, attr, None) for attr in ("name", "common_name"))
                     if value and "," not in value)


def _is_title_word(token: Token, lex: Lexicon) -> bool:
    """Tell whether a token is a title head, modifier or honorific ("Deputy", "Minister", "Mr")."""
    low = token.lower_
    return (low in lex.title_heads or low in lex.title_modifiers or low in lex.honorifics
            or (low.endswith("s") and low[:-1] in lex.title_heads))  # "Senators Marco Rubio"


def _is_head(token: Token, lex: Lexicon) -> bool:
    """Tell whether a token is a title head, singular or plural ("Minister", "officers")."""
    low = token.lower_
    return low in lex.title_heads or (low.endswith("s") and low[:-1] in lex.title_heads)


def group_key(text: str, lex: Lexicon) -> str | None:
    """Return the singular demonym or group for a NORP name ("Russians" -> "Russian")."""
    if text in lex.demonyms:
        return lex.demonyms[text]
    if text in lex.groups:
        return text
    return None

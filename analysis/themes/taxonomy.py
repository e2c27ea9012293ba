"""Theme taxonomies: load and validate the YAML file that lists each theme's label, description and terms."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Mapping

import yaml
from pydantic import Field, StringConstraints, ValidationError, field_validator, model_validator

from ..errors import InputNotFoundError, PresslensError
from ..paths import LEXICONS_DIR
from ..types import PathLike
from ..validation import LexiconFile

TAXONOMY_PATH = LEXICONS_DIR / "themes.yaml"


# The weights and thresholds a taxonomy file may set under ``salience:`` (the fields of
# analysis.themes.salience.SalienceSettings, which a test keeps in agreement).
SALIENCE_KEYS = ("lead_weight", "broad_weight", "role_weight", "modifier_weight", "primary_share",
                 "secondary_share", "min_evidence", "min_scope_evidence", "title_weight", "repeat_exponent",
                 "min_terms", "min_specific")


_WORD = re.compile(r"\w")
_THEME_NAME = r"^[a-z][a-z0-9_]*$"  # pydantic's regex engine: $ is the very end


class TaxonomyError(PresslensError, ValueError):
    """A theme taxonomy file is malformed: the message names the file, the theme and the problem."""

    def __init__(self, source: str, theme: str | None, problem: str) -> None:
        self.source = str(source)
        self.theme = theme
        self.problem = problem
        where = f"{source}: theme {theme!r}" if theme is not None else str(source)
        super().__init__(f"{where}: {problem}; see {TAXONOMY_PATH.name} in analysis/lexicons for the format")


@dataclass(frozen=True)
class OrganisationNames:
    """Names of organisations that count as terms of a theme (see :mod:`analysis.themes.bodies`):
    a name that starts with one of ``first_words`` and has one of ``head_words`` as its head, or
    that has one of ``any_words``."""

    first_words: frozenset[str] = frozenset()
    head_words: frozenset[str] = frozenset()
    any_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Theme:
    """One theme of a taxonomy: a key, the label shown in tables, a description and its terms.

    ``broad_terms`` are matched like ``terms`` but weigh less: words met in news on any subject
    or with a common sense outside the theme (see :mod:`analysis.themes.salience`).
    """

    name: str
    label: str
    description: str
    terms: tuple[str, ...]
    broad_terms: tuple[str, ...] = ()
    organisation_names: OrganisationNames | None = None


@dataclass(frozen=True)
class Taxonomy:
    """A theme taxonomy, in file order, with the digest of its source for cache keys."""

    themes: tuple[Theme, ...]
    source: str
    sha256: str
    salience: tuple[tuple[str, float], ...] = ()  # the file's ``salience:`` settings, as (key, value)

    @property
    def labels(self) -> list[str]:
        """Return the theme labels in taxonomy order."""
        return [theme.label for theme in self.themes]


def load_taxonomy(path: PathLike | None = None) -> Taxonomy:
    """Load and check a theme taxonomy from a YAML file.

    Args:
        path: The YAML file; by default the taxonomy shipped in ``analysis/lexicons/themes.yaml``.

    Returns:
        The taxonomy, cached by file content: an edited file is read again.

    Raises:
        InputNotFoundError: The file does not exist.
        TaxonomyError: The file is not valid YAML or not a taxonomy; the message names the theme
            and the problem.

    Example:
        >>> [t.label for t in load_taxonomy().themes][:2]
        ['Diplomacy', 'Security and defence']
    """
    file = Path(path) if path is not None else TAXONOMY_PATH
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError(str(file)) from None
    return _parse_cached(data, str(file))


@lru_cache(maxsize=16)
def _parse_cached(data: bytes, source: str) -> Taxonomy:
    try:
        parsed = yaml.safe_load(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TaxonomyError(source, None, "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise TaxonomyError(source, None, f"invalid YAML{where} ({problem})") from None
    return parse_taxonomy(parsed, source=source, sha256=hashlib.sha256(data).hexdigest())


def parse_taxonomy(data: Any, *, source: str = "<taxonomy>", sha256: str = "") -> Taxonomy:
    """Check a parsed taxonomy (``{"themes": {name: {label, description, terms[, broad_terms]}}}``) and build it.

    The file's schema is the pydantic model :class:`TaxonomyFile`; its errors are turned into one
    message naming the theme, the key and the fix.

    Args:
        data: The parsed YAML document.
        source: Where it came from, for error messages.
        sha256: The digest of the source file.

    Raises:
        TaxonomyError: The first problem found, naming the theme.
    """
    if not isinstance(data, Mapping):
        raise TaxonomyError(source, None, _THEMES_HELP)
    try:
        spec = TaxonomyFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key is the cause of the "missing" error that comes with it: report it first.
        first = next((error for error in errors if error["type"] == "extra_forbidden"), errors[0])
        theme, problem = _describe(first, data)
        raise TaxonomyError(source, theme, problem) from None
    themes: list[Theme] = []
    labels: dict[str, str] = {}
    for name, theme_spec in spec.themes.items():
        if theme_spec.label.casefold() in labels:
            raise TaxonomyError(source, name, f"label {theme_spec.label!r} is also the label of theme "
                                f"{labels[theme_spec.label.casefold()]!r}; labels must be unique")
        labels[theme_spec.label.casefold()] = name
        themes.append(Theme(name=name, label=theme_spec.label, description=theme_spec.description,
                            terms=tuple(theme_spec.terms), broad_terms=tuple(theme_spec.broad_terms),
                            organisation_names=theme_spec.organisation_names.build()
                            if theme_spec.organisation_names else None))
    salience = tuple((key, float(value)) for key, value in (spec.salience or {}).items())
    return Taxonomy(themes=tuple(themes), source=source, sha256=sha256, salience=salience)


# --- the file's schema ----------------------------------------------------------------------------

_THEMES_HELP = "the file must be a mapping with a 'themes' mapping of theme names to {label, description, terms}"
_SALIENCE_HELP = f"'salience' must be a mapping of {', '.join(SALIENCE_KEYS)} to numbers"
# What each key of a theme must be, said once for every way of getting it wrong (absent, empty,
# of the wrong type).
_FIELD_HELP = {
    "label": "'label' is missing or not a non-empty string",
    "description": "'description' must be a string",
    "terms": "'terms' is missing or not a non-empty list of words and phrases",
    "broad_terms": "'broad_terms' must be a list of words and phrases",
    "organisation_names": "'organisation_names' must be a mapping of first_words, head_words and "
                          "any_words to lists of single capitalised words",
}


def _clean_terms(terms: Any) -> Any:
    """Check each term of a list is a word or phrase without '|'; collapse its spaces."""
    if not isinstance(terms, list):
        return terms  # the list type check reports it
    for term in terms:
        if not isinstance(term, str) or not _WORD.search(term):
            raise ValueError(f"term {term!r} is not a word or phrase")
        if "|" in term:
            raise ValueError(f"term {term!r} contains '|'")
    return [" ".join(term.split()) for term in terms]


class OrganisationNamesSpec(LexiconFile):
    """A theme's ``organisation_names`` as written in the file."""

    first_words: list[str] = Field(default_factory=list)
    head_words: list[str] = Field(default_factory=list)
    any_words: list[str] = Field(default_factory=list)

    @field_validator("first_words", "head_words", "any_words")
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        for word in words:
            if not word.replace("-", "").isalpha() or not word[0].isupper():
                raise ValueError(f"organisation_names: {word!r} is not a single capitalised word")
        return words

    @model_validator(mode="after")
    def _pairs(self) -> OrganisationNamesSpec:
        if bool(self.first_words) != bool(self.head_words):
            raise ValueError("organisation_names: first_words and head_words go together (a name needs both)")
        if not (self.head_words or self.any_words):
            raise ValueError("organisation_names: give first_words and head_words, or any_words")
        return self

    def build(self) -> OrganisationNames:
        """Return the words as the matcher reads them."""
        return OrganisationNames(frozenset(self.first_words), frozenset(self.head_words), frozenset(self.any_words))


class ThemeSpec(LexiconFile):
    """One theme as written in the file."""

    label: str
    description: str = ""
    terms: list[str] = Field(min_length=1)
    broad_terms: list[str] = Field(default_factory=list)
    organisation_names: OrganisationNamesSpec | None = None

    @field_validator("label")
    @classmethod
    def _label(cls, label: str) -> str:
        if not label.strip():
            raise ValueError(_FIELD_HELP["label"])
        if "|" in label:
            raise ValueError(f"label {label!r} contains '|', which separates list values in tables")
        return label.strip()

    @field_validator("description")
    @classmethod
    def _description(cls, description: str) -> str:
        return description.strip()

    @field_validator("terms", "broad_terms", mode="before")
    @classmethod
    def _terms(cls, terms: Any) -> Any:
        return [] if terms is None else _clean_terms(terms)

    @model_validator(mode="after")
    def _terms_once(self) -> ThemeSpec:
        seen: set[str] = set()
        for term in [*self.terms, *self.broad_terms]:
            if term in seen:
                raise ValueError(f"term {term!r} is listed twice (in 'terms' or 'broad_terms')")
            seen.add(term)
        return self


ThemeName = Annotated[str, StringConstraints(pattern=_THEME_NAME)]
SalienceValue = Annotated[float, Field(ge=0, strict=True)] | Annotated[int, Field(ge=0, strict=True)]


class TaxonomyFile(LexiconFile):
    """A taxonomy file: its themes in order and optional salience settings."""

    version: int = 1
    salience: dict[Literal[SALIENCE_KEYS], SalienceValue] | None = None  # type: ignore[valid-type]
    themes: dict[ThemeName, ThemeSpec] = Field(min_length=1)


def _describe(error: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[str | None, str]:
    """Turn a pydantic error on a taxonomy into (the theme it concerns or None, the problem and fix)."""
    loc, kind = tuple(error["loc"]), error["type"]
    if kind == "value_error":
        problem = str(error["ctx"]["error"])
    if loc[:1] == ("themes",):
        if len(loc) == 1:
            return None, "'themes' is empty; give at least one theme" if kind == "too_short" else _THEMES_HELP
        theme = str(loc[1])
        if loc[-1] == "[key]":
            return theme, ("a theme name must be lower-case letters, digits and underscores, starting "
                           "with a letter (e.g. security_defence)")
        if len(loc) == 2:
            if kind == "value_error":
                return theme, problem
            return theme, (f"must be a mapping with keys {sorted(ThemeSpec.model_fields)}, "
                           f"got {type(data['themes'][loc[1]]).__name__}")
        key = str(loc[2])
        if kind == "extra_forbidden" and len(loc) > 3:
            return theme, (f"unknown key {str(loc[3])!r} in 'organisation_names'; valid keys are "
                           f"{sorted(OrganisationNamesSpec.model_fields)}")
        if kind == "extra_forbidden":
            return theme, f"unknown key {key!r}; valid keys are {sorted(ThemeSpec.model_fields)}"
        if kind == "value_error":
            return theme, problem
        return theme, _FIELD_HELP[key]
    if loc[:1] == ("salience",):
        if len(loc) == 1:
            return None, _SALIENCE_HELP
        key = str(loc[1])
        if key not in SALIENCE_KEYS:
            return None, f"unknown salience setting {key!r}; valid ones are {', '.join(SALIENCE_KEYS)}"
        return None, f"salience setting {key!r} must be a number >= 0, got {error['input']!r}"
    if kind == "extra_forbidden":
        return None, f"unknown top-level key {loc[0]!r}; valid keys are {sorted(TaxonomyFile.model_fields)}"
    return None, f"{loc[0]!r}: {error['msg'].lower()}"

"""Theme taxonomies: load and validate the YAML file that lists each theme's label, description and terms."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..errors import InputNotFoundError, PresslensError
from ..paths import LEXICONS_DIR
from ..types import PathLike

TAXONOMY_PATH = LEXICONS_DIR / "themes.yaml"


THEME_KEYS = {"label", "description", "terms", "broad_terms"}
# The weights and thresholds a taxonomy file may set under ``salience:`` (the fields of
# analysis.themes.salience.SalienceSettings, which a test keeps in agreement).
SALIENCE_KEYS = ("lead_weight", "broad_weight", "role_weight", "modifier_weight", "primary_share",
                 "secondary_share", "min_evidence", "min_scope_evidence", "title_weight", "repeat_exponent",
                 "min_terms")


_WORD = re.compile(r"\w")
_THEME_NAME = re.compile(r"\A[a-z][a-z0-9_]*\Z")


class TaxonomyError(PresslensError, ValueError):
    """A theme taxonomy file is malformed: the message names the file, the theme and the problem."""

    def __init__(self, source: str, theme: str | None, problem: str) -> None:
        self.source = str(source)
        self.theme = theme
        self.problem = problem
        where = f"{source}: theme {theme!r}" if theme is not None else str(source)
        super().__init__(f"{where}: {problem}; see {TAXONOMY_PATH.name} in analysis/lexicons for the format")


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

    Args:
        data: The parsed YAML document.
        source: Where it came from, for error messages.
        sha256: The digest of the source file.

    Raises:
        TaxonomyError: The first problem found, naming the theme.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("themes"), Mapping):
        raise TaxonomyError(source, None, "the file must be a mapping with a 'themes' mapping "
                            "of theme names to {label, description, terms}")
    if not data["themes"]:
        raise TaxonomyError(source, None, "'themes' is empty; give at least one theme")
    salience = _parse_salience(data.get("salience"), source)
    themes: list[Theme] = []
    labels: dict[str, str] = {}
    for name, spec in data["themes"].items():
        theme = _parse_theme(name, spec, source)
        if theme.label.casefold() in labels:
            raise TaxonomyError(source, name, f"label {theme.label!r} is also the label of theme "
                                f"{labels[theme.label.casefold()]!r}; labels must be unique")
        labels[theme.label.casefold()] = name
        themes.append(theme)
    return Taxonomy(themes=tuple(themes), source=source, sha256=sha256, salience=salience)


def _parse_salience(spec: Any, source: str) -> tuple[tuple[str, float], ...]:
    """Check the optional ``salience:`` mapping of weights and thresholds."""
    if spec is None:
        return ()
    if not isinstance(spec, Mapping):
        raise TaxonomyError(source, None, f"'salience' must be a mapping of {', '.join(SALIENCE_KEYS)} to numbers")
    out = []
    for key, value in spec.items():
        if key not in SALIENCE_KEYS:
            raise TaxonomyError(source, None,
                                f"unknown salience setting {key!r}; valid ones are {', '.join(SALIENCE_KEYS)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise TaxonomyError(source, None, f"salience setting {key!r} must be a number >= 0, got {value!r}")
        out.append((str(key), float(value)))
    return tuple(out)


def _parse_theme(name: Any, spec: Any, source: str) -> Theme:
    if not isinstance(name, str) or not _THEME_NAME.match(name):
        raise TaxonomyError(source, str(name), "a theme name must be lower-case letters, digits and "
                            "underscores, starting with a letter (e.g. security_defence)")
    if not isinstance(spec, Mapping):
        raise TaxonomyError(source, name, f"must be a mapping with keys {sorted(THEME_KEYS)}, "
                            f"got {type(spec).__name__}")
    unknown = sorted(set(map(str, spec)) - THEME_KEYS)
    if unknown:
        raise TaxonomyError(source, name, f"unknown key {unknown[0]!r}; valid keys are {sorted(THEME_KEYS)}")
    label, description, terms = spec.get("label"), spec.get("description", ""), spec.get("terms")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(source, name, "'label' is missing or not a non-empty string")
    if "|" in label:
        raise TaxonomyError(source, name, f"label {label!r} contains '|', which separates list values in tables")
    if not isinstance(description, str):
        raise TaxonomyError(source, name, f"'description' must be a string, got {type(description).__name__}")
    if not isinstance(terms, list) or not terms:
        raise TaxonomyError(source, name, "'terms' is missing or not a non-empty list of words and phrases")
    broad = spec.get("broad_terms") or []
    if not isinstance(broad, list):
        raise TaxonomyError(source, name, "'broad_terms' must be a list of words and phrases")
    seen: set[str] = set()
    for term in [*terms, *broad]:
        if not isinstance(term, str) or not _WORD.search(term):
            raise TaxonomyError(source, name, f"term {term!r} is not a word or phrase")
        if "|" in term:
            raise TaxonomyError(source, name, f"term {term!r} contains '|'")
        if term.strip() in seen:
            raise TaxonomyError(source, name, f"term {term.strip()!r} is listed twice (in 'terms' or 'broad_terms')")
        seen.add(term.strip())
    return Theme(name=name, label=label.strip(), description=description.strip(),
                 terms=tuple(" ".join(t.split()) for t in terms),
                 broad_terms=tuple(" ".join(t.split()) for t in broad))



"""Organisations that belong to a theme by the shape of their names.

Some kinds of organisation say what a story is about whatever they are called: a body whose name
joins a supranational word to an institution ("the Northern Ocean Fisheries Commission", "the
World Forestry Bank") is an intergovernmental body, and its presence makes relations between
states part of the story. A taxonomy cannot list every such body (and a list of particular names
is a list of one corpus's actors), but it can describe their names. A theme's
``organisation_names`` do so: an organisation of the actors table whose name starts with one of
``first_words`` and whose head word (the last word before "of", "for", "on"...) is one of
``head_words``, or whose name has one of ``any_words``, counts as a term of the theme at each
mention by name (its acronym or short form included, as the actors component links them).

The component works from the actors the ``presslens_actors`` component stored on the Doc; without
them (a pipeline without actors), no organisation counts.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from ..constants import MENTIONS_KEY
from .taxonomy import Taxonomy

ACTORS_EXTENSION = "presslens_actors"


def head_word(words: list[str]) -> str:
    """Return the head word of a name: its last word before the first lower-case word that is
    not "and" ("Court" in "Regional Court of Appeal", "Agency" in "Joint Fisheries Agency")."""
    head = words[-1]
    for index, word in enumerate(words):
        if index and word[:1].islower() and word not in ("and", "&"):
            head = words[index - 1]
            break
    return head.strip(",")


def name_themes(name: str, taxonomy: Taxonomy) -> list[str]:
    """Return the labels of the themes whose ``organisation_names`` describe the organisation ``name``."""
    words = name.split()
    if not words:
        return []
    head, first, every = head_word(words), words[0], {word.strip(",") for word in words}
    found = []
    for theme in taxonomy.themes:
        spec = theme.organisation_names
        if spec is None:
            continue
        if (first in spec.first_words and head in spec.head_words) or not every.isdisjoint(spec.any_words):
            found.append(theme.label)
    return found


def organisation_mentions(doc: Doc, taxonomy: Taxonomy) -> Iterable[tuple[int, int, str, str, float]]:
    """Yield ``(start, end, theme label, actor name, weight)`` for each mention by name of an
    organisation that belongs to a theme by its name; a name of ``k`` themes weighs ``1/k``.

    Mentions by pronoun or description ("it", "the commission") are not counted: the name is the
    evidence.
    """
    if not any(theme.organisation_names for theme in taxonomy.themes):
        return
    actors = doc._.get(ACTORS_EXTENSION) if Doc.has_extension(ACTORS_EXTENSION) else None
    if not actors or MENTIONS_KEY not in doc.spans:
        return
    themes_of: dict[str, list[str]] = {}
    names_of: dict[str, set[str]] = {}
    for actor in actors:
        if actor["type"] == "organisation" and (found := name_themes(actor["actor"], taxonomy)):
            themes_of[actor["actor"]] = found
            names_of[actor["actor"]] = {actor["actor"], *actor["aliases"]}
    if not themes_of:
        return
    for span in doc.spans[MENTIONS_KEY]:
        actor = span._.get("actor")
        if actor in themes_of and span.text in names_of[actor]:
            for label in themes_of[actor]:
                yield span.start, span.end, label, actor, 1.0 / len(themes_of[actor])

"""What counts as an attribution: the ``attributions`` parameter.

``statements`` (the default) keeps what someone said or wrote, as in the Wikinews gold
conventions: "The minister said the plan had failed", "urged voters to stay home", "called the
plan a disaster", and any reported content that carries quoted words. It leaves out reported
content that is only a noun phrase ("denounced the plan", "called for calm"), beliefs ("voters
fear that ..."), intentions ("the company plans to close ...") and official acts.

``all`` is PolNeAR's broad reading of attribution: it also keeps stances with a noun-phrase
object, beliefs, intentions and evidence, each with its source, negated acts ("did not mention
the tax"), nouns that attribute ("his claim that ...", "support for the plan") and judgements
whose source is left unnamed ("the plan seems doomed", "the mayor is expected to resign"; see
:mod:`analysis.quotes.broad`).

Example:
    >>> from analysis import extract
    >>> extract("articles/", attributions="all")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Literal, get_args

from .cues import Cue

Attributions = Literal["statements", "all"]
ATTRIBUTIONS: tuple[str, ...] = get_args(Attributions)
DEFAULT_ATTRIBUTIONS: Attributions = "statements"

# Lexicon groups whose unquoted content is a state of mind or a plan, not something said or written.
_NOT_SAID = frozenset({"belief", "intention"})


def check_attributions(value: str) -> Attributions:
    """Return ``value`` when it names an attribution mode, else raise ValueError."""
    if value not in ATTRIBUTIONS:
        raise ValueError(f"attributions must be one of {', '.join(ATTRIBUTIONS)}, not {value!r}")
    return value  # type: ignore[return-value]


def counts_as_attribution(cue: Cue, kind: str, attributions: Attributions) -> bool:
    """Whether the content a cue reports counts as an attribution in the given mode.

    Args:
        cue: The reporting cue.
        kind: The quote's kind: content with quoted words (``direct``, ``mixed``) always counts.
        attributions: ``statements`` or ``all``.
    """
    if attributions == "all" or kind != "indirect":
        return True
    # class: stance verbs with a bare noun-phrase object ("criticized the move", "asked for help")
    # and verbs of belief or intention report no statement
    return not cue.nominal and cue.group not in _NOT_SAID

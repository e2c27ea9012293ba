"""Rules for notebook parameters, checked by the runner before any notebook runs and by each
notebook's first cell (so a run from JupyterLab gets the same errors).

Types come from the notebooks' ``parameters`` cells; the allowed values of each name are here,
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ParameterError


@dataclass(frozen=True)
class Rule:
    """The allowed values of one parameter: a numeric range, a set of choices, or a path."""

    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    path: bool = False
    model: bool = False
    date: bool = False
    texts: bool = False

    def describe(self) -> str:
        """Say in words what is allowed."""
        if self.date:
            return "a date written YYYY-MM-DD (e.g. 2019-06-01), or empty for no bound"
        if self.texts:
            return "a list of names, e.g. [BBC, CNN] (or one name), or empty for all"
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.path:
            return "an existing file or folder, or empty for the default"
        if self.model:
            return "an installed spaCy pipeline, or empty for the default"
        low = "" if self.minimum is None else f">= {self.minimum:g}"
        high = "" if self.maximum is None else f"<= {self.maximum:g}"
        return " and ".join(x for x in (low, high) if x)


RULES: dict[str, Rule] = {
    # the input and the extraction
    "corpus": Rule(path=True),
    "model": Rule(model=True),
    "taxonomy": Rule(path=True),
    "attributions": Rule(choices=("statements", "all")),
    # the corpus subset, shared by every notebook (see analysis.report.subset)
    "date_from": Rule(date=True),
    "date_to": Rule(date=True),
    "outlets": Rule(texts=True),
    "sample": Rule(minimum=0),
    "seed": Rule(minimum=0),
    # what the pages show, each named for what it counts
    "top_actors": Rule(minimum=1, maximum=500),
    "top_speakers": Rule(minimum=1, maximum=500),
    "themes_per_article": Rule(minimum=1, maximum=100),
    "keyphrases_per_article": Rule(minimum=1, maximum=100),
    "table_rows": Rule(minimum=1, maximum=5000),
    "min_mentions": Rule(minimum=1),
    "window": Rule(choices=("sentence", "paragraph")),
    "max_articles": Rule(minimum=1, maximum=500),
    "quotes_per_speaker": Rule(minimum=0, maximum=20),
    "overlap": Rule(minimum=0.0, maximum=1.0),
    "n_topics": Rule(minimum=0, maximum=50),
    "period": Rule(choices=("W", "M", "Q", "Y")),
    "min_score": Rule(minimum=0.0),
}
"""The allowed values of each parameter, by name; a name without a rule takes any value of its type."""


def parse_date(name: str, value: str) -> date | None:
    """Read a ``YYYY-MM-DD`` date parameter; empty means no bound.

    Raises:
        ParameterError: The value is not such a date.
    """
    if not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError(f"parameter {name!r} = {value!r} is not allowed; it must be "
                             f"{RULES['date_from'].describe()}") from None


def check_parameters(**params: Any) -> None:
    """Check parameter values against :data:`RULES`; names without a rule pass.

    Raises:
        ParameterError: A value out of range, not among the choices, or a missing path, naming
            the parameter and what is allowed.

    A ``date_to`` before ``date_from`` is an error too.

    Example:
        >>> check_parameters(top_actors=10, window="sentence", date_from="2019-06-01")
    """
    for name, value in params.items():
        rule = RULES.get(name)
        if rule is None or value is None:
            continue
        if rule.date:
            parse_date(name, value)
            continue
        if rule.texts:
            ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) and v.strip() for v in value)
        elif rule.path:
            ok = not str(value).strip() or Path(str(value)).expanduser().exists()
        elif rule.model:
            ok = not str(value).strip() or _model_installed(str(value))
        elif rule.choices:
            ok = value in rule.choices
        else:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (
                (rule.minimum is None or value >= rule.minimum) and (rule.maximum is None or value <= rule.maximum))
        if not ok:
            raise ParameterError(f"parameter {name!r} = {value!r} is not allowed; it must be {rule.describe()}")
    start = parse_date("date_from", params.get("date_from") or "")
    end = parse_date("date_to", params.get("date_to") or "")
    if start and end and end < start:
        raise ParameterError(f"date_to = {params['date_to']!r} is before date_from = {params['date_from']!r}; "
                             "the period runs from date_from to date_to, both days included")


def _model_installed(name: str) -> bool:
    from ..errors import ModelNotFoundError
    from ..pipeline import model_meta

    try:
        model_meta(name)
    except ModelNotFoundError:
        return False
    return True

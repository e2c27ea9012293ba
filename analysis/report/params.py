"""Rules for notebook parameters, checked by the runner before any notebook runs and by each
notebook's first cell (so a run from JupyterLab gets the same errors).

Types come from the notebooks' ``parameters`` cells; the allowed values of each name are here,
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
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

    def describe(self) -> str:
        """Say in words what is allowed."""
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
    "corpus": Rule(path=True),
    "model": Rule(model=True),
    "taxonomy": Rule(path=True),
    "top_n": Rule(minimum=1, maximum=500),
    "min_mentions": Rule(minimum=1),
    "window": Rule(choices=("sentence", "paragraph")),
    "max_articles": Rule(minimum=1),
    "quotes_per_speaker": Rule(minimum=0, maximum=20),
    "overlap": Rule(minimum=0.0, maximum=1.0),
    "n_topics": Rule(minimum=2, maximum=50),
    "min_score": Rule(minimum=0.0),
}


def check_parameters(**params: Any) -> None:
    """Check parameter values against :data:`RULES`; names without a rule pass.

    Raises:
        ParameterError: A value out of range, not among the choices, or a missing path, naming
            the parameter and what is allowed.

    Example:
        >>> check_parameters(top_n=10, window="sentence")
    """
    for name, value in params.items():
        rule = RULES.get(name)
        if rule is None or value is None:
            continue
        if rule.path:
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


def _model_installed(name: str) -> bool:
    from ..errors import ModelNotFoundError
    from ..pipeline import model_meta

    try:
        model_meta(name)
    except ModelNotFoundError:
        return False
    return True

"""The allowed values of notebook parameters, checked by the runner before any notebook runs and
by each notebook's first cell (so a run from JupyterLab gets the same errors).

Types come from the notebooks' ``parameters`` cells; the allowed values of each name are the
pydantic model :class:`NotebookParameters`, in one place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, ValidationError

from ..errors import ParameterError

DATE_HELP = "a date written YYYY-MM-DD (e.g. 2019-06-01), or empty for no bound"


def _existing_path(value: str) -> str:
    if value.strip() and not Path(value).expanduser().exists():
        raise ValueError("no such file or folder")
    return value


def _installed_model(value: str) -> str:
    if value.strip() and not _model_installed(value):
        raise ValueError("no such spaCy pipeline")
    return value


def _iso_date(value: str) -> str:
    if value.strip():
        date.fromisoformat(value.strip())  # ValueError on anything else
    return value


def _names(value: list[str]) -> list[str]:
    if not all(name.strip() for name in value):
        raise ValueError("empty name")
    return value


Number = Annotated[float, Strict()]  # an int or a float, not a bool or a string
PathText = Annotated[str, AfterValidator(_existing_path)]
ModelName = Annotated[str, AfterValidator(_installed_model)]
DateText = Annotated[str, AfterValidator(_iso_date)]
Names = Annotated[list[Annotated[str, Strict()]], AfterValidator(_names)]  # a tuple is as good as a list


class NotebookParameters(BaseModel):
    """The notebook parameters that have rules; a name not listed here takes any value of its type.

    Each field's ``description`` is what the error message says is allowed; a range or a set of
    choices is described from the field itself. Defaults are the notebooks' own, so none is set
    here (an absent or ``None`` value is not checked).
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    # the input and the extraction
    corpus: PathText | None = Field(None, description="an existing file or folder, or empty for the default")
    model: ModelName | None = Field(None, description="an installed spaCy pipeline, or empty for the default")
    taxonomy: PathText | None = Field(None, description="an existing file or folder, or empty for the default")
    attributions: Literal["statements", "all"] | None = None
    # the corpus subset, shared by every notebook (see analysis.report.subset)
    date_from: DateText | None = Field(None, description=DATE_HELP)
    date_to: DateText | None = Field(None, description=DATE_HELP)
    outlets: Names | None = Field(None, description="a list of names, e.g. [BBC, CNN] (or one name), or empty for all")
    sample: Number | None = Field(None, ge=0)
    seed: Number | None = Field(None, ge=0)
    # what the pages show, each named for what it counts
    top_actors: Number | None = Field(None, ge=1, le=500)
    top_speakers: Number | None = Field(None, ge=1, le=500)
    themes_per_article: Number | None = Field(None, ge=1, le=100)
    keyphrases_per_article: Number | None = Field(None, ge=1, le=100)
    table_rows: Number | None = Field(None, ge=1, le=5000)
    min_mentions: Number | None = Field(None, ge=1)
    window: Literal["sentence", "paragraph"] | None = None
    max_articles: Number | None = Field(None, ge=1, le=500)
    quotes_per_speaker: Number | None = Field(None, ge=0, le=20)
    overlap: Number | None = Field(None, ge=0.0, le=1.0)
    n_topics: Number | None = Field(None, ge=0, le=50)
    period: Literal["W", "M", "Q", "Y"] | None = None
    min_score: Number | None = Field(None, ge=0.0)


PATH_PARAMETERS = ("corpus", "taxonomy")
"""Parameters naming a file or folder: the runner makes them absolute before the notebooks run."""


def allowed(name: str) -> str:
    """Say in words what parameter ``name`` may be."""
    field = NotebookParameters.model_fields[name]
    if field.description:
        return field.description
    literal = next(iter(get_args(field.annotation)), None)  # Literal[...] | None
    if get_origin(literal) is Literal:
        choices = get_args(literal)
        return "one of " + ", ".join(repr(choice) for choice in choices)
    low = next((f">= {rule.ge:g}" for rule in field.metadata if isinstance(rule, Ge)), "")
    high = next((f"<= {rule.le:g}" for rule in field.metadata if isinstance(rule, Le)), "")
    return " and ".join(x for x in (low, high) if x)


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
        raise ParameterError(f"parameter {name!r} = {value!r} is not allowed; it must be {DATE_HELP}") from None


def check_parameters(**params: Any) -> None:
    """Check parameter values against :class:`NotebookParameters`; names without a rule pass.

    Raises:
        ParameterError: A value out of range, not among the choices, or a missing path, naming
            the parameter and what is allowed.

    A ``date_to`` before ``date_from`` is an error too.

    Example:
        >>> check_parameters(top_actors=10, window="sentence", date_from="2019-06-01")
    """
    given = {name: value for name, value in params.items() if value is not None}
    for name in ("corpus", "model", "taxonomy"):  # a Path object is as good as its text
        if isinstance(given.get(name), Path):
            given[name] = str(given[name])
    try:
        NotebookParameters.model_validate(given)
    except ValidationError as exc:
        name = str(exc.errors()[0]["loc"][0])
        raise ParameterError(f"parameter {name!r} = {params[name]!r} is not allowed; "
                             f"it must be {allowed(name)}") from None
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

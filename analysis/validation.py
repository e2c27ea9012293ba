"""Read YAML lexicon files and check them against pydantic models, with errors a user can act on.

A misspelt key in a lexicon would otherwise give an empty word list without a word of warning;
here it is an error that names the file, the key, the valid keys and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputNotFoundError, PresslensError

Model = TypeVar("Model", bound=BaseModel)


class LexiconError(PresslensError, ValueError):
    """A lexicon file is malformed: the message names the file, the key and the fix."""


class LexiconFile(BaseModel):
    """Base of the lexicon file models: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def read_lexicon(path: Path, model: type[Model]) -> Model:
    """Read the YAML file ``path`` and validate it with ``model``.

    Args:
        path: The lexicon file.
        model: A :class:`LexiconFile` subclass describing its keys.

    Returns:
        The validated content; keys absent from the file take the model's defaults.

    Raises:
        InputNotFoundError: The file does not exist.
        LexiconError: The file is not YAML, not a mapping, or a key is unknown or of the wrong type.
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such lexicon file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML ({exc}); check the indentation and the colons") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: the file must be a mapping of keys to word lists, "
                           f"not a {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        valid = ", ".join(sorted(model.model_fields))
        if error["type"] == "extra_forbidden":
            problem = f"unknown key {key!r}; valid keys are [{valid}]: correct its spelling or remove it"
        else:
            problem = f"key {key!r}: {error['msg'].lower()}; give it as in the lexicon shipped with Presslens"
        raise LexiconError(f"{path}: {problem}") from None

"""Type aliases shared by the public API."""

from __future__ import annotations

import os
from typing import Union

from spacy.tokens import Doc, Span

PathLike = Union[str, "os.PathLike[str]"]
DocLike = Union[Doc, Span]

"""The themes capability (not implemented yet: the component is not registered, so no rows)."""

from __future__ import annotations

from spacy.tokens import Doc


def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the table rows this capability stored on ``doc`` (none until it is implemented)."""
    return {}

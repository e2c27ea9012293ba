"""Names shared by every capability: actor types, their colours, Doc keys and the list separator.

Each concept is defined here once; the capabilities and the tables import it from here.
"""

from __future__ import annotations

ACTOR_TYPES = ("person", "organisation", "place", "group")
"""The types of the ``actors`` table, in display order."""

UNRESOLVED = "unresolved"
"""The label under which summaries count quotes whose speaker is no actor."""

TYPE_COLOURS = {"person": "#4c72b0", "organisation": "#dd8452", "place": "#55a868", "group": "#8172b3",
                UNRESOLVED: "#b0b0b0"}
"""One colour per actor type, the same in every figure."""

OTHER_COLOUR = "#999999"
KIND_COLOURS = {"direct": "#4c72b0", "mixed": "#8172b3", "indirect": "#dd8452"}
"""One colour per quote kind."""

LIST_SEPARATOR = "|"
"""Joins list values (aliases, roles, evidence) in table cells, so CSV and Parquet agree."""

ERRORS_KEY = "presslens_errors"
"""``doc.user_data[ERRORS_KEY]``: the messages of the components that failed on the Doc."""

MENTIONS_KEY = "presslens_mentions"
"""``doc.spans[MENTIONS_KEY]``: every actor mention, labelled with its canonical actor."""

QUOTES_KEY = "presslens_quotes"
"""``doc.spans[QUOTES_KEY]``: quote contents, with speaker and cue extensions."""

THEME_TERMS_KEY = "presslens_theme_terms"
"""``doc.spans[THEME_TERMS_KEY]``: the matched theme terms, labelled with their theme."""

"""On-disk cache of per-article extraction records.

An entry is keyed by the article body's sha256 and the pipeline fingerprint (model name and
version, Presslens version, component configuration, extractor and lexicon source; see
:func:`analysis.pipeline.pipeline_fingerprint`), so a changed article, model or rule is
processed again and an unchanged one is not. Entries are small JSON files written atomically.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .files import write_text


class RecordCache:
    """Per-article records stored under ``directory``, valid for one pipeline fingerprint."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint

    def path(self, sha256: str) -> Path:
        """Return the file that holds the records of the body with this digest."""
        key = hashlib.sha256(f"{self.fingerprint}:{sha256}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, sha256: str) -> dict[str, list[dict]] | None:
        """Return the cached records, or ``None`` when absent or unreadable."""
        try:
            return json.loads(self.path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, sha256: str, records: dict[str, list[dict]]) -> None:
        """Store the records of one article."""
        write_text(self.path(sha256), json.dumps(records, ensure_ascii=False, separators=(",", ":")))

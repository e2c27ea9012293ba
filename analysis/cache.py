"""On-disk cache of per-article extraction records, in one SQLite file.

An entry is keyed by the article body's sha256 (combined with its title when it has one, which
the themes component reads) and the pipeline fingerprint (model name and
version, Presslens version, component configuration and the whole package source; see
:func:`analysis.pipeline.pipeline_fingerprint`), so a changed article, model or rule is
processed again and an unchanged one is not. Each entry also records the digest of the package
source that wrote it, so :meth:`RecordCache.prune` can drop what older code left behind.

SQLite (standard library) rather than one file per article: one file to move or delete, atomic
transactions, no orphaned files, and a whole chunk written in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from contextlib import closing
from pathlib import Path
from typing import Iterable

FILE_NAME = "records.sqlite"
_SCHEMA = """CREATE TABLE IF NOT EXISTS records (
    fingerprint TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    code TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (fingerprint, sha256)
)"""

Records = dict[str, list[dict]]


class RecordCache:
    """Per-article records stored in ``directory/records.sqlite``, for one pipeline fingerprint.

    Args:
        directory: The cache folder (created when needed).
        fingerprint: The pipeline fingerprint the entries are valid for.
        code: The digest of the package source (default: :func:`analysis.pipeline.package_digest`).
    """

    def __init__(self, directory: Path, fingerprint: str, code: str | None = None) -> None:
        from .pipeline import package_digest

        self.path = Path(directory) / FILE_NAME
        self.fingerprint = fingerprint
        self.code = code or package_digest()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=60)
        connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        connection.execute(_SCHEMA)
        return connection

    def get_many(self, digests: Iterable[str]) -> dict[str, Records]:
        """Return the cached records of the bodies with these digests (absent ones left out)."""
        wanted = list(dict.fromkeys(digests))
        found: dict[str, Records] = {}
        if not wanted or not self.path.exists():
            return found
        with closing(self._connect()) as db:
            for i in range(0, len(wanted), 500):  # SQLite limits the number of bound parameters
                part = wanted[i:i + 500]
                rows = db.execute(f"SELECT sha256, data FROM records WHERE fingerprint = ? AND sha256 IN "
                                  f"({','.join('?' * len(part))})", [self.fingerprint, *part])
                for sha256, data in rows:
                    try:
                        found[sha256] = json.loads(zlib.decompress(data))
                    except (zlib.error, ValueError):  # a damaged entry is processed again
                        continue
        return found

    def get(self, sha256: str) -> Records | None:
        """Return the cached records of one body, or ``None``."""
        return self.get_many([sha256]).get(sha256)

    def put_many(self, entries: Iterable[tuple[str, Records]]) -> None:
        """Store the records of several articles in one transaction."""
        rows = [(self.fingerprint, sha256, self.code,
                 zlib.compress(json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()))
                for sha256, records in entries]
        if not rows:
            return
        with closing(self._connect()) as db, db:
            db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)", rows)

    def put(self, sha256: str, records: Records) -> None:
        """Store the records of one article."""
        self.put_many([(sha256, records)])


def cache_info(directory: Path) -> dict[str, object]:
    """Describe the cache in ``directory``: its file, size, entries, and entries per code version.

    Returns:
        ``{"path", "bytes", "entries", "code_versions": {code digest prefix: entries}}``.
    """
    path = Path(directory) / FILE_NAME
    info: dict[str, object] = {"path": str(path), "bytes": 0, "entries": 0, "code_versions": {}}
    if not path.exists():
        return info
    with closing(sqlite3.connect(path, timeout=60)) as db:
        db.execute(_SCHEMA)
        versions = dict(db.execute("SELECT substr(code, 1, 12), COUNT(*) FROM records GROUP BY code"))
    info.update(bytes=sum(p.stat().st_size for p in path.parent.glob(FILE_NAME + "*")),
                entries=sum(versions.values()), code_versions=versions)
    return info


def prune_cache(directory: Path, code: str | None = None) -> int:
    """Delete the entries written by another version of the package source; return how many.

    Args:
        directory: The cache folder.
        code: The code digest to keep (default: the installed package's).
    """
    from .pipeline import package_digest

    path = Path(directory) / FILE_NAME
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path, timeout=60)) as db:
        with db:
            removed = db.execute("DELETE FROM records WHERE code != ?", [code or package_digest()]).rowcount
        db.execute("VACUUM")
    return removed

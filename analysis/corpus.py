"""Load news articles from text files, CSV or JSONL into an ``articles`` DataFrame.

The body of an article is its text with any header (title line, date line, ``date YYYY-MM-DD``
stamp, dateline) removed. It is never rewritten: whitespace, line endings and quotation marks stay
as they are in the decoded file, so ``body_offset + start`` is an offset into that file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .errors import CorpusError, InputNotFoundError
from .types import PathLike

ARTICLE_COLUMNS = [
    "article_id", "title", "date", "dateline", "source", "body_offset",
    "n_paragraphs", "n_words", "sha256", "url", "text",
]
ERROR_COLUMNS = ["article_id", "source", "stage", "error"]
TEXT_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}

# " date 2021-04-06 " stamp that some news exports put before the dateline.
_DATE_STAMP = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+")
# A dateline: one or more upper-case words, optionally "(Agency)", then a colon or dash.
_DATELINE = re.compile(
    r"\A[ \t]*([A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)*(?:,[ \t]*[A-Z][A-Za-z.]+)?)"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?::|—|–|--|-)[ \t]+"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "Friday, January 4, 2019" alone on a line (Wikinews style), trailing spaces allowed.
_DATE_LINE = re.compile(
    rf"\A[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,[ \t]*)?({_MONTHS})[ \t]+(\d{{1,2}}),[ \t]*(\d{{4}})"
    r"[ \t\u00a0]*(?:\r?\n|\Z)"
)
_BLANK_LINES = re.compile(r"[ \t\u00a0]*\r?\n(?:[ \t\u00a0]*\r?\n)+")
_LEADING_SPACE = re.compile(r"\A\s*")
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\u00a0]*\r?\n\s*")
_TITLE_MAX_CHARS = 250
_SENTENCE_END = re.compile(r"[.!?:][\"'”’»)]*\s*\Z")


@dataclass
class Corpus:
    """Articles read from the inputs, and the inputs that could not be read."""

    articles: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))


@dataclass
class Header:
    """What precedes the body of an article."""

    body_offset: int = 0
    title: str | None = None
    date: str | None = None
    dateline: str | None = None


def _skip_space(text: str) -> int:
    """Return the number of whitespace characters that open ``text``."""
    match = _LEADING_SPACE.match(text)
    return match.end() if match else 0


def parse_header(text: str) -> Header:
    """Find the title, date and dateline at the head of ``text`` and where the body starts.

    Recognised, in this order: a first-line title followed by a blank line; a date line such as
    ``Friday, January 4, 2019``; a ``date 2021-04-06`` stamp; a dateline such as ``ISLAMABAD:``.
    A first line is taken as a title only when it is short, does not end a sentence and is
    followed by a blank line and more text.

    Args:
        text: The decoded article text.

    Returns:
        The header fields and ``body_offset``, the number of characters before the body.
    """
    header = Header()
    pos = _skip_space(text)
    if not _DATE_STAMP.match(text, 0) and not _DATE_LINE.match(text[pos:]):
        first_break = _BLANK_LINES.search(text, pos)
        if first_break:
            line = text[pos:first_break.start()]
            rest = text[first_break.end():]
            if ("\n" not in line and len(line) <= _TITLE_MAX_CHARS and rest.strip()
                    and not _SENTENCE_END.search(line)):
                header.title = line.strip()
                pos = first_break.end()
    date_line = _DATE_LINE.match(text[pos:])
    if date_line:
        month = _MONTHS.split("|").index(date_line.group(1)) + 1
        header.date = f"{int(date_line.group(3)):04d}-{month:02d}-{int(date_line.group(2)):02d}"
        pos += date_line.end()
        pos += _skip_space(text[pos:])
    stamp = _DATE_STAMP.match(text[pos:])
    if stamp:
        header.date = stamp.group(1)
        pos += stamp.end()
    dateline = _DATELINE.match(text[pos:])
    if dateline and len(dateline.group(1)) >= 3:
        header.dateline = dateline.group(1).strip()
        pos += dateline.end()
    pos += _skip_space(text[pos:])
    header.body_offset = pos
    return header


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character spans of the paragraphs of ``body``.

    Paragraphs are separated by one or more blank lines; the spans exclude the surrounding
    whitespace, so ``body[start:end]`` is the paragraph's text as written. A text without a blank
    line whose lines end sentences has a paragraph per line.

    Class: CSV and JSONL exports often put a single line break between paragraphs where text
    files leave a blank line; read alike, an article has the same paragraphs (lead, quotation
    paragraphs, paragraph themes) whatever its format. A text wrapped at a fixed width (most
    lines end inside a sentence) is one paragraph.
    """
    return list(_paragraph_spans(body))


@lru_cache(maxsize=64)  # for speed: the quotes and themes components and the tables ask for each article's
def _paragraph_spans(body: str) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(body) or not _one_line_paragraphs(body) else _LINE_BREAK
    for brk in breaks.finditer(body):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(body)))
    out = []
    for s, e in spans:
        chunk = body[s:e]
        stripped = chunk.strip()
        if stripped:
            s += len(chunk) - len(chunk.lstrip())
            out.append((s, s + len(stripped)))
    return tuple(out)


_LINE_BREAK = re.compile(r"\r?\n\s*")
_LINE_END = re.compile(r"[.!?:;\"'”’»)\]]\Z")


def _one_line_paragraphs(body: str) -> bool:
    """Whether each line of a text without blank lines is a paragraph (most end a sentence)."""
    lines = body.strip().splitlines()
    return len(lines) >= 2 and sum(bool(_LINE_END.search(line.rstrip())) for line in lines) >= 0.6 * len(lines)


def decode(data: bytes, source: str) -> str:
    """Decode file bytes as UTF-8 (dropping a byte-order mark), falling back to cp1252.

    Raises:
        CorpusError: The data are empty, whitespace only, or binary.
    """
    if not data.strip():
        raise CorpusError(source, "empty file (no text)" if not data else "file holds only whitespace")
    if b"\x00" in data[:65536] or _control_share(data[:65536]) > 0.05:
        raise CorpusError(source, "binary file, not text (NUL or control bytes); convert it to UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.warn(f"{source}: not valid UTF-8, decoded as cp1252", UnicodeWarning, stacklevel=3)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: latin-1 maps every byte
            return data.decode("latin-1")


def _control_share(data: bytes) -> float:
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(data), 1)


def make_article(article_id: str, text: str, source: str, *, title: str | None = None,
                 date: str | None = None, url: str | None = None, extra: dict | None = None) -> dict:
    """Build one ``articles`` row from a decoded text and the metadata its source gives.

    ``extra`` holds the other columns of a CSV or JSONL row (``outlet``, ``section`` ...), kept
    as they came after the contract's columns; one named like a contract column that the
    article computes (``source``, ``n_words`` ...) is kept as ``input_NAME``.

    Raises:
        CorpusError: The text has no body once the header is removed.
    """
    header = parse_header(text)
    body = text[header.body_offset:]
    if not body.strip():
        raise CorpusError(source, "no article text after the header")
    return {
        "article_id": article_id,
        "title": title if title else header.title,
        "date": date if date else header.date,
        "dateline": header.dateline,
        "source": source,
        "body_offset": header.body_offset,
        "n_paragraphs": len(paragraph_spans(body)),
        "n_words": len(body.split()),
        "sha256": hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest(),
        "url": url,
        "text": body,
        **{(f"input_{k}" if k in ARTICLE_COLUMNS else k): v for k, v in (extra or {}).items()},
    }


def _folder_files(path: Path) -> list[Path]:
    """Return the visible files under ``path``, sorted; fail when none of them is a text file."""
    files = sorted(p for p in path.rglob("*") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    if not any(p.suffix.lower() in TEXT_SUFFIXES for p in files):
        raise CorpusError(str(path), "folder holds no .txt files")
    return files


def _unsupported(file: Path) -> dict:
    """Return the ``errors`` row of a file of another type found in a corpus folder.

    Not fatal even with ``strict``: such a file is no article that failed, it is not an article.
    :func:`load_corpus` warns about it, ``presslens extract`` counts it among the errors.
    """
    reason = (f"unsupported file type {file.suffix!r} in a corpus folder; only .txt files are read: "
              "convert it to UTF-8 text or move it out of the folder")
    return {"article_id": file.stem, "source": str(file), "stage": "load", "error": reason}


def _table_rows(path: Path) -> Iterator[dict]:
    """Yield the rows of a CSV or JSONL file as dicts, reading the file in pieces."""
    try:
        if path.suffix.lower() == ".csv":
            with pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", chunksize=2000) as reader:
                for chunk in reader:
                    _require_text_column(path, chunk.columns)
                    yield from chunk.to_dict("records")
            return
        with path.open(encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CorpusError(f"{path}:{n}", f"invalid JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise CorpusError(f"{path}:{n}", "each line must be a JSON object with a 'text' field")
                _require_text_column(path, row.keys())
                yield row
    except UnicodeDecodeError:
        raise CorpusError(str(path), "not valid UTF-8; save the file as UTF-8") from None
    except pd.errors.EmptyDataError:
        raise CorpusError(str(path), "empty file (no header, no rows)") from None
    except pd.errors.ParserError as exc:
        raise CorpusError(str(path), f"malformed CSV ({exc})") from None


def _require_text_column(path: Path, columns: Iterable) -> None:
    if "text" not in columns:
        raise CorpusError(str(path), f"no 'text' column (columns: {', '.join(map(str, columns)) or 'none'})")


def _iter_rows(path: Path) -> Iterator[tuple[str, str, str | None, dict]]:
    """Yield ``(article_id, source, text or None, metadata)`` for each row of a CSV/JSONL file."""
    for n, row in enumerate(_table_rows(path)):
        value: dict = {k: _cell(row.get(k)) for k in _ROW_FIELDS}
        value["extra"] = {str(k): _extra_cell(v) for k, v in row.items() if k not in _ROW_FIELDS and k != "text"}
        article_id = value.pop("id") or f"row_{n:03d}"
        text = row.get("text")
        yield article_id, f"{path}:row {n}", text if isinstance(text, str) else None, value


_ROW_FIELDS = ("id", "title", "date", "url")  # the CSV/JSONL columns the articles table reads itself


def _extra_cell(value: object) -> str | None:
    """Return another column's cell as text (JSON for a list or an object), None when missing."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" else str(value)


def _cell(value: object) -> str | None:
    """Return a table cell as stripped text, or ``None`` when it is missing or blank."""
    if value is None or isinstance(value, (list, dict)) or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def _iter_loaded(inputs: PathLike | Iterable[PathLike], strict: bool) -> Iterator[tuple[str, dict]]:
    """Yield ``("article", row)`` or ``("error", row)`` for each input article, lazily."""
    paths = ([Path(inputs)] if isinstance(inputs, (str, os.PathLike))
             else [Path(p) for p in inputs])  # type: ignore[union-attr]
    if not paths:
        raise CorpusError("(no input)", "give at least one folder or file")
    for path in paths:
        if not path.exists():
            raise InputNotFoundError(str(path))
    seen: dict[str, str] = {}

    def attempt(article_id: str, source: str, read) -> tuple[str, dict]:
        try:
            row = read()
        except (CorpusError, OSError) as exc:
            if isinstance(exc, OSError):
                exc = CorpusError(source, f"cannot read ({exc.strerror or exc})")
            if strict:
                raise exc
            return "error", {"article_id": article_id, "source": source, "stage": "load", "error": exc.reason}
        if article_id in seen:
            raise CorpusError(f"{seen[article_id]}, {source}",
                              f"duplicate article id {article_id!r}; give each article a unique id")
        seen[article_id] = source
        return "article", row

    for path in paths:
        suffix = path.suffix.lower()
        if path.is_dir() or suffix in TEXT_SUFFIXES:
            for file in _folder_files(path) if path.is_dir() else [path]:
                if file.suffix.lower() not in TEXT_SUFFIXES:
                    yield "error", _unsupported(file)
                    continue
                yield attempt(file.stem, str(file),
                              lambda f=file: make_article(f.stem, decode(f.read_bytes(), str(f)), str(f)))
        elif suffix in TABLE_SUFFIXES:
            for article_id, source, text, meta in _iter_rows(path):
                yield attempt(article_id, source,
                              lambda i=article_id, s=source, t=text, m=meta: make_article(i, _nonempty(t, s), s, **m))
        else:
            raise CorpusError(str(path), f"unsupported file type {path.suffix!r}; "
                              "use a folder of .txt files, a .txt, .csv or .jsonl file")


def _nonempty(text: str | None, source: str) -> str:
    if text is None or not text.strip():
        raise CorpusError(source, "empty 'text'")
    return text


def iter_corpus(inputs: PathLike | Iterable[PathLike], *, strict: bool = False,
                chunk_size: int = 1000) -> Iterator[Corpus]:
    """Read a corpus lazily, ``chunk_size`` articles at a time, so memory stays flat.

    Takes the same inputs as :func:`read_corpus`; each chunk is a :class:`Corpus` with the
    articles read and the errors met since the last one.
    """
    rows: list[dict] = []
    errors: list[dict] = []
    for kind, row in _iter_loaded(inputs, strict):
        (rows if kind == "article" else errors).append(row)
        if len(rows) >= chunk_size:
            yield _corpus(rows, errors)
            rows, errors = [], []
    if rows or errors:
        yield _corpus(rows, errors)


def _corpus(rows: list[dict], errors: list[dict]) -> Corpus:
    extra = list(dict.fromkeys(k for row in rows for k in row if k not in ARTICLE_COLUMNS))
    return Corpus(articles=_typed_articles(pd.DataFrame(rows, columns=ARTICLE_COLUMNS + extra)),
                  errors=pd.DataFrame(errors, columns=ERROR_COLUMNS).astype("string"))


def corpus_from_frame(frame: pd.DataFrame, *, strict: bool = False) -> Corpus:
    """Build a corpus from a DataFrame: an ``articles`` table as :func:`load_corpus` returns it, or
    any table with a ``text`` column, read as a CSV file's rows are (``article_id`` or ``id``,
    ``title``, ``date`` and ``url`` are used when present, ids are ``row_000``, ``row_001`` ...
    otherwise; other columns are kept).

    Raises:
        ValueError: The table has no ``text`` column.
        CorpusError: With ``strict``, a row has no text (otherwise it is listed in ``errors``).
    """
    if set(ARTICLE_COLUMNS) <= set(frame.columns):
        return Corpus(articles=frame)
    if "text" not in frame.columns:
        raise ValueError(f"the DataFrame has no 'text' column (columns: {', '.join(map(str, frame.columns))}); "
                         "pass the articles' texts in a column named 'text'")
    rows, errors = [], []
    known = {"article_id", "id", "title", "date", "url", "text"}
    for n, row in enumerate(frame.to_dict("records")):
        article_id = _cell(row.get("article_id")) or _cell(row.get("id")) or f"row_{n:03d}"
        source = f"DataFrame row {n}"
        try:
            text = row.get("text") if isinstance(row.get("text"), str) else None
            rows.append(make_article(article_id, _nonempty(text, source), source, title=_cell(row.get("title")),
                                     date=_cell(row.get("date")), url=_cell(row.get("url")),
                                     extra={str(k): _extra_cell(v) for k, v in row.items() if k not in known}))
        except CorpusError as error:
            if strict:
                raise
            errors.append({"article_id": article_id, "source": source, "stage": "load", "error": error.reason})
    return _corpus(rows, errors)


def read_corpus(inputs: PathLike | Iterable[PathLike], *, strict: bool = False) -> Corpus:
    """Read articles from files and folders, collecting what cannot be read.

    Args:
        inputs: One path or several: a folder of ``.txt`` files (searched recursively), a ``.txt``
            file, or a ``.csv`` / ``.jsonl`` file with a ``text`` column (optional ``id``,
            ``title``, ``date``, ``url``).
        strict: Raise on the first unreadable article instead of recording it in ``errors``.

    Returns:
        A :class:`Corpus`: ``articles`` (one row per article, in input order) and ``errors``
        (``article_id, source, stage, error``).

    Raises:
        InputNotFoundError: An input path does not exist.
        CorpusError: An input cannot be read at all (no ``text`` column, no .txt files, an
            unsupported suffix, duplicate article ids), or, with ``strict``, any article.
    """
    rows: list[dict] = []
    errors: list[dict] = []
    for kind, row in _iter_loaded(inputs, strict):
        (rows if kind == "article" else errors).append(row)
    return _corpus(rows, errors)


def _typed_articles(articles: pd.DataFrame) -> pd.DataFrame:
    counts = {"body_offset", "n_paragraphs", "n_words"}
    articles = articles.astype({c: "Int64" if c in counts else "string" for c in articles.columns if c != "date"})
    articles["date"] = parse_dates(articles["date"])
    return articles.reset_index(drop=True)


def format_date(value: object) -> str:
    """Return a date as shown to readers: ``2019-01-04``, with the time only when it has one."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    return str(value)


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse dates once into ``datetime64[ns]``: ISO dates and times, and the usual written forms.

    A time zone is converted to UTC and dropped, so every date of a corpus compares with every
    other; what cannot be read becomes ``NaT`` with a warning that says how many and which.
    """
    if pd.api.types.is_datetime64_dtype(values):
        return values.astype("datetime64[ns]")
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[ns]")
    text = values.astype("string").str.strip().replace("", pd.NA)
    parsed = pd.to_datetime(text, errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    bad = text[text.notna() & parsed.isna()]
    if len(bad):
        warnings.warn(f"{len(bad)} date(s) could not be read and are left empty, e.g. {bad.iloc[0]!r}",
                      UserWarning, stacklevel=2)
    return parsed.astype("datetime64[ns]")


def load_corpus(path: PathLike | Iterable[PathLike], *, strict: bool = True) -> pd.DataFrame:
    """Load news articles into a DataFrame, one row per article.

    Args:
        path: A folder of ``.txt`` files, a ``.txt`` file, or a ``.csv`` / ``.jsonl`` file with
            a ``text`` column (optional ``id``, ``title``, ``date``, ``url``); or a list of them.
        strict: Raise on the first unreadable article (default). With ``False``, unreadable
            articles are left out and listed with a warning; use :func:`read_corpus` to get them
            as a table.

    Returns:
        The ``articles`` table: ``article_id, title, date, dateline, source, body_offset,
        n_paragraphs, n_words, sha256, url, text`` (``text`` is the body; ``date`` a
        ``datetime64`` column), then every other column of a CSV or JSONL input as it came.

    Raises:
        InputNotFoundError: The path does not exist.
        CorpusError: A file is empty, binary or has no ``text`` column, or ids repeat.

    Example:
        >>> articles = load_corpus(SEEDS_DIR)  # doctest: +SKIP
    """
    corpus = read_corpus(path, strict=strict)
    for row in corpus.errors.itertuples():
        warnings.warn(f"{row.source}: skipped, {row.error}", UserWarning, stacklevel=2)
    return corpus.articles


def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Return one-row-per-measure figures of a corpus: size, dates, lengths, datelines.

    Args:
        articles: The ``articles`` table.

    Returns:
        A one-column table, ``value``, indexed by ``measure``, for display.
    """
    dates = pd.to_datetime(articles["date"], errors="coerce", format="mixed").dropna()
    words = articles["n_words"].astype(float)
    rows = [
        ("articles", len(articles)),
        ("dated articles", len(dates)),
        ("first date", dates.min().date().isoformat() if len(dates) else "–"),
        ("last date", dates.max().date().isoformat() if len(dates) else "–"),
        ("articles with a dateline", int(articles["dateline"].notna().sum())),
        ("words in all", int(words.sum())),
        ("median words per article", int(words.median()) if len(words) else 0),
        ("paragraphs in all", int(articles["n_paragraphs"].sum())),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"]).astype({"value": "string"}).set_index("measure")

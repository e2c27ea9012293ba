"""HTML views of articles and tables. Every piece of article text is escaped."""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from .corpus import format_date, paragraph_spans
from .files import write_table
from .paths import figures_dir

PAGE_DIR_ENV = "PRESSLENS_PAGE_DIR"
"""Where the page showing a notebook is written (``presslens run`` sets it): links are relative to it."""
TABLE_ROWS = 50
"""Rows of a long table shown on a page; the whole table goes to a CSV file beside it."""

PALETTE = ("#fde2a7", "#c6e2ff", "#d4f0c0", "#f9c6d0", "#e3d4f7", "#ffd8b8", "#c8efec", "#eeeeee")
STYLE = (
    "<style>.pl-article{font-family:Georgia,serif;line-height:1.55;max-width:46em}"
    ".pl-article mark{border-radius:3px;padding:0 2px}"
    ".pl-article mark sub{font-family:sans-serif;font-size:65%;opacity:.75;margin-left:2px}"
    ".pl-legend span{display:inline-block;margin-right:.8em;padding:0 4px;border-radius:3px;"
    "font-family:sans-serif;font-size:80%}</style>"
)


def label_colour(label: str) -> str:
    """Return a stable background colour for ``label`` (the same in every run and notebook)."""
    return PALETTE[int(hashlib.md5(label.encode()).hexdigest(), 16) % len(PALETTE)]


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """Return ``text`` as escaped HTML paragraphs with ``spans`` marked.

    Args:
        text: The article body.
        spans: ``(start, end, label, tooltip)`` with character offsets into ``text``. A span that
            overlaps one already placed (earlier start, or longer at the same start) is left out.

    Returns:
        An HTML fragment: one ``<p>`` per paragraph, each span a ``<mark>`` carrying its label.
    """
    placed: list[tuple[int, int, str, str]] = []
    for start, end, label, tip in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if 0 <= start < end <= len(text) and (not placed or start >= placed[-1][1]):
            placed.append((start, end, label, tip))
    out = []
    i = 0
    for p_start, p_end in paragraph_spans(text):
        parts = []
        pos = p_start
        while i < len(placed) and placed[i][0] < p_end:
            start, end, label, tip = placed[i]
            start, end = max(start, pos), min(end, p_end)
            parts.append(html.escape(text[pos:start]))
            parts.append(f'<mark style="background:{label_colour(label)}" title="{html.escape(tip)}">'
                         f"{html.escape(text[start:end])}<sub>{html.escape(label)}</sub></mark>")
            pos = end
            if placed[i][1] <= p_end:
                i += 1
            else:  # a span running over the paragraph break continues in the next paragraph
                break
        parts.append(html.escape(text[pos:p_end]))
        out.append("<p>" + "".join(parts) + "</p>")
    return "\n".join(out)


def render_article(articles: pd.DataFrame, article_id: str | None = None, *,
                   spans: pd.DataFrame | None = None, label: str = "label",
                   tooltip: str | None = None) -> HTML:
    """Render one article as HTML with spans highlighted, for display in a notebook.

    Args:
        articles: The ``articles`` table.
        article_id: The article to show (default: the first).
        spans: Rows with ``article_id, start, end`` and the ``label`` column (e.g. a ``mentions``
            or ``quotes`` table); rows of other articles are ignored.
        label: The column whose value labels each span (and chooses its colour).
        tooltip: A column shown when the pointer rests on a span (default: the label).

    Returns:
        An ``IPython.display.HTML`` object; all article text in it is escaped.
    """
    if articles.empty:
        return HTML("<p><em>No article to show.</em></p>")
    row = articles.iloc[0] if article_id is None else articles.loc[articles["article_id"] == article_id].iloc[0]
    text = str(row["text"])
    marks: list[tuple[int, int, str, str]] = []
    labels: list[str] = []
    if spans is not None and not spans.empty:
        mine = spans[spans["article_id"] == row["article_id"]].dropna(subset=["start", "end"])
        for r in mine.itertuples(index=False):
            name = str(getattr(r, label)) if pd.notna(getattr(r, label)) else "?"
            tip = str(getattr(r, tooltip)) if tooltip and pd.notna(getattr(r, tooltip)) else name
            marks.append((int(r.start), int(r.end), name, tip))
        labels = sorted({m[2] for m in marks})
    title = row.get("title")
    head = f"<h3>{html.escape(str(title))}</h3>" if pd.notna(title) and title else ""
    meta = " · ".join(html.escape(format_date(row[c])) for c in ("article_id", "date", "dateline")
                      if pd.notna(row.get(c)))
    legend = "".join(f'<span style="background:{label_colour(x)}">{html.escape(x)}</span>' for x in labels)
    return HTML(f'{STYLE}<div class="pl-article">{head}<p><small>{meta}</small></p>'
                f'<div class="pl-legend">{legend}</div>{highlight(text, marks)}</div>')


OVERVIEW_HIDDEN = ("text", "source", "body_offset", "sha256", "url")
"""Columns of ``articles`` that the overview leaves out: the body and what locates it."""


def corpus_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the articles table for display, one row per article, without the body text.

    Shows ``title, date, dateline, n_paragraphs, n_words`` and every metadata column a CSV or
    JSONL corpus brought (``outlet``, ``section``, ``author`` ...), indexed by ``article_id``.
    """
    columns = ["article_id", "title", "date", "dateline", "n_paragraphs", "n_words"]
    extra = [c for c in articles.columns if c not in columns and c not in OVERVIEW_HIDDEN]
    return articles[columns + extra].set_index("article_id")


def _number(value: float) -> str:
    """Write a float with three decimals, as the tables' shares and scores need."""
    return f"{value:,.3f}"


def show_table(frame: pd.DataFrame, name: str, *, rows: int = TABLE_ROWS, columns: Sequence[str] | None = None,
               index: bool = False, what: str = "") -> HTML:
    """Show the first rows of a table, every cell in full; write the whole table as CSV when it is longer.

    Long cells (quotes, evidence) wrap instead of being cut; a page therefore stays small and
    readable however large the corpus, and the reader gets everything from the CSV file, which is
    written into the figures folder (the report's own ``figures/`` under ``presslens run``) and
    linked from a note under the table.

    Args:
        frame: The table.
        name: The CSV file's name without suffix, e.g. ``"03-quotes"``.
        rows: Rows shown.
        columns: The columns shown (default: all); the CSV holds them all.
        index: Show the index (for tables indexed by what they count).
        what: How the rows are ordered, said in the note ("the most mentioned first").

    A sentence in ``frame.attrs["note"]`` (why a table is empty, what it covers) is shown under it.

    Returns:
        Escaped HTML for the notebook and the published page.
    """
    from .report.pages import environment

    shown = frame.head(rows)
    if columns is not None:
        shown = shown[list(columns)]
    cells = shown.astype(object).where(shown.notna(), "")  # missing values of every dtype shown empty
    with pd.option_context("display.max_colwidth", None):
        table = cells.to_html(escape=True, index=index, border=0, float_format=_number)
    href = filename = ""
    if len(frame) > rows:
        path = write_table(frame, figures_dir() / name, "csv")
        filename = path.name
        page_dir = Path(os.environ.get(PAGE_DIR_ENV) or os.getcwd()).resolve()
        href = Path(os.path.relpath(path.resolve(), page_dir)).as_posix()
    markup = environment().get_template("table.html.j2").render(
        table=Markup(table), shown=len(shown), total=len(frame), what=what, href=href, filename=filename,
        note=str(frame.attrs.get("note") or ""))
    return HTML(markup)

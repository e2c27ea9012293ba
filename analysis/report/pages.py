"""The report's HTML: each executed notebook as a page without its code, and the index page.

Pages are written from Jinja2 templates (``templates/``) with autoescaping on: every value
inserted is escaped, except the notebook body that nbconvert has already rendered as HTML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import jinja2
from markupsafe import Markup

from ..files import write_text

if TYPE_CHECKING:  # nbformat takes seconds to import: only the runner needs it
    import nbformat

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class PageLink:
    """A rendered page as the index lists it."""

    href: str
    title: str
    seconds: float | None = None


@dataclass(frozen=True)
class CorpusFacts:
    """What the index page says about the corpus the report shows."""

    source: str
    count: int
    total: int
    dates: str
    subset: str


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Return the Jinja2 environment of the report's templates (autoescaping on)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def page_style() -> str:
    """Return the style sheet that every page embeds."""
    return (TEMPLATES_DIR / "style.css").read_text(encoding="utf-8")


def notebook_title(nb: "nbformat.NotebookNode") -> str:
    """Return the text of the notebook's first markdown heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return "Untitled"


def render_html(notebook: Path, target: Path, *, nav: Sequence[PageLink] = ()) -> tuple[Path, str]:
    """Render an executed notebook to a self-contained HTML page without its code.

    The page embeds its figures and carries its own style: it fetches nothing from the network,
    so it opens offline and from an archive. Cells tagged ``remove-cell`` are left out.

    Args:
        notebook: The executed notebook.
        target: The HTML file to write.
        nav: Links to the report's other pages, shown at the top after the index link.

    Returns:
        ``(path, title)``, the title being the notebook's first heading.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    title = notebook_title(nb)
    page = environment().get_template("page.html.j2").render(
        title=title, style=Markup(page_style()), nav=list(nav), body=Markup(body))
    write_text(target, page)
    return target, title


def index_page(pages: Sequence[PageLink], params: Mapping[str, Any], corpus: CorpusFacts | None = None,
               defaults: Mapping[str, Any] | None = None) -> str:
    """Return the HTML of the report's index: the corpus and its subset, the pages, the parameters.

    Args:
        pages: The rendered pages, in order.
        params: The parameters the run was given.
        corpus: What to say of the corpus (none for notebooks without the corpus parameters).
        defaults: Every parameter the notebooks declare, with its default: listed with the
            given ones, each marked as given or default.
    """
    values = {**(defaults or {}), **params}
    rows = [(str(k), v if isinstance(v, str) else repr(v), "given" if k in params else "default")
            for k, v in sorted(values.items())]
    return environment().get_template("index.html.j2").render(
        style=Markup(page_style()), pages=list(pages), params=rows, corpus=corpus)

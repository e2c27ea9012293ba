"""Run the report: execute every notebook with papermill, render HTML, write an index page.

Parameters are validated against the notebooks' ``parameters`` cells before any notebook runs:
papermill itself only warns about an unknown name.
"""

from __future__ import annotations

import ast
import html
import os
import re
from pathlib import Path
from typing import Any, Mapping

import nbformat
import yaml

from ..errors import NotebookError, ParameterError
from ..files import atomic_path, write_text
from ..paths import NOTEBOOKS_DIR, REPORTS_DIR
from ..types import PathLike
from .params import check_parameters

NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
PAGE_STYLE = """
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:62em;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1,h2,h3{line-height:1.25} table{border-collapse:collapse;font-size:90%;margin:.5em 0}
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #888} img{max-width:100%;height:auto}
pre{background:#f6f6f6;padding:.6em;overflow-x:auto} nav a{margin-right:1em}
blockquote{border-left:4px solid #ccc;margin-left:0;padding-left:1em;color:#555}
.jp-OutputArea-output pre,.output_stderr{white-space:pre-wrap}
.anchor-link{visibility:hidden;text-decoration:none;margin-left:.3em;color:#999}
h1:hover .anchor-link,h2:hover .anchor-link,h3:hover .anchor-link{visibility:visible}
"""


def notebook_paths(directory: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the report's notebooks (``NN-topic.ipynb``) in the order they run."""
    return sorted(directory.glob(NOTEBOOK_PATTERN))


def notebook_parameters(path: Path) -> dict[str, Any]:
    """Return the defaults of the ``parameters`` cell of the notebook at ``path``, by name."""
    import papermill

    declared = papermill.inspect_notebook(str(path))
    defaults = {}
    for name, spec in declared.items():
        try:
            defaults[name] = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            defaults[name] = spec["default"]
    return defaults


def parse_assignments(assignments: list[str]) -> dict[str, Any]:
    """Parse ``NAME=VALUE`` strings; values are read as YAML scalars (``5``, ``0.3``, ``true``, text)."""
    params = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p {item!r}: write parameters as NAME=VALUE, e.g. -p corpus=seeds")
        params[name.strip()] = yaml.safe_load(value) if value.strip() else ""
    return params


def load_params_file(path: PathLike) -> dict[str, Any]:
    """Read a YAML mapping of parameter names to values."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ParameterError(f"{path}: cannot read the parameters file ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: the parameters file must be a mapping of NAME: VALUE")
    return data


def validate_parameters(params: Mapping[str, Any], notebooks: list[Path]) -> dict[Path, dict[str, Any]]:
    """Check parameter names and types against the notebooks; return each notebook's share.

    A name is valid when at least one notebook declares it; a value must have the type of that
    notebook's default (an integer is accepted where a float is expected; a path parameter
    must exist).

    Raises:
        ParameterError: A name no notebook declares, or a value of the wrong type, naming the
            parameter and what is allowed.
    """
    declared: dict[str, Any] = {}
    per_notebook = {}
    for path in notebooks:
        defaults = notebook_parameters(path)
        per_notebook[path] = defaults
        for name, default in defaults.items():
            declared.setdefault(name, default)
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise ParameterError(f"unknown parameter {', '.join(map(repr, unknown))}; "
                             f"the notebooks take: {', '.join(sorted(declared))}")
    for name, value in params.items():
        expected = declared[name]
        if expected is None or value is None:
            continue
        ok = isinstance(value, type(expected)) and not (isinstance(value, bool) and not isinstance(expected, bool))
        if isinstance(expected, float) and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise ParameterError(f"parameter {name!r} = {value!r} is a {type(value).__name__}; "
                                 f"it must be a {type(expected).__name__} (default {expected!r})")
    check_parameters(**params)
    return {path: {k: v for k, v in params.items() if k in defaults} for path, defaults in per_notebook.items()}


def run_report(params: Mapping[str, Any] | None = None, out: PathLike | None = None, *,
               notebooks: list[Path] | None = None, progress: bool = True) -> Path:
    """Execute the notebooks in order with papermill, render each to HTML, and index them.

    Args:
        params: Parameter values by name, passed to each notebook that declares them.
        out: The report folder (default ``reports/default``); figures go to its ``figures/``.
        notebooks: The notebooks to run (default: every ``notebooks/NN-*.ipynb``).
        progress: Show papermill's progress bar per notebook.

    Returns:
        The path of ``index.html``.

    Raises:
        ParameterError: An unknown parameter or a value of the wrong type (before anything runs).
        NotebookError: A notebook failed; names the notebook and the failing cell's error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebooks = notebooks or notebook_paths()
    if not notebooks:
        raise NotebookError(f"no notebooks matching {NOTEBOOK_PATTERN} in {NOTEBOOKS_DIR}")
    out = Path(out or REPORTS_DIR / "default")
    params = dict(params or {})
    validate_parameters(params, notebooks)
    if params.get("corpus"):  # notebooks run in their own folder: pass the corpus as an absolute path
        params["corpus"] = str(Path(params["corpus"]).expanduser().resolve())
    shares = validate_parameters(params, notebooks)
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    saved_env = os.environ.get("PRESSLENS_FIGURES_DIR")
    os.environ["PRESSLENS_FIGURES_DIR"] = str((out / "figures").resolve())  # the kernels inherit it
    try:
        for path in notebooks:
            target = out / path.name
            try:
                with atomic_path(target) as tmp:
                    papermill.execute_notebook(str(path), str(tmp), parameters=shares[path], kernel_name="python3",
                                               cwd=str(path.parent), progress_bar=progress, language="python")
            except PapermillExecutionError as exc:
                raise NotebookError(f"{path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}") from None
            pages.append(render_html(target, target.with_suffix(".html")))
    finally:
        if saved_env is None:
            os.environ.pop("PRESSLENS_FIGURES_DIR", None)
        else:
            os.environ["PRESSLENS_FIGURES_DIR"] = saved_env
    index = out / "index.html"
    write_text(index, index_page(pages, params or {}))
    return index


def notebook_title(nb: nbformat.NotebookNode) -> str:
    """Return the text of the notebook's first markdown heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return "Untitled"


def render_html(notebook: Path, target: Path) -> tuple[Path, str]:
    """Render an executed notebook to a self-contained HTML page without its code.

    The page embeds its figures and carries its own style: it fetches nothing from the network,
    so it opens offline and from an archive. Returns ``(path, title)``.
    """
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    nb.cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    title = notebook_title(nb)
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{PAGE_STYLE}</style></head>\n"
            f'<body><nav><a href="index.html">Presslens report</a></nav>\n{body}\n</body></html>\n')
    write_text(target, page)
    return target, title


def index_page(pages: list[tuple[Path, str]], params: Mapping[str, Any]) -> str:
    """Return the HTML of the report's index: one link per rendered notebook, and the parameters."""
    links = "\n".join(f'<li><a href="{html.escape(p.name)}">{html.escape(t)}</a></li>' for p, t in pages)
    rows = "".join(f"<tr><td>{html.escape(str(k))}</td><td>{html.escape(str(v))}</td></tr>"
                   for k, v in sorted(params.items()))
    used = f"<h2>Parameters</h2><table>{rows}</table>" if rows else "<p>Run with the default parameters.</p>"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Presslens report</title>'
            f"<style>{PAGE_STYLE}</style></head>\n<body><h1>Presslens report</h1>\n"
            f"<ol>\n{links}\n</ol>\n{used}\n</body></html>\n")

"""Run the report: execute every notebook with papermill, render HTML, write an index page.

Parameters are validated against the notebooks' ``parameters`` cells before any notebook runs
(papermill itself only warns about an unknown name), and the corpus subset is selected once up
front, so a subset that selects nothing stops the run before it starts. The runner then extracts
the subset once, with a progress bar, so that the notebooks read their tables from the cache,
and writes the report into a temporary folder that replaces the out folder's files only when
every notebook has run: a failed run leaves nothing behind.
"""

from __future__ import annotations

import ast
import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from ..errors import NotebookError, ParameterError
from ..files import atomic_path, write_text
from ..paths import NOTEBOOKS_DIR, REPORTS_DIR
from ..render import PAGE_DIR_ENV
from ..types import PathLike
from .pages import CorpusFacts, PageLink, index_page, notebook_title, render_html
from .params import PATH_PARAMETERS, check_parameters
from .subset import SUBSET_PARAMETERS, Selection, select_corpus

NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
FIGURES_ENV = "PRESSLENS_FIGURES_DIR"
FILE_MODE = 0o644
"""Report files are readable by everyone, as published pages are."""
FOLDER_MODE = 0o755


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


def declared_parameters(notebooks: list[Path]) -> dict[Path, dict[str, Any]]:
    """Return the defaults of each notebook's parameters, by notebook."""
    return {path: notebook_parameters(path) for path in notebooks}


def normalise_parameters(params: Mapping[str, Any], declared: Mapping[str, Any]) -> dict[str, Any]:
    """Bring values written on the command line or in YAML to the types the notebooks declare.

    A YAML date (``2019-06-01``) becomes its ISO text; one name, or names separated by commas,
    becomes a list where the notebooks take a list (``-p outlets=BBC``); a path parameter
    becomes absolute, since the notebooks run in their own folder.
    """
    out = dict(params)
    for name, value in params.items():
        expected = declared.get(name)
        if isinstance(value, (datetime.date, datetime.datetime)) and isinstance(expected, str):
            out[name] = value.isoformat()[:10]
        elif isinstance(expected, list) and isinstance(value, str):
            out[name] = [v.strip() for v in value.split(",") if v.strip()]
        elif name in PATH_PARAMETERS and isinstance(value, str) and value.strip():
            out[name] = str(Path(value).expanduser().resolve())
    return out


def validate_parameters(params: Mapping[str, Any], notebooks: list[Path], *,
                        declared: dict[Path, dict[str, Any]] | None = None) -> dict[Path, dict[str, Any]]:
    """Check parameter names and types against the notebooks; return each notebook's share.

    A name is valid when at least one notebook declares it; a value must have the type of that
    notebook's default (an integer is accepted where a float is expected) and obey the rules of
    :mod:`analysis.report.params` (ranges, choices, dates in order, existing paths).

    Raises:
        ParameterError: A name no notebook declares, or a value of the wrong type, naming the
            parameter and what is allowed.
    """
    per_notebook = declared or declared_parameters(notebooks)
    defaults: dict[str, Any] = {}
    for share in per_notebook.values():
        for name, default in share.items():
            defaults.setdefault(name, default)
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        raise ParameterError(f"unknown parameter {', '.join(map(repr, unknown))}; "
                             f"the notebooks take: {', '.join(sorted(defaults))}")
    for name, value in params.items():
        expected = defaults[name]
        if expected is None or value is None:
            continue
        ok = isinstance(value, type(expected)) and not (isinstance(value, bool) and not isinstance(expected, bool))
        if isinstance(expected, float) and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise ParameterError(f"parameter {name!r} = {value!r} is a {type(value).__name__}; "
                                 f"it must be a {type(expected).__name__} (default {expected!r})")
    check_parameters(**params)
    return {path: {k: v for k, v in params.items() if k in share} for path, share in per_notebook.items()}


def _selection(params: Mapping[str, Any], defaults: Mapping[str, Any]) -> Selection | None:
    """Select the corpus subset the notebooks will show, when they take the corpus parameters."""
    if not {"corpus", *SUBSET_PARAMETERS} <= set(defaults):
        return None
    values = {name: params.get(name, defaults[name]) for name in ("corpus", *SUBSET_PARAMETERS)}
    return select_corpus(values.pop("corpus"), **values)


def _facts(selection: Selection | None) -> CorpusFacts | None:
    if selection is None:
        return None
    dates = selection.date_range()
    return CorpusFacts(source=selection.source, count=len(selection.articles), total=selection.total,
                       dates=("" if not dates else dates[0] if dates[0] == dates[1] else f"{dates[0]} to {dates[1]}"),
                       subset=selection.subset_phrase())


def _publish(staging: Path, out: Path) -> None:
    """Move the finished report into ``out``, replacing files of the same name; make it readable."""
    out.mkdir(parents=True, exist_ok=True)
    for source in sorted(staging.rglob("*")):
        target = out / source.relative_to(staging)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            target.chmod(FOLDER_MODE)
        else:
            shutil.move(str(source), str(target))
            target.chmod(FILE_MODE)
    out.chmod(FOLDER_MODE)


class _Environment:
    """Set environment variables for the kernels papermill starts, and restore them afterwards."""

    def __init__(self, **values: str) -> None:
        self.values = values
        self.saved = {name: os.environ.get(name) for name in values}

    def __enter__(self) -> None:
        os.environ.update(self.values)

    def __exit__(self, *exc: object) -> None:
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _say(progress: bool) -> Callable[[str], None]:
    def say(message: str) -> None:
        if progress:
            print(message, file=sys.stderr, flush=True)
    return say


# The kernels' own log goes to the terminal of `presslens run`: keep only critical messages, not
# ipykernel's warning about local TCP sockets nor the KeyboardInterrupt it logs when shut down
# (a failing cell still stops the run with NotebookError).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def run_report(params: Mapping[str, Any] | None = None, out: PathLike | None = None, *,
               notebooks: list[Path] | None = None, progress: bool = True) -> Path:
    """Execute the notebooks in order with papermill, render each to HTML, and index them.

    Before any notebook runs, the parameters are checked, the corpus subset is selected and
    extracted (with an article progress bar), so that every notebook reads the same tables from
    the cache. The report is built in a temporary folder and moved into ``out`` when complete.

    Args:
        params: Parameter values by name, passed to each notebook that declares them.
        out: The report folder (default ``reports/default``); figures and full tables go to its
            ``figures/``.
        notebooks: The notebooks to run (default: every ``notebooks/NN-*.ipynb``).
        progress: Print which notebook runs, the extraction's progress bar, papermill's cell
            progress and a last line with each step's time (on standard error).

    Returns:
        The path of ``index.html``.

    Raises:
        ParameterError: An unknown parameter, a value of the wrong type, or a corpus subset that
            selects nothing (before anything runs).
        NotebookError: A notebook failed; names the notebook and the failing cell's error.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebooks = notebooks or notebook_paths()
    if not notebooks:
        raise NotebookError(f"no notebooks matching {NOTEBOOK_PATTERN} in {NOTEBOOKS_DIR}")
    say = _say(progress)
    out = Path(out or REPORTS_DIR / "default")
    per_notebook = declared_parameters(notebooks)
    defaults: dict[str, Any] = {}
    for share in per_notebook.values():
        defaults.update({k: v for k, v in share.items() if k not in defaults})
    params = normalise_parameters(params or {}, defaults)
    shares = validate_parameters(params, notebooks, declared=per_notebook)
    selection = _selection(params, defaults)
    times: dict[str, float] = {}
    if selection is not None:
        say(f"Corpus: {selection!r}")
        if "model" in defaults and len(selection.articles):
            from ..extract import extract

            start = time.perf_counter()
            extract(selection.corpus, model=params.get("model") or None, taxonomy=params.get("taxonomy") or None,
                    attributions=params.get("attributions") or defaults.get("attributions") or "statements",
                    progress=progress)
            times["extraction"] = time.perf_counter() - start
    nav = [PageLink(path.with_suffix(".html").name, notebook_title(_read(path))) for path in notebooks]
    staging = Path(tempfile.mkdtemp(prefix="presslens-report-"))
    try:
        with _Environment(**{FIGURES_ENV: str(staging / "figures"), PAGE_DIR_ENV: str(staging)}):
            pages = []
            for number, path in enumerate(notebooks, 1):
                say(f"[{number}/{len(notebooks)}] {path.stem}")
                start = time.perf_counter()
                target = staging / path.name
                try:
                    with atomic_path(target) as tmp:
                        papermill.execute_notebook(str(path), str(tmp), parameters=shares[path],
                                                   kernel_name="python3", cwd=str(path.parent),
                                                   progress_bar=progress, language="python",
                                                   extra_arguments=KERNEL_ARGUMENTS)
                except PapermillExecutionError as exc:
                    raise NotebookError(f"{path.name} failed in cell {exc.exec_count}: {exc.ename}: "
                                        f"{exc.evalue}") from None
                _, title = render_html(target, target.with_suffix(".html"), nav=nav)
                times[path.stem] = time.perf_counter() - start
                pages.append(PageLink(target.with_suffix(".html").name, title, times[path.stem]))
        write_text(staging / "index.html", index_page(pages, params, _facts(selection), defaults))
        _publish(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    say(f"Report in {sum(times.values()):.0f} s: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
    return out / "index.html"


def _read(path: Path) -> Any:
    import nbformat

    return nbformat.read(path, as_version=4)

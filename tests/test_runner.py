"""The report runner: parameter validation before any work, rendering, the index page."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import nbformat
import pytest

from analysis import ParameterError, check_parameters
from analysis.errors import NotebookError
from analysis.report.runner import (
    load_params_file,
    notebook_parameters,
    notebook_paths,
    parse_assignments,
    render_html,
    run_report,
    validate_parameters,
)


def make_notebook(path, params_source: str, body: str = "print(corpus)"):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 99 Test\n\n> A notebook for tests."),
        nbformat.v4.new_code_cell(params_source, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(body),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_every_notebook_declares_corpus_and_model():
    notebooks = notebook_paths()
    assert notebooks and notebooks[0].name == "01-corpus.ipynb"
    for path in notebooks:
        assert {"corpus", "model"} <= set(notebook_parameters(path)), path.name


@pytest.mark.parametrize("assignments, expected", [
    (["corpus=seeds"], {"corpus": "seeds"}),          # text stays text
    (["top_n=5", "ratio=0.5"], {"top_n": 5, "ratio": 0.5}),  # numbers are parsed
    (["flag=true"], {"flag": True}),                  # YAML booleans
    (["model="], {"model": ""}),                      # empty value
])
def test_parse_assignments(assignments, expected):
    assert parse_assignments(assignments) == expected


def test_malformed_assignment():
    with pytest.raises(ParameterError, match="NAME=VALUE"):
        parse_assignments(["corpus"])


def test_unknown_parameter_lists_the_known_ones(tmp_path):
    nb = make_notebook(tmp_path / "01-a.ipynb", 'corpus: str = ""  # help: input\nmodel: str = ""  # help: model')
    with pytest.raises(ParameterError, match=r"unknown parameter 'corpse'; the notebooks take: corpus, model"):
        validate_parameters({"corpse": "x"}, [nb])


@pytest.mark.parametrize("params, message", [
    ({"top_actors": "ten"}, "'top_actors' = 'ten' is a str; it must be a int"),
    ({"top_actors": True}, "'top_actors' = True is a bool"),
    ({"corpus": 5}, "'corpus' = 5 is a int; it must be a str"),
    ({"corpus": "/no/such/corpus"}, "must be an existing file"),
    ({"top_actors": 0}, "'top_actors' = 0 is not allowed; it must be >= 1 and <= 500"),
])
def test_wrong_values(tmp_path, params, message):
    nb = make_notebook(tmp_path / "01-a.ipynb", 'corpus: str = ""  # help: input\n'
                       'top_actors: int = 10  # help: rows\nratio: float = 0.5  # help: r')
    with pytest.raises(ParameterError, match=message):
        validate_parameters(params, [nb])


def test_int_accepted_for_float_and_params_shared_per_notebook(tmp_path):
    a = make_notebook(tmp_path / "01-a.ipynb", 'corpus: str = ""  # help: input\nratio: float = 0.5  # help: r')
    b = make_notebook(tmp_path / "02-b.ipynb", 'corpus: str = ""  # help: input')
    shares = validate_parameters({"ratio": 1, "corpus": str(tmp_path)}, [a, b])
    assert shares[a] == {"ratio": 1, "corpus": str(tmp_path)} and shares[b] == {"corpus": str(tmp_path)}


def test_params_file_errors(tmp_path):
    (tmp_path / "p.yaml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="mapping"):
        load_params_file(tmp_path / "p.yaml")
    with pytest.raises(ParameterError, match="cannot read"):
        load_params_file(tmp_path / "missing.yaml")


def test_failing_notebook_is_named_with_its_error(tmp_path):
    nb = make_notebook(tmp_path / "01-fail.ipynb", 'corpus: str = ""  # help: input', 'raise ValueError("bad corpus")')
    with pytest.raises(NotebookError, match=r"01-fail.ipynb failed in cell .*ValueError: bad corpus"):
        run_report({}, tmp_path / "out", notebooks=[nb], progress=False)
    assert not (tmp_path / "out").exists()  # a failed run leaves no folder behind, empty or half-written


def test_failed_run_keeps_an_earlier_report(tmp_path):
    ok = make_notebook(tmp_path / "01-ok.ipynb", 'corpus: str = ""  # help: input', 'print("first run")')
    run_report({}, tmp_path / "out", notebooks=[ok], progress=False)
    before = (tmp_path / "out" / "01-ok.html").read_text(encoding="utf-8")
    make_notebook(tmp_path / "01-ok.ipynb", 'corpus: str = ""  # help: input', 'raise ValueError("broken")')
    with pytest.raises(NotebookError):
        run_report({}, tmp_path / "out", notebooks=[ok], progress=False)
    assert (tmp_path / "out" / "01-ok.html").read_text(encoding="utf-8") == before


class _Collect(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_report_runs_renders_and_indexes(tmp_path):
    nb = make_notebook(tmp_path / "01-ok.ipynb", 'corpus: str = ""  # help: input',
                       'print("corpus is", corpus)\n"<script>alert(1)</script>"')
    index = run_report({"corpus": str(tmp_path)}, tmp_path / "out", notebooks=[nb], progress=False)
    page = (tmp_path / "out" / "01-ok.html").read_text(encoding="utf-8")
    assert f"corpus is {tmp_path}" in page
    assert 'print("corpus is"' not in page  # code is hidden
    parsed = _Collect()
    parsed.feed(page)
    assert not [t for t, a in parsed.tags if t == "script" or a.get("src", "").startswith("http")]
    parsed = _Collect()
    parsed.feed(index.read_text(encoding="utf-8"))
    assert ("a", {"href": "01-ok.html"}) in parsed.tags
    for path in [index.parent, *index.parent.rglob("*")]:  # published pages are readable by everyone
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path


def test_run_prints_each_notebook_and_its_time(tmp_path, capsys):
    a = make_notebook(tmp_path / "01-a.ipynb", 'corpus: str = ""  # help: input', 'print(1)')
    b = make_notebook(tmp_path / "02-b.ipynb", 'corpus: str = ""  # help: input', 'print(2)')
    run_report({}, tmp_path / "out", notebooks=[a, b], progress=True)
    err = capsys.readouterr().err
    assert "[1/2] 01-a" in err and "[2/2] 02-b" in err
    assert re.search(r"Report in \d+ s: 01-a \d+\.\d s, 02-b \d+\.\d s", err)


def test_kernel_log_messages_stay_out_of_the_terminal(tmp_path, capfd):
    # the kernel's own warnings (local TCP sockets, the interrupt at shutdown) are no news to users
    nb = make_notebook(tmp_path / "01-a.ipynb", 'corpus: str = ""  # help: input', 'print(1)')
    run_report({}, tmp_path / "out", notebooks=[nb], progress=False)
    assert "IPKernelApp" not in capfd.readouterr().err


def test_render_html_drops_remove_cell(tmp_path):
    nb = make_notebook(tmp_path / "01-x.ipynb", 'corpus: str = ""')
    node = nbformat.read(nb, as_version=4)
    node.cells.append(nbformat.v4.new_markdown_cell("SECRET", metadata={"tags": ["remove-cell"]}))
    nbformat.write(node, nb)
    path, title = render_html(nb, tmp_path / "x.html")
    assert title == "99 Test" and "SECRET" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("params, message", [
    ({"window": "page"}, "'window' = 'page' is not allowed; it must be one of 'sentence', 'paragraph'"),
    ({"overlap": 1.5}, "'overlap' = 1.5 is not allowed; it must be >= 0 and <= 1"),
    ({"model": "xx_missing"}, "'model' = 'xx_missing' is not allowed; it must be an installed spaCy pipeline"),
    ({"top_actors": True}, "'top_actors' = True is not allowed; it must be >= 1 and <= 500"),  # a bool is no count
    ({"period": "D"}, "'period' = 'D' is not allowed; it must be one of 'W', 'M', 'Q', 'Y'"),
    ({"corpus": 5}, "'corpus' = 5 is not allowed; it must be an existing file or folder"),
])
def test_check_parameters_ranges_and_choices(params, message):
    with pytest.raises(ParameterError, match=message):
        check_parameters(**params)


def test_check_parameters_accepts_defaults_and_unknown_names():
    check_parameters(corpus="", model="", top_actors=10, window="sentence", date_from="", date_to="", outlets=[],
                     query="", sample=0, seed=0, anything_else=object())
    check_parameters(corpus=Path("."), outlets=("BBC", "CNN"), overlap=1, period=None)


def test_every_notebook_takes_the_corpus_subset_and_says_which_it_shows():
    from analysis.report.subset import SUBSET_PARAMETERS

    notebooks = notebook_paths()
    assert [p.stem for p in notebooks][-2:] == ["05-voices", "06-report"]  # the synthesis comes last
    for path in notebooks:
        declared = notebook_parameters(path)
        assert list(declared)[:2] == ["corpus", "model"], path.name
        assert set(SUBSET_PARAMETERS) <= set(declared), path.name
        node = nbformat.read(path, as_version=4)
        params = next(c for c in node.cells if "parameters" in c.metadata.get("tags", []))
        assert all("# help:" in line for line in params.source.splitlines() if line.strip()), path.name
        setup = node.cells[node.cells.index(params) + 1].source
        assert "select_corpus(" in setup and setup.rstrip().endswith("selection"), path.name
        assert "def " not in "".join(c.source for c in node.cells if c.cell_type == "code"), path.name


def test_attributions_parameter_is_checked_and_in_every_extracting_notebook():
    # what counts as a quote is a notebook parameter too (design: statements or all)
    check_parameters(attributions="all")
    with pytest.raises(ParameterError, match="attributions"):
        check_parameters(attributions="everything")
    for path in notebook_paths():
        if "extract(" in "".join("".join(c["source"]) for c in nbformat.read(path, as_version=4).cells):
            assert notebook_parameters(path)["attributions"] == "statements", path.name

"""The published report is a web page: self-contained, escaped, and rendered by a real browser.

The report is run once per module with ``run_report`` (as ``presslens run`` does). Browser
checks use headless Chromium (Debian's ``chromium``, installed by ``.ci/run``) and skip with a
message where it is absent.
"""

from __future__ import annotations

import html.parser
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.paths import FIGURES_DIR
from analysis.report.runner import notebook_paths, run_report

from .conftest import DATA_DIR

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# Appended to a copy of a page under test (never to the report itself): records in the DOM
# whether every image decoded and how many tables the page holds.
PROBE = ("<script>window.addEventListener('load',()=>{const i=[...document.images];"
         "document.body.dataset.images=i.length;"
         "document.body.dataset.decoded=i.filter(x=>x.complete&&x.naturalWidth>0).length;"
         "document.body.dataset.tables=document.querySelectorAll('table').length;});</script>")


class Elements(html.parser.HTMLParser):
    """Collect the start tags and attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(path: Path) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def project_figures() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in FIGURES_DIR.glob("*") if p.is_file()}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    before = project_figures()
    run_report({}, out, progress=False)
    assert project_figures() == before, "a report run must not touch the project's figures/"
    return out


def test_report_keeps_its_own_figures(report):
    expected = {"01-article-lengths", "05-voices-by-gender", "06-quotes-per-speaker"}
    assert {p.stem for p in (report / "figures").glob("*.png")} >= expected


def test_index_links_every_notebook(report):
    links = [a.get("href") for tag, a in elements(report / "index.html") if tag == "a"]
    assert links == [p.with_suffix(".html").name for p in notebook_paths()]


def test_pages_are_self_contained(report):
    for page in report.glob("*.html"):
        for tag, attrs in elements(page):
            assert tag != "script", page.name
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                assert not value.startswith(("http:", "https:", "//")), (page.name, tag, value)
            if tag == "img":
                assert attrs["src"].startswith("data:image/"), page.name


def test_pages_hide_code(report):
    for page in report.glob("[0-9][0-9]-*.html"):
        assert "from analysis import" not in page.read_text(encoding="utf-8"), page.name


def test_hostile_corpus_text_never_becomes_markup(tmp_path):
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    shutil.copy(DATA_DIR / "hostile" / "html_markup.txt", corpus)
    shutil.copy(DATA_DIR / "hostile" / "unbalanced_quotes.txt", corpus)
    out = tmp_path / "report"
    run_report({"corpus": str(corpus)}, out, progress=False)
    for page in out.glob("*.html"):
        tags = elements(page)
        assert not [t for t, _ in tags if t == "script"], page.name
        assert not [a for t, a in tags if t == "img" and a.get("src") == "x"], page.name
        assert not [a for t, a in tags if "onerror" in a or "onclick" in a], page.name


def browse(page: Path, tmp_path: Path) -> tuple[dict, Path]:
    """Open an instrumented copy of ``page`` in headless Chromium; return its probe and a screenshot."""
    probe = tmp_path / f"probe-{page.name}"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    for asset in page.parent.glob("*.html"):
        if not (tmp_path / asset.name).exists():
            shutil.copy(asset, tmp_path / asset.name)
    profile = tmp_path / "profile"
    dom = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000",
                          "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120).stdout
    body = next(a for t, a in _parse(dom) if t == "body")
    shot = page.parent / "screenshots" / f"{page.stem}.png"
    shot.parent.mkdir(exist_ok=True)
    subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,2400",
                    f"--screenshot={shot}", "--hide-scrollbars", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    return body, shot


def _parse(markup: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(markup)
    return parser.tags


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is absent: apt-get install chromium (done by .ci/run)")
@pytest.mark.parametrize("name", ["index.html", "01-corpus.html", "05-voices.html", "06-report.html"])
def test_chromium_renders_figures_and_tables(report, tmp_path, name):
    body, shot = browse(report / name, tmp_path)
    assert int(body["data-decoded"]) == int(body["data-images"])  # every figure decoded
    if name != "index.html":
        assert int(body["data-images"]) >= 1 and int(body["data-tables"]) >= 1
    assert shot.stat().st_size > 10_000  # a real rendering, kept beside the report

"""HTML views escape article text: markup in an article never becomes markup on the page."""

from __future__ import annotations

import html
import html.parser

import pandas as pd

from analysis.render import highlight, render_article


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


HOSTILE = 'Ruiz said <script>alert("x")</script> and <b onclick="evil()">bold</b>.\n\nSecond & last.'


def parse(markup: str) -> Tags:
    parser = Tags()
    parser.feed(markup)
    return parser


def test_highlight_escapes_text_and_marks_spans():
    start = HOSTILE.index("Ruiz")
    tags = parse(highlight(HOSTILE, [(start, start + 4, "person", "Ana <Ruiz>")]))
    assert "script" not in tags.tags and "b" not in tags.tags
    assert tags.tags.count("mark") == 1 and tags.tags.count("p") == 2
    assert '<script>alert("x")</script>' in "".join(tags.text)  # shown as text


def test_overlapping_spans_keep_the_first_and_spans_may_cross_paragraphs():
    text = "Alpha beta.\n\nGamma delta."
    out = highlight(text, [(0, 5, "a", "a"), (2, 8, "b", "b"), (6, 18, "c", "c")])
    assert parse(out).tags.count("mark") == 3  # "Alpha", then "c" split over two paragraphs


def test_render_article_escapes_title_and_labels():
    articles = pd.DataFrame([{"article_id": "x<1>", "title": "<i>T</i>", "date": None, "dateline": None,
                              "text": HOSTILE}])
    spans = pd.DataFrame([{"article_id": "x<1>", "start": 0, "end": 4, "actor": "<img src=x>"}])
    markup = render_article(articles, spans=spans, label="actor").data
    tags = parse(markup)
    assert not {"script", "img", "i", "b"} & set(tags.tags)
    assert "mark" in tags.tags


def test_show_table_shows_first_rows_in_full_and_writes_the_whole_table(tmp_path, monkeypatch):
    from analysis.render import show_table

    monkeypatch.setenv("PRESSLENS_FIGURES_DIR", str(tmp_path / "figures"))
    monkeypatch.setenv("PRESSLENS_PAGE_DIR", str(tmp_path))
    long_quote = "a sentence that goes on " * 20 + "<b>to the end</b>"
    frame = pd.DataFrame({"speaker": [f"S{i}" for i in range(12)], "quote": [long_quote] * 12})
    markup = show_table(frame, "03-quotes", rows=5, what="in reading order").data
    assert markup.count("<tr") == 6  # a header and five rows
    assert html.escape(long_quote, quote=False) in markup  # not cut, and escaped
    assert "<b>to the end</b>" not in markup
    assert "The first 5 of 12 rows (in reading order)" in markup and 'href="figures/03-quotes.csv"' in markup
    assert pd.read_csv(tmp_path / "figures" / "03-quotes.csv")["quote"].tolist() == [long_quote] * 12


def test_show_table_writes_nothing_for_a_short_table(tmp_path, monkeypatch):
    from analysis.render import show_table

    monkeypatch.setenv("PRESSLENS_FIGURES_DIR", str(tmp_path))
    markup = show_table(pd.DataFrame({"a": [1, 2]}), "short", rows=5).data
    assert "The first" not in markup and not list(tmp_path.iterdir())
    assert "No rows" in show_table(pd.DataFrame({"a": []}), "empty").data
    empty = pd.DataFrame({"a": []})
    empty.attrs["note"] = "No <outlet> column."
    assert "No &lt;outlet&gt; column." in show_table(empty, "empty").data

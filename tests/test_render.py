"""HTML views escape article text: markup in an article never becomes markup on the page."""

from __future__ import annotations

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
    articles = pd.DataFrame([{"article_id": "x<1>", "title": "<i>T</i>", "date": None, "dateline": None, "text": HOSTILE}])
    spans = pd.DataFrame([{"article_id": "x<1>", "start": 0, "end": 4, "actor": "<img src=x>"}])
    markup = render_article(articles, spans=spans, label="actor").data
    tags = parse(markup)
    assert not {"script", "img", "i", "b"} & set(tags.tags)
    assert "mark" in tags.tags

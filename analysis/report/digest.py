"""The synthesis report: for each article, who appears, who speaks (with key quotes) and on what.

Everything here is prose and tables driven by the extracted tables; all article text is escaped.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from ..constants import ACTOR_TYPES
from ..extract import Extraction
from ..themes.summaries import speaker_themes


def _names(actors: pd.DataFrame, kind: str, limit: int) -> str:
    rows = actors[actors["type"] == kind].head(limit)
    parts = []
    for row in rows.itertuples(index=False):
        roles = [r for r in str(row.roles or "").split("|") if r and r != "<NA>"] if pd.notna(row.roles) else []
        role = f" ({html.escape(', '.join(roles[:2]))})" if roles else ""
        parts.append(f"<strong>{html.escape(str(row.actor))}</strong>{role}")
    return ", ".join(parts)


def _key_quotes(quotes: pd.DataFrame, per_speaker: int) -> pd.DataFrame:
    """Pick each speaker's most telling quotes: direct before mixed before indirect, longer first."""
    order = {"direct": 0, "mixed": 1, "indirect": 2}
    ranked = quotes.assign(_kind=quotes["kind"].map(order).fillna(3), _len=-quotes["quote"].str.len())
    ranked = ranked.sort_values(["_kind", "_len", "start"], kind="stable")
    return ranked.groupby("speaker", sort=False).head(per_speaker).sort_values("start", kind="stable")


def report_overview(result: Extraction) -> pd.DataFrame:
    """Return the corpus in a few figures: articles, actors by type, quotes by kind and attribution.

    Returns:
        A one-column table, ``value``, indexed by ``measure``, for display.
    """
    quotes = result.quotes
    attributed = int(quotes["speaker"].notna().sum())
    rows = [("articles processed", len(result.articles)), ("articles that failed", len(result.errors))]
    rows += [(f"{kind} actors", int((result.actors["type"] == kind).sum())) for kind in ACTOR_TYPES]
    rows += [("quotes", len(quotes))]
    rows += [(f"{kind} quotes", int((quotes["kind"] == kind).sum())) for kind in ("direct", "indirect", "mixed")]
    rows += [("quotes with a resolved speaker", f"{attributed} ({attributed / len(quotes):.0%})" if len(quotes) else "0"),
             ("distinct speakers", int(quotes["speaker"].nunique())),
             ("themes found (article level)", int(result.themes.loc[result.themes["scope"] == "article", "theme"].nunique()))]
    return pd.DataFrame(rows, columns=["measure", "value"]).astype({"value": "string"}).set_index("measure")


def speaker_summary(result: Extraction, article_id: str | None = None) -> pd.DataFrame:
    """Count each speaker's quotes by kind, with the themes of what they say.

    Args:
        result: The extraction.
        article_id: One article, or the whole corpus when ``None``.

    Returns:
        One row per speaker: ``speaker, quotes, direct, indirect, mixed, themes`` (the speaker's
        most frequent quote themes, joined with ``|``), most quoted first.
    """
    quotes = result.quotes.dropna(subset=["speaker"])
    if article_id is not None:
        quotes = quotes[quotes["article_id"] == article_id]
    counts = pd.crosstab(quotes["speaker"], quotes["kind"]).reindex(columns=["direct", "indirect", "mixed"], fill_value=0)
    counts.insert(0, "quotes", counts.sum(axis=1))
    counts.columns.name = None
    by_quote = speaker_themes(quotes, result.themes)
    top = (by_quote.groupby(["speaker", "theme"]).size().rename("n").reset_index()
           .sort_values(["speaker", "n", "theme"], ascending=[True, False, True])
           .groupby("speaker")["theme"].agg(lambda t: "|".join(t.head(3))))
    counts["themes"] = top.reindex(counts.index).fillna("")
    return counts.sort_values(["quotes", "direct"], ascending=False, kind="stable").reset_index()


def render_digest(result: Extraction, *, max_articles: int = 10, quotes_per_speaker: int = 2,
                  top_themes: int = 4, top_actors: int = 6) -> HTML:
    """Write, for each article, who appears, who speaks (with key quotes) and on which themes.

    Args:
        result: The extraction to report on.
        max_articles: Articles to write up, in corpus order.
        quotes_per_speaker: Key quotes shown per speaker.
        top_themes: Themes named per article.
        top_actors: Actors named per type.

    Returns:
        HTML for the notebook (and the published page); every piece of article text is escaped.
    """
    sections = []
    for article in result.articles.head(max_articles).itertuples(index=False):
        aid = article.article_id
        head = html.escape(str(article.title)) if pd.notna(article.title) else html.escape(str(aid))
        meta = " · ".join(html.escape(str(v)) for v in (aid, article.date, article.dateline) if pd.notna(v))
        actors = result.actors[result.actors["article_id"] == aid]
        appears = [f"<li>{kind.capitalize()}s: {names}</li>" for kind in ACTOR_TYPES
                   if (names := _names(actors, kind, top_actors))]
        quotes = result.quotes[result.quotes["article_id"] == aid]
        attributed = quotes.dropna(subset=["speaker"])
        speakers = speaker_summary(result, aid)
        voices = []
        for row in speakers.itertuples(index=False):
            themes = f" — on {html.escape(row.themes.replace('|', ', '))}" if row.themes else ""
            said = _key_quotes(attributed[attributed["speaker"] == row.speaker], quotes_per_speaker)
            cites = "".join(f"<blockquote>{'“' if q.kind == 'direct' else ''}{html.escape(str(q.quote))}"
                            f"{'”' if q.kind == 'direct' else ''} <small>({html.escape(str(q.kind))}, "
                            f"{html.escape(str(q.cue))})</small></blockquote>" for q in said.itertuples(index=False))
            voices.append(f"<li><strong>{html.escape(str(row.speaker))}</strong>: {row.quotes} "
                          f"quote{'s' if row.quotes != 1 else ''} ({row.direct} direct, {row.indirect} indirect, "
                          f"{row.mixed} mixed){themes}{cites}</li>")
        unattributed = len(quotes) - len(attributed)
        themes = result.themes[(result.themes["article_id"] == aid) & (result.themes["scope"] == "article")]
        themes = themes.sort_values("score", ascending=False).head(top_themes)
        about = "; ".join(f"<strong>{html.escape(str(t.theme))}</strong> "
                          f"({html.escape(', '.join(str(t.evidence).split('|')[:5]))})"
                          for t in themes.itertuples(index=False))
        sections.append(
            f"<section><h3>{head}</h3><p><small>{meta}</small></p>"
            f"<h4>Who appears</h4><ul>{''.join(appears) or '<li>No actor found.</li>'}</ul>"
            f"<h4>Who speaks</h4><ul>{''.join(voices) or '<li>No attributed quote.</li>'}</ul>"
            + (f"<p><small>{unattributed} quote{'s' if unattributed != 1 else ''} without a resolved speaker.</small></p>"
               if unattributed else "")
            + f"<h4>What it is about</h4><p>{about or 'No theme of the taxonomy matched.'}</p></section>")
    if len(result.articles) > max_articles:
        sections.append(f"<p><em>{len(result.articles) - max_articles} more articles not shown "
                        f"(raise <code>max_articles</code>).</em></p>")
    return HTML("\n".join(sections) or "<p><em>No article was processed.</em></p>")

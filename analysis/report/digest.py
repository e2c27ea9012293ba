"""The synthesis report: for each article, who appears, who speaks (with key quotes) and on what.

Everything here is prose and tables driven by the extracted tables; all article text is escaped.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from IPython.display import HTML

from ..constants import ACTOR_TYPES, LIST_SEPARATOR
from ..corpus import format_date
from ..extract import Extraction
from ..themes.summaries import speaker_themes
from .pages import environment


def _items(value: object, limit: int | None = None) -> list[str]:
    """Split a ``|``-joined cell into its values (none for a missing cell)."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return []
    items = [v for v in str(value).split(LIST_SEPARATOR) if v]
    return items[:limit] if limit is not None else items


def _appears(actors: pd.DataFrame, speakers: set[str], limit: int) -> list[tuple[str, dict[str, Any]]]:
    """Name the article's actors by type: the ``limit`` most mentioned, and every one it quotes."""
    groups = []
    for kind in ACTOR_TYPES:
        rows = actors[actors["type"] == kind]
        shown = rows[(pd.Series(range(len(rows)), index=rows.index) < limit) | rows["actor"].isin(speakers)]
        names = [{"name": str(r.actor), "roles": _items(r.roles, 2)} for r in shown.itertuples(index=False)]
        if names:
            groups.append((f"{kind.capitalize()}s", {"names": names, "more": len(rows) - len(shown)}))
    return groups


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
    rows: list[tuple[str, int | str]] = [("articles processed", len(result.articles)),
                                         ("articles that failed", len(result.errors))]
    rows += [(f"{kind} actors", int((result.actors["type"] == kind).sum())) for kind in ACTOR_TYPES]
    rows += [("quotes", len(quotes))]
    rows += [(f"{kind} quotes", int((quotes["kind"] == kind).sum())) for kind in ("direct", "indirect", "mixed")]
    share = f"{attributed} ({attributed / len(quotes):.0%})" if len(quotes) else "0"
    rows += [("quotes with a resolved speaker", share),
             ("distinct speakers", int(quotes["speaker"].nunique())),
             ("themes found (article level)",
              int(result.themes.loc[result.themes["scope"] == "article", "theme"].nunique()))]
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
    counts = pd.crosstab(quotes["speaker"], quotes["kind"])
    counts = counts.reindex(columns=["direct", "indirect", "mixed"], fill_value=0)
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
        max_articles: Articles to write up, in corpus order; a note counts the others.
        quotes_per_speaker: Key quotes shown per speaker.
        top_themes: Themes named per article.
        top_actors: Actors named per type, the most mentioned first; every actor the article
            quotes is named too.

    Returns:
        HTML for the notebook (and the published page), from the ``digest.html.j2`` template
        with autoescaping: every piece of article text is escaped.
    """
    articles = []
    for article in result.articles.head(max_articles).itertuples(index=False):
        aid = article.article_id
        quotes = result.quotes[result.quotes["article_id"] == aid]
        attributed = quotes.dropna(subset=["speaker"])
        voices = []
        for row in speaker_summary(result, aid).itertuples(index=False):
            said = _key_quotes(attributed[attributed["speaker"] == row.speaker], quotes_per_speaker)
            voices.append({"speaker": str(row.speaker), "quotes": row.quotes, "direct": row.direct,
                           "indirect": row.indirect, "mixed": row.mixed, "themes": _items(row.themes),
                           "cites": [{"kind": str(q.kind), "quote": str(q.quote), "cue": str(q.cue)}
                                     for q in said.itertuples(index=False)]})
        themes = result.themes[(result.themes["article_id"] == aid) & (result.themes["scope"] == "article")]
        themes = themes.sort_values("score", ascending=False).head(top_themes)
        articles.append({
            "head": str(article.title) if pd.notna(article.title) and str(article.title) else str(aid),
            "meta": [format_date(v) for v in (aid, article.date, article.dateline) if pd.notna(v)],
            "appears": _appears(result.actors[result.actors["article_id"] == aid],
                                set(attributed["speaker"].astype(str)), top_actors),
            "voices": voices,
            "unattributed": len(quotes) - len(attributed),
            "themes": [{"name": str(t.theme), "evidence": _items(t.evidence, 5)}
                       for t in themes.itertuples(index=False)],
        })
    more = max(len(result.articles) - max_articles, 0)
    return HTML(environment().get_template("digest.html.j2").render(articles=articles, more=more))

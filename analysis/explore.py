"""Explore extracted tables in JupyterLab: load them back, find quotes, count over time, compare.

>>> result = load_tables("out")                          # doctest: +SKIP
>>> quotes_by(result, "Jane Doe")                        # every name form, through the corpus id
>>> search_quotes(result, "vaccine")
>>> timeline(result, what="themes", freq="M", by="outlet")
>>> compare(result, by="outlet")
>>> show(result, "001")                                  # the article, highlighted, inline
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .actors.identity import name_key
from .constants import LIST_SEPARATOR
from .extract import Extraction
from .render import render_article
from .tables import COLUMNS, typed
from .types import PathLike

if TYPE_CHECKING:
    from IPython.display import HTML

Timeline = Literal["themes", "actors", "speakers"]


def _read(folder: Path, name: str) -> pd.DataFrame | None:
    """Read table ``name`` from ``folder`` as CSV, Parquet or a folder of Parquet parts; None if absent."""
    csv, parquet, parts = folder / f"{name}.csv", folder / f"{name}.parquet", folder / name
    if csv.exists():
        # only empty cells are missing values: a name such as "NA" stays text
        return pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    if parquet.exists():
        return pd.read_parquet(parquet)
    if parts.is_dir() and any(parts.glob("*.parquet")):
        return pd.read_parquet(parts)
    return None


def load_tables(folder: PathLike) -> Extraction:
    """Load the tables that ``presslens extract`` or :meth:`Extraction.save` wrote into ``folder``.

    Args:
        folder: The folder holding ``articles``, ``mentions``, ``actors``, ``quotes``, ``themes``,
            ``errors`` and ``corpus_actors``, as CSV, Parquet or folders of Parquet parts.

    Returns:
        An :class:`Extraction` with the contract's columns and dtypes (dates as dates, counts as
        integers); a table missing from the folder is empty.

    Raises:
        FileNotFoundError: The folder does not exist or holds none of the tables.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    frames = {name: _read(folder, name) for name in COLUMNS}
    if all(frame is None for frame in frames.values()):
        raise FileNotFoundError(f"{folder}: holds no Presslens tables (articles.csv, quotes.csv ...)")
    return Extraction(**{name: typed(frame if frame is not None else pd.DataFrame(columns=COLUMNS[name]), name)
                         for name, frame in frames.items()})


def actor_ids(result: Extraction, name: str) -> list[str]:
    """Return the corpus ids of the entities that ``name`` names: the entity's name, any of its
    rows' names or aliases (case, accents and dots aside)."""
    key = name_key(name)
    ids = set()
    corpus = result.corpus_actors
    if len(corpus):
        for actor_id, own, aliases in zip(corpus["actor_id"], corpus["name"], corpus["aliases"].fillna("")):
            if key == name_key(own) or key in {name_key(a) for a in str(aliases).split(LIST_SEPARATOR) if a}:
                ids.add(actor_id)
    actors = result.actors
    if len(actors) and "actor_id" in actors:
        hit = actors["actor"].map(lambda a: name_key(str(a)) == key)
        ids.update(actors.loc[hit, "actor_id"].dropna())
    return sorted(ids)


def quotes_by(result: Extraction, name: str) -> pd.DataFrame:
    """Return the quotes of one speaker under all the names the corpus knows them by.

    Args:
        result: An extraction (see :func:`load_tables`).
        name: Any name of the speaker ("Jane Doe", "Doe", an acronym of an organisation).

    Returns:
        The rows of ``quotes`` whose ``speaker_id`` is the entity's, with the article's ``date``
        and ``title``, by date then position.
    """
    ids = actor_ids(result, name)
    quotes = result.quotes
    if "speaker_id" in quotes and quotes["speaker_id"].notna().any():
        rows = quotes[quotes["speaker_id"].isin(ids)]
    else:  # tables of an older version: the article-level name only
        rows = quotes[quotes["speaker"].map(lambda s: pd.notna(s) and name_key(str(s)) == name_key(name))]
    return _with_articles(rows, result)


def search_quotes(result: Extraction, text: str, *, regex: bool = False, case: bool = False) -> pd.DataFrame:
    """Return the quotes whose content holds ``text`` (a plain string, or a regular expression
    with ``regex=True``), ignoring case unless ``case=True``, with the article's date and title."""
    quotes = result.quotes
    pattern = text if regex else re.escape(text)
    hit = quotes["quote"].fillna("").str.contains(pattern, case=case, regex=True)
    return _with_articles(quotes[hit], result)


def _with_articles(rows: pd.DataFrame, result: Extraction) -> pd.DataFrame:
    extra = [c for c in ("date", "title") if c in result.articles and c not in rows]
    out = rows.merge(result.articles[["article_id", *extra]], on="article_id", how="left")
    order = [c for c in ("date", "article_id", "start") if c in out]
    return out.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)


def _dated(result: Extraction, by: str | None) -> pd.DataFrame:
    columns = ["article_id", "date"] + ([by] if by else [])
    if by and by not in result.articles:
        raise KeyError(f"articles have no {by!r} column (columns: {', '.join(result.articles.columns)})")
    articles = result.articles[columns].copy()
    articles["date"] = pd.to_datetime(articles["date"], errors="coerce")
    return articles.dropna(subset=["date"])


def timeline(result: Extraction, what: Timeline = "themes", freq: str = "M", by: str | None = None,
             top: int = 10) -> pd.DataFrame:
    """Count themes, actors or speakers per period (and per outlet or another article column).

    Args:
        result: An extraction.
        what: ``"themes"`` (articles whose main or secondary themes include it; article scope),
            ``"actors"`` (articles that mention the entity) or ``"speakers"`` (quotes attributed
            to the entity), entities named by their corpus name.
        freq: A pandas period alias: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``.
        by: An ``articles`` column to split by (``"outlet"``, ``"section"`` ...), or None.
        top: Keep the ``top`` most frequent themes or entities over the whole corpus.

    Returns:
        A table indexed by period (and ``by``), one column per theme or entity, of counts;
        undated articles are left out.
    """
    if what == "themes":
        themes = result.themes
        rows = themes[themes["scope"] == "article"][["article_id", "theme"]].drop_duplicates()
        rows = rows.rename(columns={"theme": "item"})
    elif what == "actors":
        rows = result.actors[["article_id", "actor_id"]].drop_duplicates()
        rows = rows.assign(item=rows["actor_id"].map(_names(result)))
    elif what == "speakers":
        rows = result.quotes.dropna(subset=["speaker_id"])[["article_id", "speaker_id"]]
        rows = rows.assign(item=rows["speaker_id"].map(_names(result)))
    else:
        raise ValueError(f"what = {what!r}; use 'themes', 'actors' or 'speakers'")
    rows = rows.merge(_dated(result, by), on="article_id")
    keep = rows["item"].value_counts().head(top).index
    rows = rows[rows["item"].isin(keep)].assign(period=rows["date"].dt.to_period(freq))
    index = ["period"] + ([by] if by else [])
    table = rows.pivot_table(index=index, columns="item", values="article_id", aggfunc="count", fill_value=0)
    table = table.reindex(columns=[k for k in keep if k in table.columns])
    table.columns.name = what
    return table


def _names(result: Extraction) -> dict[str, str]:
    corpus = result.corpus_actors
    return dict(zip(corpus["actor_id"], corpus["name"])) if len(corpus) else {}


def compare(result: Extraction, by: str = "outlet") -> pd.DataFrame:
    """Compare groups of articles (by outlet, section, author ...): sizes, voices and themes.

    Args:
        result: An extraction.
        by: The ``articles`` column to group by.

    Returns:
        One row per group: ``articles``, ``quotes``, ``quotes_per_article``, ``direct_share``
        (of quotes), ``speakers`` (distinct), ``person_quotes`` and the shares of those quotes by
        women, men and persons of unknown gender, and ``main_theme`` (the theme most often an
        article's main one).
    """
    articles = result.articles
    if by not in articles:
        raise KeyError(f"articles have no {by!r} column (columns: {', '.join(articles.columns)})")
    group = articles.set_index("article_id")[by].fillna("(none)")
    quotes = result.quotes.assign(group=result.quotes["article_id"].map(group))
    genders = {}
    if len(result.corpus_actors):
        corpus = result.corpus_actors
        persons = corpus[corpus["type"] == "person"]
        genders = dict(zip(persons["actor_id"], persons["gender"].fillna("")))
    spoken = quotes.dropna(subset=["speaker_id"]) if "speaker_id" in quotes else quotes.iloc[:0]
    person = spoken[spoken["speaker_id"].isin(genders)]
    person = person.assign(gender=person["speaker_id"].map(genders).replace("", "unknown"))
    themes = result.themes[result.themes["scope"] == "article"]
    if "rank" in themes and themes["rank"].notna().any():
        main = themes[themes["rank"].astype("Float64") == 1]
    else:  # tables without ranks: the best-scored theme of each article
        main = themes.sort_values("score", ascending=False, kind="stable").drop_duplicates("article_id")
    main = main.assign(group=main["article_id"].map(group))
    out = pd.DataFrame({"articles": group.value_counts()})
    out["quotes"] = quotes.groupby("group").size()
    out["quotes_per_article"] = out["quotes"] / out["articles"]
    out["direct_share"] = quotes[quotes["kind"] == "direct"].groupby("group").size() / out["quotes"]
    out["speakers"] = spoken.assign(group=spoken["article_id"].map(group)).groupby("group")["speaker_id"].nunique()
    person = person.assign(group=person["article_id"].map(group))
    out["person_quotes"] = person.groupby("group").size()
    for gender in ("female", "male", "unknown"):
        out[f"{gender}_share"] = person[person["gender"] == gender].groupby("group").size() / out["person_quotes"]
    out["main_theme"] = main.groupby("group")["theme"].agg(lambda s: s.value_counts().index[0])
    counts = ["articles", "quotes", "speakers", "person_quotes"]
    out[counts] = out[counts].fillna(0).astype(int)
    shares = [c for c in out.columns if c.endswith("_share")]
    out[shares] = out[shares].fillna(0.0).round(3)
    out.index.name = by
    return out.sort_values("articles", ascending=False, kind="stable")


def show(result: Extraction, article_id: str, highlight: Literal["quotes", "actors"] = "quotes") -> HTML:
    """Display one article inline with its quotes (labelled by speaker) or actors highlighted.

    Returns:
        An ``IPython.display.HTML`` object (shown when it ends a notebook cell); the text is escaped.
    """
    if highlight == "quotes":
        spans = result.quotes.assign(label=result.quotes["speaker"].fillna("(no speaker)"))
    elif highlight == "actors":
        spans = result.mentions.assign(label=result.mentions["actor"])
    else:
        raise ValueError(f"highlight = {highlight!r}; use 'quotes' or 'actors'")
    if article_id not in set(result.articles["article_id"]):
        raise KeyError(f"no article {article_id!r}")
    return render_article(result.articles, article_id, spans=spans, label="label")

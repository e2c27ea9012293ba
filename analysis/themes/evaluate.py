"""Measure the article themes of a ``themes`` table against gold primary and secondary themes.

Gold (``../shared/corpora/wikinews-2019/themes.json`` is one): ``{"articles": [{"id", "primary":
[...], "secondary": [...]}]}``, theme names as the taxonomy labels them. ``primary`` are the 1-3
themes an editor would file the article under, ``secondary`` the themes discussed substantively
(a paragraph's worth or a thread through the article); a theme touched only in passing is in
neither list, and reporting it is an error.

Only article-scope rows of gold articles are read. An article's reported themes are ordered by
the ``rank`` column (1 = main subject) when the table has one, else by descending ``score``. An
article of the gold with no reported theme counts with an empty list. All measures pool the
articles (micro averages), so an article with more themes weighs more:

- ``top_theme_primary``: the share of articles whose rank-1 theme is one of its primary themes.
- ``top3_precision``: of the themes reported at ranks 1-3 (at most three an article, fewer when
  fewer are reported), the share that are primary or secondary.
- ``primary_in_top3``: of all gold primary themes, the share reported at ranks 1-3.
- ``precision``: of all reported themes, the share that are primary or secondary.
- ``recall``: of all gold primary and secondary themes, the share reported (at any rank).
- ``themes_per_article``: reported themes divided by the number of articles.

Example:
    ``presslens evaluate --themes ../shared/corpora/wikinews-2019/themes.json --tables out/
    --subset ../shared/corpora/wikinews-2019/gold_b.json`` prints these figures for set B.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import CorpusError
from ..types import PathLike

MEASURES = ("articles", "top_theme_primary", "top3_precision", "primary_in_top3", "precision", "recall",
            "themes_per_article")
TOP_N = 3


@dataclass(frozen=True)
class GoldThemes:
    """The gold themes of one article: its primary and secondary theme labels."""

    primary: frozenset[str]
    secondary: frozenset[str]

    @property
    def relevant(self) -> frozenset[str]:
        """Return the primary and secondary themes together."""
        return self.primary | self.secondary


def load_theme_gold(path: PathLike) -> dict[str, GoldThemes]:
    """Read a themes gold file.

    Args:
        path: A JSON file ``{"articles": [{"id", "primary", "secondary"}, ...]}``.

    Returns:
        The gold themes by article id.

    Raises:
        CorpusError: The file is not JSON or an article lacks ``id`` or ``primary``.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(str(path), f"cannot read the themes gold ({exc})") from None
    articles = data.get("articles") if isinstance(data, Mapping) else None
    if not isinstance(articles, list):
        raise CorpusError(str(path), 'a themes gold is {"articles": [{"id", "primary", "secondary"}, ...]}')
    gold = {}
    for n, article in enumerate(articles):
        if not isinstance(article, Mapping) or "id" not in article or not isinstance(article.get("primary"), list):
            raise CorpusError(str(path), f"article {n} needs an 'id' and a 'primary' list of themes")
        gold[str(article["id"])] = GoldThemes(frozenset(article["primary"]),
                                              frozenset(article.get("secondary") or []))
    return gold


def load_subset(path: PathLike) -> list[str]:
    """Read the article ids of a subset from a JSON file of articles (``id``, or ``file`` without suffix).

    Both the themes gold and the actors and quotes gold files (``gold.json``, ``gold_b.json``) qualify.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(str(path), f"cannot read the subset ({exc})") from None
    ids = []
    for article in data.get("articles", []) if isinstance(data, Mapping) else []:
        key = article.get("id") or (Path(str(article["file"])).stem if article.get("file") else None)
        if key is not None:
            ids.append(str(key))
    if not ids:
        raise CorpusError(str(path), "no article with an 'id' or a 'file' in its 'articles' list")
    return ids


def ranked_themes(themes: pd.DataFrame) -> dict[str, list[str]]:
    """Return each article's reported themes, main subject first, from the article-scope rows."""
    rows = themes.loc[themes["scope"] == "article"].copy()
    rows["article_id"] = rows["article_id"].astype(str)
    if "rank" in rows.columns and rows["rank"].notna().all():
        rows = rows.sort_values(["article_id", "rank"], kind="stable")
    else:
        rows = rows.sort_values(["article_id", "score", "theme"], ascending=[True, False, True], kind="stable")
    return {article: list(group["theme"]) for article, group in rows.groupby("article_id", sort=True)}


def score_themes_table(themes: pd.DataFrame, gold: Mapping[str, GoldThemes],
                       ids: Iterable[str] | None = None) -> dict[str, float]:
    """Score the article themes of ``themes`` against ``gold`` (see the module docstring).

    Args:
        themes: The ``themes`` table.
        gold: Gold themes by article id (see :func:`load_theme_gold`).
        ids: Score only these articles (default: every gold article).

    Returns:
        ``{measure: value}`` for the measures of :data:`MEASURES`, rounded to 3 decimals.

    Raises:
        CorpusError: An id of ``ids`` has no gold.
    """
    ids = list(gold) if ids is None else list(ids)
    missing = [i for i in ids if i not in gold]
    if missing:
        raise CorpusError("themes gold", f"no gold themes for article(s) {', '.join(missing[:5])}")
    reported = ranked_themes(themes)
    top1 = top3_right = top3_all = primary_top3 = primaries = right = total = found = relevant = 0
    for article in ids:
        truth, themes_found = gold[article], reported.get(article, [])
        top3 = themes_found[:TOP_N]
        top1 += bool(themes_found) and themes_found[0] in truth.primary
        top3_right += sum(t in truth.relevant for t in top3)
        top3_all += len(top3)
        primary_top3 += len(truth.primary & set(top3))
        primaries += len(truth.primary)
        right += sum(t in truth.relevant for t in themes_found)
        total += len(themes_found)
        found += len(truth.relevant & set(themes_found))
        relevant += len(truth.relevant)
    n = len(ids)

    def ratio(a: float, b: float) -> float:
        return round(a / b, 3) if b else 0.0

    return {"articles": n, "top_theme_primary": ratio(top1, n), "top3_precision": ratio(top3_right, top3_all),
            "primary_in_top3": ratio(primary_top3, primaries), "precision": ratio(right, total),
            "recall": ratio(found, relevant), "themes_per_article": ratio(total, n)}


def evaluate_themes(themes: pd.DataFrame, gold_path: PathLike,
                    subsets: Mapping[str, Iterable[str] | None] | None = None) -> pd.DataFrame:
    """Score a themes table on a gold file, for every subset of articles named.

    Args:
        themes: The ``themes`` table.
        gold_path: The themes gold JSON file.
        subsets: ``{name: article ids}`` (``None`` means every gold article); by default
            ``{"all": None}``.

    Returns:
        One row per subset: ``subset`` and the measures of :data:`MEASURES`.
    """
    gold = load_theme_gold(gold_path)
    subsets = subsets or {"all": None}
    rows = [{"subset": name, **score_themes_table(themes, gold, ids)} for name, ids in subsets.items()]
    return pd.DataFrame(rows, columns=["subset", *MEASURES])


def read_themes_table(folder: PathLike) -> pd.DataFrame:
    """Read the ``themes`` table that ``presslens extract`` wrote into ``folder`` (CSV or Parquet).

    Ids stay strings ("007" is not 7).

    Raises:
        CorpusError: The folder holds no themes table.
    """
    folder = Path(folder)
    if (folder / "themes.csv").is_file():
        return pd.read_csv(folder / "themes.csv", dtype={"article_id": str, "scope_id": str},
                           keep_default_na=False, na_values={"score": [""], "rank": [""]})
    for path in (folder / "themes.parquet", folder / "themes"):
        if path.exists():
            return pd.read_parquet(path)
    raise CorpusError(str(folder), "no themes.csv or themes.parquet here; run `presslens extract ... --out` first")


def theme_scores(gold: PathLike, *, tables: PathLike | None = None, corpus: PathLike | None = None,
                 subsets: Iterable[PathLike] = (), model: str | None = None, cache: bool = True,
                 taxonomy: PathLike | None = None) -> pd.DataFrame:
    """Score article themes on a gold file: from extracted tables, or extracting the gold articles of a corpus.

    Args:
        gold: The themes gold JSON file.
        tables: A folder that ``presslens extract`` wrote.
        corpus: Else a corpus (as ``presslens extract`` reads it) whose gold articles are extracted.
        subsets: JSON files of articles (see :func:`load_subset`), each scored apart, named by file
            stem; without any, all gold articles are scored as ``all``.
        model: The spaCy pipeline, when extracting.
        cache: Use the extraction cache, when extracting.
        taxonomy: A theme taxonomy of your own, when extracting.

    Returns:
        One row per subset (see :func:`evaluate_themes`).

    Raises:
        CorpusError: Neither ``tables`` nor ``corpus`` is given, or a file cannot be read.
    """
    if tables is not None:
        themes = read_themes_table(tables)
    elif corpus is not None:
        from ..corpus import load_corpus
        from ..extract import extract

        articles = load_corpus(corpus)
        wanted = set(load_theme_gold(gold))
        articles = articles.loc[articles["article_id"].astype(str).isin(wanted)]
        themes = extract(articles, model=model, cache=cache, taxonomy=taxonomy, progress=False).themes
    else:
        raise CorpusError(str(gold), "give the extracted tables (--tables DIR) or the corpus to extract "
                          "(--corpus PATH)")
    named = {Path(path).stem: load_subset(path) for path in subsets}
    return evaluate_themes(themes, gold, named or None)

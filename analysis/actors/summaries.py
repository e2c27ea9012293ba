"""Summary tables of the actors: the most mentioned actors, actors by type, mention spans."""

from __future__ import annotations

import pandas as pd

from ..constants import ACTOR_TYPES, LIST_SEPARATOR


def entity_names(actors: pd.DataFrame) -> pd.Series:
    """Name each row of an ``actors`` table by its corpus entity, so that rows of one entity share a name.

    An entity (an ``actor_id``) is named by the canonical name its rows use most, then the
    longest ("Okafor" in one article and "Ada Okafor" in two others are "Ada Okafor"); two
    entities that would share a name keep their ids in brackets, so they stay apart. Rows
    without an ``actor_id`` (or a table without the column) keep their canonical name.

    Returns:
        A string Series aligned with ``actors``.
    """
    names = actors["actor"].astype(str)
    if "actor_id" not in actors.columns or actors["actor_id"].isna().all():
        return names
    ids = actors["actor_id"].astype("string")
    counts = pd.DataFrame({"id": ids, "name": names}).dropna().value_counts().reset_index(name="n")
    counts["length"] = counts["name"].str.len()
    best = counts.sort_values(["id", "n", "length", "name"], ascending=[True, False, False, True], kind="stable")
    chosen = best.drop_duplicates("id").set_index("id")["name"]
    shared = chosen.duplicated(keep=False)
    chosen = chosen.where(~shared, chosen + " [" + chosen.index.to_series() + "]")
    return ids.map(chosen).fillna(names).astype(str)


def top_actors(actors: pd.DataFrame, *, top_n: int = 15, by: str = "mentions") -> pd.DataFrame:
    """Sum an ``actors`` table over articles and keep the ``top_n`` actors.

    Rows of one corpus entity (``actor_id``) count as one actor, named as :func:`entity_names` does.

    Args:
        actors: The ``actors`` table (one row per actor and article).
        top_n: How many actors to keep.
        by: The column to rank by: ``"mentions"``, ``"quotes"`` or ``"articles"``.

    Returns:
        ``actor, type, mentions, quotes, articles``, sorted by ``by`` (then name).
    """
    if actors.empty:
        return pd.DataFrame(columns=["actor", "type", "mentions", "quotes", "articles"])
    table = (actors.assign(actor=entity_names(actors)).groupby("actor", as_index=False)
             .agg(type=("type", lambda s: s.mode().iloc[0]), mentions=("mentions", "sum"),
                  quotes=("quotes", "sum"), articles=("article_id", "nunique")))
    table = table.sort_values([by, "actor"], ascending=[False, True], kind="stable")
    return table.head(top_n).reset_index(drop=True)


def actors_by_type(actors: pd.DataFrame, *, top_n: int = 5, min_mentions: int = 1) -> pd.DataFrame:
    """Return the most mentioned actors of each type, for display.

    Args:
        actors: The ``actors`` table.
        top_n: How many actors to keep per type.
        min_mentions: Leave out actors mentioned fewer times than this over the corpus.

    Returns:
        ``type, actor, mentions, quotes, articles, roles``, indexed by ``(type, rank)``, types in
        the order person, organisation, place, group; ``roles`` lists each role once.
    """
    if actors.empty:
        columns = ["type", "rank", "actor", "mentions", "quotes", "articles", "roles"]
        return pd.DataFrame(columns=columns).set_index(["type", "rank"])
    def unique_roles(values: pd.Series) -> str:
        return "; ".join(dict.fromkeys(r for v in values for r in v.split(LIST_SEPARATOR) if r))

    named = actors.assign(actor=entity_names(actors), roles=actors["roles"].fillna("").astype(str))
    roles = named.groupby("actor")["roles"].agg(unique_roles)
    table = top_actors(actors, top_n=len(actors))
    table = table[table["mentions"] >= min_mentions].copy()
    table["roles"] = table["actor"].map(roles).fillna("")
    order = {t: i for i, t in enumerate(ACTOR_TYPES)}
    table = table.sort_values(["type", "mentions", "actor"], key=lambda c: c.map(order) if c.name == "type" else c,
                              ascending=[True, False, True], kind="stable")
    table = table.groupby("type", sort=False).head(top_n)
    table["rank"] = table.groupby("type", sort=False).cumcount() + 1
    return table.set_index(["type", "rank"])[["actor", "mentions", "quotes", "articles", "roles"]]


def mention_spans(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Return the mentions with a ``label`` (the actor) and a ``tooltip`` (its type and the words used).

    Use with :func:`analysis.render_article` (``label="label", tooltip="tooltip"``).
    """
    types = actors.drop_duplicates(["article_id", "actor"]).set_index(["article_id", "actor"])["type"]
    keys = pd.MultiIndex.from_arrays([mentions["article_id"], mentions["actor"]])
    kinds = types.reindex(keys).fillna("").astype(str).to_numpy()
    return mentions.assign(label=mentions["actor"].astype(str),
                           tooltip=[f"{k}: {t}" for k, t in zip(kinds, mentions["text"].astype(str))])



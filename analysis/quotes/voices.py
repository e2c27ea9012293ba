"""Who gets a voice (notebook 05): quoted against mentioned actors, by type, gender, outlet and period.

Every count here is over corpus entities (``actor_id`` in ``actors``, ``speaker_id`` in
``quotes``, described by ``corpus_actors``), so "Biden" in one article and "Joe Biden" in
another are one voice. Gender is that of ``corpus_actors``: ``female``, ``male`` or empty, shown
as *unknown*; its share is always shown beside the others, since a share of women among persons
of known gender means little when half the persons are of unknown gender.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from ..constants import ACTOR_TYPES, OTHER_COLOUR, TYPE_COLOURS, UNRESOLVED
from ..extract import Extraction
from ..plots import styled

GENDERS = ("female", "male", "unknown")
GENDER_COLOURS = {"female": "#c44e52", "male": "#4c72b0", "unknown": "#b0b0b0"}
"""One colour per gender in the voices figures (unknown in the grey of unresolved speakers)."""
KINDS = ("direct", "indirect", "mixed")


def _entities(result: Extraction) -> pd.DataFrame:
    """Return ``actor_id, name, type, gender`` of every corpus entity, gender empty read as unknown."""
    corpus = result.corpus_actors
    frame = corpus[["actor_id", "name", "type", "gender"]].copy()
    gender = frame["gender"].astype("string").fillna("")
    frame["gender"] = gender.where(gender.isin(["female", "male"]), "unknown")
    return frame.drop_duplicates("actor_id").reset_index(drop=True)


def _speakers(result: Extraction) -> pd.DataFrame:
    """Return the quotes with their speaker's corpus ``type`` and ``gender`` (``unresolved`` without one)."""
    quotes = result.quotes[["article_id", "kind", "speaker_id"]].copy()
    entities = _entities(result).set_index("actor_id")
    ids = quotes["speaker_id"].astype("string")
    quotes["type"] = ids.map(entities["type"]).fillna(UNRESOLVED).astype(str)
    quotes["gender"] = ids.map(entities["gender"]).astype("string")
    quotes.loc[quotes["type"] != "person", "gender"] = pd.NA
    return quotes


def voices_by_type(result: Extraction) -> pd.DataFrame:
    """Compare, for each actor type, the entities mentioned with those quoted.

    Args:
        result: An extraction with its corpus pass (``actor_id``, ``speaker_id``, ``corpus_actors``).

    Returns:
        One row per type (``person, organisation, place, group``, then ``unresolved`` for quotes
        whose speaker is no actor): ``mentioned`` (entities), ``quoted`` (entities with at least
        one quote), ``quoted_share`` (of the mentioned), ``quotes`` and ``quote_share`` (of all
        quotes). Indexed by ``type``.
    """
    entities = _entities(result)
    speakers = _speakers(result)
    quoted_ids = set(speakers["speaker_id"].dropna().astype(str))
    rows = []
    for kind in [*ACTOR_TYPES, UNRESOLVED]:
        ids = set(entities.loc[entities["type"] == kind, "actor_id"].astype(str))
        quotes = int((speakers["type"] == kind).sum())
        if not ids and not quotes:
            continue
        quoted = len(ids & quoted_ids)
        rows.append({"type": kind, "mentioned": len(ids) if kind != UNRESOLVED else pd.NA,
                     "quoted": quoted if kind != UNRESOLVED else pd.NA,
                     "quoted_share": quoted / len(ids) if ids else float("nan"), "quotes": quotes})
    table = pd.DataFrame(rows, columns=["type", "mentioned", "quoted", "quoted_share", "quotes"])
    table["quote_share"] = table["quotes"] / max(len(speakers), 1)
    return (table.astype({"mentioned": "Int64", "quoted": "Int64", "quotes": "Int64"})
            .round({"quoted_share": 3, "quote_share": 3}).set_index("type"))


def voices_by_gender(result: Extraction) -> pd.DataFrame:
    """Compare the persons mentioned, the persons quoted and their quotes, by gender.

    Returns:
        One row per gender (``female, male, unknown``): ``mentioned``, ``quoted`` and ``quotes``
        with the share of each column (``mentioned_share`` ...), so that the unknown share sits
        beside the others. Indexed by ``gender``; ``attrs["note"]`` says it in one sentence.
    """
    persons = _entities(result)
    persons = persons[persons["type"] == "person"]
    quotes = _speakers(result)
    quotes = quotes[quotes["type"] == "person"]
    quoted = persons[persons["actor_id"].isin(set(quotes["speaker_id"].dropna().astype(str)))]
    table = pd.DataFrame({
        "mentioned": persons["gender"].value_counts(),
        "quoted": quoted["gender"].value_counts(),
        "quotes": quotes["gender"].value_counts(),
    }).reindex(list(GENDERS)).fillna(0).astype(int)
    for column in ("mentioned", "quoted", "quotes"):
        table[f"{column}_share"] = (table[column] / max(int(table[column].sum()), 1)).round(3)
    table = table[["mentioned", "mentioned_share", "quoted", "quoted_share", "quotes", "quotes_share"]]
    table.index.name = "gender"
    table.attrs["note"] = _gender_note(table)
    return table


def _gender_note(table: pd.DataFrame) -> str:
    quotes = int(table["quotes"].sum())
    if not quotes:
        return "No quote is attributed to a person, so there is no voice to count by gender."
    known = int(table.loc[["female", "male"], "quotes"].sum())
    women = f"{table.loc['female', 'quotes'] / known:.0%} by women" if known else "none of known gender"
    return (f"Of the {quotes:,} quotes by persons, {table.loc['unknown', 'quotes_share']:.0%} are by persons of "
            f"unknown gender; of those by persons of known gender, {women}.")


def _group_note(result: Extraction, by: str) -> str | None:
    """Say why a table by ``by`` is empty, or ``None`` when it can be filled."""
    articles = result.articles
    if by not in articles.columns:
        return (f"The corpus has no {by!r} column, so voices cannot be compared by {by}: give a CSV or JSONL "
                f"corpus an {by!r} column to see this table.")
    if articles[by].dropna().nunique() < 2:
        return f"Every article has the same {by} (or none), so there is nothing to compare."
    return None


def voices_by_group(result: Extraction, by: str = "outlet") -> pd.DataFrame:
    """Compare the voices of groups of articles (outlets, sections, authors ...).

    The table of :func:`analysis.explore.compare` (articles, quotes, direct share, speakers, the
    gender shares of person quotes, the most frequent main theme), or an empty table whose
    ``attrs["note"]`` says why when the corpus has no such column or only one group.
    """
    from ..explore import compare

    note = _group_note(result, by)
    if note is not None:
        empty = pd.DataFrame(columns=["articles", "quotes", "person_quotes", "female_share", "male_share",
                                      "unknown_share"])
        empty.attrs["note"] = note
        return empty
    return compare(result, by=by)


def voices_over_time(result: Extraction, freq: str = "M") -> pd.DataFrame:
    """Count quotes per period by the gender of person speakers, and by the other speaker types.

    Args:
        result: An extraction with its corpus pass.
        freq: A pandas period alias (``"W"``, ``"M"``, ``"Q"``, ``"Y"``).

    Returns:
        One row per period (undated articles left out), one column per ``female, male, unknown``
        (persons) and per other speaker type; ``attrs["note"]`` says why when it is empty.
    """
    dates = pd.to_datetime(result.articles.set_index("article_id")["date"], errors="coerce", format="mixed")
    quotes = _speakers(result)
    quotes["period"] = quotes["article_id"].map(dates).dt.to_period(freq)
    quotes = quotes.dropna(subset=["period"])
    if dates.dropna().dt.to_period(freq).nunique() < 2:
        empty = pd.DataFrame(columns=[*GENDERS])
        empty.attrs["note"] = ("The articles are undated or fall in a single period, so voices cannot be "
                               "followed over time.")
        return empty
    column = quotes["gender"].where(quotes["type"] == "person", quotes["type"]).astype(str)
    table = pd.crosstab(quotes["period"], column)
    order = [*GENDERS, *[t for t in [*ACTOR_TYPES, UNRESOLVED] if t != "person"]]
    table = table.reindex(columns=[c for c in order if c in table.columns])
    periods = pd.period_range(table.index.min(), table.index.max(), freq=table.index.freq) if len(table) else []
    table = table.reindex(periods, fill_value=0)
    table.index.name, table.columns.name = "period", None
    return table


def top_voices(result: Extraction, top: int = 15) -> pd.DataFrame:
    """Return the most quoted speakers of the corpus, one row per corpus entity.

    Returns:
        ``actor_id, name, type, gender, quotes, direct, indirect, mixed, articles, names``
        (the name forms the articles use, joined with ``|``), most quoted first, at most ``top``.
    """
    quotes = result.quotes.dropna(subset=["speaker_id"])
    entities = _entities(result).set_index("actor_id")
    counts = pd.crosstab(quotes["speaker_id"], quotes["kind"]).reindex(columns=list(KINDS), fill_value=0)
    counts.insert(0, "quotes", counts.sum(axis=1))
    counts["articles"] = quotes.groupby("speaker_id")["article_id"].nunique()
    counts["names"] = quotes.groupby("speaker_id")["speaker"].agg(
        lambda s: "|".join(s.dropna().astype(str).value_counts().index))
    counts = counts.sort_values(["quotes", "articles"], ascending=False, kind="stable").head(top)
    counts.insert(0, "gender", counts.index.map(entities["gender"]))
    counts.insert(0, "type", counts.index.map(entities["type"]))
    counts.insert(0, "name", counts.index.map(entities["name"]))
    counts.index.name, counts.columns.name = "actor_id", None
    counts.loc[counts["type"] != "person", "gender"] = ""
    return counts.reset_index()


@styled
def plot_voices_by_gender(result: Extraction) -> Figure:
    """Plot the gender shares of the persons mentioned, the persons quoted and their quotes.

    Returns:
        Three stacked horizontal bars (female, male, unknown), each labelled with its shares.
    """
    table = voices_by_gender(result)
    fig, ax = plt.subplots(figsize=(8, 2.8))
    rows = [("persons mentioned", "mentioned"), ("persons quoted", "quoted"), ("quotes by persons", "quotes")]
    if not int(table["mentioned"].sum()):
        ax.text(0.5, 0.5, "no persons", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    for y, (_, column) in enumerate(rows):
        left = 0.0
        for gender in GENDERS:
            share = float(table.loc[gender, f"{column}_share"])
            ax.barh([y], [share], left=left, color=GENDER_COLOURS[gender], label=gender if y == 0 else None)
            if share >= 0.06:
                ax.text(left + share / 2, y, f"{share:.0%}", ha="center", va="center", color="white")
            left += share
    ax.set_yticks(range(len(rows)), [f"{label} ({int(table[column].sum()):,})" for label, column in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set(xlabel="share", title="Voices by gender")
    ax.legend(frameon=False, fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    return fig


@styled
def plot_voices_over_time(table: pd.DataFrame) -> Figure:
    """Plot a :func:`voices_over_time` table as stacked bars per period (persons by gender, then types)."""
    fig, ax = plt.subplots(figsize=(9, 3.4))
    if table.empty:
        ax.text(0.5, 0.5, "no dated quotes", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    labels = [str(p) for p in table.index]
    bottom = pd.Series(0.0, index=table.index)
    for column in table.columns:
        colour = GENDER_COLOURS.get(column) or TYPE_COLOURS.get(column, OTHER_COLOUR)
        name = f"person, {column}" if column in GENDERS else column
        ax.bar(labels, table[column].astype(float), bottom=bottom, color=colour, label=name)
        bottom += table[column].astype(float)
    ax.tick_params(axis="x", rotation=45)
    ax.set(xlabel="period", ylabel="quotes", title="Quotes per period by speaker")
    ax.legend(frameon=False, fontsize="small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    fig.tight_layout()
    return fig


__all__ = ["voices_by_type", "voices_by_gender", "voices_by_group", "voices_over_time", "top_voices",
           "plot_voices_by_gender", "plot_voices_over_time", "GENDER_COLOURS"]

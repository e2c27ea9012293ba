"""Summary tables of the quotes: quotes per speaker, voice shares by actor type, quote spans."""

from __future__ import annotations

import pandas as pd

from ..constants import ACTOR_TYPES, UNRESOLVED

TYPE_ORDER = [*ACTOR_TYPES, UNRESOLVED]


def quotes_per_speaker(quotes: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """Count the quotes of each speaker by kind, in long form.

    Args:
        quotes: The ``quotes`` table.
        top: Keep the ``top`` speakers with the most quotes.

    Returns:
        ``speaker, kind, quotes`` sorted by the speaker's total, most quoted first; quotes whose
        speaker is no actor are counted under one ``unresolved`` entry (never under the words that
        name the speaker, such as a pronoun).
    """
    if quotes.empty:
        return pd.DataFrame({"speaker": pd.Series(dtype="string"), "kind": pd.Series(dtype="string"),
                             "quotes": pd.Series(dtype="Int64")})
    speaker = quotes["speaker"].astype("object").where(quotes["speaker"].notna() & (quotes["speaker"] != ""),
                                                       UNRESOLVED)
    counts = (pd.DataFrame({"speaker": speaker, "kind": quotes["kind"]})
              .groupby(["speaker", "kind"]).size().rename("quotes").reset_index())
    totals = counts.groupby("speaker")["quotes"].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:top])
    counts = counts[counts["speaker"].isin(keep)]
    counts["order"] = counts["speaker"].map({s: n for n, s in enumerate(keep)})
    counts = counts.sort_values(["order", "kind"]).drop(columns="order").reset_index(drop=True)
    return counts.astype({"speaker": "string", "kind": "string", "quotes": "Int64"})


def voice_shares(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Compute the share of quotes by the type of their speaker.

    Args:
        quotes: The ``quotes`` table.
        actors: The ``actors`` table (``article_id, actor, type``).

    Returns:
        ``type, quotes, share`` with one row per actor type that speaks, plus ``unresolved`` for
        quotes whose speaker is not a known actor; shares sum to 1.
    """
    types = actors[["article_id", "actor", "type"]].drop_duplicates(["article_id", "actor"])
    merged = quotes[["article_id", "speaker"]].merge(
        types, left_on=["article_id", "speaker"], right_on=["article_id", "actor"], how="left")
    kind = merged["type"].astype("object").where(merged["type"].notna(), "unresolved")
    counts = kind.value_counts().reindex(TYPE_ORDER).dropna()
    out = pd.DataFrame({"type": counts.index, "quotes": counts.to_numpy()})
    out["share"] = out["quotes"] / out["quotes"].sum() if len(out) else []
    return out.astype({"type": "string", "quotes": "Int64", "share": "float64"}).reset_index(drop=True)


def quote_spans(quotes: pd.DataFrame) -> pd.DataFrame:
    """Turn a quotes table into spans for :func:`~analysis.render.render_article`.

    Each quote becomes a span labelled with its speaker (``unresolved`` when it is no actor)
    and a tooltip giving its kind, cue and the words naming the speaker; each speaker mention
    becomes a span labelled with the same speaker, so a
    quote and the mention it is attributed to share a colour.

    Args:
        quotes: The ``quotes`` table.

    Returns:
        ``article_id, start, end, label, tooltip``, sorted by article and offset.
    """
    rows = []
    for q in quotes.itertuples(index=False):
        speaker = q.speaker if pd.notna(q.speaker) and q.speaker else UNRESOLVED  # the words stay in the tooltip
        cue = q.cue if pd.notna(q.cue) else "no cue"
        rows.append({"article_id": q.article_id, "start": q.start, "end": q.end, "label": str(speaker),
                     "tooltip": f"{q.kind} quote, cue: {cue}"
                                + (f", speaker: {q.speaker_text}" if pd.notna(q.speaker_text) else "")})
        if pd.notna(q.speaker_start):
            rows.append({"article_id": q.article_id, "start": q.speaker_start, "end": q.speaker_end,
                         "label": str(speaker), "tooltip": f"speaker: {q.speaker_text}"})
    frame = pd.DataFrame(rows, columns=["article_id", "start", "end", "label", "tooltip"])
    frame = frame.drop_duplicates(["article_id", "start", "end"]).sort_values(["article_id", "start"], kind="stable")
    return frame.astype({"article_id": "string", "start": "Int64", "end": "Int64", "label": "string",
                         "tooltip": "string"}).reset_index(drop=True)



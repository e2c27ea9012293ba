"""Gender of persons: text evidence first (pronouns, honorifics, nouns), then given names."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest

from analysis.actors.gender import (
    CONFLICTING,
    article_genders,
    combine,
    corpus_genders,
    decide,
    given_names,
    name_genders,
    not_given_names,
    noun_gender,
    text_evidence,
)
from analysis.actors.wgnd import find_line, index_dir

BODY = ("Ms Quell opened the ferry line on Monday. Her deputy, Tomas Brand, spoke after her. "
        "Brand said he was pleased. The mayor's widow, Ina Lorr, cut the ribbon. "
        "Ivo Sarn, a spokesman for the port, declined to comment.")


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def tables():
    """The tables of one invented article, with resolved pronouns as the actors component gives them."""
    rows = [("Marta Quell", "Quell", 0), ("Marta Quell", "Her", 0), ("Marta Quell", "her", 0),
            ("Tomas Brand", "Tomas Brand", 0), ("Tomas Brand", "Brand", 1), ("Tomas Brand", "he", 0),
            ("Ina Lorr", "Ina Lorr", 0), ("Ivo Sarn", "Ivo Sarn", 0)]
    mentions = pd.DataFrame([(("a1", actor, text) + span(BODY, text, nth)) for actor, text, nth in rows],
                            columns=["article_id", "actor", "text", "start", "end"])
    actors = pd.DataFrame({"article_id": "a1", "actor": ["Marta Quell", "Tomas Brand", "Ina Lorr", "Ivo Sarn", "Port"],
                           "type": ["person"] * 4 + ["organisation"], "roles": ["", "deputy", "", "", ""]})
    articles = pd.DataFrame({"article_id": ["a1"], "text": [BODY]})
    return actors, mentions, articles


def test_text_evidence_reads_pronouns_honorifics_and_nouns():
    votes = text_evidence(*tables())
    assert votes[("a1", "Marta Quell")] == Counter({("pronoun", "female"): 2, ("honorific", "female"): 1})
    assert votes[("a1", "Tomas Brand")] == Counter({("pronoun", "male"): 1})  # "deputy" says nothing
    assert votes[("a1", "Ina Lorr")] == Counter({("noun", "female"): 1})       # "widow, Ina Lorr"
    assert votes[("a1", "Ivo Sarn")] == Counter({("noun", "male"): 1})         # "Ivo Sarn, a spokesman for"
    assert ("a1", "Port") not in votes


def test_capital_initials_are_no_honorific():
    # An interviewee labelled by initials that spell an honorific ("MS", "MR") gets no gender from them.
    body = "Mark Selby runs the farm.\n\nQ: Why sheep?\n\nMS We had the land. MR Tomas Brand helped."
    mentions = pd.DataFrame([("a2", "Mark Selby", "Mark Selby", *span(body, "Mark Selby")),
                             ("a2", "Mark Selby", "MS", *span(body, "MS")),
                             ("a2", "Tomas Brand", "Tomas Brand", *span(body, "Tomas Brand"))],
                            columns=["article_id", "actor", "text", "start", "end"])
    actors = pd.DataFrame({"article_id": "a2", "actor": ["Mark Selby", "Tomas Brand"], "type": "person", "roles": ""})
    votes = text_evidence(actors, mentions, pd.DataFrame({"article_id": ["a2"], "text": [body]}))
    assert not votes.get(("a2", "Mark Selby")) and not votes.get(("a2", "Tomas Brand"))


@pytest.mark.parametrize(("word", "gender"), [
    ("widow", "female"), ("Queen", "female"), ("chairwoman", "female"), ("schoolgirl", "female"),
    ("selectman", "male"), ("man", "male"), ("nephew", "male"),
    ("human", None), ("ombudsman", None), ("German", None), ("nurse", None), ("general", None), ("deputy", None),
])
def test_noun_gender_is_meaning_not_stereotype(word, gender):
    assert noun_gender(word) == gender


def test_apposition_needs_the_noun_to_describe_the_name():
    body = "Oren Vast, his wife Lena and their son left. Oren Vast, a father of two, stayed."
    mentions = pd.DataFrame([("a1", "Oren Vast", "Oren Vast") + span(body, "Oren Vast", 0)],
                            columns=["article_id", "actor", "text", "start", "end"])
    actors = pd.DataFrame({"article_id": ["a1"], "actor": ["Oren Vast"], "type": ["person"], "roles": [""]})
    assert text_evidence(actors, mentions, pd.DataFrame({"article_id": ["a1"], "text": [body]})) == {}
    mentions.loc[0, ["start", "end"]] = span(body, "Oren Vast", 1)
    votes = text_evidence(actors, mentions, pd.DataFrame({"article_id": ["a1"], "text": [body]}))
    assert votes[("a1", "Oren Vast")] == Counter({("noun", "male"): 1})


@pytest.mark.parametrize(("votes", "expected"), [
    ({("pronoun", "male"): 4}, ("male", "pronoun")),
    ({("pronoun", "male"): 6, ("pronoun", "female"): 1}, ("male", "pronoun")),   # one misresolved pronoun
    ({("pronoun", "male"): 2, ("pronoun", "female"): 1}, ("", "")),               # no clear majority
    ({("honorific", "female"): 1, ("pronoun", "male"): 1}, ("", "")),            # conflicting
    ({("honorific", "female"): 1, ("noun", "female"): 1}, ("female", "honorific")),
    ({}, ("", "")),
])
def test_decide(votes, expected):
    assert decide(votes) == expected


def test_combine_pools_the_articles_decisions():
    assert combine([("male", "pronoun"), ("male", "noun"), ("", "")]) == ("male", "pronoun")
    assert combine([("male", "pronoun"), ("female", "pronoun")]) == ("", "")
    assert combine([("female", "honorific")] * 3 + [("male", "pronoun")]) == ("female", "honorific")


def test_given_names():
    assert given_names("Marta Quell") == ["Marta"]
    assert given_names("Anna Maria Quell") == ["Anna Maria", "Anna"]
    assert given_names("Quell") == [] and given_names("M. Quell") == []
    assert given_names("Omar al-Varni") == ["Omar"] and given_names("Lena van der Holt") == ["Lena van", "Lena"]
    assert given_names("Quell v. Varnia") == [] and given_names("Friends of the Pond") == []  # a case, a body
    assert given_names("Marta Quell", {"marta"}) == []


def test_words_the_corpus_uses_as_surnames_or_places_are_not_given_names():
    actors = pd.DataFrame({"actor": ["Marta Quell", "Tomas Quell", "Quell Plan", "Lena Varn", "Lena", "Orlin",
                                     "Orlin Post", "Ivo Orlin"],
                           "type": ["person", "person", "person", "person", "place", "place", "person", "person"]})
    # "quell" is a surname twice and a given name once; "orlin" a place and a surname, never a given
    # name but in "Orlin Post"; "lena" a given name once and a place once
    assert not_given_names(actors) == {"quell", "orlin", "lena", "varn", "plan", "post"}


def test_find_line_searches_sorted_json_lines():
    names = ["adra", "bel ora", "cyrén", "dov", "ezzo", "f\"q"]  # sorted, one with a non-ASCII letter, one with a quote
    data = "".join(json.dumps({"name": n, "gender_prob": {"F": 1.0}}) + "\n" for n in names).encode("ascii")
    for n in names:  # first, middle, last, escaped
        assert json.loads(find_line(data, n))["name"] == n
    for missing in ("aaa", "bel", "cyren", "dova", "zzz", ""):
        assert find_line(data, missing) is None
    assert find_line(b"", "adra") is None
    one = json.dumps({"name": "dov", "gender_prob": {"M": 1.0}}).encode("ascii")  # no final newline
    assert find_line(one, "dov") == one and find_line(one, "adra") is None


def test_name_genders_uses_the_dictionary_and_leaves_shared_names_out():
    found = name_genders(["Mary", "John", "Kim", "Zzqxv"])
    assert found == {"Mary": "female", "John": "male"}


def test_name_genders_reads_the_same_from_the_shards_and_from_the_block_index(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_DATA_DIR", str(tmp_path))
    names = ["Mary", "John", "Kim", "Zzqxv", "Anna Maria", "José", "mary"]
    first = name_genders(names)  # no index yet: the shards are inflated and the index written
    assert index_dir().parent == tmp_path and any(index_dir().glob("*.blocks"))
    assert name_genders(names) == first  # from the index
    assert first["Mary"] == first["mary"] == "female" and first["John"] == "male" and "Kim" not in first


def test_name_genders_searches_the_shards_where_no_index_can_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PRESSLENS_DATA_DIR", str(blocker))
    assert name_genders(["Mary", "John", "Kim"]) == {"Mary": "female", "John": "male"}


def test_article_then_corpus_genders():
    actors, mentions, articles = tables()
    rows = article_genders(actors, mentions, articles)
    assert rows.set_index("actor").loc["Marta Quell", ["gender", "gender_evidence"]].tolist() == ["female", "pronoun"]
    # a second article where the text says nothing of Marta Quell, and a person known only by name
    more = pd.DataFrame({"article_id": ["a2", "a2", "a3", "a4"],
                         "actor": ["Marta Quell", "John Fell", "Kim Dorr", "Alex Ro"],
                         "type": "person", "roles": "", "gender": ["", "", "male", "female"],
                         "gender_evidence": ["", "", "pronoun", "pronoun"]})
    both = pd.concat([rows, more], ignore_index=True)
    both["actor_id"] = both["actor"].str.lower().str.replace(" ", "-")
    both.loc[both["actor"] == "Alex Ro", "actor_id"] = "kim-dorr"  # a wrong merge: the articles conflict
    out, entities = corpus_genders(both, dict(zip(both["actor_id"], both["actor"])))
    out = out.set_index(["article_id", "actor"])
    assert out.loc[("a2", "Marta Quell"), "gender"] == "female"            # from her other article
    assert out.loc[("a2", "John Fell"), ["gender", "gender_evidence"]].tolist() == ["male", "name"]
    assert entities["kim-dorr"] == ("", "")                                  # conflicting: empty
    assert out.loc[("a3", "Kim Dorr"), "gender"] == "male"                  # but each row keeps its own text
    assert pd.isna(out.loc[("a1", "Port"), "gender"])


def test_conflicting_text_is_marked_then_never_filled_from_the_name():
    actors = pd.DataFrame({"article_id": ["a1"], "actor": ["Mary Vell"], "type": ["person"], "roles": [""]})
    body = "Mary Vell spoke. He left; she stayed."
    mentions = pd.DataFrame([("a1", "Mary Vell", "Mary Vell", 0, 9), ("a1", "Mary Vell", "He", 17, 19),
                             ("a1", "Mary Vell", "she", 26, 29)],
                            columns=["article_id", "actor", "text", "start", "end"])
    rows = article_genders(actors, mentions, pd.DataFrame({"article_id": ["a1"], "text": [body]}))
    assert rows.loc[0, "gender_evidence"] == CONFLICTING
    out, _ = corpus_genders(rows.assign(actor_id="mary-vell"), {"mary-vell": "Mary Vell"})
    assert out.loc[0, ["gender", "gender_evidence"]].isna().all()


@pytest.mark.parametrize(("body", "name", "gender"), [
    ("The injured man was named as Oren Vast.", "Oren Vast", "male"),
    ("The deceased fisherman was identified as Oren Vast on Friday.", "Oren Vast", "male"),
    ("Lena Hart is a mother of three.", "Lena Hart", "female"),
    ("Lena Hart was the daughter of a miner.", "Lena Hart", "female"),
    ("Lena Hart was a nurse for years.", "Lena Hart", None),          # a role, not a gender
    ("Lena Hart met the chairman of the board.", "Lena Hart", None),  # the noun is not hers
])
def test_nouns_identified_with_a_name(body, name, gender):
    mentions = pd.DataFrame([("a1", name, name) + span(body, name)],
                            columns=["article_id", "actor", "text", "start", "end"])
    actors = pd.DataFrame({"article_id": ["a1"], "actor": [name], "type": ["person"], "roles": [""]})
    votes = text_evidence(actors, mentions, pd.DataFrame({"article_id": ["a1"], "text": [body]}))
    assert votes.get(("a1", name), Counter()) == (Counter({("noun", gender): 1}) if gender else Counter())

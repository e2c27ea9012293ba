"""Corpus-level identity: one ``actor_id`` for one entity across the articles of a corpus.

Each article names its actors by their fullest form ("Sergey Lavrov"); across articles the same
entity may appear under a short form ("Lavrov"), an acronym ("UN") or another standard name of a
country ("USA"). :func:`resolve_identities` links them, on the ``actors`` table alone, after the
per-article work, so every engine gives the same ids:

1. rows with the same name and type (case, accents and dots aside) are one entity;
2. places that name the same country (ISO 3166 names, official and common names, upper-case
   codes, through ``pycountry``) are one entity;
3. an acronym ("WHO") joins the one organisation or place of the corpus whose initials or
   listed aliases it matches;
4. a short form of a person joins the one person of the corpus whose name it shortens: a surname
   or multi-word surname ("Doe", "Diaz Ortega"), the name without a middle name or with an
   initial ("J. Doe"). When it shortens several names, a role that it shares with only one of
   them decides, or else the corpus's usage (one of them in four times as many articles as all
   the others together); otherwise the short form stays an entity of its own. People with
   different given names never merge;
5. an alias file (YAML) forces merges (``same``) and forbids them (``different``).

Ids are readable slugs of the entity's most frequent full name ("jane-doe"), made unique
deterministically (``-place``, ``-2`` ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import pandas as pd
import yaml

from ..constants import LIST_SEPARATOR
from ..errors import PresslensError
from ..types import PathLike
from .gender import corpus_genders
from .lexicon import load_lexicon

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}  # generational suffixes, not part of the surname
_MINOR_WORDS = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "el", "al", "on", "in", "at", "to", "&"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


class AliasFileError(PresslensError, ValueError):
    """The alias file cannot be read, or is not a mapping of ``same`` and ``different`` lists of names."""


@lru_cache(maxsize=1 << 16)  # a corpus repeats its names
def name_key(name: str) -> str:
    """Return the form two names must share to be the same name: accents, case, dots and
    apostrophes aside ("Rosselló" = "Rossello", "U.S." = "US")."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s$", "", text.strip())
    text = re.sub(r"\.(?=\S)", "", text).replace(".", " ").replace("’", "'").replace("'", "")
    return " ".join(text.split())


def slugify(name: str) -> str:
    """Return a readable, ASCII, lower-case slug of a name ("Jane O'Doe" -> "jane-odoe")."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’`.]", "", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or "actor"


def _person_words(key: str) -> list[str]:
    """Words of a person's name key without leading titles or honorifics and trailing suffixes."""
    lex = load_lexicon()
    words = key.split()
    while len(words) > 1 and (words[0] in lex.title_heads or words[0] in lex.honorifics):
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


def shortens(short: list[str], full: list[str]) -> bool:
    """Tell whether the person name ``short`` is a short form of ``full`` (both as words).

    A proper suffix of the words is a surname form ("doe" of "jane doe", "diaz ortega" of
    "ana diaz ortega"); a name with the same surname whose given names are the first of the
    full name's or their initials, in order, drops a middle name or abbreviates ("jane doe" and
    "j doe" of "jane q doe"). Different given names ("jane doe", "john doe") never match.
    """
    if short == full or len(short) > len(full):
        return False
    if len(short) < len(full) and full[-len(short):] == short:
        return len(short[-1]) > 1
    if len(short) < 2 or short[-1] != full[-1] or not _same_given(short[0], full[0]):
        return False
    i = 1
    for word in short[1:-1]:  # each further given word matches a later word of the full name, in order
        while i < len(full) - 1 and not _same_given(word, full[i]):
            i += 1
        if i == len(full) - 1:
            return False
        i += 1
    return True


def _same_given(word: str, full: str) -> bool:
    """A given name matches itself and its initial."""
    return word == full or (len(word) == 1 and full[0] == word)


def initials(name: str) -> str:
    """Return the initials of a name's significant words ("International Rowing Union" -> "IRU")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _MINOR_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """Return ``{name key: alpha_3}`` for ISO 3166 names and ``{code: alpha_3}`` for codes."""
    import pycountry

    names, codes = {}, {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names[name_key(value)] = country.alpha_3
        codes[country.alpha_2] = codes[country.alpha_3] = country.alpha_3
    return names, codes


def country_code(name: str) -> str | None:
    """Return the ISO alpha-3 code of the country a place name names, or None.

    Names match case-insensitively; codes only as written in capitals ("US", not "us").
    """
    names, codes = _countries()
    compact = name.replace(".", "").strip()
    return names.get(name_key(name)) or (codes.get(compact) if compact.isupper() else None)


@dataclass
class AliasRules:
    """Merges forced (``same``) and forbidden (``different``) by an alias file, as name keys."""

    same: list[set[str]] = field(default_factory=list)
    different: list[set[str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: PathLike | None) -> AliasRules:
        """Read an alias file; ``None`` gives no rules.

        The file is YAML: ``same:`` a list of lists of names of one entity each, ``different:``
        a list of lists of names that are never one entity. Names match as :func:`name_key`::

            same:
              - [Jane Doe, J. Q. Doe]
            different:
              - [Jane Doe, Doe]      # "Doe" alone is never linked to Jane Doe

        Raises:
            AliasFileError: The file cannot be read or has another shape.
        """
        if path is None:
            return cls()
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise AliasFileError(f"{path}: cannot read the alias file ({exc})") from None
        if not isinstance(data, dict) or set(data) - {"same", "different"}:
            raise AliasFileError(f"{path}: expected a mapping with 'same' and/or 'different' lists")
        groups = {}
        for kind in ("same", "different"):
            value = data.get(kind) or []
            if not isinstance(value, list) or not all(isinstance(g, list) and len(g) >= 2 for g in value):
                raise AliasFileError(f"{path}: '{kind}' must be a list of lists of at least two names")
            groups[kind] = [{name_key(str(n)) for n in g} for g in value]
        return cls(**groups)


class _Entities:
    """Union-find over nodes (type, name key), refusing a union that the alias rules forbid.

    Each root holds its entity's name keys, articles and roles.
    """

    def __init__(self, rules: AliasRules) -> None:
        self.parent: dict[tuple, tuple] = {}
        self.keys: dict[tuple, set[str]] = {}
        self.articles: dict[tuple, set[str]] = {}
        self.roles: dict[tuple, set[str]] = {}
        self.rules = rules

    def add(self, node: tuple) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.keys[node] = {node[1]}
            self.articles[node], self.roles[node] = set(), set()

    def find(self, node: tuple) -> tuple:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: tuple, b: tuple) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        keys = self.keys[ra] | self.keys[rb]
        if any(len(keys & group) > 1 and (keys & group) - self.keys[ra] and (keys & group) - self.keys[rb]
               for group in self.rules.different):
            return False
        ra, rb = min(ra, rb), max(ra, rb)  # the smaller node is the root: order-independent
        self.parent[rb] = ra
        self.keys[ra] = keys
        self.articles[ra] = self.articles[ra] | self.articles[rb]
        self.roles[ra] = self.roles[ra] | self.roles[rb]
        return True


def resolve_identities(actors: pd.DataFrame, aliases: AliasRules | None = None) -> dict[tuple[str, str], str]:
    """Give every row of the ``actors`` table its corpus-level id.

    Args:
        actors: The ``actors`` table of the whole corpus.
        aliases: Forced and forbidden merges (see :class:`AliasRules`).

    Returns:
        ``{(article_id, actor): actor_id}`` for every row.
    """
    rules = aliases or AliasRules()
    # (.tolist(): for speed, iterating a column of the string dtype makes each value in Python, ten times slower)
    rows = list(zip(actors["article_id"].tolist(), actors["actor"].tolist(), actors["type"].fillna("").tolist(),
                    actors["aliases"].fillna("").tolist(), actors["roles"].fillna("").tolist()))
    ents = _Entities(rules)
    node_of: dict[tuple[str, str], tuple] = {}
    for article_id, actor, kind, _, role in rows:
        node = (kind, name_key(actor))
        if kind == "place":
            code = country_code(actor)
            if code:
                node = ("place", f"iso {code.lower()}")
        ents.add(node)
        ents.keys[node].add(name_key(actor))
        node_of[(article_id, actor)] = node
        ents.articles[node].add(article_id)
        ents.roles[node].update(_roles(role))
    for group in rules.same:  # forced merges, whatever the type
        members = sorted(n for n in ents.parent if ents.keys[n] & group)
        for node in members[1:]:
            ents.union(members[0], node)
    _link_acronyms(ents, rows, node_of)
    row_links = _link_persons(ents, rows, node_of)
    return _slugs(ents, node_of, row_links)


def _link_acronyms(ents: _Entities, rows: list[tuple], node_of: Mapping) -> None:
    """Join an acronym node to the one organisation or place whose initials or aliases it matches."""
    full: dict[tuple[str, str], set[tuple]] = defaultdict(set)  # (type, ACRONYM) -> full-name nodes
    for article_id, actor, kind, aliases, _ in rows:
        if kind not in ("organisation", "place") or _ACRONYM.match(actor.replace(".", "")):
            continue
        node = node_of[(article_id, actor)]
        words = set(actor.split())
        if len(words) >= 2 and len(initials(actor)) >= 3:  # two letters are too ambiguous on their own
            full[(kind, initials(actor))].add(node)
        for alias in str(aliases).split(LIST_SEPARATOR):  # an acronym the article gave, not a word of the name
            if _ACRONYM.match(alias.replace(".", "")) and alias not in words:
                full[(kind, alias.replace(".", ""))].add(node)
    acronyms = sorted({(kind, actor, node_of[(article_id, actor)]) for article_id, actor, kind, _, _ in rows
                       if kind in ("organisation", "place") and _ACRONYM.match(actor.replace(".", ""))})
    for kind, actor, node in acronyms:  # sorted: the same joins whatever the order of the rows
        targets = {ents.find(n) for n in full.get((kind, actor.replace(".", "")), ())}
        if len(targets) == 1:
            ents.union(node, targets.pop())


def _roles(value: object) -> set[str]:
    return {r.strip().lower() for r in str(value).split(LIST_SEPARATOR) if r.strip()}


def _link_persons(ents: _Entities, rows: list[tuple], node_of: Mapping) -> dict[tuple[str, str], tuple]:
    """Join persons' short forms to the one full name they shorten.

    Multi-word names are joined node by node (the same name is the same person). A one-word
    name may be a different person in each article ("Doe" the minister, "Doe" the student), so
    each row links on its own; a row that cannot be linked keeps its node, and so does a word
    that the corpus uses mostly as a given name (:data:`GIVEN_MAJORITY` times as often as a surname).

    Returns:
        ``{(article_id, actor): node}`` for the one-word rows linked to a full name.
    """
    words = {node: _person_words(node[1]) for node in ents.parent if node[0] == "person"}
    by_last: dict[str, list[tuple]] = defaultdict(list)
    for node, ws in words.items():
        by_last[ws[-1]].append(node)

    def candidates(node: tuple) -> set[tuple]:
        ws = words[node]
        return {ents.find(other) for other in by_last[ws[-1]] if other != node and shortens(ws, words[other])}

    changed = True
    while changed:  # until nothing joins: a join can leave a shorter form one candidate instead of two
        changed = False
        for node in sorted((n for n in words if len(words[n]) >= 2), key=lambda n: (-len(words[n]), n)):
            target = _choose(candidates(node), ents.roles[ents.find(node)], ents)
            if target is not None and ents.find(node) != target:
                changed |= ents.union(node, target)
    given: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for ws in words.values():
        if len(ws) > 1:
            given[ws[0]] += 1
            family[ws[-1]] += 1
    links = {}
    for article_id, actor, kind, _, role in rows:
        node = node_of[(article_id, actor)]
        if kind != "person" or node not in words or len(words[node]) != 1 or len(words[node][0]) < 2:
            # (node_of holds one node per article and name: a person and a group of one name
            # in one article, "Lund" and the Lunds, share the last row's)
            continue  # a one-word name; an initial alone names nobody
        if given[words[node][0]] >= GIVEN_MAJORITY * max(family[words[node][0]], 1):
            continue  # a word the corpus uses mostly as a given name: "Jane" alone is not Mary Jane
        target = _choose(candidates(node), _roles(role), ents)
        if target is not None:
            blocked = any(node[1] in g and g & ents.keys[ents.find(target)] for g in ents.rules.different)
            if not blocked:
                links[(article_id, actor)] = target
    return links


GIVEN_MAJORITY = 3  # a one-word name used this many times more as a given name than as a surname is no surname
DOMINANCE = 4  # a surname shared by several people means the one with this many times the others' articles
DOMINANT_ARTICLES = 3  # ... and in at least this many articles


def _choose(targets: set[tuple], roles: set[str], ents: _Entities) -> tuple | None:
    """Choose the person a short form names among the entities whose names it shortens.

    One candidate is the answer. Among several, a role that the row shares with only one
    decides ("Senator Doe" and Senator Jane Doe); else the corpus's usage: the candidate in at
    least :data:`DOMINANT_ARTICLES` articles and :data:`DOMINANCE` times as many as all the
    others together (what the corpus means by "Doe"). Otherwise None: the surname stays an
    entity of its own, and different people who share it are never merged.
    """
    if len(targets) <= 1:
        return next(iter(targets), None)
    shared = {t for t in targets if roles & ents.roles[t]}
    if len(shared) == 1:
        return shared.pop()
    articles = {t: len(ents.articles[t]) for t in targets}
    ranked = sorted(targets, key=lambda t: (-articles[t], t))
    top, rest = articles[ranked[0]], sum(articles[t] for t in ranked[1:])
    if top >= DOMINANT_ARTICLES and top >= DOMINANCE * rest:
        return ranked[0]
    return None


def _slugs(ents: _Entities, node_of: Mapping, row_links: Mapping) -> dict[tuple[str, str], str]:
    """Name each entity by its most frequent full name and make its slug unique."""
    entity_of = {row: row_links.get(row) or ents.find(node) for row, node in node_of.items()}
    forms: dict[tuple, Counter] = defaultdict(Counter)
    for (_, actor), root in entity_of.items():  # the entities that hold rows, named by their rows
        forms[root][actor] += 1
    label = {root: display_name(counts, root[0]) for root, counts in forms.items()}
    by_slug: dict[str, list[tuple]] = defaultdict(list)
    for root in sorted(label):
        by_slug[slugify(label[root])].append(root)
    ids = {}
    for slug, roots in by_slug.items():
        if len(roots) == 1:
            ids[roots[0]] = slug
            continue
        kinds = Counter(root[0] for root in roots)
        seen: Counter = Counter()
        for root in roots:  # sorted: the same order on every run
            base = slug if kinds[root[0]] == len(roots) else f"{slug}-{root[0]}"
            seen[base] += 1
            ids[root] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return {row: ids[root] for row, root in entity_of.items()}


def entity_names(actors: pd.DataFrame, ids: Mapping[tuple[str, str], str]) -> dict[str, str]:
    """Return ``{actor_id: name}``: the most frequent full name among the entity's rows."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for article_id, actor in zip(actors["article_id"].tolist(), actors["actor"].tolist()):  # .tolist(): for speed
        counts[ids[(article_id, actor)]][actor] += 1
    kinds = dict(zip(actors["actor_id"].tolist(), actors["type"].tolist()))
    return {i: display_name(c, kinds[i]) for i, c in counts.items()}


def display_name(counts: Mapping[str, int], kind: str) -> str:
    """Choose an entity's name among its rows' names: for a person the most frequent full name
    (more than one word; ties go to the longer), else the most frequent name (ties go to a
    name over an acronym, then to the shorter: "Germany" rather than its official name); then
    the first in alphabetical order."""
    def rank(name: str) -> tuple:
        person = kind == "person"
        return (person and len(name.split()) > 1, counts[name], not _ACRONYM.match(name.replace(".", "")),
                len(name) if person else -len(name), [-ord(c) for c in name])
    return max(counts, key=rank)


CORPUS_ACTOR_COLUMNS = ["actor_id", "name", "type", "aliases", "articles", "mentions", "quotes", "gender",
                        "gender_evidence", "first_date", "last_date"]


def corpus_pass(actors: pd.DataFrame, quotes: pd.DataFrame, dates: pd.Series,
                aliases: AliasRules | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the corpus-level step on the tables of a whole corpus: identities, then genders.

    Args:
        actors: The ``actors`` table of every article, with the article-level ``gender`` and
            ``gender_evidence`` of :func:`~analysis.actors.gender.article_genders`.
        quotes: The ``quotes`` table.
        dates: The articles' dates, indexed by ``article_id``.
        aliases: Forced and forbidden merges.

    Returns:
        ``actors`` with ``actor_id`` and the corpus-level gender, ``quotes`` with ``speaker_id``,
        and the ``corpus_actors`` table.
    """
    ids = resolve_identities(actors, aliases)
    actors = actors.copy()
    actors["actor_id"] = [ids[key] for key in zip(actors["article_id"].tolist(), actors["actor"].tolist())]
    actors, genders = corpus_genders(actors, entity_names(actors, ids))
    quotes = quotes.copy()
    quotes["speaker_id"] = [ids.get(key) if pd.notna(key[1]) else None
                            for key in zip(quotes["article_id"].tolist(), quotes["speaker"].tolist())]
    return actors, quotes, corpus_actors(actors, dates, genders)


def corpus_actors(actors: pd.DataFrame, dates: pd.Series, genders: Mapping[str, tuple[str, str]] | None = None,
                  ) -> pd.DataFrame:
    """Build the ``corpus_actors`` table: one row per entity of the corpus.

    Args:
        actors: The ``actors`` table with its ``actor_id`` column.
        dates: The articles' dates, indexed by ``article_id`` (for ``first_date``, ``last_date``).
        genders: ``{actor_id: (gender, evidence)}`` of the person entities.

    Returns:
        ``actor_id, name, type, aliases, articles, mentions, quotes, gender, gender_evidence,
        first_date, last_date``, most mentioned first.
    """
    if actors.empty:
        return pd.DataFrame(columns=CORPUS_ACTOR_COLUMNS)
    genders = genders or {}
    ids = dict(zip(zip(actors["article_id"].tolist(), actors["actor"].tolist()), actors["actor_id"].tolist()))
    names = entity_names(actors, ids)
    dates = pd.to_datetime(dates, errors="coerce")
    dates = dates[~dates.index.duplicated()]
    rows = actors.assign(date=actors["article_id"].map(dates))
    forms: dict[str, set[str]] = defaultdict(set)
    for actor_id, actor, aliases in zip(rows["actor_id"].tolist(), rows["actor"].tolist(),
                                        rows["aliases"].fillna("").tolist()):
        forms[actor_id].add(actor)
        forms[actor_id].update(a for a in str(aliases).split(LIST_SEPARATOR) if a)
    kinds = rows.groupby(["actor_id", "type"]).size().reset_index(name="n")
    kinds = kinds.sort_values(["actor_id", "n", "type"], ascending=[True, False, True]).drop_duplicates("actor_id")
    grouped = rows.groupby("actor_id", sort=True)
    table = pd.DataFrame({
        "articles": grouped["article_id"].nunique(),
        "mentions": grouped["mentions"].sum(min_count=1).fillna(0).astype(int),
        "quotes": grouped["quotes"].sum(min_count=1).fillna(0).astype(int),
        "first_date": grouped["date"].min(), "last_date": grouped["date"].max(),
    })
    table["type"] = kinds.set_index("actor_id")["type"]
    out = []
    for actor_id, row in zip(table.index, table.itertuples(index=False)):
        gender, evidence = genders.get(actor_id, ("", ""))
        out.append({"actor_id": actor_id, "name": names[actor_id], "type": row.type,
                    "aliases": LIST_SEPARATOR.join(sorted(forms[actor_id] - {names[actor_id]})) or None,
                    "articles": row.articles, "mentions": row.mentions, "quotes": row.quotes,
                    "gender": gender or None, "gender_evidence": evidence or None,
                    "first_date": row.first_date, "last_date": row.last_date})
    frame = pd.DataFrame(out, columns=CORPUS_ACTOR_COLUMNS)
    return frame.sort_values(["mentions", "actor_id"], ascending=[False, True], kind="stable").reset_index(drop=True)

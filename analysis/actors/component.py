"""The actors capability: canonical people, organisations, places and groups in an article.

Pure functions over a parsed Doc do the work; the ``presslens_actors`` component calls them and
stores the results:

- ``doc.spans["presslens_mentions"]``: every mention of an actor (names, and pronouns or
  nominals resolved to one), each with ``span._.actor`` = the canonical name and
  ``span.label_`` = the actor's type;
- ``doc._.presslens_actors``: one dict per actor, ``{"actor", "type", "aliases", "roles",
  "affiliation"}``.

:func:`actor_for` tells which actor a span (a name, a pronoun, "the minister", "the statement")
refers to; the quotes capability calls it on the subjects of reporting verbs.

Notes:
    Method, all rules over spaCy's entities and parse (no neural coreference, which needs
    models downloaded at run time); the word lists are the ``actors_*.yaml`` lexicons.

    1. Names: the PERSON, ORG, GPE, LOC and NORP entities (and FAC ones holding an organisation
       word, "Zephyr Air"), cleaned of determiners (but a capitalised "The" inside a sentence,
       "The Weekly"), honorifics of several languages, leading titles and weekdays, possessives
       and ordinals. Where NER erred, entities are joined ("Nuri Aslan" + "Demir"; "High Court"
       + "of the" + "United Republic"; "School of Marine and" + "Polar Science"; "Riverton, N.J.";
       "University of Vesna, Lakeport") or split ("Vesna Marta Ruiz"; "Ann Lee of Reef Trips";
       "University of Vesna and Zephyr Holdings"; a title with its place, "Bishop of Lyon");
       people NER missed are taken after a capitalised title ("Presidents Ana Tembo") or from a
       surname it tagged elsewhere ("Tomas Berg"). What is no actor is dropped
       (:mod:`.nonactors`): facilities, events, programmes, diseases, products and models,
       vessels, religions, time zones, bare titles, lower-case and sentence-opening words, the
       short forms of laws and other things spaCy labels LAW, EVENT, PRODUCT, WORK_OF_ART or FAC,
       and speaker labels opening a paragraph in transcripts and interviews ("Q:", "((KR))").
    2. Actors: names are clustered from the fullest down. A name joins an actor when it equals
       one of its names (accents and plural -s aside), is a run of a fuller name's words
       ("Varga" in "Anton Varga", "Zephyr" in "Zephyr Air"; but not the person a body is named
       after), its acronym or the name in parentheses after it ("Northern Grain Board (NGB)",
       also an acronym in another language), an acronym before ", or the Full Name,", a listed
       alias ("US" of "United States"), a birth name ("born Annabel Joy Lindqvist"), a surname
       spelt one letter apart, or a one-letter misspelling of a long name. Nationality words,
       compound demonyms and peoples used as adjectives or plurals are groups.
    3. Types: votes of the mentions' entity labels (the fullest name counts most) plus evidence:
       a title, honorific, given name (US Census lists, :mod:`.given`) or list of people makes a
       person; a gazetteer country, "in X", "X's governor", "the capital, X" or a list of places
       a place; an organisation word or a company's legal form (``cleanco``, :mod:`.suffixes`)
       an organisation. A one-word "person" with no such evidence and no known surname is no
       actor (a brand-cased one is a body); a platform only written "on"/"via" is a medium.
    4. Roles: titles before a name ("Russian Foreign Minister Anton Varga"), set off by commas
       ("The Vice President, Tom Adler,") or in apposition after it ("Ruiz, director of
       the NGB,"); stacked titles are split ("Commandant", "Admiral"), plural ones made singular
       and shared ("Senators A and B"); a leading nationality or party is the affiliation.
    5. References: third-person pronouns go to the nearest fitting actor named as a subject (or
       as the source of "according to X", for "he" and "she") in the last sentences, a main-clause
       subject before one in a reported or relative clause of the same earlier sentence; never to
       a clause-mate subject ("X upheld it"), never across a known gender ("Mr", a given name, a
       role or kin noun such as "spokeswoman" or "Kerr's mother", an earlier "he"), never inside
       quotation marks; "it" and "they" only as subjects or possessives. Nominals go to the
       person whose role matches ("the vice president"; a "Deputy Governor" is not "the
       governor"), the organisation whose name holds the noun ("the ministry"), the issuer of a
       document ("the statement" of the Foreign Office, "GHA's statistics"), or the actor an
       apposition described with the same noun ("One news site, Presswire.com" ... "the website";
       a web address is a website). A description with a name in apposition is that name
       ("Kerr's mother, Alma Voss"); a joint source ("X and Y") is no one actor.
       Unresolved means None, not a guess.

    What :func:`actor_for` needs (the mentions by token, sentence starts, quoted tokens, genders,
    descriptions) is computed once per Doc by the component and remembered for the last Docs
    annotated, so a call costs a few dictionary look-ups.

    The steps live in their own modules: :mod:`.lexicon` (word lists), :mod:`.names` and
    :mod:`.nonactors` (step 1), :mod:`.clusters` (steps 2 and 3), :mod:`.roles` (step 4) and
    :mod:`.references` (step 5); this module holds the entry points, the component and the
    records.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, Token

from ..columns import columns, word_positions
from ..constants import ERRORS_KEY, MENTIONS_KEY
from ..paths import LEXICONS_DIR
from .clusters import (
    Actor,
    Analysis,
    choose_canonical,
    cluster_mentions,
    vote_types,
)
from .lexicon import ACTOR_TYPES, Lexicon, load_lexicon
from .names import name_mentions
from .references import (
    Context,
    build_context,
    resolve_nominal,
    resolve_pronoun,
    resolve_references,
    set_mentions,
)
from .roles import _affiliations, find_roles
from .words import _norm

SPANS_KEY = MENTIONS_KEY
COMPONENT = "presslens_actors"


def register_extensions() -> None:
    """Register the Doc and Span extensions of the actors capability (idempotent)."""
    Span.set_extension("actor", default=None, force=True)
    Doc.set_extension("presslens_actors", default=None, force=True)
    Doc.set_extension("presslens_actor_lexicon", default=None, force=True)  # the component's lexicon stems


register_extensions()


# ------------------------------------------------------------------------------ entry points

def find_actors(doc: Doc, lex: Lexicon | None = None) -> Analysis:
    """Find the actors of a parsed Doc and their name mentions.

    Args:
        doc: A Doc parsed by a pipeline with ``ner`` and ``parser``.
        lex: The lexicon; by default :func:`load_lexicon`.

    Returns:
        The actors (canonical name, type, aliases, roles, affiliation) and their name mentions.

    Example:
        >>> analysis = find_actors(nlp("Foreign Minister Anton Varga arrived. Varga said..."))  # doctest: +SKIP
        >>> [a.record()["actor"] for a in analysis.actors]  # doctest: +SKIP
        ['Anton Varga']
    """
    lex = lex or load_lexicon()
    names = name_mentions(doc, lex)
    mentions = cluster_mentions(doc, names, lex)
    vote_types(doc, mentions, lex)
    mentions = [(span, actor) for span, actor in mentions if actor.type]  # "" = found to be no actor
    actors = list({id(a): a for _, a in sorted(mentions, key=lambda m: m[0].start)}.values())
    for actor in actors:
        actor.canonical = choose_canonical(actor, lex)
    find_roles(doc, mentions, lex)
    _affiliations(actors, lex)
    _extend_surnames(doc, mentions)
    mentions.sort(key=lambda m: (m[0].start, m[0].end))
    return Analysis(actors=actors, mentions=mentions)


def _extend_surnames(doc: Doc, mentions: list[tuple[Span, Actor]]) -> None:
    """Add mentions of a person's last name that NER missed (capitalised proper nouns only)."""
    surnames: dict[str, Actor | None] = {}
    for _, actor in mentions:
        if actor.type == "person" and len(actor.words) >= 2:
            last = actor.words[-1]
            surnames[last] = None if last in surnames and surnames[last] is not actor else actor
    if not surnames:
        return
    taken = {i for span, _ in mentions for i in range(span.start, span.end)}  # (no Token per word)
    for i in word_positions(doc, "ORTH", surnames):
        found = surnames.get(doc[i].text)
        if found is not None and i not in taken and doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
            mentions.append((doc[i:i + 1], found))


def actor_context(doc: Doc) -> Context:
    """Return what :func:`actor_for` needs to resolve references in ``doc``, built once per Doc.

    It is read from the Doc: the actors and mentions that the ``presslens_actors`` component
    stored, with the lexicon it was configured with (``doc._.presslens_actor_lexicon``); on a Doc
    the component has not seen, the actors are found on the fly with the default lexicon.
    """
    stems = doc._.presslens_actor_lexicon
    lex = load_lexicon(*stems) if stems else load_lexicon()
    if doc._.presslens_actors is None or SPANS_KEY not in doc.spans:
        analysis = find_actors(doc, lex)
        actors = [a.record() for a in analysis.actors]
        names = [(s, a.canonical) for s, a in analysis.mentions]
        return build_context(doc, lex, actors, names)
    mentions = [(s, actor) for s in doc.spans[SPANS_KEY] if (actor := s._.actor)]  # each s._ builds an accessor
    names = [(s, a) for s, a in mentions if not _is_reference(s, lex)]
    built = _BUILT.get(doc)
    if (built is not None and built.actors is doc._.presslens_actors and built.lex is lex
            and built.names == [(s.start, s.end, a) for s, a in names]):
        # For speed: the component built this context from the same actors and names; reuse
        # what depends on them alone, with the genders as they were before its references
        # added theirs, so the result is what build_context would return.
        ctx = Context(doc=doc, lex=lex, actors=built.by_name, names=names, sent_starts=built.sent_starts,
                      quoted=built.quoted, gender=dict(built.gender), name_at=built.name_at,
                      descriptions=built.descriptions)
        set_mentions(ctx, mentions)
        return ctx
    return build_context(doc, lex, doc._.presslens_actors, names, mentions)


@dataclass(frozen=True)
class _Built:
    """The parts of the context :func:`annotate` built for a Doc, and what it was built from.

    Nothing here refers to the Doc (its key in :data:`_BUILT`), so the entry goes with it.
    """

    actors: list[dict]  # the records stored in doc._.presslens_actors
    lex: Lexicon
    names: list[tuple[int, int, str]]  # (start, end, actor) of each name, in order
    by_name: dict[str, dict]  # the context's fields that depend on the Doc, actors and names alone
    sent_starts: list[int]
    quoted: set[int]
    name_at: dict[int, str]
    descriptions: dict[str, list[tuple[str, str | None, int]]]
    gender: dict[str, str]  # before resolving references added to it

    @classmethod
    def of(cls, ctx: Context, actors: list[dict], names: list[tuple[Span, str]]) -> _Built:
        return cls(actors=actors, lex=ctx.lex, names=[(s.start, s.end, a) for s, a in names], by_name=ctx.actors,
                   sent_starts=ctx.sent_starts, quoted=ctx.quoted, name_at=ctx.name_at,
                   descriptions=ctx.descriptions, gender=dict(ctx.gender))


# A cache, not a hand-off: actor_context rebuilds whatever it does not find here or finds stale.
# Weakly keyed beside the Doc rather than stored in it, so that a Doc stays serialisable with
# DocBin (its user_data takes only msgpack values), as analysis.columns does for token columns.
_BUILT: weakref.WeakKeyDictionary[Doc, _Built] = weakref.WeakKeyDictionary()


def annotate(doc: Doc, lex: Lexicon | None = None, *, references: bool = True) -> Doc:
    """Find the actors of ``doc`` and store them in ``doc.spans`` and ``doc._.presslens_actors``.

    Args:
        doc: A parsed Doc.
        lex: The lexicon; by default :func:`load_lexicon`.
        references: Also resolve pronouns and nominals into mentions.

    Returns:
        The same Doc.
    """
    lex = lex or load_lexicon()
    analysis = find_actors(doc, lex)
    records = [a.record() for a in analysis.actors]
    names = [(span, actor.canonical) for span, actor in analysis.mentions]
    found = list(names)
    ctx = build_context(doc, lex, records, names)
    _BUILT[doc] = _Built.of(ctx, records, names)  # for speed: actor_context reuses it
    if references:
        found.extend(resolve_references(ctx))
        found.sort(key=lambda m: (m[0].start, m[0].end))
        set_mentions(ctx, found)
    types = {a["actor"]: a["type"] for a in records}
    spans = []
    for span, actor in found:
        mention = Span(doc, span.start, span.end, label=types[actor])
        mention._.actor = actor
        spans.append(mention)
    doc.spans[SPANS_KEY] = spans
    doc._.presslens_actors = records
    return doc


def actor_for(doc: Doc, span: Span, context: Context | None = None) -> str | None:
    """Return the canonical actor that ``span`` refers to, or None when it cannot be resolved.

    ``span`` may be a name or part of one ("Demir", "Varga's"), a third-person pronoun
    ("he", "it", "they"), a nominal ("the minister", "the ministry") or a document whose issuer
    is named ("the statement" issued by the Foreign Office); a description with a name in
    apposition ("Kerr's mother, Alma Voss") is the named actor. Works best on a Doc
    processed by the ``presslens_actors`` component; otherwise the actors are found on the fly.
    What it needs is built from the Doc by :func:`actor_context`; pass it as ``context`` when
    resolving many spans of one Doc, so that it is built once.

    Args:
        doc: The Doc that ``span`` belongs to.
        span: The span to resolve, e.g. the subject of a reporting verb.
        context: ``actor_context(doc)``, when the caller resolves several spans of ``doc``.

    Returns:
        The canonical name ("Anton Varga"), or None: never a guess.

    Example:
        >>> actor_for(doc, doc[10:11])  # doctest: +SKIP
        'Anton Varga'
    """
    ctx = context if context is not None else actor_context(doc)
    lex = ctx.lex
    if not ctx.actors:
        return None
    root = span.root
    # 1. a name in apposition: "Kerr's mother, Alma Voss"; "Bank president Ada Nwosu"
    #    when the parser made the bank the head
    here = ctx.name_at.get(root.i)
    if here is None or ctx.actors[here]["type"] != "person":
        appositions = [c for c in root.children if c.dep_ == "appos"]
        appositions += [t for t in span if t.dep_ == "appos" and span.start <= t.head.i < span.end
                         and ctx.actors.get(ctx.name_at.get(t.i) or "", {}).get("type") == "person"]
        for token in appositions:  # "The president of Zambia, Ana Tembo,": Tembo is the appos of Zambia
            named = ctx.name_at.get(token.i)
            if named is not None and (here is None or ctx.actors[named]["type"] == "person"):
                return named
    if (titled := _stacked_titles(ctx, span)) is not None:
        return titled
    for conj in (c for c in root.children if c.dep_ == "conj" and span.start <= c.i < span.end):
        people = {name for t in conj.subtree if t.i < span.end
                  and (name := ctx.name_at.get(t.i)) is not None and name != here}
        if (conj.i in ctx.name_at or conj.tag_ != "NN"
                or any(ctx.actors[a]["type"] == "person" for a in people)):
            return None  # a joint source ("the committee and the FSB") is no one actor; "X and adviser to Y" is X
    # 2. a stored mention covers the span's head word
    if root.i in ctx.mention_at:
        return ctx.mention_at[root.i]
    # 3. the text names an actor, or part of a person's name
    text = _norm(span.text)
    if text.startswith("the "):
        text = text[4:]
    for info in ctx.actors.values():
        forms = [info["actor"], *info["aliases"]]
        if text in (_norm(f) for f in forms):
            return info["actor"]
    parts = [info["actor"] for info in ctx.actors.values() if info["type"] == "person"
             and text and text.split() == [w.lower() for w in info["actor"].split()][-len(text.split()):]]
    if len(parts) == 1:
        return parts[0]
    if (named := _sole_person(ctx, span)) is not None:
        return named
    # 4. a pronoun or nominal: the resolution rules
    if root.lower_ in lex.person_pronouns | lex.thing_pronouns | lex.plural_pronouns:
        return resolve_pronoun(ctx, root)
    if root.pos_ in ("NOUN", "PROPN"):
        return resolve_nominal(ctx, root)
    return None


def _stacked_titles(ctx: Context, span: Span) -> str | None:
    """Return the person of "Party leader and Prime Minister Jane Doe": two roles, one person.

    Class: roles joined by "and" before a name, the first one a bare singular title or occupation (no article
    or possessive) naming no person, are titles of that name ("retired officer and analyst Jan
    Roe"); with an article the first role is someone else ("the mayor and Governor Jane Doe": two
    sources), and a plural ("officers and Mayor Jan Roe") is a group beside the person.
    """
    person = ctx.name_at.get(span[-1].i)
    if person is None or ctx.actors[person]["type"] != "person":
        return None
    before = [t for t in span if ctx.name_at.get(t.i) != person]
    ands = [t for t in before if t.lower_ == "and"]
    if len(ands) != 1 or ands[0].i == span.start or any(
            ctx.name_at.get(t.i) == person for t in span if t.i < ands[0].i):
        return None
    role = span.doc[ands[0].i - 1]
    # a title or any occupation noun in the singular ("agent", "analyst"): a plural is a group
    if (role.lower_ not in ctx.lex.title_heads and (role.tag_ != "NN" or role.ent_type_)) or any(
            t.tag_ in ("DT", "PRP$", "POS") or t.dep_ in ("det", "poss") for t in before):
        return None
    if any(ctx.actors.get(ctx.name_at.get(t.i) or "", {}).get("type") == "person" for t in before):
        return None
    return person


def _sole_person(ctx: Context, span: Span) -> str | None:
    """Return the one person a speaker phrase names outside its prepositions and possessives.

    Class: a long subject after the verb ("said study co-author Professor Jan Roe of Elm
    University") that the parser splits into several heads is still one person when it names one
    person and coordinates nothing; a name under a preposition or a possessive ("the wife of Jan
    Roe", "Jan Roe's lawyer") is not the speaker.
    """
    found = {ctx.name_at[t.i] for t in span if t.i in ctx.name_at}
    people = [a for a in found if ctx.actors[a]["type"] == "person"]
    if len(people) != 1 or any(t.dep_ in ("cc", "poss", "case") or t.tag_ in ("DT", "PRP$", "POS")
                               for t in span if not _under_preposition(t, span)):
        return None
    name = [t for t in span if ctx.name_at.get(t.i) == people[0]]
    return people[0] if not any(_under_preposition(t, span) for t in name) else None


def _under_preposition(token: Token, span: Span) -> bool:
    """Tell whether ``token`` hangs from a preposition inside ``span`` ("of Elm University")."""
    node = token
    while span.start <= node.i < span.end:
        if node.dep_ in ("prep", "pobj", "agent"):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _is_reference(span: Span, lex: Lexicon) -> bool:
    """Tell whether a stored mention is a pronoun or a nominal rather than a name."""
    return len(span) >= 1 and (span[0].pos_ == "PRON" or (
        span[-1].pos_ == "NOUN" and span[0].lower_ in ("the", "this", "that")))


# -------------------------------------------------------------------------------- component

@Language.factory(
    COMPONENT,
    requires=["doc.ents", "token.dep"],
    assigns=["doc.spans", "doc._.presslens_actors", "doc._.presslens_actor_lexicon", "span._.actor"],
    default_config={"references": True, "titles": "actors_titles", "places": "actors_places",
                    "pronouns": "actors_pronouns", "names": "actors_names"},
)
def make_actors(nlp: Language, name: str, references: bool, titles: str, places: str,
                pronouns: str, names: str) -> ActorsComponent:
    """Create the ``presslens_actors`` component.

    Args:
        nlp: The pipeline.
        name: The component's name.
        references: Resolve pronouns and nominals into mentions.
        titles: Stem of the titles lexicon in ``analysis/lexicons/``.
        places: Stem of the demonyms and aliases lexicon.
        pronouns: Stem of the pronouns and nominals lexicon.
        names: Stem of the given names lexicon.
    """
    for stem in (titles, places, pronouns, names):
        if not (LEXICONS_DIR / f"{stem}.yaml").is_file():
            valid = sorted(p.stem for p in LEXICONS_DIR.glob("actors_*.yaml"))
            raise ValueError(f"presslens_actors: lexicon {stem!r} not found in {LEXICONS_DIR}; "
                             f"valid lexicons are {valid}, e.g. nlp.add_pipe('{COMPONENT}', "
                             f"config={{'titles': 'actors_titles'}})")
    return ActorsComponent(name=name, references=references, titles=titles, places=places,
                           pronouns=pronouns, names=names)


class ActorsComponent(Pipe):
    """Store the actors of each Doc; a failure on one Doc is recorded on it, never raised."""

    def __init__(self, *, name: str = COMPONENT, references: bool = True,
                 titles: str = "actors_titles", places: str = "actors_places",
                 pronouns: str = "actors_pronouns", names: str = "actors_names") -> None:
        self.name = name
        self.references = references
        self.lexicon_names = (titles, places, pronouns, names)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc``; on an error, record it in ``doc.user_data["presslens_errors"]``."""
        try:
            annotate(doc, load_lexicon(*self.lexicon_names), references=self.references)
            doc._.presslens_actor_lexicon = list(self.lexicon_names)
        except Exception as exc:  # one bad article must not stop the batch
            doc.spans[SPANS_KEY] = []
            doc._.presslens_actors = None
            doc.user_data.setdefault(ERRORS_KEY, []).append(
                f"{COMPONENT}: {type(exc).__name__}: {exc}")
        return doc


# ---------------------------------------------------------------------------------- records

def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the ``mentions`` and ``actors`` rows stored on ``doc``; ``{}`` if the component did not run.

    Returns:
        ``{"mentions": [{"actor", "text", "start", "end", "sentence"}], "actors": [{"actor",
        "type", "aliases", "roles", "affiliation"}]}``, offsets in characters into the text.
    """
    actors = doc._.presslens_actors
    if actors is None:
        return {}
    cols = columns(doc)
    starts = cols.starts[cols.sentence_starts()].tolist() if doc.has_annotation("SENT_START") else [0]
    mentions = []
    text = cols.text
    for span in doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else ():
        start, end = span.start_char, span.end_char
        mentions.append({"actor": span._.actor, "text": text[start:end], "start": start,
                         "end": end, "sentence": max(bisect_right(starts, start) - 1, 0)})
    rows = [{"actor": a["actor"], "type": a["type"], "aliases": list(a["aliases"]), "roles": list(a["roles"]),
             "affiliation": a["affiliation"]} for a in actors]  # msgpack gives tuples back: lists again
    return {"mentions": mentions, "actors": rows}


__all__ = ["ACTOR_TYPES", "SPANS_KEY", "ActorsComponent", "Actor", "Analysis", "actor_context", "actor_for", "annotate",
           "find_actors", "load_lexicon", "make_actors", "records", "register_extensions"]

"""Cues of PolNeAR's broad reading of attribution (``attributions="all"``), beyond statements.

PolNeAR annotates as attributions what a source says, believes, intends, supports or shows,
whether or not anyone said it; it also annotates negated acts ("did not mention the plan"). The
functions below find the classes of cues the ``statements`` reading leaves out. These rules run only in
``all``; the ``statements`` reading (the Wikinews conventions) never sees their cues.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..columns import doc_text
from .clauses import CueLexicon, cue_lemma, governing_subject, infinitive, polar_question, trimmed_span
from .content import cut_participle, partitive
from .cues import Cue
from .marks import has_quote_mark, is_quote_token


def with_reason(verb: Token, content: tuple[int, int], lex: CueLexicon) -> tuple[int, int]:
    """Extend a stance's noun-phrase content over the phrases the verb takes after its object.

    Class: a stance on something carries its grounds, its terms and its setting in prepositional
    phrases after the object, which PolNeAR's content spans: "mocked the senator for missing the
    vote", "praised the mayor over her handling of the flood", "backed the plan with some
    changes". The content runs from the object to the end of the last such phrase, short of a
    comma, a time ("on Monday") or an occasion ("in a speech", "at a rally").
    """
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or not (content[0] <= obj.idx < content[1]):
        return content
    end = None
    for prep in sorted((c for c in verb.children if c.dep_ == "prep" and c.i > obj.right_edge.i
                        and any(o.dep_ in ("pobj", "pcomp") for o in c.children)), key=lambda c: c.i):
        pobj = next((o for o in prep.children if o.dep_ in ("pobj", "pcomp")), None)
        if any(t.text in (",", ";", "—") for t in doc[(end.i if end is not None else obj.right_edge.i) + 1:prep.i]) \
                or pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in _SETTINGS \
                or any(is_quote_token(t) or (t.pos_ == "VERB" and is_cue_verb(t, lex)) for t in prep.subtree):
            # not the time or the occasion ("on Monday", "in a speech"), nor a report of its own
            # ("by saying ...") or quoted words, which their frame attributes
            break
        end = doc[prep.right_edge.i]
    if end is None:
        return content
    while end.i > obj.i and (end.is_punct and end.text not in ('"', "”", "’", "'")):
        end = doc[end.i - 1]
    return content[0], max(content[1], end.idx + len(end))


# nouns of the occasion or the channel of a stance, which set it rather than say what it is about
_SETTINGS = frozenset({"speech", "statement", "interview", "rally", "debate", "event", "hearing", "meeting",
                       "conference", "appearance", "post", "tweet", "letter", "email", "video", "ad", "op-ed",
                       "column", "address", "remark", "twitter", "facebook", "television", "radio", "show"})


def _span(tokens: list[Token]) -> tuple[int, int] | None:
    return trimmed_span(tokens[0].doc, tokens) if tokens else None


def _complement(verb: Token) -> Token | None:
    """The predicate a raising or passive verb takes: "to quit" (xcomp), "ready" (acomp), "a risk"."""
    return next((c for c in verb.children if c.i > verb.i and c.dep_ in ("xcomp", "acomp", "oprd")), None)


def sourceless_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues that attribute a content to no named source.

    Classes:
    - verbs of appearance ("evidential" group): "the plan seems doomed", "voters appear ready to
      switch", "it sounds like a trap": the subject and its predicate are the content, the source
      is the unnamed observer; with "it" and a clause, the clause: "it seems that ...";
    - a reporting or belief verb in the passive without an agent, with a predicate: "the mayor is
      expected to resign", "the firm is said to be near a deal", "a winter expected to be cold":
      the same;
    - a stance in the passive without an agent: "the deal was widely criticized as a threat",
      "the rally was condemned": the one it is taken on, with the predicate;
    - "it was reported that ...": the clause;
    - an adverb of hearsay (the lexicon's ``hearsay`` group): "the firm reportedly paid ...": its
      clause;
    - a question put to someone unnamed: "Asked about the delay, the minister said ...", "she was
      asked whether ...": the question is the content, the asker is not named.
    """
    cues: list[Cue] = []
    reporting = lex["speech"] | lex["belief"] | lex["evidence"]
    stances = lex["naming"] | lex["object"]
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = cue_lemma(verb)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        passive = any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ == "advcl")
        agent = any(c.dep_ == "agent" for c in verb.children)
        content = None
        if lemma in lex["evidential"] and subject is not None and subject.dep_ == "nsubj":
            pred = _complement(verb) or next((c for c in verb.children if c.i > verb.i and c.dep_ == "prep"
                                              and c.lower_ == "like"), None)
            clause = next((c for c in verb.children if c.i > verb.i and c.dep_ == "ccomp"), None)
            if subject.lower_ == "it" and clause is not None:
                content = _span(list(clause.subtree))  # "it seems that ...", "it appears the deal is off"
            elif pred is not None and (lemma in ("seem", "appear") or pred.dep_ != "xcomp"):
                content = _span(cut_participle([t for t in doc[subject.left_edge.i:pred.right_edge.i + 1]]))
        elif lemma in reporting and verb.tag_ == "VBN" and verb.dep_ == "acl" and not agent \
                and verb.head.pos_ in ("NOUN", "PROPN"):
            # class: the same as a participle: "a year expected to bring record turnout"
            pred = _complement(verb)
            if pred is not None and infinitive(pred):
                content = _span(cut_participle([t for t in doc[verb.head.left_edge.i:pred.right_edge.i + 1]]))
        elif lemma in reporting and passive and not agent and subject is not None and verb.tag_ == "VBN":
            pred = _complement(verb)
            if pred is not None and infinitive(pred):
                content = _span(cut_participle([t for t in doc[subject.left_edge.i:pred.right_edge.i + 1]]))
            elif subject.dep_ == "nsubjpass" and subject.lower_ == "it":
                clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
                content = _span(list(clause.subtree)) if clause is not None else None
        elif lemma in reporting and passive and not agent and subject is None and verb.tag_ == "VBN" \
                and verb.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.head.children):
            # class: a second verb sharing the first one's subject: "... is moving but is expected to
            # stay": the predicate (the subject is the first verb's)
            pred = _complement(verb)
            if pred is not None and infinitive(pred):
                content = _span(cut_participle(list(pred.subtree)))
        elif lemma in stances and lemma != "ask" and passive and not agent and verb.tag_ == "VBN":
            content = _passive_stance(verb, subject)
        elif lemma == "ask" and passive and not agent:
            question = next((c for c in verb.children if c.i > verb.i and (
                (c.dep_ == "ccomp" and (c.left_edge.lower_ in ("whether", "if")
                                        or c.left_edge.tag_ in ("WP", "WRB", "WDT")))
                or polar_question(c)
                or (c.dep_ == "prep" and c.lower_ == "about") or (c.dep_ == "xcomp" and infinitive(c)))), None)
            if question is not None:
                content = _span(list(question.subtree))
        if content is not None and content[0] < content[1] and not _framed_quotation(doc, content, lex):
            cues.append(Cue(lemma, verb.idx, verb.idx + len(verb), None, None, content[0], content[1], "evidential"))
    for adverb in doc:
        # class: an adverb of hearsay attributes its clause to an unnamed source: "the firm reportedly
        # paid $2 million", "the mayor allegedly took the gift"
        if adverb.dep_ == "advmod" and adverb.lower_ in lex["hearsay"] and adverb.head.pos_ in ("VERB", "AUX"):
            verb = adverb.head
            drop = {t.i for c in verb.children if c.i > verb.i and c.dep_ in ("advcl", "conj", "parataxis", "cc")
                    for t in c.subtree}
            content = _span(cut_participle([t for t in verb.subtree if t.i not in drop]))
            if content is not None and not _quoted(doc, content):
                cues.append(Cue(adverb.lower_, adverb.idx, adverb.idx + len(adverb), None, None, content[0],
                                content[1], "evidential"))
    return cues


def _passive_stance(verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """The content of a stance verb in the agentless passive: its subject (for a participle, the
    noun it modifies) up to the end of its predicate ("as a threat", "for its cost", "a failure")."""
    doc = verb.doc
    if subject is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head
    if subject is None or subject.pos_ == "PRON":
        return None
    pred = next((c for c in verb.children if c.i > verb.i and (c.dep_ in ("oprd", "xcomp", "acomp") or (
        c.dep_ == "prep" and c.lower_ in ("as", "for")))), None)
    if pred is None:
        return _span(cut_participle(list(subject.subtree))) if verb.dep_ != "acl" else None
    return _span(cut_participle([t for t in doc[subject.left_edge.i:pred.right_edge.i + 1]]))


def nominal_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues that are nouns: "his claim that taxes would fall", "the senator's call for a
    ban", "criticism of the plan by unions".

    Class: a noun of saying, stance, belief or intention (the lexicon's ``nominal`` group)
    attributes its complement: a that-clause, a to-infinitive, or the object of its preposition
    (of, on, about, for, against, over, with, to). Its source is the possessive ("his", "the
    senator's"), a name compounded with it ("a Roe endorsement"), the object of "by" or "from",
    or the subject of the verb whose object the noun is ("the firm announced plans to ..."); with
    none the source is left unnamed.
    """
    cues: list[Cue] = []
    nouns = lex["nominal"]
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
            continue
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            continue  # "no plan", "no comment": nothing attributed
        content = None
        for child in noun.children:
            if child.i < noun.i:
                continue
            if child.dep_ in ("acl", "ccomp") and (infinitive(child) or any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in child.children)):
                content = list(child.subtree)
            elif child.dep_ == "prep" and child.lower_ in _NOMINAL_PREPS:
                obj = next((o for o in child.children if o.dep_ in ("pobj", "pcomp")), None)
                if obj is not None and not (obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that", "them")):
                    content = list(obj.subtree)
            if content:
                break
        span = _span(content) if content else None
        if span is None:
            continue
        source = next((c for c in noun.children if c.dep_ == "poss"), None) or next(
            (c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i), None)
        if source is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            source = next((o for o in prep.children if o.dep_ == "pobj"), None) if prep is not None else None
        own = source is not None
        if source is None and noun.dep_ in ("dobj", "pobj"):
            # class: the noun is what a verb's subject does or holds: "announced plans to merge",
            # "clung to the hope that", "rallied in hopes of winning": that subject is the source
            source = governing_subject(noun)
            if source is not None and (source.tag_ in ("WDT", "WP")
                                       or source.lower_ in ("it", "this", "that", "there")):
                source = None
        if source is None and noun.lemma_.lower() in _EVENT_NOUNS:
            continue  # class: "the attack on the embassy", "terror attacks": without a source, an act of force
        speaker = _span(_mention(source)) if source is not None else None
        if not own and _quoted(doc, span):
            continue  # quoted words are left to the cue that frames them, unless the noun names its own source
        cues.append(Cue(noun.lemma_.lower(), noun.idx, noun.idx + len(noun), speaker[0] if speaker else None,
                        speaker[1] if speaker else None, span[0], span[1], "nominal", nominal=True))
    return cues


# nouns of stance that also name acts of force, which is what they mostly name without a source
_EVENT_NOUNS = frozenset({"attack"})
# prepositions that introduce the content of a noun of saying or stance: "criticism of", "views on",
# "questions about", "calls for", "campaign against", "anger over", "agreement with", "a reply to"
_NOMINAL_PREPS = frozenset({"of", "on", "about", "for", "against", "over", "with", "to"})


def _quoted(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a content span holds a quotation mark.

    Class: a judgement ("appeared to defend it by saying, "...""), a question put to someone, or a
    noun without a source of its own around quoted words: the quotation belongs to the cue that
    frames it, which names its speaker.
    """
    return has_quote_mark(doc_text(doc)[span[0]:span[1]])


def _framed_quotation(doc: Doc, span: tuple[int, int], lex: CueLexicon) -> bool:
    """Whether a content span holds quoted words together with a verb of saying that frames them.

    Class: a judgement around a report ("appeared to defend it by saying, "..."") leaves the
    quotation to the verb that frames it; a judgement on quoted words with no frame inside ("the
    firm is expected to call it "a fresh start"", "the show seems "a bit tired"") keeps them.
    """
    if not _quoted(doc, span):
        return False
    inside = doc.char_span(span[0], span[1], alignment_mode="expand")
    return inside is None or any(t.pos_ == "VERB" and cue_lemma(t) in lex["speech"] for t in inside)


def _mention(token: Token) -> list[Token]:
    """The words of a source mention: the token's phrase without the possessive marker."""
    return [t for t in token.subtree if t.dep_ != "case" and t.tag_ != "POS"] or [token]


def attitude_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues of a stance, feeling or certainty the subject holds, told by an adjective.

    Class: a predicate adjective with a complement says what its subject thinks or feels about
    something: "critics are skeptical of the plan", "she was proud of the result", "voters are
    unsure whether ...", "the union is eager to settle", "he is confident that ...". The subject is
    the source, the complement the content. The adjectives are the lexicon's ``attitude`` group:
    most adjectives with a complement tell ability, chance or a property ("able to", "likely to",
    "eligible for"), not an attitude.
    """
    cues: list[Cue] = []
    for adj in doc:
        if adj.dep_ != "acomp" or adj.lower_ not in lex["attitude"]:
            continue
        verb = adj.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in ("it", "this", "that", "there", "what") or subject.tag_ in ("WDT",):
            continue
        content = None
        for child in adj.children:
            if child.i < adj.i:
                continue
            if child.dep_ == "prep" and child.lower_ in _ATTITUDE_PREPS:
                obj = next((o for o in child.children if o.dep_ in ("pobj", "pcomp")), None)
                content = list(obj.subtree) if obj is not None else None
            elif child.dep_ in ("ccomp", "xcomp"):
                content = list(child.subtree)
            if content:
                break
        span = _span(content) if content else None
        speaker = _span(_mention(subject)) if span is not None else None
        if span is None or speaker is None or _quoted(doc, span):
            continue
        cues.append(Cue(adj.lemma_.lower(), adj.idx, adj.idx + len(adj), speaker[0], speaker[1], span[0], span[1],
                        "attitude", nominal=True))
    return cues


# "skeptical of", "worried about", "unhappy with", "open to", "angry over", "cool toward"
_ATTITUDE_PREPS = frozenset({"of", "about", "with", "to", "toward", "towards", "over", "on"})


def object_of_cue(verb: Token, lex: CueLexicon) -> tuple[int, int] | None:
    """Return the noun-phrase content of a cue verb that has no clause to report, or None.

    Classes (PolNeAR annotates what a report, a finding or a stance is about):
    - the clause an "as" adjunct is set in: "As the paper reported, the talks failed";
    - a reported sentence before the frame that opens with a condition or a concession;
    - the direct object of any cue verb but those whose object is the addressee: "announced new
      measures", "denied the accusations", "the poll found broad support" (not "told reporters");
      with a predicate, the small clause: "the jury found him not guilty";
    - a gerund or a to-infinitive: "admitted taking the gift", "reported raising $9 million";
    - a question or topic after a preposition of the lexicon's ``object`` entries: "spoke about
      how prices rose";
    - the noun an object relative clause modifies: "the style [he prefers]".
    """
    doc = verb.doc
    lemma = cue_lemma(verb)
    head = verb.head
    if verb.dep_ == "advcl" and head.i != verb.i and head.pos_ in ("VERB", "AUX") \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and any(c.dep_ == "nsubj" for c in verb.children) and lemma not in lex["directive"]:
        # class: "As the paper reported, the talks failed": the clause the adjunct is set in
        own = {t.i for t in verb.subtree}
        side = [t for t in head.subtree if t.i not in own and (t.i > verb.right_edge.i if verb.i < head.i
                                                               else t.i < verb.left_edge.i)]
        span = _span(cut_participle(side))
        return span if span is not None and not _quoted(doc, span) else None
    for comp in verb.children:
        if comp.dep_ == "ccomp" and comp.right_edge.i < verb.i and comp.left_edge.dep_ == "mark" \
                and comp.left_edge.head.i != comp.i and doc[comp.right_edge.i + 1].text == ",":
            # class: a reported sentence that opens with a condition or a concession: "If the bill
            # fails, prices will rise, she said"
            return _span(list(comp.subtree))
    if lemma in lex["speech"] | lex["belief"]:
        proform = next((c for c in verb.children if c.i > verb.i and c.dep_ in _PROFORM_DEPS and (
            c.lower_ in _PROFORMS or (c.lower_ == "same" and c.dep_ == "dobj"))), None)
        if proform is not None:
            # class: a word that stands for what was said or believed: "said so", "thought the same",
            # "said yes": PolNeAR takes the word as the content
            return _span(list(proform.subtree))
    if lemma in lex["directive"] or lemma in _ADDRESSEE or (lemma in _NOT_ABOUT and not _study_finds(verb, lex)):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is not None and (obj.pos_ != "PRON" or partitive(obj)) and sum(t.is_alpha for t in obj.subtree) >= 2:
        tokens = list(obj.subtree)
        pred = next((c for c in verb.children if c.i > obj.i and c.dep_ in ("oprd", "ccomp", "acomp")), None)
        if pred is not None and lemma in lex["evidence"]:
            tokens += [t for t in doc[obj.right_edge.i + 1:pred.right_edge.i + 1]]
        return _span(cut_participle(tokens))
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                 and (infinitive(c) or c.tag_ == "VBG")), None)
    if comp is not None and obj is None:
        # class: an act in a gerund or a to-infinitive: "admitted taking the gift", "reported raising
        # $9 million"
        return _span(list(comp.subtree))
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                 and f"{lemma} {c.lower_}" in lex["object"]), None)
    clause = next((c for c in prep.children if c.dep_ == "pcomp"), None) if prep is not None else None
    if clause is not None:
        return _span(list(clause.subtree))
    if verb.dep_ == "relcl" and obj is None and verb.head.pos_ == "NOUN" and any(
            c.dep_ == "nsubj" and c.pos_ in ("PRON", "PROPN", "NOUN") and c.tag_ not in ("WP", "WDT")
            for c in verb.children) and takes_object(verb, lex) and not adverbial_relative(verb, lex):
        noun = verb.head
        own = {t.i for t in verb.subtree}
        return _span(cut_participle([t for t in noun.subtree if t.i not in own and t.i <= verb.left_edge.i]))
    return None


def _study_finds(verb: Token, lex: CueLexicon) -> bool:
    """Whether an evidence verb's subject is a poll, a study or a report (the lexicon's ``medium``
    group): "the survey found broad support", "a study found no link": its object is the finding,
    not a thing found ("she found a job"), whatever the verb's object usually is."""
    return cue_lemma(verb) in lex["evidence"] and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lex["medium"] for c in verb.children)


def takes_object(verb: Token, lex: CueLexicon) -> bool:
    """Whether the noun a cue verb's relative clause modifies can be what it reports: its object
    ("the plan she backed"), or the object of a preposition its entry names, left at the end ("the
    bill he voted for"); not for a verb whose content follows a preposition it does not have here
    ("the town she campaigned in")."""
    return is_cue_verb(verb, lex) or cue_lemma(verb) in lex["object"] or any(
        c.dep_ == "prep" and c.i > verb.i and not any(o.dep_ == "pobj" for o in c.children)
        and f"{cue_lemma(verb)} {c.lower_}" in lex["object"] for c in verb.children)


def adverbial_relative(verb: Token, lex: CueLexicon) -> bool:
    """Whether a relative clause says when, where or with whom its act took place rather than what
    it was about.

    Class: "the first time the two spoke", "the town where she campaigned", "a forum at which he
    spoke", "the people I have spoken with": the noun is the time, the place or the partner of the
    act, not its content.
    """
    noun = verb.head
    return noun.ent_type_ in ("DATE", "TIME") or noun.lemma_.lower() in _TIME_NOUNS or any(
        (c.dep_ == "advmod" and c.tag_ == "WRB") or (c.dep_ == "prep" and (
            (c.i > verb.i and not any(o.dep_ == "pobj" for o in c.children)
             and f"{cue_lemma(verb)} {c.lower_}" not in lex["object"])
            or any(o.tag_ in ("WDT", "WP") for o in c.children)))
        for c in verb.children)


# nouns of a time, which a relative clause dates an act by: "the first time they spoke"
_TIME_NOUNS = frozenset({"time", "day", "week", "month", "year", "moment", "night", "morning", "hour"})
# words that stand for a whole statement after a verb of saying or belief: "said so", "said yes"
_PROFORMS = frozenset({"so", "yes", "no", "otherwise"})
_PROFORM_DEPS = frozenset({"advmod", "intj", "dobj", "npadvmod", "ccomp", "acomp"})
# verbs whose bare object is mostly a thing found, made, added or pursued, not what a report is
# about: "found a job", "added ten points", "continued the tour", "wrote a book", "pushed the bill",
# "knows the area", "decided the race", "maintained a lead"
_NOT_ABOUT = frozenset({"find", "add", "continue", "write", "push", "press", "know", "decide", "maintain"})
# verbs whose direct object is the one spoken to, not what is said: "told reporters", "warned voters"
_ADDRESSEE = frozenset({"tell", "inform", "remind", "assure", "warn", "answer", "address", "caution",
                        "brief", "notify", "reply", "respond"})


def medium_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues of a clause set in a poll, study or text: "Ruiz leads in the latest poll",
    "In the report, the deficit doubles".

    Class: "in" with a noun of the lexicon's ``medium`` group (polls, surveys, studies, reports) is
    a source of the clause it modifies, as "according to" is. When the clause's verb is a cue of its
    own ("said in a statement"), that cue's subject is the source and no cue is added here.
    """
    cues: list[Cue] = []
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        head = prep.head
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" and head.head.i != head.i:
            head = head.head  # class: "has a lead [in the poll]": the poll measures the whole clause
        if pobj is None or not _medium(pobj, lex) or head.pos_ not in ("VERB", "AUX") or is_cue_verb(head, lex):
            continue
        while head.dep_ == "xcomp" and head.head.i != head.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            head = head.head  # class: the subject of "continues to lead in polls" is the main verb's
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            continue
        # the clause on the phrase's side only: "Ruiz leads [in the poll]", "[In the poll,] Ruiz leads"
        lo, hi = (-1, prep.i) if prep.i > head.i else (prep.right_edge.i, len(doc))
        content = _span(cut_participle([t for t in head.subtree if lo < t.i < hi and not (
            t.i > prep.i and t.dep_ in ("advcl", "conj") and t.head.i == head.i)]))
        speaker = _span(_mention(pobj))
        if content is None or speaker is None or _quoted(doc, content):
            continue
        cues.append(Cue("in", prep.idx, prep.idx + len(prep), speaker[0], speaker[1], content[0], content[1],
                        "according"))
    return cues


def placing_cues(doc: Doc, lex: CueLexicon) -> list[Cue]:
    """Return the cues of a poll or a study that places someone: "the poll puts the mayor at 40
    percent", "the survey has the senator leading", "a new poll gives the governor a lead".

    Class: a verb of placing (``_PLACING``) whose subject is a noun of the lexicon's ``medium``
    group reports a finding of that poll or study, as "shows" does: the object with its
    predicate is the content, the poll the source.
    """
    cues: list[Cue] = []
    for verb in doc:
        if verb.pos_ != "VERB" or cue_lemma(verb) not in _PLACING or verb.tag_ == "VBN":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if subject is None or obj is None or subject.lemma_.lower() not in lex["medium"] or not _placed(verb, obj):
            continue
        content = _span(cut_participle([t for t in verb.subtree if t.i >= obj.left_edge.i and not (
            t.dep_ in ("advcl", "conj") and t.head.i == verb.i)]))
        speaker = _span(_mention(subject))
        if content is None or speaker is None or _quoted(doc, content):
            continue
        cues.append(Cue(cue_lemma(verb), verb.idx, verb.idx + len(verb), speaker[0], speaker[1],
                        content[0], content[1], "evidence"))
    return cues


def _medium(noun: Token, lex: CueLexicon) -> bool:
    """Whether a noun is a poll, study or report, or a whole made of them: "the average of recent
    polls", "a series of surveys" (class: the whole speaks for the polls it is made of)."""
    return noun.lemma_.lower() in lex["medium"] or any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.lemma_.lower() in lex["medium"]
                                                      for o in c.children) for c in noun.children)


def _placed(verb: Token, obj: Token) -> bool:
    """Whether a verb of placing names where it places its object: "puts him [at 5 percent]",
    "has her [leading]", "gives [her] a lead"; not a property the poll has ("has a margin of error")."""
    return any(c.dep_ == "dative" for c in verb.children) or any(
        c.i > obj.i and c.dep_ in ("prep", "xcomp", "oprd", "ccomp") for c in verb.children) or any(
        c.dep_ == "acl" and c.tag_ == "VBG" for c in obj.children)


# verbs by which a poll or a study places someone on its scale
_PLACING = frozenset({"put", "have", "give", "place"})


def is_cue_verb(verb: Token, lex: CueLexicon) -> bool:
    """Whether a verb's lemma is in any verb group of the cue lexicon."""
    lemma = cue_lemma(verb)
    return any(lemma in lex[g] for g in ("speech", "belief", "evidence", "directive", "commissive", "intention",
                                          "naming", "regard", "evidential"))


def without_aside(doc: Doc, cue: Cue) -> Cue:
    """Cut a writer's aside off the end of a reported content.

    Class: a non-restrictive relative clause or apposition set off by a comma at the end of the
    content is the writer's, not the source's: "attacked Ruiz, with whom he clashed last year",
    "did not suggest it would be Ruiz, who leads the race". Content with quoted words is kept whole.
    """
    if cue.content_start >= cue.content_end:
        return cue
    span = doc.char_span(cue.content_start, cue.content_end, alignment_mode="expand")
    if span is None or _quoted(doc, (cue.content_start, cue.content_end)):
        return cue
    for token in span:
        if token.dep_ in ("relcl", "appos") and token.right_edge.i >= span.end - 1 \
                and token.left_edge.i > span.start + 1 and doc[token.left_edge.i - 1].text == "," \
                and token.head.i < token.left_edge.i:
            cut = _span(list(doc[span.start:token.left_edge.i - 1]))
            if cut is not None:
                return replace(cue, content_end=cut[1])
    return cue

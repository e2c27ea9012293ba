"""What a reporting cue reports: the content tokens of a cue verb, by the group of its lexicon."""

from __future__ import annotations

from spacy.tokens import Token

from ..columns import columns
from .clauses import (
    SUBJECT_DEPS,
    CueLexicon,
    as_adjunct,
    comma_after,
    cue_lemma,
    going_on_to,
    has_active_subject,
    infinitive,
    is_figure_at,
    opens_sentence,
    polar_question,
    subordinate,
)
from .marks import QUOTE_CHARS

ADVERBIAL = {"advmod", "prep", "advcl", "npadvmod", "intj", "cc", "punct", "mark"}


def content_tokens(verb: Token, group: str, lex: CueLexicon) -> list[Token]:
    """Return the tokens of the content a reporting verb introduces ([] when it has none)."""
    as_predicate = verb.lemma_.lower() in lex["object"] and any(c.dep_ == "dobj" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i and not any(p.dep_ == "pcomp" for p in c.children)
        for c in verb.children)
    if group == "naming" or verb.lemma_.lower() in lex["naming"] or as_predicate:
        # "called the deal a disaster", "described it as a crazy system", "accused him of lying"; class:
        # a stance with an "as" predicate names too: "condemned the test as reckless"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        obj = objects[0] if objects else None
        # "accused him of lying", "blamed it for", "credited her with", "attributed it to"; not "called for"
        preps = ("as",) if verb.lemma_.lower() == "call" else ("as", "of", "for", "with", "to")
        preds = [c for c in verb.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in preps)]
        preds += objects[1:2]  # class: a second object the parser made of the predicate: "branded them traitors"
        if obj is not None:
            preds += [c for c in obj.children if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("appos", "oprd")]
        if obj is not None and all(p.dep_ == "prep" and p.lower_ == "to" for p in preds) \
                and _colon_quotation_after(obj):
            # class: "described the match: '...'", "described the singer to the BBC: '...'": the
            # quotation after the colon is the description, the object alone says nothing
            return []
        if obj is not None and preds and obj.i < min(p.i for p in preds):
            end = max(p.right_edge.i for p in preds)
            for prep in sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "of")),
                               key=lambda c: c.i):
                if prep.i == end + 1 and any(p.dep_ == "oprd" for p in preds):
                    # class: a predicate's own phrase hung on the verb: "called it the worst in years"
                    end = prep.right_edge.i
            tokens = [t for t in verb.subtree if obj.left_edge.i <= t.i <= end]
            return cut_participle(tokens)
        if obj is None and any(p.dep_ == "oprd" for p in preds) and verb.lemma_.lower() in lex["naming"]:
            # class: the parser folds the object into the predicate ("calls her rival third-rate",
            # "called the plan's backers cowards"): the predicate's phrase holds both (quoted names
            # are left to the quotation marks)
            pred = next(p for p in preds if p.dep_ == "oprd")
            if pred.left_edge.i == verb.i + 1 and not any(t.text in QUOTE_CHARS for t in pred.subtree):
                return cut_participle([t for t in verb.subtree if pred.left_edge.i <= t.i <= pred.right_edge.i])
        if obj is not None and not preds:
            # a quoted name right after the object, which the parser reads as a second object or hangs
            # inside the first: 'called him "a disgrace"', 'calls the issue of security "a priority"'
            doc = verb.doc
            mark = next((t for t in doc[obj.i + 1:min(obj.right_edge.i + 2, len(doc) - 1)] if t.tag_ == "``"), None)
            holder = next((c for c in verb.children if mark is not None and c.i >= obj.i
                           and c.left_edge.i <= mark.i + 1 <= c.right_edge.i), None)
            if holder is not None:
                return cut_participle([t for t in verb.subtree if obj.left_edge.i <= t.i <= holder.right_edge.i])
        group = "speech" if group == "naming" else group
    if group == "claim":
        return without_trailing_clause(noun_clause(verb), lex)
    if group == "commissive":
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if comp is not None:
            return without_trailing_clause(comp, lex)
        group = "speech"  # "vowed that ...", '"We will appeal," she vowed'
    if group == "directive":
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp", "advcl") \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                if child.dep_ == "advcl":  # "called for NATO members to increase spending", not a purpose clause
                    if not any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children):
                        continue
                    return [t for t in child.subtree if not (t.dep_ == "mark" and t.head.i == child.i)]
                # the addressee belongs to the content: "urged [citizens to keep paying]"; class: so does
                # one after "on": "called on [the council to act]"
                obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None) or next(
                    (o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < child.i
                     for o in c.children if o.dep_ == "pobj"), None)
                return list(child.subtree) + (list(obj.subtree) if obj is not None else [])
        comp = next((c for c in verb.children if (c.dep_ == "ccomp" and c.i > verb.i) or polar_question(c)), None)
        if comp is not None and (comp.left_edge.lower_ in ("whether", "if") or comp.left_edge.tag_ in ("WP", "WRB")):
            return without_trailing_clause(comp, lex)  # an indirect question: "asked whether the talks would resume"
        if comp is not None and not columns(verb.doc).crosses_line(comp.i, verb.i):
            # class: a demand in a clause: "urged (that) the law be repealed"
            return without_trailing_clause(comp, lex)
        demand = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and any(
            o.dep_ == "pobj" and any(a.dep_ in ("acl", "relcl") and infinitive(a) for a in o.children)
            for o in c.children)), None)
        if demand is not None:
            return list(demand.subtree)  # class: a demand for something to happen: "asked for the talks to resume"
        # a demand with a prepositional object: "called for a moratorium" (entry "call for")
        return object_content(verb, lex)
    doc = verb.doc
    # complement clauses in the cue's paragraph (the parser can attach the next paragraph's clause)
    # and a clause before the cue only when set off from it: "The plan failed, he said", not "They said he agreed"
    comps = [c for c in verb.children if c.dep_ == "ccomp" and not columns(doc).crosses_line(c.i, verb.i)
             and not postposed_frame(c, lex)
             and (c.i > verb.i or (any(t.is_punct and t.text != ":" for t in doc[c.right_edge.i + 1:verb.i])
                                   # class: a semicolon ends an independent clause: "A said X; B reported Y"
                                   and not any(t.text == ";" for t in doc[c.right_edge.i + 1:verb.i])
                                   and c.left_edge.dep_ != "mark"))]
    if comps:
        following = [c for c in comps if c.i > verb.i]
        comp = following[0] if following else comps[-1]
        preceding = [c for c in comps if c.i < verb.i]
        if following and preceding and following[0].left_edge.lower_ != "that" and all(
                t.is_punct or t.dep_ in SUBJECT_DEPS or t.head.i != verb.i or t.i == verb.i
                for t in doc[preceding[-1].right_edge.i + 1:verb.i]):
            comp = preceding[-1]  # '"...," he said, "do you ...": the framed clause, not a misparse after it
        tokens = without_trailing_clause(comp, lex)
        marked = comp.left_edge.dep_ == "mark"  # "told Reuters that ...": the clause starts at "that"
        if comp.i > verb.i and not marked and verb.lemma_.lower() not in ("tell", "inform", "assure", "remind", "warn"):
            # a clause subject misattached to the verb: "said Lavrov besides holding talks will call"
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubj") and verb.i < child.i < comp.left_edge.i:
                    tokens.extend(child.subtree)
                    # the tokens between belong to the clause too
                    tokens.extend(verb.doc[child.i:comp.left_edge.i])
        if comp.i > verb.i:  # a reason the parser hung on the cue: "said it would wait because ..."
            going = going_on_to(verb)  # or on "go" of "went on to say ... because ..."
            hosts = [*verb.children, *(going.children if going is not None else ())]
            tokens += [t for c in hosts if c.dep_ == "advcl" and c.i > comp.i
                       and any(m.lower_ == "because" for m in c.children) for t in c.subtree]
        return tokens
    if group != "speech" and not (group == "belief" and verb.dep_ == "parataxis"):
        # (a belief set in the clause it frames is read as a speech frame: "The plan, they believe, ...")
        return object_content(verb, lex)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        if prep.lower_ in ("of", "about") and any(t.text in QUOTE_CHARS for t in prep.subtree):
            # class: what one tells of in quoted words: "told reporters of '...'", "spoke
            # about '...'": the quoted phrase is the content
            return [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.left_edge.lower_ == "that"
                           and c.left_edge.dep_ == "mark"), None) or next(
                (c for c in noun.children if c.dep_ == "relcl" and c.left_edge.lower_ == "that"
                 and c.right_edge.i == noun.right_edge.i
                 and any(s.dep_ == "nsubj" and s.lower_ != "that" for s in c.children)), None)
            # class: the same misread as a relative clause of a time: "said for the first time that the
            # plant had leaked" ("that" opens a clause with its own subject)
            if clause is not None:
                # class: a that-clause the parser hung on an adjunct: "told him on a regular basis that ..."
                return without_trailing_clause(clause, lex)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    at = next((c for c in ([*verb.children, *obj.children] if obj is not None else ()) if is_figure_at(c)
               and c.i > obj.i), None)
    if at is not None:
        # class: an object with its figure is a small clause: "estimated the damage at $2 million",
        # "put the death toll at 40" (the damage was $2 million)
        return [t for t in verb.subtree if obj.left_edge.i <= t.i <= at.right_edge.i]
    comp = next((c for c in verb.children if c.dep_ == "xcomp" and obj is not None and c.i > obj.i
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if comp is not None:  # an order told to someone: "told his aides to leave", "warned voters to stay home"
        return list(obj.subtree) + without_trailing_clause(comp, lex)
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        # class: a passive with its agent and a predicate: "the plane, reported by local press as
        # belonging to the army", "they were reported by the agency to have left": the predicate
        pred = next((c for c in verb.children if c.i > verb.i and (
            (c.dep_ == "prep" and c.lower_ == "as") or (c.dep_ in ("xcomp", "ccomp") and infinitive(c)))), None)
        if pred is not None:
            return without_trailing_clause(pred, lex)
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and head is not verb and head.i < verb.i \
            and head.pos_ in ("VERB", "AUX") and has_active_subject(verb) and not subordinate(verb) \
            and not (verb.dep_ == "ccomp" and is_cue(head, lex)):
        # (the clause a cue reports is no frame of it: "She said the group would write to them")
        own = {t.i for t in verb.subtree}
        before = [t for t in head.subtree if t.i not in own and t.i < verb.left_edge.i]
        return before + parenthetical_rest(verb, head, own)
    if verb.dep_ == "advcl" and head is not verb and as_adjunct(verb):
        # "As reported by the paper, the talks failed": the clause the phrase modifies, as with "according to"
        own = {t.i for t in verb.subtree}
        side = (lambda t: t.i < verb.left_edge.i) if verb.i > head.i else (lambda t: t.i > verb.right_edge.i)
        return [t for t in head.subtree if t.i not in own and side(t)]
    if head is not verb and head.i > verb.i and has_active_subject(verb) and (verb.dep_ == "parataxis" or (
            verb.dep_ == "ccomp" and opens_sentence(verb) and comma_after(verb) and not is_cue(head, lex))):
        # "Other than that, he added, Islamabad ..." / "The talks, he added, would resume"; class: a
        # zero-that complement after an adjunct and a comma, which the parser hangs the cue on:
        # "The agency reported on Monday, exports had resumed"
        own = {t.i for t in verb.subtree}
        lead = {t.i for c in head.children if c.i < verb.i and c.dep_ in ADVERBIAL for t in c.subtree}
        return [t for t in head.subtree if t.i not in own and t.i not in lead]
    if group == "speech" and postposed_conjunct(verb):
        own = {t.i for t in verb.subtree}
        return [t for t in head.subtree if t.i not in own and t.i < verb.left_edge.i]
    return object_content(verb, lex)


def postposed_conjunct(verb: Token) -> bool:
    """Whether a bare speech verb closing its sentence after a comma is a frame the parser made a
    conjunct of the clauses it reports.

    Class: "The mill is open, but it is under pressure, said its owner" parsed with "said" as the
    last conjunct of "is open": a verb with a subject, no object, clause or conjunction of its own,
    set off by a comma and ending the sentence frames the clauses before it. "He sat down and said
    nothing" (a conjunction, an object) stays a plain conjunct.
    """
    doc = verb.doc
    if verb.dep_ != "conj" or verb.head.i > verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if verb.left_edge.i == 0 or doc[verb.left_edge.i - 1].text != ",":
        return False
    if any(c.dep_ in ("cc", "dobj", "ccomp", "xcomp", "dative", "attr") for c in verb.children):
        return False
    if not has_active_subject(verb):
        return False
    return all(t.is_punct for t in doc[verb.right_edge.i + 1:verb.sent.end])


def _colon_quotation_after(obj: Token) -> bool:
    """Whether a colon and an opening quotation mark follow an object in its sentence, with no
    verb between."""
    doc = obj.doc
    for token in doc[obj.i + 1:obj.sent.end - 1]:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.text == ":":
            return doc[token.i + 1].text in QUOTE_CHARS
    return False


def parenthetical_rest(verb: Token, head: Token, own: set[int]) -> list[Token]:
    """The rest of the reported clause after a frame set in its middle between commas.

    Class: a frame inserted into the clause it reports leaves the clause running on after it: "The
    firm had two bids, officials said, the first from a bank", "It is his job, he said, to talk to
    voters": the words after the second comma are the source's too. Not a frame at the end of the
    sentence, nor one followed by quoted words, which the quotation marks frame.
    """
    doc = verb.doc
    after = verb.right_edge.i if doc[verb.right_edge.i].text == "," else verb.right_edge.i + 1
    if verb.dep_ != "parataxis" or after >= len(doc) or doc[after].text != ",":
        return []
    rest = [t for t in head.subtree if t.i > after and t.i not in own]
    if not rest or any(t.text in QUOTE_CHARS for t in rest):
        return []
    return rest


def is_cue(token: Token, lex: CueLexicon) -> bool:
    """Whether a token's lemma is a cue of the lexicon (any group)."""
    lemma = cue_lemma(token)
    return any(lemma in lex[group] for group in ("speech", "belief", "evidence", "directive", "commissive",
                                                  "intention", "naming"))


def postposed_frame(clause: Token, lex: CueLexicon) -> bool:
    """Whether a clause after a comma is a reporting frame of its own ("..., they said Sunday"),
    which the parser made the complement of the verb before it."""
    doc = clause.doc
    return clause.i > clause.head.i and doc[clause.left_edge.i - 1].text == "," and cue_lemma(clause) in lex["speech"] \
        and any(c.dep_ in SUBJECT_DEPS for c in clause.children) and not any(c.dep_ == "ccomp" for c in clause.children)


def noun_clause(verb: Token) -> Token | None:
    """Return the that-clause of a verb's object ("made [the case] that taxes must rise"), if any."""
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.i > verb.i:
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp") and clause.i > obj.i and any(
                        m.dep_ == "mark" and m.lower_ == "that" and m.i == clause.left_edge.i for m in clause.children):
                    return clause
    return None


def object_content(verb: Token, lex: CueLexicon) -> list[Token]:
    """Return the noun-phrase object of a cue of the lexicon's ``object`` group: "denounced the
    ruling", or with its preposition, "talked about the economy" (entry "talk about")."""
    lemma, objects = verb.lemma_.lower(), lex["object"]
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None) if lemma in objects else None
    if obj is None:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                     and f"{lemma} {c.lower_}" in objects), None)
        # class: the object can be a gerund clause: "called for ending the tax", "talked about raising rents"
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if obj is not None and sum(t.is_alpha for t in obj.subtree) < 2 and obj.pos_ != "PROPN":
            return []  # a bare figure or word is not a claim: "guidelines call for 2%", "talked about it"; a
            # name is the one the stance is on: "voted for Ruiz"
    if obj is None and any(c.dep_ == "agent" for c in verb.children):
        # a passive with its agent: "the plan was criticized by the union" (the union criticized the plan)
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if obj is None or (obj.pos_ == "PRON" and not partitive(obj)):  # "denounced it": the content is elsewhere
        return []
    pred = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.right_edge.i
                 and obj.dep_ == "pobj" and any(o.dep_ == "pobj" for o in c.children)), None)
    quoted_for = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > obj.right_edge.i
                       and any(t.text in QUOTE_CHARS for t in c.subtree)), None)
    if quoted_for is not None:
        # class: the reason of a thanks or a blame in the speaker's own words: "thanked the crew for
        # 'their courage'", "blamed the council for 'years of neglect'": the object and its reason
        return [t for t in verb.subtree if obj.left_edge.i <= t.i <= quoted_for.right_edge.i]
    if pred is not None:
        # class: a prepositional object named as something: "referred to the protesters as friends",
        # "spoke of the deal as a model": the object with its predicate, as "called X Y"
        return cut_participle([t for t in verb.subtree if obj.left_edge.i <= t.i <= pred.right_edge.i])
    return cut_participle(list(obj.subtree))


def partitive(pronoun: Token) -> bool:
    """Whether a pronoun heads a phrase that names its own content: "any of his rivals", "some of
    the measures" (class: a quantifier with an "of" phrase is no anaphor)."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" for o in c.children)
               for c in pronoun.children)


def without_trailing_clause(head: Token, lex: CueLexicon) -> list[Token]:
    """Return the subtree of ``head`` without a trailing reporting clause of its own (", arguing
    that ...", "but added ...", "though she noted ...") or a clause after a semicolon."""
    tokens = list(head.subtree)
    for child in head.children:
        if child.i > head.i and child.text == ";":
            return [t for t in tokens if t.i < child.i]
        if child.i > head.i and child.dep_ in ("advcl", "conj") and child.pos_ == "VERB" and not (
                infinitive(child) and head.doc[child.left_edge.i - 1].text != ",") and (
                child.lemma_.lower() in lex["speech"] or any(c.dep_ == "ccomp" for c in child.children)
                or _second_statement(child, lex)) and (
                child.tag_ == "VBG" or child.dep_ == "advcl"
                or not any(c.dep_ in SUBJECT_DEPS for c in child.children)):
            cut = child.left_edge.i
            while cut > head.i and (head.doc[cut - 1].is_punct or head.doc[cut - 1].dep_ == "cc"):
                cut -= 1
            return [t for t in tokens if t.i < cut]
    return tokens


def _second_statement(verb: Token, lex: CueLexicon) -> bool:
    """Whether a naming or demanding verb after a content clause is a statement of its own, not
    part of the content: a contrast with its own subject ("..., while one investor described the
    update as ...") or a second act without one ("said staff were told nothing and called on the
    firm to ..."). A clause of cause or time ("because it would encourage investors to ...")
    stays in the content it explains."""
    lemma = verb.lemma_.lower()
    if lemma not in lex["naming"] and lemma not in lex["directive"]:
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if verb.dep_ == "advcl":
        return bool(marks & {"while", "whereas"}) and any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    return verb.dep_ == "conj" and not marks and not any(c.dep_ in SUBJECT_DEPS for c in verb.children) \
        and verb.doc[verb.left_edge.i - 1].lower_ == "and"  # not "change the laws rather than criticize him"


def cut_participle(tokens: list[Token]) -> list[Token]:
    """Cut ", linking to ..." (a comma and a participle clause) off the end of content tokens."""
    tokens = sorted(tokens, key=lambda t: t.i)
    for n, token in enumerate(tokens[:-1]):
        rest = [t for t in tokens[n + 1:n + 3] if t.text not in QUOTE_CHARS]
        if token.text == "," and rest and rest[0].tag_ == "VBG" and rest[0].dep_ in ("acl", "advcl", "conj"):
            keep = tokens[:n]
            if keep and tokens[n + 1].text in QUOTE_CHARS:  # '"ultimate hypocrite,"': keep the mark
                keep.append(tokens[n + 1])
            return keep
    return tokens

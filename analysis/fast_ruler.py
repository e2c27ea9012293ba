"""A faster, output-identical replacement for spaCy's attribute ruler.

Why this module exists: speed only. On the 171 Wikinews 2019 articles the stock
``attribute_ruler`` of en_core_web_sm (179 rules run through spaCy's Matcher, then one Span and
one ``set_token_attrs`` call per match, about two per token) took 1.38 s CPU, close to the
whole tok2vec (1.5 s); this one takes 0.22 s. It reads the stock component's own patterns,
finds their matches over ``Doc.to_array`` columns with a memo per token signature, and writes
the attributes back with ``Doc.from_array``: POS, TAG, MORPH, LEMMA and DEP come out identical
(tests/test_pipeline_speed.py checks them against the stock component on invented sentences).
A ruler setting other attributes keeps the stock component, and any rule this module cannot
compile exactly stays in a spaCy Matcher: never a difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

FACTORY = "presslens_attribute_ruler"
# Token attributes a rule may set here: plain token fields that Doc.from_array writes exactly as
# set_token_attrs does (none of them is a lexeme field, so the lexeme is untouched either way).
WRITABLE = (POS, TAG, MORPH, LEMMA, DEP)
# Attributes a pattern may test here: read by Doc.to_array exactly as by the Matcher (SENT_START,
# ENT_IOB and MORPH, which the Matcher reads or compares otherwise, are left to the Matcher).
READABLE = {ORTH, LOWER, NORM, TAG, POS, DEP, LEMMA} | {v for k, v in IDS.items() if k.startswith("IS_")}
_NO_EFFECT = ([False] * len(WRITABLE), [0] * len(WRITABLE))  # row 0: a token no rule matches
Source = tuple[int, "str | None"]  # an attribute, or whether a regex finds a match in its string
Condition = tuple[Source, str, Any]  # (source, "==" / "in" / "not in", operand)


def _conditions(spec: Any, strings: Any) -> list[Condition] | None:
    """Translate one token of a Matcher pattern into conditions, as the Matcher reads it.

    Returns:
        The conditions, or None when the token uses anything this module leaves to the Matcher
        (operators, extensions, other predicates or attributes).
    """
    out: list[Condition] = []
    for key, value in spec.items():
        name = key.upper() if isinstance(key, str) else None
        attr = IDS.get("ORTH" if name == "TEXT" else name) if name else None
        if attr not in READABLE:
            return None
        if isinstance(value, (str, int)):  # bool is an int: True -> 1
            out.append(((attr, None), "==", strings.add(value) if isinstance(value, str) else int(value)))
            continue
        if not isinstance(value, dict) or not value:
            return None
        for op, operand in ((op.upper(), operand) for op, operand in value.items()):
            if op == "REGEX" and isinstance(operand, str):
                out.append(((attr, operand), "==", 1))
            elif op in ("IN", "NOT_IN") and isinstance(operand, list) and all(
                    isinstance(v, (str, int)) and not isinstance(v, bool) for v in operand):
                out.append(((attr, None), op.lower().replace("_", " "), frozenset(get_string_id(v) for v in operand)))
            else:
                return None
    return out


def _stand_in(values: set[int]) -> np.uint64:
    """Return a 64-bit value not in ``values``."""
    return np.uint64(next(v for v in range(2**64 - 1, 0, -1) if v not in values))


def ruler_supported(ruler: AttributeRuler) -> bool:
    """Tell whether every rule of ``ruler`` sets only attributes in :data:`WRITABLE`."""
    return all(set(attrs) <= set(WRITABLE) for attrs in ruler.attrs)


@dataclass
class _Plan:
    """The rules of a :class:`FastAttributeRuler` compiled for a Doc's arrays."""

    sources: list[Source]  # the columns of a token's signature
    specs: list[list[Condition]]  # token tests, by id
    single: dict[int, list[int]]  # rule -> its one-token patterns' tests (index 0 or -1)
    multi: list[tuple[int, tuple[int, ...], int]]  # (rule, tests of a fixed-length pattern, index)
    rest: Matcher | None  # the rules this plan leaves to spaCy's Matcher
    effects: list[list[tuple[int, int]]]  # rule -> (column of WRITABLE, value)
    readers: list[Any] = field(default_factory=list)  # per source: (values, stand-in) or (regex, memo)
    memo: dict[tuple, tuple] = field(default_factory=dict)  # signature -> (row, rules, multi tests)
    rows: list[tuple[list[bool], list[int]]] = field(default_factory=lambda: [_NO_EFFECT])  # effects table
    arrays: tuple[np.ndarray, np.ndarray] | None = None

    def __post_init__(self) -> None:
        for attr, regex in self.sources:
            if regex is not None:
                self.readers.append((re.compile(regex), {}))
                continue
            values: set[int] = set()
            for conditions in self.specs:
                values.update(*(v if op != "==" else {v} for s, op, v in conditions if s == (attr, None)))
            self.readers.append((np.array(sorted(values), dtype=np.uint64), _stand_in(values)))
        self.multi_tests = frozenset(k for _, tests, _ in self.multi for k in tests)
        self.columns = [[(self.sources.index(s), op, v) for s, op, v in c] for c in self.specs]

    def signatures(self, doc: Doc) -> list[tuple]:
        """Return each token's signature: the values of the sources that decide every test.

        A value no rule mentions passes or fails every test alike, so it becomes a stand-in
        that no rule mentions: the memo's keys stay few.
        """
        attrs = sorted({attr for attr, _ in self.sources})
        if not attrs:
            return [()] * len(doc)
        table = doc.to_array(attrs).reshape(len(doc), len(attrs))
        columns = []
        for (attr, regex), (first, second) in zip(self.sources, self.readers):
            column = table[:, attrs.index(attr)]
            if regex is None:
                columns.append(np.where(np.isin(column, first), column, second).tolist())
                continue
            values, inverse = np.unique(column, return_inverse=True)
            found = [second[v] if v in second else second.setdefault(v, int(bool(first.search(doc.vocab.strings[v]))))
                     for v in values.tolist()]
            columns.append(np.array(found, dtype=np.int64)[inverse.reshape(-1)].tolist())
        return list(zip(*columns))

    def lookup(self, signature: tuple) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
        """Return (effects row, matching one-token rules, passed tests of multi-token patterns)."""
        found = self.memo.get(signature)
        if found is None:
            def holds(j: int, op: str, v: Any) -> bool:
                return signature[j] == v if op == "==" else (signature[j] in v) == (op == "in")
            passed = {k for k, conditions in enumerate(self.columns) if all(holds(*c) for c in conditions)}
            rules = tuple(i for i, tests in self.single.items() if passed.intersection(tests))
            found = self.memo[signature] = (self.row(rules) if rules else 0, rules,
                                            tuple(sorted(passed & self.multi_tests)))
        return found

    def row(self, rules: tuple[int, ...]) -> int:
        """Add the effect of ``rules`` applied in rule order to the table of rows; return its index."""
        mask, values = [False] * len(WRITABLE), [0] * len(WRITABLE)
        for i in rules:
            for col, value in self.effects[i]:
                mask[col], values[col] = True, value
        self.rows.append((mask, values))
        self.arrays = None
        return len(self.rows) - 1


class FastAttributeRuler(AttributeRuler):
    """An AttributeRuler that finds matches through a memo over token columns.

    Rules made of fixed-length patterns testing :data:`READABLE` attributes (values, IN, NOT_IN,
    REGEX) are compiled; any other rule stays in a spaCy Matcher. As in spaCy, all matches are
    found before any attribute is set and, on one token, a later rule's attribute wins.
    """

    def __init__(self, vocab: Any, name: str = "attribute_ruler", *, validate: bool = False,
                 scorer: Any = None) -> None:
        kwargs = {"scorer": scorer} if scorer is not None else {}
        super().__init__(vocab, name, validate=validate, **kwargs)
        self._plan: _Plan | None = None

    def clear(self) -> None:
        """Reset all patterns (and the plan compiled from them)."""
        super().clear()
        self._plan = None

    def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
        """Add a rule as spaCy does; the plan is compiled again on the next call."""
        super().add(patterns, attrs, index)
        self._plan = None

    def _compile(self) -> _Plan:
        """Compile the rules into a :class:`_Plan`."""
        specs: list[list[Condition]] = []
        single: dict[int, list[int]] = {}
        multi: list[tuple[int, tuple[int, ...], int]] = []
        rest = Matcher(self.vocab, validate=self.validate)
        for i, rule in enumerate(self.patterns):
            patterns, index = rule["patterns"], rule["index"]
            tests = [[_conditions(spec, self.vocab.strings) for spec in pattern] for pattern in patterns]
            if any(c is None for pattern in tests for c in pattern) or any(
                    not -len(pattern) <= index < len(pattern) for pattern in patterns):
                rest.add(str(i), patterns)  # also keeps spaCy's error for an index out of the match
                continue
            ids = []
            for pattern in tests:
                ids.append(tuple(range(len(specs), len(specs) + len(pattern))))
                specs += pattern
            if all(len(pattern) == 1 for pattern in patterns):
                single[i] = [k for (k,) in ids]
            else:
                multi += [(i, pattern_ids, index) for pattern_ids in ids]
        sources = sorted({s for conditions in specs for s, _, _ in conditions}, key=lambda s: (s[0], s[1] or ""))
        effects = [[(WRITABLE.index(a), v) for a, v in attrs.items()] for attrs in self.attrs]
        return _Plan(sources, specs, single, multi, rest if len(rest) else None, effects)

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every rule matching in ``doc``, exactly as spaCy's component."""
        if self._plan is None:
            if not self.attrs or not ruler_supported(self):
                return super().__call__(doc)  # no rules: spaCy's warning
            self._plan = self._compile()
        plan = self._plan
        error_handler = self.get_error_handler()
        try:
            memo = plan.memo
            found = [memo.get(signature) or plan.lookup(signature) for signature in plan.signatures(doc)]
            extra = self._other_matches(doc, plan, found)
            if not extra and not any(row for row, _, _ in found):
                return doc
            if plan.arrays is None:
                plan.arrays = (np.array([m for m, _ in plan.rows], dtype=bool),
                               np.array([v for _, v in plan.rows], dtype=np.uint64))
            before = doc.to_array(list(WRITABLE)).reshape(len(doc), len(WRITABLE))
            rows = np.array([row for row, _, _ in found], dtype=np.intp)
            after = np.where(plan.arrays[0][rows], plan.arrays[1][rows], before)
            for token, rules in extra.items():  # redo in rule order the tokens of longer matches
                after[token] = before[token]
                for i in sorted(rules.union(found[token][1])):
                    for col, value in plan.effects[i]:
                        after[token, col] = value
            doc.from_array(list(WRITABLE), after)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _other_matches(self, doc: Doc, plan: _Plan, found: list[tuple]) -> dict[int, set[int]]:
        """Return token -> rules of the multi-token patterns and Matcher rules matching there."""
        extra: dict[int, set[int]] = {}
        if plan.multi:
            where: dict[int, list[int]] = {}
            for t, (_, _, tests) in enumerate(found):
                for k in tests:
                    where.setdefault(k, []).append(t)
            for rule, tests, index in plan.multi:
                for start in where.get(tests[0], ()):
                    end = start + len(tests)
                    if end <= len(doc) and all(k in found[start + j][2] for j, k in enumerate(tests)):
                        extra.setdefault(start + index if index >= 0 else end + index, set()).add(rule)
        for match_id, start, end in plan.rest(doc, allow_missing=True, as_spans=False) if plan.rest else ():
            rule = int(self.vocab.strings[match_id])
            try:
                token = Span(doc, start, end)[self.indices[rule]].i
            except IndexError:
                raise ValueError(Errors.E1001.format(patterns=self.matcher.get(str(rule)), index=self.indices[rule],
                                                     span=[t.text for t in doc[start:end]])) from None
            extra.setdefault(token, set()).add(rule)
        return extra


@Language.factory(FACTORY, default_config={"validate": False,
                                           "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> FastAttributeRuler:
    """Create an empty :class:`FastAttributeRuler` (patterns are added by :func:`replace_stock_ruler`)."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def replace_stock_ruler(nlp: Language) -> list[str]:
    """Replace each stock attribute ruler of ``nlp`` that :func:`ruler_supported` accepts, in place.

    Returns:
        The names of the replaced components.
    """
    done = []
    for name, proc in list(nlp.pipeline):
        if type(proc) is AttributeRuler and ruler_supported(proc):
            patterns = proc.patterns
            nlp.replace_pipe(name, FACTORY, config={"validate": proc.validate}).add_patterns(patterns)
            done.append(name)
    return done

"""The quotes capability: direct, indirect and mixed quotations attributed to their speakers.

Two layers. Pure functions over a parsed Doc find quotation-mark pairs (:func:`quote_pairs`),
reporting cues with their speaker and content (:func:`reported_speech`) and combine them into
:class:`Quote` records (:func:`find_quotes`). The ``presslens_quotes`` component stores them in
``doc.spans["presslens_quotes"]``, resolves each speaker span to a canonical actor through the
actors capability, and :func:`records` turns them into rows of the ``quotes`` table.

Method (rule-based, over the dependency parse): a cue is a reporting verb of the lexicon
``quotes_cues.yaml`` with a clausal complement (or any verb with one), a postposed or
parenthetical reporting clause ("..., he said"), a directive or commissive verb with a
to-infinitive ("urged Congress to act", "vowed to appeal", "plans to close"), a naming verb with a
small clause ("called it a disaster", "accused him of lying"), an indirect question ("asked whether
..."), a stance verb with a noun-phrase object ("denounced the ruling", "talked about the economy"),
a verb whose object has a that-clause ("made the case that ..."), "according to X", "as X put
it", a passive with its agent and a predicate ("reported by X as ..."), a speech cue ending its
paragraph with a colon (the next paragraph is the speech), or a speaker label that opens a
paragraph (headlines, and the turns of interviews and transcripts: see :mod:`analysis.transcripts`;
each turn is one direct quote of its labelled speaker, and cues inside it are no attributions).
What counts is the ``attributions`` parameter (:mod:`.modes`): ``statements`` leaves out stances on
a bare noun phrase, beliefs and intentions unless they carry quoted words; ``all`` keeps them.
Coordinated statements of one cue are separate quotes of one attribution (``attribution_id``).
Negated cues and passive cues without an agent are left out ("criticized by X" and "as reported
by X" are kept), as are purpose clauses and hypotheticals. Its speaker is the verb's subject
(inherited through ``conj``/``advcl``/``xcomp``; a relative pronoun resolved from its noun) or
agent, its content the complement, clipped to the cue's paragraph. A speaker the actors capability
leaves unresolved may be resolved here (:mod:`.speakers`): a speaking document to its issuer,
plural "they" to an organisation or group subject before it; otherwise it stays unresolved.
Quotation marks are paired per paragraph (straight, curly, guillemets, NYT-style
``''``, single curly); a quotation is attributed to the cue whose content it covers, to a
cue in the frame around it ("...," she said / She said: "..."), or, when it has none, to the
speaker of the quotation just before it in the same or the previous paragraph (floating quotes).
A quotation interrupted by its cue ('"A," she said, "b."') is one quote spanning both parts.
Unattributed or short quotations (scare quotes, titles) are left out; so is any content without
a speaker: the extractor never guesses. Cues inside a quotation belong to the quoted speech.

Tuned on PolNeAR train and dev and the wikinews-2019 gold conventions (set A); see
:mod:`.evaluate` and :mod:`.gold_wikinews` for the measures.
"""


from __future__ import annotations

import pandas as pd
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from ..actors import component as actors
from ..columns import doc_text
from ..constants import ERRORS_KEY, QUOTES_KEY
from ..transcripts import ANSWER_LABELS
from .attribution import Quote, find_quotes
from .cues import DEFAULT_LEXICON, load_cues
from .modes import DEFAULT_ATTRIBUTIONS, Attributions, check_attributions
from .speakers import document_issuer, interviewee, plural_antecedent, previous_speaker

SPAN_KEY = QUOTES_KEY
SPAN_ATTRS = ("kind", "speaker", "speaker_text", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end")



def register_extensions() -> None:
    """Register the Span extensions of quote spans (``force=True``: safe to re-run)."""
    for attr in SPAN_ATTRS:
        Span.set_extension(attr, default=None, force=True)


register_extensions()


@Language.factory(
    "presslens_quotes",
    requires=["token.dep", "token.lemma", "token.tag", "doc._.presslens_actors"],
    assigns=["doc.spans"] + [f"span._.{a}" for a in SPAN_ATTRS],
    default_config={"lexicon": DEFAULT_LEXICON, "attributions": DEFAULT_ATTRIBUTIONS},
)
def make_quotes(nlp: Language, name: str, lexicon: str, attributions: str) -> "QuotesComponent":
    """Create the ``presslens_quotes`` component.

    Args:
        nlp: The pipeline.
        name: The component's name.
        lexicon: The cue lexicon, a file in ``analysis/lexicons`` or a YAML path.
        attributions: ``statements`` or ``all`` (see :mod:`analysis.quotes.modes`).
    """
    load_cues(lexicon)  # fail early on a missing lexicon
    return QuotesComponent(nlp, name, lexicon=lexicon, attributions=check_attributions(attributions))


class QuotesComponent(Pipe):
    """Store the quotations of each Doc in ``doc.spans["presslens_quotes"]``."""

    def __init__(self, nlp: Language, name: str = "presslens_quotes", *, lexicon: str = DEFAULT_LEXICON,
                 attributions: Attributions = DEFAULT_ATTRIBUTIONS) -> None:
        self.name = name
        self.lexicon = lexicon
        self.attributions = attributions

    def __call__(self, doc: Doc) -> Doc:
        """Find the quotations of ``doc``; on failure record the error on the Doc and go on."""
        try:
            text = doc_text(doc)
            quotes = find_quotes(doc, lexicon=self.lexicon, text=text, attributions=self.attributions)
            context = actors.actor_context(doc) if quotes else None  # built once per Doc, from the Doc
            resolved: dict[tuple[int, int], str | None] = {}  # one actor_for call per speaker span
            answers = [(q.resolve_start, q.resolve_end) for q in quotes if q.cue == ":"
                       and q.resolve_start is not None and q.resolve_end is not None
                       and text[q.resolve_start:q.resolve_end].lower() in ANSWER_LABELS]
            if answers and context is not None:  # "A: ..." turns: the one the introduction names
                who = interviewee(context, min(q.cue_start or 0 for q in quotes if q.cue == ":"))
                resolved.update(dict.fromkeys(answers, who))
            documents = load_cues(self.lexicon)["document"]
            quoted = [(q.start, q.end) for q in quotes if q.kind != "indirect"]
            spans, previous = [], None
            for quote in quotes:  # in text order: a "he" or "she" may continue the person before
                span = self._span(doc, text, quote, context, resolved, documents, previous, quoted)
                spans.append(span)
                if span is not None and span._.speaker and context is not None \
                        and context.actors.get(span._.speaker, {}).get("type") == "person":
                    previous = (span._.speaker, quote.end)
            doc.spans[SPAN_KEY] = [span for span in spans if span is not None]
        except Exception as exc:  # one bad article never stops a corpus run
            doc.spans[SPAN_KEY] = []
            doc.user_data.setdefault(ERRORS_KEY, []).append(f"{self.name}: {type(exc).__name__}: {exc}")
        return doc

    @staticmethod
    def _span(doc: Doc, text: str, quote: Quote, context: actors.Context | None,
              resolved: dict[tuple[int, int], str | None], documents: frozenset[str],
              previous: tuple[str, int] | None = None, quoted: list[tuple[int, int]] | None = None) -> Span | None:
        """Build the content span of ``quote`` with its extensions, resolving its speaker once."""
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            return None
        ext = span._  # each ``span._`` builds a new accessor: take it once
        ext.kind = quote.kind
        ext.cue = quote.cue
        ext.cue_start, ext.cue_end = quote.cue_start, quote.cue_end
        if quote.speaker_start is not None:
            speaker = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
            ext.speaker_start, ext.speaker_end = quote.speaker_start, quote.speaker_end
            ext.speaker_text = text[quote.speaker_start:quote.speaker_end]
            if quote.resolve_start is not None:  # a label or a relative pronoun: resolve what it stands for
                speaker = doc.char_span(quote.resolve_start, quote.resolve_end, alignment_mode="expand")
                key = (quote.resolve_start, quote.resolve_end)
            else:
                key = (quote.speaker_start, quote.speaker_end)
            if key not in resolved:
                resolved[key] = actors.actor_for(doc, speaker, context) if speaker is not None else None
                if resolved[key] is None and speaker is not None:
                    resolved[key] = document_issuer(doc, speaker, context, documents) \
                        or plural_antecedent(doc, speaker, context) \
                        or previous_speaker(doc, speaker, previous, context, quoted or [])
            ext.speaker = resolved[key]
        return span


def records(doc: Doc) -> dict[str, list[dict]]:
    """Return the rows of the ``quotes`` table stored on ``doc`` (``{}`` if the component did not run).

    Each row has ``kind, quote, start, end, speaker, speaker_text, speaker_start, speaker_end, cue,
    cue_start, cue_end`` with character offsets into ``doc.text``; speaker and cue fields are
    ``None`` when none was found.
    """
    if SPAN_KEY not in doc.spans:
        return {}
    rows = []
    text = doc_text(doc)
    for span in doc.spans[SPAN_KEY]:
        ext = span._  # each ``span._`` builds a new accessor: take it once
        start, end = span.start_char, span.end_char
        rows.append({
            "kind": ext.kind, "quote": text[start:end], "start": start, "end": end,
            "speaker": ext.speaker, "speaker_text": ext.speaker_text,
            "speaker_start": ext.speaker_start, "speaker_end": ext.speaker_end,
            "cue": ext.cue, "cue_start": ext.cue_start, "cue_end": ext.cue_end,
        })
    return {"quotes": rows}


def attribution_ids(quotes: pd.DataFrame) -> pd.Series:
    """Number the attributions of a quotes table: rows that share their cue and speaker are one.

    A quotation interrupted or continued after its cue ('"A," she said. "B."'), and the
    coordinated statements of one cue, are rows of one attribution. Rows without a cue each stand
    alone.

    Args:
        quotes: Rows sorted by article and offset, with ``article_id, quote_id, cue_start,
            cue_end, speaker_start, speaker_end``.

    Returns:
        ``ARTICLE:aN`` per row, N counting the article's attributions in order of their first row.
    """
    keys = []
    for row in quotes[["article_id", "quote_id", "cue_start", "cue_end", "speaker_start", "speaker_end"]].itertuples(
            index=False):
        cue = (row.cue_start, row.cue_end, row.speaker_start, row.speaker_end)
        keys.append((row.article_id, row.quote_id) if pd.isna(row.cue_start) else (row.article_id, *cue))
    first: dict[tuple, int] = {}
    counter: dict[str, int] = {}
    ids = []
    for key in keys:
        if key not in first:
            first[key] = counter.get(key[0], 0)
            counter[key[0]] = first[key] + 1
        ids.append(f"{key[0]}:a{first[key]}")
    return pd.Series(ids, index=quotes.index, dtype="string")

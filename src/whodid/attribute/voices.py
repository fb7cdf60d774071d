"""Who speaks where in one document: its quotations and the speakers of its verbs of saying.

Paragraphs are read in order, so a speaker named in one paragraph is there for "he said" or
a bare quotation in the next. For each paragraph (segment) a :class:`Hearing` answers the
questions the event builder asks: is this word inside a quotation, and whose? Who is the
subject of this verb of saying? Who is "we" here?
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from whodid.attribute.lexicon import SpeechLexicon
from whodid.attribute.quotes import QuoteSpan, find_quotes, is_speech
from whodid.attribute.speakers import SpeakerMemory
from whodid.extract import syntax
from whodid.nlp.tree import (
    Word,
    doc_sentences,
    doc_text,
    doc_tokens,
    sentence_tokens,
    words_text,
)
from whodid.resolve import ActorResolver
from whodid.types import Actor, Claim, Quote, TextSpan

SUBJECTS = ("nsubj", "nsubjpass")
_SUBJECT_IDS = frozenset(map(get_string_id, SUBJECTS))  # the DEP ids spaCy gives them
TAIL_DEPS = {"acl", "relcl", "conj", "appos", "advcl"}
CONTINUATION_PARAGRAPHS = 2  # a bare quotation continues a speaker this many paragraphs on


@dataclass(slots=True)
class Hearing:
    """The speech of one segment; spans are relative to the segment, output is absolute."""

    offset: int
    quotes: list[tuple[QuoteSpan, Quote]] = field(default_factory=list)
    claims: dict[int, Claim] = field(default_factory=dict)  # cue token index -> claim
    # cues that cover their whole sentence: "according to X", ", X announced on Tuesday."
    sentence_cues: dict[int, list[Word]] = field(default_factory=dict)
    # "according to" and hedges ("reportedly"), by the index of the word they attach to
    side_cues: dict[int, list[Word]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for ``whodid explain``

    def quote_at(self, token: Word) -> Quote | None:
        if not self.quotes:
            return None
        if len(self._starts) != len(self.quotes):
            self._starts = [span.inner_start for span, _ in self.quotes]
        k = bisect_right(self._starts, token.idx) - 1
        if k >= 0 and token.idx < self.quotes[k][0].inner_end:
            return self.quotes[k][1]
        return None

    def claim_of(self, cue: Word) -> Claim | None:
        return self.claims.get(cue.i)

    def sentence_claims(self, token: Word) -> list[tuple[Word, Claim]]:
        cues = self.sentence_cues.get(token.sent.start, [])
        return [(cue, self.claims[cue.i]) for cue in cues if cue.i in self.claims]

    def first_person(self, token: Word) -> Actor | None:
        """Who "I", "we" or "our" is: the speaker of the quotation around the word."""
        quote = self.quote_at(token)
        return quote.speaker if quote is not None else None


def _span(tokens: list[Word], offset: int) -> TextSpan:
    first, last = tokens[0], tokens[-1]
    text = words_text(first, last)
    return TextSpan(text, first.idx + offset, last.idx + len(last) + offset)


class Voices:
    """Speakers and quotations of one document, read segment by segment in order."""

    def __init__(self, doc_id: str, resolver: ActorResolver, lexicon: SpeechLexicon) -> None:
        self.doc_id = doc_id
        self.lexicon = lexicon
        self.memory = SpeakerMemory(resolver, lexicon)
        self.quotes: list[Quote] = []
        self.paragraph = -1
        self._last_quoted: tuple[Actor | None, TextSpan | None, int] | None = None
        self._tail_subjects: dict[int, Word] = {}  # per segment: verb index -> its speaker

    def recall(self, head: Word) -> Actor | None:
        """Whom a bare surname or "the minister" refers back to (see SpeakerMemory.recall)."""
        return self.memory.recall(head, 0)

    # -- cues -------------------------------------------------------------------------
    def _is_cue(self, tok: Word) -> bool:
        """A word that attributes words to someone: a verb of saying or believing with a
        clause, a claim verb with its complement, or "according to"."""
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according":
            return any(c.lower_ == "to" for c in tok.children)
        if tok.pos_ not in {"VERB", "AUX"}:
            return False
        deps = {c.dep_ for c in tok.children}
        if self.lexicon.reports(lemma) and deps & {"ccomp", "parataxis"}:
            return True
        if lemma in self.lexicon.claim_complement_verbs and deps & {"xcomp", "ccomp"}:
            return True
        return any(
            c.dep_ == "prep" and (lemma, c.lower_) in self.lexicon.claim_prepositions
            for c in tok.children
        )

    def _how(self, cue: Word) -> str:
        lemma = cue.lemma_.lower()
        if cue.lower_ == "according":
            return "according to"
        if any(c.dep_ in {"ccomp", "parataxis"} for c in cue.children):
            return "belief" if lemma in self.lexicon.belief_verbs else "speech"
        if lemma in self.lexicon.claim_complement_verbs:
            return "claim"
        return "accusation"

    def _closes_sentence(self, cue: Word) -> bool:
        """ "..., residents said.": a verb of saying that ends its sentence after a comma."""
        rest = [t for t in sentence_tokens(cue.sent) if t.i > cue.i and not t.is_punct]
        subject = syntax.grammatical_subject(cue)
        return (
            not rest
            and subject is not None
            and subject.i < cue.i
            and any(t.text == "," for t in cue.doc[cue.sent.start : subject.left_edge.i])
        )

    def _tail_cue(self, sent: Span, quoted: Callable[[Word], bool]) -> Word | None:
        """A sentence ending ", the ministry announced on Tuesday." whose parse attached
        the verb of saying to a noun: it still reports the sentence before it."""
        words = reversed(sentence_tokens(sent))
        last = next((t for t in words if t.pos_ == "VERB" and not quoted(t)), None)
        if last is None or last.i <= sent.start + 2:
            return None
        if last.lemma_.lower() not in self.lexicon.speech_verbs or last.dep_ not in TAIL_DEPS:
            return None
        if any(c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} for c in last.children):
            return None
        subject = next((c for c in last.children if c.dep_ == "nsubj"), None)
        if subject is None:  # the noun phrase just before the verb
            subject = doc_tokens(sent.doc)[last.i - 1]
            while subject.dep_ in {"pobj", "prep", "compound", "amod"} and subject.head.i < last.i:
                subject = subject.head
            if subject.pos_ not in {"NOUN", "PROPN"}:
                return None
        before = doc_tokens(sent.doc)[max(sent.start, subject.left_edge.i - 1)]
        if before.text != ",":
            return None
        self._tail_subjects[last.i] = subject
        return last

    def _speaker_head(self, cue: Word) -> Word | None:
        if cue.i in self._tail_subjects:
            return self._tail_subjects[cue.i]
        if cue.lower_ == "according":
            to = next((c for c in cue.children if c.lower_ == "to"), None)
            return next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
        if syntax.is_passive(cue):
            return syntax.agent(cue)  # "it was reported by Reuters"; "it is alleged": nobody
        subject = syntax.grammatical_subject(cue)
        if subject is None and cue.dep_ == "acl":
            # "X said in a statement *posted* on X": the statement's author speaks
            verb = cue.head
            while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ in {"VERB", "AUX"}:
                return syntax.grammatical_subject(verb)
        return subject

    def _hear(self, cue: Word, hearing: Hearing, how: str, quoted: Actor | None) -> Claim:
        known = hearing.claims.get(cue.i)
        if known is not None:
            return known
        head = self._speaker_head(cue)
        if head is None:
            speaker, why = None, "no subject"
        else:
            speaker, why = self.memory.resolve(head, hearing.offset, quoted)
        according = cue.lower_ == "according"
        tokens = [cue, *(c for c in cue.children if according and c.lower_ == "to")]
        claim = Claim(speaker, _span(tokens, hearing.offset), how)
        hearing.claims[cue.i] = claim
        hearing.notes.append(f"'{cue.text}' ({how}): {why}")
        return claim

    # -- quotations ------------------------------------------------------------------
    def _quote_cue(self, doc: Doc, span: QuoteSpan, speech: list[QuoteSpan]) -> Word | None:
        """The verb of saying nearest the quotation, outside every quotation, in a sentence
        the quotation overlaps; or the verb of a sentence ending in a colon just before it."""
        overlapping = [
            s for s in doc_sentences(doc) if s.start_char < span.end and s.end_char > span.start
        ]
        if overlapping:
            before = doc[overlapping[0].start - 1].sent if overlapping[0].start > 0 else None
            if before is not None and any(t.text == ":" for t in before[-2:]):
                overlapping.insert(0, before)
        best: tuple[int, Word] | None = None
        for sent in overlapping:
            for tok in sentence_tokens(sent):
                if tok.lemma_.lower() not in self.lexicon.speech_verbs or tok.pos_ != "VERB":
                    continue
                if any(q.start <= tok.idx < q.end for q in speech):
                    continue
                gap = span.start - tok.idx if tok.idx < span.start else tok.idx - span.end
                if best is None or gap < best[0]:
                    best = (gap, tok)
        return best[1] if best else None

    def _quote(self, text: str, span: QuoteSpan, cue: Word | None, hearing: Hearing) -> Quote:
        offset = hearing.offset
        if cue is not None:
            claim = self._hear(cue, hearing, "speech", None)
            speaker, cue_span, how = claim.speaker, claim.cue, "verb"
        elif self._last_quoted is not None and (
            self.paragraph - self._last_quoted[2] <= CONTINUATION_PARAGRAPHS
        ):
            speaker, cue_span, _ = self._last_quoted
            how = "continuation" if speaker is not None else "unattributed"
            hearing.notes.append(f"quotation at {span.start + offset} continues the last speaker")
        else:
            speaker, cue_span, how = None, None, "unattributed"
        self._last_quoted = (speaker, cue_span, self.paragraph)
        mention = TextSpan(speaker.text, speaker.start, speaker.end) if speaker else None
        number = len(self.quotes)
        quote = Quote(
            doc_id=self.doc_id,
            quote_id=f"{self.doc_id}:q{number}",
            paragraph=self.paragraph,
            text=text[span.inner_start : span.inner_end],
            start=span.inner_start + offset,
            end=span.inner_end + offset,
            closed=span.closed,
            speaker=speaker,
            speaker_mention=mention,
            cue=cue_span,
            how=how,
        )
        self.quotes.append(quote)
        return quote

    def read(self, doc: Doc, offset: int) -> Hearing:
        """Quotations and speakers of the next segment of the document."""
        self.paragraph += 1
        self._tail_subjects = {}
        hearing = Hearing(offset)
        text = doc_text(doc)
        spans = [q for q in find_quotes(text) if is_speech(text, q)]

        def quoted(tok: Word) -> bool:
            return any(q.start <= tok.idx < q.end for q in spans)

        # compare ids, not strings: this loop sees every word
        cue_ids, hedge_ids = self.lexicon.cue_ids, self.lexicon.hedge_ids
        found, subjects = [], []
        for t in doc_tokens(doc):  # one pass: possible cues, hedges, subjects
            if (t.lemma in cue_ids or t.lower in cue_ids) and self._is_cue(t):
                found.append(t)
            elif t.lower in hedge_ids and t.dep_ == "advmod":
                hearing.side_cues.setdefault(t.head.i, []).append(t)
            if t.dep in _SUBJECT_IDS:
                subjects.append(t)
        cues = {t.i: t for t in found if not quoted(t)}
        for t in cues.values():
            if t.lower_ == "according":
                hearing.side_cues.setdefault(t.head.i, []).append(t)
        quote_cues = [(span, self._quote_cue(doc, span, spans)) for span in spans]
        # speakers are resolved in reading order, so "he" finds who spoke before it
        order: list[tuple[int, object]] = [(tok.idx, tok) for tok in cues.values()]
        order += [(span.start, (span, cue)) for span, cue in quote_cues]
        order += [(tok.idx, ("subject", tok)) for tok in subjects]
        for _, item in sorted(order, key=lambda x: x[0]):
            if isinstance(item, Word):
                self._hear(item, hearing, self._how(item), None)
            elif item[0] == "subject":  # type: ignore[index]
                self.memory.notice(item[1], offset)  # type: ignore[index]
            else:
                span, cue = item  # type: ignore[misc]
                hearing.quotes.append((span, self._quote(text, span, cue, hearing)))
        for tok in cues.values():
            if tok.lower_ == "according" or self._closes_sentence(tok):
                hearing.sentence_cues.setdefault(tok.sent.start, []).append(tok)
        for sent in doc_sentences(doc):
            tail = self._tail_cue(sent, quoted)
            if tail is not None:
                self._hear(tail, hearing, "speech", None)
                hearing.sentence_cues.setdefault(sent.start, []).append(tail)
        # cues inside quotations: the quoted speaker is their "I" and "we"
        for tok in found:
            if tok.i not in cues:
                quote = hearing.quote_at(tok)
                self._hear(tok, hearing, self._how(tok), quote.speaker if quote else None)
        return hearing

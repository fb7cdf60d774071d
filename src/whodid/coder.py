"""The event coder: documents in, events out, one pass over spaCy parses.

    coder = Coder(Resources.load())
    for result in coder.code([Document("d1", "Rebels attacked a police station.")]):
        ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from whodid.attribute import Reading, Voices, read_claims
from whodid.dates import parse_story_date
from whodid.events import Position, sentence_events
from whodid.extract import find_candidates
from whodid.geo import DocumentContext
from whodid.geo.actors import placed_actors
from whodid.nlp import Segment, segments
from whodid.nlp.ahead import parse_ahead, parse_in_batches
from whodid.nlp.tree import Word, doc_sentences, doc_tokens, forget
from whodid.resolve import ActorResolver, DocumentCountries
from whodid.resources import Resources
from whodid.types import Document, Event, ItemError, Place, Quote

#: where a parsed segment belongs: its document's index, its offset, whether it is the last
Where = tuple[int, int, bool]


@dataclass(slots=True)
class CodedDocument:
    """A document and what coding it gave: events and quotations, or the error that
    stopped it."""

    document: Document
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: int = 0
    error: ItemError | None = None
    #: (start, end) character offsets of each sentence in the document text, in order
    sentence_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class DocumentState:
    """What reading one document needs to remember across its paragraphs: the resolver for
    its story date, its speakers and quotations, the places it names (to tell Tripoli from
    Tripoli) and the countries its actors belong to. ``whodid explain`` keeps the same."""

    resolver: ActorResolver
    voices: Voices
    places: DocumentContext
    countries: DocumentCountries

    @classmethod
    def start(cls, resources: Resources, base: ActorResolver, doc_id: str,
              story_date: str | None) -> DocumentState:  # fmt: skip
        resolver = base.on(parse_story_date(story_date))
        voices = Voices(doc_id, resolver, resources.speech)
        return cls(resolver, voices, resources.places.context(), DocumentCountries())


def usable_cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Coder:
    """Codes documents with one set of resources. ``parse_ahead``: spaCy parses the next
    batch in a second thread while this one is coded (see :mod:`whodid.nlp.ahead`); by
    default only when the process has two cores or more, since on one the threads only
    take turns. The events are the same either way."""

    def __init__(self, resources: Resources, batch_size: int = 64,
                 parse_ahead: bool | None = None) -> None:  # fmt: skip
        self.resources = resources
        self.resolver = ActorResolver(resources.actors)
        self.batch_size = batch_size
        self.parse_ahead = usable_cores() > 1 if parse_ahead is None else parse_ahead

    def _parse(self, items: Iterable[tuple[str, Where]]) -> Iterator[tuple[Doc, Where]]:
        parse = parse_ahead if self.parse_ahead else parse_in_batches
        return parse(self.resources.nlp, items, self.batch_size)

    def _segments(self, documents: Iterable[Document]) -> Iterator[tuple[str, Where]]:
        """Each document's segments, as (text, (document index, offset, last of its
        document)); a document with no text is one empty segment. (An empty end-of-document
        marker after each would cost spaCy a Doc of its own: 4% of the parse.)"""
        for index, document in enumerate(documents):
            pieces = list(segments(document.text)) or [Segment("", 0)]
            for k, segment in enumerate(pieces, start=1):
                yield segment.text, (index, segment.start, k == len(pieces))

    def code(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in order; a failure in one document is recorded on it."""
        pending: dict[int, Document] = {}

        def remember() -> Iterator[Document]:
            for index, document in enumerate(documents):
                pending[index] = document
                yield document

        current: CodedDocument | None = None
        state: DocumentState | None = None
        for parsed, (index, offset, last) in self._parse(self._segments(remember())):
            if current is None:
                current = CodedDocument(pending.pop(index))
                state = self._start(current)
            if current.error is None and len(parsed):
                try:
                    current.sentences += self._code_segment(parsed, offset, current, state)
                except Exception as exc:  # noqa: BLE001 - recorded for this document only
                    current.error = ItemError(
                        current.document.id, f"coding failed: {type(exc).__name__}: {exc}", "W900"
                    )
                    current.events.clear()
                    current.quotes.clear()
                finally:
                    forget(parsed)
            if last:
                yield current
                current = None

    def _start(self, coded: CodedDocument) -> DocumentState:
        document = coded.document
        state = DocumentState.start(self.resources, self.resolver, document.id, document.date)
        coded.quotes = state.voices.quotes
        return state

    def _code_segment(
        self, parsed: Doc, offset: int, into: CodedDocument, state: DocumentState
    ) -> int:
        doc_tokens(parsed)  # the parse, read once into the Words every later step walks
        hearing = state.voices.read(parsed, offset)
        state.places.notice(parsed)
        resolver = state.resolver.hearing(hearing.first_person, state.voices.recall)
        lexicon, places = self.resources.speech, self.resources.places

        def claims(anchor: Word) -> Reading:
            return read_claims(anchor, hearing, lexicon)

        def locate(sent: Span, anchor: Word, countries: tuple[str | None, ...]) -> Place | None:
            return places.locate(sent, anchor, offset, state.places, countries)

        count = 0
        for sent in doc_sentences(parsed):
            into.sentence_spans.append((offset + sent.start_char, offset + sent.end_char))
            pos = Position(into.document.id, into.sentences + count, offset, resolver.day)
            candidates = find_candidates(sent, self.resources.patterns)
            events = sentence_events(candidates, sent, pos, resolver, self.resources.ontology,
                                     claims, locate)  # fmt: skip
            events = placed_actors(events, places, sent, offset, state.places)
            state.countries.notice(events)
            into.events.extend(state.countries.complete(events))
            count += 1
        return count

    def code_text(self, text: str, doc_id: str = "text", date: str | None = None) -> list[Event]:
        """Events of one text; raises nothing for odd text, returns [] when there are none."""
        result = next(self.code([Document(doc_id, text, date)]))
        return result.events

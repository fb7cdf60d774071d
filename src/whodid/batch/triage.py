"""Before coding: which documents are new, which are stored already, copies or not English.

Shared by the single-process pipeline and the Dask one. Documents to code come out in
input order with their identity; everything else becomes rows for the store (a skipped
document, an item error) or a count in the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from whodid.batch.summary import IngestSummary
from whodid.ingest.language import guess_language
from whodid.store import Store
from whodid.store.identity import content_hash, document_key
from whodid.store.rows import Identity, Rows, document_row, error_row
from whodid.types import Document, ItemError

#: Items looked up in the store at a time.
CHUNK = 256


@dataclass
class Triage:
    store: Store
    run_id: int
    summary: IngestSummary
    rows: Rows  # skipped documents and errors are added here, to be written with the rest
    on_skip: Callable[[], object] | None = None  # called for each document not coded
    _seen: set[str] = field(default_factory=set)  # keys of this run
    _hashes: dict[str, str] = field(default_factory=dict)  # text hash -> original, this run

    def __call__(
        self, items: Iterable[Document | ItemError]
    ) -> Iterator[tuple[Document, Identity]]:
        stream = iter(items)
        while chunk := list(islice(stream, CHUNK)):
            yield from self._chunk(chunk)

    def _skipped(self) -> None:
        if self.on_skip is not None:
            self.on_skip()

    def _chunk(self, chunk: list[Document | ItemError]) -> Iterator[tuple[Document, Identity]]:
        who: dict[int, Identity] = {}
        for n, item in enumerate(chunk):
            if isinstance(item, Document):
                text_hash = content_hash(item.text)
                key = document_key(item.id, text_hash)
                who[n] = Identity(key, text_hash, _item(item), self.summary.documents + len(who))
        known = self.store.known([w.key for w in who.values()])
        originals = self.store.originals(list({w.content_hash for w in who.values()}))
        for n, item in enumerate(chunk):
            if isinstance(item, ItemError):
                self.rows.tables["doc_errors"].append(error_row(self.run_id, item))
                if item.fatal:
                    self.summary.failed += 1
                else:
                    self.summary.warnings += 1
                continue
            identity = who[n]
            self.summary.documents += 1
            if identity.key in known or identity.key in self._seen:
                self.summary.already_stored += 1
                self._skipped()
                continue
            self._seen.add(identity.key)
            language = guess_language(item.text)
            if not language.english:
                self.summary.not_english += 1
                self.rows.tables["documents"].append(
                    document_row(item, identity, self.run_id, "not_english", language.language)
                )
                self._skipped()
                continue
            original = originals.get(identity.content_hash) or self._hashes.get(
                identity.content_hash
            )
            if original is not None:
                self.summary.duplicates += 1
                self.rows.tables["documents"].append(
                    document_row(item, identity, self.run_id, "duplicate", "en",
                                 duplicate_of=original)  # fmt: skip
                )
                self.rows.tables["duplicates"].append(
                    {"doc_key": identity.key, "duplicate_of": original, "kind": "exact",
                     "similarity": 1.0}  # fmt: skip
                )
                self._skipped()
                continue
            self._hashes[identity.content_hash] = identity.key
            yield item, identity


def _item(doc: Document) -> str:
    return doc.url or doc.id

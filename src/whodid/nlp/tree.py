"""A parse read once into plain Python words, so whodid can walk it cheaply.

spaCy's ``Token`` answers every attribute by looking into the C parse: ``doc[i]``, ``head``
and ``children`` make new Python objects, and ``pos_``, ``lemma_`` and ``lower_`` look
their strings up on every call. The coder asks the same questions of the same words dozens
of times per sentence (is it passive, what is its object, which place names start here), so
:func:`doc_tokens` reads the whole parse once with ``Doc.to_array`` into :class:`Word`
objects whose attributes are plain values and whose ``head``, ``children``, ``lefts`` and
``rights`` are other Words. A Word has the names and meaning of the ``Token`` attributes
whodid uses, so code reads the same either way; anything rarer is answered by the Token.

There is one Word per token per Doc, so Words compare by identity. Everything downstream of
the parser walks Words: take a token from the parse with :func:`as_word` (or
:func:`doc_tokens` / :func:`sentence_tokens`), never with ``doc[i]`` or ``span.root``.
:func:`forget` drops the Words kept for a Doc when the caller is done with it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

import numpy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span, Token

_WORDS = "whodid.words"
_TEXT = "whodid.text"
_SENTS = "whodid.sentences"
_ENTS = "whodid.entities"
# the string-valued attributes first: their ids are looked up in the StringStore
_COLUMNS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ENT_IOB, IDX, IS_PUNCT, IS_ALPHA, SPACY]
_STRING_COLUMNS = 7
_IOB = ("", "I", "O", "B")


class Word:
    """One token of a parse, with the ``Token`` attributes whodid reads as plain values."""

    __slots__ = (
        "doc", "i", "idx", "text", "whitespace_", "lower", "lower_", "lemma", "lemma_",
        "pos_", "tag_", "dep", "dep_", "ent_type_", "ent_iob_", "is_punct", "is_alpha",
        "is_sent_start", "head", "lefts", "rights", "children", "_edges", "_sent",
    )  # fmt: skip

    doc: Doc
    i: int
    idx: int
    text: str
    whitespace_: str
    lower: int
    lower_: str
    lemma: int
    lemma_: str
    pos_: str
    tag_: str
    dep: int
    dep_: str
    ent_type_: str
    ent_iob_: str
    is_punct: bool
    is_alpha: bool
    is_sent_start: bool | None
    head: Word
    lefts: tuple[Word, ...]
    rights: tuple[Word, ...]
    children: tuple[Word, ...]
    _edges: tuple[int, int] | None
    _sent: Span | None

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __lt__(self, other: Word) -> bool:
        return self.i < other.i

    def __getattr__(self, name: str) -> Any:
        """Attributes whodid rarely reads (``shape_``, ``like_num``, ``morph``) come from
        the Token itself."""
        if name.startswith("_") or name in Word.__slots__:
            raise AttributeError(name)
        return getattr(self.doc[self.i], name)

    @property
    def token(self) -> Token:
        """The spaCy Token this Word was read from."""
        return self.doc[self.i]

    @property
    def subtree(self) -> Iterator[Word]:
        """This word and its descendants, in the order ``Token.subtree`` gives."""
        for left in self.lefts:
            yield from left.subtree
        yield self
        for right in self.rights:
            yield from right.subtree

    def _edge_span(self) -> tuple[int, int]:
        if self._edges is None:
            first = min((c._edge_span()[0] for c in self.lefts), default=self.i)
            last = max((c._edge_span()[1] for c in self.rights), default=self.i)
            self._edges = (first, last)
        return self._edges

    @property
    def left_edge(self) -> Word:
        return doc_tokens(self.doc)[self._edge_span()[0]]

    @property
    def right_edge(self) -> Word:
        return doc_tokens(self.doc)[self._edge_span()[1]]

    @property
    def ancestors(self) -> Iterator[Word]:
        node = self
        while node.head is not node:
            node = node.head
            yield node

    @property
    def conjuncts(self) -> tuple[Word, ...]:
        """Words coordinated with this one, as ``Token.conjuncts``."""
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        if start is self and not any(c.dep_ == "conj" for c in self.rights):
            return ()  # most words: no coordination at all
        found = [start]
        for item in found:
            found.extend(c for c in item.rights if c.dep_ == "conj")
        return tuple(w for w in found if w is not self)

    @property
    def sent(self) -> Span:
        """The sentence this word is in (the Doc's sentences are found once)."""
        if self._sent is None:
            words = doc_tokens(self.doc)
            for sent in doc_sentences(self.doc):
                for w in words[sent.start : sent.end]:
                    w._sent = sent
        return self._sent

    def nbor(self, offset: int = 1) -> Word:
        at = self.i + offset
        words = doc_tokens(self.doc)
        if not 0 <= at < len(words):
            raise IndexError(f"no word at {at}: the parse has {len(words)}")
        return words[at]


def _read(doc: Doc) -> tuple[Word, ...]:
    n = len(doc)
    if n == 0:
        return ()
    table = doc.to_array(_COLUMNS)
    # every distinct string id of the Doc is looked up once
    ids, where = numpy.unique(table[:, :_STRING_COLUMNS], return_inverse=True)
    strings = doc.vocab.strings
    names = [strings[key] for key in ids.tolist()]
    columns = [[names[k] for k in col] for col in where.reshape(n, _STRING_COLUMNS).T.tolist()]
    texts, lowers_, lemmas_, poses, tags, deps_, ents = columns
    lowers, lemmas, deps = table[:, 1].tolist(), table[:, 2].tolist(), table[:, 5].tolist()
    iobs, idxs, puncts, alphas, spaces = table[:, _STRING_COLUMNS:].T.tolist()
    # HEAD (relative) and SENT_START (-1/0/1) are signed; read them as such
    heads, starts = doc.to_array([HEAD, SENT_START]).view("int64").T.tolist()
    words = [Word.__new__(Word) for _ in range(n)]
    kids: list[list[Word]] = [[] for _ in range(n)]
    rows = zip(words, range(n), idxs, texts, spaces, lowers, lowers_, lemmas, lemmas_,
               poses, tags, deps, deps_, ents, iobs, puncts, alphas, starts, heads,
               strict=True)  # fmt: skip
    for (w, i, idx, text, space, lower, lower_, lemma, lemma_, pos, tag, dep, dep_, ent, iob,
         punct, alpha, start, head) in rows:  # fmt: skip
        w.doc, w.i, w.idx, w.text, w.whitespace_ = doc, i, idx, text, " " if space else ""
        w.lower, w.lower_, w.lemma, w.lemma_ = lower, lower_, lemma, lemma_
        w.pos_, w.tag_, w.dep, w.dep_ = pos, tag, dep, dep_
        w.ent_type_, w.ent_iob_ = ent, _IOB[iob]
        w.is_punct, w.is_alpha = punct == 1, alpha == 1
        w.is_sent_start = None if start == 0 else start > 0
        w._edges = w._sent = None
        if head:
            w.head = words[i + head]
            kids[i + head].append(w)
        else:
            w.head = w
    for i, (w, own) in enumerate(zip(words, kids, strict=True)):
        if own:  # in order of position: the left children, then the right
            w.children = tuple(own)
            split = next((k for k, c in enumerate(own) if c.i > i), len(own))
            w.lefts, w.rights = w.children[:split], w.children[split:]
        else:
            w.children = w.lefts = w.rights = ()
    return tuple(words)


def doc_tokens(doc: Doc) -> tuple[Word, ...]:
    """The Doc's words, read once: ``doc_tokens(doc)[i]`` is the Word for ``doc[i]``."""
    kept = doc.user_data.get(_WORDS)
    if kept is None:
        kept = doc.user_data[_WORDS] = _read(doc)
    return kept


def as_word(token: Token | Word) -> Word:
    """The Word for a Token taken from the parse (``span.root``, ``doc[i]``)."""
    return token if isinstance(token, Word) else doc_tokens(token.doc)[token.i]


def sentence_tokens(span: Span) -> tuple[Word, ...]:
    """The words of a span (a sentence)."""
    return doc_tokens(span.doc)[span.start : span.end]


def span_root(span: Span) -> Word:
    """``span.root`` as a Word."""
    return doc_tokens(span.doc)[span.root.i]


def phrase_root(words: Sequence[Word]) -> Word:
    """``Span.root`` of a run of adjacent words: the sentence's root when it is among them,
    else the word nearest it of those whose head lies outside the run (the first of equals;
    a lone punctuation mark or space only when there is nothing else)."""
    start, end = words[0].i, words[-1].i + 1
    for w in words:
        if w.head is w:
            return w
    length = len(doc_tokens(words[0].doc))
    best, nearest = words[0], length
    for w in words:
        if start <= w.head.i < end:
            continue
        if (w.is_punct or w.text.isspace()) and not w.children:
            depth = length - 1
        else:
            depth = sum(1 for _ in w.ancestors)
        if depth < nearest:
            best, nearest = w, depth
    return best


def span_text(span: Span) -> str:
    """``span.text``, cut from the Doc's text, which is joined once."""
    return char_text(span.doc, span.start_char, span.end_char)


def words_text(first: Word, last: Word) -> str:
    """The text from word ``first`` to word ``last`` of one Doc, both included."""
    return doc_text(first.doc)[first.idx : last.idx + len(last)]


def char_text(doc: Doc, start: int, end: int) -> str:
    """The Doc's text from character ``start`` to ``end``."""
    return doc_text(doc)[start:end]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once from the Words (spaCy joins it from its Tokens on every
    access)."""
    whole = doc.user_data.get(_TEXT)
    if whole is None:
        whole = doc.user_data[_TEXT] = "".join(w.text + w.whitespace_ for w in doc_tokens(doc))
    return whole


def doc_sentences(doc: Doc) -> tuple[Span, ...]:
    """``doc.sents``, found once (spaCy makes new Spans on every access)."""
    kept = doc.user_data.get(_SENTS)
    if kept is None:
        kept = doc.user_data[_SENTS] = tuple(doc.sents)
    return kept


def doc_entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, found once (spaCy makes new Spans on every access)."""
    kept = doc.user_data.get(_ENTS)
    if kept is None:
        kept = doc.user_data[_ENTS] = doc.ents
    return kept


def sentence_entities(sent: Span) -> tuple[Span, ...]:
    """The Doc's entities that start in ``sent``, found by halving the Doc's list."""
    ents = doc_entities(sent.doc)
    first = bisect_left(ents, sent.start, key=_start)
    return ents[first : bisect_left(ents, sent.end, lo=first, key=_start)]


def entity_at(doc: Doc, i: int) -> Span | None:
    """The Doc's entity that word ``i`` is part of, if any (entities do not overlap)."""
    ents = doc_entities(doc)
    last = bisect_right(ents, i, key=_start) - 1
    return ents[last] if last >= 0 and ents[last].end > i else None


def _start(span: Span) -> int:
    return span.start


def forget(doc: Doc) -> None:
    """Drop what was kept for ``doc`` when the caller is done with its Words. Each Word's
    link to its head is cut (every loop among Words goes up through one), so that they are
    freed at once rather than left to the cyclic garbage collector; a Word is no use after
    this (``doc_tokens`` reads the Doc anew)."""
    for w in doc.user_data.pop(_WORDS, ()):
        del w.head
    for key in (_TEXT, _SENTS, _ENTS):
        doc.user_data.pop(key, None)

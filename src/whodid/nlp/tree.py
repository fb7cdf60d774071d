"""Walking a parse without rebuilding it. Every ``doc[i]``, ``Token.children`` and
``Span.text`` makes new Python objects, and the coder asks for the same tokens, children
and sentence text dozens of times (is it passive, what is its object, which place names
start here). These helpers make each once per Doc and keep it in ``Doc.user_data``;
:func:`forget` drops what was kept when the caller is done with the Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TOKENS = "whodid.tokens"
_CHILDREN = "whodid.children"
_TEXT = "whodid.text"


def doc_tokens(doc: Doc) -> tuple[Token, ...]:
    """The Doc's tokens, made once: ``doc_tokens(doc)[i]`` is ``doc[i]``."""
    kept = doc.user_data.get(_TOKENS)
    if kept is None:
        kept = doc.user_data[_TOKENS] = tuple(doc)
    return kept


def sentence_tokens(span: Span) -> tuple[Token, ...]:
    """The tokens of a span (a sentence), from :func:`doc_tokens`."""
    return doc_tokens(span.doc)[span.start : span.end]


def span_text(span: Span) -> str:
    """``span.text``, cut from the Doc's text, which is joined once."""
    return char_text(span.doc, span.start_char, span.end_char)


def char_text(doc: Doc, start: int, end: int) -> str:
    """The Doc's text from character ``start`` to ``end``."""
    whole = doc.user_data.get(_TEXT)
    if whole is None:
        whole = doc.user_data[_TEXT] = doc.text
    return whole[start:end]


def children(token: Token) -> tuple[Token, ...]:
    """``token.children``, made once per Doc."""
    kept = token.doc.user_data.get(_CHILDREN)
    if kept is None:
        kept = token.doc.user_data[_CHILDREN] = {}
    found = kept.get(token.i)
    if found is None:
        found = kept[token.i] = tuple(token.children)
    return found


def forget(doc: Doc) -> None:
    """Drop what was kept for ``doc`` (Token objects do not serialise with it)."""
    for key in (_TOKENS, _CHILDREN, _TEXT):
        doc.user_data.pop(key, None)

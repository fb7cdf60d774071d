"""On whose word: the chain of claims an event's trigger is wrapped in.

Walking up the parse from the trigger, each of these adds a link, innermost first:
    a clause under a verb of saying or believing   "X said (that) Y attacked"
    a claimed complement                           "X denied attacking", "claimed to have"
    an act pinned on someone by a preposition      "X accused Y of killing", "blamed Y for"
    "according to X" on a clause on the way up
    a hedge adverb on a clause on the way up      "troops reportedly shelled"
and the direct quotation the trigger stands in, if any, comes first (outermost): the quoted
speaker says everything inside it. The walk stops at the quotation's edge, since the verb
outside ("..., X said") is what made X its speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from whodid.attribute.lexicon import SpeechLexicon
from whodid.attribute.voices import Hearing
from whodid.nlp.tree import Word
from whodid.types import Actor, Attribution, Claim, TextSpan

MAX_CLIMB = 12


@dataclass(frozen=True, slots=True)
class Reading:
    """The attribution of a trigger, whether its nearest claim denies it, and why."""

    attribution: Attribution
    denied: bool
    reason: str
    voice: Actor | None = None  # who the trigger itself is said by, when it is a verb of saying


def _link(tok: Word, child: Word, lexicon: SpeechLexicon) -> Word | None:
    """The cue word that makes ``child``'s clause (``child`` under ``tok``) a claim."""
    lemma = tok.lemma_.lower()
    if child.dep_ in {"ccomp", "parataxis"} and lexicon.reports(lemma):
        return tok
    if child.dep_ in {"xcomp", "ccomp"} and lemma in lexicon.claim_complement_verbs:
        return tok
    if child.dep_ in {"pcomp", "pobj"} and tok.dep_ == "prep":
        verb = tok.head
        if (verb.lemma_.lower(), tok.lower_) in lexicon.claim_prepositions:
            return verb
    return None


def read_claims(anchor: Word, hearing: Hearing, lexicon: SpeechLexicon) -> Reading:
    offset = hearing.offset
    quote = hearing.quote_at(anchor)
    links: list[Claim] = []
    denied = False
    reasons: list[str] = []
    tok, child = anchor, None
    claims = hearing.claims
    for _ in range(MAX_CLIMB):
        for side in hearing.side_cues.get(tok.i, ()):
            if side.lower_ == "according":
                claim = hearing.claim_of(side)
                if claim is not None:
                    links.append(claim)
                    reasons.append(f"'according to' on '{tok.text}'")
            else:
                cue = TextSpan(side.text, side.idx + offset, side.idx + len(side) + offset)
                links.append(Claim(None, cue, "hedge"))
                reasons.append(f"hedge '{side.text}'")
        if child is not None and (tok.i in claims or tok.head.i in claims):
            cue = _link(tok, child, lexicon)
            if cue is not None:
                claim = hearing.claim_of(cue)
                if claim is not None:
                    if not links and cue.lemma_.lower() in lexicon.denial_verbs:
                        denied = True
                    links.append(claim)
                    reasons.append(f"'{child.text}' is under '{cue.text}' ({claim.how})")
        parent = tok.head
        if parent.i == tok.i or hearing.quote_at(parent) is not quote:
            break  # the root, or the edge of the quotation
        tok, child = parent, tok
    if not links and quote is None:
        for cue, claim in hearing.sentence_claims(anchor):
            if cue.lower_ == "according" or cue.i > anchor.i:
                links.append(claim)
                reasons.append(f"'{cue.text}' reports the whole sentence")
                break
    links.reverse()
    if quote is not None:
        links.insert(0, Claim(quote.speaker, quote.cue, "quote"))
        reasons.insert(0, f"inside quotation {quote.quote_id} ({quote.how})")
    own = hearing.claim_of(anchor)
    voice = own.speaker if own is not None else None
    if not links:
        return Reading(Attribution(), False, "stated by the reporter", voice)
    inner = links[-1]
    attribution = Attribution(
        kind="reported",
        speaker=inner.speaker,
        cue=inner.cue,
        quote=TextSpan(quote.text, quote.start, quote.end) if quote is not None else None,
        chain=tuple(links),
    )
    return Reading(attribution, denied, "; ".join(reasons), voice)

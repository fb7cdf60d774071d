"""``whodid explain``: why a text gave the events it gave.

Shows the parse, every pattern tried on every word, the reading chosen and how each
actor was resolved. The same functions as ``whodid code`` run, with a trace attached.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from whodid.attribute import Hearing, Reading, read_claims
from whodid.coder import DocumentState
from whodid.dates import event_date
from whodid.events import Position, event_mood, sentence_events, source_codes
from whodid.extract import Considered, find_candidates
from whodid.geo.actors import placed_actors
from whodid.nlp import segments
from whodid.nlp.tree import Word, sentence_tokens
from whodid.resolve import ActorResolver, DocumentCountries
from whodid.resources import Resources
from whodid.types import Actor, Place


def _tally(countries: DocumentCountries) -> str:
    return ", ".join(f"{c} {n}" for c, n in countries.counts.most_common(3))


def _who(actor: Actor | None) -> str:
    if actor is None:
        return "nobody named"
    return f"{actor.name} ({actor.code or 'unresolved'}) as '{actor.text}'"


def explain(text: str, resources: Resources, story_date: str | None = None) -> str:
    """The trace of coding ``text``, paragraph by paragraph as ``whodid code`` reads it."""
    document = DocumentState.start(resources, ActorResolver(resources.actors), "explain",
                                   story_date)  # fmt: skip
    lines: list[str] = []
    number = 0
    for segment in segments(text):
        doc = resources.nlp(segment.text)
        hearing = document.voices.read(doc, segment.start)
        document.places.notice(doc)
        number = _explain_segment(doc, segment.start, number, hearing, document, resources,
                                  lines)  # fmt: skip
    return "\n".join(lines)


def _explain_segment(
    doc: Doc, offset: int, number: int, hearing: Hearing, document: DocumentState,
    resources: Resources, lines: list[str],
) -> int:  # fmt: skip
    voices, base = document.voices, document.resolver
    resolver = base.hearing(hearing.first_person, voices.recall)
    story = base.day
    lines.append(f"== paragraph at character {offset}: quotations and speakers")
    quotes = [q for q in voices.quotes if offset <= q.start < offset + len(doc.text)]
    for quote in quotes:
        lines.append(f"  [{quote.start}:{quote.end}] '{quote.text[:70]}' -> "
                     f"{_who(quote.speaker)} ({quote.how})")  # fmt: skip
    lines.extend(f"  {note}" for note in hearing.notes)
    if not quotes and not hearing.notes:
        lines.append("  (no quotation or verb of saying)")

    def claims(anchor: Word) -> Reading:  # the same reading as ``whodid code``
        return read_claims(anchor, hearing, resources.speech)

    def locate(sent: Span, anchor: Word, countries: tuple[str | None, ...]) -> Place | None:
        return resources.places.locate(sent, anchor, offset, document.places, countries)

    for sent in doc.sents:
        lines.append(f"== sentence {number}: {sent.text}")
        lines.append("-- parse (index, word, lemma, POS, dependency -> head, entity)")
        for tok in sentence_tokens(sent):
            ent = f" [{tok.ent_type_}]" if tok.ent_type_ else ""
            lines.append(
                f"  {tok.i:>3} {tok.text:<16} {tok.lemma_:<14} {tok.pos_:<6} "
                f"{tok.dep_:<10} -> {tok.head.i:>3} {tok.head.text}{ent}"
            )
        tried: list[Considered] = []
        candidates = find_candidates(sent, resources.patterns, trace=tried.append)
        lines.append("-- patterns considered")
        if not tried:
            lines.append("  (no word of this sentence has a pattern)")
        for c in tried:
            mark = "+" if c.matched else "-"
            lines.append(f"  {mark} {c.token:<14} {c.code:<5} {c.pattern:<36} {c.reason}")
        lines.append("-- chosen")
        if not candidates:
            lines.append("  (no event)")
        for cand in candidates:
            trig = doc[cand.trigger[0] : cand.trigger[1]].text
            lines.append(
                f"  {cand.code} '{trig}' via {cand.how} ({cand.pattern_id}, "
                f"specificity {cand.specificity}{', negated' if cand.negated else ''})"
            )
            when = event_date(sent, cand.anchor, story, offset)
            lines.append(f"      date {when.date or '-'} ({when.basis}): {when.reason}")
            reading = claims(cand.anchor)
            mood = event_mood(cand, reading)
            lines.append(f"      modality {mood.value}: {mood.reason}")
            lines.append(f"      attribution {reading.attribution.kind}: {reading.reason}")
            for link in reading.attribution.chain:
                cue = f"'{link.cue.text}'" if link.cue else "no cue"
                lines.append(f"        <- {link.how} {cue}: {_who(link.speaker)}")
            own = source_codes([r for h in cand.sources
                                for r in resolver.resolve_each(h, agent=True)])  # fmt: skip
            for role, heads in (("source", cand.sources), ("target", cand.targets)):
                for head in heads:
                    res = (resolver.resolve(head) if role == "source"
                           else resolver.resolve_involved(head, own))  # fmt: skip
                    code = res.actor.code if res.actor else None
                    lines.append(f"      {role} '{head.text}' -> {code}: {res.how}")
                if not heads:
                    lines.append(f"      {role}: no phrase in its slots")
            for head in cand.other_targets:
                res = resolver.resolve_involved(head, own)
                code = res.actor.code if res.actor else None
                lines.append(f"      else aimed at '{head.text}' -> {code}: {res.how}")
        lines.append("-- events")
        pos = Position("explain", number, offset, story)
        events = sentence_events(candidates, sent, pos, resolver, resources.ontology, claims,
                                 locate)  # fmt: skip
        events = placed_actors(events, resources.places, sent, offset, document.places)
        document.countries.notice(events)
        placed = document.countries.complete(events)
        for e in placed:
            for actor in (e.source, e.target):
                if actor is not None and actor.basis == "place":
                    lines.append(f"  '{actor.text}' -> {actor.code}: the place it names")
                if actor is not None and actor.basis == "context":
                    lines.append(f"  '{actor.text}' -> {actor.code}: the document so far is "
                                 f"about {actor.country} ({_tally(document.countries)})")
        events = placed
        for e in events:
            src = e.source.code if e.source else None
            tgt = e.target.code if e.target else None
            lines.append(
                f"  {e.code} {e.plover or '-'} {src} -> {tgt}  '{e.trigger.text}' "
                f"modality={e.modality} {e.attribution.kind}"
                f"{' by ' + e.attribution.speaker.name if e.attribution.speaker else ''} "
                f"goldstein={e.goldstein} confidence={e.confidence}"
                f"{' MAIN' if e.main else ''}"
                f"{f' @{e.location.name} ({e.location.country})' if e.location else ''}"
            )
        if not events:
            lines.append("  (none)")
        number += 1
    return number

"""Who a speaker phrase names: a name, a pronoun, or a description of someone named earlier.

A story names its speakers once ("Foreign Minister Ayman Safadi said") and then refers to
them as "he", "the minister" or "the Jordanian official". :class:`SpeakerMemory` keeps the
speakers of one document in the order they spoke and resolves such references to the last
compatible one. Offsets of the returned actors point at the mention in hand ("he"), while
the name and code are those of the speaker it refers to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from whodid.attribute.lexicon import SpeechLexicon
from whodid.resolve import ActorResolver
from whodid.types import Actor

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them"}
THING_PRONOUNS = {"it"}
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
INDEFINITE = {"a", "an", "another", "one", "some", "several", "two", "three", "many"}
MEMORY = 30  # speakers remembered per document


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: Actor
    person: bool


def _is_person(head: Token, lexicon: SpeechLexicon) -> bool:
    if head.lemma_.lower() in lexicon.person_nouns:
        return True
    phrase = [head, *(c for c in head.lefts if c.dep_ in {"compound", "flat"})]
    return any(t.ent_type_ == "PERSON" for t in phrase)


def _mention(actor: Actor, head: Token, offset: int) -> Actor:
    """The speaker ``actor`` as mentioned at ``head``."""
    start = head.idx + offset
    return replace(actor, text=head.text, start=start, end=start + len(head.text))


def _description(head: Token) -> bool:
    """ "the senior official", "the Hamas official": a definite description, not a name."""
    if head.pos_ != "NOUN" or head.tag_ in {"NNS", "NNPS"}:
        return False
    dets = [c for c in head.lefts if c.dep_ in {"det", "poss"}]
    return bool(dets) and dets[0].lower_ not in INDEFINITE


def _person_name(head: Token) -> str | None:
    """The full name of a person the phrase gives: its head ("Foreign Minister Ayman
    Safadi") or an apposition ("a senior official, Basem Naim")."""
    for tok in (head, *(c for c in head.children if c.dep_ == "appos")):
        if tok.ent_type_ == "PERSON":
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None:
                return ent.text.removesuffix("'s").removesuffix("’s")
    return None


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


class SpeakerMemory:
    """The speakers of one document so far, most recent last."""

    def __init__(self, resolver: ActorResolver, lexicon: SpeechLexicon) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        self.speakers: list[Speaker] = []

    def _remember(self, speaker: Speaker) -> None:
        self.speakers = [s for s in self.speakers if s.actor.name != speaker.actor.name]
        self.speakers.append(speaker)
        del self.speakers[:-MEMORY]

    def last(self, person: bool | None = None) -> Speaker | None:
        for speaker in reversed(self.speakers):
            if person is None or speaker.person == person:
                return speaker
        return None

    def _compatible(self, described: Actor | None) -> Speaker | None:
        for speaker in reversed(self.speakers):
            if not speaker.person:
                continue
            if described is not None and described.country and speaker.actor.country:
                if described.country != speaker.actor.country:
                    continue
            return speaker
        return None

    def _actor(self, head: Token, offset: int) -> Actor | None:
        """The actor the phrase names, called by the person's name when it gives one ("A
        senior Hamas official, Basem Naim" is Basem Naim, of Hamas)."""
        resolved = self.resolver.resolve_agent(head).actor
        if resolved is None:
            return None
        resolved = replace(resolved, start=resolved.start + offset, end=resolved.end + offset)
        name = _person_name(head)
        if name is not None and _surname(name) not in resolved.name.lower():
            return replace(resolved, name=name)
        if resolved.country is None and (resolved.code or "").startswith("---"):
            return replace(resolved, name=resolved.text)  # "the ministry", not "government"
        return resolved

    def notice(self, head: Token, offset: int) -> None:
        """Remember a person or named group acting in the story ("Netanyahu vowed ..."), so
        that a later "he said" finds them."""
        if head.pos_ in {"PRON", "DET"}:
            return
        person = _is_person(head, self.lexicon)
        if not person and head.ent_type_ not in {"ORG", "NORP", "GPE"} and head.pos_ != "PROPN":
            return
        if _description(head) and person:
            return  # "the minister vowed": someone named before, not someone new
        actor = self._actor(head, offset)
        if actor is not None and (actor.code or person or head.pos_ == "PROPN"):
            self._remember(Speaker(actor, person))

    def resolve(
        self, head: Token, offset: int, quoted: Actor | None = None
    ) -> tuple[Actor | None, str]:
        """The speaker ``head`` names (offsets of this mention, shifted by ``offset``) and how
        it was found. ``quoted`` is who speaks when ``head`` is "I"/"we" inside a quote."""
        word = head.lower_
        if head.pos_ == "PRON":
            if word in FIRST_PERSON:
                if quoted is None:
                    return None, f"'{head.text}' with no quotation speaker"
                return _mention(quoted, head, offset), f"'{head.text}' is the quoted speaker"
            wanted = {True: PERSON_PRONOUNS, False: THING_PRONOUNS}
            person = next((p for p, words in wanted.items() if word in words), None)
            if person is None and word not in GROUP_PRONOUNS:
                return None, f"'{head.text}' names no speaker"
            found = self.last(person)
            if found is None:
                return None, f"no earlier speaker for '{head.text}'"
            self._remember(found)
            return _mention(found.actor, head, offset), f"'{head.text}' is {found.actor.name}"
        resolved = self._actor(head, offset)
        person = _is_person(head, self.lexicon)
        if _description(head) and head.lemma_.lower() in self.lexicon.person_nouns:
            found = self._compatible(resolved)
            if found is not None:
                self._remember(found)
                text = resolved.text if resolved else head.text
                actor = replace(
                    found.actor,
                    text=text,
                    start=resolved.start if resolved else head.idx + offset,
                    end=resolved.end if resolved else head.idx + offset + len(text),
                )
                return actor, f"'{text}' is {found.actor.name}, named earlier"  # fmt: skip
        if resolved is None:
            return None, f"'{head.text}' names no speaker"
        if resolved.code is None and head.pos_ == "PROPN":
            surname = _surname(resolved.name)
            earlier = next(
                (s for s in reversed(self.speakers)
                 if s.actor.name != resolved.name and _surname(s.actor.name) == surname),
                None,
            )  # fmt: skip
            if earlier is not None:  # "Smith" after "John Smith"
                self._remember(earlier)
                actor = replace(earlier.actor, text=resolved.text, start=resolved.start,
                                end=resolved.end)  # fmt: skip
                return actor, f"'{resolved.text}' is {earlier.actor.name}, named earlier"
        self._remember(Speaker(resolved, person))
        return resolved, f"speaker '{resolved.text}' -> {resolved.code}"

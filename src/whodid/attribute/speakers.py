"""Who a speaker phrase names: a name, a pronoun, or a description of someone named earlier.

A story names its speakers once ("Foreign Minister Ayman Safadi said") and then refers to
them as "he", "Safadi", "the minister" or "the Jordanian official". :class:`SpeakerMemory`
keeps the people and groups of one document in the order they appear and resolves such
references to the last compatible one. Offsets of the returned actors point at the mention
in hand ("he"), while the name and code are those of the speaker it refers to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from whodid.attribute.lexicon import SpeechLexicon
from whodid.nlp.tree import Word, doc_tokens, entity_at
from whodid.resolve import ActorResolver
from whodid.types import Actor

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them"}
THING_PRONOUNS = {"it"}
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
INDEFINITE = {"a", "an", "another", "one", "some", "several", "two", "three", "many"}
TITLE_WORDS = {"prime", "foreign", "defence", "defense", "interior", "vice", "deputy", "senior"}
NOT_PEOPLE = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT"}
MEMORY = 30  # speakers remembered per document
DICTIONARY_NAMES = ("named actor", "organisation")  # resolutions to a named dictionary entry


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: Actor
    person: bool
    roles: frozenset[str] = frozenset()  # "minister", "spokeswoman": how they were introduced
    spoke: bool = False  # said something, rather than only acted


def _mention(actor: Actor, head: Word, offset: int) -> Actor:
    """The speaker ``actor`` as mentioned at ``head``."""
    start = head.idx + offset
    return replace(actor, text=head.text, start=start, end=start + len(head.text))


def _phrase(head: Word) -> list[Word]:
    """The head, its modifiers and appositions ("The UN coordinator for Sudan, Ingrid
    Halvorsen,"), without relative clauses."""

    def in_clause(tok: Word) -> bool:
        while tok.i != head.i:
            if tok.dep_ in {"relcl", "acl"}:
                return True
            tok = tok.head
        return False

    return [t for t in head.subtree if not in_clause(t)]


def _person_name(head: Word, lexicon: SpeechLexicon) -> str | None:
    """The name of a person the phrase gives: "Foreign Minister Ayman Safadi", "a senior
    official, Basem Naim", "Rwandan government spokeswoman Yolande Makolo"."""
    phrase = _phrase(head)
    for tok in phrase:
        if tok.ent_type_ == "PERSON":
            ent = entity_at(tok.doc, tok.i)
            if ent is not None:
                return ent.text.removesuffix("'s").removesuffix("’s")
    names = [
        t for t in phrase
        if t.pos_ == "PROPN" and (t.i == head.i or t.dep_ == "appos")
        and t.ent_type_ not in NOT_PEOPLE
    ]  # fmt: skip
    if not names or not _roles(head, lexicon):
        return None  # a proper noun with no role word ("Hamas") is a group, not a person
    run = [names[-1]]
    while run[0].i > 0:
        before = doc_tokens(run[0].doc)[run[0].i - 1]
        word = before.lemma_.lower()
        if (
            before.pos_ != "PROPN"
            or before.ent_type_ in NOT_PEOPLE
            or word in lexicon.person_nouns
            or word in TITLE_WORDS
        ):
            break
        run.insert(0, before)
    return " ".join(t.text for t in run)


def _roles(head: Word, lexicon: SpeechLexicon) -> frozenset[str]:
    return frozenset(
        w.lemma_.lower() for w in _phrase(head) if w.lemma_.lower() in lexicon.person_nouns
    )


def _is_person(head: Word, lexicon: SpeechLexicon) -> bool:
    return head.ent_type_ == "PERSON" or bool(_roles(head, lexicon))


def _description(head: Word, lexicon: SpeechLexicon) -> bool:
    """ "the senior official", "the Hamas official": a definite description pointing back,
    not a name ("the UN coordinator, Ingrid Halvorsen" names someone)."""
    if head.pos_ != "NOUN" or head.tag_ in {"NNS", "NNPS"}:
        return False
    if head.lemma_.lower() not in lexicon.person_nouns or _person_name(head, lexicon):
        return False
    dets = [c for c in head.lefts if c.dep_ in {"det", "poss"}]
    return bool(dets) and dets[0].lower_ not in INDEFINITE


def _without_article(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if first.lower() in {"the", "a", "an"} and rest else text


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


class SpeakerMemory:
    """The people and groups of one document so far, most recent last."""

    def __init__(self, resolver: ActorResolver, lexicon: SpeechLexicon) -> None:
        self.resolver = resolver
        self.lexicon = lexicon
        # speakers, and subjects noticed in passing as (Doc, token index, offset), resolved
        # when asked: by then the coder may have let go of that Doc's Words
        self._entries: list[Speaker | tuple[Doc, int, int]] = []

    @property
    def speakers(self) -> list[Speaker]:
        """Everyone so far, most recent last. Subjects noticed in passing are resolved only
        now, when someone asks: most stories never need them."""
        if any(not isinstance(e, Speaker) for e in self._entries):
            entries, self._entries = self._entries, []
            for entry in entries:
                if isinstance(entry, Speaker):
                    speaker: Speaker | None = entry
                else:
                    doc, i, offset = entry
                    speaker = self._noticed(doc_tokens(doc)[i], offset)
                if speaker is not None:
                    self._remember(speaker)
        return self._entries  # type: ignore[return-value] - all resolved now

    def _remember(self, speaker: Speaker) -> None:
        entries = self._entries
        same = [e for e in entries if isinstance(e, Speaker) and e.actor.name == speaker.actor.name]
        if same:  # keep the fullest introduction: the first mention, with every role
            first = same[0]
            speaker = replace(
                first,
                person=first.person or speaker.person,
                roles=speaker.roles.union(*(s.roles for s in same)),
                spoke=speaker.spoke or any(s.spoke for s in same),
            )
            entries = [e for e in entries if not any(e is s for s in same)]
        entries.append(speaker)
        self._entries = entries[-MEMORY:]

    def last(self, person: bool | None = None, spoke: bool = False) -> Speaker | None:
        for speaker in reversed(self.speakers):
            if (person is None or speaker.person == person) and (speaker.spoke or not spoke):
                return speaker
        return None

    def _compatible(self, described: Actor | None, role: str) -> Speaker | None:
        """The last person who could be "the <role>": one introduced with that role
        first ("the spokeswoman"), else any person; of the same country when it is given."""
        people = [
            s for s in reversed(self.speakers)
            if s.person and not (described is not None and described.country
                                 and s.actor.country and described.country != s.actor.country)
        ]  # fmt: skip
        return next((s for s in people if role in s.roles), people[0] if people else None)

    def _actor(self, head: Word, offset: int) -> tuple[Actor | None, Speaker | None]:
        """The actor the phrase names, called by the person's name when it gives one ("A
        senior Hamas official, Basem Naim" is Basem Naim, of Hamas); and the speaker met
        before that it names again ("Naim" after "Basem Naim"), if any."""
        found = self.resolver.resolve_agent(head)
        resolved = found.actor
        if resolved is None:
            return None, None
        name = _person_name(head, self.lexicon)
        called = resolved.name
        if name is not None and _surname(name) not in called.lower():
            called = name
        elif not found.how.startswith(DICTIONARY_NAMES):
            # "the Israeli military", "the ministry": called as the story calls them
            called = name or _without_article(resolved.text)
        if offset or called != resolved.name:
            resolved = replace(resolved, name=called, start=resolved.start + offset,
                               end=resolved.end + offset)  # fmt: skip
        if resolved.code is None and head.pos_ == "PROPN" and len(resolved.name.split()) == 1:
            surname = _surname(resolved.name)
            earlier = next(
                (s for s in reversed(self.speakers)
                 if s.actor.name != resolved.name and _surname(s.actor.name) == surname),
                None,
            )  # fmt: skip
            if earlier is not None:
                return replace(earlier.actor, text=resolved.text, start=resolved.start,
                               end=resolved.end), earlier  # fmt: skip
        return resolved, None

    def notice(self, head: Word, offset: int) -> None:
        """Note a person or named group acting in the story ("Netanyahu vowed ..."), so
        that a later "he said" finds them."""
        if head.pos_ in {"PRON", "DET"}:
            return
        if head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or (
            head.lemma_.lower() in self.lexicon.person_nouns
        ):
            self._entries.append((head.doc, head.i, offset))
            del self._entries[:-MEMORY]

    def _noticed(self, head: Word, offset: int) -> Speaker | None:
        if _description(head, self.lexicon):
            return None
        person = _is_person(head, self.lexicon)
        actor, earlier = self._actor(head, offset)
        if earlier is not None:
            return earlier
        if actor is not None and (actor.code or person or head.pos_ == "PROPN"):
            return Speaker(actor, person, _roles(head, self.lexicon))
        return None

    def recall(self, head: Word, offset: int) -> Actor | None:
        """Who a surname or a description names, if the document named them before
        ("Smith" after "John Smith", "the minister" after "Foreign Minister Ayman Safadi");
        offsets are those of this mention, relative to its segment like the resolver's."""
        if head.pos_ == "PROPN":
            surname = head.text.lower()
            found = next((s for s in reversed(self.speakers)
                          if len(s.actor.name.split()) > 1 and _surname(s.actor.name) == surname),
                         None)  # fmt: skip
        elif _description(head, self.lexicon):
            found = self._compatible(None, head.lemma_.lower())
        else:
            return None
        if found is None:
            return None
        return replace(found.actor, text=head.text, start=head.idx, end=head.idx + len(head.text))

    def _statement(self, head: Word, offset: int) -> tuple[Actor | None, str]:
        """ "a statement from the ministry said", "the statement said": whose it is."""
        owner = self.resolver.resolve_involved(head).actor
        if owner is not None and owner.code:
            owner = replace(owner, start=owner.start + offset, end=owner.end + offset)
            return owner, f"'{head.text}' is {owner.name}'s"
        found = self.last(spoke=True) or self.last()
        if found is None:
            return None, f"'{head.text}' of no known speaker"
        return _mention(found.actor, head, offset), f"'{head.text}' is {found.actor.name}'s"

    def _pronoun(self, head: Word, offset: int, quoted: Actor | None) -> tuple[
        Actor | None, str
    ]:  # fmt: skip
        word = head.lower_
        if word in FIRST_PERSON:
            if quoted is None:
                return None, f"'{head.text}' with no quotation speaker"
            return _mention(quoted, head, offset), f"'{head.text}' is the quoted speaker"
        wanted = {True: PERSON_PRONOUNS, False: THING_PRONOUNS}
        person = next((p for p, words in wanted.items() if word in words), None)
        if person is None and word not in GROUP_PRONOUNS:
            return None, f"'{head.text}' names no speaker"
        found = self.last(person) or (self.last() if person else None)
        if found is None:
            return None, f"no earlier speaker for '{head.text}'"
        self._remember(replace(found, spoke=True))
        return _mention(found.actor, head, offset), f"'{head.text}' is {found.actor.name}"

    def resolve(self, head: Word, offset: int, quoted: Actor | None = None) -> tuple[
        Actor | None, str
    ]:  # fmt: skip
        """The speaker ``head`` names (offsets of this mention, shifted by ``offset``) and how
        it was found. ``quoted`` is who speaks when ``head`` is "I"/"we" inside a quote."""
        if head.pos_ == "PRON":
            return self._pronoun(head, offset, quoted)
        if head.lemma_.lower() in self.lexicon.statement_nouns:
            return self._statement(head, offset)
        actor, earlier = self._actor(head, offset)
        if _description(head, self.lexicon):
            found = self._compatible(actor, head.lemma_.lower())
            if found is not None:
                self._remember(replace(found, spoke=True))
                text = actor.text if actor else head.text
                start = actor.start if actor else head.idx + offset
                actor = replace(found.actor, text=text, start=start, end=start + len(text))
                return actor, f"'{text}' is {found.actor.name}, named earlier"
        if actor is None:
            return None, f"'{head.text}' names no speaker"
        if earlier is not None:
            self._remember(replace(earlier, spoke=True))
            return actor, f"'{actor.text}' is {earlier.actor.name}, named earlier"
        person = _is_person(head, self.lexicon)
        self._remember(Speaker(actor, person, _roles(head, self.lexicon), spoke=True))
        return actor, f"speaker '{actor.text}' -> {actor.code}"

"""Resolve the noun phrase headed by a token to an actor code ("Israeli troops" -> ISRMIL)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from whodid.extract.syntax import involved_phrases, prep_objects
from whodid.nlp.tree import Word, char_text, doc_tokens, words_text
from whodid.resolve.dictionary import SECTOR_NAMES, ActorDictionary, ActorEntry, normalise
from whodid.types import Actor

LEFT_DEPS = {"compound", "amod", "poss", "nmod", "det", "case", "nummod", "quantmod", "punct"}
RIGHT_DEPS = {"appos", "compound", "flat", "case"}
NAMED_ENTITY_TYPES = {"PERSON", "ORG", "NORP", "GPE"}
PRONOUN_POS = {"PRON", "DET"}
PERSONAL_PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
STANCE_PREFIXES = {"anti", "pro"}
HOME_PREPS = ("from", "of", "in")  # phrases that place a description in a country
FORMER = {"former", "ex", "ousted", "exiled", "late", "deposed", "then"}
GOVERNED_CLAUSES = {"ccomp", "xcomp", "advcl", "conj", "pcomp", "relcl"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """An actor and how it was found, for ``whodid explain``."""

    actor: Actor | None
    how: str


def antecedent(pron: Word) -> Word | None:
    """The noun subject of a clause governing the pronoun's clause, to its left.

    "Hungary said *it* will support", "The rebels said *they* would release": the
    reported clause hangs under the verb of saying, whose subject the pronoun names.
    """
    clause = pron.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head  # "*its* soldiers had returned fire": up to the clause's verb
    for _ in range(6):
        if clause.dep_ not in GOVERNED_CLAUSES or clause.head.i == clause.i:
            return None
        clause = clause.head
        for child in clause.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i < pron.i:
                if child.pos_ not in PRONOUN_POS:
                    return child
    return None


def _belongs(tok: Word, child: Word) -> bool:
    """Whether ``child`` is part of the noun phrase that ``tok`` belongs to."""
    if tok.dep_ == "prep":  # inside an "of" phrase: only its object
        return child.dep_ == "pobj"
    if child.i < tok.i:
        # "*Saudi*-led forces" are the leader's; "Iranian-backed militias" are not Iran's
        return child.dep_ in LEFT_DEPS or (child.dep_ == "npadvmod" and tok.lemma_ == "lead")
    return child.dep_ in RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ == "of")


def _singulars(plural: str) -> list[str]:
    """Singular forms a lowercase plural may have: "militias" -> "militia", "forces" ->
    "force", "rebels" -> "rebel"."""
    forms = [plural[:-1]]
    if plural.endswith("ies"):
        forms.append(plural[:-3] + "y")
    if plural.endswith("es"):
        forms.append(plural[:-2])
    return forms


def _stance_prefix(words: tuple[Word, ...], first: int) -> bool:
    """Whether the name starting at word ``first`` follows "anti-" or "pro-"."""
    return (first >= 2 and words[first - 1].text == "-"
            and words[first - 2].lower_ in STANCE_PREFIXES)  # fmt: skip


def _trimmed(tokens: list[Word], head: Word) -> list[Word]:
    """The phrase without leading determiners and punctuation ("the", "'s")."""
    while tokens and tokens[0].dep_ in {"det", "punct", "case"} and tokens[0] is not head:
        tokens = tokens[1:]
    return tokens


def _text(doc: Doc, first: int, last: int) -> str:
    """The text of words ``first`` to ``last`` (inclusive)."""
    words = doc_tokens(doc)
    return words_text(words[first], words[last])


def phrase_tokens(head: Word) -> list[Word]:
    """The tokens of the noun phrase: modifiers, possessors, appositions, "of" phrases."""
    found = {head.i: head}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.i not in found and _belongs(tok, child):
                found[child.i] = child
                stack.append(child)
    return [found[i] for i in sorted(found)]


def _key(head: Word, swap: tuple[int, Word] | None) -> tuple[int, int, int]:
    return (head.i, swap[0], swap[1].i) if swap else (head.i, -1, -1)


class _Memo:
    """Resolutions of one Doc's phrases, by (head, swapped modifier, its replacement);
    holding the Doc keeps its id from being reused."""

    __slots__ = ("doc", "table")

    def __init__(self) -> None:
        self.doc: Doc | None = None
        self.table: dict = {}

    def of(self, doc: Doc) -> dict:
        """The table for ``doc``, emptied when the Doc changes."""
        if self.doc is not doc:
            self.doc, self.table = doc, {}
        return self.table


class ActorResolver:
    """Turns noun phrase heads into :class:`Actor` records using the actor dictionary."""

    def __init__(
        self,
        dictionary: ActorDictionary,
        voice: Callable[[Word], Actor | None] | None = None,
        day: date | None = None,
        recall: Callable[[Word], Actor | None] | None = None,
        plain: _Memo | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.voice = voice
        self.day = day  # the story date: whose role is in force
        self.recall = recall
        # resolutions of the current Doc's phrases: the same subject is asked about once per
        # candidate and per event; each with whether a voice or recall could change it
        self._known = _Memo()
        # resolutions no voice or recall could change, shared by every resolver of one
        # story date: the speaker memory and the events ask about the same subjects
        self._plain = plain if plain is not None else _Memo()
        self._heard = 0  # how often a voice or recall was (or would have been) asked

    def hearing(
        self,
        voice: Callable[[Word], Actor | None],
        recall: Callable[[Word], Actor | None] | None = None,
    ) -> ActorResolver:
        """A resolver for which "I", "we" and "our" are ``voice(token)``, the speaker of
        the quotation the word stands in, and ``recall(token)`` finds whom a bare surname
        or "the minister" refers back to."""
        return ActorResolver(self.dictionary, voice, self.day, recall, self._plain)

    def on(self, day: date | None) -> ActorResolver:
        """A resolver for stories of ``day``: people are coded by the office they then held."""
        return ActorResolver(self.dictionary, self.voice, day, self.recall)

    def _name_matches(self, tokens: list[Word]) -> list[tuple[int, int, ActorEntry]]:
        """Longest dictionary names over runs of adjacent tokens, as (first, last, entry)."""
        words = [normalise(t.text) for t in tokens]
        out = []
        i = 0
        while i < len(tokens):
            longest = self.dictionary.longest_name_from(words[i])
            for n in range(min(longest, len(tokens) - i), 0, -1):
                run = tokens[i : i + n]
                if run[-1].i - run[0].i != n - 1:
                    continue
                entry = self.dictionary.lookup(
                    tuple(words[i : i + n]), tuple(t.text for t in run)
                )
                if entry is not None:
                    out.append((run[0].i, run[-1].i, entry))
                    i += n
                    break
            else:
                i += 1
        return out

    def _head_sector(self, head: Word) -> str | None:
        """The sector of the longest sector term ending at the head ("security force"). A
        capitalised plural the tagger took for a name ("Rebels attacked") is tried singular."""
        last = normalise(head.lemma_)
        longest = self.dictionary.longest_sector_to(last)
        if not longest and head.pos_ == "PROPN" and head.lower_.endswith("s"):
            last = next((w for w in _singulars(head.lower_)
                         if self.dictionary.longest_sector_to(w)), last)  # fmt: skip
            longest = self.dictionary.longest_sector_to(last)
        if not longest:
            return None
        first = max(0, head.i - longest + 1)
        toks = doc_tokens(head.doc)
        words = [normalise(toks[k].text) for k in range(first, head.i)]
        words.append(last)
        for start in range(len(words)):
            sector = self.dictionary.sector(tuple(words[start:]))
            if sector is not None:
                return sector
        return None

    def _title_sector(self, tokens: list[Word], head: Word) -> str | None:
        """The office a person's name is written with: "Defence Secretary Tom King" ->
        GOV, "former President X" -> ELI; None when the name comes without a title."""
        if any(t.lower_ in FORMER for t in tokens):
            return "ELI"
        for tok in tokens:
            if tok.i < head.i and tok.ent_type_ != "PERSON":
                sector = self._word_sector(tok)
                if sector is not None:
                    return sector
        return None

    def _word_sector(self, token: Word) -> str | None:
        """The sector one word names on its own ("police", "army", "minister")."""
        return self.dictionary.sector((normalise(token.lemma_),))

    def _modifier_sector(self, head: Word) -> str | None:
        """ "a police station", "army headquarters": the institution the place belongs to;
        "Defence *Minister* Andrea Castaño": the office in a name's title."""
        for child in head.lefts:
            title = head.pos_ == "PROPN" and child.pos_ == "PROPN" and child.ent_type_ != "PERSON"
            if child.dep_ == "compound" and (child.pos_ == "NOUN" or title):
                sector = self._word_sector(child)
                if sector is not None:
                    return sector
        return None

    def _owner_sector(self, head: Word, swap: tuple[int, Word] | None) -> str | None:
        """The sector of the noun that says whose a generic role is: "*police* officials",
        "*rebel* negotiators", and with a coordinated modifier swapped in, "government and
        *rebel* negotiators"."""
        for child in reversed(list(head.lefts)):
            if child.dep_ not in {"compound", "nmod", "amod"}:
                continue
            owner = swap[1] if swap is not None and child.i == swap[0] else child
            if owner.ent_type_ == "PERSON":
                continue
            sector = self._word_sector(owner)
            if sector is not None:
                return sector
        return None

    def _pronoun(self, pron: Word) -> Resolution:
        """ "Syria said *it* would withdraw": the subject of a governing clause; "*we* will
        strike" inside a quotation: its speaker."""
        if pron.lower_ in FIRST_PERSON:
            self._heard += 1  # a resolver that hears voices may answer otherwise
            speaker = self.voice(pron) if self.voice is not None else None
            if speaker is not None:
                a, start = speaker, pron.idx
                actor = Actor(a.name, pron.text, start, start + len(pron.text), a.code,
                              a.country, a.sector, a.basis)  # fmt: skip
                return Resolution(actor, f"'{pron.text}' is the quoted speaker {a.name}")
        if pron.lower_ not in PERSONAL_PRONOUNS:
            return Resolution(None, f"'{pron.text}' is not a personal pronoun")
        found = antecedent(pron)
        if found is None:
            return Resolution(None, f"no antecedent for '{pron.text}' in the sentence")
        inner = self.resolve(found)
        if inner.actor is None:
            return Resolution(None, f"antecedent '{found.text}' of '{pron.text}': {inner.how}")
        a = inner.actor
        start = pron.idx
        actor = Actor(a.name, pron.text, start, start + len(pron.text), a.code, a.country,
                      a.sector, a.basis)  # fmt: skip
        return Resolution(actor, f"'{pron.text}' refers to '{a.text}' ({inner.how})")

    def resolve_involved(self, head: Word, besides: frozenset[str] = frozenset()) -> Resolution:
        """The actor a phrase names, or else the actor a non-actor phrase involves:
        "rejected *an offer from Kabul*", "vetoed *a Security Council resolution*",
        "denounced *Romania's treatment* of X" -> Kabul, the Security Council, Romania. Actors
        coded ``besides`` (the act's own source) are passed over: "Ethiopia vowed to win
        *its border war with Eritrea*" -> Eritrea."""
        direct = self.resolve(head)
        if direct.actor is not None or head.pos_ != "NOUN":
            return direct
        for child in involved_phrases(head):
            inner = self.resolve(child)
            if inner.actor is not None and inner.actor.code and inner.actor.code not in besides:
                return Resolution(inner.actor, f"'{head.text}' involves {inner.how}")
        return direct

    def _of_sector(self, head: Word) -> str | None:
        """ "thousands of students", "a convoy of soldiers": the sector of the "of" phrase."""
        counted = next(prep_objects(head, "of"), None)
        return self._head_sector(counted) if counted is not None else None

    def resolve_agent(self, head: Word) -> Resolution:
        """Who acts: a dictionary actor, or else the phrase itself kept unresolved
        ("about 200 supporters", "hundreds of people"): an agent with no code."""
        found = self.resolve(head)
        if found.actor is not None or head.pos_ not in {"NOUN", "PROPN"}:
            return found
        tokens = _trimmed(phrase_tokens(head), head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = char_text(head.doc, start, end)
        actor = Actor(text, text, start, end, None, None, None, "unresolved")
        return Resolution(actor, f"unresolved agent '{text}'")

    def resolve_each(self, head: Word, agent: bool = False) -> list[Resolution]:
        """One resolution per actor the phrase names: "Armenian and Azerbaijani forces" names
        two, one for each coordinated modifier."""
        first = self.resolve_agent(head) if agent else self.resolve(head)
        found = [first]
        for mod in head.lefts:
            if mod.dep_ in {"amod", "compound", "nmod"} and mod.conjuncts:
                for other in mod.conjuncts:
                    also = self.resolve(head, swap=(mod.i, other))
                    if also.actor is not None and also.actor.code:
                        found.append(also)
        return found

    def resolve(self, head: Word, swap: tuple[int, Word] | None = None) -> Resolution:
        """The actor the phrase headed by ``head`` names; ``swap`` puts a coordinated
        modifier in place of another ("Azerbaijani" for "Armenian"). A name or description
        that gives no country ("Smith", "the minister") is looked up among the people the
        document named before ("John Smith", "Foreign Minister Ayman Safadi")."""
        known = self._known.of(head.doc)
        key = _key(head, swap)
        found = known.get(key)
        if found is None:
            heard = self._heard
            resolution = self._recalled(head, swap)
            found = known[key] = (resolution, self._heard != heard)
        elif found[1]:
            self._heard += 1  # what is resolved from this depends on voices or recall too
        return found[0]

    def _plain_resolution(self, head: Word, swap: tuple[int, Word] | None) -> Resolution:
        """What the phrase names before its own mention is recalled; kept for every resolver
        of the story date unless a voice or recall could change part of it (a pronoun's
        antecedent, "ministers from the government")."""
        plain = self._plain.of(head.doc)
        key = _key(head, swap)
        found = plain.get(key)
        if found is None:
            heard = self._heard
            found = self._resolve(head, swap)
            if self._heard == heard:
                plain[key] = found
        return found

    def _recalled(self, head: Word, swap: tuple[int, Word] | None) -> Resolution:
        found = self._plain_resolution(head, swap)
        if swap is not None or head.pos_ in PRONOUN_POS:
            return found
        if found.actor is not None and found.actor.country is not None:
            return found
        self._heard += 1  # a resolver that recalls the story's people may answer otherwise
        if self.recall is None:
            return found
        earlier = self.recall(head)
        if earlier is None or (earlier.code is None and earlier.country is None):
            return found  # the document knows no more of them than this mention does
        if found.actor is not None:  # keep the words of this mention: "Minister Smith"
            mention = found.actor
            earlier = replace(earlier, text=mention.text, start=mention.start, end=mention.end)
        return Resolution(earlier, f"'{head.text}' refers back to {earlier.name}")

    def _resolve(self, head: Word, swap: tuple[int, Word] | None = None) -> Resolution:
        if head.pos_ in PRONOUN_POS:
            return self._pronoun(head)
        tokens = phrase_tokens(head)
        if swap is not None:
            tokens = sorted((swap[1] if t.i == swap[0] else t for t in tokens), key=lambda t: t.i)
            tokens = [t for t in tokens if t.i >= swap[1].i or t.dep_ in {"det", "poss"}]
        tokens = _trimmed(tokens, head)
        doc = head.doc
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = char_text(doc, start, end)
        matches = self._name_matches(tokens)
        sector = self._head_sector(head) or self._modifier_sector(head) or self._of_sector(head)
        if (normalise(head.lemma_),) in self.dictionary.generic:
            sector = self._owner_sector(head, swap) or sector  # "rebel negotiators": REB
        named = [m for m in matches if m[2].kind == "named"]
        places = [m for m in matches if m[2].kind != "named"]
        words = doc_tokens(head.doc)
        if head.lower_ == "state":  # "Niger state" is in Nigeria; "the Lebanese state" is not
            places = [m for m in places if m[1] >= head.i or words[m[1]].pos_ != "PROPN"]
        # an "anti-Syria journalist", "pro-Russian separatists": for or against a country,
        # not of it
        places = [m for m in places if not _stance_prefix(words, m[0])]
        on_head = next((m for m in matches if m[0] <= head.i <= m[1]), None)

        if on_head is not None and on_head[2].kind == "named":
            entry = on_head[2]
            if entry.country is None and places and places[0][2].country:
                # "Russia's Security Council": a national body, not the UN's
                home = places[0][2]
                return self._actor(f"{home.name} {entry.name.removeprefix('UN ')}", text,
                                   start, end, f"{home.country}GOV", home.country, "GOV",
                                   f"'{entry.name}' of {home.name}")  # fmt: skip
            country, sector, code = entry.on(self.day)
            how = f"named actor '{entry.name}'"
            if entry.roles and self.day is not None:
                how += f" on {self.day.isoformat()}: {code}"
            title = self._title_sector(tokens, head) if not entry.group else None
            if title is not None and country is not None and code == country + (sector or ""):
                # the story's own words win over the calendar: "President Yeltsin" is in
                # office, "former President Yeltsin" is not
                sector, code = title, country + title
                how += f"; the title says {title}"
            return self._actor(entry.name, text, start, end, code, country, sector, how)
        group = next((m[2] for m in named if m[2].group), None)
        if group is not None:
            how = f"organisation '{group.name}' modifies the head"
            return self._actor(group.name, text, start, end, group.code, group.country,
                               group.sector, how)  # fmt: skip
        country = places[0][2] if places else None
        person = named[0][2] if named else None
        person_on = person.on(self.day) if person else (None, None, None)
        country_code = country.country if country else person_on[0]
        owner = next((t for t in tokens if t.dep_ == "poss" and t.pos_ == "PRON"), None)
        if country_code is None and owner is not None and sector is not None:
            owned = self._pronoun(owner).actor  # "Syria ... withdraw *its* troops"
            country_code = owned.country if owned else None
        if country_code is None and sector is not None:
            # "ministers from the Georgian government", "soldiers in Mali",
            # "the government of Chad"
            for origin in (o for prep in HOME_PREPS for o in prep_objects(head, prep)):
                came = self.resolve(origin).actor
                country_code = came.country if came else None
                if country_code is not None:
                    break
        if on_head is not None and on_head[2].kind in {"capital", "label"} and sector is None:
            sector = on_head[2].sector  # "Washington said", "the Zionist entity"
        if sector is None and person is not None and country is None:
            sector = person_on[1]
        if country_code is None and sector is None:
            if head.ent_type_ in NAMED_ENTITY_TYPES or head.pos_ == "PROPN":
                return Resolution(
                    Actor(text, text, start, end, None, None, None, "unresolved"),
                    f"unresolved name ({head.ent_type_ or head.pos_})",
                )
            return Resolution(None, f"'{text}' names no known actor")
        code = (country_code or "---") + (sector or "")
        label = self.dictionary.country_names.get(country_code or "", "")
        name = " ".join(p for p in (label, SECTOR_NAMES.get(sector or "", "")) if p)
        how = ", ".join(
            p
            for p in (
                f"country from '{_text(doc, places[0][0], places[0][1])}'" if places else "",
                f"country from '{person.name}'" if person and not places else "",
                f"sector {sector} from '{head.text}'" if sector else "",
            )
            if p
        )
        return self._actor(name or text, text, start, end, code, country_code, sector, how)

    @staticmethod
    def _actor(
        name: str, text: str, start: int, end: int, code: str | None,
        country: str | None, sector: str | None, how: str,
    ) -> Resolution:  # fmt: skip
        return Resolution(Actor(name, text, start, end, code, country, sector), how)

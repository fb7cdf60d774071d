"""Where an event happened: place names in a sentence, the place each one means, and the one
tied to the event's trigger.

Three steps, each small and separately testable:

1. :func:`find_toponyms` matches gazetteer names over a sentence's capitalised words and keeps
   those that spaCy's entities or the parse agree are places ("Police said" is not Police,
   Poland; "Jordan Bardella" is no country).
2. :meth:`PlaceResolver.choose` picks one reading of a name: a "City, State" qualifier decides;
   else the evidence of the sentence, the document (:class:`DocumentContext`) and the event's
   actors, when it clearly favours another country; else prominence (curated entry, then
   country > region > city, then size: see :meth:`Gazetteer.prominence`).
3. :meth:`PlaceResolver.locate` follows the parse from each place up to the trigger, its
   clause's verb or its object ("shelled a village near Jenin") and returns the tied place, the
   most specific of them when several are; a place that is only the subject ("Moscow said") or
   hangs off another clause ("troops, who crossed from Lebanon, shelled Gaza") is not the
   event's location.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from whodid.geo.gazetteer import Entry, Gazetteer, name_key
from whodid.nlp.tree import (
    Word,
    as_word,
    doc_sentences,
    doc_tokens,
    forget,
    phrase_root,
    sentence_entities,
    sentence_tokens,
    words_text,
)
from whodid.types import Place

MAX_TOKENS = 7  # the longest name worth trying: "Zaporizhzhia nuclear power plant"
_NUMERIC = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_SLOTS = {"pobj", "compound", "appos", "conj", "npadvmod", "nmod", "poss", "dobj",
                "nsubjpass"}  # fmt: skip
_DASHES = {"-", "‐", "‑", "–", "—", "--"}
_ARTICLES = {"al", "el"}

#: How a preposition ties its object to what it modifies. "on" after a noun ("an attack on
#: X") names a target, after a verb ("clashed on the outskirts") a location.
_PREPOSITIONS = {
    **dict.fromkeys(
        ["in", "at", "near", "inside", "outside", "around", "across", "throughout", "within",
         "along", "off", "over", "beside", "behind", "beyond", "past", "through", "nearby",
         "on", "upon", "under"],
        "loc",
    ),
    **dict.fromkeys(["into", "onto", "toward", "towards", "to", "against"], "target"),
    "from": "from",
    "of": "of",
}  # fmt: skip
#: Prepositions whose country object is a participant, not a place: "talks with Iran" never
#: reaches here, but "sanctions against Iran", "sanctions on Iran", "a visit to Russia" do.
_ACTOR_PREPOSITIONS = {"against", "to", "on"}
_MODIFIERS = {"compound", "nmod", "amod", "poss", "appos", "conj", "npadvmod", "advmod", "acl",
              "nummod", "quantmod"}  # fmt: skip
_OBJECTS = {"dobj", "nsubjpass", "attr", "oprd", "dative"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
#: Words after which "of" locates rather than possesses: "north of Kyiv", "the town of Jenin".
_AREAS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
          "outskirts", "edge", "suburbs", "suburb", "outside", "heart", "centre", "center",
          "vicinity", "border", "borders", "coast", "shores", "part", "parts", "area", "areas",
          "region", "city", "town", "village", "villages", "province", "district", "capital",
          "port", "camp", "streets", "neighbourhood", "neighborhood", "countryside"}  # fmt: skip
#: How strongly each kind of link ties a place to the event: an origin ("fired from Yemen")
#: or a place qualifying the subject ("the strike in Rafah killed") only when nothing else is.
_STRENGTH = {"loc": 2, "target": 2, "mod": 2, "object": 2, "of": 2, "subject-loc": 1, "from": 1}


EvidenceFn = Callable[[Entry], float]


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in a sentence with every place it can name. ``qualifier`` is what
    narrows it ("Texas" after "Paris, "); ``qualifies`` the readings of the name it narrows
    (so "Georgia" in "Tbilisi, Georgia" is the country); ``dateline`` marks "GAZA CITY (Reuters)
    -", which says where the reporter was, not where the event was."""

    words: tuple[Word, ...]
    key: str
    readings: tuple[Entry, ...]  # most prominent first (Gazetteer.ranked)
    qualifier: tuple[Entry, ...] = ()
    qualifies: tuple[Entry, ...] = ()
    dateline: bool = False

    @property
    def start(self) -> int:
        """Index of the name's first word in its Doc."""
        return self.words[0].i

    @property
    def end(self) -> int:
        """Index after the name's last word."""
        return self.words[-1].i + 1

    @property
    def root(self) -> Word:
        return phrase_root(self.words)

    @property
    def text(self) -> str:
        return words_text(self.words[0], self.words[-1])

    @property
    def span(self) -> Span:
        """The name as a spaCy Span (made on demand)."""
        return self.words[0].doc[self.start : self.end]


@dataclass(slots=True)
class Evidence:
    """Country evidence: countries of places named (``places``), US states named (a US city
    counts for its state too), and hints (``hints``: nationality adjectives, actors), which
    together never weigh more than one place: Russian troops say nothing of which Donetsk."""

    places: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    hints: Counter[str] = field(default_factory=Counter)

    def score(self, entry: Entry) -> float:
        """Places named in ``entry``'s country; a place in its US state counts three times."""
        country = entry.country
        if country is None:
            return 0.0
        score = float(self.places[country])
        if country == "USA" and entry.admin1:
            score += 2 * self.states[entry.admin1]
        return score

    def count(self, top: Toponym, entry: Entry) -> bool:
        """Count ``top`` read as ``entry``: as a place, or as a hint when it is the subject
        ("Moscow said", "Jordan closed its border"): an actor, not where things happen.
        Whether it counted as a place."""
        if entry.country is None:
            return False
        if top.root.dep_ == "nsubj":
            self.hints[entry.country] += 1
            return False
        self.places[entry.country] += _weight(entry)
        if entry.country == "USA" and entry.admin1:
            self.states[entry.admin1] += 1
        return True


def _weight(entry: Entry) -> int:
    """A country named outright says what the story is about more than one of its towns."""
    return 2 if entry.kind == "country" else 1


def _vote(voter: Entry | None, entry: Entry) -> float:
    """What one counted place adds to ``entry``'s score: taken back out, so a name never
    votes for its own reading ("Syracuse" alone is no evidence of New York)."""
    if voter is None or entry.country is None or voter.country != entry.country:
        return 0.0
    same_state = entry.country == "USA" and entry.admin1 and voter.admin1 == entry.admin1
    return 3.0 if same_state else float(_weight(voter))


class DocumentContext:
    """What one document has said about countries, to read its ambiguous names by: build one
    per document, :meth:`notice` each parsed segment, :meth:`add` the countries of actors
    the coder has resolved. Only names whose reading does not depend on context count, so
    "Tripoli" never votes for Libya. Segments are read for evidence only when an ambiguous
    name first needs it: most documents never do."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._evidence = Evidence()
        self._unread: list[Doc | Span] = []  # noticed, not yet counted
        self._current = 0  # id of the newest segment's Doc
        self._votes: dict[tuple[int, int], Entry] = {}  # (doc, token) -> the reading counted
        self._found: dict[tuple[int, int], list[Toponym]] = {}  # (doc, sentence) -> toponyms
        self._adjectives: dict[tuple[int, int], Counter[str]] = {}  # (doc, sentence) -> countries

    @property
    def evidence(self) -> Evidence:
        """Everything noticed so far, counted."""
        unread, self._unread = self._unread, []
        for doc in unread:
            self._count(doc)
        return self._evidence

    def demonyms(self, sent: Span) -> Counter[str]:
        """The countries a sentence's nationality adjectives name, found once."""
        key = (id(sent.doc), sent.start)
        found = self._adjectives.get(key)
        if found is None:
            found = self._adjectives[key] = _demonyms(sent, self.gazetteer)
        return found

    def toponyms(self, sent: Span) -> list[Toponym]:
        """The place names of a sentence of the current segment, found once."""
        key = (id(sent.doc), sent.start)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = find_toponyms(sent, self.gazetteer, sentence_entities(sent))
        return found

    def notice(self, doc: Doc | Span) -> None:
        """Take the places and nationality adjectives of every sentence of ``doc`` (of a
        span, taken as one sentence) as evidence. Only the newest segment is located, so
        what is kept per segment (keyed by ``id(doc)``, which Python reuses while no
        reference is held) is dropped here."""
        current = self._current = id(doc.doc if isinstance(doc, Span) else doc)
        self._found = {k: v for k, v in self._found.items() if k[0] == current}
        self._votes = {k: v for k, v in self._votes.items() if k[0] == current}
        self._adjectives = {k: v for k, v in self._adjectives.items() if k[0] == current}
        self._unread.append(doc)

    def _count(self, doc: Doc | Span) -> None:
        # only the current segment's findings are cached: an older one's id may be reused
        current = id(doc.doc if isinstance(doc, Span) else doc) == self._current
        for sent in doc_sentences(doc) if isinstance(doc, Doc) else [doc]:
            tops = self.toponyms(sent) if current else find_toponyms(sent, self.gazetteer)
            for top in tops:
                entry = _certain(top)
                if entry is not None and self._evidence.count(top, entry) and current:
                    self._votes[(id(sent.doc), top.start)] = entry
            adjectives = self.demonyms(sent) if current else _demonyms(sent, self.gazetteer)
            self._evidence.hints.update(adjectives)
        if not current:
            forget(doc.doc if isinstance(doc, Span) else doc)

    def add(self, *countries: str | None, weight: int = 1) -> None:
        """Countries the caller knows the document is about (resolved actors), as hints."""
        for country in countries:
            if country:
                self._evidence.hints[country] += weight

    def score(self, entry: Entry, toponym: Toponym | None = None) -> float:
        """The places named in ``entry``'s country, less what ``toponym`` itself counted."""
        score = self.evidence.score(entry)
        if toponym is not None:
            score -= _vote(self._votes.get((id(toponym.words[0].doc), toponym.start)), entry)
        return score


class PlaceResolver:
    """Finds and resolves places with one shared, read-only :class:`Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def context(self, doc: Doc | None = None) -> DocumentContext:
        """A fresh context for one document, having noticed ``doc`` when given."""
        context = DocumentContext(self.gazetteer)
        if doc is not None:
            context.notice(doc)
        return context

    def toponyms(self, sent: Span) -> list[Toponym]:
        return find_toponyms(sent, self.gazetteer)

    def choose(
        self,
        toponym: Toponym,
        context: DocumentContext | None = None,
        local: Evidence | None = None,
        actor_countries: Iterable[str | None] = (),
    ) -> Entry:
        """The reading of ``toponym`` this text means (see the module docstring for the order
        of the rules). ``local`` is the evidence of the rest of its sentence, which counts
        double."""
        actors = Counter(c for c in actor_countries if c)

        def evidence(entry: Entry) -> float:
            if entry.country is None:
                return 0.0
            places = context.score(entry, toponym) if context else 0.0
            hints = float(actors[entry.country])
            if context:
                hints += context.evidence.hints[entry.country]
            if local:
                places += 2 * local.score(entry)
                hints += 2 * local.hints[entry.country]
            return places + min(1.0, 0.5 * hints)  # who acts is no proof of where

        return _choose(toponym, evidence)

    def resolve(
        self,
        span: Span,
        context: DocumentContext | None = None,
        actor_countries: Iterable[str | None] = (),
        offset: int = 0,
    ) -> Place | None:
        """The place a span of text names (a toponym overlapping it, or its own words), with
        character offsets shifted by ``offset``; None when it names no place."""
        sent = span.sent
        tops = self.toponyms(sent)
        top = next((t for t in tops if t.start < span.end and span.start < t.end), None)
        if top is None:
            readings = self.gazetteer.lookup(span.text)
            if not readings:
                return None
            top = Toponym(sentence_tokens(span), name_key(span.text), readings)
        local = _evidence_of(tops, sent, self.gazetteer, skip=top)
        return _place(top, self.choose(top, context, local, actor_countries), offset)

    def named(
        self, sent: Span, start: int, end: int, offset: int, context: DocumentContext,
        actor_countries: tuple[str | None, ...] = (),
    ) -> Place | None:  # fmt: skip
        """The place an actor's words name, written from character ``start`` to ``end``
        (shifted by ``offset``): "Russia shelled *Kharkiv*" -> Kharkiv, Ukraine. The name
        must end the words ("Kharkiv residents" name people, not a place)."""
        tops = context.toponyms(sent)
        for top in tops:
            first, last = top.words[0], top.words[-1]
            if top.dateline or last.idx + len(last) + offset != end or first.idx + offset < start:
                continue
            local = _evidence_of(tops, sent, self.gazetteer, top, context.demonyms(sent))
            return _place(top, self.choose(top, context, local, actor_countries), offset)
        return None

    def locate(
        self,
        sent: Span,
        anchor: Word | Token,
        offset: int,
        context: DocumentContext,
        actor_countries: tuple[str | None, ...] = (),
    ) -> Place | None:
        """The event's location: the place tied to the trigger ``anchor`` in ``sent``, with
        character offsets shifted by ``offset``; None when no place is tied to the event.
        ``anchor`` may be a spaCy Token of ``sent``."""
        tops = context.toponyms(sent)
        if not tops:
            return None
        anchor = as_word(anchor)
        heads = _event_heads(anchor)
        tied: list[tuple[tuple[int, int, int, int], Toponym, Entry]] = []
        for top in tops:
            if top.dateline or top.qualifies or top.start <= anchor.i < top.end:
                continue
            root = top.root
            tie = _tie(root, heads, False)  # read as a country, it is tied less often
            if tie is None:
                continue  # not tied to the event whatever it names: no need to read it
            local = _evidence_of(tops, sent, self.gazetteer, top, context.demonyms(sent))
            entry = self.choose(top, context, local, actor_countries)
            if entry.kind == "country":
                tie = _tie(root, heads, True)
            if tie is not None:
                strength, hops = tie
                tied.append(((-strength, entry.tier, hops, top.start), top, entry))
        if not tied:
            return None
        _, top, entry = min(tied, key=lambda t: t[0])
        return _place(top, entry, offset)


def find_toponyms(
    sent: Span, gazetteer: Gazetteer, ents: Sequence[Span] | None = None
) -> list[Toponym]:
    """Every place name in ``sent``, longest match first, left to right; ``ents`` are the
    sentence's named entities when the caller has them."""
    toks = doc_tokens(sent.doc)
    ents = sentence_entities(sent) if ents is None else ents
    found: list[Toponym] = []
    i = sent.start
    while i < sent.end:
        top = None
        word = toks[i].text
        # a name starts with a capital, or with an Arabic article and a hyphen ("al-")
        may_start = word[:1].isupper() or (word.lower() in _ARTICLES and _hyphen_after(toks, i))
        longest = gazetteer.longest_from(word) if may_start else 0
        if longest:
            for j, text, readings in _matches_at(toks, sent, i, longest, gazetteer):
                run = toks[i:j]
                if _plausible(run, text, readings, ents, gazetteer):
                    dateline = _dateline(run, text, toks)
                    top = Toponym(run, name_key(text), readings, dateline=dateline)
                    break
        if top is None:
            i += 1
            continue
        found.append(top)
        i = top.end
    return _unlisted(sent, _qualified(found, gazetteer))


def _evidence_of(
    tops: list[Toponym], sent: Span, gazetteer: Gazetteer, skip: Toponym | None = None,
    adjectives: Counter[str] | None = None,
) -> Evidence:  # fmt: skip
    """The evidence of a sentence's places (but ``skip``) and nationality adjectives (found
    here unless the caller has them)."""
    hints = Counter(adjectives) if adjectives is not None else _demonyms(sent, gazetteer)
    evidence = Evidence(hints=hints)
    for top in tops:
        if top is skip:
            continue
        entry = _certain(top)
        if entry is not None:
            evidence.count(top, entry)
    return evidence


def _demonyms(sent: Span, gazetteer: Gazetteer) -> Counter[str]:
    """Countries named by nationality adjectives: "Lebanese", "North Korean"."""
    found: Counter[str] = Counter()
    toks, i = doc_tokens(sent.doc), sent.start
    while i < sent.end:
        word = toks[i].text
        if not word[:1].isupper():
            i += 1
            continue
        pair = (gazetteer.demonym(words_text(toks[i], toks[i + 1]))
                if i + 1 < sent.end else None)  # fmt: skip
        country = pair or gazetteer.demonym(word)  # "North Korean" before "Korean"
        if country:
            found[country] += 1
        i += 2 if pair else 1
    return found


def _hyphen_after(toks: tuple[Word, ...], i: int) -> bool:
    return i + 1 < len(toks) and toks[i + 1].text in _DASHES


def _matches_at(
    toks: tuple[Word, ...], sent: Span, i: int, words: int, gazetteer: Gazetteer
) -> Iterable[tuple[int, str, tuple[Entry, ...]]]:
    """Gazetteer names starting at token ``i`` of ``sent``, longest first, of at most
    ``words`` words, as (end token, text, readings)."""
    # a name of n words ends within the first n tokens that start with a letter or digit
    end = i
    while end < min(sent.end, i + MAX_TOKENS) and words > 0:
        words -= toks[end].text[:1].isalnum()
        end += 1
    for j in range(end, i, -1):
        if not toks[j - 1].text[:1].isalnum():
            continue
        text = words_text(toks[i], toks[j - 1])
        readings = gazetteer.lookup(text)
        if readings:
            yield j, text, readings


def _plausible(
    run: tuple[Word, ...], text: str, readings: tuple[Entry, ...], ents: Sequence[Span],
    gazetteer: Gazetteer,
) -> bool:  # fmt: skip
    """Whether a gazetteer match (the words ``run``, written ``text``) is a place here. NER
    knows names of places it has seen, but tags "Khan Younis" a person and "Kidal" a
    nationality; the gazetteer knows the places, but also a town called Police and one once
    called Hall. A match counts when NER tags it (or less of it) a place, or when it is a
    proper name in a place's slot of the parse, or a country, region or curated name that
    NER gave no longer extent."""
    start, end = run[0].i, run[-1].i + 1
    overlapping = [e for e in ents if e.start < end and start < e.end]
    if any(e.label_ in _NUMERIC for e in overlapping):
        return False
    strong = any(r.curated or r.tier >= 2 for r in readings)
    if _acronym(text) and not strong:
        return False  # "UN", "EU", "AU" are organisations, not the towns Un, Eu and Au
    slot = phrase_root(run).dep_ in _PLACE_SLOTS
    if overlapping:
        placed = any(e.label_ in _PLACE_LABELS for e in overlapping)
        # "Kherson" in "Kherson region"
        inside = all(_inside(e, start, end, doc_tokens(e.doc)) for e in overlapping)
        if placed and inside:
            return True
        if not placed and not inside:
            return False  # part of a person's or organisation's name: "Jordan Bardella"
        # a person or group to NER ("Khan Younis", "Hamas"), or part of a longer place name
        # ("Kharkiv Oblast", "Crocus City Hall"): only when curated or general, or by its
        # own name in a place's slot
        key = name_key(text)
        return strong or (slot and any(gazetteer.is_primary(r, key) for r in readings))
    first = run[0]
    proper = (first.pos_ == "PROPN" or text.isupper() or first.lower_ in _ARTICLES
              or not first.is_sent_start)  # a capital mid-sentence: "the Kherson‑region"
    return proper and (strong or slot)


def _acronym(text: str) -> bool:
    """Two or three capitals ("UN", "IDF"): an abbreviation, a place only when a country or
    region is abbreviated so ("US", "UAE", "DRC")."""
    return 2 <= len(text) <= 3 and text.isalpha() and text.isupper()


def _inside(ent: Span, start: int, end: int, toks: tuple[Word, ...]) -> bool:
    first = ent.start + (1 if toks[ent.start].lower_ == "the" else 0)
    return first >= start and ent.end <= end


def _dateline(run: tuple[Word, ...], text: str, toks: tuple[Word, ...]) -> bool:
    """Whether the name is a dateline ("GAZA CITY (Reuters) -", "KYIV, Ukraine —"): it opens
    its sentence and a parenthesis or a dash follows, or it is in capitals before a comma."""
    sent = run[0].sent
    end = run[-1].i + 1
    if any(t.is_alpha for t in toks[sent.start : run[0].i]) or end >= sent.end:
        return False
    follows = toks[end].text
    if follows in {"(", *_DASHES}:
        return bool(run[-1].whitespace_)  # not "Rwanda-backed"
    return follows == "," and text.isupper() and len(text) > 3


def _within(place: Entry, area: Entry) -> bool:
    """Whether ``area`` could contain ``place``: its US state, or its country."""
    if place is area:
        return False
    if area.kind == "state":
        return place.country == "USA" and place.admin1 == area.admin1
    return area.tier > place.tier and place.country is not None and place.country == area.country


def _qualified(found: list[Toponym], gazetteer: Gazetteer) -> list[Toponym]:
    """Read "Paris, Texas", "Tripoli, Lebanon" and "Alexandria, Va." as one qualified name."""
    if not found:
        return found
    doc = found[0].words[0].doc
    toks = doc_tokens(doc)
    by_start = {t.start: n for n, t in enumerate(found)}
    out = list(found)
    for n, top in enumerate(found):
        comma = top.end
        if comma + 1 >= len(doc) or toks[comma].text != ",":
            continue
        after = by_start.get(comma + 1)
        words = found[after].text if after is not None else toks[comma + 1].text
        areas = gazetteer.qualifier(words) if words[:1].isupper() else ()  # also "Va.", "TX"
        fit = tuple(a for a in areas if any(_within(r, a) for r in top.readings))
        if not fit:
            # "Tripoli, Iowa," names a town the gazetteer lacks, not Libya's capital
            fit = _closing_area(doc, comma + 1 if after is None else found[after].end - 1, areas)
            if not fit:
                continue  # a list ("Kharkiv, Sumy and Odesa"), not a qualifier
            out[n] = replace(out[n], readings=(_town(top.text, fit[0]),))
        out[n] = replace(out[n], qualifier=fit)
        if after is not None:
            places = tuple(r for r in top.readings if any(_within(r, a) for a in fit))
            ranked = gazetteer.ranked(fit, found[after].key)
            out[after] = replace(out[after], readings=ranked, qualifies=places)
    return out


_AREA_ORDER = ("state", "region", "territory", "country")
_AREAS = set(_AREA_ORDER)


def _closing_area(doc: Doc, last: int, areas: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The areas (state, region, country) a qualifier ending at word ``last`` names when it
    closes the phrase: a comma, a full stop or the end follows ("Peru, Indiana, will close")."""
    end = last + 1
    after = doc_tokens(doc)[end] if end < len(doc) else None
    if after is not None and after.text not in {",", ".", ";"} and not after.is_sent_start:
        return ()
    # "Cairo, Georgia,": the dateline convention names a US state before a country
    fit = [a for a in areas if a.kind in _AREAS and a.country]
    return tuple(sorted(fit, key=lambda a: _AREA_ORDER.index(a.kind)))


def _town(name: str, area: Entry) -> Entry:
    """A town the gazetteer lacks, placed in the area that qualifies it; no coordinates."""
    return Entry(name, "city", area.country, None, None,
                 admin1=area.admin1 if area.kind == "state" else None)  # fmt: skip


def _unlisted(sent: Span, found: list[Toponym]) -> list[Toponym]:
    """A town the gazetteer does not know, written the way news qualifies small places
    ("Peru, Indiana, will close"; "Renk, Upper Nile,"): a proper name, a comma, then a
    state, region or country followed by a comma or the sentence's end. It is kept as a
    place in that area, with no coordinates."""
    toks = doc_tokens(sent.doc)
    known = {t.start for t in found}
    extra: list[Toponym] = []
    for top in found:
        comma = top.start - 1
        if top.qualifier or comma - 1 < sent.start or toks[comma].text != ",":
            continue
        areas = _closing_area(sent.doc, top.end - 1, top.readings)
        if not areas:
            continue  # a list ("Sumy, Kharkiv and Odesa"), not a qualifier
        end = start = comma
        while start > sent.start and toks[start - 1].pos_ == "PROPN":
            start -= 1
        if start == end or start in known or any(
            toks[k].ent_type_ in {"PERSON", "ORG", "NORP"} for k in range(start, end)
        ):
            continue
        words = toks[start:end]
        text = words_text(words[0], words[-1])
        town = _town(text, areas[0])
        extra.append(Toponym(words, name_key(text), (town,), qualifier=(areas[0],)))
    return sorted(found + extra, key=lambda t: t.start) if extra else found


def _dwarfs(big: Entry, small: Entry) -> bool:
    """Ten times the people: a Paris, Texas needs more than a passing hint to beat Paris."""
    return small.population > 0 and big.population >= 10 * small.population


def _choose(top: Toponym, evidence: EvidenceFn) -> Entry:
    ranked = top.readings  # most prominent first
    if top.qualifier:
        fit = [r for r in ranked if any(_within(r, q) for q in top.qualifier)]
        if fit:
            return fit[0]
    if top.qualifies:
        fit = [r for r in ranked if any(_within(p, r) for p in top.qualifies)]
        if fit:
            return fit[0]
    best = ranked[0]
    rivals = [r for r in ranked[1:] if r.country != best.country and r.tier >= best.tier - 1]
    if not rivals:
        return best
    rival = max(rivals, key=evidence)  # the first, most prominent, of equals
    return rival if evidence(rival) - evidence(best) >= _needed(best, rival) else best


def _needed(best: Entry, rival: Entry) -> float:
    """How much more evidence a rival needs than the prominent reading. One place will do
    between peers ("Tripoli" after "Lebanon"); two against a more general kind of place or a
    city ten times bigger; three against a curated reading, which says what news means by a
    name ("Rafah" is Gaza's, even in a sentence about Egypt)."""
    if best.curated and not rival.curated:
        return 3.0
    return 2.0 if rival.tier < best.tier or _dwarfs(best, rival) else 1.0


def _certain(top: Toponym) -> Entry | None:
    """The reading of a name that no context would change, or None ("Tripoli", "Georgia"). A
    city makes only another city uncertain: "Virginia" is the state, whatever South Africa's
    Virginia may be."""
    best = _choose(top, _no_evidence)
    if top.qualifier or top.qualifies:
        return best
    for other in top.readings:
        if (other.country != best.country and other.tier >= best.tier - 1
                and (other.tier > 1 or best.tier == 1) and not _dwarfs(best, other)):  # fmt: skip
            return None
    return best


def _no_evidence(entry: Entry) -> float:
    return 0.0


def _event_heads(anchor: Word) -> dict[Word, int]:
    """The trigger and the words its location may hang from, with their distance from it:
    the verb of a noun trigger ("launched an attack"; "killed in an airstrike"), the verb an
    infinitive or coordinated trigger belongs to ("continued to shell"; "entered X and
    arrested"). Never the verb of saying a trigger is reported by."""
    heads = {anchor: 0}
    t = anchor
    for distance in range(1, 4):
        dep, head = t.dep_, t.head
        if head is t:
            break
        if t.pos_ in {"VERB", "AUX"} and dep in {"xcomp", "conj"}:
            t = head
        elif t.pos_ in {"NOUN", "PROPN"} and dep in {"dobj", "nsubj", "nsubjpass", "attr"}:
            t = head
        elif t.pos_ in {"NOUN", "PROPN"} and dep == "pobj" and head.head is not head:
            t = head.head
        else:
            break
        heads.setdefault(t, distance)
    return heads


def _tie(root: Word, heads: dict[Word, int], country: bool) -> tuple[int, int] | None:
    """(strength, distance) of the parse path from a place up to an event head, or None. A
    country reached as an object or through "against", "to" or "on" is a participant, not a
    place: "invaded Ukraine", "sanctions on Iran" (the coder codes it as the target)."""
    t, link, word = root, "", ""
    participant = False  # a country modifying the object: "killed a *U.S.* soldier"
    for hops in range(12):
        if t in heads:
            if not link:
                return None  # the place is the trigger itself
            if country and (link in {"object", "of"} or word in _ACTOR_PREPOSITIONS
                            or (link == "mod" and (root.dep_ == "poss" or participant))):
                return None  # "Sweden's bid", "killed two U.S. soldiers"
            return _STRENGTH[link], hops + heads[t]
        dep, head = t.dep_, t.head
        if head is t:
            return None
        if dep in _OBJECTS and head in heads:
            participant = link == "mod"
            link = link or "object"
            t = head
        elif dep == "dobj" and head.dep_ == "pcomp":  # "in occupied Crimea"
            t = head
        elif dep in {"pobj", "pcomp"}:
            kind = _preposition(head)
            if kind is None:
                return None
            if link in {"", "of", "mod"}:  # the first preposition says how the place is tied,
                link, word = kind, head.lower_  # past "the people of", "Lebanon's south"
            t = head.head
        elif dep == "prep":
            t = head
        elif dep in _MODIFIERS:
            link = link or "mod"
            t = head
        elif dep in _SUBJECTS and head in heads and link == "loc":
            link, t = "subject-loc", head  # "the strike in Rafah killed 12"
        else:
            return None
    return None


def _preposition(prep: Word) -> str | None:
    """How a preposition ties its object: "loc", "target", "from", "of" or None (no tie)."""
    kind = _PREPOSITIONS.get(prep.lower_)
    if kind == "loc" and prep.lower_ == "on" and prep.head.pos_ in {"NOUN", "PROPN"}:
        return "target"  # "an attack on Kharkiv"
    if kind == "of" and prep.head.lower_ in _AREAS:
        return "loc"  # "north of Kyiv"
    return kind


def _place(top: Toponym, entry: Entry, offset: int) -> Place:
    first, last = top.words[0], top.words[-1]
    return Place(
        name=entry.name,
        text=top.text,
        start=first.idx + offset,
        end=last.idx + len(last) + offset,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
    )

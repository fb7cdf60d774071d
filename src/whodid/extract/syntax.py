"""Questions asked of a spaCy dependency parse: who is the subject, what is the object.

Pure functions over the parse's words (:class:`whodid.nlp.tree.Word`); they know English
syntax, not event types.
"""

from __future__ import annotations

from collections.abc import Iterator

from whodid.nlp.tree import Word

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_PASSIVE_MARKS = PASSIVE_SUBJECT_DEPS | {"auxpass"}
OBJECT_DEPS = {"dobj", "obj"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
NEGATIONS = {"not", "n't", "never", "no"}


def with_conjuncts(token: Word) -> list[Word]:
    """The token and the tokens coordinated with it ("Israel and Egypt")."""
    found = [token, *token.conjuncts]
    for appos in token.children:
        # "The US, Russia, and Switzerland": a list of names parsed as an apposition beside
        # the conjuncts; a real apposition renames ("Obama, the president")
        if (appos.dep_ == "appos" and (appos.conjuncts or token.conjuncts)
                and appos.pos_ == token.pos_ == "PROPN"
                and appos.ent_type_ and appos.ent_type_ == token.ent_type_):  # fmt: skip
            found.extend(a for a in (appos, *appos.conjuncts) if a not in found)
    return found


def content_heads(token: Word | None) -> list[Word]:
    """The content heads of a slot's phrase and the phrases coordinated with it ("dozens
    of *troops* and *tanks*"); empty for an empty slot."""
    return [content_head(t) for t in with_conjuncts(token)] if token is not None else []


def is_passive(verb: Word) -> bool:
    """ "was attacked"; also a participle after its noun ("soldiers *killed* in Ukraine")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    for c in verb.children:  # a loop, not any(): this is asked of every verb, many times
        if c.dep_ in _PASSIVE_MARKS:
            return True
    return False


def is_negated(verb: Word) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in {"advmod", "det"})
               for c in verb.children)  # fmt: skip


def _own(verb: Word, deps: set[str]) -> Word | None:
    for child in verb.children:
        if child.dep_ in deps:
            return child
    return None


def _antecedent(token: Word, verb: Word) -> Word:
    """A relative pronoun subject stands for the noun its clause modifies."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


def grammatical_subject(verb: Word, depth: int = 0) -> Word | None:
    """The subject of the verb's clause, following coordination and control."""
    own = _own(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    if own is not None:
        return _antecedent(own, verb)
    if depth > 4:
        return None
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return grammatical_subject(verb.head, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head.i != verb.head.i:
        # "Norway is willing to send": the subject of the copula
        return grammatical_subject(verb.head.head, depth + 1)
    if verb.dep_ in {"xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        # object control ("urged Iran to halt") before subject control ("agreed to meet")
        if verb.dep_ == "xcomp":
            controller = _own(verb.head, OBJECT_DEPS)
            if controller is not None:
                return controller
        return grammatical_subject(verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        # "accused Hamas of launching": the object of the governing verb acts
        gov = verb.head.head
        controller = _own(gov, OBJECT_DEPS) or _own(gov, PASSIVE_SUBJECT_DEPS)
        return controller if controller is not None else grammatical_subject(gov, depth + 1)
    return None


def agent(verb: Word) -> Word | None:
    """The ``by`` phrase of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def logical_subject(verb: Word) -> Word | None:
    """Who acts: the active subject, or the agent of a passive."""
    if is_passive(verb):
        return agent(verb)
    return grammatical_subject(verb)


def logical_object(verb: Word) -> Word | None:
    """Who or what is acted upon: the direct object, or the subject of a passive."""
    if is_passive(verb):
        own = _own(verb, PASSIVE_SUBJECT_DEPS)
        if own is not None:
            return _antecedent(own, verb)
        if verb.dep_ == "acl":  # "troops deployed in the south": the noun modified
            return verb.head
        return None
    own = _own(verb, OBJECT_DEPS)
    if own is None and verb.dep_ == "relcl":
        # "the village that troops shelled": the relative pronoun object stands for its noun
        subj = _own(verb, SUBJECT_DEPS)
        if subj is not None and subj.lower_ not in RELATIVE_PRONOUNS:
            return verb.head
    return own if own is not None else _shifted_object(verb)


def _shifted_object(verb: Word) -> Word | None:
    """An object moved behind its "as" phrase, which the parser reads as part of it:
    "denounced as a grave crime *Romania's treatment* of X" (an apposition to the "as" noun),
    "condemned as unacceptable *allegations* by Rwanda" (an adjective right after "as")."""
    for noun in prep_objects(verb, "as"):
        shifted = next((c for c in noun.children if c.dep_ == "appos"), None)
        if shifted is not None:
            return shifted
        first = next((t for t in noun.subtree if t.pos_ != "PUNCT"), None)
        if first is not None and first.pos_ == "ADJ" and first.head.i == noun.i:
            return noun
    return None


def dative(verb: Word) -> Word | None:
    """The indirect object: "gave *Kenya* a loan" (or "gave a loan *to Kenya*")."""
    own = _own(verb, {"dative", "iobj"})
    if own is not None and own.pos_ == "ADP":
        return next((c for c in own.children if c.dep_ == "pobj"), None)
    return own


PREP_DEPS = {"prep", "agent", "dative"}
NOT_ACTORS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}


def _prep_tokens(token: Word) -> Iterator[Word]:
    """Prepositions on the token, also behind an adjacent particle ("pulled out *of*")."""
    for child in token.children:
        if child.dep_ in PREP_DEPS:
            yield child
        if child.dep_ in {"prt", "prep", "advmod"} and child.i == token.i + 1:
            yield from (g for g in child.children if g.dep_ in PREP_DEPS)


def _prep_object_tokens(prep: Word) -> list[Word]:
    return [g for g in prep.children if g.dep_ in {"pobj", "pcomp"}]


def prepositions(token: Word) -> Iterator[tuple[str, Word | None]]:
    """Every preposition on the token with its object, if any."""
    for prep in _prep_tokens(token):
        for obj in _prep_object_tokens(prep) or [None]:
            yield prep.lower_, obj


def prep_objects(token: Word, prep: str) -> Iterator[Word]:
    """Objects of preposition ``prep`` attached to ``token`` ("talks *with* Iran")."""
    for found in _prep_tokens(token):
        if found.lower_ == prep:
            yield from _prep_object_tokens(found)


def prep_phrase_objects(token: Word) -> Iterator[Word]:
    """Objects of every preposition on the token ("called *for* aid", "met *in* Cairo")."""
    for child in token.children:
        if child.dep_ in PREP_DEPS:
            yield from (g for g in child.children if g.dep_ == "pobj")


def has_prep(token: Word, prep: str) -> bool:
    return any(p.lower_ == prep for p in _prep_tokens(token))


def has_particle(verb: Word, particle: str) -> bool:
    for child in verb.children:
        if child.lower_ == particle and (
            child.dep_ == "prt" or (child.dep_ in {"prep", "advmod"} and child.i == verb.i + 1)
        ):
            return True
    return False


def complements(verb: Word) -> list[Word]:
    """Clauses the verb governs: "threatened *to strike*", "accused X *of killing*"."""
    found = [
        c
        for c in verb.children
        if c.pos_ in {"VERB", "AUX"}
        and (
            c.dep_ in COMPLEMENT_DEPS
            # "called for Israel to withdraw" is parsed as an adverbial clause
            or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and has_prep(verb, "for"))
        )
    ]  # fmt: skip
    for child in verb.children:
        if child.dep_ == "prep":
            found.extend(g for g in child.children if g.dep_ == "pcomp" and g.pos_ == "VERB")
    return found


def clause_head(verb: Word) -> Word:
    """The verb heading the clause, past "to" complements and coordination: in "said it
    would try to reach and sign a deal", "sign" -> "try"."""
    clause = verb
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head
    return clause


def modifies_noun(verb: Word) -> bool:
    """A clause that describes a noun ("charges *that X is committing genocide*", "the
    prisoner *who had been arrested* a year ago", "an appeal *for deploying* troops") rather
    than stating an event of its own; "the town *that troops shelled*" states one."""
    clause = clause_head(verb)
    if clause.dep_ == "acl" and _presented(clause.head):
        return False
    if clause.dep_ == "relcl" and any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "had"
                                      for c in clause.children):  # fmt: skip
        # "the prisoner who *had been arrested*": background on a participant, told in the
        # past perfect; "groups which *have kidnapped* hundreds" is news of its own
        return True
    if clause.dep_ == "pcomp" and clause.head.dep_ == "prep":  # "an appeal *for deploying*"
        clause = clause.head
    nominal = clause.head.pos_ in {"NOUN", "PROPN"}
    return nominal and clause.dep_ in {"acl", "ccomp", "advcl", "prep"}


def _presented(noun: Word) -> bool:
    """A noun that only presents what its participle says: "there were ten soldiers
    *killed*", or a headline "Ten soldiers *killed* in blast" with no verb of its own."""
    if noun.dep_ == "ROOT":
        return True
    return noun.dep_ in {"attr", "nsubj"} and any(c.dep_ == "expl" for c in noun.head.children)


def is_purpose_clause(verb: Word) -> bool:
    """ "staged a strike *to demand* reforms": an infinitive adverbial clause of purpose."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ) and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


INVOLVED_PREPS = ("by", "from", "against", "with", "to", "on", "of", "for")


def involved_phrases(head: Word, preps: tuple[str, ...] = INVOLVED_PREPS) -> list[Word]:
    """Phrases inside a noun phrase that may name who is involved in what it names, in
    order of preference: "*Serbia's* crackdown", "an offer *from Kabul*", "a *Philippine*
    boat"."""
    found = [c for c in head.children if c.dep_ == "poss"]
    for prep in preps:
        for child in head.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ == prep:
                found.extend(g for g in child.children if g.dep_ == "pobj")
    found.extend(c for c in head.children if c.dep_ in {"compound", "amod", "nmod"})
    return found


def np_heads(token: Word | None) -> list[Word]:
    """Heads of the noun phrases in a slot, one per coordinated phrase."""
    if token is None:
        return []
    heads = []
    for t in with_conjuncts(token):
        t = content_head(t)
        if t.pos_ not in {"VERB", "AUX", "CCONJ", "PUNCT"} and t.ent_type_ not in NOT_ACTORS:
            heads.append(t)
    return heads


PARTITIVES = {
    "part", "some", "all", "most", "rest", "bulk", "half", "majority", "minority", "number",
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "score", "scores", "handful", "group", "batch", "contingent", "unit", "portion", "third",
    "quarter", "many", "several", "few", "each", "one", "two", "three",
}  # fmt: skip


def content_head(token: Word) -> Word:
    """The noun a quantity or part stands for: "thousands *of students*", "part *of a
    military aid programme*", "two *of the soldiers*"."""
    if token.ent_type_ in NOT_ACTORS or token.pos_ == "NUM" or token.lemma_.lower() in PARTITIVES:
        if token.ent_type_ in {"DATE", "TIME"}:
            # "talks with President Ruto Monday": the name before a day, parsed as its modifier
            named = [c for c in token.children if c.dep_ == "compound" and c.i < token.i
                     and c.pos_ == "PROPN" and c.ent_type_ not in NOT_ACTORS]  # fmt: skip
            if named:
                return named[-1]
        return next(prep_objects(token, "of"), token)
    return token

"""Everything the coder needs, loaded once per process and passed in (no module globals)."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from spacy.language import Language

from whodid.attribute.lexicon import SpeechLexicon
from whodid.extract.patterns import PatternSet
from whodid.geo import Gazetteer, PlaceResolver
from whodid.nlp.pipeline import MODEL, load_pipeline
from whodid.ontology import Ontology
from whodid.resolve.dictionary import ActorDictionary


@dataclass(frozen=True, slots=True)
class Resources:
    nlp: Language
    ontology: Ontology
    patterns: PatternSet
    actors: ActorDictionary
    speech: SpeechLexicon
    places: PlaceResolver

    @classmethod
    def load(
        cls,
        model: str = MODEL,
        patterns_dir: Path | None = None,
        dictionary_dir: Path | None = None,
        dictionaries: tuple[Path, ...] = (),
    ) -> Resources:
        """spaCy and every knowledge file; ``dictionaries`` are the user's own actor files,
        which override the built-in ones.

        What is loaded lives as long as the process: over 280,000 objects (the gazetteer,
        the dictionaries, spaCy's tables). They are moved out of the garbage collector's way
        (``gc.freeze``, with whatever else the process holds by then), so that its full
        collections, which come round while documents are coded, do not walk them all
        again each time."""
        nlp = load_pipeline(model)
        ontology = Ontology.load()
        patterns = PatternSet.load(ontology, patterns_dir)
        actors = ActorDictionary.load(partial(_tokenize, nlp), dictionary_dir, dictionaries)
        places = PlaceResolver(Gazetteer.load())
        loaded = cls(nlp, ontology, patterns, actors, SpeechLexicon.load(), places)
        gc.freeze()
        return loaded

    def tokenize(self, text: str) -> list[str]:
        """The words of ``text`` as spaCy splits them, as the dictionaries' names are."""
        return _tokenize(self.nlp, text)


def _tokenize(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(text)]

"""Is this document English? A stop-word count, no model and no download.

Function words make up a third or more of any English news text, and each language has
its own. The share of each language's list among the first words of a text tells them
apart well for prose of a few sentences; texts too short to tell are taken as English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+")
_LISTS = {
    "en": (
        "the of and to is was were that with for on by from at as have has had been this "
        "which it its their they he she his her are an would will said after who but not "
        "or be than about"
    ),
    "fr": (
        "le la les des du une est et dans pour sur qui que pas au aux avec ce cette sont "
        "ont été il elle ils leur par plus selon"
    ),
    "es": (
        "el los las del una y en por con para que es fue se su sus al lo como pero más "
        "según han ha este esta"
    ),
    "de": (
        "der die das und ist nicht mit den dem ein eine auf sich für von zu im auch wurde "
        "hat sind bei nach wie sie er"
    ),
    "it": (
        "il di che è per una della delle gli nel nella con sono alla del ha più come anche "
        "ma stato dei"
    ),
    "pt": (
        "o os as da do das dos em uma com não para que é foi ao pelo pela mais seu sua "
        "como também"
    ),
    "nl": (
        "de het een en van is niet op te met voor zijn dat die werd heeft ook naar bij "
        "door maar"
    ),
}


def _distinct(lists: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each list without the words another list has too ("en" is Spanish and Dutch)."""
    split = {lang: set(words.split()) for lang, words in lists.items()}
    return {
        lang: frozenset(w for w in words if not any(w in o for k, o in split.items() if k != lang))
        for lang, words in split.items()
    }


#: Frequent function words of each language, none on two lists.
STOPWORDS: dict[str, frozenset[str]] = _distinct(_LISTS)
_SCRIPTS = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
MIN_WORDS = 12
ENGLISH_SHARE = 0.12


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    language: str  # ISO 639-1, "und" when no list fits, "en" for texts too short to tell
    english: bool
    share: float  # share of the text's words on the chosen language's list


def guess_language(text: str, sample: int = 4000) -> LanguageGuess:
    """The language of ``text`` from its first ``sample`` characters."""
    head = text[:sample]
    letters = sum(c.isalpha() for c in head)
    for code, script in _SCRIPTS:  # a non-Latin script in most letters decides at once
        if letters and len(script.findall(head)) > letters / 2:
            return LanguageGuess(code, False, 1.0)
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < MIN_WORDS:
        return LanguageGuess("en", True, 0.0)
    shares = {
        lang: sum(w in listed for w in words) / len(words) for lang, listed in STOPWORDS.items()
    }
    best = max(shares, key=shares.__getitem__)
    english = shares["en"] >= ENGLISH_SHARE and shares["en"] >= shares[best] / 2
    if english:
        return LanguageGuess("en", True, shares["en"])
    if shares[best] < ENGLISH_SHARE / 2:
        return LanguageGuess("und", False, shares[best])
    return LanguageGuess(best, False, shares[best])

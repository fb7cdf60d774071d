"""whodid's error hierarchy. Each error carries a short searchable code."""

from __future__ import annotations


class WhodidError(Exception):
    """Base class for every error whodid raises on purpose."""

    code = "W000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(WhodidError):
    """An input item cannot be read as a document."""

    code = "W100"


class DataFileError(WhodidError):
    """A knowledge file (patterns, dictionaries, ontology tables) is malformed."""

    code = "W200"

    def __init__(self, path: str, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}")
        self.path = path
        self.where = where


class GoldFormatError(WhodidError):
    """A gold-standard file cannot be read for evaluation."""

    code = "W300"

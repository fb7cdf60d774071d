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


class StoreError(WhodidError):
    """The event store cannot be opened, read or written.

    ``W401`` the database cannot be opened or created (path, permissions, a lock held by
    another process); ``W402`` a write failed (disk full, I/O error): the documents of that
    batch were not stored and the next run codes them again; ``W403`` the file is not a
    whodid store of this version; ``W404`` a bad query or export request.
    """

    code = "W400"

    def __init__(self, message: str, code: str = "W400") -> None:
        super().__init__(message)
        self.code = code

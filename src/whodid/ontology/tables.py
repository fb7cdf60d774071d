"""Load the CAMEO code table and the CAMEO->PLOVER mapping shipped as package data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from whodid.errors import DataFileError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


#: Stances towards an act and the CAMEO roots their codes belong to.
STANCES = {"announced": ("03", "13"), "refused": ("12",), "demanded": ("10",),
           "appealed": ("02",)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PloverType:
    type: str
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8") as fh:
        lines = [(n, line) for n, line in enumerate(fh, 1) if not line.startswith("#")]
    reader = csv.DictReader((line for _, line in lines), delimiter="\t")
    return [(lines[i + 1][0], row) for i, row in enumerate(reader)]


class Ontology:
    """CAMEO codes with Goldstein score and QuadClass, and their PLOVER type."""

    def __init__(
        self,
        codes: dict[str, CameoCode],
        plover: dict[str, PloverType],
        stances: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.codes = codes
        self._plover = plover
        self._stances = stances or {}

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Ontology:
        base = data_dir or Path(str(resources.files("whodid.ontology") / "data"))
        codes: dict[str, CameoCode] = {}
        cameo_path = base / "cameo_codes.tsv"
        for line, row in _rows(cameo_path):
            try:
                code = row["code"].strip()
                if not code.isdigit() or not 2 <= len(code) <= 4:
                    raise ValueError(f"bad code {code!r}")
                codes[code] = CameoCode(
                    code, row["name"].strip(), float(row["goldstein"]), int(row["quad_class"])
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise DataFileError(str(cameo_path), f"line {line}", str(exc)) from exc
        plover: dict[str, PloverType] = {}
        plover_path = base / "cameo_plover.tsv"
        for line, row in _rows(plover_path):
            code, ptype = row["code"].strip(), row["plover"].strip()
            if code not in codes:
                raise DataFileError(str(plover_path), f"line {line}", f"unknown code {code!r}")
            if ptype not in PLOVER_TYPES:
                raise DataFileError(str(plover_path), f"line {line}", f"unknown type {ptype!r}")
            plover[code] = PloverType(
                ptype, (row.get("mode") or "").strip() or None,
                (row.get("context") or "").strip() or None,
            )
        stances: dict[str, dict[str, str]] = {stance: {} for stance in STANCES}
        stance_path = base / "stance_codes.tsv"
        for line, row in _rows(stance_path):
            for stance, roots in STANCES.items():
                code = (row.get(stance) or "").strip()
                if not code:
                    continue
                if code not in codes or not code.startswith(roots):
                    where = f"line {line}"
                    raise DataFileError(str(stance_path), where, f"bad {stance} code {code!r}")
                stances[stance][row["prefix"].strip()] = code
        return cls(codes, plover, stances)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def get(self, code: str) -> CameoCode:
        return self.codes[code]

    def stance_code(self, code: str, stance: str) -> str | None:
        """The code for an act that is ``announced``, ``refused``, ``demanded`` or
        ``appealed`` for rather than done: "will withdraw" -> 0356, "will not withdraw" ->
        1246, "must withdraw" -> 1056, "should withdraw" -> 0256."""
        table = self._stances.get(stance, {})
        for n in range(len(code), 1, -1):
            found = table.get(code[:n])
            if found is not None:
                return found
        return None

    def plover(self, code: str) -> PloverType | None:
        """PLOVER type of a CAMEO code, inherited from the parent code when not listed."""
        if code[:2] in ("01", "02"):
            return None
        while code:
            found = self._plover.get(code)
            if found is not None:
                return found
            code = code[:-1] if len(code) > 2 else ""
        return None

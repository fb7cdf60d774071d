"""CAMEO and PLOVER: code tables and the mapping between them."""

from whodid.ontology.tables import CameoCode, Ontology, PloverType

__all__ = ["CameoCode", "Ontology", "PloverType", "PLOVER_RENAMES"]

#: Older PLOVER names (0.5/0.6 drafts) and the current type each maps to.
PLOVER_RENAMES = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
    "SACTION": ("SANCTION", None),
}

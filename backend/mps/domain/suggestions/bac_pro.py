"""The field of a bac pro student (« Métiers du commerce et de la vente », « Maintenance des véhicules »…), said in
the profile as the spécialité of bac P or PA, and where it leads: data/suggestions/bac_pro.json, read once.

The Parcoursup figures count bac pro students together, whatever their field: without the field, a bac pro student
in cuisine and one in electricity are offered the same « formations qui accueillent des bacheliers
professionnels ». A field points to the formations designed to continue it (its BTS, FIELD_VOIE), to those ONISEP
files under the sous-domaines of its bac pro diplomas (FIELD_SOUS_DOMAINE, the same vocabulary as
data/suggestions/series.json) and to those of its domains (FIELD_DOMAIN); like any spécialité it describes the student's schooling, so it is halved when the student also
says what they want (profile_items.topic_items).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from mps.domain.profile.referential import BAC_PRO_FILE
from mps.settings import data_file

FIELD_VOIE, FIELD_SOUS_DOMAINE, FIELD_DOMAIN = 0.8, 0.6, 0.3


@dataclass(frozen=True)
class BacProField:
    bac: str  # "P" or "PA"
    name: str  # as the student reads it in the form
    domains: tuple[str, ...]
    sous_domaines: tuple[str, ...]  # ONISEP sous-domaines of its bac pro diplomas
    voies: re.Pattern  # formations designed to continue it, over "family | group | label"
    voie_texts: tuple[str, ...]  # the same, one expression per formation named


@dataclass(frozen=True, slots=True)
class FieldVectors:
    weights: np.ndarray  # 0..1 per formation
    voie: np.ndarray  # bool: the formation is designed to continue the field


def load_fields(path: Path | None = None) -> dict[str, BacProField]:
    """Field name -> field, for every bac pro of MPS_DATA_DIR's table (or of the file given)."""
    return _load(path or data_file(BAC_PRO_FILE))


@lru_cache(maxsize=2)
def _load(path: Path) -> dict[str, BacProField]:
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))["bacs"]
    return {name: BacProField(bac, name, tuple(f["domaines"]), tuple(f["sous_domaines"]),
                              re.compile("|".join(f"(?:{v})" for v in f["voies"]), re.I), tuple(f["voies"]))
            for bac, fields in raw.items() for name, f in fields.items()}


def build_field_vectors(t, descriptions: list[str]) -> dict[str, FieldVectors]:
    """One vector per field over the formations of the topic tables t (descriptions: "family | group | label")."""
    n = len(descriptions)
    out = {}
    for name, f in load_fields().items():
        rows = [t.dom_index[d] for d in f.domains if d in t.dom_index]
        weights = t.dom_matrix[rows].max(axis=0) * FIELD_DOMAIN if rows else np.zeros(n, np.float32)
        sd_rows = [t.sd_index[s] for s in f.sous_domaines if s in t.sd_index]
        if sd_rows:
            weights = np.maximum(weights, t.sd_member[sd_rows].any(axis=0) * FIELD_SOUS_DOMAINE)
        voie = np.array([f.voies.search(d) is not None for d in descriptions], dtype=bool)
        weights = np.maximum(weights, voie * FIELD_VOIE).astype(np.float32)
        weights.setflags(write=False)
        out[name] = FieldVectors(weights, voie)
    return out

"""A student at a glance, for the people they chose to share with (family link, teacher of their class).

Read-only: profile summary in words, completeness, favourites with the ambition check.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Metier
from mps.domain.favourites.schemas import SharedFavourites, shared
from mps.domain.favourites.view import favourites_doc
from mps.domain.profile.completeness import completeness
from mps.domain.profile.referential import load_referential
from mps.domain.profile.service import load_profile
from mps.domain.vocabulary import CLASSE_LABELS

DUREES = {"courte": "Études courtes (2-3 ans)", "longue": "Études longues (5 ans et plus)",
          "indifferent": "Durée indifférente", "aucune_idee": "Durée : pas encore d'idée"}
ALTERNANCE = {"pas_interesse": "Pas intéressé·e", "indifferent": "Indifférent·e", "interesse": "Intéressé·e",
              "tres_interesse": "Très intéressé·e"}
@dataclass
class Overview:
    lines: list[tuple[str, str]]  # (label, value) of the profile, in words
    completeness: int
    favourites: SharedFavourites  # never the student's notes (private)
    flags: list[str] = field(default_factory=list)  # kinds


async def overview(db: AsyncSession, catalogue, person_id: str, *, with_moyenne: bool = True) -> Overview:
    profile = await load_profile(db, person_id)
    ref = load_referential()
    lines = []
    if profile.classe:
        lines.append(("Classe", CLASSE_LABELS.get(profile.classe, profile.classe)))
    if profile.bac:
        lines.append(("Bac", ref.bacs[profile.bac].name if profile.bac in ref.bacs else profile.bac))
    if profile.specialites:
        lines.append(("Spécialités", ", ".join(profile.specialites)))
    interests = [ref.interests.get(i, i) for i in profile.interets] + [ref.domains.get(d, d) for d in profile.domaines]
    if interests:
        lines.append(("Centres d'intérêt", ", ".join(interests[:8]) + (" …" if len(interests) > 8 else "")))
    if profile.metiers:
        labels = dict((await db.execute(select(Metier.id, Metier.label)
                                        .where(Metier.id.in_(profile.metiers)))).all())
        lines.append(("Métiers en tête", ", ".join(labels.get(m, m) for m in profile.metiers)))
    if profile.duree:
        lines.append(("Durée d'études", DUREES.get(profile.duree, profile.duree)))
    if profile.alternance:
        lines.append(("Alternance", ALTERNANCE.get(profile.alternance, profile.alternance)))
    if profile.villes:
        lines.append(("Villes", ", ".join(v.nom for v in profile.villes)))
    if with_moyenne and profile.moyenne is not None:
        lines.append(("Moyenne indiquée", f"{profile.moyenne:g}/20".replace(".", ",")))
    favs = await favourites_doc(db, catalogue, person_id)
    return Overview(lines=lines, completeness=completeness(msgspec.structs.asdict(profile)), favourites=shared(favs),
                    flags=[f.kind for f in favs.check.flags])

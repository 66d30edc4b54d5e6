"""The favourites of one person as a document: for the API, the /favoris page, the family and teacher views."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Metier
from mps.domain.favourites import ambition
from mps.domain.favourites.schemas import (AmbitionCheckDoc, CheckFlag, ChosenPlace, FavouriteFormation,
                                           FavouriteMetier, Favourites, NotInterested)
from mps.domain.favourites.service import chosen_places, formation_marks, metier_marks
from mps.domain.profile.service import load_profile

GONE = "Formation plus proposée sur Parcoursup"


def _place_doc(catalogue, pc: ambition.PlaceCheck) -> ChosenPlace:
    p = catalogue.place(pc.cod_aff_form)
    return ChosenPlace(cod_aff_form=p.cod_aff_form, etablissement=p.etablissement, commune=p.commune,
                       departement_code=p.town_departement_code,
                       distance_km=round(pc.distance_km, 1) if pc.distance_km is not None else None,
                       taux_acces=p.taux_acces, position=pc.position,
                       position_label=ambition.POSITION_LABELS[pc.position], chosen=pc.chosen,
                       parcoursup_url=p.parcoursup_url, remote=p.remote)


async def favourites_doc(db: AsyncSession, catalogue, person_id: str | None) -> Favourites:
    marks = await formation_marks(db, person_id) if person_id else []
    metiers = await metier_marks(db, person_id) if person_id else []
    profile = await load_profile(db, person_id)
    favs = [m for m in marks if m.kind == "favori"]
    result = ambition.check(catalogue, [(m.formation_id, chosen_places(m)) for m in favs], profile)
    formations = []
    for m in favs:
        f = catalogue.formation(m.formation_id)
        formations.append(FavouriteFormation(
            formation_id=m.formation_id, label=f.label if f else GONE, available=f is not None,
            family_label=f.family_label if f else None, selective=f.selective if f else None,
            ambition=m.ambition, note=m.note or "",
            places=[_place_doc(catalogue, pc) for pc in result.places.get(m.formation_id, [])],
            version=m.version, updated_at=m.updated_at))
    aside = [NotInterested(formation_id=m.formation_id, available=catalogue.formation(m.formation_id) is not None,
                           label=(catalogue.formation(m.formation_id).label
                                  if catalogue.formation(m.formation_id) else GONE), updated_at=m.updated_at)
             for m in marks if m.kind == "corbeille"]
    labels = {}
    if metiers:
        rows = await db.execute(select(Metier.id, Metier.label).where(Metier.id.in_([m.metier_id for m in metiers])))
        labels = dict(rows.all())
    metier_docs = [FavouriteMetier(metier_id=m.metier_id, label=labels.get(m.metier_id, "Métier plus répertorié"),
                                   available=m.metier_id in labels, version=m.version) for m in metiers]
    c = result.counts
    check = AmbitionCheckDoc(reach=c["reach"], target=c["target"], safe=c["safe"], balance=result.balance,
                             flags=[CheckFlag(f.kind, f.text) for f in result.flags])
    return Favourites(formations=formations, metiers=metier_docs, not_interested=aside, check=check)

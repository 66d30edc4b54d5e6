"""Ambition check: each favourite place classed reach / target / safe, and kindly worded flags.

A place's class comes from « où tu en es » (suggestions area: the student's mention against last
year's admitted, with the access rate of their bac kind) when the student gave a moyenne; otherwise
from that access rate alone (the taux d'accès when the bac kind is unknown). Flags never judge: they suggest adding something, never removing a dream.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mps.domain.suggestions.standing import kind_access, where_you_stand
from mps.domain.vocabulary import access_position
from mps.lib.geo import distance_km

STRONG_MOYENNE = 14.0  # mention bien or better
FAR_KM = 100.0
POSITIONS = ("reach", "target", "safe")
POSITION_LABELS = {"reach": "Ambitieux", "target": "Dans la course", "safe": "Sécurité"}


def position_from_access_rate(taux_acces: float | None, selective: bool) -> str:
    """Without a moyenne: a place taking most of its candidates is safe, a very selective one a reach."""
    if taux_acces is None:
        return "target" if selective else "safe"
    return access_position(taux_acces)


def place_position(place, bac: str | None, moyenne: float | None) -> str:
    standing = where_you_stand(place, bac, moyenne) if moyenne is not None else None
    if standing is not None:
        return standing.position
    # Without a moyenne: the access rate of candidates of their bac kind when the data has it.
    own = kind_access(place.row, bac)
    return position_from_access_rate(own if own is not None else place.taux_acces, place.selective)


@dataclass
class PlaceCheck:
    cod_aff_form: int
    position: str
    distance_km: float | None
    chosen: bool  # False: no place chosen yet, the nearest (or a typical) place stands in


@dataclass
class Flag:
    kind: str  # no_favourite | no_safe | strong_no_selective | all_far
    text: str


@dataclass
class AmbitionCheck:
    places: dict[str, list[PlaceCheck]] = field(default_factory=dict)  # per formation id
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(POSITIONS, 0))
    flags: list[Flag] = field(default_factory=list)

    @property
    def balance(self) -> str:
        """« 1 ambitieux · 2 dans la course · 1 sécurité »."""
        c = self.counts
        return f"{c['reach']} ambitieux · {c['target']} dans la course · {c['safe']} sécurité"


def _home(profile) -> tuple[float, float] | None:
    villes = getattr(profile, "villes", None) or []
    return (villes[0].lat, villes[0].lon) if villes else None


def _stand_in(formation, home) -> list:
    """A place to judge a favourite by when none is chosen: the nearest, else the median taux d'accès."""
    places = [p for p in formation.places]
    if not places:
        return []
    if home:
        located = [p for p in places if p.lat is not None]
        if located:
            return [min(located, key=lambda p: distance_km(home[0], home[1], p.lat, p.lon))]
    ranked = sorted(places, key=lambda p: (p.taux_acces is None, p.taux_acces or 0))
    return [ranked[len(ranked) // 2]]


def check(catalogue, favourites: list[tuple[str, list[int]]], profile) -> AmbitionCheck:
    """favourites: (formation_id, chosen cod_aff_form) for each live favourite; profile: ProfileDoc-like."""
    result = AmbitionCheck()
    home, bac, moyenne = _home(profile), getattr(profile, "bac", None), getattr(profile, "moyenne", None)
    distances, any_selective = [], False
    for formation_id, chosen in favourites:
        formation = catalogue.formation(formation_id)
        if formation is None:
            continue  # no longer offered: shown as such, not judged
        any_selective = any_selective or formation.selective
        places = [catalogue.place(c) for c in chosen]
        places = [p for p in places if p is not None and p.formation_id == formation_id]
        is_chosen = bool(places)
        for p in places or _stand_in(formation, home):
            d = distance_km(home[0], home[1], p.lat, p.lon) if home and p.lat is not None else None
            position = place_position(p, bac, moyenne)
            result.places.setdefault(formation_id, []).append(PlaceCheck(p.cod_aff_form, position, d, is_chosen))
            result.counts[position] += 1
            if is_chosen and d is not None:
                distances.append(d)
    result.flags = _flags(result, favourites, moyenne, any_selective, distances)
    return result


def _flags(result: AmbitionCheck, favourites, moyenne, any_selective: bool, distances: list[float]) -> list[Flag]:
    flags = []
    if not favourites:
        return [Flag("no_favourite", "Pas encore de favori : parcours les suggestions et garde ce qui te plaît, "
                                     "même sans être sûr·e.")]
    judged = sum(result.counts.values())
    if judged and result.counts["safe"] == 0:
        flags.append(Flag("no_safe", "Aucun de tes choix n'est encore une « sécurité ». Garde tes envies et ajoute "
                                     "au moins une formation où tes chances sont fortes : c'est un filet, pas un "
                                     "renoncement."))
    if moyenne is not None and moyenne >= STRONG_MOYENNE and not any_selective:
        flags.append(Flag("strong_no_selective", "Avec tes résultats, des formations sélectives (BUT, CPGE, "
                                                 "écoles…) te sont accessibles. Pourquoi ne pas en ajouter une ? "
                                                 "Tu ne perds rien à tenter."))
    if distances and min(distances) > FAR_KM:
        flags.append(Flag("all_far", f"Tous les lieux choisis sont à plus de {FAR_KM:.0f} km de chez toi. C'est "
                                     "possible (logement étudiant, bourses, aides à la mobilité) ; une option plus "
                                     "proche peut aussi rassurer."))
    return flags

"""Favourites counted as Parcoursup counts them: wishes, sub-wishes, the two lists, capped filières.

Pure: catalogue records and rules in, a Count out. Limits passed give warnings, never refusals: the
student decides, Parcoursup itself enforces.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mps.domain.plan.rules import Cap, MultipleRule, Rules, Unmatched
from mps.lib.text import fold

SCHOOL, APPRENTICESHIP = "etudiant", "apprentissage"
STATUS_LABELS = {SCHOOL: "sous statut étudiant", APPRENTICESHIP: "en apprentissage"}


@dataclass(frozen=True)
class Favourite:
    formation_id: str
    places: tuple[int, ...]  # chosen cod_aff_form, in the student's order


@dataclass
class Wish:
    key: tuple
    status: str  # etudiant | apprentissage
    label: str
    rule: MultipleRule | None  # None: a simple wish (one formation in one establishment)
    cap: Cap | None
    filiere: str  # the filière a cap counts by (folded detail label)
    formation_ids: list[str] = field(default_factory=list)  # favourites that lead to it
    places: list = field(default_factory=list)  # PlaceRec, the sub-wishes (or the one place of a simple wish)
    provisional: bool = False  # no place chosen yet: counted as one wish, no sub-wish
    unsure: Unmatched | None = None  # a simple wish that an unsourced rule may make multiple (« à vérifier »)

    @property
    def multiple(self) -> bool:
        return self.rule is not None

    @property
    def counted_sub_wishes(self) -> int:
        return len(self.places) if self.rule is not None and self.rule.sub_wishes_counted else 0


@dataclass
class Warning:
    kind: str  # too_many_wishes | too_many_apprenticeship | too_many_sub_wishes | cap | duplicate | no_place | gone
    text: str
    formation_ids: list[str] = field(default_factory=list)


@dataclass
class Count:
    wishes: list[Wish]
    gone: list[str]  # favourites no longer in the catalogue: not counted
    school: int
    apprenticeship: int
    sub_wishes: int  # counted toward the limit (both lists)
    uncounted_sub_wishes: int  # sub-wishes of networks that Parcoursup does not count
    caps: dict[tuple[str, str], int]  # (cap id, filière) -> wishes
    warnings: list[Warning]


def _status(place) -> str:
    return APPRENTICESHIP if place.apprenticeship else SCHOOL


def _key(rule: MultipleRule | None, formation, place) -> tuple:
    status = _status(place)
    if rule is None:
        return ("lieu", place.cod_aff_form)
    if rule.grouped_by == "wish_label" and (place.row.get("wish_label") or "").strip():
        return ("groupe", rule.id, fold(place.row["wish_label"]), status)
    return ("formation", rule.id, formation.id, status)


def _wish_label(rule: MultipleRule | None, formation, place) -> str:
    if rule is not None and rule.grouped_by == "wish_label" and (place.row.get("wish_label") or "").strip():
        return place.row["wish_label"]
    if rule is None:
        return f"{formation.label} — {place.etablissement} ({place.commune})"
    return formation.label


def _provisional_status(formation) -> str:
    return APPRENTICESHIP if formation.places and formation.apprenticeship_places == len(formation.places) else SCHOOL


def count(rules: Rules, catalogue, favourites: list[Favourite]) -> Count:
    wishes: dict[tuple, Wish] = {}
    gone: list[str] = []
    for fav in favourites:
        formation = catalogue.formation(fav.formation_id)
        if formation is None:
            gone.append(fav.formation_id)
            continue
        places = [p for p in (catalogue.place(c) for c in dict.fromkeys(fav.places))
                  if p is not None and p.formation_id == formation.id]
        if not places:
            sample = formation.places[0] if formation.places else None
            rule = rules.multiple_rule(formation, sample) if sample else None
            cap = rules.cap_of(formation, sample) if sample else None
            status = _provisional_status(formation)
            key = ("a-choisir", formation.id, status)
            wishes[key] = Wish(key, status, formation.label, rule, cap, fold(formation.detail_label or formation.label),
                               [formation.id], [], provisional=True,
                               unsure=rules.unsure_of(formation, sample) if sample and rule is None else None)
            continue
        for place in places:
            rule = rules.multiple_rule(formation, place)
            key = _key(rule, formation, place)
            wish = wishes.get(key)
            if wish is None:
                wish = wishes[key] = Wish(key, _status(place), _wish_label(rule, formation, place), rule,
                                          rules.cap_of(formation, place),
                                          fold(formation.detail_label or formation.label),
                                          unsure=rules.unsure_of(formation, place) if rule is None else None)
            if formation.id not in wish.formation_ids:
                wish.formation_ids.append(formation.id)
            if place not in wish.places:
                wish.places.append(place)
    return _counted(rules, list(wishes.values()), gone, catalogue)


def _uncounted_words(rules: Rules) -> str:
    """The multiple wishes whose sub-wishes the session does not count, from the rules file."""
    labels = [m.label for m in rules.multiple if not m.sub_wishes_counted]
    return f" (hors : {' ; '.join(labels)})" if labels else ""


def _counted(rules: Rules, wishes: list[Wish], gone: list[str], catalogue) -> Count:
    school = sum(1 for w in wishes if w.status == SCHOOL)
    apprenticeship = sum(1 for w in wishes if w.status == APPRENTICESHIP)
    sub = sum(w.counted_sub_wishes for w in wishes)
    uncounted = sum(len(w.places) for w in wishes if w.rule is not None and not w.rule.sub_wishes_counted)
    caps: dict[tuple[str, str], int] = defaultdict(int)
    for w in wishes:
        if w.cap is not None:
            caps[(w.cap.id, w.filiere)] += 1
    warnings: list[Warning] = []
    if school > rules.wishes.value:
        warnings.append(Warning("too_many_wishes", f"Tu as {school} vœux sous statut étudiant : Parcoursup en "
                                f"accepte {rules.wishes.value} au plus. Garde ceux qui comptent le plus pour toi."))
    if apprenticeship > rules.apprenticeship_wishes.value:
        warnings.append(Warning("too_many_apprenticeship", f"Tu as {apprenticeship} vœux en apprentissage : "
                                f"Parcoursup en accepte {rules.apprenticeship_wishes.value} au plus sur cette liste."))
    if sub > rules.sub_wishes.value:
        warnings.append(Warning("too_many_sub_wishes", f"Tes vœux multiples comptent {sub} sous-vœux : Parcoursup "
                                f"en accepte {rules.sub_wishes.value} au plus en tout{_uncounted_words(rules)}. "
                                "Retire quelques établissements."))
    for (cap_id, filiere), n in caps.items():
        cap = next(c for c in rules.caps if c.id == cap_id)
        if n > cap.value:
            ids = [fid for w in wishes if w.cap is cap and w.filiere == filiere for fid in w.formation_ids]
            name = catalogue.formation(ids[0]).label if ids and catalogue.formation(ids[0]) else filiere
            warnings.append(Warning("cap", f"{n} vœux pour « {name} » : Parcoursup en accepte {cap.value} au plus "
                                    f"(règle : {cap.label}).",
                                    list(dict.fromkeys(ids))))
    for w in wishes:
        if len(w.formation_ids) > 1:
            warnings.append(Warning("duplicate", f"« {w.label} » vient de {len(w.formation_ids)} de tes favoris : "
                                    "sur Parcoursup, c'est un seul vœu (on ne le compte qu'une fois).",
                                    list(w.formation_ids)))
        if w.provisional:
            warnings.append(Warning("no_place", f"« {w.label} » : choisis au moins un établissement pour en faire "
                                    "un vœu précis (compté ici comme un vœu).", list(w.formation_ids)))
    if gone:
        warnings.append(Warning("gone", f"{len(gone)} favori{'s' if len(gone) > 1 else ''} n'"
                                f"{'existent' if len(gone) > 1 else 'existe'} plus sur Parcoursup : "
                                "non compté.", list(gone)))
    return Count(wishes, gone, school, apprenticeship, sub, uncounted, dict(caps), warnings)

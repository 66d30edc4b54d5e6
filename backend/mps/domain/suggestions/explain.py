"""Why a formation is suggested, in plain French (tutoiement), with the figures the engine used."""
from __future__ import annotations

from mps.domain.catalogue.index import FormationRec
from mps.domain.profile.referential import BAC_KIND_LABEL, STATS_NAME_LABEL, load_referential
from mps.domain.suggestions import rules
from mps.domain.suggestions.schemas import Explanation, SuggestedPlace
from mps.domain.suggestions.standing import where_you_stand
from mps.lib.geo import distance_km

MAX_TOPIC_REASONS = 2
STATS_FAMILY_PHRASE = {
    "BUT Production": "un BUT du secteur de la production (industrie, informatique, sciences)",
    "BUT Service": "un BUT du secteur des services (gestion, commerce, social, communication)",
    "BTS Production": "un BTS du secteur de la production", "BTS Service": "un BTS du secteur des services",
    "BTS Agricole": "un BTS agricole", "CPGE S": "une prépa scientifique", "CPGE ECG": "une prépa économique et commerciale",
    "CPGE L": "une prépa littéraire", "CUPGE": "une prépa universitaire (CUPGE)", "DEUST": "un DEUST", "DCG": "un DCG",
    "D.E sanitaire": "un diplôme d'État du paramédical", "D.E  social": "un diplôme d'État du travail social",
    "Sciences po": "un institut d'études politiques", "Formations d'ART": "une formation artistique",
    "Ecoles d'ingénieurs": "une école d'ingénieurs", "Ecoles de Commerce": "une école de commerce",
    "PASS": "un PASS (accès santé)", "Licence L.AS": "une licence accès santé (L.AS)",
    "Formations des écoles nationales vétérinaires": "une école vétérinaire",
}


def fr_int(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def family_phrase(family: str) -> str:
    if family in STATS_FAMILY_PHRASE:
        return STATS_FAMILY_PHRASE[family]
    if family.startswith("Licence "):
        return "une licence " + family[len("Licence "):].replace(" l ", " l'").replace(" d ", " d'")
    return family


def pair_label(names: list[str]) -> str:
    labels = [STATS_NAME_LABEL.get(n, n) for n in names]
    if len(labels) == 1:
        return f"la spécialité {labels[0]}"
    return ", ".join(labels[:-1]) + " et " + labels[-1]


def nearest_places(model, i: int, coord_km: list[float] | None, villes, limit: int) -> list[SuggestedPlace]:
    """The formation's places nearest the student's towns first (the biggest first without towns)."""
    f = model.recs[i]
    if coord_km is not None:
        aligned = model.place_coord[i]
        rows = sorted(range(len(f.places)), key=lambda k: (aligned[k] < 0, coord_km[aligned[k]] if aligned[k] >= 0 else 0))
    else:
        rows = sorted(range(len(f.places)), key=lambda k: -(f.places[k].row.get("capacity") or 0))
    out = []
    for k in rows[:limit]:
        p = f.places[k]
        d = None
        if villes and p.lat is not None and p.lon is not None:  # exact great-circle figure for the few shown
            d = round(min(distance_km(v.lat, v.lon, p.lat, p.lon) for v in villes), 1)
        out.append(SuggestedPlace(p.cod_aff_form, p.etablissement, p.commune, d, p.taux_acces, p.parcoursup_url))
    return out


def _topic_reasons(model, ctx, i) -> list[Explanation]:
    ref = load_referential()
    items = sorted(ctx.topic.of(i).items(), key=lambda kv: -kv[1])[:MAX_TOPIC_REASONS]
    out = []
    doms = model.domains[i]
    for item, weight in items:
        if item.startswith("ci"):
            name = ref.interests.get(item, item)
            if i in model.interest_direct.get(item, ()):
                out.append(Explanation("interets", f"Tu as choisi « {name} » dans tes centres d'intérêt : "
                                                   "cette formation y prépare directement."))
            else:
                linked = next((d for d in rules.INTEREST_LINKS[item][0] if d in doms), None)
                out.append(Explanation("interets", f"Tu as choisi « {name} » : cette formation mène au domaine "
                                                   f"« {ref.domains.get(linked, '')} »."))
        elif item.startswith("dom") and item in doms:
            out.append(Explanation("domaines", f"Tu t'intéresses au domaine « {ref.domains.get(item, item)} » : "
                                               "cette formation y mène."))
        elif item.startswith("dom"):
            near = next((d for d in sorted(doms) if d in ref.domains), None)
            out.append(Explanation("domaines", f"Proche du domaine « {ref.domains.get(item, item)} » que tu as choisi : "
                                               f"elle mène au domaine « {ref.domains.get(near, '')} »."))
        elif item.startswith("MET_"):
            info = model.metiers[item]
            if weight >= 1.0:
                out.append(Explanation("metiers", f"Elle prépare au métier « {info.label} » que tu as en tête."))
            else:
                shared = sorted(doms & info.domains)
                dom_names = " et ".join(f"« {ref.domains[d]} »" for d in shared[:2])
                out.append(Explanation("metiers", f"Le métier « {info.label} » que tu as en tête relève du domaine "
                                                  f"{dom_names}, comme cette formation."))
        elif item.startswith("spe:") and not ctx.spe_scores.get(i):  # else the figures say it better
            spe = item[4:]
            out.append(Explanation("specialites", f"Elle prolonge ta spécialité « {spe} »."))
    return out


def _specialite_reason(model, ctx, i) -> Explanation | None:
    stats = ctx.spe_stats
    if not ctx.spe_scores.get(i) or stats is None:
        return None
    fams = [f for f in model.stats_families[i] if stats.accepted.get(f)]
    if not fams:
        return None
    fam = max(fams, key=lambda f: stats.accepted[f])
    n = stats.accepted[fam]
    share = 100 * n / stats.total
    share_text = f"{round(share)} %" if share >= 1 else "moins de 1 %"
    return Explanation("specialites", f"{fr_int(n)} élèves avec {pair_label(ctx.spe_names)} ont choisi "
                                      f"{family_phrase(fam)} au bac {stats.year}, soit {share_text} d'entre eux.")


def explain(model, ctx, i: int, places: list[SuggestedPlace]) -> list[Explanation]:
    f, p = model.recs[i], ctx.profile
    out = _topic_reasons(model, ctx, i)
    spe = _specialite_reason(model, ctx, i)
    if spe:
        out.append(spe)
    fav = ctx.fav_scores.get(i)
    if fav and fav[1] != i and fav[0] >= 0.5:
        out.append(Explanation("favoris", f"Elle ressemble à « {model.recs[fav[1]].label} », que tu as aimée."))
    if ctx.kind and model.bac_fit[ctx.kind][i] is not None:
        pct = round(model.bac_fit[ctx.kind][i])
        who = BAC_KIND_LABEL[ctx.kind]
        if pct >= 5:
            out.append(Explanation("bac", f"Sur l'ensemble de ses lieux, {pct} % des admis néo-bacheliers l'an dernier "
                                              f"venaient d'{who} comme toi."))
    if places and places[0].distance_km is not None and p.villes:
        first = places[0]
        town = min(p.villes, key=lambda v: _place_distance(f, first.cod_aff_form, v))
        out.append(Explanation("distance", f"Le lieu le plus proche, {first.etablissement} ({first.commune}), "
                                           f"est à {_km(first.distance_km)} de {town.nom}."))
    if p.duree in ("courte", "longue") and model.length[i] == p.duree:
        out.append(Explanation("duree", "Des études courtes, comme tu le souhaites." if p.duree == "courte"
                               else "Des études longues, comme tu le souhaites."))
    if p.alternance in ("interesse", "tres_interesse") and f.apprenticeship:
        out.append(Explanation("alternance", "Elle se prépare en alternance : tu signes un contrat d'apprentissage "
                                             "et l'entreprise te rémunère pendant ta formation."))
    if places and p.moyenne is not None:
        place = next(pl for pl in f.places if pl.cod_aff_form == places[0].cod_aff_form)
        st = where_you_stand(place, p.bac, p.moyenne)
        if st is not None:
            out.append(Explanation("position", f"À {place.etablissement} : {st.sentence}"))
    if not any(e.type not in ("bac", "position") for e in out):
        cap = model.capacity[i]
        text = f"Une formation proposée dans {fr_int(len(f.places))} lieu{'x' if len(f.places) > 1 else ''}"
        text += f", avec {fr_int(cap)} places l'an dernier." if cap else "."
        out.append(Explanation("populaire", text))
    return out


def _place_distance(f: FormationRec, cod: int, v) -> float:
    p = next(pl for pl in f.places if pl.cod_aff_form == cod)
    return distance_km(v.lat, v.lon, p.lat, p.lon)


def _km(d: float) -> str:
    return f"{d:.0f} km" if d >= 10 else f"{d:.1f} km".replace(".", ",")

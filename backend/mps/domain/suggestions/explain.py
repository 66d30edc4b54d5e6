"""Why a formation is suggested, in plain French (tutoiement), with the figures the engine used.

Written only for the formations returned, from the same vectors the ranking used (engine.Context).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from mps.domain.profile.referential import BAC_KIND_LABEL, STATS_NAME_LABEL, load_referential
from mps.domain.suggestions import rules
from mps.domain.suggestions.bac_pro import FIELD_SOUS_DOMAINE, load_fields
from mps.domain.suggestions.fit import hard_for_kind
from mps.domain.suggestions.geo import nearest_rows
from mps.domain.suggestions.schemas import Explanation, SuggestedPlace
from mps.domain.suggestions.series import load_series
from mps.domain.suggestions.standing import where_you_stand
from mps.domain.suggestions.topics import METIER_NAMED, SERIE_VOIE, sibling_domains
from mps.lib.geo import distance_terms_km, point_terms
from mps.lib.rounding import round_positive

MAX_TOPIC_REASONS = 2
FAVOURITE_LIKE = 0.4  # similarity from which « Elle ressemble à … » is said
# Said of a formation that comes last for the student's bac kind (fit.HARD_FOR_KIND): shown, and why it is last.
HARD_PATH = {"pro": "Peu de bacheliers professionnels y réussissent en venant directement du lycée : la plupart y "
                    "arrivent après un BTS (admission parallèle, prépa ATS, licence professionnelle), un chemin plus sûr."}
# Said first of a formation shown only because the profile's own matches were too few (engine.widen), by step.
WIDENED = {1: "Moins proche de tes centres d'intérêt, mais d'un domaine voisin{near} : peu de formations "
              "correspondent exactement à tes choix.",
           2: "Moins proche de tes centres d'intérêt, mais c'est une poursuite d'études courante après {bac} : peu de "
              "formations correspondent exactement à tes choix."}
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


@dataclass(slots=True)
class ShownPlaces:
    places: list[SuggestedPlace]
    first: object | None  # PlaceRec of the first place shown
    town: object | None  # the student's town it is nearest to


def shown_places(model, ctx, formations: list[int], limit: int) -> list[ShownPlaces]:
    """Per formation, the places shown: nearest the student's towns first (the biggest first without towns);
    for a student drawn to alternance its apprentice places first, and places reserved to other bacs last."""
    if ctx.coord_km is None:
        return [_shown(model, ctx, i, model.biggest_places[i][:limit], None) for i in formations]
    nearest = nearest_rows(model.grid, ctx.coord_km, ctx.coord_town, formations, limit, ctx.place_penalty)
    origins = [point_terms(v.lat, v.lon) for v in ctx.profile.villes]
    return [_shown(model, ctx, i, rows, towns, origins) for i, (rows, towns) in zip(formations, nearest)]


def place_cards(recs) -> list[tuple]:
    """What a shown place needs, per place (formations one after the other, as grid.place_coord), read once per
    catalogue: (cod_aff_form, etablissement, commune, taux_acces, url, remote, statut, (latitude radians, its
    cosine, longitude) or None)."""
    return [(p.cod_aff_form, p.etablissement, p.commune, p.taux_acces, p.parcoursup_url, p.remote, p.statut,
             None if p.lat is None else point_terms(p.lat, p.lon)) for f in recs for p in f.places]


def _shown(model, ctx, i: int, rows: list[int], towns: list[int] | None, origins=()) -> ShownPlaces:
    f, villes, cards, start = model.recs[i], ctx.profile.villes, model.place_cards, int(model.grid.place_start[i])
    out = []
    for n, k in enumerate(rows):
        cod, etablissement, commune, taux, url, remote, statut, at = cards[start + k]
        d = None
        if towns is not None and at is not None:  # great-circle figure for the few shown
            d = round_positive(distance_terms_km(origins[towns[n]], at), 1)
        out.append(SuggestedPlace(cod, etablissement, commune, d, taux, url, remote, statut))
    first = f.places[rows[0]] if rows else None
    return ShownPlaces(out, first, villes[towns[0]] if rows and towns is not None else None)


def _quote_list(names: list[str]) -> str:
    quoted = [f"« {x} »" for x in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " et " + quoted[-1]


def _metier_reason(model, item: str, weight: float, i: int, ref) -> Explanation:
    t = model.topics
    info = t.metiers[item]
    if weight >= METIER_NAMED:
        return Explanation("metiers", f"Elle prépare au métier « {info.label} » que tu as en tête.")
    shared = sorted(info.sous_domaines & t.sous_domaines[i])
    if shared:
        names = _quote_list([t.sd_names.get(s, s) for s in shared[:3]])
        return Explanation("metiers", f"L'ONISEP classe le métier « {info.label} » que tu as en tête et cette "
                                      f"formation dans {'le même domaine' if len(shared) == 1 else 'les mêmes domaines'}"
                                      f" : {names}.")
    parents = sorted({t.sd_parent[s] for s in info.sous_domaines if s in t.sd_parent}
                     & {t.sd_parent[s] for s in t.sous_domaines[i] if s in t.sd_parent})
    if parents:
        return Explanation("metiers", f"Le métier « {info.label} » que tu as en tête et cette formation sont du même "
                                      f"secteur pour l'ONISEP : « {parents[0]} ».")
    doms = [ref.domains[d] for d in sorted(t.domains[i] & info.domains) if d in ref.domains]
    if doms:
        return Explanation("metiers", f"Le métier « {info.label} » que tu as en tête relève du domaine "
                                      f"{_quote_list(doms[:2])}, comme cette formation.")
    return Explanation("metiers", f"Elle est proche du métier « {info.label} » que tu as en tête.")


def _topic_reasons(model, ctx, i: int, ref, weights: dict[str, float]) -> list[Explanation]:
    t = model.topics
    out = []
    doms = t.domains[i]
    for item, weight in sorted(weights.items(), key=lambda kv: -kv[1])[:MAX_TOPIC_REASONS]:
        if item.startswith("ci"):
            name = ref.interests.get(item, item)
            if t.interest_direct[item][i]:
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
            siblings = sibling_domains().get(item, ())
            near = next((d for d in sorted(doms, key=lambda d: d not in siblings) if d in ref.domains), None)
            out.append(Explanation("domaines", f"Proche du domaine « {ref.domains.get(item, item)} » que tu as choisi : "
                                               f"elle mène au domaine « {ref.domains.get(near, '')} »."))
        elif item.startswith("MET_"):
            out.append(_metier_reason(model, item, weight, i, ref))
        elif item.startswith("spe:") and item[4:] in t.bac_pro:
            out.append(_bac_pro_reason(model, item[4:], i, ref))
        elif item.startswith("spe:") and ctx.spe is None:  # else the figures of the spécialités say it better
            out.append(Explanation("specialites", f"Elle prolonge ta spécialité « {item[4:]} »."))
        elif item.startswith("bac:"):
            out.append(_serie_reason(model, item[4:], i, doms, ref))
    return out


def _bac_pro_reason(model, name: str, i: int, ref) -> Explanation:
    """Designed to continue the field, filed by ONISEP in its sector, or only in one of its domains."""
    field = model.topics.bac_pro[name]
    if field.voie[i]:
        if model.recs[i].family.startswith("BTS"):
            return Explanation("specialites", f"Ce BTS prolonge ton bac pro « {name} » : il est conçu pour ses bacheliers.")
        return Explanation("specialites", f"Cette formation prolonge ton bac pro « {name} ».")
    if field.weights[i] >= FIELD_SOUS_DOMAINE:
        return Explanation("specialites", f"Elle est du même secteur que ton bac pro « {name} ».")
    shared = next((ref.domains[d] for d in load_fields()[name].domains if d in model.topics.domains[i]), "")
    return Explanation("specialites", f"Elle mène au domaine « {shared} », celui de ton bac pro « {name} ».")


def _serie_reason(model, serie: str, i: int, doms, ref) -> Explanation:
    if model.topics.serie_vectors[serie][i] >= SERIE_VOIE:
        return Explanation("serie", f"C'est une poursuite d'études prévue pour les bacheliers {serie}.")
    shared = [ref.domains[d] for d in load_series()[serie].domains if d in doms and d in ref.domains]
    return Explanation("serie", f"Elle mène au domaine « {shared[0] if shared else ''} », l'un de ceux que "
                              f"prépare le bac {serie}.")


def _specialite_reason(model, ctx, i: int, spe: float, texts: dict[str, str]) -> Explanation | None:
    """`spe`: ctx.spe at i; `texts`: the sentences already written in this request, by family."""
    stats = ctx.spe_stats
    if ctx.spe is None or not spe or stats is None:
        return None
    fams = [f for f in model.stats_families[i] if stats.accepted.get(f)]
    if not fams:
        return None
    scores = ctx.family_scores
    fam = max(fams, key=lambda f: scores.get(f, 0.0))
    if fam not in texts:
        texts[fam] = _specialite_text(model, ctx, fam)
    return Explanation("specialites", texts[fam])


def _specialite_text(model, ctx, fam: str) -> str:
    stats = ctx.spe_stats
    n = stats.accepted[fam]
    share = 100 * n / stats.total
    share_text = f"{round(share)}\u00a0%" if share >= 1 else "moins de 1\u00a0%"
    text = (f"{fr_int(n)} élèves avec {pair_label(ctx.spe_names)} ont choisi {family_phrase(fam)} au bac {stats.year}, "
            f"soit {share_text} d'entre eux")
    everyone = model.all_students
    base = everyone.accepted.get(fam, 0) / everyone.total if everyone.total else 0
    lift = share / 100 / base if base else 0
    if lift >= 1.5:
        text += f" : {round(lift) if lift >= 2 else '1,5'} fois plus que l'ensemble des bacheliers généraux"
    return text + "."


def explain_all(model, ctx, formations: list[int], shown: list[ShownPlaces]) -> list[list[Explanation]]:
    """explain() of each formation returned. What they share is read once: the referential, and each profile
    item's weights and the figures read for these formations in one take per array (Python floats: a numpy
    scalar costs ten times more to index, compare and round), the spécialités sentence once per family."""
    ref, k = load_referential(), len(formations)
    columns = [(item, v[formations].tolist()) for item, v in ctx.items.items()]
    pct = model.bac_fit[ctx.kind][formations].tolist() if ctx.kind else [math.nan] * k
    spe = ctx.spe[formations].tolist() if ctx.spe is not None else [0.0] * k
    sim, like = (ctx.fav[0][formations].tolist(), ctx.fav[1][formations].tolist()) if ctx.fav is not None else (
        [0.0] * k, [-1] * k)
    texts: dict[str, str] = {}
    return [explain(model, ctx, i, s, ref, {item: col[n] for item, col in columns if col[n] > 0},
                    (pct[n], spe[n], sim[n], like[n]), texts) for n, (i, s) in enumerate(zip(formations, shown))]


def explain(model, ctx, i: int, shown: ShownPlaces, ref, weights: dict[str, float], figures: tuple,
            texts: dict[str, str]) -> list[Explanation]:
    """Why formation i is suggested. `weights`: the profile items that point to it (ctx.items' values at i);
    `figures`: (bac fit %, spécialités score, similarity to a favourite, which favourite) at i."""
    f, p = model.recs[i], ctx.profile
    pct, spe_score, sim, which = figures
    step = ctx.widened.get(i)
    out = [_widened(model, ctx, i, step, ref)] if step else []
    out += _topic_reasons(model, ctx, i, ref, weights)
    spe = _specialite_reason(model, ctx, i, spe_score, texts)
    if spe:
        out.append(spe)
    if which >= 0 and which != i and sim >= FAVOURITE_LIKE:
        out.append(Explanation("favoris", f"Elle ressemble à « {model.recs[which].label} », que tu as aimée."))
    if ctx.kind in HARD_PATH and hard_for_kind(model, ctx.kind)[i]:
        out.append(Explanation("bac", HARD_PATH[ctx.kind]))
    elif not math.isnan(pct) and round(pct) >= 5:
        out.append(Explanation("bac", f"Sur l'ensemble de ses lieux, {round(pct)}\u00a0% des admis néo-bacheliers l'an "
                                      f"dernier venaient d'{BAC_KIND_LABEL[ctx.kind]} comme toi."))
    elif math.isnan(pct) and ctx.kind in BAC_KIND_LABEL:  # unknown is not « few »: say it, ranked as neither
        out.append(Explanation("bac", f"La part des admis venant d'{BAC_KIND_LABEL[ctx.kind]} est inconnue : "
                                      "aucun chiffre n'est publié pour ses lieux."))
    first = shown.places[0] if shown.places else None
    if first is not None and first.distance_km is not None and shown.town is not None:
        out.append(Explanation("distance", f"Le lieu le plus proche, {first.etablissement} ({first.commune}), "
                                           f"est à {_km(first.distance_km)} de {shown.town.nom}."))
    if p.duree in ("courte", "longue") and model.length[i] == (1 if p.duree == "courte" else 2):
        out.append(Explanation("duree", "Des études courtes, comme tu le souhaites." if p.duree == "courte"
                               else "Des études longues, comme tu le souhaites."))
    if p.alternance in ("interesse", "tres_interesse") and f.apprenticeship:
        where = "" if len(f.places) == 1 else f" dans {fr_int(f.apprenticeship_places)} de ses lieux"
        out.append(Explanation("alternance", f"Elle se prépare en alternance{where} : tu signes un contrat "
                                             "d'apprentissage et l'entreprise te rémunère pendant ta formation."))
    if shown.first is not None and p.moyenne is not None:
        st = where_you_stand(shown.first, p.bac, p.moyenne)
        if st is not None:
            out.append(Explanation("position", f"À {shown.first.etablissement} : {st.sentence}"))
    if not any(e.type not in ("bac", "position", "elargi") for e in out):
        cap = int(model.capacity[i])
        text = f"Une formation proposée dans {fr_int(len(f.places))} lieu{'x' if len(f.places) > 1 else ''}"
        text += f", avec {fr_int(cap)} places l'an dernier." if cap else "."
        out.append(Explanation("populaire", text))
    return out


def _widened(model, ctx, i: int, step: int, ref) -> Explanation:
    """« Moins proche de tes centres d'intérêt, mais… », naming the neighbouring domain when there is one: a domain
    of the formation next to one the student chose or an interest leads to."""
    p = ctx.profile
    asked = set(p.domaines) | {d for ci in p.interets for d in rules.INTEREST_LINKS.get(ci, ((), ()))[0]}
    near = {d for a in asked for d in sibling_domains().get(a, ())} - asked
    name = next((ref.domains[d] for d in sorted(model.topics.domains[i] & near) if d in ref.domains), None)
    return Explanation("elargi", WIDENED[step].format(near=f", «\u00a0{name}\u00a0»" if name else "",
                                                      bac=BAC_KIND_LABEL.get(ctx.kind, "le bac")))


def _km(d: float) -> str:
    return f"{d:.0f} km" if d >= 10 else f"{d:.1f} km".replace(".", ",")

"""« Mes vœux »: a person's favourites as a Parcoursup wish plan (counted, checked, linked, dated).

Read-only over the favourites: every write to a mark goes through mps.domain.favourites.service.
`viewer` says who looks: the student ("owner") sees their notes; family and teacher ("shared") see a
note only when the student chose to share it.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.presenters import onisep_url
from mps.domain.favourites import ambition
from mps.domain.favourites.service import added, chosen_places, formation_marks
from mps.domain.timeline.confirm import current_years
from mps.domain.timeline.data import Step, school_year_name
from mps.domain.timeline.service import paris_today, steps_of, when_words
from mps.lib.school_calendar import school_year_of
from mps.domain.plan import counting
from mps.domain.plan.rules import Rules, rules_for, session_of
from mps.domain.plan.schemas import (Plan, PlanBalance, PlanCounts, PlanDeadline, PlanGone, PlanPlace, PlanRule,
                                     PlanWarning, PlanWish)
from mps.domain.profile.service import load_profile

OWNER, SHARED = "owner", "shared"


def warning_labels(rules: Rules | None = None) -> dict[str, str]:
    """The plan's warnings in a third person's words (family, teacher), by kind; the limits quoted are the
    session's (this school year's by default), read from its rules file."""
    rules = rules or rules_for(session_of(paris_today()))
    caps = " ; ".join(c.label for c in rules.caps)
    return {"too_many_wishes": f"Plus de {rules.wishes.value} vœux sous statut étudiant",
            "too_many_apprenticeship": f"Plus de {rules.apprenticeship_wishes.value} vœux en apprentissage",
            "too_many_sub_wishes": f"Plus de {rules.sub_wishes.value} sous-vœux",
            "cap": f"Limite dépassée : {caps}" if caps else "Trop de vœux dans une filière limitée",
            "duplicate": "Vœux en double", "no_place": "Vœux sans établissement choisi",
            "gone": "Favori plus proposé sur Parcoursup"}


DEADLINES_SHOWN = 3


async def parcoursup_steps(db: AsyncSession, today: date) -> list[Step]:
    """This school year's Parcoursup steps not over yet, from the timeline (one calendar for the whole site)."""
    year = (await current_years(db)).get(school_year_name(school_year_of(today)))
    return [s for s in steps_of(year, None) if s.kind == "parcoursup" and s.end >= today]


def deadline_doc(step: Step) -> PlanDeadline:
    day = step.end if step.deadline else step.start
    return PlanDeadline(day, when_words(step.start, step.end), step.title, step.provisional)


def rule_docs(rules: Rules) -> list[PlanRule]:
    def doc(rule_id: str, rule) -> PlanRule:
        src = rules.sources[rule.source]
        return PlanRule(rule_id, rule.label, getattr(rule, "quote", None) or getattr(rule, "why", ""), src.title,
                        src.url, rule.a_verifier)
    out = [doc("wishes", rules.wishes), doc("apprenticeship_wishes", rules.apprenticeship_wishes),
           doc("one_per_formation", rules.one_per_formation), doc("sub_wishes", rules.sub_wishes)]
    out += [doc(c.id, c) for c in rules.caps] + [doc(m.id, m) for m in rules.multiple]
    return out + [doc(u.id, u) for u in rules.unmatched]


def missing(count: counting.Count, rules: Rules, balance: PlanBalance) -> list[str]:
    """What the plan lacks, kindly worded: never a reason to drop a dream."""
    out = []
    if not count.wishes:
        return ["Aucun vœu pour l'instant : ajoute des formations à tes favoris, elles apparaîtront ici."]
    if balance.safe == 0:
        out.append("Aucun vœu sûr : ajoute au moins une formation où tes chances sont fortes.")
    left = rules.wishes.value - count.school
    if left > 0:
        out.append(f"{left} vœu{'x' if left > 1 else ''} de plus possible{'s' if left > 1 else ''} "
                   "sous statut étudiant.")
    if any(w.provisional for w in count.wishes):
        out.append("Des vœux sans établissement choisi : choisis où tu veux candidater.")
    return out


def _place_doc(place, position: str, added: bool) -> PlanPlace:
    return PlanPlace(place.cod_aff_form, place.etablissement, place.commune, place.departement_code, place.option,
                     place.apprenticeship, position, ambition.POSITION_LABELS[position], place.parcoursup_url,
                     place.formation_id, added)


async def plan_count(db: AsyncSession, catalogue, person_id: str, *, today: date | None = None) -> counting.Count:
    """Only the counts and warnings (a class dashboard's row): no profile, ambition, dates nor rule texts."""
    rules = rules_for(session_of(today or paris_today()))
    marks = [m for m in await formation_marks(db, person_id) if m.kind == "favori"]
    return counting.count(rules, catalogue, [counting.Favourite(m.formation_id, tuple(chosen_places(m)))
                                             for m in marks])


async def plan_doc(db: AsyncSession, catalogue, person_id: str | None, *, today: date | None = None,
                   viewer: str = OWNER) -> Plan:
    today = today or paris_today()
    session = session_of(today)
    rules = rules_for(session)
    marks = [m for m in (await formation_marks(db, person_id) if person_id else []) if m.kind == "favori"]
    by_id = {m.formation_id: m for m in marks}
    favourites = [counting.Favourite(m.formation_id, tuple(chosen_places(m))) for m in marks]
    count = counting.count(rules, catalogue, favourites)
    profile = await load_profile(db, person_id)
    bac, moyenne = getattr(profile, "bac", None), getattr(profile, "moyenne", None)
    wishes, ranks = [], {counting.SCHOOL: 0, counting.APPRENTICESHIP: 0}
    for wish in count.wishes:
        ranks[wish.status] += 1  # numbered within its list, as on Parcoursup
        rank = ranks[wish.status]
        places = []
        for p in wish.places:
            position = ambition.place_position(p, bac, moyenne)
            mark = by_id.get(p.formation_id)
            places.append(_place_doc(p, position, bool(mark and p.cod_aff_form in added(mark))))
        own = [by_id[f] for f in wish.formation_ids]
        # « Déjà sur Parcoursup » belongs to the wish: all its places (sub-wishes) marked; a wish with no
        # place chosen yet carries its favourite's own mark.
        on_parcoursup = all(p.on_parcoursup for p in places) if places else all(m.on_parcoursup for m in own)
        shared_note = all(m.note_shared for m in own)
        notes = [m.note for m in own if m.note and (viewer == OWNER or m.note_shared)]
        first = catalogue.formation(wish.formation_ids[0])
        wishes.append(PlanWish(
            rank=rank, label=wish.label, status=wish.status, status_label=counting.STATUS_LABELS[wish.status],
            multiple=wish.multiple, rule_id=wish.rule.id if wish.rule else None,
            rule_label=wish.rule.label if wish.rule else None,
            sub_wishes_counted=bool(wish.rule and wish.rule.sub_wishes_counted),
            a_verifier=bool(wish.rule and wish.rule.a_verifier) or wish.unsure is not None,
            provisional=wish.provisional,
            formation_ids=list(wish.formation_ids), places=places, onisep_url=onisep_url(first.label),
            parcoursup_url=places[0].parcoursup_url if places else None,
            on_parcoursup=on_parcoursup, note="\n\n".join(notes) if notes else None, note_shared=shared_note,
            places_on_parcoursup=sum(1 for p in places if p.on_parcoursup),
            to_check=wish.unsure.why if wish.unsure else None))
    # The favourites page's check: a wish with no place chosen yet is judged by the place standing in for it
    # there, so both pages give the student the same balance (counting only chosen places said « 0 · 0 · 0 »
    # and « Aucun vœu sûr » here while « Mes favoris » counted the same favourites « dans la course »).
    check = ambition.check(catalogue, [(m.formation_id, chosen_places(m)) for m in marks], profile)
    balance = PlanBalance(check.counts["reach"], check.counts["target"], check.counts["safe"], check.balance)
    counts = PlanCounts(count.school, rules.wishes.value, count.apprenticeship, rules.apprenticeship_wishes.value,
                        count.sub_wishes, rules.sub_wishes.value, count.uncounted_sub_wishes,
                        sum(1 for w in wishes if w.on_parcoursup), len(wishes))
    gone = [PlanGone(fid, "Formation plus proposée sur Parcoursup") for fid in count.gone]
    return Plan(session=session, rules_session=rules.session, wishes=wishes, counts=counts,
                warnings=[PlanWarning(w.kind, w.text, w.formation_ids) for w in count.warnings],
                missing=missing(count, rules, balance), balance=balance,
                deadlines=sorted((deadline_doc(s) for s in await parcoursup_steps(db, today)),
                                 key=lambda d: d.day)[:DEADLINES_SHOWN],
                gone=gone, rules=rule_docs(rules))

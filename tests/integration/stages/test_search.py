"""Geo search on SQLite (R*Tree) and PostgreSQL (GiST): distance order and radius, filters, keyword with
accents and typos, hidden offers (no seat, period begun, not published, demo), fairness (reserved offers,
early access for REP / REP+ students)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from mps.domain.stages import service
from mps.domain.stages.search import StageQuery, Viewer, search, stage_query
from mps.lib.errors import FieldError
from tests.integration.stages.helpers import (AMIENS, ARRAS, LENS, LILLE, ROUBAIX, SIRETS, YEAR, clock, employer_org,
                                              published, run)

EVERYONE = Viewer()
REP_SCHOOL = "0590001A"  # any UAI: eligibility is given to the viewer here (REP status lookups: test_api.py)


def titles(items):
    return [i.title for i in items]


def seed(board, geocoder):
    """Five published offers at known distances from Lille, all open to everyone."""
    async def work(db):
        _, org = await employer_org(db, verified=True)
        await published(db, board, geocoder, org, title="Atelier bois à Lens", lat=LENS[0], lon=LENS[1], commune="Lens")
        await published(db, board, geocoder, org, title="Pâtisserie du centre", lat=LILLE[0], lon=LILLE[1],
                        secteur="s28", periodes=["semaine-1"])
        await published(db, board, geocoder, org, title="Soins infirmiers à l'hôpital", lat=ROUBAIX[0], lon=ROUBAIX[1],
                        commune="Roubaix", secteur="s43", periodes=["semaine-2"], accessible=True)
        await published(db, board, geocoder, org, title="Mairie d'Arras", lat=ARRAS[0], lon=ARRAS[1], commune="Arras",
                        secteur="s25", niveau="3e", periodes=[f"{YEAR}-W20"])
        await published(db, board, geocoder, org, title="Amiens : trop loin", lat=AMIENS[0], lon=AMIENS[1],
                        commune="Amiens")
    run_url = work
    return run_url


async def find(db, board, viewer=EVERYONE, now=None, **kw):
    now_, today = clock()
    query = StageQuery(lat=LILLE[0], lon=LILLE[1], **{"radius_km": 60, **kw})
    return await search(db, board, query, viewer, now or now_, today)


def test_sorted_by_distance_within_the_radius(empty_db, board, geocoder):
    run(empty_db, seed(board, geocoder))

    async def work(db):
        total, items = await find(db, board)
        assert total == 4 and titles(items) == ["Pâtisserie du centre", "Soins infirmiers à l'hôpital",
                                                "Atelier bois à Lens", "Mairie d'Arras"]  # Amiens is 99 km away
        assert [i.distance_km for i in items] == [0.0, 10.1, 27.9, 43.4]
        assert (await find(db, board, radius_km=20))[0] == 2
        assert (await find(db, board, radius_km=5))[0] == 1
        roubaix = items[1]
        assert roubaix.periods == ["semaine-2"] and roubaix.seats_left == 2 and roubaix.accessible
        assert roubaix.secteur == "s43" and roubaix.secteur_label == "Santé" and roubaix.commune == "Roubaix"
    run(empty_db, work)


def test_filters_sector_level_period_and_keyword(empty_db, board, geocoder):
    run(empty_db, seed(board, geocoder))

    async def work(db):
        assert titles((await find(db, board, secteur="s43"))[1]) == ["Soins infirmiers à l'hôpital"]
        assert titles((await find(db, board, niveau="3e"))[1]) == ["Mairie d'Arras"]
        assert titles((await find(db, board, niveau="seconde", periode="semaine-1"))[1]) == [
            "Pâtisserie du centre", "Atelier bois à Lens"]  # both weeks cover week 1
        assert titles((await find(db, board, periode="deux-semaines"))[1]) == ["Atelier bois à Lens"]
        assert titles((await find(db, board, periode=f"{YEAR}-W20"))[1]) == ["Mairie d'Arras"]
        for q in ("patisserie", "PÂTISSERIE", "patisseri", "patiserie", "pâtissreie"):  # accents, prefix, typos
            assert titles((await find(db, board, q=q))[1]) == ["Pâtisserie du centre"], q
        assert titles((await find(db, board, q="infirmier hopital"))[1]) == ["Soins infirmiers à l'hôpital"]
        assert titles((await find(db, board, q="infirmières"))[1]) == ["Soins infirmiers à l'hôpital"]
        assert (await find(db, board, q="boulangerie"))[0] == 0
        assert (await find(db, board, q="roubaix"))[0] == 1  # the commune is searchable too
    run(empty_db, work)


def test_hidden_without_seats_after_start_or_unpublished(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        full = await published(db, board, geocoder, org, title="Complet", periodes=["semaine-1"], seats=1)
        for p in (await service.periods_of(db, [full.id]))[full.id]:
            p.taken = 1  # what accepted applications do (issue 15), then the offer's open_until follows
        await db.flush()
        await service.refresh_open_periods(db, full.id)
        partly = await published(db, board, geocoder, org, title="Une semaine encore libre",
                                 periodes=["semaine-1", "semaine-2"], seats=1)
        for p in (await service.periods_of(db, [partly.id]))[partly.id]:
            p.taken = 1 if p.code == "semaine-1" else 0
        await db.flush()
        await service.refresh_open_periods(db, partly.id)
        past = await published(db, board, geocoder, org, title="Semaine passée", niveau="3e",
                               periodes=[f"{YEAR - 1}-W40"], school_year=YEAR)
        draft = await service.save_offer(db, board, geocoder, org, service_offer("Brouillon"))
        _, newcomer = await employer_org(db, siret=SIRETS[1], name="Nouvelle entreprise")
        waiting = await service.save_offer(db, board, geocoder, newcomer, service_offer("En attente"))
        await service.submit_offer(db, board, newcomer, waiting)
        closed = await published(db, board, geocoder, org, title="Fermée")
        await service.close_offer(db, closed)
        await db.flush()
        total, items = await find(db, board)
        assert titles(items) == ["Une semaine encore libre"] and total == 1
        assert items[0].periods == ["semaine-2"] and items[0].seats_left == 1
        assert past.status == "published" and draft.status == "draft" and waiting.status == "pending"
    run(empty_db, work)


def service_offer(title):
    from tests.integration.stages.helpers import offer_in
    return offer_in(title=title)


def test_reserved_offers_only_for_eligible_students(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        await published(db, board, geocoder, org, title="Ouverte à tous")
        await published(db, board, geocoder, org, title="Réservée REP", reserved="ep")
        await published(db, board, geocoder, org, title="Réservée au collège", reserved="schools",
                        reserved_uais=["0590002B", REP_SCHOOL])
        assert titles((await find(db, board))[1]) == ["Ouverte à tous"]
        rep = Viewer(priority=True, school_uai="0599999Z")
        assert set(titles((await find(db, board, rep))[1])) == {"Ouverte à tous", "Réservée REP"}
        named = Viewer(priority=False, school_uai="0590002b")
        assert set(titles((await find(db, board, named))[1])) == {"Ouverte à tous", "Réservée au collège"}
        both = Viewer(priority=True, school_uai=REP_SCHOOL)
        assert (await find(db, board, both))[0] == 3
    run(empty_db, work)


def test_early_access_window_for_rep_students(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        offer = await published(db, board, geocoder, org, early=True, title="Tout juste publiée")
        days, _ = board.early_access(offer.school_year)
        assert days > 0
        start = offer.published_at
        rep = Viewer(priority=True)
        # During the window: REP / REP+ students only; after it, everyone.
        assert (await find(db, board, EVERYONE, now=start + timedelta(hours=1)))[0] == 0
        assert (await find(db, board, rep, now=start + timedelta(hours=1)))[0] == 1
        later = max(offer.open_to_all_at, start) + timedelta(minutes=1)
        assert (await find(db, board, EVERYONE, now=later))[0] == 1
        assert (await find(db, board, rep, now=start - timedelta(minutes=1)))[0] == 0  # not before publication
    run(empty_db, work)


def test_demo_offers_never_mixed_with_real_ones(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        await published(db, board, geocoder, org, title="Vraie offre")
        _, demo_org = await employer_org(db, siret=SIRETS[2], name="Démo", verified=True)
        demo_org.demo = True
        await published(db, board, geocoder, demo_org, title="Offre de démonstration")
        assert titles((await find(db, board))[1]) == ["Vraie offre"]
        assert titles((await find(db, board, Viewer(demo=True)))[1]) == ["Offre de démonstration"]
    run(empty_db, work)


def test_highlight_sectors_of_favourites(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        await published(db, board, geocoder, org, title="Hôpital", secteur="s43")
        await published(db, board, geocoder, org, title="Garage", secteur="s8", lat=ROUBAIX[0], lon=ROUBAIX[1])
        viewer = Viewer(highlight=frozenset(board.sectors_for_domains({"dom27"})))  # Santé
        _, items = await find(db, board, viewer)
        assert [(i.title, i.highlighted) for i in items] == [("Hôpital", True), ("Garage", False)]
    run(empty_db, work)


@pytest.mark.parametrize("params,field", [
    ({}, "near"), ({"near": "abc"}, "near"), ({"near": "91,3"}, "near"), ({"near": "nan,3"}, "near"),
    ({"near": "50,3", "radius_km": "100"}, "radius_km"), ({"near": "50,3", "radius_km": "2"}, "radius_km"),
    ({"near": "50,3", "radius_km": "dix"}, "radius_km"), ({"near": "50,3", "secteur": "s0"}, "secteur"),
    ({"near": "50,3", "niveau": "cm2"}, "niveau"), ({"near": "50,3", "periode": "semaine-9"}, "periode"),
    ({"near": "50,3", "niveau": "3e", "periode": "semaine-1"}, "periode"), ({"near": "50,3", "q": "x" * 201}, "q"),
    ({"near": "50,3", "page": "0"}, "page"),
])
def test_bad_parameters_name_the_field(board, params, field):
    with pytest.raises(FieldError) as e:
        stage_query(board, params, clock()[1])
    assert e.value.field == field


def test_parameters_read_by_name_or_code(board):
    q = stage_query(board, {"near": "50.63,3.06", "secteur": "sante", "niveau": "Seconde", "radius_km": "15,5"},
                    clock()[1])
    assert (q.secteur, q.niveau, q.radius_km, q.lat) == ("s43", "seconde", 15.5, 50.63)
    assert stage_query(board, {"near": "50,3", "periode": f"{YEAR}-W10"}, clock()[1]).niveau == "3e"


def test_dense_area_pages_are_the_nearest_and_the_total_stops_counting(empty_db, board, geocoder, monkeypatch):
    """Past MAX_TOTAL matches the total says « more » and each page comes from a smaller circle: the same
    offers in the same order as sorting every match, page after page, with and without a sector."""
    import random

    from mps.domain.stages import nearest, search as module

    rng = random.Random(5)

    async def work(db):
        _, org = await employer_org(db, verified=True)
        for i in range(24):  # a cluster around Lille, two sectors, and a few far away
            lat, lon = LILLE[0] + rng.uniform(-0.04, 0.04), LILLE[1] + rng.uniform(-0.06, 0.06)
            await published(db, board, geocoder, org, title=f"Offre {i}", lat=lat, lon=lon,
                            secteur=("s25", "s28")[i % 2])
        await published(db, board, geocoder, org, title="Lens", lat=LENS[0], lon=LENS[1], commune="Lens")

    run(empty_db, work)

    async def pages(db, **kw):
        return [[(i.id, i.distance_km) for i in (await find(db, board, page=p, **kw))[1]] for p in range(1, 7)]

    async def check(db):
        for kw in ({}, {"secteur": "s28"}, {"radius_km": 5}):
            every = await pages(db, **kw)
            total = (await find(db, board, **kw))[0]
            monkeypatch.setattr(nearest, "MAX_TOTAL", 6)
            monkeypatch.setattr(module, "PAGE_SIZE", 4)
            small = await pages(db, **kw)
            capped = (await find(db, board, **kw))[0]
            monkeypatch.undo()
            flat = [x for page in every for x in page]
            assert [x for page in small for x in page] == flat[:24], kw  # pages of 4 over the same order
            assert total == len(flat)
            assert capped == (7 if total > 6 else total)
    run(empty_db, check)

"""The period filter reads the offer's period mask (migration 0030_stage_period_mask): it finds exactly the
offers a look-up of their periods finds (a period with a seat left, not begun, covering the asked days), as
seats are taken and given back, on random offers and days; the migration fills the mask of existing offers."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, insert, select

from mps.db.migrate import alembic_config, upgrade
from mps.db.models import StageOffer, StageOfferPeriod
from mps.domain.stages import demo, service
from mps.domain.stages.demo import Anchor
from mps.domain.stages.periods import SECONDE_PERIODS, period_mask, school_weeks, seconde_span, span_of
from mps.domain.stages.search import StageQuery, Viewer, search
from tests.conftest import BACKENDS
from tests.integration.db.one_session import run_in_session
from tests.integration.stages.helpers import LILLE, YEAR, clock, employer_org, run


def _rows(board, org_id, rng, n=160):
    now, _ = clock()
    anchor = Anchor("Lycée", "Lille", "59000", *LILLE)
    weeks = [w.code for w in school_weeks(YEAR)]
    out = []
    for _ in range(n):
        row, periods = demo.offer_rows(board, org_id, anchor, rng, YEAR, now, demo=False)
        if row["niveau"] == "3e":  # any week of the school year, begun or not: the days below start from September
            periods = [(c, rng.randint(1, 2)) for c in sorted(rng.sample(weeks, rng.randint(1, 3)))]
        else:
            periods = [(c, rng.randint(1, 2)) for c in rng.choice([["deux-semaines"], ["semaine-1"], ["semaine-2"],
                                                                   ["semaine-1", "semaine-2"], list(SECONDE_PERIODS)])]
        row.update(lat=round(LILLE[0] + rng.uniform(-0.2, 0.2), 5), lon=round(LILLE[1] + rng.uniform(-0.3, 0.3), 5),
                   open_until=max(span_of(row["niveau"], c, YEAR).starts_on for c, _ in periods),
                   period_mask=period_mask(c for c, _ in periods))
        out.append((row, periods))
    return out


def _brute_force(offers, periods, q: StageQuery, today) -> list[int]:
    """The visible offers having a period with a seat left, not begun, covering all the asked days (what
    the search's EXISTS on the periods asked before the mask), nearest first as nearest.py sorts them."""
    asked = span_of(q.niveau, q.periode, YEAR)
    found = []
    for o in offers:
        if o.niveau != q.niveau or o.open_until is None or o.open_until <= today or o.reserved:
            continue
        if not any(p.taken < p.seats and today < p.starts_on <= asked.starts_on and p.ends_on >= asked.ends_on
                   for p in periods.get(o.id, ())):
            continue
        found.append(o.id)
    return found


def test_period_filter_matches_the_periods_as_seats_are_taken(empty_db, board):
    rng = random.Random(30)

    async def write(db):
        _, org = await employer_org(db, verified=True)
        await demo.write_offers(db, _rows(board, org.id, rng))
    run(empty_db, write)

    first, second = seconde_span("semaine-1", YEAR), seconde_span("semaine-2", YEAR)
    weeks = school_weeks(YEAR)
    days = [weeks[0].starts_on - timedelta(days=3), weeks[len(weeks) // 2].starts_on, weeks[-8].starts_on + timedelta(days=2),
            first.starts_on - timedelta(days=1), first.starts_on, second.starts_on - timedelta(days=1)]

    async def check(db):
        now, _ = clock()
        compared = 0
        for round_ in range(3):
            if round_:  # seats taken (all of a period) and given back, through the service's write path
                for p in rng.sample(list((await db.execute(select(StageOfferPeriod))).scalars()), 60):
                    p.taken = p.seats if rng.random() < 0.7 else 0
                    await db.flush()
                    await service.refresh_open_periods(db, p.offer_id)
                await db.flush()
            offers = (await db.execute(select(StageOffer))).scalars().all()
            periods: dict[int, list] = {}
            for p in (await db.execute(select(StageOfferPeriod))).scalars():
                periods.setdefault(p.offer_id, []).append(p)
            for today in days:
                asked = [*SECONDE_PERIODS, *rng.sample([w.code for w in weeks], 6), weeks[len(weeks) // 2].code]
                for code in asked:
                    niveau = "seconde" if code in SECONDE_PERIODS else "3e"
                    q = StageQuery(lat=LILLE[0], lon=LILLE[1], radius_km=60, niveau=niveau, periode=code)
                    expected = set(_brute_force(offers, periods, q, today))
                    got, page = [], 1
                    while True:
                        total, items = await search(db, board, StageQuery(**{**q.__dict__, "page": page}), Viewer(),
                                                    now, today)
                        got += [i.id for i in items]
                        if len(items) < 20:
                            break
                        page += 1
                    assert set(got) == expected and total == len(expected), (code, today, round_)
                    compared += len(expected)
        assert compared > 500  # the queries do find offers
    run(empty_db, check)


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_fills_the_mask_of_existing_offers(databases, backend, board):
    url = databases.new(backend)
    command.upgrade(alembic_config(url), "0027_stage_figures_job")
    rng = random.Random(29)

    async def old_offers(db):  # written as the code before 0030 did: no mask column
        _, org = await employer_org(db, verified=True)
        conn = await db.connection()
        table = await conn.run_sync(lambda c: Table("stage_offers", MetaData(), autoload_with=c))
        rows = _rows(board, org.id, rng, 60)
        ids = []
        for row, periods in rows:
            row = {k: v for k, v in row.items() if k != "period_mask"}
            offer_id = (await db.execute(insert(table).values(row).returning(table.c.id))).scalar_one()
            for i, (code, seats) in enumerate(periods):
                span = span_of(row["niveau"], code, row["school_year"])
                db.add(StageOfferPeriod(offer_id=offer_id, code=code, starts_on=span.starts_on, ends_on=span.ends_on,
                                        seats=seats, taken=seats if i == 0 and rng.random() < 0.5 else 0))
            ids.append(offer_id)
        return ids
    run_in_session(url, old_offers)
    upgrade(url)

    async def masks(db):
        open_codes: dict[int, list[str]] = {}
        for p in (await db.execute(select(StageOfferPeriod))).scalars():
            open_codes.setdefault(p.offer_id, [])
            if p.taken < p.seats:
                open_codes[p.offer_id].append(p.code)
        got = dict((await db.execute(select(StageOffer.id, StageOffer.period_mask))).all())
        return got, {i: period_mask(codes) for i, codes in open_codes.items()}
    got, expected = run_in_session(url, masks)
    assert got == expected and len(got) == 60 and len(set(got.values())) > 5 and 0 in got.values()

    command.downgrade(alembic_config(url), "0027_stage_figures_job")
    upgrade(url)
    assert run_in_session(url, masks)[0] == expected

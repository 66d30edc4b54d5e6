"""Searches answered from each worker's copy of the offers (offer_memory.py, migrations 0031 and 0032) find exactly
what the SQL finds: random offers (reservations, early access, demo, closed, periods, levels, sectors) and random
viewers and queries, every page, keyword searches included (offer_words.py); and a change committed elsewhere (another worker) shows in the next search."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select, update

from mps.db.engine import make_engine
from mps.db.models import StageOffer
from mps.domain.stages import demo, nearest as nearest_module, offer_words
from mps.domain.stages.demo import Anchor
from mps.domain.stages.periods import SECONDE_PERIODS, school_weeks
from mps.domain.stages.search import StageQuery, Viewer, search
from tests.integration.stages.helpers import LILLE, YEAR, clock, employer_org, run

UAIS = ["0590001A", "0590002B", "0590003c"]
SECTORS = ["s8", "s25", "s43"]


def _offers(board, org_id, rng, n=300):
    now, _ = clock()
    anchor = Anchor("Lycée", "Lille", "59000", *LILLE)
    out = []
    for _ in range(n):
        row, periods = demo.offer_rows(board, org_id, anchor, rng, YEAR, now, demo=rng.random() < 0.1)
        reserved = rng.choice(["", "", "", "ep", "schools"])
        row.update(secteur=rng.choice(SECTORS), reserved=reserved,
                   reserved_uais="|" + "|".join(rng.sample(UAIS, 2)) + "|" if reserved == "schools" else "",
                   lat=round(LILLE[0] + rng.uniform(-0.4, 0.4), 5), lon=round(LILLE[1] + rng.uniform(-0.6, 0.6), 5),
                   status=rng.choice(["published"] * 8 + ["closed", "pending"]),
                   open_to_all_at=now + timedelta(days=rng.choice([-3, -3, 5])))
        if rng.random() < 0.05:
            row["open_until"] = None
        out.append((row, periods))
    return out


def _queries(rng):
    weeks = [w.code for w in school_weeks(YEAR)]
    for _ in range(60):
        periode = rng.choice([None, None, *SECONDE_PERIODS, *rng.sample(weeks, 2)])
        niveau = ("seconde" if periode in SECONDE_PERIODS else "3e") if periode else rng.choice([None, "seconde", "3e"])
        yield dict(lat=LILLE[0] + rng.uniform(-0.3, 0.3), lon=LILLE[1] + rng.uniform(-0.4, 0.4),
                   radius_km=rng.choice([5, 10, 20, 40, 60]), secteur=rng.choice([None, None, *SECTORS]),
                   niveau=niveau, periode=periode)


def _viewers(rng):
    return [Viewer(), Viewer(priority=True), Viewer(school_uai=rng.choice(UAIS)),
            Viewer(priority=True, school_uai="0590003C"), Viewer(demo=True)]


async def _pages(conn, board, spec, viewer, now, today):
    got, page = [], 1
    while True:
        total, items = await search(conn, board, StageQuery(**spec, page=page), viewer, now, today)
        got += [(i.id, i.seats_left, i.periods) for i in items]
        if len(items) < 20:
            return total, got
        page += 1


async def _connect(url):
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":  # as the API's read connection (mps.web.db.read_connection)
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine


def _spy_memory(monkeypatch) -> list[bool]:
    """For each search, whether the copy answered it."""
    answered = []
    real = nearest_module.from_memory

    async def spy(*args):
        found = await real(*args)
        answered.append(found is not None)
        return found
    monkeypatch.setattr(nearest_module, "from_memory", spy)
    return answered


def _compare(url, board, monkeypatch, specs, viewers) -> list[int]:
    """Every page of each query, by SQL then by the copy, with the cap at 1,000 and at 7: the same; how many
    offers each query found (every viewer and cap)."""
    async def check(db):
        now, today = clock()
        engine = await _connect(url)
        compared = [0] * len(specs)
        try:
            async with engine.connect() as conn:
                for n, spec in enumerate(specs):
                    for viewer in viewers:
                        for max_total in (1000, 7):
                            monkeypatch.setattr(nearest_module, "MAX_TOTAL", max_total)
                            monkeypatch.setattr(nearest_module, "MEMORY", False)
                            expected = await _pages(conn, board, spec, viewer, now, today)
                            monkeypatch.setattr(nearest_module, "MEMORY", True)
                            assert await _pages(conn, board, spec, viewer, now, today) == expected, (spec, viewer)
                            compared[n] += len(expected[1])
        finally:
            await engine.dispose()
        return compared
    return run(url, check)


def test_memory_answers_as_the_sql(empty_db, board, monkeypatch):
    rng = random.Random(31)

    async def write(db):
        _, org = await employer_org(db, verified=True)
        await demo.write_offers(db, _offers(board, org.id, rng))
    run(empty_db, write)
    answered = _spy_memory(monkeypatch)
    assert sum(_compare(empty_db, board, monkeypatch, list(_queries(random.Random(7))), _viewers(rng))) > 2000
    assert all(answered) and len(answered) > 500


TITLES = ["Hôpital Roger-Salengro : service de pédiatrie", "Hôpitaux de Lille, accueil des urgences",
          "Garage : mécanique automobile", "Mairie de Roubaix, état civil", "Restaurant L'Œuf à la coque",
          "Boulangerie-pâtisserie du marché", "Crèche municipale Les Petits Loups", "Électricien du bâtiment",
          "Musée de l'Hospice Comtesse", "Journal : rédaction et photographie"]
# Accents and ligatures, plurals, typos (one edit away from a word of the board), several words, no match.
WORDS = ["hôpital", "HOPITAUX", "hopitl", "Hopital pediatrie", "mecanique automobile", "garage mécaniqe", "Œuf",
         "oeuf coque", "creche petits loups", "électricien", "batiment", "patisseries", "musée hospice",
         "redaction photo", "observation", "lille", "mairie", "zzzqqq", "restaurant hopital", "a", "hôpital zzzqqq"]


def test_memory_answers_keyword_searches_as_the_sql(empty_db, board, monkeypatch):
    """The copy's word index (offer_words.py) finds what the LIKE finds, typo tolerance included; and an edit
    of an offer's words (its search_text, migration 0032) shows in the next search (those offers checked word by
    word, the others through the index)."""
    from mps.domain.stages.offers import remember_words, search_text
    rng = random.Random(5)

    async def write(db):
        _, org = await employer_org(db, verified=True)
        rows = _offers(board, org.id, rng, n=120)
        for i, (row, _) in enumerate(rows):
            row.update(title=TITLES[i % len(TITLES)], search_text=search_text(TITLES[i % len(TITLES)],
                                                                               row["description"], "Lille", ""))
        await remember_words(db, " ".join(row["search_text"] for row, _ in rows))
        await demo.write_offers(db, rows)
    run(empty_db, write)
    answered = _spy_memory(monkeypatch)
    monkeypatch.setattr(offer_words, "REBUILD_AFTER", 0)  # the index built at once (not word by word)
    qrng = random.Random(3)
    specs = [dict(lat=LILLE[0], lon=LILLE[1], radius_km=60, q=q) for q in WORDS]  # and with filters:
    specs += [{**spec, "q": q, "radius_km": 60} for q, spec in zip(WORDS, _queries(qrng))]
    viewers = [Viewer(), Viewer(priority=True), Viewer(demo=True)]
    found = dict(zip(WORDS, _compare(empty_db, board, monkeypatch, specs, viewers)))
    assert all(answered) and len(answered) > 100
    assert all(found[q] for q in ("hôpital", "HOPITAUX", "hopitl", "garage mécaniqe", "Œuf", "creche petits loups")), str(found)
    assert not any(found[q] for q in ("zzzqqq", "restaurant hopital", "hôpital zzzqqq")), found

    monkeypatch.setattr(offer_words, "REBUILD_AFTER", 10_000)  # the offers written since: word by word

    async def rename(db):  # committed elsewhere: the copy reads the offers again
        for offer in (await db.execute(select(StageOffer).where(StageOffer.title == TITLES[3]))).scalars():
            offer.search_text = search_text("Mairie annexe de Tourcoing", "", "Lille", "")
    run(empty_db, rename)
    specs = [dict(lat=LILLE[0], lon=LILLE[1], radius_km=60, q=q) for q in ("tourcoing", "etat civil")]
    assert _compare(empty_db, board, monkeypatch, specs, viewers) == [found["mairie"], 0] and all(answered)
    assert found["mairie"]


def test_changes_committed_elsewhere_show_in_the_next_search(empty_db, board, geocoder, monkeypatch):
    """Published, closed, moved, a period's last seat taken, a new early-access date: each by another session
    (another worker), then searched at once through the copy; a session's uncommitted change is seen by that
    session only, never by the copy."""
    from sqlalchemy.ext.asyncio import AsyncSession

    from mps.db.models import StageOfferPeriod
    from mps.domain.stages import service
    from tests.integration.stages.helpers import published

    spec = dict(lat=LILLE[0], lon=LILLE[1], radius_km=30)

    async def ids(db_or_conn, **kw):
        now, today = clock()
        total, items = await search(db_or_conn, board, StageQuery(**{**spec, **kw}), Viewer(), now, today)
        assert total == len(items)
        return {i.id: i.seats_left for i in items}

    async def work(db):
        engine, writer = await _connect(empty_db), make_engine(empty_db)
        try:
            _, org = await employer_org(db, verified=True)
            a = await published(db, board, geocoder, org, title="Atelier A", seats=1, periodes=["semaine-1", "semaine-2"])
            b = await published(db, board, geocoder, org, title="Atelier B")
            await db.commit()
            async with engine.connect() as conn:
                assert await ids(conn) == {a.id: 2, b.id: 2}  # (the copy read here)
                c = await published(db, board, geocoder, org, title="Atelier C")
                await service.close_offer(db, b)
                await db.commit()
                assert await ids(conn) == {a.id: 2, c.id: 2}
                period = (await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id == a.id,
                                                                          StageOfferPeriod.code == "semaine-1"))).scalar_one()
                period.taken = 1
                await db.flush()
                await service.refresh_open_periods(db, a.id)
                await db.commit()
                assert await ids(conn, periode="semaine-1") == {c.id: 2}
                assert await ids(conn) == {a.id: 1, c.id: 2}
                await db.execute(update(StageOffer).where(StageOffer.id == c.id).values(lat=LILLE[0] + 1))
                await db.commit()
                assert await ids(conn) == {a.id: 1}
                async with AsyncSession(writer) as other:  # uncommitted: that session sees it, the copy does not
                    await other.execute(update(StageOffer).where(StageOffer.id == c.id).values(lat=LILLE[0]))
                    assert await ids(other) == {a.id: 1, c.id: 2}
                    assert await ids(conn) == {a.id: 1}
                    await other.rollback()
                assert await ids(conn) == {a.id: 1}
                await db.execute(update(StageOffer).where(StageOffer.id == a.id).values(open_to_all_at=clock()[0] + timedelta(days=1)))
                await db.commit()
                assert await ids(conn) == {}
        finally:
            await engine.dispose()
            await writer.dispose()
    run(empty_db, work)


def test_a_copy_behind_the_pruned_lines_reads_every_offer_again(empty_db, board, monkeypatch):
    """prune_changes keeps the log's newest lines; a copy whose horizon is older than what was pruned reads every
    offer again and answers as the SQL; one that had read past it only catches up."""
    from sqlalchemy import text

    from mps.domain.stages.offer_memory import OfferMemory, prune_changes
    rng = random.Random(8)
    loads = []
    real_load = OfferMemory.load

    async def load(self, conn):
        loads.append(1)
        await real_load(self, conn)
    monkeypatch.setattr(OfferMemory, "load", load)
    specs = [dict(lat=LILLE[0], lon=LILLE[1], radius_km=60), dict(lat=LILLE[0], lon=LILLE[1], radius_km=60, q="stage")]

    async def write(db):
        _, org = await employer_org(db, verified=True)
        rows = _offers(board, org.id, rng, n=40)
        for row, _ in rows:
            row.update(status="published", demo=False)
        await demo.write_offers(db, rows)
    run(empty_db, write)

    def change(n: int):  # n offers, each in its own transaction (PostgreSQL: lines of n transaction ids)
        async def work(db):
            for offer in (await db.execute(select(StageOffer).order_by(StageOffer.id).limit(n))).scalars().all():
                offer.status = "closed" if offer.status == "published" else "published"
                offer.lat += 0.01
                await db.commit()
        run(empty_db, work)

    def prune(keep: int) -> tuple[list, list, int]:
        async def work(db):
            conn = await db.connection()
            lines = "SELECT tx FROM stage_offer_changes WHERE offer_id <> 0 ORDER BY tx DESC"  # (0: PostgreSQL's mark)
            before = [r[0] for r in (await conn.execute(text(lines))).all()]
            if conn.dialect.name == "postgresql":  # (a transaction elsewhere in the cluster may hold xmin back)
                await _xmin_past(conn, before[keep])
            pruned = await prune_changes(conn, keep)
            return before, [r[0] for r in (await conn.execute(text(lines))).all()], pruned
        return run(empty_db, work)

    _compare(empty_db, board, monkeypatch, specs, [Viewer()])  # the copy read
    assert len(loads) == 1
    change(12)  # 12 lines past the copy's horizon
    before, after, pruned = prune(keep=5)
    assert after == [tx for tx in before if tx >= before[5]] and len(after) >= 6 and pruned == len(before) - len(after)
    assert _compare(empty_db, board, monkeypatch, specs, [Viewer()])[0] > 0
    assert len(loads) == 2  # read again, whole
    change(7)
    _compare(empty_db, board, monkeypatch, specs, [Viewer()])  # caught up past these lines
    before, after, pruned = prune(keep=3)
    assert pruned > 0 and after == [tx for tx in before if tx >= before[3]]
    assert _compare(empty_db, board, monkeypatch, specs, [Viewer()])[0] > 0
    assert len(loads) == 2


async def _xmin_past(conn, tx, tries: int = 600) -> None:
    """Wait until no transaction older than `tx` still runs (prune_changes never prunes past the xmin)."""
    import asyncio

    from sqlalchemy import text
    for _ in range(tries):
        xmin = (await conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"))).scalar()
        if int(xmin) > int(tx):
            return
        await asyncio.sleep(0.5)  # (read committed: the next statement has a new snapshot)
    raise AssertionError(f"a transaction older than {tx} ran for {tries / 2:.0f} s")


def test_a_horizon_held_back_moves_once_the_copy_is_still_exact(empty_db, board, monkeypatch):
    """PostgreSQL: a transaction running when the copy was read holds the snapshots' xmin (the copy's horizon)
    below later writes, whose lines every search then counts; once it has ended, a search moves the horizon
    (offer_memory.advance) and counts none, and a change committed after still shows in the next search."""
    import pytest
    from sqlalchemy import text

    if not empty_db.startswith("postgresql"):
        pytest.skip("SQLite's horizon is the log's next key: the lines past it are never older writes")
    monkeypatch.setattr(nearest_module, "ADVANCE_PAST", 0)
    monkeypatch.setattr(nearest_module, "ADVANCE_EVERY", 0.0)
    rng = random.Random(4)
    specs = [dict(lat=LILLE[0], lon=LILLE[1], radius_km=60), dict(lat=LILLE[0], lon=LILLE[1], radius_km=60, q="stage")]

    async def write(db):
        _, org = await employer_org(db, verified=True)
        await demo.write_offers(db, _offers(board, org.id, rng, n=40))
    run(empty_db, write)

    def change(n: int):  # n offers, each in its own transaction: n lines
        async def work(db):
            for offer in (await db.execute(select(StageOffer).order_by(StageOffer.id).limit(n))).scalars().all():
                offer.lat += 0.01
                await db.commit()
        run(empty_db, work)

    async def copy_state(db):
        memory = nearest_module.memory_of(await db.connection(), "postgresql")
        last = (await db.execute(text("SELECT max(tx)::text FROM stage_offer_changes"))).scalar()
        return memory.horizon, memory.seen, int(last)

    import psycopg
    with psycopg.connect(empty_db.replace("+asyncpg", "")) as other:  # (a transaction left open: autocommit off)
        other.execute("SELECT pg_current_xact_id()")  # (its id holds the xmin back)
        change(5)
        _compare(empty_db, board, monkeypatch, specs, [Viewer()])  # the copy read, 5 lines past its horizon
        _compare(empty_db, board, monkeypatch, specs, [Viewer()])  # (still held: it cannot move)
        horizon, seen, last = run(empty_db, copy_state)
    assert horizon <= last and seen >= 5
    run(empty_db, lambda db: _wait_xmin(db, last))
    assert _compare(empty_db, board, monkeypatch, specs, [Viewer()])[0] > 0
    moved, seen, _ = run(empty_db, copy_state)
    assert moved > last and seen == 0
    change(3)
    assert _compare(empty_db, board, monkeypatch, specs, [Viewer()])[0] > 0  # (the same as the SQL)
    assert run(empty_db, copy_state)[0] >= moved


async def _wait_xmin(db, tx) -> None:
    await _xmin_past(await db.connection(), tx)

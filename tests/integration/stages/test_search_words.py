"""Keyword search through the word index (migration 0028: FTS5 on SQLite, GIN on PostgreSQL) finds exactly
what a brute-force filter finds: random offers and queries, every page, with the index leading or not."""
from __future__ import annotations

import math
import random

from sqlalchemy import delete, select, text

from mps.db.models import StageOffer
from mps.domain.stages import demo, nearest as nearest_module, search as search_module, service
from mps.domain.stages.demo import Anchor
from mps.domain.stages.search import StageQuery, Viewer, search, vocabulary_for
from mps.lib.text import fold
from tests.integration.stages.helpers import LILLE, YEAR, clock, employer_org, published, run

WORDS = ["garage", "garagiste", "gare", "hopital", "hopitaux", "mairie", "maire", "marin", "musee", "musique",
         "boulangerie", "boulanger", "chantier", "chant", "journal", "journaliste", "soins", "atelier", "art",
         "patisserie", "cuisine", "cuisinier", "menuiserie", "ecole", "ecologie"]
SECTORS = ["s8", "s25", "s43"]


def _offers(board, org_id, rng):
    now, _ = clock()
    anchor = Anchor("Lycée", "Lille", "59000", *LILLE)
    out = []
    for i in range(260):
        row, periods = demo.offer_rows(board, org_id, anchor, rng, YEAR, now, demo=False)
        title = " ".join(rng.sample(WORDS, rng.randint(1, 3))).capitalize() + f" n°{i}"
        row.update(title=title, secteur=rng.choice(SECTORS), reserved=rng.choice(["", "", "", "ep"]),
                   lat=round(LILLE[0] + rng.uniform(-0.4, 0.4), 5), lon=round(LILLE[1] + rng.uniform(-0.6, 0.6), 5),
                   search_text=service.search_text(title, "Tu suis l'équipe.", "Lille", ""))
        row["status"] = "published" if rng.random() < 0.9 else "closed"
        out.append((row, periods))
    return out


def _queries(rng):
    out = []
    for i in range(36):
        words = []
        for _ in range(rng.choice([1, 1, 2])):
            w = rng.choice(WORDS)
            kind = rng.random()
            if kind < 0.3:
                w = w[:rng.randint(2, len(w))]  # a prefix
            elif kind < 0.45 and len(w) >= 6:
                j = rng.randrange(1, len(w) - 1)
                w = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # two letters swapped
            words.append(w.upper() if rng.random() < 0.2 else w)
        out.append(dict(lat=LILLE[0] + rng.uniform(-0.3, 0.3), lon=LILLE[1] + rng.uniform(-0.4, 0.4),
                        radius_km=rng.choice([5, 10, 20, 40, 60]), q=" ".join(words),
                        secteur=rng.choice([None, None, *SECTORS])))
    for secteur in SECTORS:  # words every offer holds (its description, its town): the sector's index leads
        out.append(dict(lat=LILLE[0], lon=LILLE[1], radius_km=40, q="equipe", secteur=secteur))
        out.append(dict(lat=LILLE[0], lon=LILLE[1], radius_km=60, q="lille eq", secteur=secteur))
    return out


def _brute_force(rows, vocab, q: StageQuery, today) -> list[int]:
    """Every visible offer of the circle holding each query word (a word of search_text beginning with one
    of its forms), nearest first: the circle and order of nearest.py, written out in Python."""
    groups = [vocab.expand(w) for w in [w for w in fold(q.q).split() if len(w) >= 2][:8]]
    dlat = q.radius_km / nearest_module.KM_PER_DEGREE
    k = max(0.01, math.cos(math.radians(q.lat)))
    found = []
    for r in rows:
        if r.status != "published" or r.reserved != "" or r.open_until is None or r.open_until <= today:
            continue
        if q.secteur and r.secteur != q.secteur:
            continue
        words = r.search_text.split()
        if not all(any(w.startswith(f) for w in words for f in forms) for forms in groups):
            continue
        d2 = (r.lat - q.lat) * (r.lat - q.lat) + (r.lon - q.lon) * k * ((r.lon - q.lon) * k)
        if d2 <= dlat * dlat:
            found.append((d2, r.id))
    return [i for _, i in sorted(found)]


def _write_offers(url, board, rng) -> None:
    """Random offers of one verified employer, their words remembered as the service does on a write."""
    async def write(db):
        _, org = await employer_org(db, verified=True)
        rows = _offers(board, org.id, rng)
        await service.remember_words(db, " ".join(r["search_text"] for r, _ in rows))
        await demo.write_offers(db, rows)
    run(url, write)


def test_keyword_and_radius_match_a_brute_force_filter(empty_db, board, monkeypatch):
    rng = random.Random(28)
    _write_offers(empty_db, board, rng)
    ways = []
    real_driver = nearest_module.driver

    async def spy(*args):
        ways.append(await real_driver(*args))
        return ways[-1]
    monkeypatch.setattr(nearest_module, "driver", spy)

    async def check(db):
        now, today = clock()
        rows = (await db.execute(select(StageOffer))).scalars().all()
        vocab = vocabulary_for(db)
        await vocab.refresh(db)
        compared = 0
        for spec in _queries(random.Random(14)):
            for max_total in (1000, 7):  # every match counted, then the capped count and the smaller circles
                monkeypatch.setattr(nearest_module, "MAX_TOTAL", max_total)
                q = StageQuery(**spec)
                expected = _brute_force(rows, vocab, q, today)
                got, page = [], 1
                while True:
                    total, items = await search(db, board, StageQuery(**spec, page=page), Viewer(), now, today)
                    if not items or len(got) >= len(expected):
                        break
                    got += [i.id for i in items]
                    page += 1
                assert got[:len(expected)] == expected, (spec, max_total)
                assert total == min(len(expected), max_total + 1), (spec, max_total)
                compared += len(expected)
        assert compared > 200  # the queries do find offers
    run(empty_db, check)
    if "sqlite" in empty_db:  # each index led some queries (the counts choose on SQLite)
        assert set(ways) == {"box", "sector", "words"}, ways


def test_word_index_follows_edits_and_deletions(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        offer = await published(db, board, geocoder, org, title="Atelier de reliure")
        gone = await published(db, board, geocoder, org, title="Atelier de céramique")
        now, today = clock()

        async def found(word):
            search_module.forget_vocabulary(db)
            q = StageQuery(lat=LILLE[0], lon=LILLE[1], radius_km=20, q=word)
            return [i.title for i in (await search(db, board, q, Viewer(), now, today))[1]]
        assert await found("reliure") == ["Atelier de reliure"]
        await service.save_offer(db, board, geocoder, org, _offer_in("Imprimerie et typographie"), offer)
        await db.flush()
        assert await found("reliure") == [] and await found("typographie") == ["Imprimerie et typographie"]
        assert await found("ceramique") == ["Atelier de céramique"]
        await db.execute(delete(StageOffer).where(StageOffer.id == gone.id))
        assert await found("ceramique") == []
        if db.bind.dialect.name == "sqlite":  # the external-content FTS table agrees with the offers
            await db.execute(text("INSERT INTO stage_offers_fts(stage_offers_fts, rank) VALUES ('integrity-check', 1)"))
    run(empty_db, work)


def _offer_in(title):
    from tests.integration.stages.helpers import offer_in
    return offer_in(title=title)


def test_counts_that_choose_an_index_are_remembered_a_while(empty_db, board, monkeypatch):
    """A sector's size and the offers holding some words are counted once per COUNTS_TTL in a process: the
    next searches with them skip those statements (what they find never depends on it)."""
    rng = random.Random(5)
    _write_offers(empty_db, board, rng)
    counted = []
    for name in ("_sector_size", "_holding_size"):
        real = getattr(nearest_module, name)

        async def spy(*args, _real=real, _name=name):
            counted.append(_name)
            return await _real(*args)
        monkeypatch.setattr(nearest_module, name, spy)

    async def check(db):
        now, today = clock()
        q = dict(lat=LILLE[0], lon=LILLE[1], radius_km=40, q="garage", secteur="s8")
        first = await search(db, board, StageQuery(**q), Viewer(), now, today)
        sized = len(counted)
        assert sized == (2 if "sqlite" in empty_db else 1)  # (PostgreSQL weighs a sector itself)
        assert await search(db, board, StageQuery(**q), Viewer(), now, today) == first
        await search(db, board, StageQuery(**{**q, "lat": LILLE[0] + 0.1, "page": 2}), Viewer(), now, today)
        assert len(counted) == sized
        monkeypatch.setattr(nearest_module, "COUNTS_TTL", 0.0)
        assert await search(db, board, StageQuery(**q), Viewer(), now, today) == first
        assert len(counted) == 2 * sized
    run(empty_db, check)

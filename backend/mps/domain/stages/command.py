"""`mps demo stages`: demo offers around real lycées and collèges, so the board can be tried on a fresh
machine. They are flagged demo, titled « [Démo] », and shown only by a server started with MPS_DEMO=1.
`mps chiffres stages`: the board's figures computed now (where MPS_JOBS=off runs no job)."""
from __future__ import annotations

import argparse

from mps.web.area import Command


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["stages"], help="ce qu'il faut créer (stages : offres de stage de démonstration)")
    p.add_argument("--count", type=int, default=300, help="nombre d'offres (300 par défaut)")
    p.add_argument("--remove", action="store_true", help="supprime les offres de démonstration sans en créer")


def _run(args, settings) -> int:
    import asyncio

    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.stages.board import PARIS, load_board
    from mps.domain.stages.demo import create_demo
    from mps.domain.stages.periods import board_year
    from mps.domain.stages.demo import delete_demo
    from mps.domain.stages.now import now_utc

    if not 0 <= args.count <= 20000:
        print("--count : entre 0 et 20 000.")
        return 2

    async def go() -> int:
        engine = make_engine(settings.database.url)
        try:
            async with make_sessionmaker(engine)() as db:
                removed = await delete_demo(db)
                created = 0 if args.remove else await create_demo(
                    db, load_board(settings.paths.data_dir), args.count, board_year(now_utc().astimezone(PARIS).date()))
                await db.commit()
        finally:
            await engine.dispose()
        if removed:
            print("Anciennes offres de démonstration supprimées.")
        if created:
            print(f"{created} offres de démonstration créées autour de lycées et collèges réels. "
                  "Elles ne s'affichent que sur un serveur lancé avec MPS_DEMO=1 (par exemple : "
                  "MPS_DEMO=1 mps serve), avec la mention « Démo ».")
        elif not args.remove:
            print("Aucune offre créée : importe d'abord les données (mps import).")
        return 0
    return asyncio.run(go())


def _figures_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["stages"], help="quels chiffres (stages : ceux de /stages/chiffres)")
    p.add_argument("--annee", type=int, help="année scolaire (celle du mois de juin) ; l'année en cours par défaut")
    p.add_argument("--niveau", choices=["seconde", "3e"], help="une classe seulement (les deux par défaut)")


def _figures(args, settings) -> int:
    import asyncio

    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.catalogue.index import load
    from mps.domain.stages.board import PARIS, load_board
    from mps.domain.stages.figures.job import compute
    from mps.domain.stages.now import now_utc
    from mps.domain.stages.periods import board_year

    year = args.annee or board_year(now_utc().astimezone(PARIS).date())
    if not 2024 <= year <= 2100:
        print("--annee : une année scolaire, par exemple 2027 pour 2026-2027.")
        return 2

    async def go() -> int:
        engine = make_engine(settings.database.url)
        try:
            catalogue = await load(engine)
            for niveau in [args.niveau] if args.niveau else ["seconde", "3e"]:
                done = await compute(make_sessionmaker(engine), load_board(settings.paths.data_dir),
                                     settings.paths.data_dir, catalogue.geocoder if catalogue else None, year, niveau)
                print(f"{niveau} {year - 1}-{year} : " + ("chiffres calculés." if done else
                                                          "un autre calcul est en cours, rien à faire."))
        finally:
            await engine.dispose()
        return 0
    return asyncio.run(go())


COMMANDS = [Command("demo", "crée des offres de stage de démonstration (mps demo stages)", _arguments, _run),
            Command("chiffres", "calcule les chiffres des stages maintenant, sans attendre leur tâche de fond "
                    "(mps chiffres stages)", _figures_arguments, _figures)]

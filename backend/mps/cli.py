"""The `mps` command. Every subcommand honours DATABASE_URL / REDIS_URL from the environment.

Core subcommands are declared here; areas add theirs through `Area.commands` (mps.asgi.AREAS).
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from pathlib import Path

from mps.lib.errors import UserFacingError
from mps.lib.net import parse_trusted_proxies
from mps.settings import load_settings
from mps.web.area import Command


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--forwarded-allow-ips", metavar="IPS",
                   help="proxies dont on croit X-Forwarded-For et X-Forwarded-Proto, séparés par des virgules "
                        "(adresses ou réseaux) ; remplace MPS_TRUSTED_PROXIES")


def _serve(args, settings) -> int:
    from mps.server import serve
    if args.forwarded_allow_ips is not None:
        settings = dataclasses.replace(settings, trusted_proxies=parse_trusted_proxies(args.forwarded_allow_ips))
    return serve(settings, host=args.host, port=args.port, workers=args.workers)


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--parcoursup", type=Path, help="un autre fichier Parcoursup (même colonnes)")
    p.add_argument("--data-dir", type=Path, help="dossier des données (par défaut data/)")
    p.add_argument("--force", action="store_true", help="réimporte même si les fichiers n'ont pas changé")
    p.add_argument("--accept-shrink", action="store_true",
                   help="accepte un catalogue qui perd plus de 10 %% de ses lignes (risque : un fichier tronqué "
                        "remplacerait le catalogue national)")


def _import(args, settings) -> int:
    from mps.admin.migrate import ensure_admin_schema
    from mps.db.engine import make_engine
    from mps.db.migrate import upgrade
    from mps.etl.runner import ImportFiles, run_import

    upgrade(settings.database.url)
    ensure_admin_schema(settings)  # Piccolo's back-office tables
    files = ImportFiles.from_data_dir(args.data_dir or settings.paths.data_dir, args.parcoursup)

    async def go():
        engine = make_engine(settings.database.url)
        try:
            await run_import(engine, files, settings.paths.var_dir, force=args.force,
                             accept_shrink=args.accept_shrink)
        finally:
            await engine.dispose()

    asyncio.run(go())
    return 0


def _migrate(args, settings) -> int:
    from mps.admin.migrate import ensure_admin_schema
    from mps.db.migrate import upgrade
    upgrade(settings.database.url)
    ensure_admin_schema(settings)  # Piccolo's back-office tables, through Piccolo's own migrations
    print("Base à jour.")
    return 0


CORE_COMMANDS = [
    Command("serve", "lance le serveur web (importe le catalogue si la base est vide)", _serve_arguments, _serve),
    Command("import", "importe les données ouvertes livrées avec le projet", _import_arguments, _import),
    Command("migrate", "applique les migrations de la base", lambda p: None, _migrate),
]


def all_commands() -> list[Command]:
    from mps.asgi import AREAS
    return [*CORE_COMMANDS, *(command for area in AREAS for command in area.commands)]


def build_parser(commands: list[Command]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mps", description="MonProjetSup")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in commands:
        command.add_arguments(sub.add_parser(command.name, help=command.help))
    return parser


def main(argv: list[str] | None = None) -> int:
    commands = all_commands()
    args = build_parser(commands).parse_args(argv)
    run = next(c.run for c in commands if c.name == args.command)
    try:
        return run(args, load_settings()) or 0
    except UserFacingError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""The `mps` command. Every subcommand honours DATABASE_URL / REDIS_URL from the environment."""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from mps.lib.errors import UserFacingError
from mps.settings import load_settings

COMMANDS = {}


def command(name: str):
    def register(fn):
        COMMANDS[name] = fn
        return fn
    return register


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mps", description="MonProjetSup")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="lance le serveur web (importe le catalogue si la base est vide)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    imp = sub.add_parser("import", help="importe les données ouvertes livrées avec le projet")
    imp.add_argument("--parcoursup", type=Path, help="un autre fichier Parcoursup (même colonnes)")
    imp.add_argument("--data-dir", type=Path, help="dossier des données (par défaut data/)")
    imp.add_argument("--force", action="store_true", help="réimporte même si les fichiers n'ont pas changé")

    sub.add_parser("migrate", help="applique les migrations de la base")

    for extra in EXTRA_PARSERS:
        extra(sub)
    return parser


# Areas add their own subcommands here (suggest, admin, push ...).
EXTRA_PARSERS: list = []


@command("migrate")
def _migrate(args, settings) -> int:
    from mps.admin.schema import ensure_admin_schema
    from mps.db.migrate import upgrade
    upgrade(settings.database.url)
    ensure_admin_schema(settings)  # Piccolo's back-office tables, through Piccolo's own migrations
    print("Base à jour.")
    return 0


@command("import")
def _import(args, settings) -> int:
    from mps.db.engine import make_engine
    from mps.db.migrate import upgrade
    from mps.etl.runner import ImportFiles, run_import

    upgrade(settings.database.url)
    from mps.admin.schema import ensure_admin_schema
    ensure_admin_schema(settings)  # Piccolo's back-office tables
    files = ImportFiles.from_data_dir(args.data_dir or settings.paths.data_dir, args.parcoursup)

    async def go():
        engine = make_engine(settings.database.url)
        try:
            await run_import(engine, files, settings.paths.var_dir, force=args.force)
        finally:
            await engine.dispose()

    asyncio.run(go())
    return 0


@command("serve")
def _serve(args, settings) -> int:
    from mps.server import serve
    return serve(settings, host=args.host, port=args.port, workers=args.workers)


def _load_area_commands() -> None:
    import importlib
    import pkgutil

    import mps.commands as pkg
    for mod in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"mps.commands.{mod.name}")


def main(argv: list[str] | None = None) -> int:
    _load_area_commands()
    args = build_parser().parse_args(argv)
    settings = load_settings()
    try:
        return COMMANDS[args.command](args, settings) or 0
    except UserFacingError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

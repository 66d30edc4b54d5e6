"""`mps push keys`: a new VAPID key pair for VAPID_PRIVATE_KEY (or a PEM file, mode 0600);
`mps push worker`: a procrastinate worker sending reminders (MPS_JOBS=procrastinate)."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from mps.web.area import Command


def _arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="push_action", required=True)
    keys = sub.add_parser("keys", help="crée une paire de clés VAPID")
    keys.add_argument("--out", type=Path, help="écrit la clé privée (PEM) dans ce fichier (mode 0600) "
                                                "au lieu de l'afficher")
    sub.add_parser("worker", help="lance un worker procrastinate qui envoie les rappels (MPS_JOBS=procrastinate, "
                                  "PostgreSQL) ; crée ses tables au premier lancement")


def _run(args, settings) -> int:
    return _worker(settings) if args.push_action == "worker" else _keys(args)


def _worker(settings) -> int:
    import asyncio

    from mps.domain.reminders.jobs import libpq_dsn, make_app, run_worker
    from mps.lib.errors import UserFacingError

    try:
        libpq_dsn(settings.database.url)
    except ValueError as exc:
        raise UserFacingError(f"{exc}") from None
    asyncio.run(run_worker(make_app(settings)))
    return 0


def _keys(args) -> int:
    from mps.domain.reminders.keys import generate_private_pem, keys_from_private_pem

    pem = generate_private_pem()
    keys = keys_from_private_pem(pem)
    if args.out:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never over an existing key
        with os.fdopen(fd, "w") as fh:
            fh.write(pem)
        print(f"Clé privée VAPID écrite dans {args.out} : VAPID_PRIVATE_KEY={args.out}")
    else:
        print("Clé privée VAPID (à mettre dans VAPID_PRIVATE_KEY, à garder secrète) :")
        print(pem)
    print(f"Clé publique (applicationServerKey) : {keys.application_server_key}")
    print("Changer de clé désabonne tous les appareils : chacun devra réactiver ses rappels.")
    return 0


PUSH = Command("push", "notifications Web Push : « mps push keys » crée une paire de clés VAPID, « mps push worker » "
               "envoie les rappels (procrastinate)", _arguments, _run)

"""`mps serve`: migrate, import on an empty database, then run uvicorn workers on create_app."""
from __future__ import annotations

import asyncio
import os
import shutil

import uvicorn

from mps import worker_sockets
from mps.lib.errors import UserFacingError
from mps.lib.logs import log_config
from mps.lib.net import is_loopback
from mps.settings import Settings

WORKER_HEALTHCHECK_S = 30  # a hung worker (a ping unanswered that long) is still replaced
HTTP_PROTOCOL = "mps.web.http_protocol:HttpProtocol"  # uvicorn's httptools protocol, head bounded, refusals in French


async def _ensure_catalogue(settings: Settings) -> None:
    """Import when the database is empty, or when the shipped files or the importer changed since."""
    from mps.db.engine import make_engine
    from mps.etl.runner import ImportFiles, latest_import, run_import
    from mps.lib.errors import ImportRejected

    engine = make_engine(settings.database.url)
    try:
        files = ImportFiles.from_data_dir(settings.paths.data_dir)
        last = await latest_import(engine)
        if last is None or last.source_hash != files.fingerprint():
            print("Base vide : import du catalogue…" if last is None else "Nouvelles données : import du catalogue…")
            try:
                await run_import(engine, files, settings.paths.var_dir)
            except ImportRejected as exc:
                if last is None:
                    raise
                # A refused file never replaces good data: serve the catalogue in place and say why.
                print(f"Erreur : {exc}\nLe serveur démarre avec le catalogue en service (import n° {last.id}).")
    finally:
        await engine.dispose()


def check_exposure(settings: Settings, host: str) -> None:
    """Development pages (/dev/outbox shows every pending sign-in link) never listen beyond this machine."""
    if settings.is_dev and not is_loopback(host):
        raise UserFacingError(
            f"MPS_ENV=development ouvre des pages de développement (dont /dev/outbox, qui montre les liens de "
            f"connexion) : refusé sur l'adresse {host}, joignable depuis d'autres machines. Écoute sur 127.0.0.1, "
            "ou lance la production (MPS_ENV non défini ou MPS_ENV=production).")


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    from mps.admin.migrate import ensure_admin_schema
    from mps.db.migrate import upgrade

    check_exposure(settings, host)
    # Workers build their settings from the environment: pass --forwarded-allow-ips on to them.
    os.environ["MPS_TRUSTED_PROXIES"] = ",".join(settings.trusted_proxies)
    upgrade(settings.database.url)
    ensure_admin_schema(settings)  # Piccolo's back-office tables
    asyncio.run(_ensure_catalogue(settings))
    print(f"MonProjetSup sur http://{host}:{port}" + (" (développement)" if settings.is_dev else ""))
    # Links made without BASE_URL (mails in production) point where this server listens, not at :8000.
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    os.environ["MPS_SERVED_URL"] = f"http://{'[' + shown_host + ']' if ':' in shown_host else shown_host}:{port}"
    if not settings.base_url and not settings.is_dev:
        print("BASE_URL n'est pas défini : les liens des mails pointeront vers "
              f"{os.environ['MPS_SERVED_URL']} (définis BASE_URL, l'adresse publique du service).")
    # Proxy headers are read by the app itself, from MPS_TRUSTED_PROXIES only (mps.web.proxies): uvicorn's own
    # reading would believe any X-Forwarded-For sent from 127.0.0.1.
    if workers > 1:  # workers add up their metrics through files (prometheus_client's multiprocess mode)
        metrics_dir = settings.paths.var_dir / "metrics"
        shutil.rmtree(metrics_dir, ignore_errors=True)  # counts of a previous run would be added in
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    # JSON log lines in production (what collectors read), text in development; uvicorn's own access log
    # is off: ours (mps.web.observability) writes the route's template, never a path holding a token.
    # A worker must answer the supervisor's ping within WORKER_HEALTHCHECK_S from its start, or it is killed and
    # started again: uvicorn's 5 s killed starting workers in a loop on a busy machine (serving on one of two).
    # HTTP/1.1 through mps.web.http_protocol: uvicorn's httptools protocol with the request head bounded (431) and
    # its refusals in French.
    options = dict(factory=True, host=host, port=port, workers=workers, log_config=log_config(json_lines=not settings.is_dev),
                   access_log=False, proxy_headers=False, timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
                   http=HTTP_PROTOCOL)
    if workers > 1 and worker_sockets.SUPPORTED:  # a listening socket per worker: worker_sockets.py says why
        worker_sockets.run(uvicorn.Config("mps.asgi:create_app", **options))
    else:
        uvicorn.run("mps.asgi:create_app", **options)
    return 0

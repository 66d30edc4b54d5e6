"""Formation pages as the app answers them, written to a file, to check that a change of how they are made leaves
every byte the same (status, headers, body) for the same state.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_pages.sqlite .venv/bin/python bench/formation_pages.py /tmp/after.txt
    DATABASE_URL=... PYTHONPATH=<git archive of main>/backend .venv/bin/python bench/formation_pages.py /tmp/before.txt
    cmp /tmp/before.txt /tmp/after.txt

On a copy of the shipped catalogue (`mps import`; each run adds its two accounts), through the ASGI app built by
create_app, no HTTP: every formation's page, the second and last pages of its places, a sort by town (« Lyon »),
a refused town and a page number out of range, each asked by an anonymous visitor without cookies (the CSRF
token is then new on each request: written as TOKEN), by the same visitor holding a CSRF cookie, and by a
signed-in lycéen and a signed-in teacher (session cookies written as SESSION; request ids as ID).
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import re
import secrets
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CSRF = "a" * 64  # any value: a GET takes the cookie's token as is


async def call(app, path: str, cookie: str | None) -> tuple[int, list, bytes]:
    raw, _, query = path.partition("?")
    headers = [(b"host", b"127.0.0.1")] + ([(b"cookie", cookie.encode())] if cookie else [])
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": raw, "raw_path": raw.encode(), "query_string": query.encode(), "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 9600)}
    out = {"status": 0, "headers": [], "body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"], out["headers"] = message["status"], list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return out["status"], out["headers"], out["body"]


async def sign_in(sessionmaker, role: str) -> str:
    """A person of that role signed in on one browser: the session cookie's token."""
    from mps.db.models import Person, SignInSession
    from mps.web.sessions import _hash

    now, pid, token = datetime.now(timezone.utc), secrets.token_hex(16), secrets.token_urlsafe(32)
    async with sessionmaker() as db:
        db.add(Person(id=pid, created_at=now, role=role, email=f"pages-{pid}@exemple.fr"))
        await db.flush()
        db.add(SignInSession(token_hash=_hash(token), person_id=pid, provider="email", created_at=now,
                             expires_at=now + timedelta(days=30)))
        await db.commit()
    return token


def paths(cat) -> list[str]:
    out = []
    for f in sorted(cat.formations.values(), key=lambda f: f.id):
        base = f"/formations/{f.id}"
        last = max(1, -(-len(f.places) // 25))
        out += [base, f"{base}?page={last}", f"{base}?ville=Lyon"]
        if last > 1:
            out += [f"{base}?page=2", f"{base}?ville=Lyon&page=2"]
    biggest = max(cat.formations.values(), key=lambda f: len(f.places)).id
    return out + [f"/formations/{biggest}?ville=Nullepartville", f"/formations/{biggest}?page=999",
                  f"/formations/{biggest}?page=x", f"/formations/{biggest}?ville="]


def masked(text: bytes, secrets_seen: list[str]) -> bytes:
    for s in secrets_seen:
        text = text.replace(s.encode(), b"SESSION")
    text = re.sub(rb"(x-request-id: )[0-9a-f]+", rb"\1ID", text)
    return re.sub(rb'(name="_csrf_token" value=")[^"]+', rb"\1TOKEN", re.sub(rb"(mps_csrftoken=)[^;]+", rb"\1TOKEN", text))


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("MPS_ENV", "production")
    os.environ.setdefault("MPS_JOBS", "off")
    import logging.config

    from mps.asgi import create_app
    from mps.web.observability import log_config

    logging.config.dictConfig(log_config(json_lines=True, level="WARNING"))
    app = create_app()
    digest, n = hashlib.sha256(), 0
    async with app.lifespan():
        cat = app.state.catalogue.current
        student = await sign_in(app.state.sessionmaker, "lyceen")
        teacher = await sign_in(app.state.sessionmaker, "enseignant")
        visitors = {"anonymous": None, "csrf": f"mps_csrftoken={CSRF}",
                    "student": f"mps_csrftoken={CSRF}; mps_session={student}",
                    "teacher": f"mps_csrftoken={CSRF}; mps_session={teacher}"}
        with args.out.open("wb") as fh:
            for path in paths(cat):
                for who, cookie in visitors.items():
                    status, headers, body = await call(app, path, cookie)
                    given = re.search(rb"mps_csrftoken=([^;]+)", dict(headers).get(b"set-cookie", b"") or
                                      (cookie or "").encode())
                    if given and re.findall(rb'name="_csrf_token" value="([^"]+)', body) not in ([], [given.group(1)]):
                        raise SystemExit(f"{who} {path}: the form's CSRF token is not the cookie's")
                    head = b"\n".join(k + b": " + v for k, v in sorted(headers))
                    record = masked(f"== {who} {path} {status}\n".encode() + head + b"\n\n" + body + b"\n",
                                    [student, teacher])
                    fh.write(record)
                    digest.update(record)
                    n += 1
    print(f"{n} answers, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    asyncio.run(main())

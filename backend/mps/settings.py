"""Settings read from the environment, one dataclass per concern."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime
from pathlib import Path

from mps.lib.net import parse_trusted_proxies
from mps.lib.private_file import read_or_create
from mps.lib.text import digits_only

ROOT = Path(__file__).resolve().parents[2]


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def data_dir() -> Path:
    """MPS_DATA_DIR, else MPS_ROOT/data: the open data the app ships. The domain's loaders of reference
    files (profile referential, ONISEP layer, séries) call it too, so one variable moves all of it.

    Read on each call (a test or deployment that sets the variable is obeyed); the Path is made once per value,
    as the suggestions' explanations ask about 25 times per request (issue 16)."""
    return _data_dir(_env("MPS_DATA_DIR"), _env("MPS_ROOT"))


def data_file(relative: str | Path) -> Path:
    """data_dir() / relative, for the loaders called on each request (profile referential, séries)."""
    return _data_file(_env("MPS_DATA_DIR"), _env("MPS_ROOT"), relative)


@lru_cache(maxsize=8)
def _data_dir(data: str | None, root: str | None) -> Path:
    return Path(data) if data else Path(root or ROOT) / "data"


@lru_cache(maxsize=32)
def _data_file(data: str | None, root: str | None, relative: str | Path) -> Path:
    return _data_dir(data, root) / relative


@dataclass(frozen=True)
class DatabaseSettings:
    url: str
    # Connections each web process opens at most: MPS_DB_POOL_SIZE + MPS_DB_MAX_OVERFLOW, opened as needed and
    # then kept. Every process of every machine counts against the server's max_connections (100 by default).
    pool_size: int = 10
    max_overflow: int = 10

    def engine_options(self) -> dict:
        if self.is_sqlite and ":memory:" in self.url:  # (one shared connection: no pool to size)
            return {}
        # Every connection kept, up to pool_size + max_overflow (the most a process ever opens, as before):
        # under a burst an overflow connection was opened and closed for about one request — on SQLite a thread,
        # the schema read again; on PostgreSQL a backend forked, authenticated, and its prepared statements planned
        # again (57 backends came and went in 10 s of bench/stages_search.py's 100 clients, 2 workers).
        return {"pool_size": self.pool_size + self.max_overflow, "max_overflow": 0}

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


@dataclass(frozen=True)
class PathSettings:
    root: Path
    data_dir: Path
    var_dir: Path
    templates_dir: Path
    dist_dir: Path


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    username: str | None
    password: str | None
    use_tls: bool
    sender: str


@dataclass(frozen=True)
class PushSettings:
    """Web Push (reminders): the VAPID key and contact, and where reminder jobs run."""
    vapid_private_key: str | None = None  # VAPID_PRIVATE_KEY: PEM text or a PEM file; unset: var/vapid_private.pem
    vapid_subject: str | None = None  # VAPID_SUBJECT: mailto: or https: contact push services may write to
    jobs: str = "inprocess"  # MPS_JOBS: inprocess (a task in each server process) | procrastinate | off
    interval_s: float | None = None  # seconds between in-process passes; None: the reminders area's (tests: less)
    allow_local_endpoints: bool = False  # tests push to a local endpoint; production only to https push services


@dataclass(frozen=True)
class RateLimits:
    """(count, window in seconds) per mailbox or client address; tests and small deployments change them."""
    sign_in_per_address: tuple[int, int] = (5, 3600)  # sign-in links per mailbox
    # Per client address: a lycée's students share its one public address, and a class signs in together in the
    # CDI (35 students, a few retries); MPS_SIGN_IN_PER_IP sets it for a deployment.
    sign_in_per_ip: tuple[int, int] = (120, 3600)
    anon_write: tuple[int, int] = (300, 600)  # writes without an account, per client address
    anon_new: tuple[int, int] = (30, 3600)  # new anonymous people: a class of new devices in an hour
    # Wrong class codes per hour: per student, and per client address (a whole class behind one school
    # address makes few mistakes, a guesser many).
    class_code_per_person: tuple[int, int] = (10, 3600)
    class_code_per_address: tuple[int, int] = (60, 3600)
    partner_api: tuple[int, int] = (100, 60)  # stage board partner API calls per token
    # Refused partner tokens per client address: past it every token from there gets 429, a valid one too, so a
    # guesser learns nothing more (a partner with a stale token recovers within the window).
    partner_token_failures: tuple[int, int] = (20, 600)
    # Mails an account has us send to addresses it typed (family invitations, agreement links sent again): a few
    # a day is what a student needs; without a limit an account relays as much mail as it likes.
    typed_mails_per_person: tuple[int, int] = (10, 86400)
    key_prefix: str = "mps:rl"  # Redis keys


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings
    paths: PathSettings
    mail: MailSettings
    redis_url: str | None
    environment: str
    secret_key: str
    base_url: str | None  # BASE_URL: the public address; unset, links follow the address served (mps/web/links.py)
    limits: RateLimits = field(default_factory=RateLimits)
    stats_cache_s: float | None = None  # how long a worker keeps the /statistiques figures; None: the stats area's
    demo: bool = False  # MPS_DEMO=1: the stage board shows its demo offers, labelled, never mixed with real ones
    fixed_now: datetime | None = None  # tests: the moment the stage board believes it is (UTC-aware)
    stage_acceptance_days: int = 7  # MPS_STAGE_ACCEPTANCE_DAYS: days a student has to confirm an accepted stage
    # Proxies (addresses or networks) whose X-Forwarded-For / X-Forwarded-Proto are believed; none by default.
    trusted_proxies: tuple[str, ...] = ()
    served_url: str = "http://127.0.0.1:8000"  # what `mps serve` listens on (MPS_SERVED_URL, set by serve)
    push: PushSettings = field(default_factory=PushSettings)
    metrics_token: str | None = None  # MPS_METRICS_TOKEN: /metrics for a remote scraper (this machine needs none)
    # MPS_ACTIVE_REQUESTS: requests each web process works on at once, the others wait their turn in arrival
    # order (mps.web.admission); 0: no limit.
    active_requests: int = 4

    @property
    def public_url(self) -> str:
        """BASE_URL, else the address `mps serve` listens on (for links made outside a request)."""
        return (self.base_url or self.served_url).rstrip("/")

    @property
    def is_dev(self) -> bool:
        """Development pages (/dev/outbox) and relaxed cookies only when asked for by name: MPS_ENV unset,
        or any other value, is production."""
        return self.environment == "development"


def _secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/."""
    key = _env("SECRET_KEY")
    if key:
        return key
    # Whoever reads it can forge sign-in links and sessions: mode 0600, and the first worker's key wins.
    return read_or_create(var_dir / "secret_key", lambda: secrets.token_urlsafe(48)).strip()


def load_settings() -> Settings:
    root = Path(_env("MPS_ROOT", str(ROOT)))
    var_dir = Path(_env("MPS_VAR_DIR", str(root / "var")))
    var_dir.mkdir(parents=True, exist_ok=True)
    default_db = f"sqlite+aiosqlite:///{var_dir / 'mps.sqlite'}"
    url = _env("DATABASE_URL", default_db)
    # The documented default is relative to the project root: make it absolute.
    if url.startswith("sqlite+aiosqlite:///") and not url.startswith("sqlite+aiosqlite:////"):
        rel = url.removeprefix("sqlite+aiosqlite:///")
        if rel not in ("", ":memory:"):
            url = f"sqlite+aiosqlite:///{(root / rel).resolve()}"
    return Settings(
        database=DatabaseSettings(url=url, pool_size=int(_env("MPS_DB_POOL_SIZE", "10")),
                                  max_overflow=int(_env("MPS_DB_MAX_OVERFLOW", "10"))),
        paths=PathSettings(
            root=root,
            data_dir=data_dir(),
            var_dir=var_dir,
            templates_dir=root / "frontend" / "templates",
            dist_dir=root / "frontend" / "dist",
        ),
        mail=MailSettings(
            host=_env("SMTP_HOST"),
            port=int(_env("SMTP_PORT", "25")),
            username=_env("SMTP_USERNAME"),
            password=_env("SMTP_PASSWORD"),
            use_tls=_env("SMTP_TLS", "0") == "1",
            sender=_env("MAIL_FROM", "MonProjetSup <ne-pas-repondre@monprojetsup.fr>"),
        ),
        redis_url=_env("REDIS_URL"),
        environment=_env("MPS_ENV", "production"),
        secret_key=_secret_key(var_dir),
        base_url=_env("BASE_URL"),
        served_url=_env("MPS_SERVED_URL", "http://127.0.0.1:8000"),
        trusted_proxies=parse_trusted_proxies(_env("MPS_TRUSTED_PROXIES")),
        push=PushSettings(vapid_private_key=_env("VAPID_PRIVATE_KEY"), vapid_subject=_env("VAPID_SUBJECT"),
                          jobs=_env("MPS_JOBS", "inprocess")),
        metrics_token=_env("MPS_METRICS_TOKEN"),
        demo=_env("MPS_DEMO") == "1",
        stage_acceptance_days=_int_in("MPS_STAGE_ACCEPTANCE_DAYS", "7", 1, 60, "un nombre de jours de 1 à 60"),
        active_requests=_int_in("MPS_ACTIVE_REQUESTS", "4", 0, 1000, "un nombre de requêtes de 0 (sans limite) à 1000"),
        limits=RateLimits(sign_in_per_ip=(_int_in("MPS_SIGN_IN_PER_IP", str(RateLimits.sign_in_per_ip[0]), 1, 1_000_000,
                                                  "un nombre par heure de 1 à 1000000"), 3600)),
    )


def _int_in(name: str, default: str, low: int, high: int, what: str) -> int:
    """The variable `name` (else `default`) as a whole number from low to high; anything else is a configuration
    mistake said at start-up, naming the variable and what it takes (`what`)."""
    text = _env(name, default)
    if not digits_only(text.strip()) or not low <= int(text) <= high:
        raise ValueError(f"{name} : {what}, pas « {text[:20]} »")
    return int(text)

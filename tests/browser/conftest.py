"""Browser tests: the real app (`mps serve`, fresh SQLite) in Debian's Chromium through Playwright.

Never `playwright install`: the system Chromium is used. Skipped when Chromium or the built front
end (frontend/dist) is missing. Each browser context is a new device.
"""
from __future__ import annotations

import os
import random
from email import message_from_bytes, policy
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    # In random order: a server binds its port only after importing the catalogue (tens of seconds), so two
    # test runs started together would both pick the first free port and one would talk to the other's server.
    # MPS_TEST_PORTS="9760-9799" keeps a run within the ports one engineer of a shared machine was given.
    low, high = (int(x) for x in os.environ.get("MPS_TEST_PORTS", "8160-8198").split("-"))
    for port in random.sample(range(low, high + 1), high + 1 - low):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError(f"no free port in {low}-{high}")


def app_root(tmp: Path) -> Path:
    """A project root for the test server: the real templates, a copy of frontend/dist (so a test can
    publish a new sw.js, i.e. a new deployment, without touching the working tree)."""
    root = tmp / "root"
    (root / "frontend").mkdir(parents=True)
    (root / "frontend" / "templates").symlink_to(ROOT / "frontend" / "templates")
    shutil.copytree(ROOT / "frontend" / "dist", root / "frontend" / "dist")
    return root


def start_server(tmp: Path, port: int, env_extra: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'browser.sqlite'}", "MPS_VAR_DIR": str(tmp),
           "MPS_ENV": "development", "MPS_ROOT": str(app_root(tmp)), "MPS_DATA_DIR": str(ROOT / "data"),
           # Every test signs people in from 127.0.0.1 against one server per session: far more than a school's
           # hourly allowance (the limit itself is tested in tests/integration/accounts).
           "MPS_SIGN_IN_PER_IP": "100000", **(env_extra or {})}
    env.pop("SMTP_HOST", None)
    return start_server_process(tmp, port, env)


def start_server_process(tmp: Path, port: int, env: dict, log: str = "serve.log") -> subprocess.Popen:
    """`mps serve` with this environment, once it answers /healthz."""
    proc = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(port)], env=env,
                            stdout=open(tmp / log, "ab"), stderr=subprocess.STDOUT)
    for _ in range(480):  # 4 to 8 min: on a shared 2-core machine the first import alone took 75 s
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"server did not start, see {tmp / log}")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists() or not (ROOT / "frontend/dist/sw.js").exists():
        # infra/test.sh (which .ci/run calls) installs both, so there a missing browser is a failure, never a skip.
        message = "needs /usr/bin/chromium and a built front end (bash infra/install.sh --test)"
        if os.environ.get("CI") or os.environ.get("MPS_BROWSER_TESTS_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("browser")
    port = free_port()
    proc = start_server(tmp, port)
    yield {"url": f"http://127.0.0.1:{port}", "tmp": tmp, "port": port, "dist": tmp / "root" / "frontend" / "dist"}
    proc.terminate()
    proc.wait(timeout=20)


# Module scope: Playwright's sync API runs an event loop in this thread while it is open, and the
# integration tests' fixtures call asyncio.run(), which refuses to run inside one.
@pytest.fixture(scope="module")
def playwright_engine():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


class TestBrowser:
    """Chromium whose contexts bypass the app's Content-Security-Policy unless told otherwise.

    Playwright's wait_for_function and add_script_tag (axe-core) evaluate strings in the page, which
    the CSP refuses (script-src 'self': no eval, no inline script). The app's own scripts are checked
    against the real CSP by test_csp.py, whose contexts pass bypass_csp=False."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        return self.browser.new_context(**{"bypass_csp": True, **options})

    def new_page(self, **options):
        return self.new_context(**options).new_page()


@pytest.fixture(scope="module")
def chromium(playwright_engine):
    browser = playwright_engine.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield TestBrowser(browser)
    browser.close()


def sign_in(page, base: str, tmp: Path, email: str, role: str = "lyceen") -> None:
    """Sign in through the magic link: in development the mail lands in var/outbox."""
    outbox = tmp / "outbox"
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    page.goto(f"{base}/connexion")
    page.fill("input[name=email]", email)
    page.check(f"input[name=role][value={role}]", force=True)
    page.click("main form button[type=submit]")
    for _ in range(300):  # up to 30 s: the server shares 2 cores with other test runs
        new = set(outbox.glob("*.eml")) - before if outbox.exists() else set()
        if new:
            break
        time.sleep(0.1)
    mail = message_from_bytes(max(new).read_bytes(), policy=policy.default)
    link = re.search(r"(https?://\S+/connexion/lien\?t=\S+)", mail.get_body(("plain",)).get_content()).group(1)
    page.goto(base + link[link.index("/connexion"):])
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def wait_controlled(page) -> None:
    """Until the service worker controls the page (first visit: it claims the page once active).

    On a loaded 2-core machine the first install (precaching the shell) sometimes outlasts the
    page that started it; a student's next page is then controlled, so reload once before failing.
    test_pwa.py checks first-visit control on its own."""
    script = "navigator.serviceWorker && navigator.serviceWorker.controller !== null"
    try:
        page.wait_for_function(script, timeout=20000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError
        page.reload()
        page.wait_for_function(script, timeout=40000)


def poll(page, script: str, arg=None, timeout_s: float = 30) -> object:
    """Evaluate `script` (which may return a promise) until it gives a truthy value."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(script, arg)
        if value or time.monotonic() > deadline:
            assert value, f"timed out waiting for {script[:80]}"
            return value
        page.wait_for_timeout(200)


IDB_GET = """([store, key]) => new Promise((resolve) => {
    const req = indexedDB.open('mps');
    req.onupgradeneeded = () => req.transaction.abort();  // not created yet: never create it here
    req.onerror = () => resolve(null);
    req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(store)) { db.close(); return resolve(null); }
        const get = db.transaction(store).objectStore(store).get(key);
        get.onsuccess = () => { db.close(); resolve(get.result === undefined ? null : get.result); };
        get.onerror = () => { db.close(); resolve(null); };
    };
})"""


def idb_get(page, store: str, key: str):
    return page.evaluate(IDB_GET, [store, key])


def wait_catalogue(page) -> None:
    """Until the worker stored the catalogue snapshot in IndexedDB."""
    page.wait_for_load_state()  # a script run while a navigation commits is lost with its page
    page.evaluate("""() => navigator.serviceWorker.ready.then((r) => r.active.postMessage({type: 'REFRESH_CATALOGUE'}))""")
    poll(page, """() => new Promise((resolve) => {
        const req = indexedDB.open('mps');
        req.onupgradeneeded = () => req.transaction.abort();
        req.onerror = () => resolve(false);
        req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains('catalogue')) { db.close(); return resolve(false); }
            const get = db.transaction('catalogue').objectStore('catalogue').getKey('snapshot');
            get.onsuccess = () => { db.close(); resolve(Boolean(get.result)); };
        };
    })""")


def queue_length(page) -> int:
    return page.evaluate("""() => new Promise((resolve) => {
        const req = indexedDB.open('mps');
        req.onsuccess = () => {
            const db = req.result;
            const c = db.transaction('queue').objectStore('queue').count();
            c.onsuccess = () => { db.close(); resolve(c.result); };
        };
    })""")


def copy_cookie(src_context, dst_context, name: str) -> None:
    for c in src_context.cookies():
        if c["name"] == name:
            dst_context.add_cookies([c])


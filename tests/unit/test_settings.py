"""Safe by default: production unless development is asked for, a private secret key, proxies named exactly."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from mps.lib.errors import UserFacingError
from mps.lib.net import is_loopback, parse_trusted_proxies
from mps.settings import load_settings
from tests.conftest import ROOT


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("MPS_VAR_DIR", str(tmp_path))
    for name in ("MPS_ENV", "SECRET_KEY", "MPS_TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_unless_development_is_asked_for(env):
    assert load_settings().environment == "production" and not load_settings().is_dev
    env.setenv("MPS_ENV", "dev")  # a near miss is not development
    assert not load_settings().is_dev
    env.setenv("MPS_ENV", "development")
    assert load_settings().is_dev


def test_the_generated_secret_key_is_readable_by_its_owner_only(env, tmp_path):
    old = os.umask(0o022)
    try:
        key = load_settings().secret_key
    finally:
        os.umask(old)
    path = tmp_path / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 48 and load_settings().secret_key == key  # kept, not regenerated
    assert not list(tmp_path.glob(".secret_key.*"))  # no temporary file left behind


def test_a_secret_key_left_readable_by_an_older_version_is_made_private(env, tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("k" * 64)
    path.chmod(0o644)
    assert load_settings().secret_key == "k" * 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_trusted_proxies_are_addresses_or_networks(env):
    assert load_settings().trusted_proxies == ()
    env.setenv("MPS_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16 ,::1")
    assert load_settings().trusted_proxies == ("10.0.0.5", "10.1.0.0/16", "::1")
    for bad in ("*", "10.0.0.300", "proxy.local"):
        with pytest.raises(UserFacingError, match="MPS_TRUSTED_PROXIES"):
            parse_trusted_proxies(bad)


def test_loopback_addresses():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "testclient", "", None))


def _serve(host: str, **env) -> subprocess.CompletedProcess:
    full = {**os.environ, "DATABASE_URL": "sqlite+aiosqlite:////nonexistent/never-opened.sqlite", **env}
    return subprocess.run([sys.executable, "-m", "mps", "serve", "--host", host, "--port", "9401"], env=full,
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_development_refuses_to_listen_beyond_this_machine(tmp_path, host):
    done = _serve(host, MPS_ENV="development", MPS_VAR_DIR=str(tmp_path))
    assert done.returncode == 2, done.stderr
    assert "refusé sur l'adresse" in done.stderr and "Traceback" not in done.stderr


def test_serve_names_a_bad_trusted_proxy(tmp_path):
    done = _serve("127.0.0.1", MPS_VAR_DIR=str(tmp_path), MPS_TRUSTED_PROXIES="10.0.0.0/8,nginx")
    assert done.returncode == 2 and "« nginx »" in done.stderr and "Traceback" not in done.stderr


def test_run_script_asks_for_development_on_loopback_only():
    script = (ROOT / "infra" / "run.sh").read_text()
    check = script[script.index('HOST="${HOST'):script.index("exec ")]
    for host, expected in (("127.0.0.1", "development"), ("0.0.0.0", ""), ("localhost", "development")):
        out = subprocess.run(["bash", "-c", check + 'echo "${MPS_ENV:-}"'], env={"HOST": host, "PATH": os.environ["PATH"]},
                             capture_output=True, text=True, check=True).stdout.strip()
        assert out == expected, host
    out = subprocess.run(["bash", "-c", check + 'echo "${MPS_ENV:-}"'],
                         env={"HOST": "127.0.0.1", "MPS_ENV": "production", "PATH": os.environ["PATH"]},
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "production"


@pytest.mark.parametrize("url", ["postgresql+asyncpg://postgres@127.0.0.1:5432/mps", "sqlite+aiosqlite:////tmp/mps.sqlite"])
def test_every_connection_a_process_opens_is_kept(url):
    """No overflow connection opened and closed per request under a burst (a forked backend, its statements
    planned again): the pool holds pool_size + max_overflow, the most a process ever opened before."""
    from mps.settings import DatabaseSettings
    options = DatabaseSettings(url=url, pool_size=10, max_overflow=10).engine_options()
    assert options == {"pool_size": 20, "max_overflow": 0}


def test_sign_ins_per_client_address_allow_a_class_and_are_set_per_deployment(env):
    assert load_settings().limits.sign_in_per_ip == (120, 3600)  # a class of 35 in the CDI, with retries
    env.setenv("MPS_SIGN_IN_PER_IP", "400")
    assert load_settings().limits.sign_in_per_ip == (400, 3600)
    for bad in ("0", "-5", "beaucoup", "10000000"):
        env.setenv("MPS_SIGN_IN_PER_IP", bad)
        with pytest.raises(ValueError, match="MPS_SIGN_IN_PER_IP"):
            load_settings()

"""The deployment files name things that exist: Procfile commands are real `mps` commands, the
Containerfile copies paths of this repository."""
from __future__ import annotations

import itertools
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def procfile() -> dict[str, list[str]]:
    lines = (ROOT / "infra" / "Procfile").read_text().splitlines()
    return {name: shlex.split(cmd) for name, cmd in (ln.split(":", 1) for ln in lines if ln and not ln.startswith("#"))}


def test_the_procfile_has_release_web_and_worker():
    assert set(procfile()) == {"release", "web", "worker"}


@pytest.mark.parametrize("process", sorted(procfile()))
def test_each_process_is_an_mps_command_that_exists(process):
    argv = procfile()[process]
    assert argv[0] == "mps"
    words = list(itertools.takewhile(lambda w: not w.startswith("-"), argv[1:]))  # `push worker`, `migrate`
    done = subprocess.run([sys.executable, "-m", "mps", *words, "--help"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_containerfile_copies_paths_that_exist():
    text = (ROOT / "infra" / "Containerfile").read_text()
    sources = [src for line in re.findall(r"^COPY (?!--from)(.+)$", text, re.M) for src in line.split()[:-1]]
    assert sources and [s for s in sources if not (ROOT / s).exists()] == []
    assert re.search(r"^USER mps$", text, re.M)  # never root at run time

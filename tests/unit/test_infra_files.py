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


def test_the_image_builds_the_front_end_in_its_own_stage_and_ships_only_its_output():
    """Multi-stage: Node builds frontend/dist in `front`; the Python image copies that output where the
    settings look for it (settings.paths.dist_dir, relative to MPS_ROOT) and never carries Node."""
    from mps.settings import load_settings

    text = (ROOT / "infra" / "Containerfile").read_text()
    stages = re.split(r"^FROM ", text, flags=re.M)[1:]
    assert [re.match(r"\S+ AS (\w+)", s).group(1) for s in stages] == ["front", "app"]
    front, app = stages
    assert re.search(r"^RUN cd frontend && npm ci\b", front, re.M) and re.search(r"npm run .*build", front)
    assert "npm" not in app and "node" not in app.split("\n", 1)[0]
    [(src, dest)] = re.findall(r"^COPY --from=front (\S+) (\S+)$", app, re.M)
    settings = load_settings()
    assert src.rstrip("/") == "/src/" + str(settings.paths.dist_dir.relative_to(ROOT))
    assert dest.rstrip("/") == str(settings.paths.dist_dir.relative_to(ROOT))
    assert re.search(r"^ENV MPS_ROOT=/app\b", app, re.M) and re.search(r"^WORKDIR /app$", app, re.M)

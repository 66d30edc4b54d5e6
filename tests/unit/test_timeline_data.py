"""Timeline data files: the shipped files load, a bad file is refused with a clear French message and never
replaces the timeline in service; computed steps (stage weeks, provisional Parcoursup dates)."""
from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from mps.domain.timeline.data import (TimelineDataError, TimelineStore, load_timeline, timeline_dir,
                                      same_weekday_next_year)

PARCOURSUP_2026 = {  # issue 12: the published calendar of Parcoursup 2026
    "parcoursup-ouverture": (date(2025, 12, 17), date(2025, 12, 17)),
    "parcoursup-voeux": (date(2026, 1, 19), date(2026, 3, 12)),
    "parcoursup-confirmation": (date(2026, 3, 13), date(2026, 4, 1)),
    "parcoursup-admission": (date(2026, 6, 2), date(2026, 6, 2)),
    "parcoursup-classement": (date(2026, 6, 5), date(2026, 6, 8)),
    "parcoursup-complementaire": (date(2026, 6, 11), date(2026, 9, 10)),
    "parcoursup-fin-phase-principale": (date(2026, 7, 11), date(2026, 7, 11)),
}


@pytest.fixture
def years():
    return load_timeline()


def test_shipped_files_hold_parcoursup_2026(years):
    year = years["2025-2026"]
    for step_id, (start, end) in PARCOURSUP_2026.items():
        step = year.step(step_id)
        assert (step.start, step.end, step.provisional) == (start, end, False), step_id
    assert year.step("parcoursup-voeux").deadline and year.step("parcoursup-confirmation").deadline


def test_every_classe_has_its_steps(years):
    for year in years.values():
        ids = {c: {s.id for s in year.steps if c in s.classes} for c in ("seconde", "premiere", "terminale")}
        assert {"semaines-orientation", "specialites-voeux-provisoires", "specialites-choix-definitif",
                "stage-seconde"} <= ids["seconde"]
        assert {"bac-francais-ecrit", "epreuve-anticipee-maths", "specialite-abandonnee",
                "portes-ouvertes-premiere"} <= ids["premiere"]
        assert {"salons-orientation", "portes-ouvertes-terminale", "parcoursup-voeux"} <= ids["terminale"]
        for s in year.steps:
            assert s.source.startswith("https://") and s.checked and len(s.title) <= 60


def test_a_family_reads_each_step_said_to_it_not_to_the_student(years):
    """The family's shared page shows `text_family` where `text` speaks to the student (« tu »); titles, also
    shown there, say what the step is."""
    from tests.integration.accounts.test_register import TUTOIEMENT
    for year in years.values():
        for s in year.steps:
            family = s.text_family or s.text
            assert not TUTOIEMENT.search(family) and not TUTOIEMENT.search(s.title), (year.name, s.id, family)
            if TUTOIEMENT.search(s.text):
                assert s.text_family, (year.name, s.id)


def test_stage_weeks_come_from_the_school_calendar(years):
    assert (years["2025-2026"].step("stage-seconde").start, years["2025-2026"].step("stage-seconde").end) == \
        (date(2026, 6, 15), date(2026, 6, 26))
    stage = years["2026-2027"].step("stage-seconde")
    assert (stage.start, stage.end, stage.provisional) == (date(2027, 6, 14), date(2027, 6, 25), False)


def test_2027_parcoursup_is_provisional_and_follows_the_yearly_pattern(years):
    for step_id, (start, end) in PARCOURSUP_2026.items():
        step = years["2026-2027"].step(step_id)
        assert step.provisional, step_id
        assert (step.start, step.end) == (same_weekday_next_year(start), same_weekday_next_year(end))
        assert step.start.weekday() == start.weekday()
    assert years["2026-2027"].step("parcoursup-voeux").end == date(2027, 3, 11)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "timeline"
    shutil.copytree(timeline_dir(), target)
    return target


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace('kind = "parcoursup"', 'kind = "fete"', 1), "« kind »"),
    (lambda t: t.replace("start = 2025-12-17", 'start = "17 décembre"', 1), "« start » doit être une date"),
    (lambda t: t.replace("start = 2025-12-17", "start = 2024-12-17", 1), "hors de l'année scolaire"),
    (lambda t: t.replace('classes = ["terminale"]', 'classes = ["cm2"]', 1), "« classes »"),
    (lambda t: t.replace('source = "https://www.parcoursup.gouv.fr/"', 'source = "ftp://x"', 1), "https://"),
    (lambda t: t.replace('title = "Ouverture du site Parcoursup"', 'title = "' + "x" * 61 + '"', 1), "60 caractères"),
    (lambda t: t.replace('id = "parcoursup-voeux"', 'id = "parcoursup-ouverture"', 1), "déjà utilisé"),
    (lambda t: t.replace("checked = 2026-11-30", "", 1), "« checked » manque"),
    (lambda t: t + "\n[[step]]\nid = \"x\"\n", "« id »"),
    (lambda t: t.replace("[[step]]", "[[step]\n", 1), "TOML illisible"),
    (lambda t: t.replace('school_year = "2025-2026"', 'school_year = "2024-2025"'), "school_year"),
    (lambda t: t.replace('text_family = "Votre enfant crée', 'text_family = "' + "x" * 281 + '" # ', 1), "280 caractères"),
])
def test_a_bad_file_is_refused_with_a_clear_error(tmp_path, change, message):
    folder = _copy(tmp_path)
    path = folder / "2025-2026.toml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(TimelineDataError) as refused:
        load_timeline(folder)
    assert "2025-2026.toml" in str(refused.value) and message in str(refused.value)


def test_a_provisional_step_needs_the_previous_year(tmp_path):
    folder = _copy(tmp_path)
    (folder / "2025-2026.toml").unlink()
    with pytest.raises(TimelineDataError, match="2026-2027.toml, étape « [a-z-]+ ».*année précédente"):
        load_timeline(folder)


def test_a_bad_edit_never_replaces_the_timeline_in_service(tmp_path, caplog):
    folder = _copy(tmp_path)
    store = TimelineStore(folder, check_s=0)
    good = store.current()
    path = folder / "2026-2027.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("checked = 2026-11-30", "checked = demain", 1),
                    encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different signature even on a coarse clock
    assert store.current() is good
    assert "2026-2027.toml" in store.last_error and "refused" in caplog.text
    fixed = path.read_text(encoding="utf-8").replace("checked = demain", "checked = 2026-12-01", 1)
    path.write_text(fixed.replace('title = "Stage de seconde"', 'title = "Stage de seconde (2 semaines)"'),
                    encoding="utf-8")
    os.utime(path, ns=(2, 2))
    assert store.current()["2026-2027"].step("stage-seconde").title == "Stage de seconde (2 semaines)"
    assert store.last_error is None


def test_no_good_timeline_at_start_is_said_at_once(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(TimelineDataError, match="Aucune frise"):
        TimelineStore(folder).current()


def test_mps_timeline_check_says_what_is_wrong(tmp_path, capsys):
    from argparse import Namespace

    from mps.domain.timeline.command import TIMELINE

    assert TIMELINE.run(Namespace(directory=None), None) == 0
    assert re.search(r"2026-2027 : \d+ étapes, dont \d+ à confirmer", capsys.readouterr().out)
    folder = _copy(tmp_path)
    path = folder / "2026-2027.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('kind = "stage"', 'kind = "fete"'), encoding="utf-8")
    assert TIMELINE.run(Namespace(directory=folder), None) == 1
    assert "Refusé : Frise 2026-2027.toml, étape « stage-seconde » : « kind »" in capsys.readouterr().err

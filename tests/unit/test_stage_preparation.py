"""Before and after a stage, without a database: the checklist file and the merge of ticks, the report's
limits (refused whole, never cut), and the proposals a report turns into profile items."""
from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass

import pytest

from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import MAX_ITEMS, ProfileDoc
from mps.domain.stages.board import load_board
from mps.domain.stages.preparation import agreement
from mps.domain.stages.preparation.checklist import (ChecklistFileError, Tick, apply_ticks, done_ids, load_checklist,
                                                     parse, progress)
from mps.domain.stages.preparation.likes import added_to, propose
from mps.domain.stages.preparation.report import LIMITS, MAX_TEXT, check_report, split_metiers
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def checklist():
    return load_checklist(ROOT / "data")


def test_the_shipped_checklist_covers_what_to_bring_questions_and_advice(checklist):
    ids = checklist.ids
    assert {"convention", "identite", "horaires", "trajet"} <= ids
    groups = dict((g.id, items) for g, items in checklist.for_level("seconde"))
    assert set(groups) == {"apporter", "organiser", "questions"} and len(groups["questions"]) >= 4
    assert {a.id for a in checklist.advice} == {"arriver", "comportement", "securite"}
    assert all(a.points for a in checklist.advice)


def test_items_for_one_level_only_are_shown_to_that_level():
    raw = {"groups": [{"id": "g", "title": "G"}],
           "items": [{"id": "a", "group": "g", "label": "A"}, {"id": "b", "group": "g", "label": "B", "niveaux": ["3e"]}]}
    cl = parse(raw)
    assert [i.id for i in cl.for_level("seconde")[0][1]] == ["a"]
    assert [i.id for i in cl.for_level("3e")[0][1]] == ["a", "b"]


@pytest.mark.parametrize("items,why", [
    ([{"id": "a", "group": "g", "label": "A"}, {"id": "a", "group": "g", "label": "A2"}], "double"),
    ([{"id": "A b", "group": "g", "label": "A"}], "mal formé"),
    ([{"id": "a", "group": "zz", "label": "A"}], "groupe inconnu"),
    ([{"id": "a", "group": "g", "label": ""}], "libellé vide"),
])
def test_a_broken_checklist_file_is_refused_naming_the_entry(items, why):
    with pytest.raises(ChecklistFileError, match=why):
        parse({"groups": [{"id": "g", "title": "G"}], "items": items})


KNOWN = frozenset({"convention", "trajet", "identite"})
NOW = 1_800_000_000_000


def test_ticks_merge_to_the_same_state_in_any_order_and_with_repeats():
    ticks = [Tick("convention", True, 1000, "a1"), Tick("convention", False, 2000, "b1"),
             Tick("trajet", True, 1500, "a2"), Tick("convention", True, 2000, "a3"),  # tie on ts: op id decides
             Tick("identite", True, 900, "b2")]
    states = set()
    for order in itertools.permutations(ticks):
        state, _ = apply_ticks({}, list(order) + list(order[:2]), NOW, KNOWN)
        states.add(tuple(sorted((k, v["done"], v["ts"], v["op"]) for k, v in state.items())))
    assert len(states) == 1
    final = dict((k, d) for k, d, _, _ in next(iter(states)))
    assert final == {"convention": False, "trajet": True, "identite": True}  # "b1" > "a3" at the same ts


def test_a_tick_from_a_clock_ahead_is_capped_and_a_later_real_tick_wins():
    state, results = apply_ticks({}, [Tick("trajet", True, NOW + 10**9, "fast")], NOW, KNOWN)
    assert results == ["applied"] and state["trajet"]["ts"] == NOW
    assert apply_ticks(state, [Tick("trajet", True, NOW + 10**9, "fast")], NOW + 9, KNOWN)[1] == ["duplicate"]
    state, results = apply_ticks(state, [Tick("trajet", False, NOW + 1, "later")], NOW + 5, KNOWN)
    assert results == ["applied"] and done_ids(state) == set()
    state, results = apply_ticks(state, [Tick("trajet", True, NOW - 10, "old")], NOW + 5, KNOWN)
    assert results == ["stale"] and done_ids(state) == set()


def test_unknown_items_are_rejected_and_items_gone_from_the_file_keep_their_tick():
    state = {"ancien-point": {"done": True, "ts": 5, "op": "x"}}
    state, results = apply_ticks(state, [Tick("nope", True, 10, "y"), Tick("trajet", True, 10, "z")], NOW, KNOWN)
    assert results == ["rejected", "applied"]
    assert done_ids(state) == {"ancien-point", "trajet"}


def test_progress_counts_the_items_of_the_level(checklist):
    total = progress(checklist, "seconde", {})[1]
    assert total == len(checklist.items)
    assert progress(checklist, "seconde", {"convention": {"done": True, "ts": 1, "op": "a"},
                                           "gone": {"done": True, "ts": 1, "op": "a"}}) == (1, total)


def test_a_report_too_long_is_refused_whole_with_its_length():
    long = "é" * (MAX_TEXT + 12)
    texts, errors = check_report({"decouvert": "Un atelier.", "aime": long})
    assert set(errors) == {"aime"}
    assert "1\u202f512 caractères" in errors["aime"] and "rien n'a été coupé" in errors["aime"]
    assert texts["aime"] == long  # handed back as typed, to show in the form


def test_browser_line_breaks_count_one_character_like_the_counter():
    text = "ligne\r\n" * (MAX_TEXT // 6)  # 6 characters per line as the counter counts them
    texts, errors = check_report({"aime": text})
    assert not errors and len(texts["aime"]) == MAX_TEXT // 6 * 6


def test_an_empty_report_is_refused_and_each_limit_is_the_fields_own():
    assert check_report({"decouvert": "  ", "aime": "\n"})[1] == {"decouvert": check_report({})[1]["decouvert"]}
    _, errors = check_report({"metiers_vus": "x" * (LIMITS["metiers_vus"] + 1)})
    assert set(errors) == {"metiers_vus"}


def test_metier_names_are_split_on_commas_lines_and_semicolons_once_each():
    assert split_metiers("infirmier, Aide-soignante\n\nbrancardier ; infirmier") == \
        ["infirmier", "Aide-soignante", "brancardier"]


@dataclass
class FakeMetier:
    id: str
    label: str


METIERS = {m.id: m for m in [FakeMetier("MET_38", "infirmier / infirmière"),
                             FakeMetier("MET_343", "infirmier / infirmière humanitaire"),
                             FakeMetier("MET_1", "aide-soignant / aide-soignante"),
                             FakeMetier("MET_2", "menuisier / menuisière")]}


def _propose(**kw):
    board = load_board(ROOT / "data")
    values = dict(liked="", metiers_text="", sector="s43", sector_label=board.sector_label("s43"),
                  sector_domains=board.sector_domains["s43"], ref=load_referential(), metiers=METIERS,
                  profile=ProfileDoc())
    values.update(kw)
    return propose(**values)


def test_proposals_come_from_the_sector_the_words_liked_and_the_metiers_seen():
    out = {p.key: p for p in _propose(liked="J'ai aimé les soins aux patients et l'informatique de l'hôpital.",
                                      metiers_text="infirmière, aide soignante, astronaute")}
    assert out["domaines:dom27"].why == "Ton stage était dans le secteur « Santé »."
    assert "« informati" in out["domaines:dom32"].why  # the words of « ce qui t'a plu »
    assert "interets:ci13" in out  # « soins »: Soigner
    assert "interets:ci27" in out
    metiers = [p.id for p in out.values() if p.kind == "metiers"]
    assert metiers[:1] == ["MET_38"] and "MET_1" in metiers and "MET_2" not in metiers  # « astronaute »: nothing
    assert out["metiers:MET_38"].why == "Tu as vu « infirmière » pendant ton stage."


def test_an_interest_written_in_its_own_words_is_proposed():
    out = {p.key: p for p in _propose(liked="Surtout : créer quelque chose de mes mains !", sector="s24",
                                      sector_domains=frozenset())}
    assert out["interets:ci8"].why == "Tu as écrit « Créer quelque chose de mes mains » dans ce qui t'a plu."


def test_proposals_already_in_the_profile_are_marked_held_and_additions_keep_each_once():
    profile = ProfileDoc(domaines=["dom27"], metiers=["MET_38"])
    props = _propose(metiers_text="infirmier", profile=profile)
    held = {p.key for p in props if p.held}
    assert {"domaines:dom27", "metiers:MET_38"} <= held
    lists = added_to(profile, props)
    assert lists["domaines"].count("dom27") == 1 and lists["metiers"][0] == "MET_38" and "MET_343" in lists["metiers"]
    full = ProfileDoc(interets=[f"ci{i}" for i in range(1, 30)] * 3)
    assert len(added_to(full, props)["interets"]) <= max(MAX_ITEMS, len(full.interets))


def test_agreement_status_is_unknown_when_the_agreements_fail_or_say_something_new(monkeypatch):
    async def fails(db, application_id):
        raise RuntimeError("agreements down")

    async def new_word(db, application_id):
        return "archived"

    for read in (fails, new_word):
        monkeypatch.setattr(agreement, "read_status", read)
        assert asyncio.run(agreement.agreement_status(None, 1)) == "unknown"
    assert agreement.status_label("weird")[0] == "Statut inconnu"

"""Next session's rules as a data edit: a file that `extends` the last one writes only what changed."""
from __future__ import annotations

import shutil

import pytest

from mps.domain.plan import counting
from mps.domain.plan.rules import rules_for
from mps.domain.plan.service import warning_labels
from mps.settings import ROOT


@pytest.fixture
def data_2027(tmp_path, monkeypatch):
    folder = tmp_path / "parcoursup"
    folder.mkdir()
    shutil.copy(ROOT / "data/parcoursup/regles-voeux-2026.toml", folder)
    (folder / "regles-voeux-2027.toml").write_text(
        'extends = "regles-voeux-2026.toml"\nsession = 2027\nlabel = "Parcoursup 2027"\n\n'
        "[limits.wishes]\nvalue = 12\n", encoding="utf-8")
    monkeypatch.setenv("MPS_DATA_DIR", str(tmp_path))
    return folder


def simple_school_places(cat, n):
    """n places of n formations that each make one simple school wish (no multiple rule, no cap)."""
    rules = rules_for(2026, ROOT / "data/parcoursup")
    out = {}
    for p in cat.places.values():
        f = cat.formation(p.formation_id)
        if (not p.apprenticeship and f.id not in out and rules.multiple_rule(f, p) is None
                and rules.cap_of(f, p) is None):
            out[f.id] = p
        if len(out) == n:
            break
    assert len(out) == n
    return cat, [counting.Favourite(fid, (p.cod_aff_form,)) for fid, p in out.items()]


def test_an_extending_session_changes_one_value_and_keeps_the_rest(data_2027):
    rules = rules_for(2027)
    assert rules.session == 2027 and rules.wishes.value == 12
    assert rules.wishes.label.startswith("12 vœux") and rules.wishes.source == "d612-1-8"  # merged, not dropped
    assert rules.apprenticeship_wishes.value == 10 and rules.sub_wishes.value == 20
    assert rules.one_per_formation.value == 1 and {c.value for c in rules.caps} == {5}
    assert rules.multiple and rules.multiple == rules_for(2026).multiple  # arrays of tables inherited whole
    before = rules_for(2026)
    assert before.wishes.value == 10 and before.wishes.label.startswith("10 vœux")


def test_warnings_and_labels_quote_the_session_limits(data_2027, shipped_catalogue):
    cat, favourites = simple_school_places(shipped_catalogue, 11)
    count_2027 = counting.count(rules_for(2027), cat, favourites)
    assert count_2027.school == 11
    assert "too_many_wishes" not in {w.kind for w in count_2027.warnings}
    count_2026 = counting.count(rules_for(2026), cat, favourites)
    too_many = next(w for w in count_2026.warnings if w.kind == "too_many_wishes")
    assert "accepte 10 au plus" in too_many.text
    labels = warning_labels(rules_for(2027))
    assert labels["too_many_wishes"] == "Plus de 12 vœux sous statut étudiant"
    assert labels["too_many_apprenticeship"] == "Plus de 10 vœux en apprentissage"
    assert "5 vœux au plus par filière paramédicale" in labels["cap"]
    assert "Plus de 10 vœux sous statut étudiant" == warning_labels(rules_for(2026))["too_many_wishes"]


def test_a_limit_naming_an_unknown_source_is_refused(data_2027):
    (data_2027 / "regles-voeux-2028.toml").write_text(
        'extends = "regles-voeux-2027.toml"\nsession = 2028\n\n[limits.one_per_formation]\nsource = "nowhere"\n',
        encoding="utf-8")
    with pytest.raises(KeyError):
        rules_for(2028)

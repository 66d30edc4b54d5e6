"""Counting wishes as Parcoursup does, on real rows of the shipped catalogue (no ids written down:
places are picked by what the data says about them)."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from mps.domain.plan import counting
from mps.domain.plan.rules import parse, rules_for, session_of, sessions
from mps.settings import ROOT


@pytest.fixture(scope="module")
def cat(shipped_catalogue):
    return shipped_catalogue


@pytest.fixture(scope="module")
def rules():
    return rules_for(2026)


def places_by(cat, rules, rule_id, *, apprenticeship=None):
    """{wish key: [places]} of the places the rule `rule_id` applies to."""
    out = defaultdict(list)
    for p in cat.places.values():
        f = cat.formation(p.formation_id)
        r = rules.multiple_rule(f, p)
        if (r.id if r else None) == rule_id and (apprenticeship is None or p.apprenticeship == apprenticeship):
            out[counting._key(r, f, p)].append(p)
    return out


def fav(*places):
    return counting.Favourite(places[0].formation_id, tuple(p.cod_aff_form for p in places))


def test_rules_file_is_sourced_and_complete(rules):
    assert (rules.wishes.value, rules.apprenticeship_wishes.value, rules.sub_wishes.value) == (10, 10, 20)
    assert {c.value for c in rules.caps} == {5}
    for rule in (*rules.multiple, *rules.caps, rules.wishes, rules.sub_wishes):
        assert rule.quote and rule.source in rules.sources  # every rule says where it comes from
    ids = {m.id for m in rules.multiple}
    assert {"bts", "but", "cpge", "dn-made", "dcg", "ecoles-reseau", "ifsi", "efts", "iep-reseau",
            "paramedical-reseau", "pass-idf", "dossier-unique"} <= ids
    assert any(u.a_verifier for u in rules.unmatched)  # licences académiques: listed, not guessed


def test_a_rule_with_an_unknown_source_is_refused():
    import tomllib
    doc = tomllib.loads((ROOT / "data/parcoursup/regles-voeux-2026.toml").read_text(encoding="utf-8"))
    doc["multiple"][0]["source"] = "nowhere"
    with pytest.raises(KeyError):
        parse(doc)


def test_session_files_are_picked_by_school_year(tmp_path: Path):
    from datetime import date
    assert session_of(date(2026, 11, 30)) == 2027 and session_of(date(2026, 3, 1)) == 2026
    assert rules_for(2031).session == max(sessions())  # next year's file not written yet: the latest rules


def test_several_places_of_one_bts_are_one_wish_and_count_as_sub_wishes(cat, rules):
    key, places = next((k, ps) for k, ps in places_by(cat, rules, "bts", apprenticeship=False).items()
                       if len(ps) >= 4)
    c = counting.count(rules, cat, [fav(*places[:4])])
    assert (c.school, c.apprenticeship, c.sub_wishes, c.uncounted_sub_wishes) == (1, 0, 4, 0)
    assert c.wishes[0].multiple and len(c.wishes[0].places) == 4 and not c.warnings


def test_bts_with_school_and_apprenticeship_places_gives_one_wish_in_each_list(cat, rules):
    for f in cat.formations.values():
        if f.family != "BTS":
            continue
        school = [p for p in f.places if not p.apprenticeship][:2]
        appr = [p for p in f.places if p.apprenticeship][:3]
        if len(school) == 2 and len(appr) == 3:
            break
    c = counting.count(rules, cat, [fav(*school, *appr)])
    assert (c.school, c.apprenticeship, c.sub_wishes) == (1, 1, 5)
    assert {w.status for w in c.wishes} == {"etudiant", "apprentissage"}


def test_engineering_school_network_sub_wishes_do_not_count(cat, rules):
    key, places = max(places_by(cat, rules, "ecoles-reseau").items(), key=lambda kv: len(kv[1]))
    assert len(places) >= 10 and all(p.row["concours"] or p.row["wish_label"] for p in places)
    c = counting.count(rules, cat, [fav(*places)])
    assert (c.school + c.apprenticeship, c.sub_wishes, c.uncounted_sub_wishes) == (1, 0, len(places))


def test_ifsi_regroupements_are_one_wish_each_and_a_sixth_is_flagged(cat, rules):
    groups = list(places_by(cat, rules, "ifsi").values())
    assert len(groups) >= 6
    two_of_one = counting.count(rules, cat, [fav(*groups[0][:2])]) if len(groups[0]) > 1 else None
    if two_of_one:
        assert two_of_one.school == 1 and two_of_one.uncounted_sub_wishes == 2
    five = counting.count(rules, cat, [counting.Favourite(groups[0][0].formation_id,
                                                          tuple(g[0].cod_aff_form for g in groups[:5]))])
    assert five.school == 5 and not [w for w in five.warnings if w.kind == "cap"]
    six = counting.count(rules, cat, [counting.Favourite(groups[0][0].formation_id,
                                                         tuple(g[0].cod_aff_form for g in groups[:6]))])
    caps = [w for w in six.warnings if w.kind == "cap"]
    assert six.school == 6 and six.sub_wishes == 0 and len(caps) == 1 and "5 au plus" in caps[0].text


def test_too_many_sub_wishes_and_wishes_warn_but_keep_everything(cat, rules):
    big = [ps for ps in places_by(cat, rules, "bts", apprenticeship=False).values() if len(ps) >= 11][:2]
    c = counting.count(rules, cat, [fav(*big[0][:11]), fav(*big[1][:11])])
    assert c.sub_wishes == 22 and [w.kind for w in c.warnings] == ["too_many_sub_wishes"]
    simple = [p for p in cat.places.values() if rules.multiple_rule(cat.formation(p.formation_id), p) is None
              and not p.apprenticeship][:11]
    c = counting.count(rules, cat, [fav(p) for p in simple])
    assert c.school == 11 and "too_many_wishes" in [w.kind for w in c.warnings]
    assert len(c.wishes) == 11  # a warning, never a block


def test_two_favourites_leading_to_one_wish_count_once(cat, rules):
    """Places of two formations of the catalogue that Parcoursup groups in one multiple wish."""
    for key, places in places_by(cat, rules, "ecoles-reseau").items():
        by_formation = defaultdict(list)
        for p in places:
            by_formation[p.formation_id].append(p)
        if len(by_formation) >= 2:
            a, b = list(by_formation.values())[:2]
            break
    else:
        pytest.fail("the shipped catalogue should hold a school network spanning two formations")
    c = counting.count(rules, cat, [fav(a[0]), fav(b[0])])
    assert len(c.wishes) == 1 and [w.kind for w in c.warnings] == ["duplicate"]


def test_same_place_twice_and_places_of_another_formation_are_ignored(cat, rules):
    places = next(ps for ps in places_by(cat, rules, "bts").values() if len(ps) >= 2)
    other = next(p for p in cat.places.values() if p.formation_id != places[0].formation_id)
    f = counting.Favourite(places[0].formation_id, (places[0].cod_aff_form, places[0].cod_aff_form,
                                                   other.cod_aff_form, 999999999))
    c = counting.count(rules, cat, [f])
    assert len(c.wishes) == 1 and c.sub_wishes == 1


def test_pass_in_ile_de_france_is_one_wish_with_uncounted_sub_wishes(cat, rules):
    groups = places_by(cat, rules, "pass-idf")
    key, places = max(groups.items(), key=lambda kv: len(kv[1]))
    assert all(p.region.startswith("Ile") or p.region.startswith("Île") for p in places)
    c = counting.count(rules, cat, [fav(*places[:3])])
    assert len(c.wishes) == 1 and c.uncounted_sub_wishes == 3 and c.sub_wishes == 0


def test_simple_wishes_one_per_place_and_unplaced_favourite_is_provisional(cat, rules):
    simple = next(f for f in cat.formations.values() if f.family == "Licence" and len(f.places) >= 3
                  and all(rules.multiple_rule(f, p) is None for p in f.places))
    c = counting.count(rules, cat, [fav(*simple.places[:3])])
    assert c.school == 3 and c.sub_wishes == 0
    c = counting.count(rules, cat, [counting.Favourite(simple.id, ())])
    assert c.school == 1 and c.wishes[0].provisional and [w.kind for w in c.warnings] == ["no_place"]
    c = counting.count(rules, cat, [counting.Favourite("formation-disparue", ())])
    assert c.school == 0 and c.gone == ["formation-disparue"] and c.warnings[0].kind == "gone"


def test_links_come_from_the_data_file(cat):
    import csv
    with (ROOT / "data/parcoursup/fr-esr-parcoursup_2023.csv").open(encoding="utf-8-sig") as fh:
        rows = {int(r["cod_aff_form"]): r["Lien de la formation sur la plateforme Parcoursup"]
                for r in csv.DictReader(fh, delimiter=";")}
    with_link = [c for c, link in rows.items() if link.strip()][:50]
    assert all(cat.place(c).parcoursup_url == rows[c].strip() for c in with_link)
    assert all(cat.place(c).parcoursup_url.startswith("https://dossier.parcoursup.fr/") for c in with_link)
    empty = [c for c, link in rows.items() if not link.strip() and cat.place(c)]
    assert empty and all(cat.place(c).parcoursup_url.endswith(f"g_ta_cod={c}") for c in empty)

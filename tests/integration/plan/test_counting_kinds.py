"""Each kind of multiple wish of the rules file, counted on real rows of the shipped catalogue: how many
wishes and sub-wishes several places of one kind make, as the rule's text says (not as the code says).

Expected counts, from data/parcoursup/regles-voeux-2026.toml:
- networks recruiting together (IEP, orthophonie / orthoptie / audioprothèse / psychomotricité,
  « dossier unique ») and EFTS: one wish, sub-wishes NOT counted toward the 20 (arrêté of 28 Feb 2020);
- BUT, CPGE, DN MADE, DCG: one wish per filière, each place one counted sub-wish (Parcoursup's guide).
"""
from __future__ import annotations

from collections import defaultdict

import pytest

from mps.domain.plan import counting
from mps.lib.text import fold
from tests.integration.plan.test_counting import cat, fav, places_by, rules  # noqa: F401 (fixtures)

UNCOUNTED = ["iep-reseau", "efts", "dossier-unique"]
COUNTED = ["but", "cpge", "dn-made", "dcg"]


def _group(cat, rules, rule_id, *, need=3, word=None):
    """The places of one wish of `rule_id` (school status), at least `need` of them (or the largest)."""
    groups = places_by(cat, rules, rule_id, apprenticeship=False)
    if word:
        groups = {k: ps for k, ps in groups.items()
                  if word in fold(f"{cat.formation(ps[0].formation_id).detail_label} "
                                  f"{cat.formation(ps[0].formation_id).label}")}
    assert groups, f"the shipped catalogue should hold places of {rule_id} {word or ''}"
    places = max(groups.values(), key=len)
    assert len(places) >= 2, f"{rule_id} {word or ''}: a wish with two places at least"
    return places[:need]


def _assert_one_wish(c, rule_id, places, *, counted: bool):
    assert (c.school, c.apprenticeship) == (1, 0)
    assert len(c.wishes) == 1 and c.wishes[0].multiple and c.wishes[0].rule.id == rule_id
    assert len(c.wishes[0].places) == len(places)
    if counted:
        assert (c.sub_wishes, c.uncounted_sub_wishes) == (len(places), 0)
    else:
        assert (c.sub_wishes, c.uncounted_sub_wishes) == (0, len(places))
    assert not [w for w in c.warnings if w.kind != "duplicate"]


@pytest.mark.parametrize("rule_id", UNCOUNTED)
def test_network_places_are_one_wish_whose_sub_wishes_do_not_count(cat, rules, rule_id):
    places = _group(cat, rules, rule_id)
    by_formation = defaultdict(list)
    for p in places:
        by_formation[p.formation_id].append(p)
    c = counting.count(rules, cat, [fav(*ps) for ps in by_formation.values()])
    _assert_one_wish(c, rule_id, places, counted=False)


def test_iep_network_is_read_from_the_data_and_two_networks_are_two_wishes(cat, rules):
    groups = [ps for ps in places_by(cat, rules, "iep-reseau").values()]
    assert len(groups) >= 2
    for ps in groups:
        f = cat.formation(ps[0].formation_id)
        assert fold(f.group_label) == "sciences politiques"
        assert all(p.row.get("concours") or p.row.get("wish_label") for p in ps)
    a, b = groups[0], groups[1]
    favs = defaultdict(list)
    for p in (*a, *b):
        favs[p.formation_id].append(p)
    c = counting.count(rules, cat, [fav(*ps) for ps in favs.values()])
    assert c.school == 2 and c.sub_wishes == 0 and c.uncounted_sub_wishes == len(a) + len(b)


def test_efts_schools_of_one_diploma_are_one_wish_and_another_diploma_another(cat, rules):
    groups = sorted(places_by(cat, rules, "efts", apprenticeship=False).values(), key=len, reverse=True)
    assert len(groups) >= 2 and groups[0][0].formation_id != groups[1][0].formation_id
    c = counting.count(rules, cat, [fav(*groups[0][:5]), fav(*groups[1][:5])])
    assert (c.school, c.sub_wishes, c.uncounted_sub_wishes) == (2, 0, 10)
    # 30 schools: still one wish, and none of them toward the 20 sous-vœux
    c = counting.count(rules, cat, [fav(*groups[0][:30])])
    assert (c.school, c.sub_wishes, c.uncounted_sub_wishes) == (1, 0, 30) and not c.warnings


@pytest.mark.parametrize("word", ["orthophoniste", "orthoptiste", "audioprothesiste", "psychomotricien"])
def test_paramedical_network_is_one_wish_uncounted_and_capped_by_filiere(cat, rules, word):
    places = _group(cat, rules, "paramedical-reseau", word=word)
    c = counting.count(rules, cat, [fav(*places)])
    _assert_one_wish(c, "paramedical-reseau", places, counted=False)
    wish = c.wishes[0]
    assert wish.cap is not None and wish.cap.id == "paramedical" and c.caps == {("paramedical", wish.filiere): 1}


def test_a_paramedical_place_outside_any_network_is_a_simple_wish(cat, rules):
    """The arrêté groups these centres only when « regroupés en réseaux en vue d'un recrutement commun »."""
    for p in cat.places.values():
        f = cat.formation(p.formation_id)
        if ("orthophoniste" in fold(f"{f.detail_label} {f.label}") and not p.apprenticeship
                and not (p.row.get("concours") or "").strip()
                and not fold(p.row.get("wish_label") or "").startswith(("regroupement", "reseau"))):
            break
    else:
        pytest.fail("the shipped catalogue should hold an orthophonie place outside a network")
    c = counting.count(rules, cat, [fav(p)])
    assert c.school == 1 and not c.wishes[0].multiple and c.wishes[0].cap.id == "paramedical"


@pytest.mark.parametrize("rule_id", COUNTED)
def test_several_places_of_one_filiere_are_one_wish_and_each_a_counted_sub_wish(cat, rules, rule_id):
    places = _group(cat, rules, rule_id, need=4)
    assert len({p.formation_id for p in places}) == 1
    c = counting.count(rules, cat, [fav(*places)])
    _assert_one_wish(c, rule_id, places, counted=True)


def test_cpge_four_lycees_are_one_wish_and_four_sub_wishes(cat, rules):
    """The guide's own example: « une classe préparatoire littéraire dans 4 lycées différents […] un vœu et
    4 sous-vœux »."""
    lit = [ps for ps in places_by(cat, rules, "cpge", apprenticeship=False).values()
           if "lettres" in fold(cat.formation(ps[0].formation_id).label)
           and len({p.etablissement for p in ps}) >= 4]
    assert lit, "the shipped catalogue should hold a literary CPGE in 4 lycées"
    four, seen = [], set()
    for p in lit[0]:
        if p.etablissement not in seen:
            seen.add(p.etablissement)
            four.append(p)
    c = counting.count(rules, cat, [fav(*four[:4])])
    assert (c.school, c.sub_wishes, c.uncounted_sub_wishes) == (1, 4, 0)


def test_counted_kinds_share_the_twenty_sub_wishes(cat, rules):
    """BUT + CPGE + DN MADE + DCG: their places add up toward one limit of 20; a 21st warns, nothing dropped."""
    picked = {r: _group(cat, rules, r, need=6) for r in COUNTED}
    total = sum(len(ps) for ps in picked.values())
    assert total >= 21
    favs, n = [], 0
    for ps in picked.values():
        take = ps[:max(0, min(len(ps), 21 - n))]
        if take:
            favs.append(fav(*take))
            n += len(take)
    c = counting.count(rules, cat, favs)
    assert c.sub_wishes == 21 and c.school == len(favs)
    assert [w.kind for w in c.warnings] == ["too_many_sub_wishes"]
    assert sum(len(w.places) for w in c.wishes) == 21
    c = counting.count(rules, cat, favs[:-1] + [counting.Favourite(favs[-1].formation_id, favs[-1].places[:-1])])
    assert c.sub_wishes == 20 and not c.warnings


def test_uncounted_networks_do_not_push_counted_sub_wishes_over_twenty(cat, rules):
    but = _group(cat, rules, "but", need=20)
    efts = _group(cat, rules, "efts", need=10)
    assert len(but) == 20
    c = counting.count(rules, cat, [fav(*but), fav(*efts)])
    assert (c.sub_wishes, c.uncounted_sub_wishes, c.school) == (20, len(efts), 2) and not c.warnings


def _apprenticeship_wishes(cat, rules, n):
    """`n` apprenticeship places of `n` different formations, each its own wish (one place each)."""
    out, seen = [], set()
    for p in cat.places.values():
        if p.apprenticeship and p.formation_id not in seen:
            seen.add(p.formation_id)
            out.append(p)
        if len(out) == n:
            return out
    pytest.fail(f"the shipped catalogue should hold {n} formations in apprenticeship")


def test_eleven_apprenticeship_wishes_warn_ten_do_not_nothing_dropped(cat, rules):
    eleven = _apprenticeship_wishes(cat, rules, 11)
    c = counting.count(rules, cat, [fav(p) for p in eleven])
    assert (c.school, c.apprenticeship) == (0, 11) and len(c.wishes) == 11
    assert all(w.status == counting.APPRENTICESHIP for w in c.wishes)
    assert [w.kind for w in c.warnings] == ["too_many_apprenticeship"]
    assert "11 vœux en apprentissage" in c.warnings[0].text and "10 au plus" in c.warnings[0].text
    c = counting.count(rules, cat, [fav(p) for p in eleven[:10]])
    assert c.apprenticeship == 10 and not c.warnings


def test_apprenticeship_list_is_apart_from_the_ten_school_wishes(cat, rules):
    appr = _apprenticeship_wishes(cat, rules, 10)
    taken = {p.formation_id for p in appr}
    school = [p for p in cat.places.values() if not p.apprenticeship and p.formation_id not in taken
              and rules.multiple_rule(cat.formation(p.formation_id), p) is None][:10]
    c = counting.count(rules, cat, [fav(p) for p in (*appr, *school)])
    assert (c.school, c.apprenticeship) == (10, 10) and not c.warnings


def test_a_part_of_a_rule_marked_to_check_marks_the_rule(rules):
    """The 20 sous-vœux: whether they span both lists is not sourced (`apprenticeship_a_verifier`)."""
    import tomllib

    from mps.domain.plan.rules import parse
    from mps.settings import ROOT
    assert rules.sub_wishes.a_verifier and not rules.wishes.a_verifier
    doc = tomllib.loads((ROOT / "data/parcoursup/regles-voeux-2026.toml").read_text(encoding="utf-8"))
    doc["limits"]["wishes"]["region_a_verifier"] = True
    doc["caps"][0]["a_verifier"] = True
    parsed = parse(doc)
    assert parsed.wishes.a_verifier and parsed.caps[0].a_verifier

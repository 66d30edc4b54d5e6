"""Merging two profiles at sign-in (docs/profile.md): hypothesis over random pairs of profiles and edit times."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from mps.domain.profile import edits
from mps.domain.profile.merge import merge
from mps.domain.profile.referential import load_referential
from mps.domain.profile.service import _fits

REF = load_referential()
BACS = [None, "Générale", "STMG"]
SPECIALITES = {bac: [name for _, name in REF.bacs[bac].specialites][:5] for bac in ("Générale", "STMG")}
TOWNS = [{"nom": n, "lat": 45.0 + i, "lon": 2.0 + i} for i, n in
         enumerate(["Lille (59)", "Saint-Denis (93)", "Saint-Denis (974)", "Lyon (69)", "Brest (29)", "Pau (64)",
                    "Nice (06)"])]
LIST_VALUES = {"interets": ["ci1", "ci7", "ci19", "ci27"], "domaines": ["dom1", "dom32"],
               "metiers": ["MET_12", "MET_7", "MET_1"], "villes": TOWNS}
SCALARS = {"situation": ["aucune_idee", "projet_precis"], "classe": ["seconde", "terminale"],
           "duree": ["courte", "longue"], "alternance": ["interesse", "pas_interesse"], "moyenne": [9.5, 12.0, 15.75]}
times = st.integers(min_value=1, max_value=50)


@st.composite
def sides(draw):
    """A profile document with a complete, consistent edit log, as save_profile would keep it."""
    data, log = {}, {"t": {}, "items": {}}
    for field, values in SCALARS.items():
        value = draw(st.sampled_from([None, *values]))
        if value is not None:
            data[field] = value
        if value is not None or draw(st.booleans()):  # an unanswered field may have been cleared at some time
            log["t"][field] = draw(times)
    bac = draw(st.sampled_from(BACS))
    if bac:
        data["bac"] = bac
        log["t"]["bac"] = draw(times)
    spes = draw(st.lists(st.sampled_from(SPECIALITES[bac or "Générale"]), max_size=3, unique=True))
    data["specialites"] = spes
    if spes:
        log["t"]["specialites"] = draw(times)
    for field, values in LIST_VALUES.items():
        chosen = draw(st.lists(st.sampled_from(values), max_size=len(values) if field != "villes" else 5,
                               unique_by=lambda v, f=field: edits.item_key(f, v)))
        data[field] = chosen
        entries = {}
        for value in values:
            key = edits.item_key(field, value)
            if value in chosen:
                a = draw(times)
                entries[key] = {"a": a, **({"r": draw(st.integers(0, a - 1))} if draw(st.booleans()) else {})}
            elif draw(st.booleans()):  # added once, then removed
                a = draw(times)
                entries[key] = {"a": a, "r": draw(st.integers(a, 60))}
        if entries:
            log["items"][field] = entries
            log["t"][field] = max(max(e.values()) for e in entries.values())
    return data, log


def _normal(side):
    data, log = side
    return {k: (sorted(map(str, v)) if isinstance(v, list) else v) for k, v in data.items()}, log


@settings(max_examples=400, deadline=None)
@given(sides(), sides())
def test_no_answered_field_is_lost(a, b):
    merged, log = merge(a, b, specialites_fit=_fits)
    for field in SCALARS:
        if a[0].get(field) is not None or b[0].get(field) is not None:
            assert merged.get(field) is not None, field
    if a[0].get("bac") or b[0].get("bac"):
        assert merged.get("bac")
    if not merged["specialites"]:  # only when neither side's choice belongs to the merged bac
        assert not any(s[0]["specialites"] and _fits(merged.get("bac"), s[0]["specialites"]) for s in (a, b))
    for field, values in LIST_VALUES.items():
        kept = {edits.item_key(field, v) for v in merged[field]}
        for side in (a, b):
            for item in side[0][field]:
                key = edits.item_key(field, item)
                entries = [s[1]["items"].get(field, {}).get(key, {}) for s in (a, b)]
                removed_later = max(e.get("r", -1) for e in entries) > max(e.get("a", -1) for e in entries)
                if field == "villes" and len(kept) == 5:
                    continue  # at most 5 towns: the 5 most recently added stay
                assert key in kept or removed_later, (field, key)


@settings(max_examples=400, deadline=None)
@given(sides(), sides())
def test_merging_is_idempotent(a, b):
    m = merge(a, b, specialites_fit=_fits)
    assert merge(m, a, specialites_fit=_fits) == m
    assert merge(m, b, specialites_fit=_fits) == m
    assert merge(m, m, specialites_fit=_fits) == m


@settings(max_examples=300, deadline=None)
@given(sides(), sides())
def test_the_order_of_the_devices_does_not_change_the_answers(a, b):
    assert _normal(merge(a, b, specialites_fit=_fits)) == _normal(merge(b, a, specialites_fit=_fits))


@settings(max_examples=300, deadline=None)
@given(sides(), sides())
def test_the_most_recent_answer_wins(a, b):
    merged, _ = merge(a, b, specialites_fit=_fits)
    for field in SCALARS:
        va, vb = a[0].get(field), b[0].get(field)
        ta, tb = a[1]["t"].get(field), b[1]["t"].get(field)
        if va is not None and vb is not None and ta != tb:
            assert merged[field] == (va if ta > tb else vb)


def test_the_phone_with_only_a_town_keeps_the_accounts_answers():
    """The case seen: a phone holding only a town signed in to a full account, which kept only the town."""
    account = ({"classe": "terminale", "bac": "Générale", "specialites": SPECIALITES["Générale"][:2],
                "interets": ["ci7", "ci19"], "domaines": [], "metiers": ["MET_12"], "moyenne": 14.0,
                "villes": [TOWNS[0]], "situation": None, "duree": None, "alternance": None},
               {"t": {}, "items": {}})
    phone = ({"villes": [TOWNS[3]], "interets": [], "domaines": [], "metiers": [], "specialites": [],
              "classe": None, "bac": None, "moyenne": None}, {"t": {}, "items": {}})
    account = (account[0], edits.complete(account[0], account[1], 1000))
    phone = (phone[0], edits.complete(phone[0], edits.stamp({}, phone[0], phone[1], 5000), 5000))
    merged, _ = merge(account, phone, specialites_fit=_fits)
    assert merged["bac"] == "Générale" and merged["moyenne"] == 14.0 and merged["classe"] == "terminale"
    assert merged["specialites"] == SPECIALITES["Générale"][:2] and merged["metiers"] == ["MET_12"]
    assert [v["nom"] for v in merged["villes"]] == ["Lille (59)", "Lyon (69)"]


def test_a_town_removed_on_the_account_after_the_phone_added_it_stays_removed():
    account = ({"villes": []}, {"t": {"villes": 9}, "items": {"villes": {"Lille (59)": {"a": 2, "r": 9}}}})
    phone = ({"villes": [TOWNS[0]]}, {"t": {"villes": 3}, "items": {"villes": {"Lille (59)": {"a": 3}}}})
    assert merge(account, phone)[0]["villes"] == []
    later = ({"villes": [TOWNS[0]]}, {"t": {"villes": 12}, "items": {"villes": {"Lille (59)": {"a": 12}}}})
    assert merge(account, later)[0]["villes"] == [TOWNS[0]]


def test_stamp_records_changes_and_removals():
    old = {"bac": "STMG", "villes": [TOWNS[0], TOWNS[1]], "moyenne": None}
    new = {"bac": "STMG", "villes": [TOWNS[1]], "moyenne": 12.5}
    log = edits.stamp(old, new, edits.complete(old, {"t": {}, "items": {}}, 100), 200)
    assert log["t"]["moyenne"] == 200 and log["t"]["bac"] == 100 and log["t"]["villes"] == 200
    assert log["items"]["villes"]["Lille (59)"] == {"a": 100, "r": 200}

"""POST /api/v1/sync: offline edits reach the server once, devices converge, nothing typed is lost."""
from __future__ import annotations

import uuid

from tests.integration.accounts.fixtures import Browser
from tests.integration.favourites.helpers import formation_with_places

T0 = 1_767_000_000_000  # a client time in the past (ms)


def op(kind, formation_id, value=None, ts=T0, device="tel", base=()):
    return {"op_id": str(uuid.uuid4()), "device_id": device, "ts": ts, "kind": kind,
            "formation_id": formation_id, "value": value, "base": list(base)}


def sync(browser, ops=(), since=0):
    r = browser.api("POST", "/api/v1/sync", json={"since": since, "ops": list(ops)})
    assert r.status_code == 200, r.text
    return r.json()


def same_person(site, first: Browser) -> Browser:
    """A second device of the same student (the anonymous id cookie copied over)."""
    other = Browser(site)
    other.jar.set("mps_anon", first.jar.get("mps_anon"), domain="127.0.0.1")
    return other


def test_offline_edits_are_applied_once_and_a_replay_changes_nothing(site):
    f, places = formation_with_places(site)
    phone = Browser(site)
    ops = [op("add_favourite", f.id, ts=T0), op("set_ambition", f.id, "ambitieux", ts=T0 + 1),
           op("set_note", f.id, "Journée portes ouvertes", ts=T0 + 2),
           op("add_place", f.id, places[1].cod_aff_form, ts=T0 + 3)]
    out = sync(phone, ops)
    assert [r["status"] for r in out["results"]] == ["applied"] * 4
    [mark] = out["marks"]
    assert (mark["kind"], mark["deleted"], mark["ambition"], mark["note"], mark["places"]) == \
        ("favori", False, "ambitieux", "Journée portes ouvertes", [places[1].cod_aff_form])
    fav = phone.get("/api/v1/favourites").json()["formations"]
    assert [(x["formation_id"], x["ambition"], x["note"]) for x in fav] == [(f.id, "ambitieux", "Journée portes ouvertes")]

    again = sync(phone, ops, since=out["cursor"])  # the queue was sent again (lost response)
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 4
    assert again["marks"] == [] and again["cursor"] == out["cursor"]
    assert phone.get("/api/v1/favourites").json()["formations"][0]["version"] == mark["version"]


def test_two_devices_editing_offline_lose_nothing_and_converge(site):
    f, places = formation_with_places(site)
    phone = Browser(site)
    first = sync(phone, [op("add_favourite", f.id)])
    laptop = same_person(site, phone)
    start = sync(laptop)
    assert start["full"] and [m["formation_id"] for m in start["marks"]] == [f.id]
    heads = start["marks"][0]["note_heads"]

    # Both offline: each types a note, picks a place, one changes the ambition.
    phone_ops = [op("set_note", f.id, "Appeler le CIO", ts=T0 + 10, base=heads),
                 op("add_place", f.id, places[0].cod_aff_form, ts=T0 + 11), op("set_ambition", f.id, "realiste", ts=T0 + 12)]
    laptop_ops = [op("set_note", f.id, "Vérifier les frais", ts=T0 + 20, device="pc", base=heads),
                  op("add_place", f.id, places[2].cod_aff_form, ts=T0 + 21, device="pc")]
    a = sync(laptop, laptop_ops, since=start["cursor"])
    b = sync(phone, phone_ops, since=first["cursor"])
    final = b["marks"][-1]
    assert "Appeler le CIO" in final["note"] and "Vérifier les frais" in final["note"] and "Autre version" in final["note"]
    assert sorted(final["places"]) == sorted([places[0].cod_aff_form, places[2].cod_aff_form])
    assert final["ambition"] == "realiste"
    # The laptop learns the merged mark on its next sync: both devices hold the same thing.
    back = sync(laptop, since=a["cursor"])
    assert back["marks"][-1] == final and back["cursor"] == b["cursor"]

    # Editing the merged note, with the heads it showed, leaves one text.
    done = sync(laptop, [op("set_note", f.id, "CIO + frais", ts=T0 + 30, base=final["note_heads"])], since=back["cursor"])
    assert done["marks"][-1]["note"] == "CIO + frais"


def test_edits_made_on_the_website_reach_devices_and_are_not_overwritten(site):
    f, _ = formation_with_places(site)
    phone = Browser(site)
    out = sync(phone, [op("add_favourite", f.id), op("set_note", f.id, "Note du téléphone", ts=T0 + 1)])
    heads = out["marks"][0]["note_heads"]
    web = phone.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "Note écrite sur le site"})
    assert web.status_code == 200
    seen = sync(phone, since=out["cursor"])
    assert [m["note"] for m in seen["marks"]] == ["Note écrite sur le site"]
    # An offline edit based on the older version keeps both texts.
    late = sync(phone, [op("set_note", f.id, "Ajout hors ligne", ts=T0 + 2, base=heads)], since=seen["cursor"])
    assert "Note écrite sur le site" in late["marks"][0]["note"] and "Ajout hors ligne" in late["marks"][0]["note"]


def test_removals_travel_as_tombstones_and_the_cursor_sends_only_changes(site):
    f, _ = formation_with_places(site)
    g = next(x for x in site.app.state.catalogue.current.formations.values() if x.id != f.id)
    phone = Browser(site)
    out = sync(phone, [op("add_favourite", f.id), op("not_interested", g.id)])
    assert {m["formation_id"]: m["kind"] for m in out["marks"]} == {f.id: "favori", g.id: "corbeille"}
    removed = sync(phone, [op("remove_favourite", f.id, ts=T0 + 5)], since=out["cursor"])
    assert [(m["formation_id"], m["deleted"]) for m in removed["marks"]] == [(f.id, True)]
    assert phone.get("/api/v1/favourites").json()["formations"] == []
    assert sync(phone, since=removed["cursor"])["marks"] == []


def test_bad_operations_are_refused_without_a_500(site):
    f, places = formation_with_places(site)
    phone = Browser(site)
    bad_kind = phone.api("POST", "/api/v1/sync", json={"ops": [{**op("add_favourite", f.id), "kind": "explode"}]})
    assert bad_kind.status_code == 400 and "kind" in bad_kind.text
    out = sync(phone, [op("add_favourite", "pas-une-formation"), op("set_ambition", f.id, "reve"),
                       op("add_place", f.id, 1)])
    assert [r["status"] for r in out["results"]] == ["rejected"] * 3 and out["marks"] == []
    no_csrf = site.post("/api/v1/sync", json={"ops": [op("add_favourite", f.id)]})
    assert no_csrf.status_code == 403


def test_a_note_edit_based_on_a_website_version_is_accepted(site):
    f, _ = formation_with_places(site)
    phone = Browser(site)
    assert phone.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "Écrit sur le site"}).status_code == 200
    heads = sync(phone)["marks"][0]["note_heads"]  # e.g. "srv-1": short server ids
    out = sync(phone, [op("set_note", f.id, "Repris sur le téléphone", ts=T0, base=heads)])
    assert out["results"][0]["status"] == "applied" and out["marks"][-1]["note"] == "Repris sur le téléphone"


def test_a_cursor_past_any_counter_gets_the_full_list(site):
    """A `since` from elsewhere, however large (a JSON integer has no bound), is answered with everything, never
    a database error: it is past the person's counter."""
    f, _ = formation_with_places(site)
    phone = Browser(site)
    sync(phone, [op("add_favourite", f.id)])
    for since in (2**31, 2**63, 2**64 - 1):
        out = sync(phone, since=since)
        assert out["full"] is True and [m["formation_id"] for m in out["marks"]] == [f.id]

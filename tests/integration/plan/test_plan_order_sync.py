"""The wish order through sync (set_position: « Monter / Descendre » on a device, offline), the page's
ids (one favourite, several wishes: no id twice), and « déjà sur Parcoursup » marked before any place
was chosen. SQLite and PostgreSQL."""
from __future__ import annotations

import html
import re
import time
from collections import Counter

from tests.integration.plan.test_plan_api import with_plan
from tests.integration.sync.test_sync_api import op, sync


def ms() -> int:
    """A device's clock: edits stamped as they happen (the website's edits are stamped with the server's)."""
    return int(time.time() * 1000)


def _order(browser) -> list[str]:
    return [w["formation_ids"][0] for w in browser.get("/api/v1/plan").json()["wishes"]]


def test_a_devices_order_reaches_the_plan_once_and_the_latest_wins(site):
    browser, (bts, _), (lic, lp) = with_plan(site)
    assert _order(browser) == [bts.id, lic.id, lic.id]
    first = sync(browser)
    then = ms()
    moves = [op("set_position", lic.id, 1, ts=then), op("set_position", bts.id, 2, ts=then)]
    out = sync(browser, moves, since=first["cursor"])
    assert [r["status"] for r in out["results"]] == ["applied", "applied"]
    assert {m["formation_id"]: m["position"] for m in out["marks"]} == {lic.id: 1, bts.id: 2}
    assert _order(browser) == [lic.id, lic.id, bts.id]
    assert [r["status"] for r in sync(browser, moves, since=out["cursor"])["results"]] == ["duplicate"] * 2
    # An older move from another device, delivered late, loses to the one already applied.
    late = sync(browser, [op("set_position", bts.id, 0, ts=then - 1, device="pc")], since=out["cursor"])
    assert late["results"][0]["status"] == "applied" and _order(browser) == [lic.id, lic.id, bts.id]
    # Moved on the website since: the device learns the new order; its older ranks do not undo it.
    assert browser.post_form(f"/mes-voeux/{bts.id}/deplacer", {"sens": "haut"},
                             follow_redirects=False).status_code == 303
    back = sync(browser, [op("set_position", lic.id, 1, ts=then)], since=late["cursor"])
    assert {m["formation_id"]: m["position"] for m in back["marks"]} == {bts.id: 1, lic.id: 2}
    assert _order(browser) == [bts.id, lic.id, lic.id]


def test_ordering_never_creates_nor_brings_back_a_favourite(site):
    browser, (bts, _), (lic, _) = with_plan(site)
    first = sync(browser)
    gone = sync(browser, [op("remove_favourite", lic.id, ts=ms())], since=first["cursor"])
    later = ms()
    stale = sync(browser, [op("set_position", lic.id, 1, ts=later, device="pc"),
                           op("set_position", bts.id, 2, ts=later, device="pc")], since=gone["cursor"])
    assert [r["status"] for r in stale["results"]] == ["applied", "applied"]
    assert _order(browser) == [bts.id]  # renumbered by a device that still showed it: still removed
    # Added back: at the end, even though an older rank of it arrives afterwards.
    before = ms()
    back = sync(browser, [op("add_favourite", lic.id, ts=ms())], since=stale["cursor"])
    older = sync(browser, [op("set_position", lic.id, 0, ts=before, device="tab")], since=back["cursor"])
    assert older["results"][0]["status"] == "applied" and _order(browser)[0] == bts.id
    stranger = next(f for f in site.app.state.catalogue.current.formations.values() if f.id not in (bts.id, lic.id))
    bad = [op("set_position", bts.id, v) for v in ("1", None, -1, 10**9)]
    never = [op("set_position", stranger.id, 1), op("set_position", "n-existe-pas", 1)]  # no mark: none made
    out = sync(browser, [*bad, *never], since=older["cursor"])
    assert [r["status"] for r in out["results"]] == ["rejected"] * 6
    assert stranger.id not in [m["formation_id"] for m in sync(browser)["marks"]]


def test_a_favourite_added_then_moved_in_one_batch(site):
    """A device offline: a formation added to the favourites, then moved up, sent together."""
    browser, (bts, _), (lic, _) = with_plan(site)
    other = next(f for f in site.app.state.catalogue.current.formations.values()
                 if f.places and f.id not in (bts.id, lic.id))
    first = sync(browser)
    now = ms()
    out = sync(browser, [op("add_favourite", other.id, ts=now), op("set_position", other.id, 1, ts=now),
                         op("set_position", bts.id, 2, ts=now), op("set_position", lic.id, 3, ts=now)],
               since=first["cursor"])
    assert [r["status"] for r in out["results"]] == ["applied"] * 4
    assert _order(browser)[0] == other.id


def test_one_favourite_with_several_wishes_has_no_id_twice_on_the_page(site):
    """A licence at two universities is two simple wishes of one favourite: each has its own form, its own
    message (id statut-<favourite>-<place>) and the redirect after saving names that one."""
    browser, (bts, bp), (lic, lp) = with_plan(site)
    page = browser.get("/mes-voeux").text
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    for p in lp:
        assert f'id="statut-{lic.id}-{p.cod_aff_form}"' in page
    r = browser.post_form(f"/mes-voeux/{lic.id}", {"lieu": str(lp[1].cod_aff_form), "ajoute": str(lp[1].cod_aff_form)},
                          follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"#statut-{lic.id}-{lp[1].cod_aff_form}")
    saved = html.unescape(browser.get(r.headers["location"].split("#")[0]).text)
    said = re.findall(r'<div id="(statut-[^"]+)" class="mps-status fr-alert[^"]*"[^>]*>\s*<p>C\'est enregistré', saved)
    assert said == [f"statut-{lic.id}-{lp[1].cod_aff_form}"]  # under that wish only
    moved = browser.post_form(f"/mes-voeux/{lic.id}/deplacer", {"sens": "haut", "lieu": str(lp[0].cod_aff_form)},
                              follow_redirects=False)
    assert moved.headers["location"].endswith(f"#statut-{lic.id}-{lp[0].cod_aff_form}")
    after = html.unescape(browser.get(moved.headers["location"].split("#")[0]).text)
    assert after.count("Ordre enregistré.") == 1
    assert [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', after)).items() if n > 1] == []


def test_places_chosen_after_marking_it_added_are_where_it_was_added(site):
    """« Déjà sur Parcoursup » ticked on a favourite with no place yet (Parcoursup has no wish without an
    establishment): the places chosen next are the ones added, the ones chosen later are not."""
    browser, (bts, bp), (lic, lp) = with_plan(site)
    assert browser.api("PUT", f"/api/v1/favourites/formations/{lic.id}", json={"places": []}).status_code == 200
    assert browser.post_form(f"/mes-voeux/{lic.id}", {"sur_parcoursup": "oui"},
                             follow_redirects=False).status_code == 303
    wish = next(w for w in browser.get("/api/v1/plan").json()["wishes"] if w["formation_ids"] == [lic.id])
    assert wish["provisional"] and wish["on_parcoursup"]
    assert "data-added-before" in browser.get(f"/favoris/{lic.id}/lieux").text  # the places page says so
    assert browser.api("PUT", f"/api/v1/favourites/formations/{lic.id}",
                       json={"places": [lp[0].cod_aff_form]}).status_code == 200
    wishes = [w for w in browser.get("/api/v1/plan").json()["wishes"] if w["formation_ids"] == [lic.id]]
    assert [w["on_parcoursup"] for w in wishes] == [True]  # the mark went to the place chosen
    assert "data-added-before" not in browser.get(f"/favoris/{lic.id}/lieux").text
    assert browser.api("PUT", f"/api/v1/favourites/formations/{lic.id}",
                       json={"places": [p.cod_aff_form for p in lp]}).status_code == 200
    wishes = [w for w in browser.get("/api/v1/plan").json()["wishes"] if w["formation_ids"] == [lic.id]]
    assert [w["on_parcoursup"] for w in wishes] == [True, False]  # a place chosen later is not added yet


def test_through_sync_the_first_place_chosen_takes_the_mark(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    first = sync(browser)
    out = sync(browser, [op("remove_place", lic.id, p.cod_aff_form, ts=ms()) for p in lp], since=first["cursor"])
    out = sync(browser, [op("set_on_parcoursup", lic.id, 1, ts=ms())], since=out["cursor"])
    now = ms()
    out = sync(browser, [op("add_place", lic.id, lp[1].cod_aff_form, ts=now),
                         op("add_place", lic.id, lp[0].cod_aff_form, ts=now + 1)], since=out["cursor"])
    mark = next(m for m in out["marks"] if m["formation_id"] == lic.id)
    assert (mark["added_places"], mark["on_parcoursup"]) == ([lp[1].cod_aff_form], False)

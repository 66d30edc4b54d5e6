"""« Aucun vœu sûr », the ambition balance and « à vérifier » rules on a plan built from known places:
GET /api/v1/plan and the /mes-voeux page, on SQLite and PostgreSQL.

Without a moyenne, a place's position is its taux d'accès against the site's thresholds
(mps.domain.vocabulary: safe from ACCESS_RATE_SAFE, reach under ACCESS_RATE_REACH)."""
from __future__ import annotations

import html

from mps.domain.vocabulary import ACCESS_RATE_REACH, ACCESS_RATE_SAFE
from tests.integration.accounts.fixtures import Browser


def _cat(site):
    return site.app.state.catalogue.current


def _simple_place(site, test, taken=()):
    """A licence place (a simple wish) whose taux d'accès passes `test`, of a formation not yet taken."""
    for f in _cat(site).formations.values():
        if f.family != "Licence" or f.id in taken:
            continue
        for p in f.places:
            if (not p.apprenticeship and p.taux_acces is not None and test(p.taux_acces)
                    and not (p.row.get("concours") or "").strip()):
                return p
    raise AssertionError("no such licence place in the shipped catalogue")


def _add(browser, place):
    r = browser.api("PUT", f"/api/v1/favourites/formations/{place.formation_id}", json={"places": [place.cod_aff_form]})
    assert r.status_code == 200, r.text


def test_no_safe_wish_is_said_then_gone_once_a_safe_place_is_added(site):
    browser = Browser(site)  # no profile: no moyenne, no bac
    reach = _simple_place(site, lambda t: t < ACCESS_RATE_REACH - 5)
    target = _simple_place(site, lambda t: ACCESS_RATE_REACH + 5 <= t < ACCESS_RATE_SAFE - 5, {reach.formation_id})
    _add(browser, reach)
    _add(browser, target)
    plan = browser.get("/api/v1/plan").json()
    assert plan["counts"]["school"] == 2
    b = plan["balance"]
    assert (b["reach"], b["target"], b["safe"]) == (1, 1, 0)
    assert b["text"] == "1 ambitieux · 1 dans la course · 0 sécurité"
    assert any(m.startswith("Aucun vœu sûr") for m in plan["missing"])
    assert "8 vœux de plus possibles sous statut étudiant." in plan["missing"]
    positions = {p["cod_aff_form"]: p["position"] for w in plan["wishes"] for p in w["places"]}
    assert positions == {reach.cod_aff_form: "reach", target.cod_aff_form: "target"}
    page = html.unescape(browser.get("/mes-voeux").text)
    assert "Aucun vœu sûr" in page and "1 ambitieux · 1 dans la course · 0 sécurité" in page

    safe = _simple_place(site, lambda t: t >= ACCESS_RATE_SAFE + 5, {reach.formation_id, target.formation_id})
    _add(browser, safe)
    plan = browser.get("/api/v1/plan").json()
    b = plan["balance"]
    assert (b["reach"], b["target"], b["safe"]) == (1, 1, 1)
    assert not any(m.startswith("Aucun vœu sûr") for m in plan["missing"])
    assert "7 vœux de plus possibles sous statut étudiant." in plan["missing"]
    assert "Aucun vœu sûr" not in html.unescape(browser.get("/mes-voeux").text)


def test_only_safe_places_have_no_missing_safe_wish_and_count_each_place(site):
    browser = Browser(site)
    first = _simple_place(site, lambda t: t >= ACCESS_RATE_SAFE + 5)
    second = _simple_place(site, lambda t: t >= ACCESS_RATE_SAFE + 5, {first.formation_id})
    _add(browser, first)
    _add(browser, second)
    plan = browser.get("/api/v1/plan").json()
    b = plan["balance"]
    assert (b["reach"], b["target"], b["safe"]) == (0, 0, 2)
    assert not any(m.startswith("Aucun vœu sûr") for m in plan["missing"])


def test_a_rule_to_check_is_shown_on_the_page_and_in_the_api(site):
    """EFTS grouping is marked « à vérifier » in the rules file: the student must see it, on the wish."""
    from mps.domain.plan.rules import rules_for
    rules = rules_for(2026)
    cat = _cat(site)
    efts = next(f for f in cat.formations.values()
                if len(f.places) >= 2 and all((r := rules.multiple_rule(f, p)) and r.id == "efts" for p in f.places))
    bts = next(f for f in cat.formations.values() if f.family == "BTS"
               and len([p for p in f.places if not p.apprenticeship]) >= 2)
    browser = Browser(site)
    for f in (efts, bts):
        places = [p.cod_aff_form for p in f.places if not p.apprenticeship][:2]
        assert browser.api("PUT", f"/api/v1/favourites/formations/{f.id}",
                           json={"places": places}).status_code == 200
    plan = browser.get("/api/v1/plan").json()
    by_rule = {w["rule_id"]: w for w in plan["wishes"]}
    assert by_rule["efts"]["a_verifier"] is True and by_rule["bts"]["a_verifier"] is False
    rules_doc = {r["id"]: r for r in plan["rules"]}
    assert rules_doc["efts"]["a_verifier"] is True and rules_doc["bts"]["a_verifier"] is False
    assert rules_doc["sub_wishes"]["a_verifier"] is True  # both lists or each: not read in a text
    expected = {m.id for m in rules.multiple if m.a_verifier} | {u.id for u in rules.unmatched if u.a_verifier}
    assert expected <= {i for i, r in rules_doc.items() if r["a_verifier"]}

    page = html.unescape(browser.get("/mes-voeux").text)
    efts_at = page.index(f'id="voeu-etudiant-{by_rule["efts"]["rank"]}"')
    efts_block = page[efts_at:page.index("</li>", page.index("Suivi et note", efts_at))]
    assert "Règle à vérifier" in efts_block
    bts_at = page.index(f'id="voeu-etudiant-{by_rule["bts"]["rank"]}"')
    assert "Règle à vérifier" not in page[bts_at:page.index("Suivi et note", bts_at)]
    efts_rule = next(m for m in rules.multiple if m.id == "efts")
    listed = page.index(f"<strong>{efts_rule.label}</strong>")  # the rules list, with its quote and source
    assert "à vérifier" in page[listed:page.index("</li>", listed)]
    bts_rule = next(m for m in rules.multiple if m.id == "bts")
    listed = page.index(f"<strong>{bts_rule.label}</strong>")
    assert "à vérifier" not in page[listed:page.index("</li>", listed)]


def test_a_favourite_with_no_place_chosen_is_balanced_as_on_the_favourites_page(site):
    """« Mes favoris » judges a favourite with no place chosen by a place standing in for it; « Mes vœux » gives
    the same balance (it said « 0 ambitieux · 0 dans la course · 0 sécurité » and « Aucun vœu sûr » there)."""
    browser = Browser(site)
    target = _simple_place(site, lambda t: ACCESS_RATE_REACH + 5 <= t < ACCESS_RATE_SAFE - 5)
    r = browser.api("PUT", f"/api/v1/favourites/formations/{target.formation_id}", json={"places": []})
    assert r.status_code == 200, r.text
    check = browser.get("/api/v1/favourites").json()["check"]
    plan = browser.get("/api/v1/plan").json()
    assert plan["wishes"][0]["places"] == []  # nothing chosen: the plan lists no place...
    b = plan["balance"]
    assert sum((b["reach"], b["target"], b["safe"])) == 1  # ...but judges the wish, as the favourites page does
    assert (b["reach"], b["target"], b["safe"], b["text"]) == (check["reach"], check["target"], check["safe"],
                                                               check["balance"])
    page = html.unescape(browser.get("/mes-voeux").text)
    assert f"Équilibre de tes choix : <strong>{check['balance']}</strong>" in page

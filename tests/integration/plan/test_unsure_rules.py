"""Licences grouped at académie level: the open data does not say which ones (no column of the Parcoursup
file names them), so the rule stays in the rules data « à vérifier » and is never applied; the licence
wishes it may concern are counted as simple wishes and say so, on the page, in the API and the CSV."""
from __future__ import annotations

import csv
import io

from mps.domain.plan.rules import parse, rules_for
from tests.integration.plan.test_plan_api import with_plan


def test_the_rule_is_in_the_versioned_data_marked_a_verifier_and_never_applied():
    rules = rules_for(2026)
    [rule] = [u for u in rules.unmatched if u.id == "licences-academie"]
    assert rule.a_verifier and rule.source in rules.sources and rule.why
    assert rule.match is not None and rule.match.families == ("Licence",)
    assert all(m.id != "licences-academie" for m in rules.multiple)  # listed, not counted as multiple


def test_an_unsourced_rule_without_criteria_concerns_no_wish():
    doc = {"session": 2026, "label": "x", "sources": {"s": {"title": "t"}},
           "limits": {k: {"value": 10, "label": k, "source": "s", "quote": "q"}
                      for k in ("wishes", "apprenticeship_wishes", "one_per_formation", "sub_wishes")},
           "unmatched": [{"id": "u", "label": "l", "source": "s", "why": "w"}]}
    assert parse(doc).unmatched[0].match is None


def test_licence_wishes_are_simple_and_to_check_on_page_api_and_csv(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    plan = browser.get("/api/v1/plan").json()
    licence = [w for w in plan["wishes"] if w["formation_ids"] == [lic.id]]
    assert len(licence) == len(lp) and all(not w["multiple"] and w["a_verifier"] for w in licence)
    assert all("quelles licences sont regroupées" in w["to_check"] for w in licence)
    [bts_wish] = [w for w in plan["wishes"] if w["formation_ids"] == [bts.id]]
    assert bts_wish["to_check"] is None and not bts_wish["a_verifier"]
    assert plan["counts"]["school"] == 1 + len(lp)  # counted as the data allows: one wish per licence place
    page = browser.get("/mes-voeux").text
    assert page.count("data-to-check") == len(lp) and "Compté ici comme un vœu simple." in page
    rows = list(csv.DictReader(io.StringIO(browser.get("/api/v1/plan.csv").content.decode("utf-8-sig")),
                               delimiter=";"))
    kinds = {r["Type"] for r in rows if r["Vœu"].startswith(lic.label)}
    assert kinds == {"vœu (peut-être multiple : à vérifier)"}


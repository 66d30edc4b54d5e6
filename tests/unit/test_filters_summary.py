"""The search filters' summary: one rule (mps/domain/catalogue/filters_summary.py), said the same way offline
(tests/browser/test_offline.py compares the two pages)."""
from __future__ import annotations

import json

from mps.domain.catalogue.filters_summary import WORDING, WORDING_JSON, search_summary

LISTS = {"types": [("BTS", "BTS", 3), ("Licence", "Licence", 2)], "departements": [("69", "Rhône")],
         "academies": ["Lyon"], "regions": ["Auvergne-Rhône-Alpes"]}


def test_the_parts_follow_the_forms_order_with_the_lists_words():
    query = {"apprentissage": "ignored", "selective": "true", "region": "Auvergne-Rhône-Alpes", "academie": "Lyon",
             "departement": "69", "rayon": "30", "ville": " Lyon "}
    assert search_summary(query, LISTS, "BTS", "false") == [
        "BTS", "près de Lyon (30\u00a0km)", "69 – Rhône", "académie : Lyon", "Auvergne-Rhône-Alpes", "sélectives",
        "sans apprentissage"]


def test_what_no_list_knows_is_not_said():
    query = {"departement": "999", "academie": "Atlantide", "selective": "peut-être", "rayon": "25", "ville": "Lille"}
    assert search_summary(query, LISTS, None, "") == ["près de Lille"]
    assert search_summary({"rayon": "30"}, LISTS, "", "") == []  # a radius without a town


def test_the_words_travel_as_json_for_the_offline_page():
    assert json.loads(WORDING_JSON) == WORDING
    assert "{}" in WORDING["some"] and all(isinstance(w, (str, dict)) for w in WORDING["parts"].values())

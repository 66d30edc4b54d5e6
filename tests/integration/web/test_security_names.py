"""A name made only of invisible characters, through the real forms and the API: refused with one French sentence
(mps.lib.validation.VISIBLE), nothing stored. And the reminders API refuses unknown fields like every other body."""
from __future__ import annotations

import html

from tests.integration.accounts.fixtures import Browser, new_email
from tests.integration.classes.helpers import create_class, some_lycee, student, teacher
from tests.integration.reminders.helpers import subscription
from tests.integration.stages.partner_helpers import API, make_partner, offer_body
from tests.msgspec_types import reachable_types
from mps.domain.classes.service import current_school_year
from mps.lib.validation import NOT_VISIBLE, sentence

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
SAID = "une lettre ou un chiffre"


def test_a_class_and_a_first_name_of_zero_width_characters_are_refused_on_the_pages(site):
    prof = teacher(site)
    refused = prof.post_form("/classes", {"lycee": some_lycee(site).uai, "label": ZERO_WIDTH,
                                          "school_year": current_school_year()}, follow_redirects=False)
    assert refused.status_code == 400 and html.escape(sentence(NOT_VISIBLE), quote=False) in refused.text
    assert prof.get("/api/v1/classes").json() == []
    cls = create_class(site, prof)
    pupil, _ = student(site)
    joined = pupil.post_form("/ma-classe/rejoindre", {"code": cls["join_code"], "first_name": "\u3164 \u00ad",
                                                     "initial": "", "consent": "oui"}, follow_redirects=False)
    assert joined.status_code == 400 and SAID in joined.text
    assert prof.get(f"/api/v1/classes/{cls['id']}").json()["students"] == []


def test_a_family_link_label_of_spaces_of_every_kind_is_refused_by_the_api(site):
    browser = Browser(site)
    browser.sign_in(new_email("invisible"))
    answer = browser.api("POST", "/api/v1/me/family-links", {"label": "\u3000\u00a0\u2007\u034f", "days": 7})
    assert answer.status_code == 400, answer.text
    assert answer.json()["extra"][0]["key"] == "label" and SAID in answer.json()["extra"][0]["message"]
    assert browser.get("/api/v1/me/family-links").json() == []
    assert browser.api("POST", "/api/v1/me/family-links", {"label": "", "days": 7}).status_code == 201


def test_a_partner_offer_titled_with_zero_width_characters_is_refused(site):
    partner = make_partner(site)
    answer = site.post(API, json=offer_body(title=ZERO_WIDTH * 2), headers=partner.headers)
    assert answer.status_code == 400 and SAID in answer.text, answer.text
    assert " tu " not in answer.text and " ton " not in answer.text  # the partners are said « vous »


def test_the_reminders_api_refuses_unknown_fields_and_takes_what_browsers_send(site):
    """PushSubscription.toJSON() holds `expirationTime`: read; anything else (a misspelt `time_zone`): 400."""
    browser = Browser(site)
    for body in ({**subscription(), "timezone": "Indian/Reunion"}, {**subscription(), "role": "admin"},
                 {**subscription(), "keys": {**subscription()["keys"], "extra": "x"}}):
        answer = browser.api("POST", "/api/v1/reminders/devices", body)
        assert answer.status_code == 400 and "champ inconnu" in answer.text, answer.text
    assert browser.get("/api/v1/reminders").json()["devices"] == []
    for path, body in (("/api/v1/reminders/devices/forget", {"endpoint": "https://x.example/1", "id": 3}),
                       ("/api/v1/reminders/renew", {"old_endpoint": "a", "endpoint": "b", "keys": {}, "x": 1})):
        assert browser.api("POST", path, body).status_code == 400
    assert browser.api("PUT", "/api/v1/reminders/choices", {"kinds": [], "quiet_start": "21:00", "emails": True},
                       ).status_code == 400
    made = browser.api("POST", "/api/v1/reminders/devices", {**subscription(), "expirationTime": None})
    assert made.status_code == 201, made.text
    schema = site.get("/schema/openapi.json").json()["components"]["schemas"]
    assert schema["SubscriptionIn"]["additionalProperties"] is False


def _structs(annotation) -> list:
    """Every Struct a `data` annotation holds, nested ones included."""
    import msgspec
    return [info for info in reachable_types(annotation) if isinstance(info, msgspec.inspect.StructType)]


def test_every_body_a_handler_decodes_refuses_unknown_fields(site):
    """One contract for the whole API: a field the document does not know is refused by name, never dropped."""
    lenient, bodies = set(), 0
    for route in site.app.routes:
        for handler in getattr(route, "route_handlers", []):
            data = handler.parsed_fn_signature.parameters.get("data")
            for info in _structs(data.annotation) if data else []:
                bodies += 1
                if not info.forbid_unknown_fields:
                    lenient.add(f"{info.cls.__module__}.{info.cls.__name__}")
    assert bodies > 20 and not lenient, sorted(lenient)

"""Hostile values on every route of the app, as a visitor, a student, a teacher, an employer with its organisation
and a partner platform with a valid API token: never a 500.

The routes, their path parameters, their query parameters and the fields of their bodies are read from
the app itself (its route list, each handler's signature and `data` Struct, and the `name=` of every form
field in the templates), so a route added by a new area is fuzzed without touching this file.
Text no person types (NUL, control characters, bytes that are not UTF-8, lone surrogates, a file where a
form expects text) is refused with 400 naming the field; everything else (1 MB values, lists, numbers out
of range, junk ids) may be refused in any way but a 5xx.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

import httpx
import msgspec
import pytest
from sqlalchemy import select

from mps.db.models import Person
from mps.domain.stages.organisations import save_organisation
from mps.domain.stages.schemas import OrganisationIn
from mps.domain.stages.web.partner_auth import partner_guard
from tests.conftest import ROOT
from tests.integration.accounts.fixtures import Browser, db_url, make_site, new_email, run_db, site_settings
from tests.integration.stages.partner_helpers import drop_organisation, fresh_siret, make_partner
from tests.integration.web.route_table import NOT_OURS, fill, route_methods

WRITES = ("POST", "PUT", "PATCH", "DELETE")
# What Litestar hands a handler itself, or our dependencies (db, settings, catalogue...): not query parameters.
RESERVED = {"request", "state", "scope", "data", "headers", "cookies", "query", "body", "socket"}
SKIP = re.compile(NOT_OURS)

REFUSED_TEXT = ["\x00", "a\x00b", "\x1b[2J", "ok\x7f"]  # answered 400 naming the field
MEGABYTE = "x" * 1_000_000
LONG = "x" * 20_000  # longer than any field of the app allows (MAX_DESCRIPTION, 4,000, is the longest)
ODD_TEXT = [LONG, "", " ", "-1", "1e400", "9" * 30, "../../etc/passwd", "<script>x</script>",
            "🎓" * 50, "%00", "\t\r\n", "null", "²", "٣"]  # digits to str.isdigit: « ² » is none to int()
ODD_JSON = [None, True, -1, 2**70, 1e308, [], ["\x00"] * 3, {}, {"a": {"b": [1, "x"]}}, "x" * 20_000]
PATH_VALUES = {"int": ["0", "-1", str(2**63), "99999999999999999999999"],
               "str": ["inconnu", "x" * 3000, "%2e%2e", "%ED%A0%80", "%FF", "a%20b", "é"]}
PATH_REFUSED = ["%00", "a%00b", "%1b", "%0A"]


def _path_params(route) -> list[tuple[str, str]]:
    return [(p.name, getattr(p.type, "__name__", "str")) for p in route.path_parameters.values()]


def _query_names(app, handler, route) -> set[str]:
    dependencies = set(handler.resolve_dependencies()) | set(app.dependencies)
    path_names = set(route.path_parameters)
    names = set()
    for name, field in handler.parsed_fn_signature.parameters.items():
        if name in RESERVED | dependencies | path_names:
            continue
        alias = getattr(field.kwarg_definition, "query", None)
        if getattr(field.kwarg_definition, "header", None) or getattr(field.kwarg_definition, "cookie", None):
            continue
        names.add(alias or name)
    return names


def _data_fields(handler) -> list[str]:
    field = handler.parsed_fn_signature.parameters.get("data")
    struct = field.annotation if field is not None else None
    if isinstance(struct, type) and issubclass(struct, msgspec.Struct):
        return [f.encode_name for f in msgspec.structs.fields(struct)]
    return []


def _template_field_names() -> set[str]:
    """Every name= of the templates, and the fields their macros draw (input_field(form, "seats")...), which
    reach the page again as hidden fields of a later step."""
    names = set()
    for page in (ROOT / "frontend" / "templates").rglob("*.html"):
        text = page.read_text()
        names |= set(re.findall(r'\bname="([A-Za-z_][\w.\[\]-]*)"', text))
        names |= set(re.findall(r'\b\w+_field\(\s*\w+,\s*"([a-z_]+)"', text))
    return names


_ENCODED: dict[tuple[str, bytes], tuple[dict, bytes]] = {}


def _encoded(kind: str, value) -> tuple[dict, bytes]:
    """A form or JSON body as httpx encodes it: the same megabytes of forms (every template field) went to every
    write route, encoded again each time (a fifth of the fuzz's time, on the client's side)."""
    key = (kind, hashlib.sha1(repr(value).encode(errors="surrogatepass")).digest())  # dicts are unhashable
    if key not in _ENCODED:
        if sum(len(body) for _, body in _ENCODED.values()) > 50_000_000:
            _ENCODED.clear()
        request = httpx.Request("POST", "http://x/", **{kind: value})
        content_type = {k: v for k, v in request.headers.items() if k == "content-type"}  # none for json=None
        _ENCODED[key] = content_type, request.read()
    return _ENCODED[key]


class Fuzzer:
    """Sends the hostile requests and collects what went wrong, instead of stopping at the first."""

    def __init__(self, site, browser: Browser, sign_in_again, headers: dict | None = None):
        self.site, self.browser, self.sign_in_again, self.headers = site, browser, sign_in_again, headers or {}
        self.failures: list[str] = []
        self.fields = sorted(_template_field_names() - {"_csrf_token"})

    def send(self, method: str, url: str, expect_400: bool, what: str, **kw) -> None:
        headers = {"x-csrftoken": self.browser.csrf(), **self.headers, **kw.pop("headers", {})}
        if "data" in kw or "json" in kw:  # the bytes httpx would send, encoded once for every route that gets them
            kind, value = ("data", kw.pop("data")) if "data" in kw else ("json", kw.pop("json"))
            encoded_headers, kw["content"] = _encoded(kind, value)
            headers = {**encoded_headers, **headers}
        response = self.browser.request(method, url, headers=headers, follow_redirects=False, **kw)
        bad = response.status_code >= 500 or (expect_400 and response.status_code not in (400, 404))
        if bad:
            self.failures.append(f"{response.status_code} {method} {url[:120]} {what}")

    def route(self, app, method: str, route, handler) -> None:
        self.sign_in_again(self.browser)
        params = _path_params(route)
        for name, kind in params:  # each path parameter in turn, the others plain
            for value in PATH_VALUES.get(kind, PATH_VALUES["str"]):
                self.send(method, fill(route, {name: value}, "x"), False, f"path {name}={value[:20]!r}")
            if kind == "str":
                for value in PATH_REFUSED:
                    self.send(method, fill(route, {name: value}, "x"), True, f"path {name}={value!r}")
        url = fill(route, {name: "1" if kind == "int" else "x" for name, kind in params}, "x")
        queries = _query_names(app, handler, route) or {"q"}
        for value in REFUSED_TEXT:
            for name in queries:
                self.send(method, f"{url}?{name}={quote(value)}", True, f"query {name}={value!r}")
        for name in queries:
            self.send(method, f"{url}?{name}=%FF%FE", True, f"query {name}=bad utf-8")
            self.send(method, f"{url}?{name}={'x' * 20000}&{name}=a&{name}=b", False, f"query {name}=long, repeated")
            for value in ("²", "9" * 30, "9" * 5000):  # digits to str.isdigit, too large for a column, for int()
                self.send(method, f"{url}?{name}={quote(value)}", False, f"query {name}={value[:20]!r}")
        if method in WRITES:
            self.bodies(method, url, handler)

    def bodies(self, method: str, url: str, handler) -> None:
        names = self.fields + _data_fields(handler)
        for value in REFUSED_TEXT:
            self.send(method, url, True, f"form all={value!r}", data={n: value for n in names})
            doc = {n: value for n in _data_fields(handler) or names}
            self.send(method, url, True, f"json all={value!r}", json=doc)
        # msgspec refuses to decode it: 400, or unread
        self.send(method, url, False, "json lone surrogate", content=b'{"x": "\\ud800", "note": "\\udfff"}',
                  headers={"content-type": "application/json"})
        self.send(method, url, True, "form bad utf-8", content=b"note=%FF%FE&email=%C3%28",
                  headers={"content-type": "application/x-www-form-urlencoded"})
        self.send(method, url, True, "files everywhere", files={n: ("x.bin", b"\x00\xff" * 100) for n in names})
        for name in _data_fields(handler)[:1] or names[:1]:
            self.send(method, url, True, f"file in {name}", files={name: ("x.txt", b"texte")})
        for value in ODD_TEXT:
            self.send(method, url, False, f"form all={value[:20]!r}", data={n: value for n in names})
            if value != LONG:  # two values where one is read: its long value is the line above's, twice
                self.send(method, url, False, f"form lists {value[:20]!r}", data={n: [value, value] for n in names})
        for i, name in enumerate(_data_fields(handler) or names[:1]):  # 1 MB in one field at a time: a body of ~1 MB
            if i == 0:  # a handler with a `data` Struct decodes JSON only: a form reaches no field of it
                self.send(method, url, False, f"form {name}=1 MB", data={name: MEGABYTE})
            self.send(method, url, False, f"json {name}=1 MB", json={name: MEGABYTE})
        for value in ODD_JSON:
            doc = {n: value for n in _data_fields(handler) or names}
            self.send(method, url, False, f"json all={str(value)[:20]}", json=doc)
            self.send(method, url, False, f"json body={str(value)[:20]}", json=value)
        self.send(method, url, False, "not json", content=b"{\"a\":", headers={"content-type": "application/json"})


def _give_organisation(site, email: str) -> None:
    """The employer's own organisation, so that the employer's pages go past « create your organisation »."""
    async def work(db):
        person = (await db.execute(select(Person).where(Person.email == email))).scalar_one()
        await save_organisation(db, person, OrganisationIn(name="Atelier du fuzz", siret=fresh_siret(),
                                                           employer_kind="prive"))
    run_db(db_url(site), work)


def _signed_in(site, role: str | None):
    def ensure(browser: Browser) -> None:
        if role is None:
            return
        me = browser.get("/api/v1/me")
        if me.status_code != 200 or not me.json().get("signed_in"):
            browser.jar = browser.jar.__class__()
            domain = {"enseignant": "ac-lille.fr", "employeur": "entreprise.fr"}.get(role, "exemple.fr")
            email = new_email("fuzz", domain)
            browser.sign_in(email, role=role)
            if role == "employeur":
                _give_organisation(site, email)
    return ensure


def _fuzz(site, fuzzer: Fuzzer, guarded_by=None) -> None:
    """Every route, or only those whose handler has the guard `guarded_by`."""
    routes = [(m, r, h) for m, r, h in route_methods(site.app, SKIP)
              if guarded_by is None or guarded_by in h.resolve_guards()]
    assert len(routes) > (40 if guarded_by is None else 2)  # the route list was read
    assert any(m in WRITES for m, _, _ in routes)
    for method, route, handler in routes:
        fuzzer.route(site.app, method, route, handler)
    assert not fuzzer.failures, "\n".join(fuzzer.failures)


@pytest.mark.parametrize("role", [None, "lyceen", "enseignant", "employeur"])
def test_hostile_values_on_every_route_never_answer_5xx(site, role):
    _fuzz(site, Fuzzer(site, Browser(site), _signed_in(site, role)))


def test_hostile_values_with_a_valid_partner_token_never_answer_5xx(catalogue_db, smtp, tmp_path):
    """No account, the bearer token of a verified organisation on every request: past the guard, into the partner
    API's handlers (a site of its own, whose per-token limit lets every request through). Only the routes behind
    the partner guard, the one reader of the token: elsewhere the header changes nothing, and the visitor's run above
    sends the same requests."""
    with make_site(site_settings(catalogue_db, tmp_path, smtp.port, partner_api=(10**6, 60))) as site:
        site.smtp = smtp
        partner = make_partner(site)
        try:
            fuzzer = Fuzzer(site, Browser(site), _signed_in(site, None), partner.headers)
            _fuzz(site, fuzzer, guarded_by=partner_guard)
        finally:
            drop_organisation(site, partner.org_id)

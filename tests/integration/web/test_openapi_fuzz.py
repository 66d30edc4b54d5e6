"""schemathesis over every operation of the OpenAPI document, with a signed-in student's cookies and CSRF token:
no 5xx, and every answer (status, content type, body) is one the document describes (schemathesis' checks).

Test-only dependency: schemathesis generates the requests from the document the app serves, so a new API
operation is covered as soon as it is in the document.
"""
from __future__ import annotations

import pytest
import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance
from hypothesis import HealthCheck, given, settings

from tests.integration.accounts.fixtures import Browser, new_email

BASE = "http://127.0.0.1:8000"
MAX_EXAMPLES = 25
# Every check but one: « a schema-valid value is accepted » cannot hold where a rule is about the world, not the
# shape (an e-mail address that is an address, a spécialité of the referential, a class code that exists, the
# student's consent): those answer 400 naming the field, which the other checks hold to the document.
NOT_STATED_IN_A_SCHEMA = [positive_data_acceptance]


@pytest.fixture()
def student(site) -> Browser:
    return Browser(site)


def _signed_in(student: Browser) -> None:
    """Signed in again when an operation signed the student out or erased the account (DELETE /api/v1/me)."""
    me = student.get("/api/v1/me")
    if not me.json().get("signed_in"):
        student.jar = student.jar.__class__()
        student.sign_in(new_email("schema"))


def _send(student: Browser, case):
    kwargs = case.as_transport_kwargs(base_url=BASE, headers={"x-csrftoken": student.csrf()})
    body = kwargs.pop("data", None)
    return student.request(kwargs["method"], kwargs["url"], params=kwargs.get("params"), headers=kwargs.get("headers"),
                           json=kwargs.get("json"), content=body if isinstance(body, (bytes, str)) else None,
                           data=body if isinstance(body, dict) else None, follow_redirects=False)


def test_every_operation_answers_as_documented(site, student):
    schema = schemathesis.openapi.from_dict(site.get("/schema/openapi.json").json())
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        _signed_in(student)

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            response = _send(student, case)
            assert response.status_code < 500, f"{response.status_code} {case.method} {case.formatted_path}"
            case.validate_response(response, excluded_checks=NOT_STATED_IN_A_SCHEMA)

        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - every operation is tried; all failures are listed at the end
            failures.append(f"{operation.label}: {str(exc)[:600]}")
    assert operations > 20
    assert not failures, "\n\n".join(failures)

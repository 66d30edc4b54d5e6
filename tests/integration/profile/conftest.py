"""The profile pages' tests: a visitor's client, its CSRF cookie set by a first page."""
import pytest


@pytest.fixture
def client(app_client):
    app_client.cookies.clear()
    app_client.get("/")
    yield app_client
    app_client.cookies.clear()

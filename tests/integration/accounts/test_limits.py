"""The per-address sign-in limit counts a mailbox once: "name+tag@" is "name@" (4 links per hour here)."""
from __future__ import annotations

import uuid

from tests.integration.accounts.fixtures import Browser


def test_plus_tags_share_the_address_limit(site):
    name = f"eleve.{uuid.uuid4().hex[:8]}"
    codes = [Browser(site).post_form("/connexion", {"email": f"{name}{tag}@exemple.fr"}).status_code
             for tag in ("+a", "", "+b", "+c", "+d", "+zzz")]
    assert codes == [200, 200, 200, 200, 429, 429]
    assert Browser(site).post_form("/connexion", {"email": f"autre.{name}@exemple.fr"}).status_code == 200

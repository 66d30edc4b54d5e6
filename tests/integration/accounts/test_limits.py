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


def test_dots_of_a_gmail_address_share_its_limit(site):
    """Gmail delivers « e.l.e.v.e@gmail.com » to « eleve@gmail.com »: dots must not multiply the links a
    stranger can have us mail to one inbox (tags did not either)."""
    name = f"eleve{uuid.uuid4().hex[:8]}"
    variants = [f"{name}@gmail.com", f"{name[0]}.{name[1:]}@gmail.com", f"{name[:2]}.{name[2:]}@googlemail.com",
                f"{'.'.join(name)}@gmail.com", f"{name[:3]}.{name[3:]}+x@GMAIL.com", f"{name[:4]}.{name[4:]}@gmail.com"]
    codes = [Browser(site).post_form("/connexion", {"email": email}).status_code for email in variants]
    assert codes == [200, 200, 200, 200, 429, 429]
    # elsewhere a dot is part of the name: « jean.dupont@exemple.fr » is not « jeandupont@exemple.fr »
    assert Browser(site).post_form("/connexion", {"email": f"{name[:3]}.{name[3:]}@exemple.fr"}).status_code == 200

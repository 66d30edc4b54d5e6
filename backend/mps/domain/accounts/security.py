"""The device's anonymous id is dropped after sign-in or sign-out (a before_send hook of the accounts area).

The CSRF check and the Secure flag on cookies are app-wide: mps/web/security.py.
"""
from __future__ import annotations


async def forget_anonymous_cookie(message, scope) -> None:
    """before_send hook: after sign-in or sign-out the device's anonymous id is dropped.

    Its work now belongs to the account (sign-in) and must not stay readable on a shared computer
    (sign-out).
    """
    from mps.domain.accounts.service import forget_anonymous_requested
    from mps.domain.identity.web import ANON_COOKIE

    if message["type"] == "http.response.start" and forget_anonymous_requested(scope):
        header = f"{ANON_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax".encode("latin-1")
        message["headers"] = [*(message.get("headers") or []), (b"set-cookie", header)]

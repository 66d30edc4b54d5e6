"""Rate limits on sign-in requests, per address and per IP (shared limiter: memory, or Redis)."""
from __future__ import annotations

from litestar import Request

from mps.lib.ratelimit import limiter_for

# (limit, window in seconds); settings.extra may override them (tests, small deployments).
PER_ADDRESS = (5, 3600)
PER_IP = (30, 3600)


def client_ip(request: Request) -> str:
    # Behind a proxy, uvicorn --proxy-headers puts the real client here.
    return request.client.host if request.client else "unknown"


async def sign_in_allowed(request: Request, email: str) -> bool:
    extra = request.app.state.settings.extra
    per_address = extra.get("sign_in_per_address", PER_ADDRESS)
    per_ip = extra.get("sign_in_per_ip", PER_IP)
    limiter = limiter_for(request.app)
    ok_address = await limiter.hit(f"sign-in:address:{email}", *per_address)
    ok_ip = await limiter.hit(f"sign-in:ip:{client_ip(request)}", *per_ip)
    return ok_address and ok_ip

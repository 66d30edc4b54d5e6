"""Absolute links to this site, for pages (class join link, family link) and for mails (sign-in link,
family invitation).

BASE_URL, when set, is the public address and is always used. When it is unset:
- a page shows links on the address the visitor is using (scheme and host of their request; behind a
  trusted proxy, its X-Forwarded-Proto, mps/web/proxies.py), so a server on port 9300 gives :9300 links;
- a mail cannot trust the Host header in production (anyone can send one and have a sign-in link
  for someone else point at their own site), so it uses the address `mps serve` listens on; in
  development it follows the request too. Deployments set BASE_URL (README, « Configuration »).
"""
from __future__ import annotations

from litestar import Request


def page_origin(request: Request) -> str:
    settings = request.app.state.settings
    if settings.base_url:
        return settings.base_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def mail_origin(request: Request) -> str:
    settings = request.app.state.settings
    if settings.base_url or not settings.is_dev:
        return settings.public_url
    return page_origin(request)

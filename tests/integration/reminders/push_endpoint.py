"""A local push service (test code): receives what the server sends, decrypts it (RFC 8291, with http_ece)
and checks the VAPID JWT (RFC 8292), like a browser vendor's push service and the device behind it.

    with PushEndpoint() as service:
        device = service.device()            # a browser's subscription: endpoint, p256dh, auth
        device.answers([(500, {}), (201, {})])  # what the next pushes get (then 201)
        ...; device.received                  # [Received(headers, plaintext, claims)]
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field

import http_ece
import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    headers: dict[str, str]
    plaintext: bytes
    claims: dict

    @property
    def doc(self) -> dict:
        return json.loads(self.plaintext)


@dataclass
class Device:
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    script: list = field(default_factory=list)  # (status, headers, delay seconds) for the next pushes
    received: list[Received] = field(default_factory=list)
    hits: int = 0  # every POST, answered or not

    @property
    def p256dh(self) -> str:
        return b64(self.private_key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint))

    @property
    def auth_b64(self) -> str:
        return b64(self.auth)

    def answers(self, script: list) -> None:
        self.script = [(s[0], s[1], s[2] if len(s) > 2 else 0.0) for s in script]


class VapidError(AssertionError):
    pass


def verify_vapid(authorization: str, endpoint: str) -> dict:
    """RFC 8292: `vapid t=<JWT ES256>, k=<public key>`; aud is the push service's origin, exp ≤ 24 h, sub a
    mailto: or https: contact. Returns the claims."""
    if not authorization.startswith("vapid "):
        raise VapidError(f"not a vapid scheme: {authorization[:20]}")
    params = dict(part.strip().split("=", 1) for part in authorization[6:].split(","))
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(params["k"]))
    scheme, rest = endpoint.split("://", 1)
    audience = f"{scheme}://{rest.split('/', 1)[0]}"
    claims = jwt.decode(params["t"], key=public, algorithms=["ES256"], audience=audience)
    if not 0 < claims["exp"] - time.time() <= 24 * 3600:
        raise VapidError("exp more than 24 h ahead")
    if not claims["sub"].startswith(("mailto:", "https:")):
        raise VapidError(f"sub {claims['sub']}")
    return claims


class PushEndpoint:
    def __init__(self):
        self.devices: dict[str, Device] = {}
        self.errors: list[str] = []
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(self._app, log_level="warning", lifespan="off", interface="asgi3",
                                                     access_log=False))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    def device(self) -> Device:
        name = os.urandom(8).hex()
        device = Device(f"http://127.0.0.1:{self.port}/push/{name}", ec.generate_private_key(ec.SECP256R1()),
                        os.urandom(16))
        self.devices[name] = device
        return device

    async def _app(self, scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        name = scope["path"].rsplit("/", 1)[-1]
        device = self.devices.get(name)
        status, headers, delay = (404, {}, 0.0) if device is None else (
            device.script.pop(0) if device.script else (201, {}, 0.0))
        if device is not None:
            device.hits += 1
        if delay:
            await asyncio.sleep(delay)
        if device is not None and status in (200, 201):
            head = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
            try:
                claims = verify_vapid(head.get("authorization", ""), device.endpoint)
                plaintext = http_ece.decrypt(body, private_key=device.private_key, auth_secret=device.auth,
                                             version="aes128gcm")
                device.received.append(Received(head, plaintext, claims))
            except Exception as exc:  # noqa: BLE001 - a test reads self.errors
                self.errors.append(f"{type(exc).__name__}: {exc}")
                status = 400
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.lower().encode(), str(v).encode()) for k, v in headers.items()]})
        await send({"type": "http.response.body", "body": b""})

    def __enter__(self) -> "PushEndpoint":
        self._thread.start()
        for _ in range(200):
            if self._server.started:
                return self
            time.sleep(0.02)
        raise RuntimeError("push endpoint did not start")

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(10)

"""Sending mail: SMTP when SMTP_HOST is set, else (embedded default) .eml files in var/outbox/.

The outbox is only shown at /dev/outbox in development; in production without SMTP the mails still
land on disk for the operator, never on a page.
"""
from __future__ import annotations

import asyncio
import email.policy
import re
import secrets
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses
from pathlib import Path

from mps.lib.turns import waiting_elsewhere


# Every line boundary of str.splitlines() (the email package refuses a header holding any: U+2028 in a name gave a
# 500), and only these: a no-break space before « : » stays as written.
_LINE_BREAKS = re.compile(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")


def build_message(sender: str, to: str, subject: str, text: str) -> EmailMessage:
    msg = EmailMessage()
    # A subject quotes names people typed (a form's body may hold line breaks): a header holds one line, else
    # the email package refuses the message (a 500 once the change was made) rather than letting a header in.
    msg["From"], msg["To"], msg["Subject"] = sender, to, _LINE_BREAKS.sub(" ", subject)
    msg["Date"] = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    msg.set_content(text)
    return msg


def outbox_dir(settings) -> Path:
    return Path(settings.paths.var_dir) / "outbox"


def _send_smtp(mail_settings, msg: EmailMessage) -> None:
    with smtplib.SMTP(mail_settings.host, mail_settings.port, timeout=20) as smtp:
        if mail_settings.use_tls:
            smtp.starttls()
        if mail_settings.username:
            smtp.login(mail_settings.username, mail_settings.password or "")
        smtp.send_message(msg)


def _write_outbox(folder: Path, msg: EmailMessage) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
    path.write_bytes(msg.as_bytes(policy=email.policy.SMTP))
    return path


async def send_mail(settings, to: str, subject: str, text: str) -> None:
    msg = build_message(settings.mail.sender, to, subject, text)
    if settings.mail.host:
        async with waiting_elsewhere():  # up to 20 s on a slow relay: the process's other requests go on
            await asyncio.to_thread(_send_smtp, settings.mail, msg)
    else:
        await asyncio.to_thread(_write_outbox, outbox_dir(settings), msg)


def read_outbox(settings, limit: int = 50) -> list[dict]:
    """The latest mails of the outbox, newest first: {name, to, subject, date, body}."""
    folder = outbox_dir(settings)
    if not folder.is_dir():
        return []
    mails = []
    for path in sorted(folder.glob("*.eml"), reverse=True)[:limit]:
        msg = BytesParser(policy=email.policy.default).parsebytes(path.read_bytes())
        body = msg.get_body(preferencelist=("plain",))
        mails.append({"name": path.name, "to": msg["To"], "subject": msg["Subject"], "date": msg["Date"],
                      "body": body.get_content() if body else ""})
    return mails


def forget_outbox_mails(settings, address: str) -> int:
    """Delete the outbox's mails to `address` (an account deleted: nothing of theirs stays on disk, not even
    their sign-in links); how many were deleted. Mails to other people are kept, even those naming them."""
    folder, wanted = outbox_dir(settings), address.strip().lower()
    if not wanted or not folder.is_dir():
        return 0
    parser, deleted = BytesHeaderParser(policy=email.policy.default), 0
    for path in folder.glob("*.eml"):
        try:
            with path.open("rb") as f:
                to = parser.parse(f)["To"] or ""
        except OSError:  # deleted meanwhile
            continue
        if any(addr.lower() == wanted for _, addr in getaddresses([str(to)])):
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted

#!/usr/bin/env python3
"""RJ Hub's local SMTP server, for development and tests (run by infra/smtp.sh).

Accepts mail on a loopback port with Debian's python3-aiosmtpd and stores every message it
accepts as one file in a mailbox folder: the whole RFC 5322 message as received (headers and
body, CRLF line endings), preceded by the envelope, as a delivery agent records it:

    Return-Path: <mail from>
    Delivered-To: <recipient>        (one line per RCPT TO)
    <the message as the client sent it>

Files are named `<nanoseconds>.<random>.eml` (so they sort by arrival), written into a
staging folder next to the mailbox (same file system), flushed to disk and then renamed into
the mailbox, Maildir style: a reader of the mailbox never sees half a message (nor a message
twice), and the server answers 250 only once the file is there.

Two recipient domains stand for what a real relay can answer, so the hub's error handling
can be exercised against this real server:
    <anything>@refused.example.org   -> 550 at RCPT TO (mailbox unavailable: permanent)
    <anything>@deferred.example.org  -> 451 at RCPT TO (try again later: temporary)

Usage: smtp_mailbox.py --host 127.0.0.1 --port 2525 --mailbox DIR [--staging DIR]
"""

import argparse
import asyncio
import logging
import os
import signal
import time
import uuid

from aiosmtpd.smtp import SMTP

REFUSED_DOMAIN = "refused.example.org"
DEFERRED_DOMAIN = "deferred.example.org"


class MailboxHandler:
    """aiosmtpd handler: refuses the two test domains, stores every accepted message."""

    def __init__(self, folder, staging):
        self.folder = folder
        self.staging = staging
        os.makedirs(folder, exist_ok=True)
        os.makedirs(staging, exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rpartition("@")[2].lower()
        if domain == REFUSED_DOMAIN:
            return "550 5.1.1 Recipient address rejected: mailbox unavailable"
        if domain == DEFERRED_DOMAIN:
            return "451 4.3.0 Recipient temporarily unavailable; try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        lines = [f"Return-Path: <{envelope.mail_from}>"]
        lines += [f"Delivered-To: <{rcpt}>" for rcpt in envelope.rcpt_tos]
        content = envelope.original_content or b""
        data = ("\r\n".join(lines) + "\r\n").encode("utf-8") + content
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.eml"
        staged = os.path.join(self.staging, name)
        with open(staged, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.rename(staged, os.path.join(self.folder, name))
        return "250 2.0.0 Message stored"


async def serve(host, port, folder, staging):
    """Serves until SIGTERM or SIGINT."""
    handler = MailboxHandler(folder, staging)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="rjhub-smtp.localhost",
            ident="RJ Hub local SMTP",
            data_size_limit=10 * 1024 * 1024,
            enable_SMTPUTF8=True,
        ),
        host=host,
        port=port,
        reuse_address=True,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    logging.getLogger("rjhub.smtp").warning(
        "listening on %s:%d, storing into %s", host, port, folder)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--mailbox", required=True)
    parser.add_argument("--staging", help="default: <mailbox>.staging, next to the mailbox")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    mailbox = os.path.abspath(arguments.mailbox)
    staging = arguments.staging or mailbox.rstrip("/") + ".staging"
    asyncio.run(serve(arguments.host, arguments.port, mailbox, staging))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A local SMTP server that keeps every message it gets, for a stack on loopback (standard
library only; never for production):

    python3 scripts/smtp_sink.py --port 1025 --folder stack/mail    # EMAIL_URL=smtp://127.0.0.1:1025?tls=0

Each message is written to FOLDER/<n>.eml and one line per message is printed (sender and
recipients). It speaks just enough SMTP for Django's SMTP backend: EHLO/HELO, MAIL, RCPT,
DATA, RSET, NOOP, QUIT (no STARTTLS, no AUTH).
"""

import argparse
import asyncio
import itertools
from pathlib import Path

COUNTER = itertools.count(1)


async def session(reader, writer, folder):
    def reply(line):
        writer.write(f"{line}\r\n".encode())

    reply("220 smtp-sink ready")
    sender, recipients = None, []
    while line := await reader.readline():
        command = line.decode("utf-8", "replace").strip()
        verb = command.split(" ", 1)[0].upper()
        if verb == "EHLO":
            reply("250-smtp-sink")
            reply("250 8BITMIME")
        elif verb == "HELO" or verb == "NOOP":
            reply("250 ok")
        elif verb == "MAIL":
            sender, recipients = command.split(":", 1)[1].strip(), []
            reply("250 ok")
        elif verb == "RCPT":
            recipients.append(command.split(":", 1)[1].strip())
            reply("250 ok")
        elif verb == "DATA":
            reply("354 end with <CRLF>.<CRLF>")
            await writer.drain()
            body = bytearray()
            while (chunk := await reader.readline()) not in (b".\r\n", b".\n", b""):
                body += chunk[1:] if chunk.startswith(b"..") else chunk
            number = next(COUNTER)
            (folder / f"{number}.eml").write_bytes(bytes(body))
            print(f"message {number}: from {sender} to {', '.join(recipients)}", flush=True)
            reply("250 queued")
        elif verb == "RSET":
            sender, recipients = None, []
            reply("250 ok")
        elif verb == "QUIT":
            reply("221 bye")
            await writer.drain()
            break
        else:
            reply("502 not implemented")
        await writer.drain()
    writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--folder", default="mail")
    options = parser.parse_args()
    folder = Path(options.folder)
    folder.mkdir(parents=True, exist_ok=True)
    server = await asyncio.start_server(
        lambda r, w: session(r, w, folder), options.host, options.port
    )
    print(f"smtp-sink on {options.host}:{options.port}, messages in {folder}/", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())

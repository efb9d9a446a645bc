#!/usr/bin/python3
"""A real SMTP server for the mail tests: Debian's aiosmtpd on 127.0.0.1, on a port the
kernel picks (printed as "port N" on the first line of standard output).

Each message it accepts is written to DIR as N.eml (the message as received) and N.json
(the envelope: mail from, recipients, whether the session was under TLS and who signed in).
It stops at SIGTERM or when its standard input closes.

usage: smtp_server.py --dir DIR [--tls CERT KEY] [--user NAME --password PW] [--refuse N] [--stall]
  --tls       offer STARTTLS with this certificate, and require it before anything else
  --user      require AUTH (PLAIN or LOGIN) as NAME with PW
  --refuse N  answer the first N messages "451 try again later" (a server having trouble)
  --stall     take connections and never say a word (a server that hangs)
"""
import argparse
import warnings
warnings.filterwarnings("ignore", message=".*login_data.*")
import asyncio
import json
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult

args = argparse.ArgumentParser()
args.add_argument("--dir", required=True)
args.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
args.add_argument("--user")
args.add_argument("--password")
args.add_argument("--refuse", type=int, default=0)
args.add_argument("--stall", action="store_true")
opts = args.parse_args()
os.makedirs(opts.dir, exist_ok=True)


class Handler:
    def __init__(self):
        self.count = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refused < opts.refuse:
            self.refused += 1
            return "451 4.3.0 try again later"
        self.count += 1
        base = os.path.join(opts.dir, str(self.count))
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "tls": session.ssl is not None,
                       "user": session.auth_data.decode() if isinstance(session.auth_data, bytes) else None},
                      f)
        os.rename(base + ".eml.part", base + ".eml")  # whole, or not there
        return "250 2.0.0 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login.decode() == opts.user and auth_data.password.decode() == opts.password
    return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)


def main():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Handler()
    kw = {"hostname": "fika-test-smtp", "auth_require_tls": bool(opts.tls)}
    if opts.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(opts.tls[0], opts.tls[1])
        kw.update(tls_context=ctx, require_starttls=True)
    if opts.user:
        kw.update(auth_required=True, authenticator=authenticate)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    if opts.stall:
        held = []

        class Silent(asyncio.Protocol):
            def connection_made(self, transport):
                held.append(transport)  # open, and silent

        server = loop.run_until_complete(loop.create_server(Silent, sock=sock))
    else:
        server = loop.run_until_complete(loop.create_server(lambda: SMTP(handler, loop=loop, **kw), sock=sock))
    print(f"port {sock.getsockname()[1]}", flush=True)
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    loop.add_reader(sys.stdin.fileno(), lambda: os.read(sys.stdin.fileno(), 4096) or stop.done() or stop.set_result(None))
    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())


main()

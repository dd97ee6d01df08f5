"""A real SMTP server for the integration tests (see tests/api/support/smtp.rs).

Listens on 127.0.0.1, prints `READY <port>` once it accepts connections, and
stores each message it accepts as `<n>.json` under --dir, n counting from 1:
{"mail_from": ..., "rcpt_tos": [...], "data": "<raw message>"}.

    pip install -r backend/tests/requirements.txt
    python3 backend/tests/smtp_server.py --dir /tmp/mail [--port 1025] [--fail-first N]
"""

import argparse
import asyncio
import json
import os
import sys
import threading

from aiosmtpd.smtp import SMTP

TRY_AGAIN = "451 4.3.0 Try again later"


class Store:
    """Writes accepted messages; refuses the first `fail_first` ones."""

    def __init__(self, directory, fail_first):
        self.directory = directory
        self.failures_left = fail_first
        self.stored = 0

    async def handle_DATA(self, server, session, envelope):
        if self.failures_left > 0:
            self.failures_left -= 1
            return TRY_AGAIN
        self.stored += 1
        self.write(self.stored, envelope)
        return "250 OK"

    def write(self, n, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": envelope.original_content.decode("utf-8", errors="replace"),
        }
        # Written aside, then renamed: a reader never sees half a message.
        temporary = os.path.join(self.directory, f".{n}.json.tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(temporary, os.path.join(self.directory, f"{n}.json"))


def exit_when_stdin_closes():
    """The test process holds our stdin; if it dies without killing us
    (SIGKILL, a timeout), the pipe closes and we go too."""
    sys.stdin.read()
    os._exit(0)


async def serve(args):
    store = Store(args.dir, args.fail_first)
    loop = asyncio.get_running_loop()
    # Not aiosmtpd's Controller: it cannot report the port that binding to
    # port 0 picked, and the tests need a free port each.
    server = await loop.create_server(
        lambda: SMTP(store, hostname="localhost"), "127.0.0.1", args.port
    )
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, help="where received messages go")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--fail-first",
        type=int,
        default=0,
        metavar="N",
        help=f"answer the first N messages with '{TRY_AGAIN}'",
    )
    parser.add_argument(
        "--exit-on-stdin-eof",
        action="store_true",
        help="stop when standard input closes (set by the test harness)",
    )
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    if args.exit_on_stdin_eof:
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

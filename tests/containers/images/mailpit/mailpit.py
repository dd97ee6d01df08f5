"""A mail catcher: SMTP on :1025 keeps each message in memory (at most
MP_MAX_MESSAGES), HTTP on :8025 lists them the way Mailpit's API does."""

import asyncore
import email
import email.policy
import json
import os
import smtpd
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MESSAGES = []
LIMIT = int(os.environ.get("MP_MAX_MESSAGES", "500"))
LOCK = threading.Lock()


def parts(message):
    text = html = ""
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not text:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and not html:
            html = part.get_content()
    return text, html


class Catcher(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message = email.message_from_bytes(data, policy=email.policy.default)
        text, html = parts(message)
        entry = {
            "ID": uuid.uuid4().hex,
            "From": {"Address": mailfrom},
            "To": [{"Address": to} for to in rcpttos],
            "Subject": str(message.get("Subject", "")),
            "Created": datetime.now(timezone.utc).isoformat(),
            "Text": text,
            "HTML": html,
        }
        with LOCK:
            MESSAGES.insert(0, entry)
            del MESSAGES[LIMIT:]
        return None


class Api(BaseHTTPRequestHandler):
    def do_GET(self):
        with LOCK:
            messages = list(MESSAGES)
        if self.path in ("/readyz", "/livez"):
            return self.reply(200, {"ok": True})
        if self.path.startswith("/api/v1/messages"):
            summary = [{k: m[k] for k in ("ID", "From", "To", "Subject", "Created")} for m in messages]
            return self.reply(200, {"total": len(summary), "messages": summary})
        if self.path.startswith("/api/v1/message/"):
            wanted = self.path.rsplit("/", 1)[1]
            for message in messages:
                if message["ID"] == wanted:
                    return self.reply(200, message)
        return self.reply(404, {"error": "not found"})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    Catcher(("0.0.0.0", 1025), None, decode_data=False)
    threading.Thread(target=asyncore.loop, daemon=True).start()
    print("mail catcher: SMTP on :1025, HTTP on :8025", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 8025), Api).serve_forever()

"""A local stand-in for the GOV.UK Notify API: an http.server on 127.0.0.1 in a thread that
checks each request's JWT (signed with the key's secret, issued by the key's service id) and
JSON body the way Notify does, records what it accepted, and answers with Notify's shapes."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"victimcare_test-{SERVICE_ID}-{SECRET}"
REQUIRED = {
    "/v2/notifications/email": ("email_address", "template_id"),
    "/v2/notifications/sms": ("phone_number", "template_id"),
    "/v2/notifications/letter": ("template_id", "personalisation"),
}


class FakeNotify:
    def __init__(self) -> None:
        self.accepted: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.fail_with: tuple[int, dict[str, Any]] | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                fake.handle(self, "POST")

            def do_GET(self) -> None:
                fake.handle(self, "GET")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNotify:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _reply(self, handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _check_auth(self, handler: BaseHTTPRequestHandler) -> str | None:
        header = handler.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return "no bearer token"
        token = header[7:]
        if get_token_issuer(token) != SERVICE_ID:
            return "wrong issuer"
        try:
            decode_jwt_token(token, SECRET)
        except Exception as err:  # the real API answers 403 for any bad token
            return f"bad token: {err}"
        return None

    def handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        problem = self._check_auth(handler)
        if problem:
            self.errors.append(problem)
            return self._reply(
                handler, 403, {"status_code": 403, "errors": [{"error": "AuthError", "message": problem}]}
            )
        path = urlsplit(handler.path)
        if method == "GET" and path.path == "/v2/notifications":
            reference = parse_qs(path.query).get("reference", [""])[0]
            found = [n for n in self.accepted if n["body"].get("reference") == reference]
            return self._reply(
                handler,
                200,
                {"notifications": [{"id": n["id"], "reference": reference} for n in found], "links": {}},
            )
        length = int(handler.headers.get("Content-Length", "0"))
        body = json.loads(handler.rfile.read(length) or b"{}")
        missing = [k for k in REQUIRED.get(path.path, ("?",)) if k not in body]
        if missing or path.path not in REQUIRED:
            self.errors.append(f"bad request {path.path} {missing}")
            return self._reply(
                handler,
                400,
                {
                    "status_code": 400,
                    "errors": [{"error": "ValidationError", "message": f"{missing} is a required property"}],
                },
            )
        if self.fail_with:
            return self._reply(handler, *self.fail_with)
        notification = {"id": str(uuid.uuid4()), "path": path.path, "body": body}
        self.accepted.append(notification)
        return self._reply(
            handler, 201, {"id": notification["id"], "reference": body.get("reference"), "content": {}}
        )

"""A peer for the tests: a real HTTP server on a loopback port that answers with documents
signed by its own Ed25519 key, and can be told to spoil an answer (wrong key, altered body,
old signature, the same signature twice)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from juntos.core.crypto import public_key_text
from juntos.federation.activities import MEDIA_TYPE
from juntos.federation.signatures import FEED_TAG, RequestMessage, ResponseMessage, sign


@dataclass
class FakePeer:
    base_url: str = ""
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    key_id: str = "peer-key-1"
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # path?query -> doc
    spoil: str = ""  # "", "unknown-key", "other-key", "body", "old", "replay", "signature"
    requests: list[str] = field(default_factory=list)
    _answered: dict[str, tuple[bytes, dict[str, str]]] = field(default_factory=dict)

    @property
    def public_key(self) -> str:
        return public_key_text(self.key.public_key())

    def answer(self, target: str) -> tuple[int, bytes, dict[str, str]]:
        self.requests.append(target)
        document = self.documents.get(target)
        if document is None:
            path = target.split("?")[0]
            document = {"orderedItems": []} if "/page" in path else {"organisations": []}
        body = json.dumps(document).encode()
        if self.spoil == "replay" and target in self._answered:
            return 200, *self._answered[target]  # the very answer it gave before
        key = Ed25519PrivateKey.generate() if self.spoil == "other-key" else self.key
        key_id = "someone-else" if self.spoil == "unknown-key" else self.key_id
        created = dt.datetime.now(dt.UTC) - (
            dt.timedelta(minutes=6) if self.spoil == "old" else dt.timedelta(0)
        )
        asked = RequestMessage("GET", self.base_url + target, {})
        message = ResponseMessage(200, {"Content-Type": MEDIA_TYPE}, asked)
        sign(message, body=body, key_id=key_id, key=key, tag=FEED_TAG, created=created)
        if self.spoil == "body":
            body = body.replace(b"}", b" }", 1)
        if self.spoil == "signature":
            # The first base64 character of the signature: six bits of its first byte.
            signature = message.headers["Signature"]
            at = signature.index(":") + 1
            other = "B" if signature[at] == "A" else "A"
            message.headers["Signature"] = signature[:at] + other + signature[at + 1 :]
        self._answered[target] = (body, dict(message.headers))
        return 200, body, message.headers


@contextmanager
def fake_peer() -> Iterator[FakePeer]:
    peer = FakePeer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body, headers = peer.answer(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    peer.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield peer
    finally:
        server.shutdown()
        server.server_close()


def job_posting(number: int, *, base: str, title: str = "Apple harvest") -> dict[str, Any]:
    return {
        "id": f"{base}/en/opportunities/vacancies/{number}/",
        "type": "JobPosting",
        "title": title,
        "description": "Picking apples",
        "jobStartDate": "2027-04-01",
        "jobLocation": {"type": "Place", "address": {"addressRegion": "ON"}},
        "hiringOrganization": {"@type": "Organization", "name": "Niagara Growers"},
        "inLanguage": "en",
        "url": f"{base}/en/opportunities/vacancies/{number}/",
    }


def page(base: str, feed: str, items: list[dict[str, Any]], last: int) -> dict[str, Any]:
    document: dict[str, Any] = {"type": "OrderedCollectionPage", "orderedItems": items}
    if items:
        document["next"] = f"{base}/federation/feeds/{feed}/page?after=c{last}"
    return document

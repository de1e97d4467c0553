"""The offline verifier's cache: the issuer's keys and its status lists, saved with their time.

`credential_verify --refresh` saves them (from this site's tables); `--offline` verifies with
only what is saved and says how old it is. A status list read from the cache is checked like
any credential: signed by a cached key, or it is not used.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError

from juntos.credentials.signing import public_key
from juntos.credentials.verification import (
    Sources,
    _header,
    bit_of,
    status_bits_from_document,
)


class CachedSources(Sources):
    """Keys and status lists read from a cache folder, never from the network."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        index_path = folder / "index.json"
        self.index: dict[str, Any] = (
            json.loads(index_path.read_text()) if index_path.exists() else {}
        )

    def saved_at(self, name: str) -> dt.datetime | None:
        value = self.index.get(name)
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else None

    def _keys(self) -> dict[str, Mapping[str, object]]:
        path = self.folder / "jwks.json"
        if not path.exists():
            return {}
        return {k["kid"]: k for k in json.loads(path.read_text()).get("keys", [])}

    def key(self, kid: str) -> Mapping[str, object] | None:
        return self._keys().get(kid)

    def status_bits(self, list_url: str) -> bytes | None:
        name = _file_name(list_url)
        path = self.folder / name
        if not path.exists():
            return None
        token = path.read_text().strip()
        header = _header(token) or {}
        jwk = self.key(str(header.get("kid", "")))
        if jwk is None:
            return None
        try:
            claims = jwt.decode(token, public_key(dict(jwk)), algorithms=["RS256"]).claims
        except (JoseError, ValueError):
            return None
        return status_bits_from_document(claims) if claims.get("id") == list_url else None

    def status_bit(self, list_url: str, index: int) -> bool | None:
        return bit_of(self.status_bits(list_url), index)

    def suspension_url(self, revocation_url: str) -> str | None:
        if not revocation_url.endswith("/revocation"):
            return None
        return revocation_url[: -len("revocation")] + "suspension"


def _file_name(list_url: str) -> str:
    number, purpose = list_url.rstrip("/").split("/")[-2:]
    return f"status-{number}-{purpose}.jwt"


def cache_save(folder: Path, jwks: dict[str, Any], lists: dict[str, str], now: dt.datetime) -> None:
    """Write the keys and the status list tokens (url → VC-JWT) with the time they were saved."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jwks.json").write_text(json.dumps(jwks, indent=2))
    index: dict[str, str] = {"jwks.json": now.isoformat()}
    for url, token in lists.items():
        name = _file_name(url)
        (folder / name).write_text(token)
        index[name] = now.isoformat()
    (folder / "index.json").write_text(json.dumps(index, indent=2))

"""The interface scenario modules use: Scenario, Budget, Request, Session, login_sessions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Session:
    """Cookies of one signed-in person."""

    cookies: dict[str, str]
    label: str = ""


@dataclass(frozen=True)
class Request:
    """One HTTP request the load generator sends."""

    path: str
    method: str = "GET"
    form: dict[str, Any] | None = None
    json: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    session: Session | None = None
    expect: tuple[int, ...] = (200,)


@dataclass(frozen=True)
class Budget:
    """Limits a scenario must keep; every field is optional."""

    max_ratio: float | None = None
    # The same on p95: this scenario's p95 over its baseline's p95.
    max_p95_ratio: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    min_rps: float | None = None
    max_seconds: float | None = None
    max_error_rate: float = 0.0


@dataclass(frozen=True)
class Scenario:
    """A named stream of requests with a budget (see bench/README.md)."""

    name: str
    path: str = ""
    method: str = "GET"
    form: dict[str, Any] | None = None
    json: Any = None
    expect: tuple[int, ...] = (200,)
    request: Callable[[int, Any], Request] | None = None
    count: int = 300
    warmup: int = 10
    concurrency: int = 4
    max_seconds: float = 60.0
    budget: Budget = field(default_factory=Budget)
    baseline: str = "hello"
    is_baseline: bool = False
    check: Callable[[Any, Any], list[str]] | None = None
    smoke_count: int = 3
    wrk: bool = False

    def make_request(self, index: int, state: Any) -> Request:
        if self.request is not None:
            return self.request(index, state)
        return Request(
            self.path, method=self.method, form=self.form, json=self.json, expect=self.expect
        )


def login_sessions(users: Iterable[Any]) -> list[Session]:
    """Create a real database session per user, second factor passed for those who have one."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    sessions = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            store["otp_device_id"] = device.persistent_id
        store.create()
        cookie = {settings.SESSION_COOKIE_NAME: store.session_key or ""}
        sessions.append(Session(cookies=cookie, label=str(user.pk)))
    return sessions

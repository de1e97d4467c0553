"""What a process remembers for a few seconds of the public pages it computed.

Public pages that many people open at once (the course catalogue, the checker's rules) are the
same for everyone for a while. A process keeps what it computed for a few seconds, so a rush of
visitors costs one computation, not one per visitor. Writes in the same process forget at once
(the owning app calls `forget` from its services or model signals); other processes see the
change within the memory's seconds. A plain dict, not a cache backend: the values are shared as
they are, and unpickling them would cost more than computing them again.

`remember` computes a missing value once per process: the threads that ask for it at the same
time wait for the one computing it instead of computing it too (with four threads a worker, a
rush on an expensive value cost four computations, each slowed by the other three).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")

_every_memory: weakref.WeakSet[ShortMemory[object]] = weakref.WeakSet()


class ShortMemory(Generic[Value]):
    """Values by key for `seconds`; at most `most` keys (the oldest go first)."""

    def __init__(self, *, seconds: float, most: int = 256) -> None:
        self.seconds = seconds
        self.most = most
        self._values: dict[Hashable, tuple[float, Value]] = {}
        self._computing: dict[Hashable, threading.Lock] = {}
        _every_memory.add(self)  # type: ignore[arg-type]

    def get(self, key: Hashable) -> Value | None:
        """The value remembered under the key, or None if there is none or it is too old."""
        found = self._values.get(key)
        if found is None or time.monotonic() - found[0] >= self.seconds:
            return None
        return found[1]

    def put(self, key: Hashable, value: Value) -> Value:
        """Remember the value now; gives it back."""
        if len(self._values) >= self.most and key not in self._values:
            del self._values[next(iter(self._values))]
        self._values[key] = (time.monotonic(), value)
        return value

    def remember(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The value under the key, computed (and remembered) if there is none or it is too
        old; one thread of the process computes it while the others that ask wait for it."""
        found = self.get(key)
        if found is not None:
            return found
        lock = self._computing.setdefault(key, threading.Lock())
        with lock:
            found = self.get(key)  # computed by the thread this one waited for
            if found is None:
                found = self.put(key, compute())
        self._computing.pop(key, None)
        return found

    def forget(self, *args: object, **kwargs: object) -> None:
        """Forget everything (takes and ignores a signal's arguments, to be its receiver)."""
        self._values.clear()


def forget_everything() -> None:
    """Every memory of this process forgets (tests: each has its own database)."""
    for memory in list(_every_memory):
        memory.forget()

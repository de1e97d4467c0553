"""A real redis-server on a free loopback port, for the tests of what Juntos keeps in Redis and
for the bench's scale-out run."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager


class RedisMissing(RuntimeError):
    """Debian's redis-server is not installed (scripts/setup-system --redis)."""


@contextmanager
def redis_process(*, maxmemory_policy: str = "noeviction") -> Iterator[str]:
    """Start Debian's redis-server on a free loopback port, nothing saved to disk; give its URL
    (database 0) and stop it on the way out, whatever happened."""
    server = shutil.which("redis-server")
    if server is None:
        raise RedisMissing("redis-server is not installed: scripts/setup-system --redis")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--maxmemory-policy", maxmemory_policy]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603 - our own arguments
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"redis-server did not listen on 127.0.0.1:{port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def redis_server(*, maxmemory_policy: str = "noeviction") -> Iterator[str]:
    """As redis_process; skip the test when redis-server is not installed."""
    import pytest

    try:
        with redis_process(maxmemory_policy=maxmemory_policy) as url:
            yield url
    except RedisMissing as missing:
        pytest.skip(str(missing))

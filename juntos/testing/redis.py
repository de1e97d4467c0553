"""A real redis-server on a free loopback port, for the tests of what Juntos keeps in Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def redis_server(*, maxmemory_policy: str = "noeviction") -> Iterator[str]:
    """Start Debian's redis-server (scripts/setup-system --redis) and give its URL; skip the
    test when it is not installed."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed: scripts/setup-system --redis")
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
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)

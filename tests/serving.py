"""Start `workbench serve` for a test, wait for its health check, and stop it (shared by the
browser tests and tests/test_serve.py)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

STARTUP_TIMEOUT = 60.0  # seconds for `workbench serve` to answer its health check


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    """Whether the Streamlit server at ``url`` passes its health check."""
    try:
        return httpx.get(f"{url}/_stcore/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate ``proc`` (what a process manager sends), killing it if it lingers."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def serving(
    cmd: list[str], env: dict[str, str], cwd: Path, log: Path
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Run ``cmd`` (a `workbench serve` command line whose ``--port`` is given) until it answers;
    yield the process and its URL; stop it afterwards. A server that exits or never answers fails
    the test with its log."""
    port = cmd[cmd.index("--port") + 1]
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not answers(url):
            if proc.poll() is not None:
                pytest.fail(
                    f"`workbench serve` exited with {proc.returncode} before answering:\n{log.read_text()}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"`workbench serve` did not answer within {STARTUP_TIMEOUT:.0f} s:\n{log.read_text()}"
                )
            time.sleep(0.2)  # poll interval while waiting for the health check, not a synchronisation
        yield proc, url
    finally:
        stop(proc)

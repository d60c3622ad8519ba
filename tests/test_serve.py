"""`workbench serve` is the server: stopping it stops Streamlit and frees the port (no orphan left)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="exec and signals: POSIX only")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def test_stopping_serve_stops_the_server(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    cmd = [sys.executable, "-m", "workbench", "serve", "--database", f"sqlite:///{tmp_path / 'c.db'}",
           "--port", str(port), "--headless"]  # fmt: skip
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", WORKBENCH_MODE="local",
               WORKBENCH_CONFIG=str(tmp_path / "none.toml"))  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"no answer within 60 s:\n{log.read_text()}"
            time.sleep(0.2)  # poll interval while waiting for the server, not a synchronisation
        proc.send_signal(signal.SIGTERM)  # what a process manager or `kill` sends
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert not _answers(port), "the Streamlit server outlived `workbench serve`"
    assert "Serving local workbench" in log.read_text()

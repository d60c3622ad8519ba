"""`workbench serve` is the server: stopping it stops Streamlit and frees the port (no orphan left)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from serving import answers, free_port, serving

pytestmark = pytest.mark.skipif(os.name != "posix", reason="exec and signals: POSIX only")


def test_stopping_serve_stops_the_server(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    cmd = [sys.executable, "-m", "workbench", "serve", "--database", f"sqlite:///{tmp_path / 'c.db'}",
           "--port", str(free_port()), "--headless"]  # fmt: skip
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", WORKBENCH_MODE="local",
               WORKBENCH_CONFIG=str(tmp_path / "none.toml"))  # fmt: skip
    with serving(cmd, env, tmp_path, log) as (proc, url):
        proc.send_signal(signal.SIGTERM)  # what a process manager or `kill` sends
        proc.wait(timeout=30)
    assert not answers(url), "the Streamlit server outlived `workbench serve`"
    assert "Serving local workbench" in log.read_text()

"""`mkdocs serve` keeps running when a seed turns bad, shows it, and recovers when it is fixed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = "001_bbc7442c2c936912.txt"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_survives_a_bad_seed_and_recovers(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / SEED, seeds / SEED)
    shutil.copy(ROOT / "seeds" / "topics.yaml", seeds / "topics.yaml")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("mkdocs")), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        assert wait_for(lambda: "nothing was skipped" in fetch(f"{base}/problems/"))
        (seeds / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
        assert wait_for(lambda: "broken.txt" in fetch(f"{base}/problems/"))
        assert server.poll() is None
        assert "Does China Quietly" in fetch(f"{base}/briefs/")  # the good brief is still served
        (seeds / "broken.txt").write_text(
            "Harbour reopens\n\nThe harbour reopened on Friday after a storm closed it for a week.\n",
            encoding="utf-8",
        )
        assert wait_for(lambda: "nothing was skipped" in fetch(f"{base}/problems/"))
        assert wait_for(lambda: "Harbour reopens" in fetch(f"{base}/briefs/"))
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

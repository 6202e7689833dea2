"""`mkdocs serve` keeps running when a seed turns bad, shows it, and recovers when it is fixed;
an edit is one build, whatever the generator writes into docs/ for it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def served_project(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """`mkdocs serve` of a project of one seed: its address, the file it logs to, the process
    (still running at the end)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / SEED, seeds / SEED)
    shutil.copy(ROOT / "seeds" / "topics.yaml", seeds / "topics.yaml")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as log_stream:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("mkdocs")), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=log_stream,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield f"http://127.0.0.1:{port}", log, server
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def builds_logged(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation")


def test_an_edit_is_one_build_and_a_hand_written_page_still_rebuilds(tmp_path):
    with served_project(tmp_path) as (base, log, _server):
        assert wait_for(lambda: "Does China Quietly" in fetch(f"{base}/briefs/"))
        assert wait_for(lambda: "Serving on" in log.read_text(encoding="utf-8"))
        seed = tmp_path / "seeds" / SEED
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("Does China Quietly", "Does Beijing Quietly", 1), "utf-8")
        assert wait_for(lambda: "Does Beijing Quietly" in fetch(f"{base}/briefs/"))
        # The rebuild wrote pages into docs/; MkDocs' own watch would now start a second build.
        time.sleep(5)
        assert builds_logged(log) == 2  # the first build and the edit's

        notes = tmp_path / "docs" / "topics" / "hand-notes.md"
        notes.write_text("# Hand notes\n\nWritten by an editor.\n", encoding="utf-8")
        assert wait_for(lambda: "Written by an editor." in fetch(f"{base}/topics/hand-notes/"))
        assert builds_logged(log) == 3


def test_serve_survives_a_bad_seed_and_recovers(tmp_path):
    with served_project(tmp_path) as (base, _log, server):
        seeds = tmp_path / "seeds"
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


def test_serving_writes_the_feed_a_build_writes(tmp_path):
    """`mkdocs serve` gives MkDocs its own address as site_url; the committed feed must not
    take it (every serve, then every build, rewrote docs/feed.xml)."""
    sidecar = SEED.replace(".txt", ".meta.yaml")  # a dated brief, so that there is a feed
    feed = tmp_path / "docs" / "feed.xml"
    with served_project(tmp_path) as (base, _log, _server):
        assert wait_for(lambda: "Does China Quietly" in fetch(f"{base}/briefs/"))
        shutil.copy(ROOT / "seeds" / sidecar, tmp_path / "seeds" / sidecar)
        assert wait_for(lambda: feed.exists() and "2022-02-22" in fetch(f"{base}/briefs/"))
        served = feed.read_text(encoding="utf-8")
    assert "127.0.0.1" not in served
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert feed.read_text(encoding="utf-8") == served


def test_serve_keeps_answering_through_a_link_loop_and_a_control_character(tmp_path):
    """Both once aborted the rebuild, after which every request hung."""
    with served_project(tmp_path) as (base, _log, server):
        seeds = tmp_path / "seeds"
        assert wait_for(lambda: "nothing was skipped" in fetch(f"{base}/problems/"))
        (seeds / "x.txt").symlink_to("y.txt")
        (seeds / "y.txt").symlink_to("x.txt")
        sidecar = SEED.replace(".txt", ".meta.yaml")
        (seeds / sidecar).write_text(
            'title: "Control\\x01 title\\uFFFE"\ndate: 2023-05-04\n', encoding="utf-8"
        )
        assert wait_for(lambda: "x.txt" in fetch(f"{base}/problems/"))
        assert wait_for(lambda: "Control title" in fetch(f"{base}/briefs/"))
        assert server.poll() is None
        assert "<feed" in fetch(f"{base}/feed.xml")

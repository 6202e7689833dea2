"""The command line on a project whose seeds folder is gone: it refuses, and deletes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_build_without_a_seeds_folder_refuses_and_keeps_the_site(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    pages = sorted(path.relative_to(tmp_path) for path in (tmp_path / "docs").rglob("*.md"))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert "error: the seeds folder seeds/ is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(path.relative_to(tmp_path) for path in (tmp_path / "docs").rglob("*.md")) == pages

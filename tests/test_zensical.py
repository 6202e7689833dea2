"""The exit path from Material for MkDocs (end of life on 5 May 2027): the generated docs/ also
builds with Zensical, its successor, in strict mode, and Zensical's `build --clean` (which empties
`.cache/`) leaves the briefing cache folder alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ZENSICAL = Path(sys.executable).with_name("zensical")


def test_the_generated_docs_build_with_zensical_in_strict_mode(built_site, tmp_path):
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} is missing: run `make venv` (zensical is in the dev lock)")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(built_site / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(built_site / "docs", project / "docs")
    cache = project / ".briefing-cache"
    cache.mkdir()
    (cache / "kept").write_text("the briefing cache", encoding="utf-8")
    result = subprocess.run(
        [ZENSICAL, "build", "--strict", "--clean"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    brief = next((built_site / "docs" / "briefs").glob("*.md")).stem
    page = (project / "site" / "briefs" / brief / "index.html").read_text(encoding="utf-8")
    assert 'id="p1"' in page  # the paragraph anchors the claims and quotes link to
    assert (cache / "kept").read_text(encoding="utf-8") == "the briefing cache"

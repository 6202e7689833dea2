"""The command line: a project whose seeds folder is gone or empty is refused and nothing is
deleted; builds take turns; every missing or broken input is one line on stderr and exit 2; the
`briefing` console script and `--version`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import __version__
from generator.build import build_lock
from generator.render.pages import site_briefs

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


def build(project: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_builds_at_once_take_turns_and_leave_a_consistent_docs(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "docs").mkdir()
    assert build(tmp_path).wait(timeout=300) == 0
    seed = tmp_path / "seeds" / "001_bbc7442c2c936912.txt"
    original = seed.read_text(encoding="utf-8")
    for trial in range(2):  # each trial changes a brief, so both builds have pages to write
        seed.write_text(original.replace("Quietly", f"Quietly ({trial})", 1), encoding="utf-8")
        first, second = build(tmp_path), build(tmp_path)
        for process in (first, second):
            _out, err = process.communicate(timeout=300)
            assert process.returncode == 0 and "Traceback" not in err, err
        docs = tmp_path / "docs"
        manifest = json.loads((docs / ".briefing-manifest.json").read_text(encoding="utf-8"))
        assert all((docs / name).is_file() for name in manifest)
        assert not list(docs.rglob(".staged-*"))
        briefs = site_briefs(docs)
        assert any(
            f"Quietly ({trial})" in json.dumps(brief, ensure_ascii=False) for brief in briefs
        )


def test_a_build_waits_while_another_holds_the_project(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "docs").mkdir()
    with build_lock(tmp_path / ".briefing-cache"):
        waiting = build(tmp_path)
        time.sleep(5)
        assert waiting.poll() is None  # it waits for the lock, writing nothing
        assert not (tmp_path / "docs" / "index.md").exists()
    assert waiting.wait(timeout=300) == 0
    assert (tmp_path / "docs" / "index.md").exists()


def test_an_unwritable_cache_costs_only_the_cache(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "docs").mkdir()
    (tmp_path / ".briefing-cache").write_text(
        "a file where the cache folder would be", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("the cache cannot be written") == 1
    assert (tmp_path / "docs" / "data" / "index.json").is_file()


def test_docs_that_cannot_be_written_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "briefs").write_text("a file where a folder must go", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "error: cannot write" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["briefs"]


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_console_script_and_version() -> None:
    script = Path(sys.executable).with_name("briefing")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefing {__version__}"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
    assert "build" in result.stdout and "export" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["export", "missing-folder", "-o", "out.json"], "no article file or folder"),
        (["export", "empty", "-o", "out.json"], "no article (.txt or .md file) in empty"),
        (["--config", "missing.yml", "build"], "no configuration file missing.yml"),
        (["check"], "no mkdocs.yml here"),
        (["eval", "missing.yaml"], "no gold file missing.yaml"),
        (["eval", "broken.yaml"], "cannot read the gold file broken.yaml"),
        (["eval", "gold.yaml", "--briefs", "not.json"], "cannot read the briefs JSON not.json"),
    ],
)
def test_a_missing_or_broken_input_is_one_line_on_stderr_and_a_failure(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "broken.yaml").write_text("articles: [\n", encoding="utf-8")
    (tmp_path / "gold.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "not.json").write_text("not json\n", encoding="utf-8")
    result = run_cli(*arguments, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines
    assert not (tmp_path / "out.json").exists()


def test_an_empty_seeds_folder_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "seeds").mkdir()
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "error: the seeds folder seeds/ holds no article" in result.stderr
    assert not (tmp_path / "docs").exists()

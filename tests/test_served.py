"""`mkdocs serve`'s rebuilds as the plugin makes them: dirty builds that leave the files of
unchanged pages as they are, yet give the site folder a full build writes, byte for byte (pages,
tag listings, Pagefind's search bundle), with the files of removed pages gone and strict mode kept."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.commands import serve as serve_command
from mkdocs.config import load_config

from tests.conftest import copy_project

SERVE_URL = "http://127.0.0.1:8000/"

pytestmark = pytest.mark.slow


def full_build(project: Path, site: Path) -> None:
    """One full build for the serve address, in its own process, as `mkdocs serve` starts."""
    script = (
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        f"config = load_config(config_file='mkdocs.yml', site_dir={str(site)!r})\n"
        "config.plugins.on_startup(command='serve', dirty=False)\n"
        f"config.site_url = {SERVE_URL!r}\n"
        f"build(config, serve_url={SERVE_URL!r})\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=project, check=True, capture_output=True)


def differences(site: Path, other: Path) -> list[str]:
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    names = files(site)
    if names != files(other):
        return sorted(names ^ files(other))
    return sorted(n for n in names if not filecmp.cmp(site / n, other / n, shallow=False))


# Written by every build: the theme's own pages and the tags plugin's export. (Pagefind's
# bundle is written anew too, but its files that stay the same are left alone.)
ALWAYS_WRITTEN = {
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "tags.json",
}


def modification_times(site: Path) -> dict[str, int]:
    """Of every file a build need not write again when nothing changed."""
    times = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")}
    return {name: time for name, time in times.items() if name not in ALWAYS_WRITTEN}


def test_serve_rebuilds_leave_unchanged_pages_and_give_a_full_builds_site(
    tmp_path, monkeypatch, caplog
):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setattr(serve_command, "build", serve_command.build)  # put back afterwards
    site = tmp_path / "served"

    def rebuild() -> None:
        config = load_config(config_file="mkdocs.yml", site_dir=str(site))
        config.site_url = SERVE_URL
        serve_command.build(config, serve_url=SERVE_URL)
        plugins["briefing"].site_search.wait()  # the search shards an edit changed, indexed after

    plugins = load_config(config_file="mkdocs.yml").plugins
    plugins.on_startup(command="serve", dirty=False)
    rebuild()  # the first build of `mkdocs serve` is a full one
    plugins["briefing"].leave_unchanged_pages()  # as its `on_serve` does
    assert plugins["briefing"].served.dirty_rebuilds
    time.sleep(0.05)
    before = modification_times(site)
    with caplog.at_level("INFO"):
        rebuild()  # nothing changed
    assert modification_times(site) == before
    assert "files left as they were" in caplog.text
    assert "dirty" not in caplog.text.lower()

    seed = sorted((project / "seeds").glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    body = text.index("\n\n") + 2
    seed.write_text(text[:body] + text[body:].replace(" the ", " a ", 1), encoding="utf-8")
    rebuild()
    after = modification_times(site)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert 0 < len(rewritten) < len(after) / 2
    assert "data/index.json" not in rewritten  # the edit changed no brief's metadata
    assert sum(name.startswith("data/briefs/") for name in rewritten) == 1
    full_build(project, tmp_path / "full")
    assert differences(site, tmp_path / "full") == []

    # A new page: made, and the pages linking to it, not the others.
    before = modification_times(site)
    notes = project / "docs" / "topics" / "hand-notes.md"
    notes.write_text("# Hand notes\n\nWritten by an editor.\n", encoding="utf-8")
    rebuild()
    assert "Written by an editor." in (site / "topics" / "hand-notes" / "index.html").read_text()
    after = modification_times(site)
    assert len({name for name in after if after[name] != before.get(name)}) < len(after) / 2
    full_build(project, tmp_path / "full-with-notes")
    assert differences(site, tmp_path / "full-with-notes") == []
    notes.unlink()
    rebuild()
    assert not (site / "topics" / "hand-notes").exists()
    full_build(project, tmp_path / "full-again")
    assert differences(site, tmp_path / "full-again") == []
    assert os.path.exists(site / "pagefind" / "shards.json")

"""A build after an edit renders only the pages the edit changed, and writes exactly what a
full build writes.

A sequence of edits goes through one docs/ folder and its cache; after each, docs/ must be
byte-identical to a full `generate_site` of the same seeds into another folder.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from generator.build import generate_site
from generator.settings import Settings
from generator.write import RACY_SECONDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIRST, SECOND, THIRD, FOURTH = (
    "000_43e5b812922c8089",
    "001_bbc7442c2c936912",
    "002_9c86c3e8d812a450",
    "004_4f9963ab703b9856",
)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_a_rebuild_after_each_edit_renders_what_changed_and_matches_a_full_build(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for stem in (FIRST, SECOND, THIRD):
        for suffix in (".txt", ".meta.yaml"):
            shutil.copy(SEEDS / f"{stem}{suffix}", seeds)
    shutil.copy(SEEDS / "topics.yaml", seeds)
    (seeds / "empty.txt").write_text("")  # a seed problem, reported on every build
    cache = tmp_path / "cache"
    live = Settings(seeds_dir=seeds, topics_file=seeds / "topics.yaml", docs_dir=tmp_path / "live")
    live = Settings(**{**live.__dict__, "cache_dir": cache, "workers": 1})

    def check(step: str, analysed: int | None = None) -> int:
        """Pages rendered by the build after `step`."""
        time.sleep(RACY_SECONDS)  # as an editor's pause would; racy files are re-read anyway
        run = generate_site(live)
        full_docs = tmp_path / f"full-{step}"  # another docs/: nothing written there yet
        full = generate_site(Settings(**{**live.__dict__, "docs_dir": full_docs}))
        assert tree(live.docs_dir) == tree(full_docs), f"after {step}"
        assert full.written.rendered == len(list(full_docs.rglob("*.md")))
        if analysed is not None:
            assert len(run.generation.analysed) == analysed, step
        return run.written.rendered

    every_page = check("first build", analysed=3)
    assert check("nothing changed", analysed=0) == 0

    replace_in(seeds / f"{FIRST}.txt", " the ", " this ")
    assert 0 < check("a word changed", analysed=1) < every_page

    replace_in(seeds / f"{SECOND}.txt", "” Muraviev said", "” Derek said")
    assert 0 < check("a quote's speaker changed", analysed=1) < every_page

    for suffix in (".txt", ".meta.yaml"):
        shutil.copy(SEEDS / f"{FOURTH}{suffix}", seeds)
    check("a seed added", analysed=1)

    (seeds / f"{THIRD}.txt").unlink()
    check("a seed deleted", analysed=0)

    shutil.copy(seeds / f"{FIRST}.txt", seeds / "copy.txt")
    shutil.copy(seeds / f"{FIRST}.meta.yaml", seeds / "copy.meta.yaml")
    check("a duplicate added", analysed=0)

    topics = seeds / "topics.yaml"
    replace_in(
        topics, "  - id: taiwan\n    name: Taiwan\n", "  - id: taiwan\n    name: Taiwan Strait\n"
    )
    check("the topic file changed")

    (seeds / f"{FIRST}.meta.yaml").write_text("title: A new title\ndate: 2023-08-09\n")
    # The new title makes copy.txt no longer a duplicate of the first seed: both are analysed.
    check("a sidecar changed", analysed=2)
    # A page edited by hand is put back, though nothing it is made of changed.
    page = next((live.docs_dir / "briefs").glob("*.md"))
    page.write_text("edited by hand\n", encoding="utf-8")
    assert check("a page edited by hand") == 1

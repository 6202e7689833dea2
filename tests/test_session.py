"""A build session (as `mkdocs serve` keeps one) writes exactly what a fresh full build writes.

A sequence of edits goes through one session; after each, docs/ must be byte-identical to a fresh
`generate_site` of the same seeds into another folder.
"""

from __future__ import annotations

import gc
import shutil
import time
import weakref
from pathlib import Path

import pytest

from generator.build import generate_site
from generator.session import BuildSession
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
def test_a_session_rebuild_after_each_edit_matches_a_fresh_build(tmp_path):
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
    session = BuildSession(live)

    def check(step: str, analysed: int | None = None) -> None:
        time.sleep(RACY_SECONDS)  # as an editor's pause would; racy files are re-read anyway
        run = session.build()
        fresh_docs = tmp_path / f"fresh-{step}"
        generate_site(Settings(**{**live.__dict__, "docs_dir": fresh_docs}))
        assert tree(live.docs_dir) == tree(fresh_docs), f"after {step}"
        if analysed is not None:
            assert len(run.generation.analysed) == analysed, step
        session.settle()  # as the plugin does after each build under serve

    check("first build", analysed=3)
    check("nothing changed", analysed=0)
    assert session.memo.rendered == 0

    replace_in(seeds / f"{FIRST}.txt", " the ", " this ")
    check("a word changed", analysed=1)

    replace_in(seeds / f"{SECOND}.txt", "” Muraviev said", "” Derek said")
    check("a quote's speaker changed", analysed=1)

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
    gc.unfreeze()


def test_settling_between_builds_frees_garbage_even_of_objects_it_set_aside(tmp_path):
    class Node:
        pass

    session = BuildSession(Settings(seeds_dir=tmp_path, cache_dir=tmp_path / "cache"))
    node = Node()
    node.itself = node  # a cycle: only the collector frees it
    alive = weakref.ref(node)
    try:
        session.settle()  # node is alive: set aside
        assert gc.get_freeze_count() > 0
        del node
        session.settle()
        assert alive() is None
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_a_session_holds_each_articles_text_once(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    settings = Settings(
        seeds_dir=seeds,
        topics_file=seeds / "topics.yaml",
        cache_dir=tmp_path / "cache",
        docs_dir=tmp_path / "docs",
        workers=1,
    )
    BuildSession(settings).build()  # fills the brief cache
    session = BuildSession(settings)
    briefs = {brief.source: brief for brief in session.build().generation.briefs}
    kept = [entry.outcome for _signature, entry in session._seeds.values()]
    assert len(kept) == len(briefs) == 5
    for article in kept:  # the brief, from the cache, is a copy: the article now holds its text
        assert article.paragraphs is briefs[article.source].paragraphs
        assert article.removed is briefs[article.source].removed

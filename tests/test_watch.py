"""The watch of docs/ under `mkdocs serve` asks for a rebuild only for changes the generator did
not make itself."""

from __future__ import annotations

import os

from watchdog.events import FileCreatedEvent, FileModifiedEvent, FileMovedEvent

from generator.plugin.watch import DocsWatch
from generator.write import write_pages


def watch_of(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    watch = DocsWatch(docs, tmp_path / "cache" / "trigger")
    watch.prepare_trigger()
    return docs, watch


def trigger_changes(watch: DocsWatch, event) -> bool:
    before = watch.rebuilds_asked
    watch.on_any_event(event)
    return watch.rebuilds_asked > before


def test_the_generators_own_writes_ask_for_no_rebuild_and_other_changes_do(tmp_path):
    docs, watch = watch_of(tmp_path)
    with watch.writing():
        report = write_pages(docs, {"index.md": "home\n", "briefs/a.md": "A\n"})
        watch.wrote(report.written)
    for relative in ("index.md", "briefs/a.md"):
        assert not trigger_changes(watch, FileModifiedEvent(str(docs / relative)))
    assert not trigger_changes(watch, FileCreatedEvent(str(docs / ".briefing-manifest.json")))

    (docs / "briefs" / "a.md").write_text("A, edited by hand\n", encoding="utf-8")
    assert trigger_changes(watch, FileModifiedEvent(str(docs / "briefs" / "a.md")))
    (docs / "notes.md").write_text("hand-written\n", encoding="utf-8")
    assert trigger_changes(watch, FileCreatedEvent(str(docs / "notes.md")))
    assert watch.rebuilds_asked == 2


def test_a_removal_by_the_generator_is_its_own_and_a_rename_is_judged_by_both_ends(tmp_path):
    docs, watch = watch_of(tmp_path)
    write_pages(docs, {"index.md": "home\n", "briefs/a.md": "A\n"})
    with watch.writing():
        report = write_pages(docs, {"index.md": "home\n"})
        watch.wrote(report.removed)
    assert report.removed == ["briefs/a.md"]
    assert not trigger_changes(watch, FileModifiedEvent(str(docs / "briefs" / "a.md")))

    (docs / "mine.md").write_text("moved in by hand\n", encoding="utf-8")
    moved = FileMovedEvent(str(docs / "briefs" / "a.md"), str(docs / "mine.md"))
    assert trigger_changes(watch, moved)


def test_changes_seen_while_the_generator_writes_are_judged_once_it_says_what_it_wrote(tmp_path):
    docs, watch = watch_of(tmp_path)
    os.utime(watch.trigger, ns=(0, 0))  # touched long ago
    with watch.writing():
        report = write_pages(docs, {"index.md": "home\n"})
        # Seen before the generator has said what it wrote: it would look like anyone's change.
        assert not trigger_changes(watch, FileModifiedEvent(str(docs / "index.md")))
        watch.wrote(report.written)
    assert watch.rebuilds_asked == 0

    with watch.writing():
        (docs / "notes.md").write_text("hand-written meanwhile\n", encoding="utf-8")
        watch.on_any_event(FileCreatedEvent(str(docs / "notes.md")))
        assert watch.rebuilds_asked == 0  # held until the write is done
    assert watch.rebuilds_asked == 1
    assert watch.trigger.stat().st_mtime_ns > 0  # asked by touching the file MkDocs watches

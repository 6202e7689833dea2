import json

import pytest

from generator.site import MANIFEST, UnsafePathError, target_path, write_pages


def test_writes_only_changed_files_and_removes_stale_ones(tmp_path):
    docs = tmp_path / "docs"
    first = write_pages(docs, {"index.md": "home\n", "briefs/a.md": "A\n", "briefs/b.md": "B\n"})
    assert sorted(first.written) == ["briefs/a.md", "briefs/b.md", "index.md"]
    (docs / "extra.css").write_text("hand-written", encoding="utf-8")
    before = (docs / "briefs" / "a.md").stat().st_mtime_ns
    second = write_pages(docs, {"index.md": "home v2\n", "briefs/a.md": "A\n"})
    assert second.written == ["index.md"]
    assert second.removed == ["briefs/b.md"]
    assert second.unchanged == 1
    assert (docs / "briefs" / "a.md").stat().st_mtime_ns == before
    assert not (docs / "briefs" / "b.md").exists()
    assert (docs / "extra.css").read_text(encoding="utf-8") == "hand-written"  # not ours: kept
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == ["briefs/a.md", "index.md"]
    assert not list(docs.rglob("*.tmp"))


def test_empty_folders_are_removed(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"people/x.md": "X\n"})
    write_pages(docs, {"index.md": "home\n"})
    assert not (docs / "people").exists()


@pytest.mark.parametrize(
    "bad", ["../escape.md", "/etc/passwd", "briefs/../../x.md", "a/../../b.md"]
)
def test_paths_outside_docs_are_refused(tmp_path, bad):
    with pytest.raises(UnsafePathError):
        target_path(tmp_path / "docs", bad)
    with pytest.raises(UnsafePathError):
        write_pages(tmp_path / "docs", {bad: "x"})
    assert not (tmp_path / "escape.md").exists()


def test_a_tampered_manifest_cannot_delete_outside_docs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    victim = tmp_path / "keep.txt"
    victim.write_text("keep", encoding="utf-8")
    (docs / MANIFEST).write_text(json.dumps(["../keep.txt"]), encoding="utf-8")
    write_pages(docs, {"index.md": "home\n"})
    assert victim.exists()

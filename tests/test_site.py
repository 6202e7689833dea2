import json
import os
from pathlib import Path

import pytest

import generator.cache
import generator.write
from generator.cache import write_atomically
from generator.page_content import KeptPage, page_digest
from generator.write import (
    JOURNAL,
    MANIFEST,
    RACY_SECONDS,
    KnownFiles,
    Piece,
    UnsafePathError,
    finish_interrupted_write,
    pages_if_unchanged,
    record_written,
    target_path,
    write_pages,
)


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


def test_written_files_get_the_permissions_of_any_new_file(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"index.md": "home\n", "briefs/a.md": "A\n"})
    write_atomically(tmp_path / "state.json", "{}")
    (tmp_path / "plain").write_text("made the ordinary way", encoding="utf-8")
    expected = (tmp_path / "plain").stat().st_mode & 0o777
    for path in (
        docs / "index.md",
        docs / "briefs" / "a.md",
        docs / MANIFEST,
        tmp_path / "state.json",
    ):
        assert path.stat().st_mode & 0o777 == expected, path


def test_the_mode_of_new_files_follows_the_umask():
    mask = os.umask(0o027)
    try:
        assert generator.cache._process_umask() == 0o027
    finally:
        os.umask(mask)
    assert os.umask(mask) == mask  # left as it was


def age(path: Path, seconds: float = 10 * RACY_SECONDS) -> None:
    """Set a file's modification time into the past, as if it was written a while ago."""
    mtime = path.stat().st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(mtime, mtime))


def test_known_files_are_compared_in_memory_not_read_again(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    home, brief = "home\n", "A\n"
    known = KnownFiles()
    write_pages(docs, {"index.md": home, "a.md": brief}, known)
    for name in ("index.md", "a.md"):
        age(docs / name)
    compared = []
    stage = generator.write._stage_if_changed
    monkeypatch.setattr(
        generator.write,
        "_stage_if_changed",
        lambda docs_dir, root, relative, pieces: (
            compared.append(relative) or stage(docs_dir, root, relative, pieces)
        ),
    )
    # Second build: the files were written, not yet seen unchanged, so both are compared.
    assert write_pages(docs, {"index.md": home, "a.md": brief}, known).unchanged == 2
    assert compared == ["index.md", "a.md"]
    # Third: no file is read: the same objects, or an equal new string, are compared in memory.
    compared.clear()
    equal_copy = "".join(["A", "\n"])
    assert write_pages(docs, {"index.md": home, "a.md": equal_copy}, known).unchanged == 2
    assert compared == []
    # A page in pieces is held as a tuple of them, and compared the same way.
    write_pages(docs, {"index.md": home, "a.md": iter(["A", "\n"])}, known)
    age(docs / "a.md")
    write_pages(docs, {"index.md": home, "a.md": iter(["A", "\n"])}, known)  # seen unchanged
    compared.clear()
    assert write_pages(docs, {"index.md": home, "a.md": iter(["A", "\n"])}, known).unchanged == 2
    assert compared == []
    # New content for a known file is written without reading the file.
    report = write_pages(docs, {"index.md": home, "a.md": iter(["B", "\n"])}, known)
    assert report.written == ["a.md"] and compared == []
    assert (docs / "a.md").read_text(encoding="utf-8") == "B\n"
    # A file changed by hand is noticed by its signature and written again.
    (docs / "index.md").write_text("edited by hand\n", encoding="utf-8")
    compared.clear()
    report = write_pages(docs, {"index.md": home, "a.md": iter(["B", "\n"])}, known)
    # (a.md, just written, is not trusted yet: it is compared with the file.)
    assert report.written == ["index.md"] and compared == ["index.md", "a.md"]
    assert (docs / "index.md").read_text(encoding="utf-8") == home
    # A file written long enough before the write finished is trusted as written.
    monkeypatch.setattr(generator.write, "RACY_SECONDS", 0)
    write_pages(docs, {"index.md": home, "a.md": "C\n"}, known)
    compared.clear()
    assert write_pages(docs, {"index.md": home, "a.md": "C\n"}, known).unchanged == 2
    assert compared == []


def test_a_file_modified_just_now_is_not_trusted_by_its_signature(tmp_path):
    docs = tmp_path / "docs"
    known = KnownFiles()
    write_pages(docs, {"index.md": "home\n"}, known)
    home = "home\n"
    write_pages(docs, {"index.md": home}, known)  # found unchanged, but written within the tick
    assert known.held_by(docs.resolve(), "index.md") is None
    age(docs / "index.md")
    write_pages(docs, {"index.md": home}, known)
    assert known.held_by(docs.resolve(), "index.md") == page_digest(home)


def test_keyed_pieces_are_copied_from_the_file_that_holds_them_and_made_only_when_new(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(generator.write, "RACY_SECONDS", 0)  # files trusted as soon as written
    docs = tmp_path / "docs"
    known = KnownFiles()
    made = []

    def piece(key: str, text: str) -> Piece:
        return Piece(key, lambda: made.append(key) or text)

    def page(*middle: Piece) -> list:
        return ["[", *middle, "]\n"]

    a, b, c = piece("a", "alpha,"), piece("b", "beta,"), piece("c", "gamma")
    write_pages(docs, {"data.json": page(a, b, c)}, known)
    assert made == ["a", "b", "c"]
    made.clear()
    assert write_pages(docs, {"data.json": page(a, b, c)}, known).unchanged == 1
    assert made == []  # the same keys: nothing made, nothing read
    # One piece changed (a new key): only it is made; the others come from the file.
    report = write_pages(docs, {"data.json": page(a, piece("b2", "BETA!,"), c)}, known)
    assert report.written == ["data.json"] and made == ["b2"]
    assert (docs / "data.json").read_text(encoding="utf-8") == "[alpha,BETA!,gamma]\n"
    # Pieces dropped and reordered are copied from where the file holds them.
    made.clear()
    write_pages(docs, {"data.json": page(c, a)}, known)
    assert made == [] and (docs / "data.json").read_text(encoding="utf-8") == "[gammaalpha,]\n"
    # A file edited by hand is not copied from: every piece is made again.
    (docs / "data.json").write_text("[tampered]\n", encoding="utf-8")
    write_pages(docs, {"data.json": page(a, c)}, known)
    assert made == ["a", "c"]
    assert (docs / "data.json").read_text(encoding="utf-8") == "[alpha,gamma]\n"


def test_a_kept_page_is_rendered_again_only_if_its_file_is_not_known_to_hold_it(tmp_path):
    docs = tmp_path / "docs"
    known = KnownFiles()
    renders = []

    def kept(text: str) -> KeptPage:
        return KeptPage(page_digest(text), lambda: renders.append(text) or text)

    write_pages(docs, {"index.md": "home\n"}, known)
    age(docs / "index.md")
    write_pages(docs, {"index.md": "home\n"}, known)  # now trusted by its signature
    assert write_pages(docs, {"index.md": kept("home\n")}, known).unchanged == 1
    assert renders == []
    # Edited by hand: the kept page's text is needed, so it is rendered and written again.
    (docs / "index.md").write_text("edited by hand\n", encoding="utf-8")
    report = write_pages(docs, {"index.md": kept("home\n")}, known)
    assert report.written == ["index.md"] and renders == ["home\n"]
    assert (docs / "index.md").read_text(encoding="utf-8") == "home\n"
    # Without known files (no build session), a kept page is written from its text.
    other = tmp_path / "other"
    write_pages(other, {"index.md": kept("home\n")})
    assert (other / "index.md").read_text(encoding="utf-8") == "home\n"


def test_empty_folders_are_removed(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"people/x.md": "X\n"})
    write_pages(docs, {"index.md": "home\n"})
    assert not (docs / "people").exists()


def test_a_process_sweeps_docs_only_when_its_own_last_write_may_have_left_something(
    tmp_path, monkeypatch
):
    docs = tmp_path / "docs"
    walks = []
    sweep = generator.write.sweep
    monkeypatch.setattr(generator.write, "sweep", lambda d: walks.append(d) or sweep(d))
    (docs / "people").mkdir(parents=True)
    (docs / "people" / ".staged-x.tmp").write_text("left by a run that was killed")
    known = KnownFiles()
    write_pages(docs, {"people/x.md": "X\n"}, known)
    assert walks and not (docs / "people" / ".staged-x.tmp").exists()
    walks.clear()
    write_pages(docs, {"people/x.md": "X\n", "index.md": "home\n"}, known)
    assert walks == []  # its last write finished: nothing to sweep up
    write_pages(docs, {"index.md": "home\n"}, known)
    assert walks and not (docs / "people").exists()  # a page removed: its folder goes


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


def test_a_run_stopped_before_its_journal_leaves_the_old_output(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    old = {"index.md": "old home\n", "briefs/a.md": "old A\n"}
    write_pages(docs, old)

    def stop(*_args, **_kwargs):
        raise KeyboardInterrupt  # as if the process were killed after staging

    monkeypatch.setattr("generator.write.write_atomically", stop)
    with pytest.raises(KeyboardInterrupt):
        write_pages(docs, {"index.md": "new home\n", "briefs/b.md": "new B\n"})
    monkeypatch.undo()
    assert (docs / "index.md").read_text(encoding="utf-8") == "old home\n"
    assert (docs / "briefs" / "a.md").read_text(encoding="utf-8") == "old A\n"
    assert not (docs / "briefs" / "b.md").exists()
    write_pages(docs, old)
    assert not list(docs.rglob(".staged-*"))  # swept up by the next run


def test_a_run_stopped_while_renaming_is_completed_by_the_next(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    write_pages(docs, {"index.md": "old home\n", "briefs/a.md": "old A\n"})
    new = {"index.md": "new home\n", "briefs/b.md": "new B\n"}
    real_replace = os.replace
    calls = []

    def replace_once(source, target):
        calls.append(target)
        if len(calls) > 1:
            raise KeyboardInterrupt  # killed after the first of several renames
        real_replace(source, target)

    monkeypatch.setattr("generator.write.os.replace", replace_once)
    with pytest.raises(KeyboardInterrupt):
        write_pages(docs, new)
    monkeypatch.undo()
    assert (docs / JOURNAL).exists()
    finish_interrupted_write(docs)  # what the next run does first
    assert {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} == set(new)
    for relative, content in new.items():
        assert (docs / relative).read_text(encoding="utf-8") == content
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == sorted(new)


@pytest.mark.slow
def test_killing_a_real_build_never_leaves_a_mixed_site(tmp_path):
    import shutil
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "seeds", tmp_path / "seeds")
    shutil.copy(root / "mkdocs.yml", tmp_path / "mkdocs.yml")
    command = [sys.executable, "-m", "generator", "build"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    before = {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    topics = tmp_path / "seeds" / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace("name: Taiwan", "name: Taiwan Strait"),
        encoding="utf-8",
    )
    for delay in (0.5, 1.5, 3.0):
        process = subprocess.Popen(
            command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        finish_interrupted_write(tmp_path / "docs")
        pages = [p for p in (tmp_path / "docs").rglob("*.md")]
        renamed = sum("Taiwan Strait" in p.read_text(encoding="utf-8") for p in pages)
        taiwan_page = (tmp_path / "docs" / "topics" / "taiwan.md").read_text(encoding="utf-8")
        assert ("Taiwan Strait" in taiwan_page) == (renamed > 0)  # all old or all new
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    assert "Taiwan Strait" in (tmp_path / "docs" / "topics" / "taiwan.md").read_text(
        encoding="utf-8"
    )
    assert before  # the first build wrote a site


def test_pages_written_as_a_stream_of_pieces_match_whole_ones(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"data/big.json": "[1, 2, 3]\n", "index.md": "home\n", "old.md": "old\n"})
    before = (docs / "data" / "big.json").stat().st_mtime_ns

    def stream():  # as render_site gives them: one (path, content) at a time
        yield "index.md", "home v2\n"
        yield "data/big.json", iter(["[1, ", "2, ", "3]\n"])

    report = write_pages(docs, stream())
    assert report.written == ["index.md"]
    assert report.removed == ["old.md"]  # stale pages go, as with a mapping
    assert report.unchanged == 1
    assert (docs / "data" / "big.json").stat().st_mtime_ns == before

    for pieces, expected in [
        (["[1, ", "2, ", "4]\n"], "[1, 2, 4]\n"),  # differs after a matching prefix
        (["[1, 2, 4]"], "[1, 2, 4]"),  # shorter than the file
        (["[1, 2, 4]", "", "\n, 5"], "[1, 2, 4]\n, 5"),  # longer than the file
        ([], ""),  # empty
    ]:
        report = write_pages(docs, iter([("data/big.json", iter(pieces)), ("index.md", "x\n")]))
        assert (docs / "data" / "big.json").read_text(encoding="utf-8") == expected
        assert "data/big.json" in report.written
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8")) == [
        "data/big.json",
        "index.md",
    ]
    assert not list(docs.rglob("*.tmp"))


def test_a_page_given_twice_keeps_its_last_content(tmp_path):
    docs = tmp_path / "docs"
    report = write_pages(docs, iter([("a.md", "one\n"), ("b.md", "B\n"), ("a.md", "two\n")]))
    assert report.written == ["a.md", "b.md"]
    assert (docs / "a.md").read_text(encoding="utf-8") == "two\n"
    assert not list(docs.rglob("*.tmp"))


def test_a_render_that_fails_midway_leaves_the_old_output_and_no_staged_files(tmp_path):
    docs = tmp_path / "docs"
    old = {"index.md": "old home\n", "briefs/a.md": "old A\n"}
    write_pages(docs, old)

    def failing():
        yield "index.md", "new home\n"
        yield "briefs/a.md", iter(["new ", "A", 1])  # a piece that is not text: fails mid-page
        yield "briefs/b.md", "new B\n"

    with pytest.raises(AttributeError):
        write_pages(docs, failing())
    assert {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")
    } == old
    assert not list(docs.rglob("*.tmp"))


def test_the_state_of_a_write_holds_while_no_file_changes_and_the_inputs_are_the_same(tmp_path):
    docs = tmp_path / "docs"
    pages = {"index.md": "home\n", "briefs/a.md": "A\n"}
    write_pages(docs, pages)
    for name in pages:
        age(docs / name)
    record_written(docs, tmp_path / "state.json", "inputs-1", list(pages))
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs-1") == list(pages)
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs-2") is None
    (docs / "briefs" / "a.md").write_text("B\n", encoding="utf-8")  # a hand edit
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs-1") is None
    write_pages(docs, pages)  # the generator puts it back, which changes its signature
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs-1") is None
    record_written(docs, tmp_path / "state.json", "inputs-1", list(pages))
    (docs / "index.md").unlink()
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs-1") is None


def test_a_file_too_recent_to_trust_its_signature_is_checked_by_its_bytes(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"index.md": "home\n", "a.md": "A\n"})
    age(docs / "a.md")
    record_written(
        docs, tmp_path / "state.json", "inputs", ["index.md", "a.md"]
    )  # index.md was written just now
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs") == ["index.md", "a.md"]
    # Changed in place within the same tick: size, modification time and inode stay the same.
    page = docs / "index.md"
    status = page.stat()
    with open(page, "r+", encoding="utf-8") as stream:
        stream.write("HOME\n")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (page.stat().st_ino, page.stat().st_size) == (status.st_ino, status.st_size)
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs") is None
    write_pages(docs, {"index.md": "home\n"})
    record_written(docs, tmp_path / "state.json", "inputs", ["index.md"])
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs") == ["index.md"]


def test_no_state_holds_while_a_write_is_unfinished(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"index.md": "home\n"})
    record_written(docs, tmp_path / "state.json", "inputs", ["index.md"])
    (docs / JOURNAL).write_text('{"renames": [], "removals": [], "manifest": []}')
    assert pages_if_unchanged(docs, tmp_path / "state.json", "inputs") is None

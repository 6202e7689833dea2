import json
import os
from pathlib import Path

import pytest

import generator.cache
import generator.write
from generator.cache import write_atomically
from generator.page_content import TemplatePage
from generator.write import (
    JOURNAL,
    MANIFEST,
    Piece,
    UnsafePathError,
    WrittenFiles,
    finish_interrupted_write,
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


def test_files_known_to_hold_a_page_are_compared_in_memory_not_read_again(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    home, brief = "home\n", "A\n"
    known = WrittenFiles()
    write_pages(docs, {"index.md": home, "a.md": brief}, known)
    compared = []
    stage = generator.write._stage_if_changed
    monkeypatch.setattr(
        generator.write,
        "_stage_if_changed",
        lambda docs_dir, root, relative, pieces: (
            compared.append(relative) or stage(docs_dir, root, relative, pieces)
        ),
    )
    # Known by their signatures (and, written this recently, their digests): compared in memory.
    assert write_pages(docs, {"index.md": home, "a.md": "".join(["A", "\n"])}, known).unchanged == 2
    assert compared == []
    # New content for a known file is written without reading the file.
    report = write_pages(docs, {"index.md": home, "a.md": "B\n"}, known)
    assert report.written == ["a.md"] and compared == []
    assert (docs / "a.md").read_text(encoding="utf-8") == "B\n"
    # A file changed by hand is noticed by its signature, compared with the file and written.
    (docs / "index.md").write_text("edited by hand\n", encoding="utf-8")
    report = write_pages(docs, {"index.md": home, "a.md": "B\n"}, known)
    assert report.written == ["index.md"] and compared == ["index.md"]
    assert (docs / "index.md").read_text(encoding="utf-8") == home
    # Without what was written (a new cache folder), every file is compared with the page.
    compared.clear()
    assert write_pages(docs, {"index.md": home, "a.md": "B\n"}).unchanged == 2
    assert compared == ["index.md", "a.md"]


def saved_write(tmp_path: Path, inputs: str) -> tuple[Path, Path, WrittenFiles]:
    """docs/ with one page written, and the state of that write saved (code "v1")."""
    docs, state = tmp_path / "docs", tmp_path / "cache" / "written.pickle"
    known = WrittenFiles.load(state, code="v1")
    write_pages(docs, {"index.md": "home\n"}, known)
    known.site_inputs = inputs
    known.save()
    return docs, state, known


def test_what_was_written_is_kept_in_the_cache_folder_for_the_next_process(tmp_path):
    docs, state, known = saved_write(tmp_path, "inputs")
    generator.write._last_saved.clear()  # as in another process
    again = WrittenFiles.load(state, code="v1")
    assert again is not known
    assert again.unchanged_site(docs, "inputs") == ["index.md"]
    assert again.unchanged_site(docs, "other inputs") is None
    assert WrittenFiles.load(state, code="v2").unchanged_site(docs, "inputs") is None
    state.write_bytes(b"not a pickle")
    assert WrittenFiles.load(state, code="v1").files == {}


def test_a_process_takes_back_the_state_it_saved_unless_another_wrote_it_since(tmp_path):
    docs, state, known = saved_write(tmp_path, "made-of-1")
    assert WrittenFiles.load(state, code="v1") is known
    # Taken back once: a run that fails before it saves leaves no half-updated state to take.
    assert WrittenFiles.load(state, code="v1") is not known
    known.save()
    assert WrittenFiles.load(state, code="v2").unchanged_site(docs, "made-of-1") is None
    known.save()
    write_atomically(state, state.read_bytes().replace(b"made-of-1", b"made-of-2"))  # by another
    reread = WrittenFiles.load(state, code="v1")
    assert reread is not known
    assert reread.site_inputs == "made-of-2"


def test_a_file_too_recent_to_trust_its_signature_is_checked_by_its_bytes(tmp_path):
    docs = tmp_path / "docs"
    known = WrittenFiles()
    write_pages(docs, {"index.md": "home\n", "a.md": "A\n"}, known)  # both just written
    known.site_inputs = "inputs"
    assert known.unchanged_site(docs, "inputs") == ["index.md", "a.md"]
    # Changed in place within the same tick: size, modification time and inode stay the same.
    page = docs / "index.md"
    status = page.stat()
    with open(page, "r+", encoding="utf-8") as stream:
        stream.write("HOME\n")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (page.stat().st_ino, page.stat().st_size) == (status.st_ino, status.st_size)
    assert known.unchanged_site(docs, "inputs") is None
    assert write_pages(docs, {"index.md": "home\n", "a.md": "A\n"}, known).written == ["index.md"]


def test_the_state_of_a_write_holds_while_no_file_changes(tmp_path):
    docs = tmp_path / "docs"
    pages = {"index.md": "home\n", "briefs/a.md": "A\n"}
    known = WrittenFiles()
    write_pages(docs, pages, known)
    known.site_inputs = "inputs"
    assert known.unchanged_site(docs, "inputs") == list(pages)
    (docs / "briefs" / "a.md").write_text("B\n", encoding="utf-8")  # a hand edit
    assert known.unchanged_site(docs, "inputs") is None
    write_pages(docs, pages, known)  # the generator puts it back
    assert known.unchanged_site(docs, "inputs") == list(pages)
    (docs / "index.md").unlink()
    assert known.unchanged_site(docs, "inputs") is None
    write_pages(docs, pages, known)
    (docs / JOURNAL).write_text('{"renames": [], "removals": [], "manifest": []}')
    assert known.unchanged_site(docs, "inputs") is None  # a write is unfinished


def test_keyed_pieces_are_copied_from_the_file_that_holds_them_and_made_only_when_new(tmp_path):
    docs = tmp_path / "docs"
    known = WrittenFiles()
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
    assert made == []  # the same keys: nothing made
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


def template_page(inputs: bytes, text: str, renders: list, lookups=(), answers_same=True):
    def render():
        renders.append(text)
        return text, lookups

    return TemplatePage(inputs, render, lambda asked: asked == lookups and answers_same)


def test_pieces_written_by_other_code_are_made_again(tmp_path):
    """A piece's key says what it was made of, not how: after a code change (the brief files
    written compact instead of indented), the same key's text is made anew, not copied."""
    docs, state = tmp_path / "docs", tmp_path / "cache" / "written.pickle"
    known = WrittenFiles.load(state, code="v1")
    write_pages(docs, {"data.json": [Piece("brief", lambda: '{\n "a": 1\n}\n')]}, known)
    known.save()
    generator.write._last_saved.clear()  # as in another process
    newer = WrittenFiles.load(state, code="v2")
    write_pages(docs, {"data.json": [Piece("brief", lambda: '{"a":1}\n')]}, newer)
    assert (docs / "data.json").read_text(encoding="utf-8") == '{"a":1}\n'


def test_a_template_page_is_rendered_only_if_its_inputs_lookups_or_file_changed(tmp_path):
    docs = tmp_path / "docs"
    known, renders = WrittenFiles(), []
    asked = (("Putin", ("Vladimir Putin", "people/vladimir-putin.md")),)
    write_pages(docs, {"a.md": template_page(b"1", "A\n", renders, asked)}, known)
    assert renders == ["A\n"] and known.files["a.md"].lookups == asked
    report = write_pages(docs, {"a.md": template_page(b"1", "A\n", renders, asked)}, known)
    assert renders == ["A\n"] and report.unchanged == 1 and report.rendered == 0
    # New inputs: rendered; the same text: not written.
    report = write_pages(docs, {"a.md": template_page(b"2", "A\n", renders, asked)}, known)
    assert renders == ["A\n"] * 2 and report.rendered == 1 and report.written == []
    # A name it linked now links elsewhere: rendered and written.
    moved = template_page(b"2", "A moved\n", renders, asked, answers_same=False)
    assert write_pages(docs, {"a.md": moved}, known).written == ["a.md"]
    # Edited by hand: its text is needed, so it is rendered and written again.
    (docs / "a.md").write_text("edited by hand\n", encoding="utf-8")
    report = write_pages(docs, {"a.md": template_page(b"2", "A moved\n", renders, asked)}, known)
    assert report.written == ["a.md"] and renders[-1] == "A moved\n"
    assert (docs / "a.md").read_text(encoding="utf-8") == "A moved\n"


def test_empty_folders_are_removed(tmp_path):
    docs = tmp_path / "docs"
    write_pages(docs, {"people/x.md": "X\n"})
    write_pages(docs, {"index.md": "home\n"})
    assert not (docs / "people").exists()


def test_a_write_sweeps_up_what_a_killed_run_left(tmp_path):
    docs = tmp_path / "docs"
    (docs / "people").mkdir(parents=True)
    (docs / "people" / ".staged-x.tmp").write_text("left by a run that was killed")
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

"""The corpus's overlap check: a copy of a corpus article is found, a new text is not."""

from __future__ import annotations

import importlib.util
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
SPEC = importlib.util.spec_from_file_location("overlap", CORPUS / "overlap.py")
overlap = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(overlap)


def test_a_copy_of_a_corpus_article_is_found_and_a_new_text_is_not(tmp_path, capsys):
    original = CORPUS / "dev" / "voa-2024-11-21-voyager-reconnected.txt"
    copy = tmp_path / "copy.txt"
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text(
        "The harbour council met on Tuesday to discuss a plan for new ferry routes to the three "
        "outer islands, which officials said could open by the end of next summer.",
        encoding="utf-8",
    )
    assert overlap.main([str(copy), str(new)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "copy.txt: 1.00 dev/voa-2024-11-21-voyager-reconnected.txt"
    assert lines[1].startswith("new.txt: 0.00")

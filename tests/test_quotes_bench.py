"""The textacy comparison (bench/quotes_vs_textacy.py): its DQTriple → brief quotation mapping."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("textacy", reason="textacy is the bench extra: requirements-bench.lock")

BENCH_FILE = Path(__file__).resolve().parent.parent / "bench" / "quotes_vs_textacy.py"


def load_bench():
    """bench/ is not an installed package; load the module from its file, as `pytest` runs anywhere."""
    spec = importlib.util.spec_from_file_location("quotes_vs_textacy", BENCH_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


textacy_quotes = load_bench().textacy_quotes


def said(quotes: list[dict]) -> list[tuple[str, str]]:
    return [(quote["text"], quote["speaker"]) for quote in quotes]


def test_textacy_quote_loses_its_marks_and_comma_and_keeps_the_full_name(parse):
    run = textacy_quotes(
        parse(["“We will not close the harbour this winter,” said Jane Roe, the port manager."])
    )
    assert said(run.quotes) == [("We will not close the harbour this winter", "Jane Roe")]
    assert run.quotes[0]["kind"] == "full"
    assert run.quotes[0]["paragraph"] == "p1"


def test_textacy_pronoun_speaker_stays_a_pronoun(parse):
    run = textacy_quotes(
        parse(
            [
                "Jane Roe runs the port.",
                "“The ferries will keep sailing until the ice comes,” she said.",
            ]
        )
    )
    assert said(run.quotes) == [("The ferries will keep sailing until the ice comes", "she")]


def test_textacy_refuses_an_article_with_an_unclosed_quotation(parse):
    paragraphs = [
        "“We will not close the harbour this winter,” said Jane Roe.",
        "Roe said: “The ferries will keep sailing until the ice comes.",
        "“After that, nobody can cross the bay.”",
    ]
    assert textacy_quotes(parse(paragraphs)).quotes == []
    by_paragraph = textacy_quotes(parse(paragraphs), by_paragraph=True)
    assert by_paragraph.bailed == ["article", "p2"]
    assert said(by_paragraph.quotes) == [("We will not close the harbour this winter", "Jane Roe")]

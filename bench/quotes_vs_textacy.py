"""Score textacy's `direct_quotations` beside the project's own quotation extraction on the gold set.

usage: .venv/bin/python -m bench.quotes_vs_textacy GOLD.yaml [--seeds seeds] [--repeat 5] [--show]

Both extractors read identical Docs: each seed is ingested once (`read_corpus`) and parsed once
(`parse_article`, the project's pipeline), and both run on that parse. Both are scored by
`generator.evaluate.quotes.evaluate`, so one matching rule (the reference scorer's) serves both. Ours is
scored from the project's own briefs (`analyse_articles`), after checking that they hold exactly the
quotations its extractor gives on the shared parse. Timings cover extraction only, never the parse.
textacy is not a project dependency: install it from requirements-bench.lock (bench/README-quotes.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from generator.analyse.entities import extract_entities
from generator.analyse.parse import ParsedArticle, load_pipeline, parse_article
from generator.analyse.quotes import extract_quotes
from generator.build import analyse_articles
from generator.evaluate.quotes import ArticleScore, Evaluation, evaluate
from generator.ingest.seeds import read_corpus
from generator.ingest.topics import load_topics
from generator.model import Article, to_dict
from generator.settings import DEFAULT_MODEL, Settings

# Every mark spaCy's `is_quote` knows in English news, straight and curly, single and double.
QUOTE_MARKS = "\"'“”‘’«»„‟‚‛‹›"

OURS, TEXTACY, TEXTACY_BY_PARAGRAPH = "ours", "textacy", "textacy ¶"
EXTRACTORS = (OURS, TEXTACY, TEXTACY_BY_PARAGRAPH)
TRIPLES_ONLY = "textacy's direct_quotations alone (no mapping to brief quotations)"


# --- textacy's triples as brief quotations -------------------------------------------------------


def quote_text(content: Span) -> str:
    """The quoted words: enclosing marks, a trailing comma and paragraph breaks gone."""
    text = " ".join(content.text.split()).strip(QUOTE_MARKS + " ")
    return text.removesuffix(",").rstrip()


def speaker_name(speaker: Sequence[Token], holders: Sequence[Span] | None = None) -> str:
    """The speaker as written: each token widened to the longest entity or noun chunk holding it.

    "Gabuev" with its compound "Alexander" becomes "Alexander Gabuev", "he" stays "he"; conjoined
    speakers ("Smith and Jones said") keep one name each, joined by "and".
    """
    doc = speaker[0].doc
    holders = name_holders(doc) if holders is None else holders
    widest = [
        max(
            (span for span in holders if span.start <= token.i < span.end),
            key=len,
            default=doc[token.i : token.i + 1],
        )
        for token in speaker
    ]
    bounds = {(span.start, span.end) for span in widest}
    outermost = sorted(
        (start, end)
        for start, end in bounds
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in bounds)
    )
    return " and ".join(doc[start:end].text for start, end in outermost)


def name_holders(doc: Doc) -> list[Span]:
    """The spans a speaker token may widen to: named entities and noun chunks."""
    return [*doc.ents, *doc.noun_chunks]


def brief_quote(triple: Any, paragraph: str, holders: Sequence[Span]) -> dict[str, Any]:
    """A textacy DQTriple in the briefs' quotation shape (textacy only finds full quotations)."""
    return {
        "text": quote_text(triple.content),
        "speaker": speaker_name(triple.speaker, holders),
        "role": None,
        "kind": "full",
        "paragraph": paragraph,
    }


@dataclass
class TextacyRun:
    quotes: list[dict[str, Any]] = field(default_factory=list)
    bailed: list[str] = field(default_factory=list)  # where textacy refused: "article" or ¶ ids


def textacy_triples(doc: Doc) -> list[Any] | None:
    """textacy's DQTriples of one Doc, or None where it refuses the Doc.

    textacy raises ValueError on a Doc with an odd number of quotation marks rather than guess
    which quotation is unclosed.
    """
    from textacy.extract.triples import direct_quotations

    try:
        return list(direct_quotations(doc))
    except ValueError:
        return None


def textacy_quotes(parsed: ParsedArticle, by_paragraph: bool = False) -> TextacyRun:
    """textacy's direct quotations of one parsed article, as brief quotations.

    With `by_paragraph`, an article textacy refuses is retried paragraph by paragraph (each a Doc
    cut from the same parse), so only its unbalanced paragraphs are lost.
    """
    run = TextacyRun()
    triples = textacy_triples(parsed.doc)
    if triples is not None:
        holders = name_holders(parsed.doc)
        run.quotes = [brief_quote(t, parsed.paragraph_of(t.content).id, holders) for t in triples]
        return run
    run.bailed.append("article")
    if not by_paragraph:
        return run
    for index, paragraph in enumerate(parsed.article.paragraphs):
        paragraph_doc = parsed.paragraph_span(index).as_doc()
        triples = textacy_triples(paragraph_doc)
        if triples is None:
            run.bailed.append(paragraph.id)
            continue
        holders = name_holders(paragraph_doc)
        run.quotes += [brief_quote(t, paragraph.id, holders) for t in triples]
    return run


# --- our side ------------------------------------------------------------------------------------


def our_quotes(parsed: ParsedArticle) -> list[dict[str, Any]]:
    """What `analyse_article` puts in a brief's quotations, from the shared parse."""
    return [to_dict(quote) for quote in extract_quotes(parsed, extract_entities(parsed))]


def our_briefs(articles: Sequence[Article], seeds_dir: Path, model: str) -> list[dict[str, Any]]:
    """The project's own briefs of the articles, analysed afresh (a throwaway cache)."""
    topics_file = seeds_dir / "topics.yaml"
    topics = load_topics(topics_file) if topics_file.exists() else []
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(seeds_dir=seeds_dir, cache_dir=Path(cache_dir), model=model, workers=1)
        run = analyse_articles(articles, topics, settings)
    for problem in run.problems:
        print(f"warning: {problem.source}: {problem.reason}", file=sys.stderr)
    return [to_dict(brief) for brief in run.briefs]


# --- measuring -----------------------------------------------------------------------------------


def fastest_seconds(
    extract: Callable[[ParsedArticle], Any], parsed: Sequence[ParsedArticle], repeat: int
) -> float:
    """The fastest of `repeat` runs of `extract` over every parsed article.

    The fastest run, as `timeit` advises: slower ones measure other processes, not the code.
    """
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for article in parsed:
            extract(article)
        runs.append(time.perf_counter() - start)
    return min(runs)


@dataclass
class Comparison:
    evaluations: dict[str, Evaluation]  # by extractor name
    bailed: dict[str, list[str]]  # article source → where textacy refused (by-paragraph run)
    seconds: dict[str, float]  # extraction time over the corpus, by extractor; "parse" for context
    article_count: int
    mismatched_briefs: list[str]  # sources whose brief quotations differ from the shared-parse run


def compare(gold: dict[str, Any], seeds_dir: Path, model: str, repeat: int) -> Comparison:
    articles, problems = read_corpus(seeds_dir)
    for problem in problems:
        print(f"warning: {problem.source}: {problem.reason}", file=sys.stderr)
    nlp = load_pipeline(model)
    parse_start = time.perf_counter()
    parsed = [parse_article(article, nlp) for article in articles]
    parse_seconds = time.perf_counter() - parse_start

    briefs = our_briefs(articles, seeds_dir, model)
    quotes_by_source = {p.article.source: our_quotes(p) for p in parsed}
    mismatched = [b["source"] for b in briefs if b["quotes"] != quotes_by_source.get(b["source"])]

    textacy_runs = {p.article.source: textacy_quotes(p) for p in parsed}
    by_paragraph_runs = {p.article.source: textacy_quotes(p, by_paragraph=True) for p in parsed}
    evaluations = {
        OURS: evaluate(gold, briefs),
        TEXTACY: evaluate(gold, quote_briefs(textacy_runs)),
        TEXTACY_BY_PARAGRAPH: evaluate(gold, quote_briefs(by_paragraph_runs)),
    }
    seconds = {
        "parse": parse_seconds,
        OURS: fastest_seconds(our_quotes, parsed, repeat),
        TEXTACY: fastest_seconds(textacy_quotes, parsed, repeat),
        TRIPLES_ONLY: fastest_seconds(lambda p: textacy_triples(p.doc), parsed, repeat),
        TEXTACY_BY_PARAGRAPH: fastest_seconds(
            lambda p: textacy_quotes(p, by_paragraph=True), parsed, repeat
        ),
    }
    return Comparison(
        evaluations=evaluations,
        bailed={source: run.bailed for source, run in by_paragraph_runs.items() if run.bailed},
        seconds=seconds,
        article_count=len(parsed),
        mismatched_briefs=mismatched,
    )


def quote_briefs(runs: dict[str, TextacyRun]) -> list[dict[str, Any]]:
    return [{"source": source, "quotes": run.quotes} for source, run in runs.items()]


# --- reporting -----------------------------------------------------------------------------------

COLUMNS = (
    ("full recall", "found_full", "gold_full"),
    ("partial recall", "found_partial", "gold_partial"),
    ("precision", "correct", "extracted"),
    ("speaker accuracy", "speaker_ok", "matched"),
)


def ratio(counts: Any, found: str, total: str, with_figure: bool) -> str:
    fraction = f"{counts[found]}/{counts[total]}"
    if not with_figure:
        return fraction
    return f"{fraction} = {counts[found] / max(1, counts[total]):.3f}"


def table(comparison: Comparison) -> str:
    """Both extractors' scores per article and in total, as a Markdown table."""
    header = ["article", "extractor", *(name for name, _, _ in COLUMNS)]
    rows = [header, ["---"] * len(header)]
    first = comparison.evaluations[OURS]
    for index, article in enumerate(first.articles):
        for extractor in EXTRACTORS:
            counts = comparison.evaluations[extractor].articles[index].counts
            label = article.source if extractor == OURS else ""
            rows.append([label, extractor, *(ratio(counts, f, t, False) for _, f, t in COLUMNS)])
    for extractor in EXTRACTORS:
        totals = comparison.evaluations[extractor].totals
        label = "**total**" if extractor == OURS else ""
        rows.append([label, extractor, *(ratio(totals, f, t, True) for _, f, t in COLUMNS)])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def timing(comparison: Comparison, repeat: int) -> str:
    s = comparison.seconds
    per_article = (1000 / max(1, comparison.article_count)) if comparison.article_count else 0

    def line(name: str) -> str:
        return (
            f"  {name:<11} {s[name] * 1000:8.1f} ms  ({s[name] * per_article:.2f} ms per article)"
        )

    return "\n".join(
        [
            f"Extraction time over {comparison.article_count} articles, fastest of {repeat} runs, "
            "shared parse excluded:",
            *(line(name) for name in EXTRACTORS),
            f"  of textacy's time, {s[TRIPLES_ONLY] * 1000:.1f} ms is direct_quotations itself",
            f"  (the shared parse, once: {s['parse'] * 1000:.1f} ms)",
        ]
    )


def differences(name: str, scores: Iterable[ArticleScore]) -> list[str]:
    lines = []
    for article in scores:
        lines += [f"{name} {article.source}: missed: {text[:100]!r}" for text in article.missed]
        lines += [f"{name} {article.source}: spurious: {text[:100]!r}" for text in article.spurious]
        lines += [
            f"{name} {article.source}: speaker {got!r} should be {gold!r}: {text[:60]!r}"
            for text, gold, got in article.wrong_speakers
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.quotes_vs_textacy", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("gold", type=Path, help="gold annotations (shared/eval/seeds-gold.yaml)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="the articles")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs (fastest reported)")
    parser.add_argument("--show", action="store_true", help="list misses and wrong speakers")
    args = parser.parse_args(argv)
    try:
        import textacy  # noqa: F401
    except ImportError as error:
        print(
            f"error: textacy is not importable ({error}); install it with "
            "`.venv/bin/pip install --require-hashes --no-deps -r requirements-bench.lock`",
            file=sys.stderr,
        )
        return 2
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    comparison = compare(gold, args.seeds, args.model, max(1, args.repeat))
    print(table(comparison))
    print()
    for source, where in comparison.bailed.items():
        print(
            f"textacy refused {source} (odd number of quotation marks); "
            f"by paragraph it still refused {', '.join(w for w in where if w != 'article') or 'none'}"
        )
    print(timing(comparison, max(1, args.repeat)))
    for source in comparison.mismatched_briefs:
        print(f"warning: {source}: the brief's quotations differ from the timed extraction")
    if args.show:
        print()
        for name, evaluation in comparison.evaluations.items():
            print("\n".join(differences(name, evaluation.articles)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score quotation extraction on the seeds against the hand-checked gold, per seed and in total.

usage: .venv/bin/python bench/quotes_dev.py [--seeds seeds] [--gold GOLD.yaml] [--show]

Reads each seed through ingest (as the site build does), extracts entities and quotations, writes
the briefs JSON the reference scorer reads, and runs that scorer. --show also lists, per seed,
gold quotations missed, extracted ones matching no gold quotation, and wrong speakers.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse.entities import extract_entities  # noqa: E402
from generator.analyse.parse import load_pipeline, parse_article  # noqa: E402
from generator.analyse.quotes import extract_quotes  # noqa: E402
from generator.ingest.seeds import read_seed  # noqa: E402
from generator.model import SeedProblem, to_dict  # noqa: E402
from generator.settings import DEFAULT_MODEL  # noqa: E402

SHARED_EVAL = ROOT.parent / "shared" / "eval"


def extract_all(seeds_dir: Path) -> list[dict]:
    nlp = load_pipeline(DEFAULT_MODEL)
    briefs = []
    for path in sorted(seeds_dir.glob("*.txt")):
        article = read_seed(path, seeds_dir)
        if isinstance(article, SeedProblem):
            print(f"{path.name}: skipped: {article.reason}", file=sys.stderr)
            continue
        parsed = parse_article(article, nlp)
        entities = extract_entities(parsed)
        quotes = extract_quotes(parsed, entities)
        briefs.append({"source": article.source, "quotes": [to_dict(q) for q in quotes]})
    return briefs


def show_differences(gold_file: Path, scorer_file: Path, briefs: list[dict]) -> None:
    """What the scorer counts against us, matched by the scorer's own rules."""
    spec = importlib.util.spec_from_file_location("score_quotes", scorer_file)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    by_source = {b["source"].rsplit("/", 1)[-1]: b for b in briefs}
    for source, spec in gold.items():
        quotes = by_source.get(source, {}).get("quotes", [])
        got = [q for q in quotes if len(scorer.toks(q["text"])) >= 3]
        used: set[int] = set()
        print(f"--- {source}")
        for gold_quote in spec["quotes"]:
            match = next(
                (
                    i
                    for i, q in enumerate(got)
                    if i not in used and scorer.match(gold_quote["text"], q["text"])
                ),
                None,
            )
            if match is None:
                print(f"  MISSED {gold_quote['kind']}: {gold_quote['text'][:90]!r}")
                continue
            used.add(match)
            if not scorer.speaker_ok(gold_quote["speaker"], got[match]["speaker"] or ""):
                print(
                    f"  SPEAKER {got[match]['speaker']!r} should be {gold_quote['speaker']!r}: "
                    f"{gold_quote['text'][:60]!r}"
                )
        for i, quote in enumerate(got):
            if i not in used:
                print(f"  EXTRA {quote['kind']} [{quote['speaker']}]: {quote['text'][:90]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=SHARED_EVAL / "seeds-gold.yaml")
    parser.add_argument("--scorer", type=Path, default=SHARED_EVAL / "score_quotes.py")
    parser.add_argument("--show", action="store_true", help="list misses, extras, wrong speakers")
    args = parser.parse_args()
    briefs = extract_all(args.seeds)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(briefs, out, ensure_ascii=False, indent=1)
    if args.show:
        show_differences(args.gold, args.scorer, briefs)
    result = subprocess.run([sys.executable, str(args.scorer), str(args.gold), out.name])
    Path(out.name).unlink()
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

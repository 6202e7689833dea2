"""One measured step of the benchmark, run in its own process by `bench.run`.

usage: python -m bench.step generate --config mkdocs.yml [--workers N] [--cache-dir D] [--docs-dir D]
       python -m bench.step floor --seeds DIR [--model M]

Prints one JSON object on its last line of stdout: what the step did and how long it took.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


def peak_rss_self() -> int:
    """This process's own peak resident memory (VmHWM; getrusage would count the parent's too)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def generate(args: argparse.Namespace) -> dict:
    """The generator as `python -m generator build` runs it: seeds → docs/."""
    from generator.config import load_settings
    from generator.executors import make_executor
    from generator.pipeline import generate_site, worker_count

    settings = load_settings(
        args.config, workers=args.workers, cache_dir=args.cache_dir, docs_dir=args.docs_dir
    )
    ready = time.perf_counter()
    executor = make_executor(args.scheduler, worker_count(settings)) if args.scheduler else None
    try:
        run = generate_site(settings, executor)
    finally:
        if executor is not None:
            executor.shutdown()
    done = time.perf_counter()
    generation = run.generation
    return {
        "seconds": done - ready,
        "startup_seconds": ready - STARTED,
        "spacy_loaded": "spacy" in sys.modules,
        "briefs": len(generation.briefs),
        "analysed": len(generation.analysed),
        "cached": generation.cached,
        "problems": len(generation.problems),
        "pages": len(run.pages),
        "written": len(run.written.written),
        "workers": worker_count(settings),
    }


def floor(args: argparse.Namespace) -> dict:
    """spaCy alone: the same pipeline over the same texts with `nlp.pipe`, nothing else."""
    from generator.analyse.parse import article_text, load_pipeline
    from generator.ingest import read_corpus

    articles, _ = read_corpus(args.seeds)
    texts = [article_text(article)[0] for article in articles]
    loading = time.perf_counter()
    nlp = load_pipeline(args.model)
    parsing = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    done = time.perf_counter()
    return {
        "seconds": done - loading,
        "load_seconds": parsing - loading,
        "pipe_seconds": done - parsing,
        "texts": len(texts),
        "tokens": tokens,
        "words": sum(len(text.split()) for text in texts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    generate_step = steps.add_parser("generate")
    generate_step.add_argument("--config", type=Path, required=True)
    generate_step.add_argument("--workers", type=int)
    generate_step.add_argument("--scheduler")
    generate_step.add_argument("--cache-dir", type=Path)
    generate_step.add_argument("--docs-dir", type=Path)
    floor_step = steps.add_parser("floor")
    floor_step.add_argument("--seeds", type=Path, required=True)
    floor_step.add_argument("--model", default="en_core_web_sm")
    args = parser.parse_args(argv)
    result = {"generate": generate, "floor": floor}[args.step](args)
    result["peak_rss_self"] = peak_rss_self()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

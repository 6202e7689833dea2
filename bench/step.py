"""One measured step of the benchmark, run in its own process by `bench.run`.

usage: python -m bench.step generate --config mkdocs.yml [--workers N] [--cache-dir D] [--docs-dir D]
       python -m bench.step serve --config mkdocs.yml
       python -m bench.step floor --seeds DIR [--model M] [--batch-size B]
       python -m bench.step recycle --config mkdocs.yml --donor CACHE_DIR

Prints one JSON object on its last line of stdout: what the step did and how long it took.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
FLOOR_BATCH_SIZE = 32


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


def serve(args: argparse.Namespace) -> dict:
    """As under `mkdocs serve`: build once in this process, edit one seed, build again.

    Reports the second build: its generator time, what it re-analysed, re-rendered and wrote.
    """
    from generator.config import load_settings
    from generator.session import BuildSession
    from generator.site import RACY_SECONDS

    settings = load_settings(args.config, workers=args.workers)
    session = BuildSession(settings)
    first_started = time.perf_counter()
    session.build()
    session.load_model()  # as the plugin does in the background under serve
    session.settle()  # as the plugin does after each build under serve
    first = time.perf_counter() - first_started
    edited = edit_one_seed(settings.seeds_dir)
    time.sleep(RACY_SECONDS)  # an editor's pause; a seed changed within it is re-hashed anyway
    ready = time.perf_counter()
    run = session.build()
    done = time.perf_counter()
    return {
        "seconds": done - ready,
        "first_build_seconds": first,
        "startup_seconds": first_started - STARTED,
        "edited": edited,
        "briefs": len(run.generation.briefs),
        "analysed": len(run.generation.analysed),
        "cached": run.generation.cached,
        "rendered": session.memo.rendered,
        "reused": session.memo.reused,
        "pages": len(run.pages),
        "written": len(run.written.written),
    }


def edit_one_seed(seeds_dir: Path) -> str:
    """Change one word of the middle article, as an editor fixing a typo would."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    seed = seeds[len(seeds) // 2]
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace(" the ", " this ", 1), encoding="utf-8")
    return seed.name


def floor(args: argparse.Namespace) -> dict:
    """spaCy alone: the same pipeline over the same texts with `nlp.pipe`, nothing else."""
    from generator.analyse.parse import article_text, load_pipeline
    from generator.ingest import read_corpus

    articles, _ = read_corpus(args.seeds)
    texts = [article_text(article)[0] for article in articles]
    loading = time.perf_counter()
    nlp = load_pipeline(args.model)
    parsing = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    done = time.perf_counter()
    return {
        "seconds": done - loading,
        "load_seconds": parsing - loading,
        "pipe_seconds": done - parsing,
        "texts": len(texts),
        "batch_size": args.batch_size,
        "tokens": tokens,
        "words": sum(len(text.split()) for text in texts),
    }


def recycle(args: argparse.Namespace) -> dict:
    """Fill the cache for every seed with briefs analysed earlier for other articles.

    For sizes whose cold analysis would take hours: the warm path (reading every seed, the cache,
    the corpus, rendering, writing, mkdocs) then runs at full size on real briefs. Each article
    gets a donor brief (round robin) with the article's own identity: source, slug, title, date.
    """
    from dataclasses import replace

    from generator.analyse.brief import article_identity
    from generator.cache import BriefCache, cache_key
    from generator.config import load_settings
    from generator.ingest import read_corpus
    from generator.topics import load_topics

    settings = load_settings(args.config)
    articles, _ = read_corpus(settings.seeds_dir)
    topics = load_topics(settings.topics_file)
    donors = [
        brief
        for path in sorted(args.donor.rglob("*.pickle"))
        if (brief := BriefCache(args.donor).get(path.stem)) is not None
    ]
    if not donors:
        raise SystemExit(f"no cached briefs in {args.donor}: run a smaller size cold first")
    cache = BriefCache(settings.cache_dir)
    fingerprint = settings.analysis_fingerprint()
    for number, article in enumerate(articles):
        brief = replace(donors[number % len(donors)], **article_identity(article))
        cache.put(cache_key(article, topics, fingerprint), brief)
    return {
        "seconds": time.perf_counter() - STARTED,
        "briefs": len(articles),
        "donors": len(donors),
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
    serve_step = steps.add_parser("serve")
    serve_step.add_argument("--config", type=Path, required=True)
    serve_step.add_argument("--workers", type=int)
    floor_step = steps.add_parser("floor")
    floor_step.add_argument("--seeds", type=Path, required=True)
    floor_step.add_argument("--model", default="en_core_web_sm")
    # The model's own default (1,000 texts a batch) holds ~20 MB per article in memory at once.
    floor_step.add_argument("--batch-size", type=int, default=FLOOR_BATCH_SIZE)
    recycle_step = steps.add_parser("recycle")
    recycle_step.add_argument("--config", type=Path, required=True)
    recycle_step.add_argument("--donor", type=Path, required=True, help="a cache_dir to reuse")
    args = parser.parse_args(argv)
    steps_by_name = {"generate": generate, "serve": serve, "floor": floor, "recycle": recycle}
    result = steps_by_name[args.step](args)
    result["peak_rss_self"] = peak_rss_self()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""One measured step of the benchmark, run in its own process by `bench.run`.

usage: python -m bench.step generate --config mkdocs.yml [--workers N] [--cache-dir D] [--docs-dir D]
       python -m bench.step serve --config mkdocs.yml
       python -m bench.step mkdocs-serve --config mkdocs.yml [--dirty]
       python -m bench.step floor --seeds DIR [--model M] [--batch-size B]
       python -m bench.step recycle --config mkdocs.yml --donor CACHE_DIR

Prints one JSON object on its last line of stdout: what the step did and how long it took.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from generator.render.pages import site_briefs

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
    from generator.build import generate_site, worker_count
    from generator.config import load_settings
    from generator.executors import make_executor

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
    from generator.build import generate_site, load_for_analysis
    from generator.cache import keep_stores_in_memory
    from generator.config import load_settings
    from generator.write import RACY_SECONDS

    settings = load_settings(args.config, workers=args.workers)
    keep_stores_in_memory()  # as the plugin does under serve
    first_started = time.perf_counter()
    generate_site(settings)
    load_for_analysis(settings.model)  # as the plugin does in the background under serve
    first = time.perf_counter() - first_started
    edited = edit_one_seed(settings.seeds_dir)
    time.sleep(RACY_SECONDS)  # an editor's pause; a seed changed within it is re-hashed anyway
    ready = time.perf_counter()
    run = generate_site(settings)
    done = time.perf_counter()
    return {
        "seconds": done - ready,
        "first_build_seconds": first,
        "startup_seconds": first_started - STARTED,
        "edited": edited,
        "briefs": len(run.generation.briefs),
        "analysed": len(run.generation.analysed),
        "cached": run.generation.cached,
        "rendered": run.written.rendered,
        "pages": len(run.pages),
        "written": len(run.written.written),
    }


def edit_one_seed(seeds_dir: Path) -> str:
    """Change one word of the middle article, as an editor fixing a typo would."""
    return edit_one_seed_showing(seeds_dir)[0]


def edit_one_seed_showing(seeds_dir: Path) -> tuple[str, str]:
    """`edit_one_seed`, and the words around the change (which its brief's page now shows)."""
    seed = middle_seed(seeds_dir)
    text = seed.read_text(encoding="utf-8")
    edited = text.replace(" the ", " this ", 1)
    seed.write_text(edited, encoding="utf-8")
    at = text.find(" the ")
    # The words around this change, not an earlier one's ("this" from an edit just before).
    start = max(0, at - 40)
    around = next(
        (
            match.group(0)
            for match in re.finditer(r"\w+ this \w+", edited[start : at + 40])
            if start + match.start() <= at + 1 <= start + match.end()
        ),
        "",
    )
    return seed.name, around


def middle_seed(seeds_dir: Path) -> Path:
    seeds = sorted(seeds_dir.glob("*.txt"))
    return seeds[len(seeds) // 2]


def mkdocs_serve(args: argparse.Namespace) -> dict:
    """`mkdocs serve` itself, as a user runs it: the time from saving one edited seed until the
    server has rebuilt the site and tells the browsers to reload (the generator and MkDocs)."""
    port = _free_port()
    command = [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dev-addr"]
    command += [f"127.0.0.1:{port}", "--config-file", str(args.config)]
    # MkDocs warns at every dirty build, which strict mode (this project's) turns into an error.
    command += ["--dirty", "--no-strict"] if args.dirty else []
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines = _TimedLines(server.stderr)
    try:
        started = time.perf_counter()
        first_build = lines.wait_for("Serving on", after=started, timeout=args.timeout)
        settings = _settings(args.config)
        slug = _slug_of(settings.docs_dir, middle_seed(settings.seeds_dir).name)
        page = f"http://127.0.0.1:{port}/briefs/{slug}/"
        before = _fetch(page)
        edited = time.perf_counter()
        seed, around = edit_one_seed_showing(settings.seeds_dir)
        reloaded = lines.wait_for("Reloading browsers", after=edited, timeout=args.timeout)
        time.sleep(args.settle)  # a second build, if the first one's writes started it, shows now
        after = _fetch(page)
    finally:
        server.terminate()  # on SIGINT it waits for its server thread, which runs on
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
    built_in = [
        float(seconds) for seconds in lines.matches(r"Documentation built in ([\d.]+)", edited)
    ]
    return {
        "seconds": reloaded - edited,
        "first_build_seconds": first_build - started,
        "edited": seed,
        "builds_after_edit": len(lines.matches("Building documentation", edited)),
        "mkdocs_built_in": built_in[0] if built_in else None,
        "page_updated": bool(around) and after.count(around) > before.count(around),
        "dirty": args.dirty,
    }


class _TimedLines:
    """The lines a process writes to a stream, each with the time it was read, read in a thread."""

    def __init__(self, stream) -> None:
        self.lines: list[tuple[float, str]] = []
        self.ended = False
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for raw in stream:
            with self.arrived:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace")))
                self.arrived.notify_all()
        with self.arrived:
            self.ended = True
            self.arrived.notify_all()

    def wait_for(self, text: str, after: float, timeout: float) -> float:
        """When a line holding `text` was read, after the time `after`."""
        deadline = time.perf_counter() + timeout
        with self.arrived:
            while True:
                for read_at, line in self.lines:
                    if read_at >= after and text in line:
                        return read_at
                remaining = deadline - time.perf_counter()
                if remaining <= 0 or self.ended:
                    tail = "".join(line for _, line in self.lines[-5:])
                    raise TimeoutError(f"no {text!r} within {timeout:g} s; the last lines:\n{tail}")
                self.arrived.wait(remaining)

    def matches(self, pattern: str, after: float) -> list[str]:
        with self.arrived:
            found = [re.search(pattern, line) for read_at, line in self.lines if read_at >= after]
        return [match.group(1) if match.groups() else match.group(0) for match in found if match]


def _settings(config: Path):
    from generator.config import load_settings

    return load_settings(config)


def _slug_of(docs_dir: Path, seed: str) -> str:
    briefs = site_briefs(docs_dir)
    return next(brief["slug"] for brief in briefs if brief["source"] == seed)


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def floor(args: argparse.Namespace) -> dict:
    """spaCy alone: the same pipeline over the same texts with `nlp.pipe`, nothing else."""
    from generator.analyse.parse import article_text, load_pipeline
    from generator.ingest.seeds import read_corpus

    articles, _ = read_corpus(args.seeds)
    texts = [article_text(article)[0] for article in articles]
    loading = time.perf_counter()
    nlp = load_pipeline(args.model)
    parsing = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    done = time.perf_counter()
    return {
        **repeated_paragraphs(articles),
        "seconds": done - loading,
        "load_seconds": parsing - loading,
        "pipe_seconds": done - parsing,
        "texts": len(texts),
        "batch_size": args.batch_size,
        "tokens": tokens,
        "words": sum(len(text.split()) for text in texts),
    }


def repeated_paragraphs(articles: list) -> dict[str, int]:
    """The article's paragraphs, and how many repeat one of the same batch of articles: the
    generator parses those once (bare `nlp.pipe` over the texts parses them all), so a corpus
    with many of them flatters the generator's ratio to the floor."""
    from generator.analyse.parse import paragraph_texts
    from generator.build import PARSE_BATCH

    ordered = sorted(articles, key=lambda article: article.source)
    total = repeated = 0
    for start in range(0, len(ordered), PARSE_BATCH):
        texts = [
            t for article in ordered[start : start + PARSE_BATCH] for t in paragraph_texts(article)
        ]
        total += len(texts)
        repeated += len(texts) - len(set(texts))
    return {"paragraphs": total, "repeated_in_batch": repeated}


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
    from generator.ingest.seeds import read_corpus
    from generator.ingest.topics import load_topics

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
    # The seed the edit steps change keeps no donor: the next run analyses it, so that an edit
    # changes its own brief a little, not a donor's brief into a wholly other one.
    edited = middle_seed(settings.seeds_dir).name
    for number, article in enumerate(articles):
        if article.source != edited:
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
    site_step = steps.add_parser("mkdocs-serve")
    site_step.add_argument("--config", type=Path, required=True)
    site_step.add_argument("--dirty", action="store_true", help="run `mkdocs serve --dirty`")
    site_step.add_argument("--timeout", type=float, default=3600, help="for each build")
    site_step.add_argument("--settle", type=float, default=5, help="seconds to wait after")
    floor_step = steps.add_parser("floor")
    floor_step.add_argument("--seeds", type=Path, required=True)
    floor_step.add_argument("--model", default="en_core_web_sm")
    # The model's own default (1,000 texts a batch) holds ~20 MB per article in memory at once.
    floor_step.add_argument("--batch-size", type=int, default=FLOOR_BATCH_SIZE)
    recycle_step = steps.add_parser("recycle")
    recycle_step.add_argument("--config", type=Path, required=True)
    recycle_step.add_argument("--donor", type=Path, required=True, help="a cache_dir to reuse")
    args = parser.parse_args(argv)
    steps_by_name = {
        "generate": generate,
        "serve": serve,
        "mkdocs-serve": mkdocs_serve,
        "floor": floor,
        "recycle": recycle,
    }
    result = steps_by_name[args.step](args)
    result["peak_rss_self"] = peak_rss_self()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

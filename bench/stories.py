"""Story grouping against a public set of same-event article clusters.

    python -m bench.stories SAMPLE.jsonl [--out bench/results/stories.json]

SAMPLE holds one JSON object per article: {"cluster", "id", "title", "date", "publisher", "url",
"text"} (`bench/README-stories.md` says which public set, and why its texts are not in the
repository). Each article is written as a seed with a sidecar (title, date, publisher, url),
analysed as a build analyses it, and the briefs grouped by `corpus/stories.py`. The clusters are
split in two by their order in the file: the first half tunes (`dev`), the second is only
scored (`test`). Prints pairwise precision and recall of each half, and the time the grouping
took beside the analysis.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator.analyse.brief import analyse_article
from generator.analyse.parse import load_pipeline
from generator.corpus.stories import find_stories, pairwise_scores
from generator.ingest.seeds import read_seed


def read_sample(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_seeds(articles: list[dict], folder: Path) -> dict[str, str]:
    """Each article as a seed and its sidecar; returns the seed's name → the article's cluster."""
    cluster_of = {}
    for number, article in enumerate(articles):
        name = f"{number:04d}.txt"
        (folder / name).write_text(article["text"] + "\n", encoding="utf-8")
        meta = {k: article[k] for k in ("title", "date", "publisher", "url") if article.get(k)}
        (folder / f"{number:04d}.meta.yaml").write_text(
            yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8"
        )
        cluster_of[name] = str(article["cluster"])
    return cluster_of


def halves(cluster_of: dict[str, str]) -> dict[str, dict[str, str]]:
    order = list(dict.fromkeys(cluster_of.values()))
    dev = set(order[: len(order) // 2])
    return {
        "dev": {name: c for name, c in cluster_of.items() if c in dev},
        "test": {name: c for name, c in cluster_of.items() if c not in dev},
        "all": cluster_of,
    }


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sample", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--half", choices=("dev", "test", "all"), default="all")
    args = parser.parse_args(arguments)
    articles = read_sample(args.sample)
    nlp = load_pipeline("en_core_web_sm")
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        cluster_of = write_seeds(articles, seeds)
        started = time.perf_counter()
        briefs = [
            analyse_article(read_seed(seeds / name, seeds), [], nlp, 6) for name in cluster_of
        ]
        analysed = time.perf_counter() - started
    started = time.perf_counter()
    stories = find_stories(briefs)
    grouped = time.perf_counter() - started
    found = [[brief.source for brief in story.briefs] for story in stories]
    wanted = ("dev", "test", "all") if args.half == "all" else (args.half,)
    result = {
        "articles": len(articles),
        "clusters": len(set(cluster_of.values())),
        "stories": len(stories),
        "analysis_seconds": round(analysed, 2),
        "grouping_seconds": round(grouped, 3),
    }
    for half, gold in halves(cluster_of).items():
        if half in wanted:
            result[half] = pairwise_scores(found, gold)
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

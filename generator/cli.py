"""`python -m generator …`: build, export, eval, check."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import yaml

from generator import __version__
from generator.build import (
    SeedsFolderMissing,
    analyse_articles,
    generate_site,
    run_analysis,
    worker_count,
)
from generator.config import load_settings
from generator.executors import SchedulerError, make_executor
from generator.ingest.seeds import read_corpus, read_seed
from generator.ingest.topics import TopicFileError, load_topics
from generator.model import Article, SeedProblem, to_dict
from generator.progress import progress_bar
from generator.render.pages import briefs_json
from generator.render.views import printable, problem_rows, shown_files
from generator.settings import Settings


def show_notes() -> None:
    """The generator's log (as MkDocs shows it under the plugin) on stderr, notes included."""
    log = logging.getLogger("mkdocs.plugins.briefing")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


class InputError(Exception):
    """A file or folder the command was given, or needs, is not there or cannot be read."""


DEFAULT_CONFIG = Path("mkdocs.yml")


def program_name() -> str:
    """`briefing` when run as the console script, else how the module is run."""
    return "briefing" if Path(sys.argv[0]).name == "briefing" else "python -m generator"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=program_name(), description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--config", type=Path, help=f"mkdocs.yml to read (default: {DEFAULT_CONFIG})"
    )
    parser.add_argument("--workers", type=int, help="worker processes (0: one per core)")
    parser.add_argument(
        "--scheduler",
        help="where analysis runs: 'local' processes (default) or a Dask scheduler, tcp://HOST:PORT",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="generate the site's Markdown and data into docs/")
    export = commands.add_parser("export", help="analyse files or folders and write briefs JSON")
    export.add_argument("paths", nargs="+", type=Path)
    export.add_argument("-o", "--output", type=Path, default=Path("briefs.json"))
    topics_help = "topic file to link the briefs to (default: the config's)"
    export.add_argument("--topics", type=Path, help=topics_help)
    evaluation = commands.add_parser("eval", help="score extraction against gold annotations")
    evaluation.add_argument("gold", type=Path)
    evaluation.add_argument("--briefs", type=Path, help="score this briefs JSON instead of seeds/")
    evaluation.add_argument(
        "--articles",
        type=Path,
        help="the folder of the gold's articles (default: the gold's own folder when it holds "
        "them, else the seeds folder)",
    )
    evaluation.add_argument("--topics", type=Path, help=topics_help)
    evaluation.add_argument("-v", "--verbose", action="store_true", help="list misses")
    evaluation.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    commands.add_parser("check", help="report seed problems without writing anything")
    args = parser.parse_args(argv)
    show_notes()
    handler = {"build": build, "export": export_briefs, "eval": run_eval, "check": check}
    try:
        settings = load_settings(config_file(args), workers=args.workers)
        return handler[args.command](settings, args)
    except (SchedulerError, SeedsFolderMissing, InputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, a read-only docs/: said in one line, never a traceback
        where = f" {error.filename}" if error.filename else ""
        print(
            f"error: cannot write{where}: {error.strerror or error} — free space on the disk or "
            "make the folder writable, then build again (docs/ is left as it was)",
            file=sys.stderr,
        )
        return 2


def config_file(args: argparse.Namespace) -> Path:
    """The configuration to read: one named with --config must exist, and so must the
    project's mkdocs.yml for the commands that work on the project (build, check); export and
    eval, given their inputs, run with the defaults without one."""
    if args.config is not None:
        if not args.config.is_file():
            raise InputError(f"no configuration file {args.config}")
        return args.config
    if args.command in ("build", "check") and not DEFAULT_CONFIG.is_file():
        raise InputError(
            f"no {DEFAULT_CONFIG} here: run the command in the project's folder, or name the "
            "configuration with --config"
        )
    return DEFAULT_CONFIG


def must_exist(path: Path, what: str) -> Path:
    if not path.exists():
        raise InputError(f"no {what} {path}")
    return path


@contextmanager
def executor_for(settings: Settings, args: argparse.Namespace) -> Iterator[Executor | None]:
    """The executor --scheduler names (None: the pipeline's own choice), shut down afterwards."""
    scheduler = getattr(args, "scheduler", None)
    executor = make_executor(scheduler, worker_count(settings)) if scheduler else None
    try:
        yield executor
    finally:
        if executor is not None:
            executor.shutdown()


def build(settings: Settings, args: argparse.Namespace) -> int:
    with executor_for(settings, args) as executor, progress_bar() as progress:
        run = generate_site(settings, executor, progress)
    generation = run.generation
    print(
        f"{len(generation.briefs)} briefs ({len(generation.analysed)} analysed, "
        f"{generation.cached} from cache); {len(run.written.written)} files written, "
        f"{len(run.written.removed)} removed, {run.written.unchanged} unchanged "
        f"({run.written.rendered} pages rendered)"
    )
    print_problems(generation.problems)
    return 1 if settings.strict_seeds and generation.problems else 0


def print_problems(problems: list[SeedProblem]) -> None:
    """One line a problem; the files of a problem many share, on one line (as on the report)."""
    for row in problem_rows(problems):
        where = f" ({row.location})" if row.location else ""
        status = "skipped" if row.skipped else "warning"
        print(
            f"{status}: {shown_files(row.sources)}{where}: {printable(row.reason)} — {row.action}",
            file=sys.stderr,
        )


def read_paths(paths: list[Path]) -> tuple[list[Article], list[SeedProblem]]:
    articles: list[Article] = []
    problems: list[SeedProblem] = []
    for path in paths:
        if path.is_dir():
            found, failed = read_corpus(path)
            articles += found
            problems += failed
        else:
            outcome = read_seed(path, path.parent)
            (articles if isinstance(outcome, Article) else problems).append(outcome)
    return articles, problems


def analyse_paths(settings: Settings, paths: list[Path], executor: Executor | None = None):
    articles, problems = read_paths(paths)
    try:
        topics = load_topics(settings.topics_file)
    except TopicFileError as error:
        print(f"error: {error}", file=sys.stderr)
        topics = []
    with progress_bar() as progress:
        run = analyse_articles(articles, topics, settings, executor, progress)
    return run.briefs, [*problems, *run.problems]


def with_topics(settings: Settings, topics: Path | None) -> Settings | None:
    """The settings with the topic file --topics names; None (and a message) when it is missing."""
    if topics is None:
        return settings
    if not topics.is_file():
        print(f"error: no topic file {topics}", file=sys.stderr)
        return None
    return replace(settings, topics_file=topics.resolve())


def export_briefs(settings: Settings, args: argparse.Namespace) -> int:
    settings = with_topics(settings, args.topics)
    if settings is None:
        return 2
    for path in args.paths:
        must_exist(path, "article file or folder")
    with executor_for(settings, args) as executor:
        briefs, problems = analyse_paths(settings, args.paths, executor)
    if not briefs and not problems:
        shown = ", ".join(str(path) for path in args.paths)
        raise InputError(f"no article (.txt or .md file) in {shown}; nothing was written")
    args.output.write_text(briefs_json(briefs), encoding="utf-8")
    print(f"{len(briefs)} briefs written to {args.output}")
    print_problems(problems)
    return 0


def run_eval(settings: Settings, args: argparse.Namespace) -> int:
    from generator.analyse.parse import load_pipeline
    from generator.evaluate.fields import read_gold
    from generator.evaluate.quotes import claims_report, compare_with_lead, evaluate, report

    settings = with_topics(settings, args.topics)
    if settings is None:
        return 2
    try:
        gold = read_gold(must_exist(args.gold, "gold file"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the gold file {args.gold}: {one_line(error)}") from error
    if not isinstance(gold, dict):
        raise InputError(f"the gold file {args.gold} is not a mapping of article names")
    if args.briefs is not None:
        must_exist(args.briefs, "briefs JSON")
    if args.articles is not None:
        must_exist(args.articles, "articles folder")
    folder = args.articles or gold_articles_folder(args.gold, gold, settings.seeds_dir)
    found = []
    if args.briefs:
        briefs = read_briefs(args.briefs)
    else:
        found, problems = analyse_paths(settings, [folder])
        print_problems(problems)
        briefs = [to_dict(brief) for brief in found]
    result = evaluate(gold, briefs, article_lines(folder, gold))
    print(report(result, verbose=args.verbose))
    if any((entry or {}).get("topics") for entry in gold.values()):
        from generator.evaluate.briefings import score_briefings
        from generator.ingest.topics import load_topics

        briefings = score_briefings(briefs, gold, load_topics(settings.topics_file))
        print(briefings.report(verbose=args.verbose))
    if found:
        nlp = load_pipeline(settings.model)
        print(claims_report([compare_with_lead(brief, nlp) for brief in found], nlp))
    return 1 if args.check and not result.meets_targets() else 0


def read_briefs(path: Path) -> list[dict]:
    """The briefs of a briefs JSON (`export`'s or the site's), or a list of briefs."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the briefs JSON {path}: {one_line(error)}") from error
    briefs = document.get("briefs") if isinstance(document, dict) else document
    if not isinstance(briefs, list):
        raise InputError(f"{path} holds no list of briefs (`briefs`)")
    return briefs


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def gold_articles_folder(gold_file: Path, gold: dict, seeds_dir: Path) -> Path:
    """The gold file's own folder when it holds the articles the gold names, else the seeds."""
    beside = gold_file.parent
    return beside if gold and all((beside / name).is_file() for name in gold) else seeds_dir


def article_lines(folder: Path, gold: dict) -> dict[str, list[str]]:
    """Each gold article's lines as the file has them (for the junk and real-line counts)."""
    lines = {}
    for name in gold:
        path = folder / name
        if path.is_file():
            lines[name] = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return lines


def check(settings: Settings, _args: argparse.Namespace) -> int:
    """Report seed and topic-file problems, and propose topics the topic file does not define."""
    from generator.corpus.subjects import propose_topics  # its imports cost every command a second

    generation = run_analysis(settings)
    print(f"{len(generation.briefs)} articles analysed; {len(generation.topics)} topics defined")
    proposals = propose_topics(generation.briefs, generation.topics)
    if proposals:
        print(
            "Subjects no topic covers (candidates for seeds/topics.yaml): articles whose words "
            "are alike, named by the key terms they share (in how many of them):"
        )
    for proposal in proposals:
        shared = ", ".join(f"{term} {count}" for term, count in proposal.evidence[:6])
        print(f"  {proposal.term}: {len(proposal.sources)} articles; terms: {shared}")
        print(f"    {', '.join(proposal.sources)}")
    print_problems(generation.problems)
    return 1 if generation.problems else 0

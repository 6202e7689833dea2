"""The whole run: seeds → articles → briefs (cached, in parallel) → corpus → pages.

Per-article analysis is the expensive, pure part and runs on any `concurrent.futures.Executor`;
everything after it is cheap aggregation over all briefs.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.cache import BriefCache, article_digest, cache_key_function, digest, opened
from generator.corpus.crosslinks import Corpus, RelatedStore, build_corpus
from generator.corpus.stories import StoryFeatureStore
from generator.executors import local_pool, runs_here
from generator.ingest.seeds import SeedCache, read_seeds
from generator.ingest.topics import TopicFileError, load_topics
from generator.model import Article, Brief, SeedProblem, Topic
from generator.progress import Progress
from generator.render.pages import SiteInfo, render_site
from generator.settings import Settings, package_hash
from generator.write import WriteReport, WrittenFiles, write_pages

# Below this many articles to analyse, starting worker processes costs more than it saves.
MIN_ARTICLES_FOR_POOL = 8
WRITTEN_DIR = "written"  # under cache_dir: what docs/ was last written from (`written_state_file`)
RELATED_DIR = "related"  # under cache_dir: the related briefs of the last corpus
STORY_FEATURES_DIR = (
    "story-features"  # under cache_dir: each brief's words, names and terms, hashed
)
PARSES_DIR = "parses"  # under cache_dir: paragraph parses (`analyse.parse.ParagraphStore`)
# Articles parsed together (`nlp.pipe`): faster than one by one; each parse holds ~20 MB.
PARSE_BATCH = 8


@dataclass
class AnalysisRun:
    briefs: list[Brief]
    problems: list[SeedProblem] = field(default_factory=list)
    analysed: list[str] = field(default_factory=list)  # sources analysed afresh (cache misses)
    cached: int = 0


def load_for_analysis(model: str) -> None:
    """Load what analysing an article reads, before one needs it: spaCy's pipeline, the given
    names and the publisher table (a serving process does it in the background, so the first
    edit after a build that analysed nothing does not wait for them)."""
    from generator.analyse.names import load_given_names
    from generator.analyse.parse import load_pipeline
    from generator.ingest.inference import load_publishers

    load_pipeline(model)
    load_given_names()
    load_publishers()


def analyse_one(article: Article, topics: Sequence[Topic], model: str, claims: int) -> Brief:
    """Analyse one article in whichever process runs this; spaCy loads once per process."""
    from generator.analyse.brief import analyse_article
    from generator.analyse.parse import load_pipeline

    return analyse_article(article, topics, load_pipeline(model), claims)


def analyse_batch(
    articles: Sequence[Article],
    topics: Sequence[Topic],
    model: str,
    claims: int,
    parses_dir: Path | None = None,
) -> list[Brief | Exception]:
    """Each article's brief, or what went wrong with it, in whichever process runs this: the
    batch is parsed together, and a failure stays with its own article. `parses_dir`: where
    paragraph parses are kept between runs (`ParagraphStore`), if anywhere."""
    from generator.analyse.brief import analyse_parsed
    from generator.analyse.parse import ParagraphStore, load_pipeline, parse_articles

    outcomes: list[Brief | Exception] = []
    try:
        nlp = load_pipeline(model)
        store = ParagraphStore(parses_dir, nlp) if parses_dir is not None else None
        for parsed in parse_articles(articles, nlp, store):
            outcomes.append(_guarded(analyse_parsed, parsed, topics, claims))
    except Exception:  # spaCy failed on a text of the batch: the rest one at a time
        for article in articles[len(outcomes) :]:
            outcomes.append(_guarded(analyse_one, article, topics, model, claims))
    # Plain errors with the original message: any exception type must travel back from a worker.
    return [o if isinstance(o, Brief) else RuntimeError(str(o)) for o in outcomes]


def seed_cache(settings: Settings) -> SeedCache:
    return opened(SeedCache, settings.cache_dir / "seeds")


def brief_cache(settings: Settings) -> BriefCache:
    return opened(BriefCache, settings.cache_dir)


def worker_count(settings: Settings) -> int:
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


def analyse_articles(
    articles: Iterable[Article],
    topics: Sequence[Topic],
    settings: Settings,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> AnalysisRun:
    """Briefs for all articles, from the cache where possible, in the order of `articles`.

    Articles are taken one at a time and only those missing from the cache are kept (to be
    analysed), so a large corpus is never held in memory whole. With worker processes, each
    is sent off as soon as it is read, so reading the seeds overlaps the analysis.
    `progress(done, total)` is called as each article missing from the cache is analysed.
    """
    cache = brief_cache(settings)
    key_of = cache_key_function(topics, settings.analysis_fingerprint(), article_digest)
    found: dict[int, Brief] = {}
    missing: list[tuple[int, str, str]] = []  # (position, source, cache key)
    with _Analysis(topics, settings, executor) as analysis:
        for index, article in enumerate(articles):
            key = key_of(article)
            if (brief := cache.get(key)) is not None:
                found[index] = brief
            else:
                missing.append((index, article.source, key))
                analysis.add(article)
        outcomes = analysis.outcomes(progress)
    run = AnalysisRun(briefs=[], cached=len(found))
    for (index, source, key), outcome in zip(missing, outcomes, strict=True):
        if isinstance(outcome, Brief):
            outcome = replace(outcome, key=key)
            cache.put(key, outcome)
            found[index] = outcome
            run.analysed.append(source)
        else:
            run.problems.append(
                SeedProblem(
                    source=source,
                    reason=f"analysis failed: {outcome}",
                    action="report this as a bug with the file attached",
                )
            )
    run.briefs = [found[index] for index in sorted(found)]
    cache.end_run()
    return run


class _Analysis:
    """Articles to analyse, in the order added, in batches of `PARSE_BATCH`: on `executor` if
    one is given; else in this process while they are few, and on a pool of worker processes
    (one per core, started once `MIN_ARTICLES_FOR_POOL` have come) when there are more. A batch
    goes to the pool as soon as it is full."""

    def __init__(self, topics: Sequence[Topic], settings: Settings, executor: Executor | None):
        # Paragraph parses are kept on this machine's disk: not for a Dask cluster's workers.
        parses_dir = settings.cache_dir / PARSES_DIR if runs_here(executor) else None
        self.args = (tuple(topics), settings.model, settings.claims_per_brief, parses_dir)
        self.settings = settings
        self.pool = executor
        self.own_pool = False
        self.waiting: list[Article] = []  # not yet sent to the pool (or none is started)
        self.sent: list[tuple[int, Future]] = []  # (articles in the batch, its future)

    def __enter__(self) -> _Analysis:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.own_pool and self.pool is not None:
            self.pool.shutdown(cancel_futures=exc_info[0] is not None)

    def add(self, article: Article) -> None:
        self.waiting.append(article)
        if self.pool is None and self._pool_pays():
            self.pool = local_pool(worker_count(self.settings))
            self.own_pool = True
        if self.pool is not None and len(self.waiting) >= PARSE_BATCH:
            self._send()

    def _pool_pays(self) -> bool:
        return worker_count(self.settings) > 1 and len(self.waiting) >= MIN_ARTICLES_FOR_POOL

    def _send(self) -> None:
        assert self.pool is not None
        batch, self.waiting = self.waiting, []
        self.sent.append((len(batch), self.pool.submit(analyse_batch, batch, *self.args)))

    def outcomes(self, progress: Progress | None = None) -> list[Brief | Exception]:
        """Each article's brief, or the error analysing it raised, in the order added."""
        if self.pool is not None and self.waiting:
            self._send()
        report = progress or (lambda done, total: None)
        total = sum(size for size, _ in self.sent) + len(self.waiting)
        outcomes: list[Brief | Exception] = []

        def collect(results: list[Brief | Exception]) -> None:
            for outcome in results:
                outcomes.append(outcome)
                report(len(outcomes), total)

        for size, future in self.sent:
            collect(_batch_result(size, future))
        for start in range(0, len(self.waiting), PARSE_BATCH):
            collect(analyse_batch(self.waiting[start : start + PARSE_BATCH], *self.args))
        return outcomes


def _batch_result(size: int, future: Future) -> list[Brief | Exception]:
    try:
        return future.result()
    except Exception as error:  # the worker died, or the batch could not be sent
        return [error] * size


def _guarded(function, *args) -> Brief | Exception:
    try:
        return function(*args)
    except Exception as error:  # one bad article must not stop the site
        return error


@dataclass
class Generation:
    """What one run produced: the corpus and the pages to write, with what it cost."""

    briefs: list[Brief]
    topics: list[Topic]
    problems: list[SeedProblem]
    analysed: list[str]
    cached: int


class SeedsFolderMissing(FileNotFoundError):
    """The seeds folder is gone: a run would publish an empty site, deleting every page."""


class SeedsFolderEmpty(SeedsFolderMissing):
    """The seeds folder holds no file at all: the same empty site, and nothing to report on."""


def run_analysis(
    settings: Settings, executor: Executor | None = None, progress: Progress | None = None
) -> Generation:
    """Read every seed and the topic file, and analyse what changed.

    Seeds are read one at a time as the analysis asks for them (see `analyse_articles`).
    """
    if not settings.seeds_dir.is_dir():
        raise SeedsFolderMissing(
            f"the seeds folder {settings.seeds_dir.name}/ is missing or not a folder, so nothing "
            "was analysed or written — create it (or restore it), or set seeds_dir in mkdocs.yml"
        )
    seeds = seed_cache(settings)
    topic_problems: list[SeedProblem] = []
    try:
        topics = load_topics(settings.topics_file, settings.cache_dir)
    except TopicFileError as error:
        topics = []
        topic_problems.append(
            SeedProblem(
                source=settings.topics_file.name,
                reason=str(error),
                action="fix the topic file; until then no topic pages are built",
                skipped=False,
            )
        )
    seed_problems: list[SeedProblem] = []

    def articles() -> Iterator[Article]:
        for outcome in read_seeds(settings.seeds_dir, seeds.read):
            if isinstance(outcome, SeedProblem):
                seed_problems.append(outcome)
            else:
                yield outcome

    run = analyse_articles(articles(), topics, settings, executor, progress)
    if not run.briefs and not seed_problems and not run.problems:
        raise SeedsFolderEmpty(
            f"the seeds folder {settings.seeds_dir.name}/ holds no article, so nothing was "
            "analysed or written — add the articles' .txt or .md files to it"
        )
    seeds.end_run()
    return Generation(
        briefs=run.briefs,
        topics=topics,
        problems=[*seed_problems, *topic_problems, *run.problems],
        analysed=run.analysed,
        cached=run.cached,
    )


@dataclass
class SiteRun:
    """The outcome of generating the site's Markdown: what was analysed and written."""

    generation: Generation
    corpus: Corpus | None  # None when docs/ was found to hold the pages already
    pages: list[str]  # the path under docs/ of every page, in the order they were rendered
    written: WriteReport


def generate_site(
    settings: Settings, executor: Executor | None = None, progress: Progress | None = None
) -> SiteRun:
    """Seeds → docs/: analyse what changed, rebuild the corpus pages, write what differs.

    A run whose inputs (`site_inputs`) are those docs/ was last written from, with every file as
    written, stops after the analysis: the pages would come out the same. Otherwise only pages
    whose own inputs changed are rendered (`write.WrittenFiles`).
    """
    with build_lock(settings.cache_dir):
        return _generate_site(settings, executor, progress)


@contextmanager
def build_lock(cache_dir: Path) -> Iterator[None]:
    """One generation at a time per project: a second `generator build` (or a build beside
    `mkdocs serve`) waits for the first instead of renaming files under it. Where the cache
    folder cannot be written, the build goes on unlocked (the cache is only an optimisation)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle = (cache_dir / "build.lock").open("a")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _generate_site(
    settings: Settings, executor: Executor | None, progress: Progress | None
) -> SiteRun:
    generation = run_analysis(settings, executor, progress)
    site = SiteInfo(name=settings.site_name, url=settings.site_url)
    inputs = site_inputs(generation, site)
    known = WrittenFiles.load(written_state_file(settings), package_hash())
    if kept := known.unchanged_site(settings.docs_dir, inputs):
        return SiteRun(generation, None, kept, WriteReport(unchanged=len(set(kept))))
    related = opened(RelatedStore, settings.cache_dir / RELATED_DIR)
    features = opened(StoryFeatureStore, settings.cache_dir / STORY_FEATURES_DIR)
    corpus = build_corpus(
        generation.briefs, generation.topics, generation.problems, related, features
    )
    related.end_run()
    features.end_run()
    pages = render_site(corpus, site, cache_dir=settings.cache_dir)
    written = write_pages(settings.docs_dir, pages, known)
    known.site_inputs = inputs
    known.save()
    return SiteRun(generation=generation, corpus=corpus, pages=known.pages, written=written)


def written_state_file(settings: Settings) -> Path:
    """Where what was last written into this docs/ is kept (`write.WrittenFiles`)."""
    docs_dir = str(settings.docs_dir.resolve())
    return settings.cache_dir / WRITTEN_DIR / f"{digest(docs_dir)[:16]}.pickle"


def site_inputs(generation: Generation, site: SiteInfo) -> str:
    """A digest of all the pages are made from: the briefs (by their cache keys, which cover
    each article, the topic file and the analysis), the topics, the problems, the site's name and
    address, and the generator's whole code and templates."""
    parts = (
        package_hash(),
        repr(site),
        repr(generation.topics),
        repr(generation.problems),
        *(brief.key for brief in generation.briefs),
    )
    return digest("\0".join(parts))

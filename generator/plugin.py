"""MkDocs plugin: generate docs/ from seeds/ before every build, and watch seeds/ under `serve`.

It also keeps each page's converted HTML between builds (`PageHtmlCache`): converting the
Markdown is most of what `mkdocs build` spends, and a warm build changes few pages.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml
from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from watchdog.events import FileSystemEventHandler

from generator.cache import PickleStore
from generator.session import BuildSession
from generator.settings import Settings
from generator.views import problem_rows, shown_files
from generator.watch import DocsWatch

# Touched to ask `mkdocs serve` for a rebuild (in the cache folder, which MkDocs does not publish).
TRIGGER = "serve-trigger"

log = logging.getLogger("mkdocs.plugins.briefing")


class BriefingConfig(Config):
    seeds_dir = options.Type(str, default="seeds")
    topics_file = options.Type(str, default="seeds/topics.yaml")
    cache_dir = options.Type(str, default=".cache/briefing")
    model = options.Type(str, default="en_core_web_sm")
    workers = options.Type(int, default=0)
    claims_per_brief = options.Type(int, default=6)
    strict_seeds = options.Type(bool, default=False)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    settings: Settings
    session: BuildSession | None = None
    serving = False
    dirty = False
    docs_watch: DocsWatch | None = None

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this plugin object across the rebuilds of
        # `mkdocs serve`, and with it the build session: what did not change is not redone.
        self.session = None
        self.docs_watch = None
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config):
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        values = {key: self.config[key] for key, _option in BriefingConfig._schema}
        # `mkdocs serve` replaces site_url with its own address; the generated files (the feed's
        # links and ids) are made from the configured one, so serving changes no committed file.
        site_url = configured_site_url(config_file) if self.serving else config.site_url
        self.settings = Settings.from_mapping(
            {
                **values,
                "docs_dir": config.docs_dir,
                "site_name": config.site_name,
                "site_url": site_url or None,
            },
            base_dir=config_file.parent,
        )
        return config

    def on_pre_build(self, config) -> None:
        try:
            if self.serving:
                if self.session is None or self.session.settings != self.settings:
                    self.session = BuildSession(self.settings)
                with self.docs_watch.writing() if self.docs_watch else nullcontext():
                    run = self.session.build()
                    if self.docs_watch:
                        self.docs_watch.wrote([*run.written.written, *run.written.removed])
                # Load spaCy while the user reads, not when they save a seed.
                threading.Thread(target=self.session.load_model, daemon=True).start()
            else:  # one build: nothing to keep for a next one, and docs/ may hold it already
                from generator.pipeline import generate_site

                run = generate_site(self.settings)
        except Exception as error:
            raise PluginError(f"briefing: the site could not be generated: {error}") from error
        generation = run.generation
        log.info(
            "briefing: %d briefs (%d analysed, %d from cache); %d files written, %d removed",
            len(generation.briefs),
            len(generation.analysed),
            generation.cached,
            len(run.written.written),
            len(run.written.removed),
        )
        for row in problem_rows(generation.problems):
            log.info("briefing: %s: %s (%s)", shown_files(row.sources), row.reason, row.action)
        if self.settings.strict_seeds and generation.problems:
            raise PluginError(
                f"briefing: {len(generation.problems)} seed problem(s) and strict_seeds is on; "
                "see the list above or docs/problems.md"
            )

    # The page cache's hooks run last on the Markdown and first on the HTML, so the other
    # plugins see the same Markdown and HTML as without it.
    @event_priority(-100)
    def on_files(self, files, config):
        self.page_cache = PageHtmlCache(self.settings.cache_dir / "pages", config, files)
        return files

    @event_priority(-100)
    def on_page_markdown(self, markdown, page, config, files):
        return self.page_cache.before_render(markdown, page)

    @event_priority(100)
    def on_page_content(self, html, page, config, files):
        return self.page_cache.after_render(html, page, files)

    def on_post_build(self, config) -> None:
        cache = self.page_cache
        log.info(
            "briefing: %d pages converted, %d from the page cache",
            len(cache.used) - cache.hits,
            cache.hits,
        )
        if not self.dirty:  # a dirty build skips unchanged pages: their entries are still good
            cache.finish()
        if self.serving and self.session is not None:
            self.session.settle()  # while the user looks at the result

    def on_serve(self, server, config, builder):
        # MkDocs' own watch of docs/ would start a second build for the files each build writes.
        self.docs_watch = DocsWatch(self.settings.docs_dir, self.settings.cache_dir / TRIGGER)
        self.docs_watch.prepare_trigger()
        docs_dir = str(self.docs_watch.docs_dir)
        server.unwatch(docs_dir)
        handler = FileSystemEventHandler()
        handler.on_any_event = self.docs_watch.on_any_event
        server.observer.schedule(handler, docs_dir, recursive=True)
        server.watch(str(self.docs_watch.trigger))
        log.info("briefing: watching docs/ for changes the generator did not make")
        server.watch(str(self.settings.seeds_dir))
        if not self.settings.topics_file.is_relative_to(self.settings.seeds_dir):
            server.watch(str(self.settings.topics_file))
        return server


@dataclass
class RenderedPage:
    """What MkDocs keeps of a page's conversion: the HTML and what it read from the tree."""

    html: str
    toc: object
    title: str | None
    anchor_ids: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked page's src_uri


class RenderedPageStore(PickleStore):
    kind = RenderedPage


class PageHtmlCache:
    """Each page's converted HTML, reused while its Markdown and everything else it depends on
    stay the same: the Markdown extensions and their settings, the package versions, and every
    file's source path and URL (links are resolved and checked against them). A page whose
    conversion logged anything is never stored, so its warnings come back on every build.
    A hit hands MkDocs empty Markdown to convert and puts the stored result back afterwards.
    """

    PACKAGES = ("mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")

    def __init__(self, directory: Path, config, files) -> None:
        self.store = RenderedPageStore(directory)
        self.used: set[str] = set()
        self.hits = 0
        self.pending: dict[str, tuple[str, str, RenderedPage | None]] = {}
        self.records = _Recorder()
        versions = {}
        for package in self.PACKAGES:
            try:
                versions[package] = metadata.version(package)
            except metadata.PackageNotFoundError:
                versions[package] = None
        context = {
            "versions": versions,
            "extensions": [repr(extension) for extension in config.markdown_extensions],
            "extension_configs": repr(sorted((config.mdx_configs or {}).items())),
            "use_directory_urls": config.use_directory_urls,
            "validation": repr(config.validation),
            "files": sorted((file.src_uri, file.url) for file in files),
        }
        self.context = hashlib.sha256(json.dumps(context, sort_keys=True).encode()).hexdigest()

    def before_render(self, markdown: str, page) -> str:
        uri = page.file.src_uri
        key = hashlib.sha256(f"{self.context}\0{uri}\0{markdown}".encode()).hexdigest()
        stored = self.store.get(key)
        self.pending[uri] = (key, markdown, stored)
        if stored is not None:
            return ""
        self.records.start()
        return markdown

    def after_render(self, html: str, page, files) -> str:
        key, markdown, stored = self.pending.pop(page.file.src_uri)
        self.used.add(key)
        if stored is None:
            if self.records.stop() == 0:
                self.store.put(key, self._rendered(html, page))
            return html
        self.hits += 1
        page.markdown = markdown
        page.toc = stored.toc
        page._title_from_render = stored.title
        page.present_anchor_ids = set(stored.anchor_ids)
        if stored.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(links)
                for uri, links in stored.links_to_anchors.items()
            }
        return stored.html

    @staticmethod
    def _rendered(html: str, page) -> RenderedPage:
        links = page.links_to_anchors
        return RenderedPage(
            html=html,
            toc=page.toc,
            title=page._title_from_render,
            anchor_ids=set(page.present_anchor_ids or ()),
            links_to_anchors=None
            if links is None
            else {file.src_uri: dict(anchors) for file, anchors in links.items()},
        )

    def finish(self) -> None:
        """Remove the entries this build did not use (older versions of pages, removed pages)."""
        for path in self.store.directory.glob("*/*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


class _Recorder(logging.Handler):
    """Counts what MkDocs logs while one page converts (link and anchor warnings, notes)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.count += 1

    def start(self) -> None:
        self.count = 0
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> int:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.count


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for one plain value: its tags (!ENV, !!python/name) count as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def configured_site_url(config_file: Path) -> str | None:
    """The site_url mkdocs.yml itself gives (None where it gives none, or cannot be read)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return None
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else None

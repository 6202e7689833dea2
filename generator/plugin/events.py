"""MkDocs plugin: generate docs/ from seeds/ before every build, and watch seeds/ under `serve`.

It also keeps each page's converted HTML and finished output between builds (`page_caches`):
a build after an edit converts and renders only the pages the edit changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from contextlib import nullcontext
from dataclasses import Field, fields
from pathlib import Path

import jinja2
from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from watchdog.events import FileSystemEventHandler

from generator.build import generate_site
from generator.cache import keep_stores_in_memory
from generator.config import plugin_options
from generator.plugin import collection
from generator.plugin.needs import complete_config, plugins_named
from generator.plugin.page_caches import (
    HeldContents,
    PageHtmlCache,
    PageOutputCache,
    PageSourceCache,
)
from generator.plugin.search import (
    SearchIndexError,
    SearchPage,
    SiteSearch,
    excluded,
    searchable,
)
from generator.plugin.served import ServedOutputs, make_rebuilds_dirty
from generator.plugin.watch import DocsWatch
from generator.plugin.whitespace import squeezed
from generator.render.views import problem_rows, shown_files
from generator.settings import PLUGIN_SETTINGS, Settings
from generator.write import read_manifest

# Touched to ask `mkdocs serve` for a rebuild (in the cache folder, which MkDocs does not publish).
TRIGGER = "serve-trigger"

log = logging.getLogger("mkdocs.plugins.briefing")


def _option(setting: Field) -> options.Type:
    """A setting as an option of the plugin's section, with the setting's own default."""
    default = setting.default
    if isinstance(default, Path):
        return options.Type(str, default=str(default))
    return options.Type(type(default), default=default)


# The plugin's options are the settings of its section (`settings.PLUGIN_SETTINGS`), defined once.
BriefingConfig = type(
    "BriefingConfig",
    (Config,),
    {
        setting.name: _option(setting)
        for setting in fields(Settings)
        if setting.name in PLUGIN_SETTINGS
    },
)


class BriefingPlugin(BasePlugin[BriefingConfig]):
    settings: Settings
    serving = False
    dirty = False
    docs_watch: DocsWatch | None = None
    sources: PageSourceCache | None = None
    served: ServedOutputs | None = None
    pagefind = False  # whether this plugin indexes the site (no search plugin is configured)
    site_search: SiteSearch | None = None
    converted = None  # the page read last, until its Markdown is released

    @property
    def rebuilding_dirty(self) -> bool:
        """Whether this build is one of `mkdocs serve`'s rebuilds, made dirty (`served`)."""
        return self.served is not None and self.served.dirty_rebuilds

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this plugin object across the rebuilds of
        # `mkdocs serve`, and with it the watch of docs/.
        self.docs_watch = None
        self.serving = command == "serve"
        self.sources = PageSourceCache() if self.serving else None
        self.served = ServedOutputs() if self.serving and not dirty else None
        if self.serving:  # every rebuild would load the same files from disk again
            keep_stores_in_memory()
        self.dirty = dirty

    def on_config(self, config):
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        values = {key: self.config[key] for key, _option in BriefingConfig._schema}
        # `mkdocs serve` replaces site_url with its own address; the generated files (the feed's
        # links and ids) are made from the configured one, so serving changes no committed file.
        if self.serving:
            site_url = (plugin_options(config_file).get("site_url") or "").strip() or None
        else:
            site_url = config.site_url
        self.settings = Settings.from_mapping(
            {
                **values,
                "docs_dir": config.docs_dir,
                "site_name": config.site_name,
                "site_url": site_url or None,
            },
            base_dir=config_file.parent,
        )
        self.pagefind = not plugins_named(config, "search")  # Material's search is kept
        complete_config(config, self.pagefind)
        if self.site_search is None:
            self.site_search = SiteSearch(self.settings.cache_dir / "search")
        return config

    def on_pre_build(self, config) -> None:
        if self.rebuilding_dirty:
            collection.hold_off()
        try:
            with self.docs_watch.writing() if self.docs_watch else nullcontext():
                run = generate_site(self.settings)
                if self.docs_watch:
                    self.docs_watch.wrote([*run.written.written, *run.written.removed])
            if self.serving:  # load spaCy while the user reads, not when they save a seed
                threading.Thread(target=self._load_model, daemon=True).start()
        except Exception as error:
            raise PluginError(f"briefing: the site could not be generated: {error}") from error
        generation = run.generation
        log.info(
            "briefing: %d briefs (%d analysed, %d from cache); %d pages rendered; "
            "%d files written, %d removed",
            len(generation.briefs),
            len(generation.analysed),
            generation.cached,
            run.written.rendered,
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

    def _load_model(self) -> None:
        # Imported here: importing spaCy costs a build that analyses nothing over a second.
        from generator.build import load_for_analysis

        load_for_analysis(self.settings.model)

    def on_pre_page(self, page, config, files):
        self._release_converted()
        self.converted = page
        if self.sources is not None:
            self.sources.before_read(page, config)
        return page

    # The page cache's hooks run last on the Markdown and first on the HTML, so the other
    # plugins see the same Markdown and HTML as without it.
    @event_priority(-100)
    def on_files(self, files, config):
        self.page_cache = PageHtmlCache(self.settings.cache_dir / "pages", config, files)
        self.held = HeldContents(read_manifest(Path(config.docs_dir)))
        self.files = files
        if self.rebuilding_dirty:
            self.served.steer(files)
        return files

    @event_priority(-100)
    def on_page_markdown(self, markdown, page, config, files):
        return self.page_cache.before_render(markdown, page)

    @event_priority(100)
    def on_page_content(self, html, page, config, files):
        return self.page_cache.after_render(html, page)

    def on_nav(self, nav, config, files):
        self.outputs = PageOutputCache(
            self.settings.cache_dir / "outputs",
            config,
            nav,
            files,
            self.page_cache.context,
            self.served,
            self.held,
        )
        return nav

    def _release_converted(self) -> None:
        """The last page read gives up its Markdown, and its HTML until it renders (`held`):
        MkDocs holds every page to the end of a build, though nothing reads the Markdown once
        the page is converted (its title is kept). Every plugin has seen both by the time the
        next page is read."""
        if self.converted is not None:
            self.converted.markdown = ""
            # Not in serve's dirty rebuilds, where most pages are left as they are: compressing
            # every page's HTML was a sixth of the wait after a save.
            if not self.rebuilding_dirty:
                self.held.hold(self.converted)
            self.converted = None

    # Last: the other plugins' listings (tags) are in the pages' HTML by then.
    @event_priority(-100)
    def on_env(self, env, config, files):
        self._release_converted()
        # MkDocs makes a new environment every build: without this, every build of `serve`
        # compiles the theme's templates again.
        templates = self.settings.cache_dir / "templates"
        try:
            templates.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))
        except OSError:  # a cache that cannot be written only costs the compiling
            pass
        pages = [file.page for file in files if file.page is not None]
        self.outputs.choose_kept(env, pages)
        return env

    # First: the other plugins (Material's search) read the page's HTML here.
    @event_priority(100)
    def on_page_context(self, context, page, config, nav):
        self.held.give_back(page)
        return context

    # Last: what is stored is the finished page, after every other plugin's changes.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        output = squeezed(output)
        if self.pagefind:
            output = searchable(output, page)
        return self.outputs.after_page(output, page)

    # First: the search entries of the pages left as they were must be in place before the
    # search plugin writes its index.
    @event_priority(100)
    def on_post_build(self, config) -> None:
        cache, outputs = self.page_cache, self.outputs
        outputs.end_pages()
        kept = len(outputs.kept) + len(outputs.left)
        log.info(
            "briefing: %d pages converted, %d from the page cache; %d rendered, %d kept%s",
            len(cache.used) - cache.hits,
            cache.hits,
            len(outputs.keys) - kept,
            kept,
            f" ({len(outputs.left)} files left as they were)" if outputs.left else "",
        )
        if not self.dirty:  # a dirty build skips unchanged pages: their entries are still good
            cache.finish()
            outputs.finish()
            if self.sources is not None:
                self.sources.finish()
        if self.served is not None:
            self.served.built(outputs.written, self.files, os.path.normpath(config.site_dir))
        if self.pagefind:
            self._index_site(Path(config.site_dir))
        if self.rebuilding_dirty:
            collection.collect_later()

    def _index_site(self, site_dir: Path) -> None:
        pages = self._search_pages()
        if self.rebuilding_dirty:
            # The browsers reload now; the shards this edit changed are indexed meanwhile.
            self.site_search.update_later(site_dir, pages)
            return
        try:
            run = self.site_search.update(site_dir, pages)
        except SearchIndexError as error:
            raise PluginError(f"briefing: the search index could not be made: {error}") from error
        log.info(
            "briefing: search index of %d pages made in %.1f s (%d of %d shards indexed)",
            run.pages,
            run.seconds,
            run.indexed,
            run.shards,
        )

    def _search_pages(self) -> list[SearchPage]:
        """The pages the search indexes, each with the key of its output (or, where the page
        cache is off, of its file's bytes)."""
        pages = []
        for file in self.files.documentation_pages():
            if file.page is None or excluded(file.page):
                continue
            key = self.outputs.keys.get(file.src_uri)
            if key is None:
                key = hashlib.sha256(Path(file.abs_dest_path).read_bytes()).hexdigest()
            pages.append(SearchPage(Path(file.dest_uri).as_posix(), key))
        return pages

    def on_build_error(self, error) -> None:
        if self.served is not None:
            self.served.failed()
            collection.collect_later()

    def leave_unchanged_pages(self) -> None:
        """Make the rebuilds of `mkdocs serve` leave the files of unchanged pages as they are
        (`served`); after the first build, which is a full one."""
        if self.served is not None:
            self.served.dirty_rebuilds = make_rebuilds_dirty()

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
        self.leave_unchanged_pages()
        server.watch(str(self.settings.seeds_dir))
        if not self.settings.topics_file.is_relative_to(self.settings.seeds_dir):
            server.watch(str(self.settings.topics_file))
        return server

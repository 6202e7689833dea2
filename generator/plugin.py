"""MkDocs plugin: generate docs/ from seeds/ before every build, and watch seeds/ under `serve`."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.session import BuildSession
from generator.settings import Settings

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

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this plugin object across the rebuilds of
        # `mkdocs serve`, and with it the build session: what did not change is not redone.
        self.session = None
        self.serving = command == "serve"

    def on_config(self, config):
        base_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        values = {key: self.config[key] for key, _option in BriefingConfig._schema}
        self.settings = Settings.from_mapping(
            {
                **values,
                "docs_dir": config.docs_dir,
                "site_name": config.site_name,
                "site_url": config.site_url or None,
            },
            base_dir=base_dir,
        )
        return config

    def on_pre_build(self, config) -> None:
        if self.session is None or self.session.settings != self.settings:
            self.session = BuildSession(self.settings)
        try:
            run = self.session.build()
            if self.serving:  # load spaCy while the user reads, not when they save a seed
                threading.Thread(target=self.session.load_model, daemon=True).start()
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
        for problem in generation.problems:
            log.info("briefing: %s: %s (%s)", problem.source, problem.reason, problem.action)
        if self.settings.strict_seeds and generation.problems:
            raise PluginError(
                f"briefing: {len(generation.problems)} seed problem(s) and strict_seeds is on; "
                "see the list above or docs/problems.md"
            )

    def on_serve(self, server, config, builder):
        server.watch(str(self.settings.seeds_dir))
        if not self.settings.topics_file.is_relative_to(self.settings.seeds_dir):
            server.watch(str(self.settings.topics_file))
        return server

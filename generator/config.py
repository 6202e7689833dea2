"""Read the generator's settings from the `briefing` plugin section of mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.settings import Settings

PLUGIN_NAME = "briefing"
SITE_KEYS = ("site_name", "site_url")


class _LenientLoader(yaml.SafeLoader):
    """A safe loader that tolerates the `!ENV` and `!!python/name` tags mkdocs.yml may hold."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The plugin's section, plus the site's name and address from the top level."""
    if not config_file.exists():
        return {}
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    site = {key: data.get(key) for key in SITE_KEYS if isinstance(data.get(key), str)}
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return {**site, **(entry[PLUGIN_NAME] or {})}
    return site


def load_settings(config_file: Path = Path("mkdocs.yml"), **overrides: Any) -> Settings:
    """Settings from mkdocs.yml's plugin section, then overrides, paths relative to the file."""
    options = {
        **plugin_options(config_file),
        **{k: v for k, v in overrides.items() if v is not None},
    }
    return Settings.from_mapping(options, base_dir=config_file.resolve().parent)

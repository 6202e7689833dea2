"""Read the generator's settings from the `briefing` plugin section of mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from generator.settings import Settings

PLUGIN_NAME = "briefing"
SITE_KEYS = ("site_name", "site_url")


class _LenientLoader(yaml.SafeLoader):
    """A safe loader that reads `!ENV` as MkDocs does and tolerates other tags mkdocs.yml may
    hold (`!!python/name`)."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default
    (the last item of a list of two or more), else None."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_LenientLoader.add_constructor("!ENV", _environment_value)
_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(text: str) -> dict[str, Any]:
    """mkdocs.yml's values, `!ENV` read as MkDocs reads it, other tags as None."""
    return yaml.load(text, Loader=_LenientLoader) or {}


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The plugin's section, plus the site's name and address from the top level."""
    if not config_file.exists():
        return {}
    data = read_config(config_file.read_text(encoding="utf-8"))
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

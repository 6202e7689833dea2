"""Settings are defined once: the plugin's options are the settings of its section, with the same
defaults, and the README documents each of them."""

import re
from dataclasses import fields
from pathlib import Path

from generator.plugin import BriefingConfig
from generator.settings import PLUGIN_SETTINGS, Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_plugins_options_are_the_settings_with_their_defaults():
    defaults = {f.name: f.default for f in fields(Settings)}
    options = dict(BriefingConfig._schema)
    assert set(options) == set(PLUGIN_SETTINGS)
    for name, option in options.items():
        default = defaults[name]
        assert option.default == (str(default) if isinstance(default, Path) else default)


def test_every_setting_of_the_plugin_is_documented_in_the_readme_with_its_default():
    table = {
        name: default
        for name, default in re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", README.read_text(), re.M)
    }
    defaults = {f.name: f.default for f in fields(Settings)}
    for name in PLUGIN_SETTINGS:
        assert name in table, f"{name} is not in the README's settings table"
        expected = defaults[name]
        shown = str(expected).lower() if isinstance(expected, bool) else str(expected)
        assert table[name] == shown

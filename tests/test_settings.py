"""Settings are defined once: the plugin's options are the settings of its section, with the same
defaults, and the README documents each of them."""

import re
from dataclasses import fields
from pathlib import Path

from generator.plugin.events import BriefingConfig
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


def test_every_code_digest_names_files_that_exist():
    """The cache keys digest named files and folders of the package: a name left behind by a
    move would fail every build, so each digest is computed here."""
    from generator.ingest.topics import topics_code_hash
    from generator.settings import analysis_code_hash, ingest_code_hash, package_hash

    digests = {analysis_code_hash(), ingest_code_hash(), topics_code_hash(), package_hash()}
    assert len(digests) == 4 and all(len(value) == 64 for value in digests)

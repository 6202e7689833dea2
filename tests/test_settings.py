"""Settings are defined once: the plugin's options are the settings of its section, with the same
defaults, and the README documents each of them; mkdocs.yml's `!ENV` tags read as MkDocs reads them."""

import re
from dataclasses import fields
from pathlib import Path

from generator.config import plugin_options
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


def test_the_config_reads_environment_variables_as_mkdocs_does(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_name: Briefing\nsite_url: !ENV [SITE_URL, ""]\n'
        "plugins:\n  - briefing:\n      workers: !ENV [BRIEFING_WORKERS, 1]\n"
        "  - search:\n      lang: !!python/name:builtins.str\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("BRIEFING_WORKERS", raising=False)
    assert plugin_options(config) == {"site_name": "Briefing", "site_url": "", "workers": 1}
    monkeypatch.setenv("SITE_URL", "https://example.org/briefing/")
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    options = plugin_options(config)
    assert options["site_url"] == "https://example.org/briefing/" and options["workers"] == 2

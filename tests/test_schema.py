"""The briefs JSON's schema: made from the data model, valid, met by real output (and failed by
output that strays from it), published beside the data, and every field in the README."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator.render.pages import site_briefs
from generator.schema import SCHEMA_PATH, briefs_schema, schema_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = briefs_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def part(validator: jsonschema.Draft202012Validator, name: str):
    """A validator of one of the schema's definitions (`Brief`, `Index`)."""
    return validator.evolve(schema={"$ref": f"#/$defs/{name}", "$defs": validator.schema["$defs"]})


def test_the_sites_data_meets_the_schema_and_strays_do_not(built_site, validator):
    data = built_site / "docs" / "data"
    index = json.loads((data / "index.json").read_text(encoding="utf-8"))
    assert list(part(validator, "Index").iter_errors(index)) == []
    briefs = site_briefs(built_site / "docs")
    assert [b["source"] for b in briefs] == [entry["source"] for entry in index["briefs"]]
    for brief in briefs:
        assert list(part(validator, "Brief").iter_errors(brief)) == []
    document = {"briefs": briefs, "generator": index["generator"], "schema_version": 1}
    assert list(validator.iter_errors(document)) == []  # `export`'s document
    brief = briefs[0]
    assert brief["quotes"] and brief["entities"] and brief["claims"]

    strays = []
    for change in (
        lambda b: b.update(extra="a field the model does not have"),
        lambda b: b["quotes"][0].update(kind="paraphrase"),
        lambda b: b["entities"][0].pop("type"),
        lambda b: b["claims"][0].update(rank="first"),
        lambda b: b.update(date=20230808),
    ):
        changed = copy.deepcopy(brief)
        change(changed)
        strays.append(bool(list(part(validator, "Brief").iter_errors(changed))))
    assert strays == [True] * 5
    index["briefs"][0]["data"] = None
    assert list(part(validator, "Index").iter_errors(index))


def test_the_schema_is_published_beside_the_data(built_site):
    published = built_site / "docs" / SCHEMA_PATH
    assert published.read_text(encoding="utf-8") == schema_text()
    assert (ROOT / "docs" / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text()


def test_the_readme_describes_every_field_of_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The briefs JSON", 1)[1].split("\n## ", 1)[0]
    # Each field's name as a word of a code span: `slug`, or `{name, type: "person"|…, role}`.
    described = {
        word for span in re.findall(r"`([^`]+)`", section) for word in re.findall(r"\w+", span)
    }
    schema = briefs_schema()
    fields = set(schema["properties"])
    for record in schema["$defs"].values():
        fields |= set(record["properties"])
    assert sorted(fields - described) == []

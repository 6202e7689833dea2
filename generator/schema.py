"""The JSON Schema of the briefs JSON (`export`'s document; the site's `data/index.json` and
`data/briefs/SLUG.json`), made from the typed data model itself, so the two cannot drift apart: every exported field of `Brief` and of the records
it holds, with its type, and nothing else (`additionalProperties: false`)."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from generator.model import SCHEMA_VERSION, Brief
from generator.page_content import json_text

SCHEMA_PATH = "data/briefs.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def briefs_schema() -> dict[str, Any]:
    """The schema of the whole document: its version, the generator's, and the briefs."""
    definitions: dict[str, Any] = {}
    brief = _type_schema(Brief, definitions)
    return {
        "$schema": DRAFT,
        "$id": "briefs.schema.json",
        "title": "Briefs",
        "description": "The briefs of the articles in seeds/, as the briefing site publishes them.",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "generator": {"type": "string", "description": "the generator's version"},
            "briefs": {"type": "array", "items": brief},
        },
        "required": ["briefs", "generator", "schema_version"],
        "additionalProperties": False,
        "$defs": dict(sorted({**definitions, **_index_definitions()}.items())),
    }


def _index_definitions() -> dict[str, Any]:
    """The site's `data/index.json` (`Index`), whose entries point to each brief's own file
    (`data/briefs/SLUG.json`, a `Brief`)."""
    text, optional = {"type": "string"}, {"anyOf": [{"type": "string"}, {"type": "null"}]}
    entry = {
        "source": text,
        "slug": text,
        "title": text,
        "publisher": optional,
        "date": optional,
        "url": optional,
        "topics": {"type": "array", "items": text},
        "data": text,
    }
    return {
        "Index": {
            "type": "object",
            "description": "The site's data/index.json: every brief's entry, sorted by source.",
            "properties": {
                "schema_version": {"const": SCHEMA_VERSION},
                "generator": text,
                "briefs": {"type": "array", "items": {"$ref": "#/$defs/IndexEntry"}},
            },
            "required": ["briefs", "generator", "schema_version"],
            "additionalProperties": False,
        },
        "IndexEntry": {
            "type": "object",
            "description": "A brief's metadata, its main topics' ids, and its file under data/.",
            "properties": entry,
            "required": list(entry),
            "additionalProperties": False,
        },
    }


def schema_text() -> str:
    return json_text(briefs_schema())


def exported_fields(record: type) -> list[str]:
    """The fields of a model record that its JSON form has (`model.to_dict`)."""
    return [f.name for f in dataclasses.fields(record) if f.metadata.get("exported", True)]


def _type_schema(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if dataclasses.is_dataclass(annotation):
        name = annotation.__name__
        if name not in definitions:
            definitions[name] = {}  # a placeholder while its fields are made
            definitions[name] = _record_schema(annotation, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(arg, definitions) for arg in typing.get_args(annotation)]}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(annotation))}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(typing.get_args(annotation)[0], definitions)}
    if annotation is type(None):
        return {"type": "null"}
    if annotation in _SCALARS:
        return {"type": _SCALARS[annotation]}
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _record_schema(record: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(record)
    names = exported_fields(record)
    return {
        "type": "object",
        "description": " ".join((record.__doc__ or "").split("\n\n")[0].split()),
        "properties": {name: _type_schema(hints[name], definitions) for name in names},
        "required": names,
        "additionalProperties": False,
    }

"""JSON Schema of each document kind, so an editor can complete and check a clerk's YAML.

The schema follows what the loader accepts, not only the model's final shape: where a
validator lets a clerk write a shorter form (one string for a list of paragraphs, a whole
发文字号 as one string, 委员 for member, a date as 2023年5月17日), the schema allows it too, so
the editor never flags a file replygen would load.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from collections.abc import Callable
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from . import model
from .output import atomic_write, make_output_dir
from .style import Style

__all__ = ["SCHEMA_FILES", "json_schemas", "schema_text", "write_schemas"]

SCHEMA_FILES = {"reply": "reply.schema.json", "opinion": "opinion.schema.json", "style": "style.schema.json"}

_ROOT_TEXT = {
    "reply": ("提案/建议答复草稿", "replygen 的答复草稿（政协提案答复、人大代表建议答复、会办意见），每份一个 YAML 文件"),
    "opinion": ("实施意见草稿", "replygen 的实施意见草稿（kind: opinion），每份一个 YAML 文件"),
    "style": ("本单位答复格式", "replygen 的格式文件：一个单位的标题、称谓、开头语、结束语、分类标识、联系信息和落款写法"),
}

_STYLE_FILE = {"type": "string", "title": "格式文件", "description": "格式文件的路径，相对本草稿所在目录"}


# What each form a validator declares (model.accepts) adds to the schema of the value.
_WIDER: dict[str, Callable[[JsonSchemaValue], JsonSchemaValue]] = {
    "text": lambda inner: {"anyOf": [{"type": "string"}, inner]},
    "date": lambda inner: {"type": "string", "description": "写成 2023-05-17 或 2023年5月17日"},
    "lines": lambda inner: {"anyOf": [{"type": "string"}, {"type": "null"}, inner]},
    # The Style definition is added by _schema (pydantic checks every $ref it sees).
    "style": lambda inner: {"anyOf": [_STYLE_FILE, {"type": "object"}, {"type": "null"}]},
    "number": lambda inner: {"anyOf": [{"type": "string"}, {"type": "integer"}]},
}


class _LoaderSchema(GenerateJsonSchema):
    """Widen the schema where a ``before`` validator accepts a shorter form."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        inner = super().function_before_schema(schema)
        function = schema["function"]["function"]
        if function is model.proposer_type:
            return {"enum": sorted(set(model.PROPOSER_TYPES))}
        # The form a validator declares with model.accepts; a bound classmethod reads its function's.
        widen = _WIDER.get(getattr(function, "__schema_form__", ""))
        return widen(inner) if widen else inner

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        out = super().model_schema(schema)
        # Class docstrings are notes for developers; the Chinese lives on each field.
        out.pop("description", None)
        if "anyOf" in out and "additionalProperties" in out:
            # Written as a string or as fields: "no other keys" belongs to the fields' branch.
            closed = out.pop("additionalProperties")
            for branch in out["anyOf"]:
                if branch.get("type") == "object":
                    branch["additionalProperties"] = closed
        return out


def _schema(kind: str, cls: type[model.Reply] | type[model.Opinion] | type[Style]) -> dict[str, Any]:
    out = cls.model_json_schema(schema_generator=_LoaderSchema)
    if cls is not Style:
        # The draft's inline settings; they may name the style file they refine.
        style = Style.model_json_schema(schema_generator=_LoaderSchema)
        style["properties"] = {"file": _STYLE_FILE, **style["properties"]}
        style.pop("title", None)
        out["$defs"] = {**out.get("$defs", {}), "Style": style}
        out["properties"]["style"]["anyOf"][1] = {"$ref": "#/$defs/Style"}
    title, description = _ROOT_TEXT[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **out,
        "title": title,
        "description": description,
    }


def json_schemas() -> dict[str, dict[str, Any]]:
    """The schema of each document kind, by kind."""
    return {
        "reply": _schema("reply", model.Reply),
        "opinion": _schema("opinion", model.Opinion),
        "style": _schema("style", Style),
    }


def schema_text(schema: dict[str, Any]) -> str:
    """Stable text for a schema file: sorted keys would scramble field order, so keep it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: str | os.PathLike[str]) -> list[Path]:
    """Write one ``<kind>.schema.json`` per kind into ``directory`` (created if needed)."""
    target = make_output_dir(directory)
    written = []
    for kind, schema in json_schemas().items():
        written.append(atomic_write(target / SCHEMA_FILES[kind], schema_text(schema).encode("utf-8")))
    return written

"""The agreement format as a JSON Schema (draft 2020-12), generated from the attrs model.

``kerjasama schema`` prints it, so that other applications (a region's cooperation
system, a ministry dashboard) can validate documents before sending them, and editors
can complete field names. The model in ``agreement.py`` stays the single source: every
field's ``doc`` and legal basis (``dasar``) become its ``description``.
"""

from __future__ import annotations

import typing
from typing import Any

import attrs

from ..language.typesys import Type, python_type_to_type
from ..model.agreement import Agreement

__all__ = ["SCHEMA_ID", "agreement_schema"]

SCHEMA_ID = "https://kerjasama-rules.invalid/schema/agreement/1"

_DATE = {
    "type": "string",
    "description": "YYYY-MM-DD (an Indonesian date such as `2 Maret 2026` is also accepted)",
    "anyOf": [
        {"format": "date"},
        {"pattern": r"^\d{1,2} [A-Za-z]+ \d{4}$"},
    ],
}
_DURATION = {
    "type": "string",
    "description": "`5 tahun`, `36 bulan`, `2 minggu`, `45 hari`, or ISO 8601 such as `P5Y`",
}


def _type_schema(t: Type, defs: dict[str, Any]) -> dict[str, Any]:
    if t.kind == "bool":
        return {"type": "boolean"}
    if t.kind == "int":
        return {"type": "integer"}
    if t.kind == "number":
        return {"type": "number"}
    if t.kind == "text":
        return {"type": "string"}
    if t.kind == "date":
        return dict(_DATE)
    if t.kind == "duration":
        return dict(_DURATION)
    if t.kind == "enum" and t.enum is not None:
        name = t.enum.__name__
        if name not in defs:
            defs[name] = {
                "enum": [m.value for m in t.enum],
                "description": (t.enum.__doc__ or name).strip().splitlines()[0],
            }
        return {"$ref": f"#/$defs/{name}"}
    if t.kind == "list" and t.elem is not None:
        return {"type": "array", "items": _type_schema(t.elem, defs)}
    if t.kind == "record" and t.record is not None:
        name = t.record.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first: records may refer to each other
            defs[name] = _record_schema(t.record, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _record_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in attrs.fields(cls):
        t = python_type_to_type(hints[f.name])
        schema = _type_schema(t, defs)
        if f.name == "negara":
            schema["pattern"] = "^[A-Za-z]{2}$"  # ISO 3166-1 alpha-2
        meta = f.metadata or {}
        doc = str(meta.get("doc") or "").rstrip(".")
        description = doc + (f". Dasar: {meta['dasar']}." if meta.get("dasar") else "")
        if f.default is attrs.NOTHING:
            required.append(f.name)
        else:
            # Absent or null: the fact is not known (missing is not false).
            schema = {"anyOf": [schema, {"type": "null"}]}
        if description:
            schema["description"] = description
        props[f.name] = schema
    out: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or cls.__name__).strip().splitlines()[0],
        "properties": props,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def agreement_schema() -> dict[str, Any]:
    """The JSON Schema of one agreement document.

    A file may also hold a list of agreements (``{"type": "array", "items": <this>}``).

    Examples:
        >>> s = agreement_schema()
        >>> s["required"]
        ['id', 'jenis']
        >>> s["$defs"]["Jenis"]["enum"]
        ['KSDD', 'KSDPK', 'KSDPL', 'KSDLL', 'SINERGI']
    """
    defs: dict[str, Any] = {}
    root = _record_schema(Agreement, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kerja sama daerah agreement (kerjasama_rules)",
        **root,
        "$defs": dict(sorted(defs.items())),
    }

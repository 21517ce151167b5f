"""Agreement files as documents: bytes -> text -> YAML or JSON data, with located errors.

The first half of loading an agreement (``loader`` structures the data into the model).
YAML is read safely and without the "Norway problem" (only ``true``/``false`` are
booleans); duplicate keys, syntax errors, unreadable files and bad encodings become
diagnostics with a location, never exceptions.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable

import yaml

from ..errors import Diagnostic
from ..source import Source, Span

__all__ = [
    "INVALID_VALUE",
    "SYNTAX",
    "UNREADABLE",
    "is_fatal",
    "key_path",
    "parse_document",
    "parse_yaml",
    "read_document",
]

INVALID_VALUE = "agreement.invalid-value"
SYNTAX = "agreement.syntax"
UNREADABLE = "agreement.unreadable"


def key_path(path: str, key: object) -> str:
    """The JSONPath of ``key`` under ``path``: ``$.dprd`` or ``$["nama lengkap"]``."""
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(str(key), ensure_ascii=False)}]"


_BOOL_TAG = "tag:yaml.org,2002:bool"
_YamlBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlLoader(_YamlBase):  # type: ignore[valid-type,misc]
    """Safe YAML without the Norway problem: only true/false are booleans (not yes/no/on/off)."""


# A copy without the YAML 1.1 bool resolver, so `negara: NO` stays the text "NO".
_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|false)$", re.IGNORECASE), list("tTfF")
)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    # An impossible date such as 2026-02-30 stays text, so the date hook reports it.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _duplicate_keys(root: yaml.Node, file: str, source: Callable[[], Source]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(root, "$")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen_nodes:  # aliases may share or nest nodes
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[tuple[str, str]] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if (key.tag, key.value) in keys and key.value != "<<":
                        src = source()
                        start = min(key.start_mark.index, len(src.text))
                        end = min(max(key.end_mark.index, start), len(src.text))
                        out.append(
                            Diagnostic(
                                code=INVALID_VALUE,
                                message=f"duplicate key `{key.value}`",
                                span=Span(src, start, end),
                                path=key_path(path, key.value),
                                help="each key may appear only once in a mapping",
                                file=file,
                            )
                        )
                    keys.add((key.tag, key.value))
                    stack.append((value, key_path(path, key.value)))
                else:
                    stack.append((value, path))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(node.value))
    return out


def _syntax(file: str, text: str, message: str, index: int | None, help: str) -> Diagnostic:
    span = None
    if index is not None:
        src = Source(file, text)
        start = max(0, min(index, len(text)))
        span = Span(src, start, min(start + 1, len(text)))
    return Diagnostic(code=SYNTAX, message=message, span=span, help=help, file=file)


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


def parse_yaml(text: str, file: str) -> tuple[object, list[Diagnostic]]:
    cache: list[Source] = []

    def source() -> Source:
        if not cache:
            cache.append(Source(file, text))
        return cache[0]

    help = "check the indentation, and quote values that contain `: ` or start with `[`, `{`, `*`"
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        dups = _duplicate_keys(node, file, source)
        return loader.construct_document(node), dups
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        index = mark.index if mark is not None else None
        return None, [_syntax(file, text, f"invalid YAML: {_lower_first(problem)}", index, help)]
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or " ")
        message = f"invalid YAML: unacceptable character U+{char:04X}"
        return None, [_syntax(file, text, message, exc.position, "remove control characters")]
    except RecursionError:
        return None, [_syntax(file, text, "the document is nested too deeply", None, help)]
    except Exception as exc:  # e.g. an integer with too many digits
        message = f"invalid YAML: {_lower_first(str(exc).split(';')[0]) or type(exc).__name__}"
        return None, [_syntax(file, text, message, None, help)]
    finally:
        loader.dispose()


def _parse_json(text: str, file: str) -> tuple[object, list[Diagnostic]]:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    help = "check commas, quotes and brackets near this position"
    try:
        doc = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        return None, [_syntax(file, text, f"invalid JSON: {_lower_first(exc.msg)}", exc.pos, help)]
    except RecursionError:
        return None, [_syntax(file, text, "the document is nested too deeply", None, help)]
    except Exception as exc:
        message = f"invalid JSON: {_lower_first(str(exc).split(';')[0]) or type(exc).__name__}"
        return None, [_syntax(file, text, message, None, help)]
    dups = [
        Diagnostic(
            code=INVALID_VALUE,
            message=f"duplicate key `{key}`",
            help="each key may appear only once in an object",
            file=file,
        )
        for key in duplicates
    ]
    return doc, dups


def parse_document(text: str, file: str, fmt: str) -> tuple[object, list[Diagnostic]]:
    if fmt == "yaml":
        return parse_yaml(text, file)
    return _parse_json(text, file)


def read_document(
    path: str | os.PathLike[str], name: str | None
) -> tuple[object, list[Diagnostic], str]:
    try:
        fspath = os.fspath(path)
    except TypeError:
        fspath = repr(path)
    file = name if name is not None else str(fspath)
    ext = os.path.splitext(str(fspath))[1].lower()
    fmt = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}.get(ext)
    if fmt is None:
        message = f"unsupported file extension `{ext}`" if ext else "file has no extension"
        diag = Diagnostic(
            code=UNREADABLE, message=message, help="use .yaml, .yml or .json", file=file
        )
        return None, [diag], file
    try:
        with open(fspath, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError, TypeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        message = f"cannot read the file: {_lower_first(reason)}"
        diag = Diagnostic(code=UNREADABLE, message=message, help="check the path", file=file)
        return None, [diag], file
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"the file is not valid UTF-8 (byte {exc.start})"
        diag = Diagnostic(
            code=UNREADABLE, message=message, help="save the file as UTF-8", file=file
        )
        return None, [diag], file
    doc, diags = parse_document(text, file, fmt)
    return doc, diags, file


def is_fatal(diags: list[Diagnostic]) -> bool:
    """True when the text gave no document at all (as opposed to duplicate keys)."""
    return any(d.code in (SYNTAX, UNREADABLE) for d in diags)

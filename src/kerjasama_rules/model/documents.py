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
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from .. import limits
from ..errors import Diagnostic
from ..fileio import read_limited
from ..source import Source, Span

__all__ = [
    "INVALID_VALUE",
    "LIMIT",
    "SYNTAX",
    "UNREADABLE",
    "check_data",
    "is_fatal",
    "key_path",
    "parse_document",
    "parse_yaml",
    "read_document",
]

INVALID_VALUE = "agreement.invalid-value"
SYNTAX = "agreement.syntax"
UNREADABLE = "agreement.unreadable"
LIMIT = "agreement.limit"


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

# YAML 1.1 reads `012` as 10 (octal), `1:30` as 90 (base 60), `0b11` as 3 and `1_000` as
# 1000: a value would change silently. Only plain decimals are numbers; the other forms
# are refused with their place, never converted.
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _refuse_number(node: yaml.ScalarNode, kind: str) -> yaml.constructor.ConstructorError:
    text = str(node.value)
    problem = (
        f"`{text[:40]}` is a YAML 1.1 {kind} form whose value would change meaning; "
        "write a plain decimal number, or quote it to keep it as text"
    )
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    text = str(node.value)
    if not _PLAIN_INT.fullmatch(text):
        raise _refuse_number(node, "number")
    digits = len(text.lstrip("+-"))
    most = limits.current().max_integer_digits
    if digits > most:
        what = f"an integer of {digits} digits"
        problem = limits.limit_message("max_integer_digits", what)
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)
    return int(text)


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    text = str(node.value)
    if not _PLAIN_FLOAT.fullmatch(text):
        raise _refuse_number(node, "number")
    return float(text)


_YamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_YamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _expansion(root: yaml.Node) -> str | None:
    """Why the node graph is too big once its aliases are expanded, or ``None``.

    Aliases share nodes: `construct_document` builds each once, but every stage after it
    (structuring, evaluation, rendering) walks the expanded tree. Count alias uses and the
    expanded size bottom-up, each distinct node once, without recursion.
    """
    lim = limits.current()
    size: dict[int, int] = {}
    aliases = 0
    work: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while work:
        node, done = work.pop()
        key = id(node)
        kids: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                kids.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            kids = list(node.value)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size.get(id(k), 0) for k in kids)
            if size[key] > lim.max_yaml_nodes:
                what = f"the document expands to more than {lim.max_yaml_nodes} values"
                return limits.limit_message("max_yaml_nodes", what)
            continue
        if key in size:
            aliases += 1
            if aliases > lim.max_yaml_aliases:
                what = f"the document uses aliases (`*name`) more than {lim.max_yaml_aliases} times"
                return limits.limit_message("max_yaml_aliases", what)
            continue
        if key in on_path:
            return "an alias (`*name`) refers to a mapping or list that contains it"
        on_path.add(key)
        work.append((node, True))
        work.extend((k, False) for k in reversed(kids))
    return None


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
        too_big = _expansion(node)
        if too_big is not None:
            return None, [
                _syntax(file, text, too_big, None, "write the values out, or split the file")
            ]
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

    def number(text: str) -> int:
        most = limits.current().max_integer_digits
        if len(text.lstrip("-")) > most:
            raise ValueError(
                limits.limit_message(
                    "max_integer_digits", f"an integer of {len(text.lstrip('-'))} digits"
                )
            )
        return int(text)

    def constant(name: str) -> float:
        raise ValueError(f"`{name}` is not a number JSON allows")

    help = "check commas, quotes and brackets near this position"
    try:
        doc = json.loads(text, object_pairs_hook=pairs, parse_int=number, parse_constant=constant)
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
    """YAML or JSON text -> data, with every problem of the text and of the data's limits."""
    if len(text) > limits.current().max_input_bytes:
        what = f"the document has {len(text)} characters"
        message = limits.limit_message("max_input_bytes", what)
        return None, [Diagnostic(code=LIMIT, message=message, file=file)]
    doc, diags = parse_yaml(text, file) if fmt == "yaml" else _parse_json(text, file)
    if is_fatal(diags):
        return doc, diags
    most = limits.current().max_agreements_per_file
    if isinstance(doc, list) and len(doc) > most:
        what = f"the file holds {len(doc)} agreements"
        message = limits.limit_message("max_agreements_per_file", what)
        return None, [Diagnostic(code=LIMIT, message=message, path="$", file=file)]
    return doc, [*diags, *check_data(doc, file)]


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
    data, problem = read_limited(fspath, limits.current().max_input_bytes, "max_input_bytes")
    if data is None:
        diag = Diagnostic(code=UNREADABLE, message=problem, help="check the path", file=file)
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


def _text_problem(value: str, lim: limits.Limits) -> str | None:
    if len(value) > lim.max_string_length:
        return limits.limit_message("max_string_length", f"a text of {len(value)} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        return f"the text holds a lone surrogate (U+{code:04X}), which is not a character"
    return None


def check_data(doc: object, file: str | None, path: str = "$") -> list[Diagnostic]:
    """Problems of parsed document data that no stage after loading should meet.

    Lengths of lists and texts, digits of integers, lone surrogates (JSON's ``"\\ud800"``,
    which no output can encode), non-finite numbers; walked without recursion, at most
    ``max_yaml_nodes`` values. Returns at most one diagnostic per kind of problem, with
    the path of its first occurrence.
    """
    lim = limits.current()
    out: dict[str, Diagnostic] = {}
    # Paths are built only for what is reported: each entry keeps its parent's place and
    # its own step. Building every path as the walk goes is quadratic in the depth (a
    # mapping that contains itself, given to `load_agreement`, hung the loader).
    root: _Place = (None, path, 0)
    stack: list[tuple[object, _Place]] = [(doc, root)]
    seen = 0

    def report(kind: str, message: str, place: _Place, code: str = LIMIT) -> None:
        if kind not in out:
            out[kind] = Diagnostic(code=code, message=message, path=_path(place), file=file)

    while stack:
        value, place = stack.pop()
        seen += 1
        if seen > lim.max_yaml_nodes:
            what = f"the document holds more than {lim.max_yaml_nodes} values"
            report("nodes", limits.limit_message("max_yaml_nodes", what), root)
            break
        if place[2] > _MAX_DEPTH:
            report("depth", "the document is nested too deeply", place)
            continue
        if isinstance(value, str):
            problem = _text_problem(value, lim)
            if problem is not None:
                report("text", problem, place, INVALID_VALUE if "surrogate" in problem else LIMIT)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if abs(value) >= 10**lim.max_integer_digits:
                what = f"an integer of more than {lim.max_integer_digits} digits"
                report("int", limits.limit_message("max_integer_digits", what), place)
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                report("float", f"`{value}` is not a finite number", place, INVALID_VALUE)
        elif isinstance(value, Mapping):
            depth = place[2] + 1
            for key, item in value.items():
                if isinstance(key, str) and _text_problem(key, lim) is not None:
                    report("key", f"a key: {_text_problem(key, lim)}", place, INVALID_VALUE)
                    continue
                stack.append((item, (place, key, depth)))
        elif isinstance(value, list | tuple):
            if len(value) > lim.max_list_length:
                what = f"a list of {len(value)} items"
                report("list", limits.limit_message("max_list_length", what), place)
                continue
            depth = place[2] + 1
            stack.extend((item, (place, i, depth)) for i, item in enumerate(value))
    return list(out.values())


# Nesting of an agreement document (the model itself nests about 5 deep): deeper data
# would only reach Python's recursion limit in the stages after loading.
_MAX_DEPTH = 200

# (parent, step, depth): a place in a document, its path built only when reported.
_Place = tuple[Any, object, int]


def _path(place: _Place) -> str:
    steps: list[object] = []
    node: Any = place
    while node[0] is not None:
        steps.append(node[1])
        node = node[0]
    out = str(node[1])
    for step in reversed(steps):
        if isinstance(step, int) and not isinstance(step, bool):
            out += f"[{step}]"
        elif isinstance(step, str):
            out = key_path(out, step)
        else:
            out += f"[{step!r}]"
    return out


def is_fatal(diags: list[Diagnostic]) -> bool:
    """True when the text gave no document at all (as opposed to duplicate keys)."""
    return any(d.code in (SYNTAX, UNREADABLE, LIMIT) for d in diags)

"""JSON text with the bytes of ``json.dumps(value, ensure_ascii=False, indent=2)``, faster.

With ``indent``, :mod:`json` leaves its C encoder for the pure-Python one, several times
slower: pretty reports were most of the time of ``kerjasama check --format json`` over a
directory. Here containers are laid out by a small recursive function and every string
goes through the C string encoder; the result is byte for byte what ``json.dumps`` gives
(tests compare the two on every report shape), and anything unusual (a key that is not a
string, a number that is not finite, a type ``json`` would reject) is handed to
``json.dumps`` itself, so its behaviour, errors included, is unchanged.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["dumps_pretty"]

_encode_str = json.encoder.encode_basestring  # the C encoder where CPython has it
c_make_encoder = getattr(json.encoder, "c_make_encoder", None)  # None: no C accelerator
_int_repr = int.__repr__
_float_repr = float.__repr__


class _Unusual(Exception):
    """A value ``json.dumps`` treats specially: let it do the whole dump."""


_LEAF: dict[str, Any] = {}  # indentation -> C encoder of a container of scalars there


def _leaf_encoder(inner: str) -> Any:
    enc = _LEAF.get(inner)
    if enc is None and c_make_encoder is not None:
        enc = _LEAF[inner] = c_make_encoder(
            None, _no_default, _encode_str, None, ": ", ",\n" + inner, False, False, True
        )
    return enc


def _no_default(o: Any) -> Any:
    raise _Unusual


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    cls = v.__class__
    if cls is int:
        return _int_repr(v)
    if cls is float and math.isfinite(v):
        return _float_repr(v)
    raise _Unusual


def _pretty(v: Any, ind: str, out: list[str]) -> None:
    # Strings, the most common items, are encoded inline; containers recurse.
    append = out.append
    cls = v.__class__
    if cls is dict:
        if not v:
            append("{}")
            return
        inner = ind + "  "
        for x in v.values():
            c = x.__class__
            if not (c is str or c is int or c is bool or x is None):
                break
        else:  # only strings, ints, booleans, nulls: the C encoder lays them out
            enc = _leaf_encoder(inner)
            if enc is not None:
                text = "".join(enc(v, 0))
                append("{\n" + inner + text[1:-1] + "\n" + ind + "}")
                return
        sep = ",\n" + inner
        append("{\n" + inner)
        first = True
        for k, x in v.items():
            if k.__class__ is not str:
                raise _Unusual
            if first:
                first = False
                append(_encode_str(k) + ": ")
            else:
                append(sep + _encode_str(k) + ": ")
            c = x.__class__
            if c is str:
                append(_encode_str(x))
            elif x is None:
                append("null")
            else:
                _pretty(x, inner, out)
        append("\n" + ind + "}")
    elif cls is list or cls is tuple:
        if not v:
            append("[]")
            return
        inner = ind + "  "
        for x in v:
            c = x.__class__
            if not (c is str or c is int or c is bool or x is None):
                break
        else:
            enc = _leaf_encoder(inner)
            if enc is not None:
                text = "".join(enc(v, 0))
                append("[\n" + inner + text[1:-1] + "\n" + ind + "]")
                return
        sep = ",\n" + inner
        append("[\n" + inner)
        first = True
        for x in v:
            if first:
                first = False
            else:
                append(sep)
            c = x.__class__
            if c is str:
                append(_encode_str(x))
            elif x is None:
                append("null")
            else:
                _pretty(x, inner, out)
        append("\n" + ind + "]")
    elif cls is str:
        append(_encode_str(v))
    elif isinstance(v, list | tuple):  # a JsonValue (tuple) of shared evidence, say
        _pretty(list(v), ind, out)
    elif isinstance(v, dict):
        _pretty(dict(v), ind, out)
    else:
        append(_scalar(v))


def dumps_pretty(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, each line after the first
    indented by ``depth`` more levels (as the value sits ``depth`` levels deep)."""
    out: list[str] = []
    try:
        _pretty(value, "  " * depth, out)
    except (_Unusual, RecursionError):
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * depth) if depth else text
    return "".join(out)

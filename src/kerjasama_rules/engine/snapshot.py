"""Checked rules as plain data and back: the payload of the rule-set cache (``cache.py``).

:func:`encode` turns a :class:`CheckedRules` into nested tuples of ``None``, ``bool``,
``int``, ``float``, ``str`` and tuples only, which ``marshal`` stores without any code;
:func:`decode` rebuilds the same object graph: every attrs object of the syntax tree, with
the same sharing (one node referenced twice comes back as one object), so that the
checker's side tables keyed by ``id()`` of nodes can be rebuilt for the new objects.

Why not ``pickle``: unpickling calls whatever callable the file names, so a cache file
that someone else could write would run their code. Here the data names classes only as
``(module, qualified name)`` pairs, and :func:`decode` accepts a class only when the
module is one of this package's and the class is an attrs class or an enum; objects are
made with ``object.__new__`` and their fields set directly, so no method of a class (not
even its ``__init__``) runs on the data. A dynamically made enum (the value set of an
interpretation switch) is rebuilt from its name and member values, the way the checker
makes it. Anything else in the graph (a value of an unexpected type) makes :func:`encode`
raise :class:`SnapshotError`, and the caller then simply does not cache.

The layout, all tuples: ``(FORMAT, classes, objects, root, types, resolutions)`` where
``classes`` are ``("k", module, qualname)`` or ``("s", name, members)``, ``objects``
are ``(class index, field values)`` in an order where an object only refers to earlier
ones, and a value is a plain scalar or a tagged tuple (``("t", items)`` a tuple,
``("l", items)`` a list, ``("d", keys, values)`` a dict, ``("f", items)`` a frozenset,
``("D", ordinal)`` a date, ``("M", text)`` a Decimal, ``("E", class, name)`` an enum
member, ``("C", class)`` a class, ``("R", index)`` an object).
"""

from __future__ import annotations

import datetime
import enum
import importlib
from decimal import Decimal
from typing import Any

import attrs

from ..language.checked import CheckedRules

__all__ = ["FORMAT", "SnapshotError", "decode", "encode"]

# Bumped whenever the layout above changes; part of the cache key too.
FORMAT = "kerjasama-checked/1"

_PACKAGE = __name__.split(".", 1)[0] + "."
_SCALARS = (str, int, float, bool, type(None))


class SnapshotError(Exception):
    """A rule set that cannot be stored as data, or data that is not a stored rule set."""


class _Encoder:
    def __init__(self) -> None:
        self.classes: list[tuple[Any, ...]] = []
        self.class_index: dict[type, int] = {}
        self.objects: list[tuple[int, tuple[Any, ...]]] = []
        # id() of each object already written -> its index (the graph is alive while
        # it is encoded, so ids are stable).
        self.index: dict[int, int] = {}
        self.names: dict[int, tuple[str, ...]] = {}
        self.records: set[type] = set()

    def cls(self, cls: type) -> int:
        known = self.class_index.get(cls)
        if known is not None:
            return known
        module = getattr(cls, "__module__", "")
        qualname = getattr(cls, "__qualname__", "")
        try:
            found: Any = importlib.import_module(module)
            for part in qualname.split("."):
                found = getattr(found, part)
        except (ImportError, AttributeError, ValueError):
            found = None
        if found is cls and module.startswith(_PACKAGE) and _allowed(cls):
            entry: tuple[Any, ...] = ("k", module, qualname)
        elif isinstance(cls, enum.EnumMeta) and all(
            isinstance(m.value, str) for m in _members(cls)
        ):
            # A switch's value set: `enum.Enum(name, [(v, v), ...])` in the checker.
            members = tuple((m.name, m.value) for m in _members(cls))
            entry = ("s", cls.__name__, members)
        else:
            raise SnapshotError(f"cannot store the class {module}.{qualname}")
        self.class_index[cls] = len(self.classes)
        self.classes.append(entry)
        return self.class_index[cls]

    def value(self, v: Any) -> Any:
        t = type(v)
        if t in _SCALARS:
            return v
        if t in self.records:  # an attrs class met before: the common case
            return ("R", self.obj(v))
        if t is tuple:
            return ("t", tuple(self.value(x) for x in v))
        if t is list:
            return ("l", tuple(self.value(x) for x in v))
        if t is dict:
            return ("d", tuple(self.value(k) for k in v), tuple(self.value(x) for x in v.values()))
        if t is frozenset:
            return ("f", tuple(self.value(x) for x in v))
        if t is datetime.date:
            return ("D", v.toordinal())
        if t is Decimal:
            return ("M", str(v))
        if isinstance(v, enum.Enum):
            return ("E", self.cls(t), v.name)
        if isinstance(v, type):
            return ("C", self.cls(v))
        if attrs.has(t):
            self.records.add(t)
            return ("R", self.obj(v))
        raise SnapshotError(f"cannot store a value of type {t.__qualname__}")

    def obj(self, v: Any) -> int:
        known = self.index.get(id(v))
        if known is not None:
            return known
        ci = self.cls(type(v))
        names = self.names.get(ci)
        if names is None:
            names = self.names[ci] = tuple(f.name for f in attrs.fields(type(v)))
        # Children first: an object only ever refers to objects written before it.
        value = self.value
        fields = tuple([value(getattr(v, name)) for name in names])
        self.index[id(v)] = len(self.objects)
        self.objects.append((ci, fields))
        return self.index[id(v)]


def _members(cls: enum.EnumMeta) -> list[enum.Enum]:
    return list(cls.__members__.values())


def _allowed(cls: type) -> bool:
    return attrs.has(cls) or (isinstance(cls, enum.EnumMeta) and issubclass(cls, enum.Enum))


def encode(checked: CheckedRules) -> tuple[Any, ...]:
    """A checked rule set as plain nested tuples (see the module docstring).

    Raises:
        SnapshotError: something in the rule set is not plain data this module knows.
    """
    enc = _Encoder()
    # The side tables are keyed by id() of nodes: stored against the nodes' indices.
    # An id whose node is not in the graph is no node the compiler can look up.
    rest = attrs.evolve(checked, types={}, resolutions={})
    # `rest` shares every node with `checked` (evolve copies references only), so
    # encoding it indexes every node the tables can name.
    root = enc.obj(rest)
    types = tuple((enc.index[k], enc.value(t)) for k, t in checked.types.items() if k in enc.index)
    resolutions = tuple(
        (enc.index[k], enc.value(r)) for k, r in checked.resolutions.items() if k in enc.index
    )
    return (FORMAT, tuple(enc.classes), tuple(enc.objects), root, types, resolutions)


def decode(data: Any) -> CheckedRules:
    """The checked rule set that :func:`encode` stored.

    Raises:
        SnapshotError: the data is not such a rule set (another format, a class that is
            not allowed or no longer exists, a malformed entry).
    """
    try:
        fmt, classes, objects, root, types, resolutions = data
        if fmt != FORMAT:
            raise SnapshotError(f"not a {FORMAT} snapshot")
        dec = _Decoder(tuple(_load_class(c) for c in classes))
        dec.make_all(objects)
        out = dec.objects[root]
        if type(out) is not CheckedRules:
            raise SnapshotError("the snapshot does not hold checked rules")
        objs = dec.objects
        return attrs.evolve(
            out,
            types={id(objs[i]): dec.value(t) for i, t in types},
            resolutions={id(objs[i]): dec.value(r) for i, r in resolutions},
        )
    except SnapshotError:
        raise
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, ArithmeticError) as exc:
        raise SnapshotError(f"malformed snapshot: {exc}") from None


def _load_class(entry: Any) -> type:
    if entry[0] == "k":
        _, module, qualname = entry
        if not (isinstance(module, str) and module.startswith(_PACKAGE)):
            raise SnapshotError(f"refusing a class outside the package: {module!r}")
        try:
            found: Any = importlib.import_module(module)
            for part in str(qualname).split("."):
                found = getattr(found, part)
        except (ImportError, AttributeError) as exc:
            raise SnapshotError(f"unknown class {module}.{qualname}") from exc
        if not (isinstance(found, type) and _allowed(found)):
            raise SnapshotError(f"refusing {module}.{qualname}: not an attrs class or an enum")
        return found
    if entry[0] == "s":
        _, name, members = entry
        if not (isinstance(name, str) and all(type(v) is str for m in members for v in m)):
            raise SnapshotError("malformed switch enum")
        made: type = enum.Enum(name, [(str(n), str(v)) for n, v in members])  # type: ignore[misc]
        return made
    raise SnapshotError(f"unknown class entry {entry[0]!r}")


_new = object.__new__
_set = object.__setattr__


class _Decoder:
    def __init__(self, classes: tuple[type, ...]) -> None:
        self.classes = classes
        self.names = [
            tuple(f.name for f in attrs.fields(c)) if attrs.has(c) else () for c in classes
        ]
        # Classes whose fields are all positional arguments of their attrs __init__ are
        # made by calling it (several times faster than setting each field); the others
        # (a field computed after __init__, such as Source's line starts) get their stored
        # fields set directly. Either way only this package's own classes are made, from
        # plain data.
        self.positional = [
            attrs.has(c) and all(f.init and not f.kw_only for f in attrs.fields(c)) for c in classes
        ]
        self.objects: list[Any] = []

    def make_all(self, objects: Any) -> None:
        """Make every object, in order (the hot loop of a warm start: names bound once)."""
        info = list(zip(self.classes, self.names, self.positional, strict=True))
        value = self.value
        objects_made = self.objects
        append = objects_made.append
        for ci, fields in objects:
            cls, names, positional = info[ci]
            if not names or len(names) != len(fields):
                raise SnapshotError(f"{cls.__qualname__}: fields do not match the class")
            # Scalars (most fields) stand for themselves; references (most of the rest)
            # are looked up here, without a call.
            args = [
                v if v.__class__ is not tuple else (objects_made[v[1]] if v[0] == "R" else value(v))
                for v in fields
            ]
            if positional:
                append(cls(*args))
                continue
            obj: Any = _new(cls)
            for name, v in zip(names, args, strict=True):
                _set(obj, name, v)  # as attrs' own __init__ of a frozen class does
            append(obj)

    def value(self, v: Any) -> Any:
        if v.__class__ is not tuple:
            # marshal gives back only plain data; a scalar stands for itself.
            return v
        tag = v[0]
        if tag == "R":
            return self.objects[v[1]]
        if tag == "t":
            value = self.value
            return tuple([x if x.__class__ is not tuple else value(x) for x in v[1]])
        if tag == "E":
            return self.classes[v[1]][v[2]]  # type: ignore[index]
        if tag == "d":
            return dict(
                zip([self.value(k) for k in v[1]], [self.value(x) for x in v[2]], strict=True)
            )
        if tag == "l":
            return [self.value(x) for x in v[1]]
        if tag == "f":
            return frozenset([self.value(x) for x in v[1]])
        if tag == "D":
            return datetime.date.fromordinal(v[1])
        if tag == "M":
            return Decimal(v[1])
        if tag == "C":
            return self.classes[v[1]]
        raise SnapshotError(f"unknown tag {tag!r}")

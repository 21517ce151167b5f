"""Type inference for the checker: the type of every expression, checked against its context.

:meth:`CheckTypes.infer` gives an expression's type and records it (``types``);
:meth:`CheckTypes.expect` also reports a mismatch with the type the context needs. The
type a context expects travels down (``want``) so that a bare enum value is read as a
member of the enum on the other side (``jenis == KSDPL``, ``m.jenis dalam {provinsi,
kota}``). Field paths, ``terisi``, sets, quantifiers, function calls, comparisons and
arithmetic are typed here; bare names are resolved by :mod:`.check_names`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..suggest import did_you_mean
from . import nodes
from .check_names import CheckNames
from .check_state import Resolution, did_you_mean_help
from .functions import REGISTRY
from .typesys import (
    ANY,
    BOOL,
    DATE,
    DURATION,
    INT,
    NUMBER,
    TEXT,
    Type,
    compatible,
    list_of,
    record_fields,
)

__all__ = ["CheckTypes"]


class CheckTypes(CheckNames):
    """The checker's mixin that infers and checks the types of expressions."""

    def expect(self, e: nodes.Expr, scope: Mapping[str, Type], want: Type) -> Type:
        t = self.infer(e, scope, want)
        if t.kind != "any" and not compatible(t, want):
            self._err(
                "check.type-mismatch",
                f"expected {want}, found {t}",
                e.span,
                _type_help(want, t),
                want_type=want,
                got_type=t,
            )
        return t

    def _set(self, e: Any, t: Type) -> Type:
        self.types[id(e)] = t
        return t

    def infer(self, e: nodes.Expr, scope: Mapping[str, Type], want: Type | None) -> Type:
        t = self._infer(e, scope, want)
        return self._set(e, t)

    def _infer(self, e: nodes.Expr, scope: Mapping[str, Type], want: Type | None) -> Type:
        if isinstance(e, nodes.Literal):
            return self._literal_type(e.value)
        if isinstance(e, nodes.DurationLit):
            return DURATION
        if isinstance(e, nodes.Name):
            return self._name(e, scope, want)
        if isinstance(e, nodes.Field):
            return self._field(e, scope)
        if isinstance(e, nodes.Present):
            return self._present(e, scope)
        if isinstance(e, nodes.SetLit):
            return self._set_lit(e, scope, want)
        if isinstance(e, nodes.Quantifier):
            return self._quantifier(e, scope)
        if isinstance(e, nodes.Call):
            return self._call(e, scope)
        if isinstance(e, nodes.Unary):
            if e.op == "not":
                self.expect(e.operand, scope, BOOL)
                return BOOL
            t = self.infer(e.operand, scope, None)
            if not t.is_numeric and t.kind != "any":
                help_text = (
                    "durations are never negative: subtract it from the date instead"
                    if t.kind == "duration"
                    else None
                )
                self._err("check.type-mismatch", f"cannot negate {t}", e.span, help_text, type=t)
            return t
        return self._binary(e, scope)

    def _literal_type(self, value: Any) -> Type:
        if isinstance(value, bool):
            return BOOL
        if isinstance(value, int):
            return INT
        if isinstance(value, str):
            return TEXT
        if hasattr(value, "year"):
            return DATE
        return NUMBER

    def _field(self, e: nodes.Field, scope: Mapping[str, Type]) -> Type:
        if (
            isinstance(e.base, nodes.Name)
            and e.base.name in self.tables
            and e.base.name not in scope
        ):
            return self._table_column(e, e.base.name)
        base = self.infer(e.base, scope, None)
        if base.kind == "any":
            return ANY
        if base.kind == "list" and base.elem is not None and base.elem.kind == "record":
            path = _path_text(e.base)
            self._err(
                "check.field-of-list",
                f"`{path}` is a list; `.{e.name}` needs one item",
                e.span,
                f"use a quantifier: `setiap x dalam {path}: x.{e.name} ...`",
                path=path,
                field=e.name,
            )
            return ANY
        if base.kind != "record" or base.record is None:
            self._err(
                "check.not-a-record",
                f"{base} has no fields; cannot read `.{e.name}`",
                e.name_span,
                type=base,
                field=e.name,
            )
            return ANY
        fields = record_fields(base.record)
        if e.name not in fields:
            path = _path_text(e).rsplit(".", 1)[0]
            best = did_you_mean(e.name, fields)
            self._err(
                "check.unknown-field",
                f"`{e.name}` is not a field of `{base.record.__name__}`",
                e.name_span,
                did_you_mean_help(best) or f"fields of `{path}`: " + ", ".join(fields),
                field=e.name,
                record=base.record.__name__,
                suggestion=best,
                path=path,
                fields=", ".join(fields),
            )
            return ANY
        return fields[e.name]

    def _present(self, e: nodes.Present, scope: Mapping[str, Type]) -> Type:
        target = e.target
        ok = isinstance(target, nodes.Field | nodes.Name)
        if isinstance(target, nodes.Name):
            self.infer(target, scope, None)
            ok = self.res.get(id(target), Resolution("")).kind in ("field", "local", "as_of")
        elif isinstance(target, nodes.Field):
            self.infer(target, scope, None)
            ok = id(target) not in self.res  # a table column is not a fact
        if not ok:
            self._err(
                "check.present-needs-field",
                "`terisi` tests whether a fact of the agreement is known",
                e.span,
                "write it before a field path, e.g. `terisi perjanjian.tanggal_ttd`",
            )
        return BOOL

    def _set_lit(self, e: nodes.SetLit, scope: Mapping[str, Type], want: Type | None) -> Type:
        elem_want = want.elem if want is not None and want.kind == "list" else want
        elem: Type | None = elem_want
        for item in e.items:
            t = self.infer(item, scope, elem)
            if elem is None or elem.kind == "any":
                elem = t
            elif not compatible(t, elem):
                self._err(
                    "check.type-mismatch",
                    f"expected {elem}, found {t}",
                    item.span,
                    want_type=elem,
                    got_type=t,
                )
        return list_of(elem or ANY)

    def _quantifier(self, e: nodes.Quantifier, scope: Mapping[str, Type]) -> Type:
        coll = self.infer(e.collection, scope, None)
        if coll.kind not in ("list", "any"):
            self._err(
                "check.type-mismatch",
                f"a quantifier ranges over a list, found {coll}",
                e.collection.span,
                type=coll,
            )
        elem = coll.elem if coll.kind == "list" and coll.elem is not None else ANY
        if e.var in self.root or e.var in self.defs:
            self._err(
                "check.shadowed-field",
                f"`{e.var}` already names a field or a definition",
                e.var_span,
                "choose a short variable name such as `m` or `u`",
                name=e.var,
            )
        inner = {**scope, e.var: elem}
        self.expect(e.body, inner, BOOL)
        return INT if e.kind == "count" else BOOL

    def _call(self, e: nodes.Call, scope: Mapping[str, Type]) -> Type:
        fn = REGISTRY.get(e.func)
        arg_types = [self.infer(a, scope, None) for a in e.args]
        if fn is None:
            best = did_you_mean(e.func, REGISTRY)
            self._err(
                "check.unknown-function",
                f"`{e.func}` is not a function of the language",
                e.span,
                did_you_mean_help(best) or "see the function list in docs/language.md",
                func=e.func,
                suggestion=best,
            )
            return ANY
        result = fn.check(arg_types)
        if isinstance(result, str):
            self._err(
                "check.bad-call",
                f"`{e.func}` {result}",
                e.span,
                f"signature: {fn.signature}",
                func=e.func,
                problem=result,
                signature=fn.signature,
            )
            return ANY
        return result

    def _hint_names(self, e: nodes.Binary) -> None:
        """Remember a better help for bare names whose place shows the intent."""
        if e.op in ("and", "or") and isinstance(e.right, nodes.Name):
            # `status == pelaksanaan atau berakhir`: a list of values, not a condition.
            cmp = e.left
            if (
                isinstance(cmp, nodes.Binary)
                and cmp.op == ("==" if e.op == "or" else "!=")
                and isinstance(cmp.right, nodes.Name)
            ):
                field = _text(cmp.left)
                if field:
                    word = "dalam" if e.op == "or" else "tidak dalam"
                    fix = f"{field} {word} {{{cmp.right.name}, {e.right.name}}}"
                    self.name_hints[id(e.right)] = (
                        f"to test for one of several values, write `{fix}`"
                    )
        if e.op in ("==", "!="):
            for side, other in ((e.right, e.left), (e.left, e.right)):
                if isinstance(side, nodes.Name) and side.name.lower() in _NULL_WORDS:
                    field = _text(other)
                    if field:
                        fix = f"terisi {field}" if e.op == "!=" else f"tidak terisi {field}"
                        self.name_hints[id(side)] = f"an unknown fact is not a value: write `{fix}`"

    def _binary(self, e: nodes.Binary, scope: Mapping[str, Type]) -> Type:
        op = e.op
        self._hint_names(e)
        if op in ("and", "or", "implies"):
            self.expect(e.left, scope, BOOL)
            self.expect(e.right, scope, BOOL)
            return BOOL
        if op in ("in", "notin"):
            if isinstance(e.right, nodes.SetLit) and not _is_bare_name(e.left):
                # `m.jenis in {provinsi, kota}`: the set's values are read as the left's enum.
                left = self.infer(e.left, scope, None)
                self.infer(e.right, scope, list_of(left))
                return BOOL
            right = self.infer(e.right, scope, None)
            if right.kind == "list" and right.elem is not None:
                left = self.infer(e.left, scope, right.elem)
                if not compatible(left, right.elem):
                    self._err(
                        "check.type-mismatch",
                        f"{left} cannot be a member of a {right}",
                        e.span,
                        left_type=left,
                        right_type=right,
                    )
            elif right.kind == "any":
                self.infer(e.left, scope, None)
            else:
                self.infer(e.left, scope, None)
                self._err(
                    "check.type-mismatch",
                    f"`dalam` needs a list or a set on its right, found {right}",
                    e.right.span,
                    type=right,
                )
            return BOOL
        # Comparisons and arithmetic: type the side that can stand alone first, so a bare
        # enum value on either side is read against the other side's enum.
        if _is_bare_name(e.left) and not _is_bare_name(e.right):
            right = self.infer(e.right, scope, None)
            left = self.infer(e.left, scope, right)
        else:
            left = self.infer(e.left, scope, None)
            right = self.infer(e.right, scope, left)
        if op in ("==", "!="):
            if not compatible(left, right):
                self._err(
                    "check.type-mismatch",
                    f"cannot compare {left} with {right}",
                    e.span,
                    _type_help(left, right),
                    left_type=left,
                    right_type=right,
                )
            return BOOL
        if op in ("<", "<=", ">", ">="):
            ordered = ("int", "number", "date", "duration", "text", "any")
            if not compatible(left, right) or left.kind not in ordered:
                self._err(
                    "check.type-mismatch",
                    f"cannot order {left} against {right}",
                    e.span,
                    _type_help(left, right),
                    left_type=left,
                    right_type=right,
                )
            return BOOL
        return self._arith(e, left, right)

    def _arith(self, e: nodes.Binary, left: Type, right: Type) -> Type:
        op = e.op
        if "any" in (left.kind, right.kind):
            return ANY
        if left.is_numeric and right.is_numeric:
            if op == "/":
                return NUMBER
            return INT if left.kind == right.kind == "int" else NUMBER
        if op in ("+", "-") and left.kind == "date" and right.kind == "duration":
            return DATE
        if op == "+" and left.kind == "duration" and right.kind == "date":
            return DATE
        if op == "-" and left.kind == "date" and right.kind == "date":
            return INT
        if op == "+" and left.kind == right.kind == "duration":
            return DURATION
        if op == "+" and left.kind == right.kind == "text":
            return TEXT
        self._err(
            "check.type-mismatch",
            f"`{op}` does not apply to {left} and {right}",
            e.span,
            "dates take durations (`tanggal + 5 tahun`); two dates subtract to days",
            op=op,
            left_type=left,
            right_type=right,
        )
        return ANY


def _is_bare_name(e: nodes.Expr) -> bool:
    return isinstance(e, nodes.Name)


def _path_text(e: nodes.Expr) -> str:
    if isinstance(e, nodes.Name):
        return e.name
    if isinstance(e, nodes.Field):
        return f"{_path_text(e.base)}.{e.name}"
    return "..."


def _type_help(want: Type, got: Type) -> str | None:
    if want.kind == "bool" and got.kind not in ("bool", "any"):
        return "a condition must be true or false, e.g. `x == nilai` or `terisi x`"
    if {want.kind, got.kind} == {"date", "text"}:
        return "write dates without quotes: 2018-07-13"
    if want.kind == "enum" and got.kind == "text":
        return "write enum values without quotes, e.g. `jenis == KSDPL`"
    return None


_NULL_WORDS = frozenset({"null", "none", "nil", "kosong"})


def _text(e: nodes.Expr) -> str | None:
    """The source text of an expression (one line), for hints that rewrite it."""
    span = getattr(e, "span", None)
    if span is None:
        return None
    text = span.source.text[span.start : span.end]
    return text if "\n" not in text else None

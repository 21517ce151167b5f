"""Checked expressions -> Python closures: the only place expressions get their meaning.

Fifth stage of the pipeline. Every expression is compiled once into a closure
``f(ctx) -> value``; evaluation never walks a syntax tree. Each expression compiles in two
flavours: the fast one used to decide, and a *recording* one, run only to explain a
failure, that appends ``(path, value)`` for each fact it reads to ``ctx.record`` and keeps
only the reads that decided the result (the false conjunct, the failing list items).

This module chooses the closure for each kind of node and reads the checker's tables
(resolutions, types) to do so; the closures themselves, with their Kleene logic, and the
:class:`Context` they read are in ``closures.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..language import nodes
from ..language.checked import CheckedRules
from ..language.functions import REGISTRY
from ..language.printer import expr_to_source
from ..language.values import Unknown, merge
from ..model.duration import Duration
from .closures import (
    ARITH,
    COMPARE,
    Context,
    Fn,
    and_,
    and_rec,
    as_of_value,
    compare_const,
    const,
    divide,
    field_path,
    getattr_chain,
    local_path,
    member_const,
    membership,
    memoised,
    or_,
    or_rec,
    recorded_as,
    shift,
    spend,
    strict2,
    switch_value,
)

# Context and Fn are part of this module's interface: codegen and the evaluator take them
# from here.
__all__ = ["Compiler", "Context", "Fn"]

_U = Unknown


class Compiler:
    """Compiles the expressions of one :class:`CheckedRules`."""

    def __init__(self, checked: CheckedRules) -> None:
        self.checked = checked
        self.defs: dict[str, Fn] = {}
        self.dets: dict[str, Fn] = {}

    # ------------------------------------------------------------------ entry points
    def compile(self, e: nodes.Expr, *, record: bool = False) -> Fn:
        """Compile one checked expression."""
        return self._c(e, record)

    def definition(self, name: str) -> Fn:
        """The memoised closure of a definition (compiled on first use)."""
        fn = self.defs.get(name)
        if fn is None:
            body = self._c(self.checked.definitions[name].expr, False)
            fn = memoised(name, body)
            self.defs[name] = fn
        return fn

    def determination(self, name: str) -> Fn:
        """The memoised value closure of a determination."""
        fn = self.dets.get(name)
        if fn is None:
            det = self.checked.determinations[name]
            fn = memoised("det:" + name, self.determination_cases(det, record=False))
            self.dets[name] = fn
        return fn

    def determination_cases(self, det: nodes.Determination, *, record: bool) -> Fn:
        """A closure giving the value of a determination (first true case wins).

        An unknown case condition before the deciding one makes the value unknown: we
        cannot tell which case applies. In recording mode the index of the deciding case
        is left in ``ctx.memo['__case__']`` for the explanation.
        """
        cases = [(self._c(c.cond, record), self._c(c.value, record)) for c in det.cases]
        other = self._c(det.otherwise, record) if det.otherwise is not None else None

        def run(ctx: Context) -> Any:
            pending: Unknown | None = None
            for i, (cond, value) in enumerate(cases):
                start = len(ctx.record) if record and ctx.record is not None else 0
                c = cond(ctx)
                if c is False and record and ctx.record is not None:
                    # A case that does not apply explains nothing: forget what it read.
                    del ctx.record[start:]
                if c is True:
                    if pending is not None:
                        return pending
                    if record:
                        ctx.memo["__case__"] = i
                    return value(ctx)
                if c.__class__ is _U:
                    pending = c if pending is None else merge(pending, c)
            if pending is not None:
                return pending
            if other is not None:
                if record:
                    ctx.memo["__case__"] = len(cases)
                return other(ctx)
            return Unknown(frozenset())

        return run

    # ------------------------------------------------------------------ dispatch
    def _c(self, e: nodes.Expr, rec: bool) -> Fn:
        if isinstance(e, nodes.Literal):
            return const(e.value)
        if isinstance(e, nodes.DurationLit):
            return const(e.value)
        if isinstance(e, nodes.Name | nodes.Field):
            return self._ref(e, rec)
        if isinstance(e, nodes.Present):
            return self._present(e, rec)
        if isinstance(e, nodes.SetLit):
            return self._set(e, rec)
        if isinstance(e, nodes.Quantifier):
            return self._quantifier(e, rec)
        if isinstance(e, nodes.Call):
            return self._call(e, rec)
        if isinstance(e, nodes.Unary):
            return self._unary(e, rec)
        return self._binary(e, rec)

    # ------------------------------------------------------------------ names and paths
    def _ref(self, e: nodes.Name | nodes.Field, rec: bool) -> Fn:
        res = self.checked.resolutions.get(id(e))
        if res is not None and res.kind == "table_column":
            table, col = res.target
            return const(self.checked.table_columns[table][col])
        x, chain = nodes.path_parts(e)
        if not isinstance(x, nodes.Name):
            base = self._c(x, rec)
            return getattr_chain(base, chain)
        root = self.checked.resolutions[id(x)]
        if root.kind == "enum":
            return const(root.target)
        if root.kind == "as_of":
            return as_of_value(rec)
        if root.kind == "switch":
            return switch_value(x.name, rec)
        if root.kind in ("definition", "determination"):
            fn = (
                self.definition(x.name) if root.kind == "definition" else self.determination(x.name)
            )
            if rec and self._reads_facts(x.name):
                # Derived facts are evidence; constant law data (a set of affairs) is not.
                fn = recorded_as(x.name, fn)
            return getattr_chain(fn, chain) if chain else fn
        if root.kind == "field":
            return field_path([x.name, *chain], rec)
        return local_path(x.name, chain, rec)

    def static_reads(self, e: nodes.Expr, *, calendar: bool = False) -> dict[str, Fn] | None:
        """Fast getters for every input ``e`` can read, or ``None`` if that set is not
        fixed (quantifiers over lists, calendar functions). Used to memoise pure results.
        """
        getters: dict[str, Fn] = {}
        seen: set[str] = set()
        stack = [e]
        while stack:
            x = stack.pop()
            if isinstance(x, nodes.Quantifier):
                return None
            if isinstance(x, nodes.Call) and REGISTRY[x.func].needs_context and not calendar:
                return None  # the result depends on the run's calendar
            if isinstance(x, nodes.Name | nodes.Field):
                res = self.checked.resolutions.get(id(x))
                y, chain = nodes.path_parts(x)
                root = self.checked.resolutions.get(id(y)) if isinstance(y, nodes.Name) else None
                if res is not None and res.kind == "table_column":
                    continue
                if root is None:
                    if not isinstance(y, nodes.Name):
                        stack.append(y)
                    continue
                assert isinstance(y, nodes.Name)
                if root.kind == "field":
                    path = ".".join([y.name, *chain])
                    getters.setdefault(path, field_path([y.name, *chain], False))
                elif root.kind == "as_of":
                    getters.setdefault("as_of", as_of_value(False))
                elif root.kind == "switch":
                    getters.setdefault("saklar." + y.name, switch_value(y.name, False))
                elif root.kind == "local":
                    return None
                elif root.kind in ("definition", "determination") and y.name not in seen:
                    seen.add(y.name)
                    if root.kind == "definition":
                        stack.append(self.checked.definitions[y.name].expr)
                    else:
                        det = self.checked.determinations[y.name]
                        stack.extend(c.cond for c in det.cases)
                        stack.extend(c.value for c in det.cases)
                        if det.otherwise is not None:
                            stack.append(det.otherwise)
                continue
            stack.extend(nodes.children(x))
        return getters

    def _reads_facts(self, name: str) -> bool:
        """Whether a definition or determination depends on the agreement or inputs."""
        if name in self.checked.determinations:
            return True
        seen: set[str] = set()
        stack = [self.checked.definitions[name].expr]
        while stack:
            e = stack.pop()
            for sub in nodes.subexpressions(e):
                res = self.checked.resolutions.get(id(sub))
                if res is None:
                    continue
                if res.kind in ("field", "as_of", "determination"):
                    return True
                if res.kind == "definition" and res.target not in seen:
                    seen.add(res.target)
                    stack.append(self.checked.definitions[res.target].expr)
        return False

    def _present(self, e: nodes.Present, rec: bool) -> Fn:
        inner = self._c(e.target, False)

        def present(ctx: Context) -> bool:
            return inner(ctx).__class__ is not _U

        if not rec:
            return present
        path_of = self._path_fn(e.target)

        def present_rec(ctx: Context) -> bool:
            v = inner(ctx)
            known = v.__class__ is not _U
            assert ctx.record is not None
            ctx.record.append((path_of(ctx), v if known else None))
            return known

        return present_rec

    def _path_fn(self, e: nodes.Expr) -> Callable[[Context], str]:
        x, chain = nodes.path_parts(e)
        suffix = "".join("." + c for c in chain)
        if isinstance(x, nodes.Name):
            res = self.checked.resolutions.get(id(x))
            if res is not None and res.kind == "local":
                var = x.name
                return lambda ctx: ctx.paths[var] + suffix
            if res is not None and res.kind == "field":
                static = "$." + x.name + suffix
                return lambda ctx: static
            name = x.name + suffix
            return lambda ctx: name
        return lambda ctx: "<value>"

    # ------------------------------------------------------------------ collections
    def _set(self, e: nodes.SetLit, rec: bool) -> Fn:
        items = [self._c(i, rec) for i in e.items]
        if all(isinstance(i, nodes.Literal) or self._is_const(i) for i in e.items):
            values = tuple(f(None) for f in items)  # type: ignore[arg-type]
            return const(values)

        def build(ctx: Context) -> Any:
            vals = [f(ctx) for f in items]
            if any(v.__class__ is _U for v in vals):
                return merge(*vals)
            return tuple(vals)

        return build

    def _is_const(self, e: nodes.Expr) -> bool:
        if isinstance(e, nodes.Literal | nodes.DurationLit):
            return True
        if isinstance(e, nodes.Name):
            res = self.checked.resolutions.get(id(e))
            return res is not None and res.kind == "enum"
        return False

    def _quantifier(self, e: nodes.Quantifier, rec: bool) -> Fn:
        # The items' facts are the evidence, not the whole list: read it unrecorded.
        coll = self._c(e.collection, False)
        body = self._c(e.body, rec)
        path_of = self._path_fn(e.collection)
        var = e.var
        kind = e.kind

        def run(ctx: Context) -> Any:
            items = coll(ctx)
            if items.__class__ is _U:
                return items
            spend(ctx, len(items))
            saved = ctx.locals.get(var), ctx.paths.get(var)
            base = path_of(ctx)
            loc = ctx.locals
            paths = ctx.paths
            record = ctx.record if rec else None
            start = len(record) if record is not None else 0
            # Reads per kind of item outcome; only the deciding kind is kept as evidence.
            kept: dict[Any, list[tuple[str, Any]]] = {True: [], False: [], None: []}
            # Unknown items are merged once after the loop: merging as they come is
            # quadratic in the number of items (each merge copies the paths so far).
            unknowns: list[Unknown] = []
            count = 0
            result: Any = None
            for i, item in enumerate(items):
                loc[var] = item
                paths[var] = f"{base}[{i}]"
                r = body(ctx)
                if record is not None:
                    kept[r if r is True or r is False else None].extend(record[start:])
                    del record[start:]
                if r is True:
                    count += 1
                    if kind == "any":
                        result = True
                        break
                elif r is False:
                    if kind == "all":
                        result = False
                        if record is None:
                            break
                else:
                    unknowns.append(r)
            loc[var], paths[var] = saved  # type: ignore[assignment]
            unknown = merge(*unknowns) if unknowns else None
            if result is None and unknown is not None and kind != "count":
                result = unknown
            if result is None:
                result = False if kind == "any" else True if kind == "all" else count
            if record is not None:
                if result is True or result is False:
                    record.extend(kept[result])
                elif kind == "count" and unknown is None:
                    record.extend(kept[True])
                else:
                    record.extend(kept[None])
            if kind == "count" and unknown is not None:
                return unknown
            return result

        return run

    # ------------------------------------------------------------------ calls
    def _call(self, e: nodes.Call, rec: bool) -> Fn:
        fn = REGISTRY[e.func]
        impl = fn.impl
        args = [self._c(a, rec) for a in e.args]
        needs_ctx = fn.needs_context

        def call(ctx: Context) -> Any:
            vals = [a(ctx) for a in args]
            for v in vals:
                if v.__class__ is _U:
                    return merge(*vals)
            if needs_ctx:
                return impl(ctx, *vals)
            return impl(*vals)

        explain = fn.explain
        if not rec or explain is None:
            return call
        text = expr_to_source(e)

        def call_rec(ctx: Context) -> Any:
            result = call(ctx)
            if result.__class__ is not _U and ctx.record is not None:
                vals = [a(ctx) for a in args]
                ctx.record.extend(explain(ctx, text, vals, result))
            return result

        return call_rec

    # ------------------------------------------------------------------ operators
    def _unary(self, e: nodes.Unary, rec: bool) -> Fn:
        inner = self._c(e.operand, rec)
        if e.op == "not":

            def not_(ctx: Context) -> Any:
                v = inner(ctx)
                if v is True:
                    return False
                if v is False:
                    return True
                return v

            return not_

        def neg(ctx: Context) -> Any:
            v = inner(ctx)
            if v.__class__ is _U:
                return v
            return -v

        return neg

    def _binary(self, e: nodes.Binary, rec: bool) -> Fn:
        op = e.op
        left = self._c(e.left, rec)
        right = self._c(e.right, rec)
        if op == "and":
            return and_rec(left, right) if rec else and_(left, right)
        if op == "or":
            return or_rec(left, right) if rec else or_(left, right)
        if op == "implies":
            neg_left = self._unary(nodes.Unary("not", e.left), rec)
            return or_rec(neg_left, right) if rec else or_(neg_left, right)
        is_const, value = self.constant(e.right)
        if op in ("in", "notin"):
            if is_const:
                return member_const(left, value, negate=op == "notin")
            return membership(left, right, negate=op == "notin")
        if op in COMPARE:
            ltype = self.checked.types.get(id(e.left))
            if op in ("==", "!=") and ltype is not None and ltype.kind == "list":
                # A list compares as a set: `{KSDPL, KSDLL} == {KSDLL, KSDPL}`.
                same = COMPARE[op]
                return strict2(left, right, lambda a, b: same(frozenset(a), frozenset(b)))
            if is_const:
                return compare_const(left, op, value)
            return strict2(left, right, COMPARE[op])
        return self._arith(e, left, right)

    def constant(self, e: nodes.Expr) -> tuple[bool, Any]:
        """``(True, value)`` when ``e`` does not depend on the agreement or the run."""
        if isinstance(e, nodes.Literal | nodes.DurationLit):
            return True, e.value
        res = self.checked.resolutions.get(id(e))
        if isinstance(e, nodes.Name) and res is not None and res.kind == "enum":
            return True, res.target
        if isinstance(e, nodes.Field) and res is not None and res.kind == "table_column":
            table, col = res.target
            return True, self.checked.table_columns[table][col]
        if isinstance(e, nodes.SetLit):
            values = []
            for item in e.items:
                ok, v = self.constant(item)
                if not ok:
                    return False, None
                values.append(v)
            return True, tuple(values)
        return False, None

    def _arith(self, e: nodes.Binary, left: Fn, right: Fn) -> Fn:
        ltype = self.checked.types.get(id(e.left))
        rtype = self.checked.types.get(id(e.right))
        lk = ltype.kind if ltype else "any"
        rk = rtype.kind if rtype else "any"
        op = e.op
        if lk == "date" and rk == "duration":
            sign = 1 if op == "+" else -1
            return strict2(left, right, lambda a, b: shift(a, b, sign))
        if lk == "duration" and rk == "date":
            return strict2(left, right, lambda a, b: shift(b, a, 1))
        if lk == "date" and rk == "date":
            return strict2(left, right, lambda a, b: (a - b).days)
        if lk == "duration" and rk == "duration":
            return strict2(
                left,
                right,
                lambda a, b: Duration(a.years + b.years, a.months + b.months, a.days + b.days),
            )
        if op == "/":
            return strict2(left, right, divide)
        return strict2(left, right, ARITH[op])

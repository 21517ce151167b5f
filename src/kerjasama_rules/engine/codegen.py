"""Checked rules -> generated Python functions: the fast path of evaluation.

Part of the compile stage, beside ``compiler.py``. The rules of a plan (those that can
apply to one ``jenis`` in one period of law, see ``planning.py``) become ONE Python
function (:func:`generate_plan`), generated as source from the checked syntax trees and
compiled with ``compile()`` when the plan is first used: for each rule in turn, the
applicability test, the exceptions, every guard and every requirement inline, with
Kleene's three-valued logic spelled out in statements, field paths as attribute reads
and quantifiers as ``for`` loops. Evaluation then costs what hand-written code costs; no
tree is walked, no closure is called per operator and no function is called per rule.
:func:`generate_rule` makes the same decision for one rule alone (tests, benchmarks).

Only the decision is generated. Explaining a finding (which facts decided it) re-runs the
recording closures of ``compiler.py``, and a test keeps both paths equal on generated
agreements.

Nothing from a rule file reaches the generated text unchecked: names are the checker's
resolved field names (identifiers of the attrs model), local variables get a ``v_``
prefix, and every constant (literals, enum members, table columns, unknown values, paths)
is passed through the function's namespace, never spliced into the source.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ..language import nodes
from ..language.functions import REGISTRY
from ..language.values import Unknown, merge
from ..model.duration import Duration
from .cache import compile_source
from .closures import Context, WorkLimitError, shift, spend
from .compiler import Compiler
from .report import Outcome

__all__ = ["PlanRule", "RuleProgram", "generate_plan", "generate_rule"]

_NO_JENIS = object()

# What a generated rule function returns (see generate_rule).
NOT_APPLICABLE = 0
EXCEPTED = 1


class RuleProgram:
    """A generated rule function and its source (kept for debugging and tests)."""

    __slots__ = ("fn", "source")

    def __init__(self, fn: Callable[[Context], Any], source: str) -> None:
        self.fn = fn
        self.source = source


class _Gen:
    def __init__(self, comp: Compiler) -> None:
        self.comp = comp
        self.checked = comp.checked
        self.ns: dict[str, Any] = {
            "U": Unknown,
            "merge": merge,
            "_shift": shift,
            "spend": spend,
            "WorkLimitError": WorkLimitError,
        }
        self._ids = itertools.count()
        self._consts: dict[tuple[type, Any], str] = {}
        # quantifier variable -> (python var of the item, index var, path-prefix var)
        self.locals: dict[str, tuple[str, str, str]] = {}
        # The plan's `jenis`, when the code is generated for one plan: tests of `jenis`
        # (a required fact, never unknown) are then decided here, not at run time.
        self.jenis: Any = _NO_JENIS

    # ------------------------------------------------------------------ helpers
    def tmp(self) -> str:
        return f"t{next(self._ids)}"

    def const(self, value: Any) -> str:
        try:
            key: tuple[type, Any] | None = (type(value), value)
            hash(key)
        except TypeError:
            key = None
        if key is not None and key in self._consts:
            return self._consts[key]
        name = f"K{next(self._ids)}"
        self.ns[name] = value
        if key is not None:
            self._consts[key] = name
        return name

    def constant(self, e: nodes.Expr) -> tuple[bool, Any]:
        """``(True, value)`` when ``e`` does not depend on the agreement or the run: the
        compiler's constants, and definitions whose body is one (a set of enum members,
        a list of country codes), folded so that no closure is called to read them."""
        ok, value = self.comp.constant(e)
        if ok or not isinstance(e, nodes.Name):
            return ok, value
        res = self.checked.resolutions.get(id(e))
        if res is not None and res.kind == "definition":
            d = self.checked.definitions.get(e.name)
            if d is not None:
                return self.constant(d.expr)
        return False, None

    def known(self, e: nodes.Expr) -> bool | None:
        """The truth of ``e`` decided while generating: a boolean constant, or a test of
        ``jenis`` against constants in a plan's code; None when only a run can tell."""
        ok, value = self.constant(e)
        if ok:
            return value if value is True or value is False else None
        if (
            self.jenis is _NO_JENIS
            or not isinstance(e, nodes.Binary)
            or e.op not in ("==", "!=", "in", "notin")
            or not isinstance(e.left, nodes.Name)
            or e.left.name != "jenis"
        ):
            return None
        res = self.checked.resolutions.get(id(e.left))
        if res is None or res.kind != "field":
            return None
        ok, value = self.constant(e.right)
        if not ok:
            return None
        if e.op in ("==", "!="):
            return (self.jenis is value) == (e.op == "==")
        return (self.jenis in tuple(value)) == (e.op == "in")

    # ------------------------------------------------------------------ expressions
    def expr(self, e: nodes.Expr, out: str, lines: list[str], ind: str) -> None:
        """Append statements to ``lines`` that leave the value of ``e`` in ``out``."""
        ok, value = self.constant(e)
        if not ok and self.jenis is not _NO_JENIS:
            k = self.known(e)
            ok, value = k is not None, k
        if ok:
            lines.append(f"{ind}{out} = {self.const(value)}")
            return
        if isinstance(e, nodes.Name | nodes.Field):
            self.ref(e, out, lines, ind)
        elif isinstance(e, nodes.Present):
            t = self.tmp()
            self.expr(e.target, t, lines, ind)
            lines.append(f"{ind}{out} = {t}.__class__ is not U")
        elif isinstance(e, nodes.Unary):
            t = self.tmp()
            self.expr(e.operand, t, lines, ind)
            if e.op == "not":
                lines.append(f"{ind}{out} = {t} if {t}.__class__ is U else not {t}")
            else:
                lines.append(f"{ind}{out} = {t} if {t}.__class__ is U else -{t}")
        elif isinstance(e, nodes.Binary):
            self.binary(e, out, lines, ind)
        elif isinstance(e, nodes.Quantifier):
            self.quantifier(e, out, lines, ind)
        elif isinstance(e, nodes.Call):
            self.call(e, out, lines, ind)
        elif isinstance(e, nodes.SetLit):
            items = []
            for item in e.items:
                t = self.tmp()
                self.expr(item, t, lines, ind)
                items.append(t)
            tup = "(" + "".join(f"{t}, " for t in items) + ")"
            unknown = " or ".join(f"{t}.__class__ is U" for t in items) or "False"
            lines.append(f"{ind}{out} = merge(*{tup}) if {unknown} else {tup}")
        else:  # pragma: no cover - constants were handled above
            msg = f"cannot generate code for {type(e).__name__}"
            raise TypeError(msg)

    def ref(self, e: nodes.Name | nodes.Field, out: str, lines: list[str], ind: str) -> None:
        x, chain = nodes.path_parts(e)
        if not isinstance(x, nodes.Name):
            base = self.tmp()
            self.expr(x, base, lines, ind)
            self.walk(base, chain, out, lines, ind, None)
            return
        res = self.checked.resolutions[id(x)]
        kind = res.kind
        if kind == "field":
            path = "$." + ".".join([x.name, *chain])
            unk = self.const(Unknown(frozenset({path})))
            lines.append(f"{ind}{out} = A.{x.name}")
            self.walk_known(out, chain, lines, ind, unk, first_none_check=True)
        elif kind == "local":
            var, idx, base = self.locals[x.name]
            lines.append(f"{ind}{out} = {var}")
            if chain:
                suffix = "".join("." + c for c in chain)
                miss = f"U(frozenset({{f'{{{base}}}[{{{idx}}}]{suffix}'}}))"
                self.walk_known(out, chain, lines, ind, miss, first_none_check=False)
        elif kind in ("definition", "determination"):
            fn = (
                self.comp.definition(x.name)
                if kind == "definition"
                else self.comp.determination(x.name)
            )
            lines.append(f"{ind}{out} = {self.const(fn)}(ctx)")
            if chain:
                self.walk(out, chain, out, lines, ind, None)
        elif kind == "as_of":
            unk = self.const(Unknown(frozenset({"as_of"})))
            lines.append(f"{ind}{out} = ctx.as_of")
            lines.append(f"{ind}if {out} is None:")
            lines.append(f"{ind}    {out} = {unk}")
        elif kind == "switch":
            lines.append(f"{ind}{out} = ctx.switches[{self.const(x.name)}]")
        else:  # enum constants and table columns are constants, handled by expr()
            msg = f"unexpected name kind {kind}"
            raise TypeError(msg)

    def walk_known(
        self,
        out: str,
        chain: list[str],
        lines: list[str],
        ind: str,
        missing: str,
        *,
        first_none_check: bool,
    ) -> None:
        # `out` holds the root value; follow the chain, any None making the whole path
        # missing (the fact the rule needs is the leaf).
        if first_none_check:
            lines.append(f"{ind}if {out} is None:")
            lines.append(f"{ind}    {out} = {missing}")
            if not chain:
                return
            lines.append(f"{ind}else:")
            ind += "    "
        for i, name in enumerate(chain):
            lines.append(f"{ind}{out} = {out}.{name}")
            lines.append(f"{ind}if {out} is None:")
            lines.append(f"{ind}    {out} = {missing}")
            if i < len(chain) - 1:
                lines.append(f"{ind}else:")
                ind += "    "

    def walk(
        self, base: str, chain: list[str], out: str, lines: list[str], ind: str, _: None
    ) -> None:
        # Fields of a computed record (a definition's value): no static path to name.
        lines.append(f"{ind}{out} = {base}")
        unk = self.const(Unknown(frozenset()))
        for name in chain:
            lines.append(f"{ind}if {out}.__class__ is not U:")
            lines.append(f"{ind}    {out} = {out}.{name}")
            lines.append(f"{ind}    if {out} is None:")
            lines.append(f"{ind}        {out} = {unk}")

    def binary(self, e: nodes.Binary, out: str, lines: list[str], ind: str) -> None:
        op = e.op
        if op in ("and", "or"):
            # A side decided while generating: `x and True` is x, `x or False` is x.
            absorbing = op == "or"
            kl, kr = self.known(e.left), self.known(e.right)
            if kl is absorbing or kr is absorbing:
                lines.append(f"{ind}{out} = {absorbing}")
                return
            if kl is not None:
                self.expr(e.right, out, lines, ind)
                return
            if kr is not None:
                self.expr(e.left, out, lines, ind)
                return
        if op in ("and", "or", "implies"):
            a, b = self.tmp(), self.tmp()
            if op == "implies":
                self.expr(nodes.Unary("not", e.left), a, lines, ind)
            else:
                self.expr(e.left, a, lines, ind)
            stop = "False" if op == "and" else "True"
            keep = "True" if op == "and" else "False"
            lines.append(f"{ind}if {a} is {stop}:")
            lines.append(f"{ind}    {out} = {stop}")
            lines.append(f"{ind}else:")
            inner = ind + "    "
            self.expr(e.right, b, lines, inner)
            lines.append(f"{inner}if {b} is {stop}:")
            lines.append(f"{inner}    {out} = {stop}")
            lines.append(f"{inner}elif {a} is {keep}:")
            lines.append(f"{inner}    {out} = {b}")
            lines.append(f"{inner}elif {b} is {keep}:")
            lines.append(f"{inner}    {out} = {a}")
            lines.append(f"{inner}else:")
            lines.append(f"{inner}    {out} = merge({a}, {b})")
            return
        a = self.tmp()
        self.expr(e.left, a, lines, ind)
        is_const, value = self.constant(e.right)
        ltype = self.checked.types.get(id(e.left))
        list_eq = op in ("==", "!=") and ltype is not None and ltype.kind == "list"
        if is_const and not list_eq and op in ("in", "notin", "==", "!=", "<", "<=", ">", ">="):
            test = self.const_test(a, op, value)
            lines.append(f"{ind}{out} = {a} if {a}.__class__ is U else ({test})")
            return
        b = self.tmp()
        self.expr(e.right, b, lines, ind)
        if list_eq:
            test = f"frozenset({a}) {op} frozenset({b})"
        elif op == "in":
            test = f"{a} in {b}"
        elif op == "notin":
            test = f"{a} not in {b}"
        elif op in ("==", "!=", "<", "<=", ">", ">="):
            test = f"{a} {op} {b}"
        else:
            test = self.arith(e, a, b)
        lines.append(
            f"{ind}{out} = merge({a}, {b}) if {a}.__class__ is U or {b}.__class__ is U "
            f"else ({test})"
        )

    def const_test(self, a: str, op: str, value: Any) -> str:
        if op in ("in", "notin"):
            values = tuple(value)
            neg = "not " if op == "notin" else ""
            if values and all(isinstance(v, enum.Enum) for v in values):
                if len(set(values)) <= 4:
                    # Enum members are singletons: a few identity tests beat a call.
                    names = [self.const(v) for v in dict.fromkeys(values)]
                    if op == "notin":
                        return " and ".join(f"{a} is not {k}" for k in names)
                    return "(" + " or ".join(f"{a} is {k}" for k in names) + ")"
                ids = self.const(frozenset(id(v) for v in values))
                return f"id({a}) {neg}in {ids}"
            try:
                lookup = self.const(frozenset(values))
            except TypeError:
                lookup = self.const(values)
            return f"{a} {neg}in {lookup}"
        k = self.const(value)
        if isinstance(value, Duration) and op in ("<", "<=", ">", ">=") and not value.days:
            # Whole months against whole months compare as month counts (Duration's own
            # order, without a call); a count of days goes through the calendar order.
            months = 12 * value.years + value.months
            return f"(12 * {a}.years + {a}.months {op} {months} if not {a}.days else {a} {op} {k})"
        if isinstance(value, enum.Enum) and op in ("==", "!="):
            return f"{a} is {k}" if op == "==" else f"{a} is not {k}"
        return f"{a} {op} {k}"

    def arith(self, e: nodes.Binary, a: str, b: str) -> str:
        lt = self.checked.types.get(id(e.left))
        rt = self.checked.types.get(id(e.right))
        lk = lt.kind if lt else "any"
        rk = rt.kind if rt else "any"
        op = e.op
        if lk == "date" and rk == "duration":
            return f"_shift({a}, {b}, {1 if op == '+' else -1})"
        if lk == "duration" and rk == "date":
            return f"_shift({b}, {a}, 1)"
        if lk == "date" and rk == "date":
            return f"({a} - {b}).days"
        if lk == "duration" and rk == "duration":
            dur = self.const(Duration)
            return f"{dur}({a}.years + {b}.years, {a}.months + {b}.months, {a}.days + {b}.days)"
        if op == "/":
            return f"{self.const(_divide)}({a}, {b})"
        return f"{a} {op} {b}"

    def call(self, e: nodes.Call, out: str, lines: list[str], ind: str) -> None:
        fn = REGISTRY[e.func]
        args = []
        for arg in e.args:
            t = self.tmp()
            self.expr(arg, t, lines, ind)
            args.append(t)
        impl = self.const(fn.impl)
        call_args = ", ".join((["ctx"] if fn.needs_context else []) + args)
        if not args:
            lines.append(f"{ind}{out} = {impl}({call_args})")
            return
        unknown = " or ".join(f"{t}.__class__ is U" for t in args)
        lines.append(f"{ind}{out} = merge({', '.join(args)}) if {unknown} else {impl}({call_args})")

    def quantifier(self, e: nodes.Quantifier, out: str, lines: list[str], ind: str) -> None:
        coll = self.tmp()
        self.expr(e.collection, coll, lines, ind)
        n = next(self._ids)
        var, idx, base, unk = f"v{n}_{e.var}", f"i{n}", f"p{n}", f"u{n}"
        lines.append(f"{ind}if {coll}.__class__ is U:")
        lines.append(f"{ind}    {out} = {coll}")
        lines.append(f"{ind}else:")
        ind1 = ind + "    "
        lines.append(f"{ind1}{base} = {self.path_of(e.collection)}")
        start = {"all": "True", "any": "False", "count": "0"}[e.kind]
        lines.append(f"{ind1}{out} = {start}")
        lines.append(f"{ind1}{unk} = None")
        # The budget of the evaluation (limit `max_evaluation_work`), once per loop.
        lines.append(f"{ind1}spend(ctx, len({coll}))")
        lines.append(f"{ind1}for {idx}, {var} in enumerate({coll}):")
        ind2 = ind1 + "    "
        saved = self.locals.get(e.var)
        self.locals[e.var] = (var, idx, base)
        body = self.tmp()
        self.expr(e.body, body, lines, ind2)
        if saved is None:
            del self.locals[e.var]
        else:
            self.locals[e.var] = saved
        if e.kind == "all":
            lines.append(f"{ind2}if {body} is False:")
            lines.append(f"{ind2}    {out} = False")
            lines.append(f"{ind2}    break")
            lines.append(f"{ind2}if {body} is not True:")
        elif e.kind == "any":
            lines.append(f"{ind2}if {body} is True:")
            lines.append(f"{ind2}    {out} = True")
            lines.append(f"{ind2}    break")
            lines.append(f"{ind2}if {body} is not False:")
        else:
            lines.append(f"{ind2}if {body} is True:")
            lines.append(f"{ind2}    {out} += 1")
            lines.append(f"{ind2}elif {body} is not False:")
        # Unknown items are collected and merged once after the loop: merging as they
        # come is quadratic in the number of items.
        lines.append(f"{ind2}    if {unk} is None:")
        lines.append(f"{ind2}        {unk} = [{body}]")
        lines.append(f"{ind2}    else:")
        lines.append(f"{ind2}        {unk}.append({body})")
        if e.kind == "count":
            lines.append(f"{ind1}if {unk} is not None:")
        else:
            lines.append(f"{ind1}if {out} is {start} and {unk} is not None:")
        lines.append(f"{ind1}    {out} = merge(*{unk})")

    def path_of(self, e: nodes.Expr) -> str:
        """Source of an expression giving the JSONPath of a collection, for missing facts."""
        x, chain = nodes.path_parts(e)
        suffix = "".join("." + c for c in chain)
        if isinstance(x, nodes.Name):
            res = self.checked.resolutions.get(id(x))
            if res is not None and res.kind == "local":
                _, idx, base = self.locals[x.name]
                return f"f'{{{base}}}[{{{idx}}}]{suffix}'"
            if res is not None and res.kind == "field":
                return repr("$." + x.name + suffix)
            return repr(x.name + suffix)
        return repr("<value>")


def _divide(a: Any, b: Any) -> Any:
    if b == 0:
        return Unknown(frozenset())
    return Decimal(a) / Decimal(b)


def _rule_lines(
    g: _Gen, rule: nodes.Rule, lines: list[str], ind: str, exit: Callable[[str, str], list[str]]
) -> None:
    """Append the decision of ``rule``; ``exit(kind, value)`` gives the statements that
    leave it, ``kind`` being ``"na"`` (value ``0``), ``"excepted"`` (``1``), ``"undecided"``
    (a when/unless tuple) or ``"done"`` (the tuple of requirements that did not hold)."""
    known = None if rule.when is None else g.known(rule.when)
    if known is False:
        lines += [f"{ind}{x}" for x in exit("na", "0")]
        return
    if rule.when is not None and known is None:
        t = g.tmp()
        g.expr(rule.when, t, lines, ind)
        lines.append(f"{ind}if {t} is False:")
        lines += [f"{ind}    {x}" for x in exit("na", "0")]
        lines.append(f"{ind}if {t} is not True:")
        lines += [f"{ind}    {x}" for x in exit("undecided", f"('when', {t})")]
    for i, u in enumerate(rule.unless):
        t = g.tmp()
        g.expr(u, t, lines, ind)
        lines.append(f"{ind}if {t} is True:")
        lines += [f"{ind}    {x}" for x in exit("excepted", "1")]
        lines.append(f"{ind}if {t} is not False:")
        lines += [f"{ind}    {x}" for x in exit("undecided", f"('unless', {i}, {t})")]
    res = g.tmp()
    lines.append(f"{ind}{res} = ()")
    for i, q in enumerate(rule.requirements):
        inner = ind
        if q.guard is not None:
            t = g.tmp()
            g.expr(q.guard, t, lines, ind)
            lines.append(f"{ind}if {t} is False:")
            lines.append(f"{ind}    {res} += (({i}, 'pending', False),)")
            lines.append(f"{ind}elif {t} is not True:")
            lines.append(f"{ind}    {res} += (({i}, 'guard', {t}),)")
            lines.append(f"{ind}else:")
            inner = ind + "    "
        t = g.tmp()
        g.expr(q.expr, t, lines, inner)
        lines.append(f"{inner}if {t} is not True:")
        lines.append(f"{inner}    {res} += (({i}, 'expr', {t}),)")
    lines += [f"{ind}{x}" for x in exit("done", res)]


def generate_rule(comp: Compiler, rule: nodes.Rule) -> RuleProgram:
    """Generate the decision function of one checked rule.

    The function takes the evaluation :class:`Context` and returns:

    * ``0`` when the rule does not apply (``berlaku jika`` is false);
    * ``1`` when an exception (``kecuali``) holds;
    * ``("when", unknown)`` or ``("unless", i, unknown)`` when that is undecided;
    * otherwise a tuple of ``(i, kind, value)`` for each requirement ``i`` that did not
      simply hold: ``kind`` is ``"pending"`` (its ``jika`` is false), ``"guard"`` (its
      ``jika`` is unknown, ``value``) or ``"expr"`` (``value`` is ``False`` or unknown).
      An empty tuple means every requirement holds.
    """
    g = _Gen(comp)
    lines = ["def rule(ctx):", "    A = ctx.agreement"]
    _rule_lines(g, rule, lines, "    ", lambda _kind, value: [f"return {value}"])
    source = "\n".join(lines) + "\n"
    code = compile_source(source, f"<rule {rule.id}>")
    exec(code, g.ns)
    return RuleProgram(g.ns["rule"], source)


class PlanRule(NamedTuple):
    """What a plan's function needs of one rule besides its syntax tree."""

    position: int  # its place in the report's outcomes
    node: nodes.Rule
    passed: Outcome | None  # the shared `pass` outcome; None when notes make each differ
    excepted: Outcome  # the shared `not_applicable` outcome of an exception that holds
    finish: Callable[[Any, Context], Outcome]  # the outcome of any other result
    error: Callable[[Exception], Outcome]  # the outcome of a rule that crashed


def generate_plan(comp: Compiler, rules: Sequence[PlanRule], jenis: Any = _NO_JENIS) -> RuleProgram:
    """One function deciding every rule of a plan, inline, with no dispatch per rule.

    ``plan(ctx, outs, ran)`` writes each rule's outcome into ``outs`` (which holds the
    rule's ``not_applicable`` outcome on entry, kept when the rule does not apply) and
    appends to ``ran`` the outcomes with findings or an error, in rule order. A rule
    whose requirements all hold gets its shared ``pass`` outcome without a call; any
    other result goes through ``finish`` (running.py). Each rule's block is guarded on
    its own: a crash becomes that rule's ``error`` outcome and the next rule runs. With
    ``jenis``, the code serves agreements of that ``jenis`` only, and its tests are
    decided while generating.
    """
    g = _Gen(comp)
    # Only a member of the enum is folded: anything else is left to the run.
    g.jenis = jenis if isinstance(jenis, enum.Enum) else _NO_JENIS
    lines = ["def plan(ctx, outs, ran):", "    A = ctx.agreement"]
    for r in rules:
        i = r.position
        done = g.tmp()
        lines.append("    try:")
        lines.append(f"        {done} = None")
        lines.append("        while True:")

        def exit(kind: str, value: str, r: PlanRule = r, done: str = done) -> list[str]:
            if kind == "na":
                return ["break"]
            if kind == "excepted":
                return [f"outs[{r.position}] = {g.const(r.excepted)}", "break"]
            return [f"{done} = {value}", "break"]

        _rule_lines(g, r.node, lines, "            ", exit)
        finish = g.const(r.finish)
        lines.append(f"        if {done} is not None:")
        if r.passed is not None:
            lines.append(f"            if not {done}:")
            lines.append(f"                outs[{i}] = {g.const(r.passed)}")
            lines.append("            else:")
            ind = "                "
        else:
            ind = "            "
        lines.append(f"{ind}o = outs[{i}] = {finish}({done}, ctx)")
        lines.append(f"{ind}if o.findings or o.error is not None:")
        lines.append(f"{ind}    ran.append(o)")
        # Over the evaluation's budget is not a crash of the rule: the evaluation as a
        # whole stops (limit `max_evaluation_work`), as in running.run_rule.
        lines.append("    except WorkLimitError as exc:")
        lines.append(f"        raise exc.located(rule={r.node.id!r}) from None")
        lines.append("    except Exception as exc:")
        lines.append(f"        o = outs[{i}] = {g.const(r.error)}(exc)")
        lines.append("        ran.append(o)")
    if not rules:
        lines.append("    return")
    source = "\n".join(lines) + "\n"
    code = compile(source, "<plan>", "exec")
    exec(code, g.ns)
    return RuleProgram(g.ns["plan"], source)

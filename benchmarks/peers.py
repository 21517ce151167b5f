"""Benchmark: the same 15 rules in this library and in other rule engines, side by side.

Usage::

    python benchmarks/peers.py [--n 20000] [--peer-n 2000] [--passes 5] [--json FILE]

The 15 rules (``RULES`` below, in this library's language): the two DPRD triggers (PP
28/2018 Pasal 6 ayat (2) for KSDD/KSDPK, Pasal 30 ayat (1) and 38 for KSDPL/KSDLL), the
five prerequisites of Pasal 27 ayat (1), the seven plan contents of Pasal 30 ayat (3) and
a term limit (``jangka_waktu <= 60 bulan``). A rule counts as *violated* when its outcome
is ``fail`` or ``unknown`` (missing is not false: a rule that cannot be decided is not
passed). Each engine yields 15 booleans per agreement; every engine's booleans are
compared with the straight-line function's, agreement by agreement and rule by rule, and
a single mismatch fails the run (exit 1).

Engines:

* ``straight-line``: a hand-written Python function (``straight_line``), the 1.0x;
* this library: ``evaluate()`` (full report: findings, evidence, determinations),
  ``evaluate(evidence=False)``, and the generated decision function alone (what the
  report is built from: ``RuleSet._decide``);
* peers, each where it installs (the ``bench`` extra: ``pip install -e '.[bench]'``; a
  peer that does not import is reported as "not installed"): GoRules ZEN
  (``zen-engine``: all rules fused in one expression, and one compiled expression per
  rule), JsonLogic (``panzi-json-logic``), ``cel-python``, ``cedarpy`` and
  ``rule-engine``. Their input is a plain dict made from the agreement before timing (the
  shape they are built for); Cedar has no null and no quantifier over records, so its
  context leaves missing facts out and carries the partners' countries and
  interference flags as sets, and it has no whitespace test, so "blank" arrives as a
  flag.

Each pass is timed twice: **first pass** (a freshly compiled rule set on agreements never
seen, so no memo is warm) and **warm** (the same engine over the same agreements again).
The figures are the median, min and max over ``--passes`` passes, in µs per agreement
(CPU time of the process, ``time.process_time``, so that other users of a shared
machine do not count), with the ratio of medians to the straight-line function. Slow
peers run on the first ``--peer-n`` agreements of each pass; every engine on the same
agreements is cross-checked.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_eval import generate  # noqa: E402

import kerjasama_rules as kr  # noqa: E402
from kerjasama_rules.model.agreement import Agreement, Jenis, KeputusanDprd, Urusan  # noqa: E402
from kerjasama_rules.model.duration import Duration  # noqa: E402

AS_OF = datetime.date(2026, 11, 29)
PLAN_FIELDS = (
    "subjek",
    "latar_belakang",
    "maksud_tujuan_sasaran",
    "objek",
    "ruang_lingkup",
    "sumber_pembiayaan",
    "jangka_waktu",
)
_HURUF = "abcdefg"
BAD_COUNTRIES = ("IL", "TW")
ABSOLUT = (
    "politik_luar_negeri",
    "pertahanan",
    "keamanan",
    "yustisi",
    "moneter_fiskal_nasional",
    "agama",
)

# ---------------------------------------------------------------- the rules, this library
_PLAN_RULES = "".join(
    f"""
aturan "p30-3{h}" {{
  judul "KSDPL: rencana kerja sama memuat {f}"
  dasar PP 28/2018 Pasal 30 ayat (3) huruf {h}
  berlaku jika jenis == KSDPL dan terisi rencana
  wajib terisi rencana.{f} dan tidak kosong(rencana.{f})
    pesan "Rencana kerja sama KSDPL wajib memuat {f}"
    pesan en "The cooperation plan of a KSDPL must contain {f}"
}}
"""
    for h, f in zip(_HURUF, PLAN_FIELDS, strict=True)
)
RULES = (
    """

definisi tanpa_hubungan_diplomatik = {"IL", "TW"}
  dasar PP 28/2018 Pasal 27 ayat (1) huruf a
definisi urusan_absolut = {politik_luar_negeri, pertahanan, keamanan, yustisi, moneter_fiskal_nasional, agama}
  dasar UU 23/2014 Pasal 10 ayat (1)

aturan "dprd-dn" {
  judul "KSDD/KSDPK yang membebani atau belum teranggarkan: persetujuan DPRD"
  dasar PP 28/2018 Pasal 6 ayat (2)
  berlaku jika jenis dalam {KSDD, KSDPK} dan (membebani_masyarakat_dan_daerah atau tidak teranggarkan_apbd)
  wajib dprd.keputusan == disetujui
    pesan "Kerja sama ini wajib mendapat persetujuan DPRD"
    pesan en "This cooperation needs DPRD approval"
}

aturan "dprd-ln" {
  judul "KSDPL/KSDLL: persetujuan DPRD"
  dasar PP 28/2018 Pasal 30 ayat (1), Pasal 38
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib dprd.keputusan == disetujui
    pesan "Setiap KSDPL dan KSDLL wajib mendapat persetujuan DPRD"
    pesan en "Every KSDPL and KSDLL needs DPRD approval"
}

aturan "p27-1a" {
  judul "Hubungan diplomatik"
  dasar PP 28/2018 Pasal 27 ayat (1) huruf a
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib setiap m dalam mitra: m.negara tidak dalam tanpa_hubungan_diplomatik
    pesan "Negara mitra harus mempunyai hubungan diplomatik dengan Indonesia"
    pesan en "The partner's country must have diplomatic relations with Indonesia"
}

aturan "p27-1b" {
  judul "Urusan Pemerintah Daerah"
  dasar PP 28/2018 Pasal 27 ayat (1) huruf b
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib setiap u dalam urusan: u tidak dalam urusan_absolut
    pesan "Objek kerja sama harus merupakan urusan Pemerintah Daerah"
    pesan en "The object must be a regional government affair"
}

aturan "p27-1c" {
  judul "Tanpa kantor perwakilan di luar negeri"
  dasar PP 28/2018 Pasal 27 ayat (1) huruf c
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib tidak kantor_perwakilan_luar_negeri
    pesan "Pemerintah Daerah tidak boleh membuka kantor perwakilan di luar negeri"
    pesan en "The regional government must not open a representative office abroad"
}

aturan "p27-1d" {
  judul "Mitra tidak mencampuri urusan dalam negeri"
  dasar PP 28/2018 Pasal 27 ayat (1) huruf d
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib setiap m dalam mitra: tidak m.mencampuri_urusan_dalam_negeri
    pesan "Mitra luar negeri tidak boleh mencampuri urusan pemerintahan dalam negeri"
    pesan en "The foreign partner must not interfere in domestic government affairs"
}

aturan "p27-1e" {
  judul "Sesuai rencana pembangunan"
  dasar PP 28/2018 Pasal 27 ayat (1) huruf e
  berlaku jika jenis dalam {KSDPL, KSDLL}
  wajib sesuai_rencana_pembangunan
    pesan "Kerja sama harus sesuai dengan rencana pembangunan nasional dan daerah"
    pesan en "The cooperation must be consistent with national and regional development plans"
}
"""
    + _PLAN_RULES
    + """
aturan "jangka" {
  judul "Jangka waktu paling lama 60 bulan"
  dasar PP 28/2018 Pasal 6 ayat (4)
  wajib jangka_waktu <= 60 bulan
    pesan "Jangka waktu lebih dari 60 bulan"
    pesan en "The term is longer than 60 months"
}
"""
)
RULE_IDS = (
    "dprd-dn",
    "dprd-ln",
    "p27-1a",
    "p27-1b",
    "p27-1c",
    "p27-1d",
    "p27-1e",
    *tuple(f"p30-3{h}" for h in _HURUF),
    "jangka",
)
VIOLATED = frozenset({"fail", "unknown"})

Verdicts = tuple[bool, ...]

# ---------------------------------------------------------------- the straight-line floor
_KSDD, _KSDPK, _KSDPL, _KSDLL = Jenis.KSDD, Jenis.KSDPK, Jenis.KSDPL, Jenis.KSDLL
_DISETUJUI = KeputusanDprd.DISETUJUI
_BAD = frozenset(BAD_COUNTRIES)
_ABS = frozenset(Urusan(u) for u in ABSOLUT)
_NONE7 = (False,) * 7
_SIXTY_MONTHS = Duration(months=60)


def straight_line(a: Agreement) -> Verdicts:
    """The 15 verdicts (True = violated) written by hand, as plain Python would."""
    j = a.jenis
    d = a.dprd
    approved = d is not None and d.keputusan is _DISETUJUI
    if j is _KSDD or j is _KSDPK:
        b, t = a.membebani_masyarakat_dan_daerah, a.teranggarkan_apbd
        if b is False and t is True:
            r1 = False  # not applicable
        elif b is True or t is False:
            r1 = not approved
        else:
            r1 = True  # applicability unknown
        r2 = r3 = r4 = r5 = r6 = r7 = False
    else:
        r1 = False
        r2 = not approved
        ms = a.mitra
        if ms is None:
            r3 = r6 = True
        else:
            r3 = r6 = False
            for m in ms:
                if m.negara is None or m.negara in _BAD:
                    r3 = True
                if m.mencampuri_urusan_dalam_negeri is not False:
                    r6 = True
        us = a.urusan
        r4 = us is None or any(u in _ABS for u in us)
        r5 = a.kantor_perwakilan_luar_negeri is not False
        r7 = a.sesuai_rencana_pembangunan is not True
    p = a.rencana
    if j is _KSDPL and p is not None:
        plan = tuple(
            x is None or not x.strip()
            for x in (
                p.subjek,
                p.latar_belakang,
                p.maksud_tujuan_sasaran,
                p.objek,
                p.ruang_lingkup,
                p.sumber_pembiayaan,
                p.jangka_waktu,
            )
        )
    else:
        plan = _NONE7
    w = a.jangka_waktu
    if w is None:
        r15 = True
    elif w.days == 0:
        r15 = 12 * w.years + w.months > 60
    else:
        r15 = w > _SIXTY_MONTHS
    return (r1, r2, r3, r4, r5, r6, r7, *plan, r15)


# ---------------------------------------------------------------- plain-dict input of peers
def to_doc(a: Agreement) -> dict[str, Any]:
    """The facts the 15 rules read, as a JSON-shaped dict (None = missing)."""
    d = a.dprd
    p = a.rencana
    w = a.jangka_waktu
    if w is not None and w.days:
        msg = "the peers take the term in months: a term in days is not generated"
        raise ValueError(msg)
    doc: dict[str, Any] = {
        "jenis": a.jenis.value,
        "membebani": a.membebani_masyarakat_dan_daerah,
        "teranggarkan": a.teranggarkan_apbd,
        "keputusan": None if d is None or d.keputusan is None else d.keputusan.value,
        "mitra": None
        if a.mitra is None
        else [{"negara": m.negara, "campur": m.mencampuri_urusan_dalam_negeri} for m in a.mitra],
        "urusan": None if a.urusan is None else [u.value for u in a.urusan],
        "kantor": a.kantor_perwakilan_luar_negeri,
        "sesuai": a.sesuai_rencana_pembangunan,
        "rencana": p is not None,
        "jangka_bulan": None if w is None else 12 * w.years + w.months,
    }
    for f in PLAN_FIELDS:
        doc["p_" + f] = None if p is None else getattr(p, f)
    return doc


# ---------------------------------------------------------------- engines
class Engine:
    """One way of computing the 15 verdicts: ``build()`` compiles, ``convert`` prepares."""

    name = ""
    slow = False  # runs on --peer-n agreements only
    very_slow = False  # on a tenth of them
    note = ""

    def build(self) -> Callable[[Any], Verdicts]:
        raise NotImplementedError

    def convert(self, a: Agreement) -> Any:
        return to_doc(a)


class StraightLine(Engine):
    name = "straight-line Python (hand-written)"

    def build(self) -> Callable[[Any], Verdicts]:
        return straight_line

    def convert(self, a: Agreement) -> Any:
        return a


def _library_verdicts(report: kr.Report) -> Verdicts:
    return tuple(o.status in VIOLATED for o in report.outcomes)


class Library(Engine):
    def __init__(self, evidence: bool) -> None:
        self.evidence = evidence
        self.name = (
            "kerjasama_rules evaluate(), full report"
            if evidence
            else "kerjasama_rules evaluate(evidence=False)"
        )

    def build(self) -> Callable[[Any], Verdicts]:
        rules = kr.compile(RULES)
        assert tuple(r.id for r in rules.rules) == RULE_IDS
        evaluate = rules.evaluate
        evidence = self.evidence
        # The verdicts are read from the report outside the timed loop (see _timed).
        return lambda a: evaluate(a, as_of=AS_OF, evidence=evidence)

    def convert(self, a: Agreement) -> Any:
        return a


def _decision_verdicts(decided: tuple[tuple[int, ...], Any]) -> Verdicts:
    # `RuleSet._decide`: the indices of the rules that ran and what each returned (0: not
    # applicable, 1: excepted, a tuple of what did not hold; "pending" holds).
    run, res = decided
    out = [False] * len(RULE_IDS)
    for i, r in zip(run, res, strict=True):
        if r.__class__ is tuple:
            out[i] = bool(r) and (r[0].__class__ is str or any(k != "pending" for _, k, _ in r))
    return tuple(out)


class Decisions(Engine):
    name = "kerjasama_rules generated decision functions alone"

    def build(self) -> Callable[[Any], Verdicts]:
        rules = kr.compile(RULES)
        decide = rules._decide  # the generated functions of the agreement's plan
        # What each rule's function returned is turned into verdicts outside the timing.
        return lambda a: decide(a, AS_OF)

    def convert(self, a: Agreement) -> Any:
        return a


def _zen_rules() -> list[str]:
    foreign = 'jenis in ["KSDPL", "KSDLL"]'
    bad = json.dumps(list(BAD_COUNTRIES))
    absolut = json.dumps(list(ABSOLUT))
    rules = [
        '(jenis in ["KSDD", "KSDPK"]) and not (membebani == false and teranggarkan == true)'
        ' and not ((membebani == true or teranggarkan == false) and keputusan == "disetujui")',
        f'{foreign} and keputusan != "disetujui"',
        f"{foreign} and (mitra == null or some(mitra, #.negara == null or #.negara in {bad}))",
        f"{foreign} and (urusan == null or some(urusan, # in {absolut}))",
        f"{foreign} and kantor != false",
        f"{foreign} and (mitra == null or some(mitra, #.campur != false))",
        f"{foreign} and sesuai != true",
    ]
    rules += [
        f'jenis == "KSDPL" and rencana and (p_{f} == null or trim(p_{f}) == "")'
        for f in PLAN_FIELDS
    ]
    rules.append("jangka_bulan == null or jangka_bulan > 60")
    return rules


class ZenFused(Engine):
    name = "GoRules ZEN (zen-engine), all rules fused in one expression"

    def build(self) -> Callable[[Any], Verdicts]:
        import zen

        expr = zen.compile_expression("[" + ", ".join(f"({r})" for r in _zen_rules()) + "]")
        ev = expr.evaluate
        return lambda doc: tuple(ev(doc))


class ZenPerRule(Engine):
    name = "GoRules ZEN (zen-engine), one compiled expression per rule"

    def build(self) -> Callable[[Any], Verdicts]:
        import zen

        evs = [zen.compile_expression(r).evaluate for r in _zen_rules()]
        return lambda doc: tuple([ev(doc) for ev in evs])


class JsonLogic(Engine):
    name = "JsonLogic (panzi-json-logic)"
    slow = True
    note = "`blank` added as a custom operation (JsonLogic has no whitespace test)"

    def build(self) -> Callable[[Any], Verdicts]:
        from json_logic import jsonLogic
        from json_logic.builtins import BUILTINS

        ops = {**BUILTINS, "blank": lambda _data, s: not s.strip()}

        def v(name: str) -> dict[str, Any]:
            return {"var": name}

        def eq(a: Any, b: Any) -> dict[str, Any]:
            return {"===": [a, b]}

        def ne(a: Any, b: Any) -> dict[str, Any]:
            return {"!==": [a, b]}

        foreign = {"in": [v("jenis"), ["KSDPL", "KSDLL"]]}
        rules: list[Any] = [
            {
                "and": [
                    {"in": [v("jenis"), ["KSDD", "KSDPK"]]},
                    {"!": {"and": [eq(v("membebani"), False), eq(v("teranggarkan"), True)]}},
                    {
                        "!": {
                            "and": [
                                {"or": [eq(v("membebani"), True), eq(v("teranggarkan"), False)]},
                                eq(v("keputusan"), "disetujui"),
                            ]
                        }
                    },
                ]
            },
            {"and": [foreign, ne(v("keputusan"), "disetujui")]},
            {
                "and": [
                    foreign,
                    {
                        "or": [
                            eq(v("mitra"), None),
                            {
                                "some": [
                                    v("mitra"),
                                    {
                                        "or": [
                                            eq(v("negara"), None),
                                            {"in": [v("negara"), list(BAD_COUNTRIES)]},
                                        ]
                                    },
                                ]
                            },
                        ]
                    },
                ]
            },
            {
                "and": [
                    foreign,
                    {
                        "or": [
                            eq(v("urusan"), None),
                            {"some": [v("urusan"), {"in": [v(""), list(ABSOLUT)]}]},
                        ]
                    },
                ]
            },
            {"and": [foreign, ne(v("kantor"), False)]},
            {
                "and": [
                    foreign,
                    {
                        "or": [
                            eq(v("mitra"), None),
                            {"some": [v("mitra"), ne(v("campur"), False)]},
                        ]
                    },
                ]
            },
            {"and": [foreign, ne(v("sesuai"), True)]},
        ]
        for f in PLAN_FIELDS:
            x = v("p_" + f)
            rules.append(
                {
                    "and": [
                        eq(v("jenis"), "KSDPL"),
                        eq(v("rencana"), True),
                        {"or": [eq(x, None), {"blank": [x]}]},
                    ]
                }
            )
        rules.append({"or": [eq(v("jangka_bulan"), None), {">": [v("jangka_bulan"), 60]}]})
        return lambda doc: tuple([bool(jsonLogic(r, doc, ops)) for r in rules])


class Cel(Engine):
    name = "CEL (cel-python)"
    slow = True
    very_slow = True  # about 1,000x: a tenth of --peer-n

    def build(self) -> Callable[[Any], Verdicts]:
        import celpy

        foreign = 'd.jenis in ["KSDPL", "KSDLL"]'
        bad = json.dumps(list(BAD_COUNTRIES))
        absolut = json.dumps(list(ABSOLUT))
        rules = [
            '(d.jenis in ["KSDD", "KSDPK"]) && !(d.membebani == false && d.teranggarkan == true)'
            " && !((d.membebani == true || d.teranggarkan == false)"
            ' && d.keputusan == "disetujui")',
            f'{foreign} && d.keputusan != "disetujui"',
            f"{foreign} && (type(d.mitra) == null_type ? true"
            f" : d.mitra.exists(m, type(m.negara) == null_type || m.negara in {bad}))",
            f"{foreign} && (type(d.urusan) == null_type ? true : d.urusan.exists(u, u in {absolut}))",
            f"{foreign} && d.kantor != false",
            f"{foreign} && (type(d.mitra) == null_type ? true : d.mitra.exists(m, m.campur != false))",
            f"{foreign} && d.sesuai != true",
        ]
        rules += [
            f'd.jenis == "KSDPL" && d.rencana'
            f' && (type(d.p_{f}) == null_type ? true : d.p_{f}.matches("^\\\\s*$"))'
            for f in PLAN_FIELDS
        ]
        rules.append("type(d.jangka_bulan) == null_type || d.jangka_bulan > 60")
        env = celpy.Environment()
        prog = env.program(env.compile("[" + ", ".join(f"({r})" for r in rules) + "]"))
        ev = prog.evaluate
        return lambda doc: tuple([bool(x) for x in ev(doc)])

    def convert(self, a: Agreement) -> Any:
        import celpy

        return {"d": celpy.json_to_cel(to_doc(a))}


class Cedar(Engine):
    name = "Cedar (cedarpy)"
    slow = True
    note = (
        "no null and no quantifier over records in Cedar: missing facts are left out of the "
        "context, partners' countries and interference flags come as sets, blank texts as flags"
    )

    def build(self) -> Callable[[Any], Verdicts]:
        import cedarpy

        foreign = 'context.jenis like "KSD*L*"'  # KSDPL, KSDLL (not KSDD, KSDPK)
        has = "context has"
        rules = [
            '(context.jenis == "KSDD" || context.jenis == "KSDPK")'
            f" && !({has} membebani && {has} teranggarkan && !context.membebani"
            " && context.teranggarkan)"
            f" && !((({has} membebani && context.membebani)"
            f" || ({has} teranggarkan && !context.teranggarkan))"
            f' && {has} keputusan && context.keputusan == "disetujui")',
            f'{foreign} && !({has} keputusan && context.keputusan == "disetujui")',
            f'{foreign} && (!({has} negara) || context.negara.containsAny(["IL", "TW", "?"]))',
            f"{foreign} && (!({has} urusan)"
            f" || context.urusan.containsAny({json.dumps(list(ABSOLUT))}))",
            f"{foreign} && !({has} kantor && !context.kantor)",
            f'{foreign} && (!({has} campur) || context.campur.containsAny(["ya", "?"]))',
            f"{foreign} && !({has} sesuai && context.sesuai)",
        ]
        rules += [
            f'context.jenis == "KSDPL" && context.rencana && context.blank_{f}' for f in PLAN_FIELDS
        ]
        rules.append(f"!({has} jangka_bulan) || context.jangka_bulan > 60")
        text = "".join(f"permit(principal, action, resource) when {{ {r} }};\n" for r in rules)
        policies = cedarpy.PolicySet.from_str(text)
        index = {f"policy{i}": i for i in range(len(rules))}
        authorize = cedarpy.is_authorized
        n = len(rules)

        def check(request: dict[str, Any]) -> Verdicts:
            res = authorize(request, policies, [])
            out = [False] * n
            for pid in res.diagnostics.reasons:
                out[index[pid]] = True
            return tuple(out)

        return check

    def convert(self, a: Agreement) -> Any:
        doc = to_doc(a)
        ctx: dict[str, Any] = {"jenis": doc["jenis"], "rencana": doc["rencana"]}
        for k in ("membebani", "teranggarkan", "keputusan", "kantor", "sesuai", "jangka_bulan"):
            if doc[k] is not None:
                ctx[k] = doc[k]
        if doc["urusan"] is not None:
            ctx["urusan"] = doc["urusan"]
        if doc["mitra"] is not None:
            ctx["negara"] = sorted({m["negara"] or "?" for m in doc["mitra"]})
            ctx["campur"] = sorted(
                {"?" if m["campur"] is None else ("ya" if m["campur"] else "tidak")
                 for m in doc["mitra"]}
            )  # fmt: skip
        for f in PLAN_FIELDS:
            x = doc["p_" + f]
            ctx["blank_" + f] = x is None or not x.strip()
        return {
            "principal": 'Pemeriksa::"bench"',
            "action": 'Action::"periksa"',
            "resource": 'Kerjasama::"a"',
            "context": ctx,
        }


class RuleEngine(Engine):
    name = "rule-engine"
    slow = True

    def build(self) -> Callable[[Any], Verdicts]:
        import rule_engine

        foreign = "jenis in ['KSDPL', 'KSDLL']"
        bad = repr(list(BAD_COUNTRIES))
        absolut = repr(list(ABSOLUT))
        texts = [
            "jenis in ['KSDD', 'KSDPK'] and not (membebani == false and teranggarkan == true)"
            " and not ((membebani == true or teranggarkan == false)"
            " and keputusan == 'disetujui')",
            f"{foreign} and keputusan != 'disetujui'",
            f"{foreign} and (mitra == null"
            f" or [m for m in mitra if m['negara'] == null or m['negara'] in {bad}])",
            f"{foreign} and (urusan == null or [u for u in urusan if u in {absolut}])",
            f"{foreign} and kantor != false",
            f"{foreign} and (mitra == null or [m for m in mitra if m['campur'] != false])",
            f"{foreign} and sesuai != true",
        ]
        texts += [
            f"jenis == 'KSDPL' and rencana and (p_{f} == null or p_{f} =~ '^\\\\s*$')"
            for f in PLAN_FIELDS
        ]
        texts.append("jangka_bulan == null or jangka_bulan > 60")
        ctx = rule_engine.Context(default_value=None)
        matchers = [rule_engine.Rule(t, context=ctx).matches for t in texts]
        return lambda doc: tuple([m(doc) for m in matchers])


ENGINES: tuple[Callable[[], Engine], ...] = (
    StraightLine,
    lambda: Library(True),
    lambda: Library(False),
    Decisions,
    ZenFused,
    ZenPerRule,
    JsonLogic,
    Cel,
    Cedar,
    RuleEngine,
)


# ---------------------------------------------------------------- measuring
def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "loadavg": load,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _timed(check: Callable[[Any], Any], items: Sequence[Any]) -> tuple[float, list[Any]]:
    out: list[Any] = [None] * len(items)
    # CPU time of this process: on a shared machine, wall time counts the other users.
    t = time.process_time()
    for i, x in enumerate(items):
        out[i] = check(x)
    return time.process_time() - t, out


def _verdicts(engine: Engine, results: list[Any]) -> list[Verdicts]:
    if isinstance(engine, Library):
        return [_library_verdicts(r) for r in results]
    if isinstance(engine, Decisions):
        return [_decision_verdicts(r) for r in results]
    return results


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def run(n: int, peer_n: int, passes: int, only: set[str] | None = None) -> dict[str, Any]:
    """Every engine, ``passes`` times, first pass and warm; verdicts cross-checked."""
    engines = [make() for make in ENGINES]
    results: dict[str, Any] = {}
    first: dict[str, list[float]] = {e.name: [] for e in engines}
    warm: dict[str, list[float]] = {e.name: [] for e in engines}
    missing: dict[str, str] = {}
    sizes: dict[str, int] = {}
    workload: dict[str, int] = {}
    for k in range(passes):
        agreements = generate(n, seed=7000 + k)  # fresh agreements every pass
        if k == 0:
            for a in agreements:
                workload[a.jenis.value] = workload.get(a.jenis.value, 0) + 1
        reference = [straight_line(a) for a in agreements]
        for e in engines:
            if e.name in missing or (
                only and e.name not in only and not isinstance(e, StraightLine)
            ):
                continue
            size = max(peer_n // 10, 1) if e.very_slow else peer_n if e.slow else n
            subset = agreements[:size]
            try:
                items = [e.convert(a) for a in subset]  # not timed: the peer's input shape
                check = e.build()  # a fresh rule set: nothing warm
            except ImportError as exc:
                missing[e.name] = f"not installed ({exc.name or exc})"
                continue
            sizes[e.name] = len(subset)
            t1, out = _timed(check, items)
            t2, out2 = _timed(check, items)
            for got in (_verdicts(e, out), _verdicts(e, out2)):
                for i, (want, v) in enumerate(zip(reference, got, strict=False)):
                    if tuple(v) != want:
                        diff = [RULE_IDS[r] for r in range(15) if bool(v[r]) != want[r]]
                        msg = (
                            f"verdict mismatch: {e.name} on agreement {subset[i].id} "
                            f"(pass {k}), rules {diff}: got {v}, straight-line {want}"
                        )
                        raise SystemExit(msg)
            first[e.name].append(t1 / len(subset) * 1e6)
            warm[e.name].append(t2 / len(subset) * 1e6)
        del agreements, reference
    base_first = statistics.median(first[engines[0].name])
    base_warm = statistics.median(warm[engines[0].name])
    for e in engines:
        if e.name in missing:
            results[e.name] = {"status": missing[e.name]}
            continue
        if not first[e.name]:
            continue
        f, w = _stats(first[e.name]), _stats(warm[e.name])
        results[e.name] = {
            "status": "ok",
            "agreements": sizes[e.name],
            "first_us": f,
            "warm_us": w,
            "first_ratio": round(f["median"] / base_first, 2),
            "warm_ratio": round(w["median"] / base_warm, 2),
            "note": e.note,
        }
    return {
        "machine": machine(),
        "n": n,
        "peer_n": peer_n,
        "passes": passes,
        "workload": workload,
        "rules": list(RULE_IDS),
        "engines": results,
    }


def markdown(res: dict[str, Any]) -> str:
    """The results as a Markdown table (used by ``report.py``)."""
    lines = [
        "| engine | agreements | first pass µs (median, min–max) | ratio | "
        "warm µs (median, min–max) | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for name, r in res["engines"].items():
        if r["status"] != "ok":
            lines.append(f"| {name} | — | {r['status']} | | | |")
            continue
        f, w = r["first_us"], r["warm_us"]
        lines.append(
            f"| {name} | {r['agreements']:,} | {f['median']:.2f} ({f['min']:.2f}–{f['max']:.2f})"
            f" | **{r['first_ratio']:.2f}x** | {w['median']:.2f} ({w['min']:.2f}–{w['max']:.2f})"
            f" | {r['warm_ratio']:.2f}x |"
        )
        if r.get("note"):
            notes.append(f"* {name}: {r['note']}.")
    return "\n".join(lines + (["", *notes] if notes else []))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="agreements per pass (20000)")
    ap.add_argument(
        "--peer-n", type=int, default=2_000, help="agreements per pass for slow peers (2000)"
    )
    ap.add_argument("--passes", type=int, default=5, help="passes; median, min, max (5)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)
    res = run(args.n, args.peer_n, args.passes)
    m = res["machine"]
    print(
        f"{m['date']}; {m['nproc']} cores, {m['cpu']}, {m['python']}, load {m['loadavg']}; "
        f"{args.n:,} agreements per pass, {args.passes} passes"
    )
    print(markdown(res))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

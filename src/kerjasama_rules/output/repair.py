# ruff: noqa: E501  (a catalogue of texts: one template a line reads best)
"""Minimal repairs (``kerjasama explain --repair``) as text in Indonesian or English, or JSON.

Reads the plain data of :mod:`kerjasama_rules.analysis.repairs`. Values are shown as YAML
the user can paste into the agreement file; the JSON form is ``kerjasama-repair/1``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..analysis.repair_model import (
    DEFAULT_FIXED,
    Blocked,
    FactChange,
    Repair,
    RepairResult,
    path_parts,
    type_of,
)
from ..analysis.repairs import SEARCH_BUDGET, SEARCH_DEPTH

__all__ = ["render_repair_text", "repair_to_json"]

JSON_SCHEMA = "kerjasama-repair/1"

_T: dict[str, dict[str, str]] = {
    "id": {
        "title": "Perbaikan minimal: {agreement} (per {as_of})",
        "rule": "Hanya aturan `{rule}`.",
        "z3": "Metode: pemecah z3 (minimal terbukti dalam batas pengodean: daftar paling banyak 4 butir, tanggal 1990–2100).",
        "search": "Metode: pencarian terbatas (paling banyak {depth} perubahan per persyaratan, {budget} evaluasi ulang); bukan bukti minimalitas.",
        "no-solver": "Pemecah z3 tidak terpasang: pasang ekstra `analysis` untuk bukti.",
        "requested": "Pencarian diminta sebagai ganti pemecah z3.",
        "list-bound": "Pemecah z3 tidak dipakai: `{0}` berisi lebih dari {1} butir, batas daftar pemecah.",
        "not-encodable": "Pemecah z3 tidak dipakai: aturan `{0}` memakai {1}, yang tidak dikodekan.",
        "gave-up": "Pemecah z3 menyerah ({0}).",
        "budget": "Pemecah z3 tidak menemukan perbaikan terverifikasi dalam batas kerjanya ({0} satuan rlimit z3).",
        "nothing": "Tidak ada yang perlu diperbaiki: setiap persyaratan bertingkat error terpenuhi.",
        "blocked": "Tidak dapat diperbaiki tanpa mengubah fakta tetap:",
        "needs": "tidak dapat diperbaiki tanpa mengubah {facts}",
        "needs_none": "tidak dapat diperbaiki dengan perubahan fakta mana pun yang ditemukan",
        "or": " atau ",
        "and": " dan ",
        "repairs": "Perbaikan (masing-masing {n} fakta; {k} ditemukan):",
        "repairs_rest": "Perbaikan untuk persyaratan lainnya (masing-masing {n} fakta; {k} ditemukan):",
        "none": "Tidak ditemukan perbaikan.",
        "option": "  Alternatif {i}:",
        "fill": "isi `{path}` dengan `{new}`",
        "change": "ubah `{path}` dari `{old}` menjadi `{new}`",
        "remove": "hapus `{path}` (kini `{old}`)",
        "remove_block": "hapus `{path}` beserta isinya",
        "paste": "    YAML untuk ditempel:",
        "verified": "Setiap perbaikan telah dievaluasi ulang dengan mesin aturan sebelum ditampilkan.",
        "fixed": "Fakta tetap (tidak pernah diubah): {facts}; ubah dengan --fix PATH / --free PATH.",
        "past-date": "tanggal yang sudah lewat",
        "default": "fakta tetap",
        "user": "ditetapkan dengan --fix",
    },
    "en": {
        "title": "Minimal repair: {agreement} (as of {as_of})",
        "rule": "Rule `{rule}` only.",
        "z3": "Method: the z3 solver (minimality proved within the encoding's bounds: lists of at most 4 items, dates 1990–2100).",
        "search": "Method: a bounded search (at most {depth} changes per requirement, {budget} replays); not a proof of minimality.",
        "no-solver": "The z3 solver is not installed: install the `analysis` extra for proofs.",
        "requested": "The search was asked for instead of the z3 solver.",
        "list-bound": "The z3 solver was not used: `{0}` has more than {1} items, the solver's bound for lists.",
        "not-encodable": "The z3 solver was not used: rule `{0}` uses {1}, which is not encoded.",
        "gave-up": "The z3 solver gave up ({0}).",
        "budget": "The z3 solver found no verified repair within its work limit ({0} z3 rlimit units).",
        "nothing": "Nothing to repair: every error-severity requirement passes.",
        "blocked": "Cannot be repaired without changing a fixed fact:",
        "needs": "cannot be repaired without changing {facts}",
        "needs_none": "cannot be repaired by any change of facts that was found",
        "or": " or ",
        "and": " and ",
        "repairs": "Repairs ({n} facts each; {k} found):",
        "repairs_rest": "Repairs for the other requirements ({n} facts each; {k} found):",
        "none": "No repair found.",
        "option": "  Alternative {i}:",
        "fill": "fill in `{path}` with `{new}`",
        "change": "change `{path}` from `{old}` to `{new}`",
        "remove": "remove `{path}` (now `{old}`)",
        "remove_block": "remove `{path}` and everything in it",
        "paste": "    YAML to paste:",
        "verified": "Every repair was re-evaluated by the rule engine before it was shown.",
        "fixed": "Fixed facts (never changed): {facts}; adjust with --fix PATH / --free PATH.",
        "past-date": "a date already past",
        "default": "a fixed fact",
        "user": "fixed with --fix",
    },
}


def _scalar(value: Any) -> str:
    """A value as YAML flow text (what the user would type)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return text.removesuffix("\n...\n").strip()


def _change_line(c: FactChange, lang: str) -> str:
    kind = "remove_block" if c.kind == "remove" and isinstance(c.old, dict | list) else c.kind
    line = _T[lang][kind].format(path=c.path, old=_scalar(c.old), new=_scalar(c.new))
    if c.bound is not None:
        op, other = c.bound
        line += f" (`{c.path}` {_OPS[op]} `{other}`)"
    return line


_OPS = {"<=": "≤", ">=": "≥", "==": "="}


def _fragment(r: Repair) -> str:
    """The changed facts as nested YAML; a fact inside a list shows its whole list."""
    frag: dict[str, Any] = {}
    removed: list[str] = []
    for c in r.changes:
        parts = path_parts(c.path)
        if c.new is None:
            removed.append(c.path)
            continue
        if any(isinstance(p, int) for p in parts):
            top = parts[0]
            assert isinstance(top, str)
            frag[top] = r.document.get(top)
            continue
        cur = frag
        for p in parts[:-1]:
            assert isinstance(p, str)
            nxt = cur.get(p)
            if not isinstance(nxt, dict):
                nxt = cur[p] = {}
            cur = nxt
        last = parts[-1]
        assert isinstance(last, str)
        cur[last] = c.new
    body = yaml.safe_dump(frag, sort_keys=False, allow_unicode=True) if frag else ""
    body += "".join(f"# - {p}\n" for p in removed)
    return body


def _blocked_lines(b: Blocked, result: RepairResult, lang: str) -> list[str]:
    t = _T[lang]
    out: list[str] = []
    for target in b.targets:
        cite = target.citation.text if target.citation is not None else b.rule
        out.append(f"  ✗ {cite}  [{b.rule}]")
        out.append(f"      {target.message(lang)}")
    if b.needs:
        options = [
            t["and"].join(f"`{p}` ({_fact_reason(p, result, lang)})" for p in need)
            for need in b.needs
        ]
        out.append("      " + t["needs"].format(facts=t["or"].join(options)))
    else:
        out.append("      " + t["needs_none"])
    return out


def _fact_reason(path: str, result: RepairResult, lang: str) -> str:
    """Why a fact is fixed: a default, a past date, or the user's ``--fix``."""
    general = re.sub(r"\[\d+\]", "[]", path)
    for f in DEFAULT_FIXED:
        if f in (path, general) or general.startswith((f + ".", f + "[")):
            return _T[lang]["default"]
    if path in result.fixed and _looks_dated(path):
        return _T[lang]["past-date"]
    return _T[lang]["user"]


def _looks_dated(path: str) -> bool:
    try:
        return type_of(path).kind == "date"
    except KeyError:
        return False


def render_repair_text(result: RepairResult, lang: str = "id") -> str:
    """The repair report in ``lang`` (``id`` or ``en``)."""
    t = _T[lang]
    out = [t["title"].format(agreement=result.agreement, as_of=result.as_of.isoformat())]
    if result.rule is not None:
        out.append(t["rule"].format(rule=result.rule))
    if result.method == "z3":
        out.append(t["z3"])
    else:
        budget = f"{SEARCH_BUDGET:,}"
        if lang == "id":  # Indonesian groups thousands with a dot
            budget = budget.replace(",", ".")
        out.append(t["search"].format(depth=SEARCH_DEPTH, budget=budget))
        if result.fallback:
            code, *values = result.fallback
            out.append(t[code].format(*values))
    out.append("")
    if result.status == "nothing-to-repair":
        out.append(t["nothing"])
        return "\n".join(out) + "\n"
    if result.blocked:
        out.append(t["blocked"])
        for b in result.blocked:
            out.extend(_blocked_lines(b, result, lang))
        out.append("")
    if result.repairs:
        n = result.repairs[0].size
        key = "repairs_rest" if result.blocked else "repairs"
        text = t[key].format(n=n, k=len(result.repairs))
        if lang == "en" and n == 1:
            text = text.replace("1 facts", "1 fact")
        out.append(text)
        for i, r in enumerate(result.repairs, 1):
            out.append(t["option"].format(i=i))
            out.extend(f"    - {_change_line(c, lang)}" for c in r.changes)
            out.append(t["paste"])
            out.extend(f"      {line}" for line in _fragment(r).splitlines())
        out.append("")
        out.append(t["verified"])
    elif not result.blocked:
        out.append(t["none"])
    out.append(t["fixed"].format(facts=", ".join(f"`{f}`" for f in result.fixed)))
    return "\n".join(out) + "\n"


def repair_to_json(result: RepairResult, lang: str = "id") -> dict[str, Any]:
    """The ``kerjasama-repair/1`` document: plain data, messages in ``lang``."""

    def target(x: Any) -> dict[str, Any]:
        return {
            "rule": x.rule,
            "status": x.status,
            "citation": x.citation.text if x.citation is not None else None,
            "message": x.message(lang),
        }

    return {
        "schema": JSON_SCHEMA,
        "agreement": result.agreement,
        "as_of": result.as_of.isoformat(),
        "rule": result.rule,
        "method": result.method,
        "proved_minimal": result.method == "z3",
        "status": result.status,
        "fallback": (
            {"code": result.fallback[0], "values": list(result.fallback[1:])}
            if result.fallback
            else None
        ),
        "search_bound": {"changes": SEARCH_DEPTH, "replays": SEARCH_BUDGET}
        if result.method == "search"
        else None,
        "targets": [target(x) for x in result.targets],
        "repairs": [
            {
                "size": r.size,
                "changes": [
                    {
                        "path": c.path,
                        "kind": c.kind,
                        "old": c.old,
                        "new": c.new,
                        "bound": {"op": c.bound[0], "other": c.bound[1]} if c.bound else None,
                    }
                    for c in r.changes
                ],
                "yaml": _fragment(r),
                "verified": True,
            }
            for r in result.repairs
        ],
        "blocked": [
            {
                "rule": b.rule,
                "targets": [target(x) for x in b.targets],
                "needs_changing": [list(n) for n in b.needs],
            }
            for b in result.blocked
        ],
        "fixed": list(result.fixed),
        "free": list(result.free),
    }

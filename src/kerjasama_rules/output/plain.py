"""When an obligation falls due, in plain words rather than the rule's condition.

A pending obligation waits for its ``jika`` guard, e.g. ``terisi status dan status dalam
{pelaksanaan, berakhir}``. An officer reads "due once the cooperation is in
implementation or has ended". The guard is split at ``dan``; a presence test is dropped
when another part already reads the same fact (the value cannot be tested without it),
and so is a part said twice. Facts the rules wait on often have their own phrase below;
any other part is said generically, naming the fact by its path in the agreement
(``$.dprd.surat_permohonan is recorded``), and a part of another shape is printed in the
keywords of the reader's language.

Examples:
    >>> from kerjasama_rules.language import nodes
    >>> signed = nodes.Present(nodes.Field(nodes.Name("perjanjian"), "tanggal_ttd"))
    >>> due_when(signed, "en"), due_when(signed, "id")
    ('due once the agreement is signed', 'jatuh tempo setelah perjanjian ditandatangani')
"""

from __future__ import annotations

from collections.abc import Mapping

from ..language import nodes
from ..language.printer import expr_to_source

__all__ = ["due_when", "fact_path", "is_waiting"]

# Facts that obligations wait for: (English, Indonesian) "once ..." phrases.
_PRESENT: dict[str, tuple[str, str]] = {
    "perjanjian.tanggal_ttd": ("the agreement is signed", "perjanjian ditandatangani"),
    "kesepakatan_bersama.tanggal_ttd": (
        "the joint agreement (kesepakatan bersama) is signed",
        "kesepakatan bersama ditandatangani",
    ),
    "loi.tanggal_ttd": ("the letter of intent is signed", "surat minat (LoI) ditandatangani"),
    "dprd.surat_permohonan": (
        "the request for DPRD approval is recorded",
        "surat permohonan persetujuan DPRD tercatat",
    ),
    "dprd.tanggal_keputusan": ("the DPRD has decided", "DPRD memutuskan"),
    "pertimbangan_menteri.tanggal_permohonan": (
        "the Minister's consideration is requested",
        "pertimbangan Menteri dimohonkan",
    ),
    "persetujuan_menteri_rancangan.tanggal": (
        "the Minister has approved the draft text",
        "Menteri menyetujui rancangan naskah",
    ),
    "rencana.tanggal": ("the cooperation plan is dated", "rencana kerja sama bertanggal"),
    "kesepakatan_bersama.penandatangan.jabatan": (
        "the signatory of the joint agreement is recorded",
        "penanda tangan kesepakatan bersama tercatat",
    ),
}
# Yes/no facts: the phrase when the fact is true.
_TRUE: dict[str, tuple[str, str]] = {
    "perjanjian.penandatangan.atas_kuasa": (
        "the agreement is signed under a power of attorney",
        "perjanjian ditandatangani atas kuasa",
    ),
    "studi_kelayakan.ada": ("a feasibility study exists", "studi kelayakan ada"),
}
# Stages of a cooperation (`status`), as a sentence says them.
_STATUS: dict[str, tuple[str, str]] = {
    "pelaksanaan": ("is in implementation", "dalam pelaksanaan"),
    "berakhir": ("has ended", "telah berakhir"),
}
_JOIN = {"en": (" and ", " or "), "id": (" dan ", " atau ")}


def fact_path(e: nodes.Expr) -> str | None:
    """``dprd.tanggal_keputusan`` for a field path, ``None`` for any other expression."""
    if isinstance(e, nodes.Name):
        return e.name
    if isinstance(e, nodes.Field):
        base = fact_path(e.base)
        return None if base is None else f"{base}.{e.name}"
    return None


def _conjuncts(e: nodes.Expr) -> list[nodes.Expr]:
    if isinstance(e, nodes.Binary) and e.op == "and":
        return _conjuncts(e.left) + _conjuncts(e.right)
    return [e]


def _read_paths(e: nodes.Expr) -> set[str]:
    # Facts a part tests by value (not by presence).
    if isinstance(e, nodes.Present):
        return set()
    path = fact_path(e)
    if path is not None:
        return {path}
    if isinstance(e, nodes.Binary):
        return _read_paths(e.left) | _read_paths(e.right)
    if isinstance(e, nodes.Unary):
        return _read_paths(e.operand)
    return set()


def _values(e: nodes.Expr) -> list[str] | None:
    if isinstance(e, nodes.SetLit):
        names = [fact_path(i) for i in e.items]
        return None if any(n is None for n in names) else [n for n in names if n]
    name = fact_path(e)
    return [name] if name is not None else None


def _switch_test(e: nodes.Expr, switches: Mapping[str, str]) -> tuple[str, str] | None:
    # `mode_bukti == audit` where `mode_bukti` is an interpretation switch of the run.
    if isinstance(e, nodes.Binary) and e.op == "==":
        name, value = fact_path(e.left), fact_path(e.right)
        if name is not None and name in switches and value is not None:
            return name, value
    return None


def _part(e: nodes.Expr, lang: str) -> str:
    en = lang == "en"
    pick = 0 if en else 1
    if isinstance(e, nodes.Unary) and e.op == "not" and isinstance(e.operand, nodes.Present):
        path = fact_path(e.operand.target)
        if path is not None:
            return f"$.{path} is not recorded" if en else f"$.{path} tidak tercatat"
    if isinstance(e, nodes.Present):
        path = fact_path(e.target)
        if path is not None:
            known = _PRESENT.get(path)
            if known is not None:
                return known[pick]
            return f"$.{path} is recorded" if en else f"$.{path} tercatat"
    path = fact_path(e)
    if path is not None and path in _TRUE:
        return _TRUE[path][pick]
    if isinstance(e, nodes.Binary) and e.op in ("in", "==") and fact_path(e.left) == "status":
        values = _values(e.right)
        if values and all(v in _STATUS for v in values):
            said = _JOIN[lang][1].join(_STATUS[v][pick] for v in values)
            return f"the cooperation {said}" if en else f"kerja sama {said}"
    if isinstance(e, nodes.Binary) and e.op == "==" and fact_path(e.left) in _TRUE:
        right = e.right
        if isinstance(right, nodes.Literal) and right.value is True:
            return _TRUE[fact_path(e.left) or ""][pick]
    if isinstance(e, nodes.Binary) and e.op == "or":
        either = [_part(x, lang) for x in _disjuncts(e)]
        said = _JOIN[lang][1].join(either)
        return f"either {said}" if en else f"({said})"
    since = _time_since(e, lang)
    if since is not None:
        return since
    # Anything else: the condition itself, in the keywords of the reader's language.
    return expr_to_source(e, lang="en" if en else "id")


def _disjuncts(e: nodes.Expr) -> list[nodes.Expr]:
    if isinstance(e, nodes.Binary) and e.op == "or":
        return _disjuncts(e.left) + _disjuncts(e.right)
    return [e]


def _time_since(e: nodes.Expr, lang: str) -> str | None:
    # `as_of < x + 1 tahun`: "less than 1 year since $.x".
    if not (isinstance(e, nodes.Binary) and e.op in ("<", ">=") and fact_path(e.left) == "as_of"):
        return None
    right = e.right
    if not (
        isinstance(right, nodes.Binary)
        and right.op == "+"
        and isinstance(right.right, nodes.DurationLit)
        and fact_path(right.left) is not None
    ):
        return None
    span = expr_to_source(right.right, lang="en" if lang == "en" else "id")
    if lang == "en" and span.startswith("1 "):
        span = span.rstrip("s")  # 1 years -> 1 year
    path = f"$.{fact_path(right.left)}"
    if lang == "en":
        if e.op == "<":
            return f"less than {span} has passed since {path}"
        return f"{span} or more has passed since {path}"
    if e.op == "<":
        return f"belum lewat {span} sejak {path}"
    return f"sudah lewat {span} atau lebih sejak {path}"


def due_when(
    guard: nodes.Expr, lang: str = "id", switches: Mapping[str, str] | None = None
) -> str | None:
    """The sentence that says when a pending obligation falls due.

    Args:
        guard: the requirement's ``jika``.
        lang: ``id`` or ``en``.
        switches: the interpretation switches of the run. A part that tests a switch is
            said as the reading it needs; ``None`` is returned when the run chose another
            reading: then the obligation does not arise at all, it is not waiting.
    """
    lang = "en" if lang == "en" else "id"
    chosen = dict(switches or {})
    parts = []
    readings = []
    for p in _conjuncts(guard):
        test = _switch_test(p, chosen)
        if test is None:
            parts.append(p)
        elif chosen[test[0]] != test[1]:
            return None
        else:
            readings.append(f"{test[0]}={test[1]}")
    read = set().union(*(_read_paths(p) for p in parts))
    said: list[str] = []
    for p in parts:
        if isinstance(p, nodes.Present) and fact_path(p.target) in read:
            continue  # `terisi x dan x == ...`: the presence goes without saying
        text = _part(p, lang)
        if text not in said:
            said.append(text)
    body = _JOIN[lang][0].join(said)
    if readings:
        reading = ", ".join(readings)
        body += f" (reading {reading})" if lang == "en" else f" (tafsiran {reading})"
    return f"due once {body}" if lang == "en" else f"jatuh tempo setelah {body}"


def is_waiting(guard: nodes.Expr | None, switches: Mapping[str, str]) -> bool:
    """Whether an obligation with this guard waits for facts under the run's reading
    (``False``: it would need another value of a switch, so it does not arise)."""
    if guard is None:
        return True
    for p in _conjuncts(guard):
        test = _switch_test(p, switches)
        if test is not None and switches[test[0]] != test[1]:
            return False
    return True

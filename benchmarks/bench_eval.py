"""Benchmark: rule compile time, engine evaluation vs a hand-written floor, agreement loading.

Usage::

    PYTHONPATH=src python benchmarks/bench_eval.py [--n 10000] [--repeat 5] [--json]

Needs only the library's core dependencies (not hypothesis). Agreements come from a
seeded ``random.Random(2026)`` generator, so every run measures the same workload.

Measured (best of ``--repeat`` runs, ``time.perf_counter``):

* compile, cold: ``kerjasama_rules.load_rules()`` in a fresh interpreter (package already
  imported, lark grammar not yet built; ``parser._parser`` caches it per process);
* compile, warm: ``load_rules()`` again in this process (grammar cached);
* engine: ``rules.evaluate(a, as_of=2026-11-29)`` per agreement, the full report with
  findings, evidence and determinations;
* engine, reports kept: ``rules.evaluate_many(agreements)``, which keeps every report
  alive (cyclic GC then scans them); reported, not used for the ratio;
* floor: ``benchmarks/floor.py``'s ``check(a)``, the same checks written by hand, with
  per-requirement findings and citations but no evidence;
* load: ``load_agreement(dict)`` per document, on ``unstructure_agreement`` dicts (the
  shape a YAML/JSON file has once parsed; YAML parsing itself is not included).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import floor  # noqa: E402

import kerjasama_rules as kr  # noqa: E402
from kerjasama_rules.model.agreement import (  # noqa: E402
    Agreement,
    Bentuk,
    Daerah,
    Dokumen,
    Dprd,
    Jenis,
    JenisMitra,
    Kategori,
    KeputusanDprd,
    Mitra,
    ObjekLuarNegeri,
    Rencana,
    Tingkat,
    Urusan,
)
from kerjasama_rules.model.duration import Duration  # noqa: E402

AS_OF = datetime.date(2026, 11, 29)

# ---------------------------------------------------------------- the workload
_REGIONS = (
    ("Kabupaten Bekasi", Tingkat.KABUPATEN, "Jawa Barat"),
    ("Kota Bekasi", Tingkat.KOTA, "Jawa Barat"),
    ("Kabupaten Bogor", Tingkat.KABUPATEN, "Jawa Barat"),
    ("Kabupaten Karawang", Tingkat.KABUPATEN, "Jawa Barat"),
    ("Provinsi Jawa Barat", Tingkat.PROVINSI, None),
    ("Provinsi DKI Jakarta", Tingkat.PROVINSI, None),
    ("Kota Surabaya", Tingkat.KOTA, "Jawa Timur"),
    ("Kabupaten Sleman", Tingkat.KABUPATEN, "DI Yogyakarta"),
    ("Kota Makassar", Tingkat.KOTA, "Sulawesi Selatan"),
)
_FOREIGN_REGIONS = (
    ("Gemeente Arnhem", "NL", "Gelderland"),
    ("Stadt Braunschweig", "DE", "Niedersachsen"),
    ("Kitakyushu City", "JP", "Fukuoka"),
    ("City of Seattle", "US", "Washington"),
    ("Busan Metropolitan City", "KR", None),
    ("City of Darwin", "AU", "Northern Territory"),
    ("Haifa Municipality", "IL", None),  # no diplomatic relations
    ("Taichung City Government", "TW", None),  # no diplomatic relations
    ("Prishtina Municipality", "XK", None),  # doubtful (warning)
)
_FOREIGN_BODIES = (
    ("Japan International Cooperation Agency", "JP", JenisMitra.MITRA_PEMBANGUNAN_LUAR_NEGERI),
    ("Deutsche Gesellschaft fuer Internationale Zusammenarbeit", "DE",
     JenisMitra.MITRA_PEMBANGUNAN_LUAR_NEGERI),
    ("UN-Habitat", "KE", JenisMitra.ORGANISASI_INTERNASIONAL),
    ("Stichting Water Partners", "NL", JenisMitra.LEMBAGA_NIRLABA_LUAR_NEGERI),
    ("Korea Environment Corporation", "KR", JenisMitra.LEMBAGA_LUAR_NEGERI_LAINNYA),
    ("Sahrawi Cultural Office", "EH", JenisMitra.LEMBAGA_LUAR_NEGERI_LAINNYA),  # doubtful
    ("Technion Outreach", "IL", JenisMitra.LEMBAGA_NIRLABA_LUAR_NEGERI),  # no relations
)  # fmt: skip
_THIRD_PARTIES = (
    ("PT Kawasan Industri Jababeka", JenisMitra.BADAN_USAHA),
    ("PT Air Minum Bekasi", JenisMitra.BADAN_USAHA),
    ("Universitas Contoh Bekasi", JenisMitra.BADAN_USAHA),
    ("Yayasan Lingkungan Hijau", JenisMitra.ORGANISASI_KEMASYARAKATAN),
    ("Budi Santoso", JenisMitra.PERSEORANGAN),
    ("Kementerian Pekerjaan Umum", JenisMitra.KEMENTERIAN_LEMBAGA),
)
_ABSOLUT = (
    Urusan.POLITIK_LUAR_NEGERI,
    Urusan.PERTAHANAN,
    Urusan.KEAMANAN,
    Urusan.YUSTISI,
    Urusan.MONETER_FISKAL_NASIONAL,
    Urusan.AGAMA,
)
_KONKUREN = tuple(u for u in Urusan if u not in _ABSOLUT)
_TITLES = (
    "Pengelolaan sampah regional",
    "Penyediaan air minum lintas daerah",
    "Pengembangan kawasan industri",
    "Kerja sama kabupaten kembar",
    "Pertukaran pelajar dan budaya",
    "Peningkatan kapasitas aparatur",
    "Transfer teknologi pengolahan limbah",
)
_PLAN_TEXT = {
    "subjek": ("Pemerintah Kabupaten Bekasi dan mitra", "Para pihak"),
    "latar_belakang": ("Kebutuhan pengelolaan sampah", "Potensi ekonomi kedua daerah"),
    "maksud_tujuan_sasaran": ("Meningkatkan pelayanan publik", "Meningkatkan kapasitas SDM"),
    "objek": ("Pengelolaan sampah", "Pertukaran budaya", "Alih teknologi"),
    "ruang_lingkup": ("Perencanaan, pelaksanaan, evaluasi", "Pelatihan dan magang"),
    "sumber_pembiayaan": ("APBD tahun anggaran berjalan", "Hibah mitra", "APBD dan mitra"),
    "jangka_waktu": ("5 tahun sejak penandatanganan", "3 tahun"),
}


class _Gen:
    """Seeded generator of varied, realistic agreements (no hypothesis)."""

    def __init__(self, seed: int = 2026) -> None:
        self.r = random.Random(seed)

    def maybe(self, value, p_missing: float = 0.12):  # type: ignore[no-untyped-def]
        return None if self.r.random() < p_missing else value

    def flag(self, p_true: float = 0.9, p_missing: float = 0.12) -> bool | None:
        r = self.r
        if r.random() < p_missing:
            return None
        return r.random() < p_true

    def date(self, start: datetime.date, max_days: int) -> datetime.date:
        return start + datetime.timedelta(days=self.r.randint(0, max_days))

    def text(self, choices: tuple[str, ...]) -> str | None:
        r = self.r
        x = r.random()
        if x < 0.08:
            return None
        if x < 0.11:
            return "  "  # blank: present but empty
        return r.choice(choices)

    def agreement(self, i: int) -> Agreement:
        r = self.r
        jenis = r.choices(
            (Jenis.KSDD, Jenis.KSDPK, Jenis.KSDPL, Jenis.KSDLL), weights=(35, 30, 20, 15)
        )[0]
        foreign = jenis in (Jenis.KSDPL, Jenis.KSDLL)
        nama, tingkat, prov = r.choice(_REGIONS)
        daerah = self.maybe(Daerah(nama=nama, tingkat=self.maybe(tingkat), provinsi=prov), 0.05)

        mitra: list[Mitra] = []
        for _ in range(r.choices((1, 2, 3), weights=(75, 20, 5))[0]):
            if jenis is Jenis.KSDD:
                n, t, p = r.choice(_REGIONS)
                mitra.append(
                    Mitra(nama=n, jenis=JenisMitra(t.value), negara=self.maybe("ID", 0.5),
                          provinsi=p, berbatasan=self.flag(0.5))
                )  # fmt: skip
            elif jenis is Jenis.KSDPK:
                n, jm = r.choice(_THIRD_PARTIES)
                mitra.append(Mitra(nama=n, jenis=self.maybe(jm, 0.05)))
            else:
                if jenis is Jenis.KSDPL:
                    n, negara, p = r.choices(_FOREIGN_REGIONS, weights=(8,) * 6 + (1, 1, 1))[0]
                    jm = JenisMitra.PEMERINTAH_DAERAH_LUAR_NEGERI
                else:
                    n, negara, jm = r.choices(_FOREIGN_BODIES, weights=(8,) * 5 + (1, 1))[0]
                    p = None
                mitra.append(
                    Mitra(nama=n, jenis=jm, negara=self.maybe(negara, 0.05), provinsi=p,
                          mencampuri_urusan_dalam_negeri=self.flag(0.03, 0.1))
                )  # fmt: skip

        n_urusan = r.choices((1, 2, 3), weights=(60, 30, 10))[0]
        urusan = r.sample(_KONKUREN, n_urusan)
        if foreign and r.random() < 0.05:
            urusan.append(r.choice(_ABSOLUT))

        start = self.date(datetime.date(2016, 1, 1), 3600)
        kb = Dokumen(tanggal_ttd=start)
        ttd = self.maybe(start + datetime.timedelta(days=r.randint(30, 400)), 0.25)
        perjanjian = self.maybe(Dokumen(tanggal_ttd=ttd), 0.1)

        dprd = None
        if r.random() < (0.85 if foreign else 0.6):
            surat = self.maybe(start - datetime.timedelta(days=r.randint(20, 200)), 0.15)
            keputusan = r.choices(
                (KeputusanDprd.DISETUJUI, KeputusanDprd.DITOLAK, None), weights=(80, 5, 15)
            )[0]
            tk = None
            if keputusan is not None and surat is not None:
                tk = surat + datetime.timedelta(days=r.randint(10, 120))
                if ttd is not None and r.random() < 0.1:  # approval after signing
                    tk = ttd + datetime.timedelta(days=r.randint(1, 60))
            dprd = Dprd(
                surat_permohonan=surat,
                diterima=None if surat is None else self.maybe(surat + datetime.timedelta(3)),
                lampiran_rencana=self.flag(0.9),
                keputusan=keputusan,
                tanggal_keputusan=tk,
            )

        rencana = None
        if r.random() < (0.8 if foreign else 0.4):
            rencana = Rencana(
                tanggal=self.maybe(start - datetime.timedelta(days=r.randint(60, 300))),
                **{k: self.text(v) for k, v in _PLAN_TEXT.items()},
            )

        return Agreement(
            id=f"bench-{i:05d}",
            judul=self.maybe(r.choice(_TITLES), 0.05),
            jenis=jenis,
            kategori=self.maybe(r.choice(tuple(Kategori))) if jenis is Jenis.KSDD else None,
            daerah=daerah,
            mitra=self.maybe(tuple(mitra), 0.04),
            urusan=self.maybe(tuple(urusan), 0.06),
            bentuk=self.maybe(r.choice(tuple(Bentuk))) if jenis is Jenis.KSDPL else None,
            objek_luar_negeri=self.maybe(r.choice(tuple(ObjekLuarNegeri))) if foreign else None,
            membebani_masyarakat_dan_daerah=self.flag(0.4, 0.15),
            teranggarkan_apbd=self.flag(0.7, 0.15),
            kantor_perwakilan_luar_negeri=self.flag(0.03, 0.15) if foreign else None,
            sesuai_rencana_pembangunan=self.flag(0.95, 0.15) if foreign else None,
            alih_iptek_sdm_indonesia=self.flag(0.9, 0.2) if foreign else None,
            kesetaraan_status_wilayah=self.flag(0.9, 0.15) if jenis is Jenis.KSDPL else None,
            saling_melengkapi=self.flag(0.95, 0.15) if jenis is Jenis.KSDPL else None,
            peningkatan_hubungan_antarmasyarakat=(
                self.flag(0.95, 0.15) if jenis is Jenis.KSDPL else None
            ),
            rencana=rencana,
            dprd=dprd,
            kesepakatan_bersama=self.maybe(kb, 0.2),
            perjanjian=perjanjian,
            jangka_waktu=self.maybe(Duration(years=r.choice((1, 2, 3, 5, 10))), 0.2),
            keterangan=None,
        )


def generate(n: int, seed: int = 2026) -> list[Agreement]:
    """``n`` varied, realistic agreements from ``random.Random(seed)``."""
    g = _Gen(seed)
    return [g.agreement(i) for i in range(n)]


# ---------------------------------------------------------------- measurements
_COLD_SNIPPET = """
import time, kerjasama_rules
t = time.perf_counter()
kerjasama_rules.load_rules()
print(time.perf_counter() - t)
"""
_IMPORT_SNIPPET = """
import time
t = time.perf_counter()
import kerjasama_rules
print(time.perf_counter() - t)
"""


def _subprocess_seconds(snippet: str) -> float:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    out = subprocess.run(
        [sys.executable, "-c", snippet], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def _best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run(n: int, repeat: int) -> dict[str, object]:
    agreements = generate(n)

    cold = min(_subprocess_seconds(_COLD_SNIPPET) for _ in range(repeat))
    import_s = min(_subprocess_seconds(_IMPORT_SNIPPET) for _ in range(repeat))
    kr.load_rules()  # build the grammar once in this process
    warm = _best(kr.load_rules, repeat)

    rules = kr.load_rules()
    evaluate = rules.evaluate
    check = floor.check
    as_of = AS_OF
    evaluate(agreements[0], as_of=as_of)  # build the working-day calendar once

    def engine() -> None:
        for a in agreements:
            evaluate(a, as_of=as_of)

    def engine_lean() -> None:
        for a in agreements:
            evaluate(a, as_of=as_of, evidence=False)

    from kerjasama_rules.engine.evaluator import RuleSet

    raw = RuleSet(rules._checked, _memo_facts=False)  # no memo of fact-keyed results
    raw_evaluate = raw.evaluate

    def engine_raw() -> None:
        for a in agreements:
            raw_evaluate(a, as_of=as_of)

    def hand() -> None:
        for a in agreements:
            check(a)

    def engine_many() -> None:
        rules.evaluate_many(agreements, as_of=as_of)  # keeps every report alive

    engine_s = _best(engine, repeat)
    lean_s = _best(engine_lean, repeat)
    raw_s = _best(engine_raw, repeat)
    floor_s = _best(hand, repeat)
    many_s = _best(engine_many, repeat)

    docs = [kr.unstructure_agreement(a) for a in agreements]
    load = kr.load_agreement

    def loading() -> None:
        for d in docs:
            load(d)

    load_s = _best(loading, repeat)

    # What the workload looks like (from the engine's reports).
    statuses: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    findings = 0
    for a in agreements:
        rep = evaluate(a, as_of=as_of)
        verdicts[rep.verdict] = verdicts.get(rep.verdict, 0) + 1
        for o in rep.outcomes:
            statuses[o.status] = statuses.get(o.status, 0) + 1
            findings += len(o.findings)
    kinds: dict[str, int] = {}
    for a in agreements:
        kinds[a.jenis.value] = kinds.get(a.jenis.value, 0) + 1

    engine_us = engine_s / n * 1e6
    lean_us = lean_s / n * 1e6
    floor_us = floor_s / n * 1e6
    return {
        "machine": {
            "nproc": os.cpu_count(),
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
        },
        "n": n,
        "repeat": repeat,
        "workload": {
            "jenis": kinds,
            "verdicts": verdicts,
            "outcome_statuses": statuses,
            "findings_per_agreement": round(findings / n, 2),
        },
        "import_ms": round(import_s * 1e3, 1),
        "compile_cold_ms": round(cold * 1e3, 1),
        "compile_warm_ms": round(warm * 1e3, 1),
        "engine_us_per_agreement": round(engine_us, 2),
        "floor_us_per_agreement": round(floor_us, 2),
        "engine_many_us_per_agreement": round(many_s / n * 1e6, 2),
        "engine_floor_ratio": round(engine_us / floor_us, 2),
        "engine_no_evidence_us_per_agreement": round(lean_us, 2),
        "engine_no_memo_us_per_agreement": round(raw_s / n * 1e6, 2),
        "engine_no_memo_floor_ratio": round(raw_s / n * 1e6 / floor_us, 2),
        "engine_no_evidence_floor_ratio": round(lean_us / floor_us, 2),
        "load_us_per_document": round(load_s / n * 1e6, 2),
        "targets": {
            "ratio_within_5x": engine_us / floor_us <= 5,
            "ratio_no_evidence_within_5x": lean_us / floor_us <= 5,
            "compile_cold_under_200ms": cold * 1e3 < 200,
            "compile_warm_under_200ms": warm * 1e3 < 200,
        },
    }


def first_and_warm(n: int, passes: int) -> dict[str, object]:
    """The bundled rules: first pass and warm, median/min/max over ``passes``.

    Each pass compiles a fresh ``RuleSet`` from the checked bundled rules (no memo warm)
    and generates ``n`` agreements never seen (a new seed); the first pass over them is
    the figure to quote, the second pass over the same agreements is the warm figure.
    CPU time of this process (``time.process_time``), so other users of a shared machine
    do not count. Also the hand-written floor of ``floor.py`` on the same agreements.
    """
    import statistics

    from kerjasama_rules.engine.evaluator import RuleSet

    checked = kr.load_rules()._checked
    series: dict[str, list[float]] = {}

    def timed(label: str, fn, items) -> None:  # type: ignore[no-untyped-def]
        t = time.process_time()
        for a in items:
            fn(a)
        series.setdefault(label, []).append((time.process_time() - t) / len(items) * 1e6)

    ran = 0
    for k in range(passes):
        agreements = generate(n, seed=9000 + k)
        for evidence in (True, False):
            rules = RuleSet(checked)
            ev = rules.evaluate

            def one(a, ev=ev, evidence=evidence):  # type: ignore[no-untyped-def]
                return ev(a, as_of=AS_OF, evidence=evidence)

            name = "full report" if evidence else "evidence=False"
            timed(f"{name}, first pass", one, agreements)
            timed(f"{name}, warm", one, agreements)
            if evidence and k == 0:
                ran = sum(len(rules._plan(a.jenis, a.perjanjian.tanggal_ttd if a.perjanjian
                          and a.perjanjian.tanggal_ttd else AS_OF).run) for a in agreements)
        timed("hand-written floor (floor.py)", floor.check, agreements)
    out: dict[str, object] = {
        "n": n,
        "passes": passes,
        "rules": len(checked.rules),
        "rules_run_per_agreement": round(ran / n, 1),
    }
    for label, xs in series.items():
        out[label] = {
            "median": round(statistics.median(xs), 2),
            "min": round(min(xs), 2),
            "max": round(max(xs), 2),
        }
    return out


def _table(res: dict[str, object]) -> str:
    m = res["machine"]
    t = res["targets"]
    assert isinstance(m, dict) and isinstance(t, dict)

    def ok(b: bool) -> str:
        return "met" if b else "NOT met"

    rows = [
        ("import kerjasama_rules (fresh process)", f"{res['import_ms']} ms", ""),
        ("compile bundled rules, cold (fresh process)", f"{res['compile_cold_ms']} ms",
         f"target < 200 ms: {ok(t['compile_cold_under_200ms'])}"),
        ("compile bundled rules, warm (grammar cached)", f"{res['compile_warm_ms']} ms",
         f"target < 200 ms: {ok(t['compile_warm_under_200ms'])}"),
        ("engine evaluate() per agreement (findings + evidence)",
         f"{res['engine_us_per_agreement']} µs", ""),
        ("engine evaluate(), fact-keyed memos off",
         f"{res['engine_no_memo_us_per_agreement']} µs", f"{res['engine_no_memo_floor_ratio']}x"),
        ("engine evaluate(evidence=False) (findings, no evidence)",
         f"{res['engine_no_evidence_us_per_agreement']} µs", ""),
        ("engine evaluate_many() (reports kept)", f"{res['engine_many_us_per_agreement']} µs", ""),
        ("hand-written floor per agreement", f"{res['floor_us_per_agreement']} µs", ""),
        ("ratio engine / floor (findings + evidence)", f"{res['engine_floor_ratio']}x",
         f"target <= 5x: {ok(t['ratio_within_5x'])}"),
        ("ratio engine / floor (findings, no evidence)",
         f"{res['engine_no_evidence_floor_ratio']}x",
         f"target <= 5x: {ok(t['ratio_no_evidence_within_5x'])}"),
        ("load_agreement(dict) per document", f"{res['load_us_per_document']} µs", ""),
    ]  # fmt: skip
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [
        f"python {m['python']} ({m['implementation']}), {m['nproc']} cores, {m['platform']}",
        f"n={res['n']} agreements, best of {res['repeat']} runs",
        f"workload: {res['workload']}",
        "",
    ]
    lines += [f"{a:<{w0}}  {b:>{w1}}  {c}".rstrip() for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of agreements (10000)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement; best kept (5)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = ap.parse_args(argv)
    res = run(args.n, args.repeat)
    print(_table(res))
    if args.json:
        print(json.dumps(res, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

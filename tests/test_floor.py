"""The benchmark's hand-written floor (benchmarks/floor.py) agrees with the rule engine.

``benchmarks/bench_eval.py`` compares the engine's speed with ``floor.check``; that
comparison is only fair while both do the same checks. These tests hold them together:
same outcome status per rule, and the same findings (status, severity, most specific
citation) in the same order, plus the same value of ``perlu_persetujuan_dprd``.
"""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kerjasama_rules as kr
from kerjasama_rules.model.agreement import (
    Agreement,
    Dokumen,
    Dprd,
    Jenis,
    KeputusanDprd,
    Mitra,
    ObjekLuarNegeri,
    Rencana,
    Urusan,
)
from kerjasama_rules.testing.strategies import agreements

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
AS_OF = datetime.date(2026, 11, 29)
RULES = kr.load_rules()


def _module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # bench_eval imports floor by name
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


floor = _module("floor")


def _engine(a: Agreement, as_of: datetime.date | None = AS_OF) -> list[Any]:
    report = RULES.evaluate(a, as_of=as_of)
    return [
        (o.rule, o.status, tuple((f.status, f.severity, f.citation.text) for f in o.findings))
        for o in report.outcomes
    ]


def _assert_agree(a: Agreement) -> None:
    engine = _engine(a)
    hand = floor.check(a)
    # The contract the benchmark relies on: the set of (rule id, status).
    assert {(r, s) for r, s, _ in engine} == {(r, s) for r, s, _ in hand}
    # And, stronger: the same findings per rule, in order, with the same citations.
    assert engine == hand
    det = RULES.evaluate(a, as_of=AS_OF).determination("perlu_persetujuan_dprd")
    assert det.value == floor.perlu_persetujuan_dprd(a)


def test_floor_covers_every_bundled_rule() -> None:
    a = Agreement(id="x", jenis=Jenis.KSDPL)
    assert [r for r, _, _ in floor.check(a)] == [r.id for r in RULES.rules]


@settings(max_examples=200, deadline=None)
@given(agreements())
def test_floor_agrees_with_engine(a: Agreement) -> None:
    _assert_agree(a)


# The shared strategy never draws the doubtful countries (XK, EH) or blank plan texts;
# these cover the medium-confidence error (XK) and the warning (EH) of Pasal 27 ayat (1)
# huruf a, and `kosong`.
_foreign = st.builds(
    Mitra,
    negara=st.none() | st.sampled_from(["NL", "IL", "TW", "XK", "EH", "JP"]),
    mencampuri_urusan_dalam_negeri=st.none() | st.booleans(),
)
_text = st.none() | st.sampled_from(["", "  ", "ada", " isi "])
_date = st.none() | st.dates(datetime.date(2020, 1, 1), datetime.date(2020, 3, 1))
_bool = st.none() | st.booleans()


@st.composite
def _edge_agreements(draw: st.DrawFn) -> Agreement:
    return Agreement(
        id="edge",
        jenis=draw(st.sampled_from(Jenis)),
        mitra=draw(st.none() | st.lists(_foreign, max_size=3).map(tuple)),
        urusan=draw(
            st.none()
            | st.lists(
                st.sampled_from([Urusan.KESEHATAN, Urusan.AGAMA, Urusan.YUSTISI]), max_size=3
            ).map(tuple)
        ),
        objek_luar_negeri=draw(st.none() | st.sampled_from(ObjekLuarNegeri)),
        membebani_masyarakat_dan_daerah=draw(_bool),
        teranggarkan_apbd=draw(_bool),
        kantor_perwakilan_luar_negeri=draw(_bool),
        sesuai_rencana_pembangunan=draw(_bool),
        alih_iptek_sdm_indonesia=draw(_bool),
        kesetaraan_status_wilayah=draw(_bool),
        saling_melengkapi=draw(_bool),
        peningkatan_hubungan_antarmasyarakat=draw(_bool),
        rencana=draw(
            st.none()
            | st.builds(
                Rencana,
                subjek=_text,
                latar_belakang=_text,
                maksud_tujuan_sasaran=_text,
                objek=_text,
                ruang_lingkup=_text,
                sumber_pembiayaan=_text,
                jangka_waktu=_text,
            )
        ),
        dprd=draw(
            st.none()
            | st.builds(
                Dprd,
                surat_permohonan=_date,
                lampiran_rencana=_bool,
                keputusan=st.none() | st.sampled_from(KeputusanDprd),
                tanggal_keputusan=_date,
            )
        ),
        perjanjian=draw(st.none() | st.builds(Dokumen, tanggal_ttd=_date)),
    )


@settings(max_examples=200, deadline=None)
@given(_edge_agreements())
def test_floor_agrees_with_engine_on_edge_cases(a: Agreement) -> None:
    _assert_agree(a)


def test_floor_agrees_with_engine_on_benchmark_workload() -> None:
    bench = _module("bench_eval")
    for a in bench.generate(1000):
        _assert_agree(a)


@pytest.mark.parametrize(
    ("mitra", "status", "severities"),
    [
        ((Mitra(negara="XK", mencampuri_urusan_dalam_negeri=False),), "fail", ["error"]),
        ((Mitra(negara="EH", mencampuri_urusan_dalam_negeri=False),), "fail", ["warning"]),
        ((Mitra(negara="IL", mencampuri_urusan_dalam_negeri=False),), "fail", ["error"]),
        (
            (Mitra(negara=None, mencampuri_urusan_dalam_negeri=False),),
            "unknown",
            ["error", "error", "warning"],
        ),
    ],
)
def test_diplomatic_relations(mitra: tuple[Mitra, ...], status: str, severities: list[str]) -> None:
    a = Agreement(
        id="x",
        jenis=Jenis.KSDLL,
        mitra=mitra,
        urusan=(Urusan.KESEHATAN,),
        kantor_perwakilan_luar_negeri=False,
        sesuai_rencana_pembangunan=True,
    )
    _assert_agree(a)
    (outcome,) = [o for o in floor.check(a) if o[0] == "pp28-27-1"]
    assert outcome[1] == status
    assert [f[1] for f in outcome[2]] == severities

"""Monitoring and evaluation records of a cooperation (*monitoring dan evaluasi*, monev).

Plain frozen data the agreement carries beside its legal facts (``Agreement.monev``,
``Agreement.indikator``, ``Agreement.anggaran``): what the region evaluated, when, on which
aspects, and what it planned and realised. PP 28/2018 sets no evaluation cadence; the
aspects follow the monitoring practice a regional cooperation office uses (benefit to the
national interest and to the ministries involved, follow-up, link to the development plan
(RPJMD), sustainability, acceptance by participants, technical evaluation, continuity,
lessons learned). Rules and the portfolio read these facts; none of them is law by itself.

Field types keep to the forms the checker reads (see :mod:`.agreement`): numbers are whole
numbers (rupiah, percent, counts).
"""

from __future__ import annotations

import datetime
import enum

import attrs

__all__ = ["ASPEK_MONEV", "Anggaran", "Aspek", "Indikator", "JenisMonev", "Monev"]


def _meta(doc: str) -> dict[str, str]:
    return {"doc": doc}


class JenisMonev(enum.Enum):
    """When an evaluation was made: at the end of a year, of the programme, or periodically."""

    AKHIR_TAHUN = "akhir_tahun"
    AKHIR_PROGRAM = "akhir_program"
    BERKALA = "berkala"


@attrs.frozen
class Aspek:
    """One assessed aspect: a short text and, optionally, a score from 1 (poor) to 5 (good)."""

    catatan: str | None = attrs.field(default=None, metadata=_meta("what was found, briefly"))
    skor: int | None = attrs.field(default=None, metadata=_meta("score from 1 (poor) to 5 (good)"))


@attrs.frozen
class Monev:
    """One evaluation of the cooperation (*evaluasi*), with the aspects it assessed.

    An aspect left out (``None``) was not assessed in this evaluation.
    """

    tanggal: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of the evaluation")
    )
    periode: str | None = attrs.field(
        default=None, metadata=_meta("period evaluated, e.g. 2025 or 2025-S1")
    )
    jenis: JenisMonev | None = attrs.field(
        default=None, metadata=_meta("end of year, end of programme, or periodic")
    )
    penilai: str | None = attrs.field(default=None, metadata=_meta("who evaluated"))
    manfaat_kepentingan_nasional: Aspek | None = attrs.field(
        default=None, metadata=_meta("benefit to the national interest")
    )
    manfaat_kementerian: Aspek | None = attrs.field(
        default=None, metadata=_meta("benefit to the ministries and agencies involved")
    )
    tindak_lanjut: Aspek | None = attrs.field(default=None, metadata=_meta("follow-up"))
    keterkaitan_rpjmd: Aspek | None = attrs.field(
        default=None, metadata=_meta("link to the development programmes (RPJMD)")
    )
    keberlanjutan: Aspek | None = attrs.field(default=None, metadata=_meta("sustainability"))
    penerimaan_peserta: Aspek | None = attrs.field(
        default=None, metadata=_meta("acceptance by participants")
    )
    evaluasi_teknis: Aspek | None = attrs.field(
        default=None, metadata=_meta("technical evaluation")
    )
    kesinambungan: Aspek | None = attrs.field(default=None, metadata=_meta("continuity"))
    pelajaran: Aspek | None = attrs.field(default=None, metadata=_meta("lessons learned"))


# The assessed aspects of a `Monev`, in the order the monitoring practice lists them.
ASPEK_MONEV: tuple[str, ...] = (
    "manfaat_kepentingan_nasional",
    "manfaat_kementerian",
    "tindak_lanjut",
    "keterkaitan_rpjmd",
    "keberlanjutan",
    "penerimaan_peserta",
    "evaluasi_teknis",
    "kesinambungan",
    "pelajaran",
)


@attrs.frozen
class Indikator:
    """A performance indicator of the cooperation: its target and what was realised."""

    nama: str | None = attrs.field(default=None, metadata=_meta("name of the indicator"))
    satuan: str | None = attrs.field(default=None, metadata=_meta("unit, e.g. persen, orang"))
    tahun: int | None = attrs.field(default=None, metadata=_meta("year the figures are for"))
    target: int | None = attrs.field(default=None, metadata=_meta("target value"))
    realisasi: int | None = attrs.field(default=None, metadata=_meta("realised value"))


@attrs.frozen
class Anggaran:
    """The budget of the cooperation for one year, planned and realised, in rupiah."""

    tahun: int | None = attrs.field(default=None, metadata=_meta("budget year"))
    rencana: int | None = attrs.field(default=None, metadata=_meta("planned budget, rupiah"))
    realisasi: int | None = attrs.field(default=None, metadata=_meta("realised spending, rupiah"))

"""The agreement model: the facts about one regional cooperation (*kerja sama daerah*).

Stage 0 of the pipeline (data): :mod:`kerjasama_rules.loader` turns YAML/JSON documents
into these frozen classes, and the evaluator reads them. The checker introspects the
field annotations with :func:`typing.get_type_hints`, so every annotation uses one of a
few forms only: ``bool | None``, ``str | None``, ``int | None``, ``datetime.date | None``,
``Duration | None``, an :class:`enum.Enum` subclass, ``tuple[X, ...] | None`` or another
attrs class.

``None`` means "fact not known", never "false": a rule that reads an unknown fact has
an unknown outcome. An empty tuple is a known, empty list. Field metadata holds a
one-line English ``doc`` and, where there is one, the ``dasar`` (legal basis).
"""

from __future__ import annotations

import datetime
import enum

import attrs

from .duration import Duration

__all__ = [
    "Agreement",
    "Bentuk",
    "Daerah",
    "Dokumen",
    "Dprd",
    "Jenis",
    "JenisMitra",
    "Kategori",
    "KeputusanDprd",
    "Mitra",
    "ObjekLuarNegeri",
    "Rencana",
    "Tingkat",
    "Urusan",
]

_PP = "PP 28/2018"


def _meta(doc: str, dasar: str | None = None) -> dict[str, str]:
    """Field metadata: a one-line English ``doc`` and the legal basis ``dasar``."""
    return {"doc": doc} if dasar is None else {"doc": doc, "dasar": dasar}


class Jenis(enum.Enum):
    """The kind of cooperation (*jenis kerja sama daerah*), PP 28/2018 Pasal 1."""

    KSDD = "KSDD"  # with another region (kerja sama daerah dengan daerah lain)
    KSDPK = "KSDPK"  # with a third party (pihak ketiga)
    KSDPL = "KSDPL"  # with a foreign local government (pemerintah daerah di luar negeri)
    KSDLL = "KSDLL"  # with a foreign institution (lembaga di luar negeri)


class Kategori(enum.Enum):
    """Compulsory or voluntary KSDD (*kategori*), PP 28/2018 Pasal 3."""

    WAJIB = "wajib"
    SUKARELA = "sukarela"


class Tingkat(enum.Enum):
    """Level of a region (*tingkat daerah*): province, regency or city."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"


class Bentuk(enum.Enum):
    """Form of a KSDPL (*bentuk*), PP 28/2018 Pasal 24: twin province, twin regency/city, other."""

    PROVINSI_KEMBAR = "provinsi_kembar"
    KABUPATEN_KOTA_KEMBAR = "kabupaten_kota_kembar"
    LAINNYA = "lainnya"


class ObjekLuarNegeri(enum.Enum):
    """Object of a foreign cooperation (*objek KSDPL/KSDLL*), PP 28/2018 Pasal 23 ayat (2)."""

    IPTEK = "iptek"
    PERTUKARAN_BUDAYA = "pertukaran_budaya"
    KEMAMPUAN_TEKNIS_MANAJEMEN = "kemampuan_teknis_manajemen"
    PROMOSI_POTENSI = "promosi_potensi"
    LAINNYA = "lainnya"


class JenisMitra(enum.Enum):
    """Kind of partner (*jenis mitra*): a region, a third party (Pasal 14) or a foreign body."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    PERSEORANGAN = "perseorangan"
    BADAN_USAHA = "badan_usaha"
    ORGANISASI_KEMASYARAKATAN = "organisasi_kemasyarakatan"
    KEMENTERIAN_LEMBAGA = "kementerian_lembaga"
    PEMERINTAH_DAERAH_LUAR_NEGERI = "pemerintah_daerah_luar_negeri"
    ORGANISASI_INTERNASIONAL = "organisasi_internasional"
    LEMBAGA_NIRLABA_LUAR_NEGERI = "lembaga_nirlaba_luar_negeri"
    MITRA_PEMBANGUNAN_LUAR_NEGERI = "mitra_pembangunan_luar_negeri"
    LEMBAGA_LUAR_NEGERI_LAINNYA = "lembaga_luar_negeri_lainnya"


class KeputusanDprd(enum.Enum):
    """The regional parliament's decision (*keputusan DPRD*), PP 28/2018 Pasal 30."""

    DISETUJUI = "disetujui"
    DITOLAK = "ditolak"


class Urusan(enum.Enum):
    """A government affair (*urusan pemerintahan*), UU 23/2014 Pasal 10–12.

    The 32 concurrent affairs (*urusan konkuren*) are regional authority; the last 6
    are absolute affairs (*urusan absolut*) of the centre. Those load so that rules can
    flag them (PP 28/2018 Pasal 4 ayat (1), Pasal 27 ayat (1) huruf b).
    """

    PENDIDIKAN = "pendidikan"
    KESEHATAN = "kesehatan"
    PEKERJAAN_UMUM_PENATAAN_RUANG = "pekerjaan_umum_penataan_ruang"
    PERUMAHAN_KAWASAN_PERMUKIMAN = "perumahan_kawasan_permukiman"
    KETENTERAMAN_KETERTIBAN_UMUM_PELINDUNGAN_MASYARAKAT = (
        "ketenteraman_ketertiban_umum_pelindungan_masyarakat"
    )
    SOSIAL = "sosial"
    TENAGA_KERJA = "tenaga_kerja"
    PEMBERDAYAAN_PEREMPUAN_PELINDUNGAN_ANAK = "pemberdayaan_perempuan_pelindungan_anak"
    PANGAN = "pangan"
    PERTANAHAN = "pertanahan"
    LINGKUNGAN_HIDUP = "lingkungan_hidup"
    ADMINISTRASI_KEPENDUDUKAN_PENCATATAN_SIPIL = "administrasi_kependudukan_pencatatan_sipil"
    PEMBERDAYAAN_MASYARAKAT_DESA = "pemberdayaan_masyarakat_desa"
    PENGENDALIAN_PENDUDUK_KELUARGA_BERENCANA = "pengendalian_penduduk_keluarga_berencana"
    PERHUBUNGAN = "perhubungan"
    KOMUNIKASI_INFORMATIKA = "komunikasi_informatika"
    KOPERASI_USAHA_KECIL_MENENGAH = "koperasi_usaha_kecil_menengah"
    PENANAMAN_MODAL = "penanaman_modal"
    KEPEMUDAAN_OLAHRAGA = "kepemudaan_olahraga"
    STATISTIK = "statistik"
    PERSANDIAN = "persandian"
    KEBUDAYAAN = "kebudayaan"
    PERPUSTAKAAN = "perpustakaan"
    KEARSIPAN = "kearsipan"
    KELAUTAN_PERIKANAN = "kelautan_perikanan"
    PARIWISATA = "pariwisata"
    PERTANIAN = "pertanian"
    KEHUTANAN = "kehutanan"
    ENERGI_SUMBER_DAYA_MINERAL = "energi_sumber_daya_mineral"
    PERDAGANGAN = "perdagangan"
    PERINDUSTRIAN = "perindustrian"
    TRANSMIGRASI = "transmigrasi"
    # Absolute affairs (UU 23/2014 Pasal 10 ayat (1)): never regional authority.
    POLITIK_LUAR_NEGERI = "politik_luar_negeri"
    PERTAHANAN = "pertahanan"
    KEAMANAN = "keamanan"
    YUSTISI = "yustisi"
    MONETER_FISKAL_NASIONAL = "moneter_fiskal_nasional"
    AGAMA = "agama"


@attrs.frozen
class Daerah:
    """The region that cooperates (*daerah*): a province, regency or city."""

    nama: str | None = attrs.field(
        default=None, metadata=_meta("name of the region, e.g. Kabupaten Bekasi")
    )
    tingkat: Tingkat | None = attrs.field(
        default=None, metadata=_meta("level of the region", f"{_PP} Pasal 24")
    )
    provinsi: str | None = attrs.field(
        default=None, metadata=_meta("province the region lies in (for a regency or city)")
    )


@attrs.frozen
class Mitra:
    """A partner in the cooperation (*mitra kerja sama*)."""

    nama: str | None = attrs.field(
        default=None, metadata=_meta("name of the partner, e.g. Gemeente Arnhem")
    )
    jenis: JenisMitra | None = attrs.field(
        default=None,
        metadata=_meta(
            "kind of partner: region, third party or foreign body",
            f"{_PP} Pasal 1, Pasal 14, Pasal 36",
        ),
    )
    negara: str | None = attrs.field(
        default=None,
        metadata=_meta(
            "country of a foreign partner, ISO 3166-1 alpha-2 upper case (e.g. NL)",
            f"{_PP} Pasal 27 ayat (1) huruf a",
        ),
    )
    provinsi: str | None = attrs.field(
        default=None, metadata=_meta("province (or foreign state, prefecture) of the partner")
    )
    berbatasan: bool | None = attrs.field(
        default=None, metadata=_meta("the partner region borders ours", f"{_PP} Pasal 3")
    )
    mencampuri_urusan_dalam_negeri: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the foreign partner interferes in domestic government affairs",
            f"{_PP} Pasal 27 ayat (1) huruf d",
        ),
    )


@attrs.frozen
class Rencana:
    """The cooperation plan (*rencana kerja sama*), PP 28/2018 Pasal 30 ayat (3).

    Each text field is one of the minimum contents of the plan; ``None`` means the plan
    is not known to contain it.
    """

    tanggal: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of the plan", f"{_PP} Pasal 28 ayat (5)")
    )
    subjek: str | None = attrs.field(
        default=None,
        metadata=_meta("parties (subjek kerja sama)", f"{_PP} Pasal 30 ayat (3) huruf a"),
    )
    latar_belakang: str | None = attrs.field(
        default=None, metadata=_meta("background", f"{_PP} Pasal 30 ayat (3) huruf b")
    )
    maksud_tujuan_sasaran: str | None = attrs.field(
        default=None,
        metadata=_meta("purpose, objectives and targets", f"{_PP} Pasal 30 ayat (3) huruf c"),
    )
    objek: str | None = attrs.field(
        default=None,
        metadata=_meta("object of the cooperation", f"{_PP} Pasal 30 ayat (3) huruf d"),
    )
    ruang_lingkup: str | None = attrs.field(
        default=None, metadata=_meta("scope", f"{_PP} Pasal 30 ayat (3) huruf e")
    )
    sumber_pembiayaan: str | None = attrs.field(
        default=None, metadata=_meta("source of financing", f"{_PP} Pasal 30 ayat (3) huruf f")
    )
    jangka_waktu: str | None = attrs.field(
        default=None,
        metadata=_meta(
            "implementation period as written in the plan", f"{_PP} Pasal 30 ayat (3) huruf g"
        ),
    )


@attrs.frozen
class Dprd:
    """The regional parliament's approval (*persetujuan DPRD*), PP 28/2018 Pasal 6, Pasal 30."""

    surat_permohonan: datetime.date | None = attrs.field(
        default=None,
        metadata=_meta("date of the regional head's request letter", f"{_PP} Pasal 30 ayat (2)"),
    )
    diterima: datetime.date | None = attrs.field(
        default=None,
        metadata=_meta("date the DPRD received the request", f"{_PP} Pasal 30 ayat (4)"),
    )
    lampiran_rencana: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the cooperation plan was attached to the request", f"{_PP} Pasal 30 ayat (2)"
        ),
    )
    keputusan: KeputusanDprd | None = attrs.field(
        default=None, metadata=_meta("the DPRD's decision", f"{_PP} Pasal 30 ayat (1)")
    )
    tanggal_keputusan: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of the DPRD's decision", f"{_PP} Pasal 30 ayat (4)")
    )


@attrs.frozen
class Dokumen:
    """A signed cooperation document: joint agreement (*kesepakatan bersama*) or contract."""

    tanggal_ttd: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of signing", f"{_PP} Pasal 6 ayat (1)")
    )


@attrs.frozen
class Agreement:
    """One regional cooperation (*kerja sama daerah*) and the facts known about it.

    Only ``id`` and ``jenis`` are required; every other field is ``None`` when the fact
    is not known.

    Examples:
        >>> a = Agreement(id="bekasi-arnhem", jenis=Jenis.KSDPL)
        >>> a.dprd is None
        True
    """

    id: str = attrs.field(metadata=_meta("stable identifier of the agreement"))
    judul: str | None = attrs.field(default=None, metadata=_meta("title of the agreement"))
    jenis: Jenis = attrs.field(
        kw_only=True, metadata=_meta("kind of cooperation", f"{_PP} Pasal 1")
    )
    kategori: Kategori | None = attrs.field(
        default=None, metadata=_meta("compulsory or voluntary (KSDD)", f"{_PP} Pasal 3 ayat (1)")
    )
    daerah: Daerah | None = attrs.field(default=None, metadata=_meta("our region"))
    mitra: tuple[Mitra, ...] | None = attrs.field(
        default=None, metadata=_meta("the partners", f"{_PP} Pasal 1, Pasal 14, Pasal 36")
    )
    urusan: tuple[Urusan, ...] | None = attrs.field(
        default=None,
        metadata=_meta(
            "government affairs the cooperation serves",
            f"{_PP} Pasal 4 ayat (1), Pasal 16 ayat (1)",
        ),
    )
    bentuk: Bentuk | None = attrs.field(
        default=None, metadata=_meta("form of a KSDPL", f"{_PP} Pasal 24")
    )
    objek_luar_negeri: ObjekLuarNegeri | None = attrs.field(
        default=None, metadata=_meta("object of a foreign cooperation", f"{_PP} Pasal 23 ayat (2)")
    )
    membebani_masyarakat_dan_daerah: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the cooperation burdens the public and the region", f"{_PP} Pasal 6 ayat (2)"
        ),
    )
    teranggarkan_apbd: bool | None = attrs.field(
        default=None,
        metadata=_meta("funding is budgeted in the current year's APBD", f"{_PP} Pasal 6 ayat (2)"),
    )
    kantor_perwakilan_luar_negeri: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the region opens a representative office abroad", f"{_PP} Pasal 27 ayat (1) huruf c"
        ),
    )
    sesuai_rencana_pembangunan: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "consistent with national and regional development plans",
            f"{_PP} Pasal 27 ayat (1) huruf e",
        ),
    )
    alih_iptek_sdm_indonesia: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "science and technology is transferable to Indonesian people",
            f"{_PP} Pasal 27 ayat (2)",
        ),
    )
    kesetaraan_status_wilayah: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "equal administrative status and/or territory", f"{_PP} Pasal 27 ayat (3) huruf a"
        ),
    )
    saling_melengkapi: bool | None = attrs.field(
        default=None,
        metadata=_meta("the partners complement each other", f"{_PP} Pasal 27 ayat (3) huruf b"),
    )
    peningkatan_hubungan_antarmasyarakat: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "strengthens people-to-people relations", f"{_PP} Pasal 27 ayat (3) huruf c"
        ),
    )
    rencana: Rencana | None = attrs.field(
        default=None, metadata=_meta("the cooperation plan", f"{_PP} Pasal 30 ayat (3)")
    )
    dprd: Dprd | None = attrs.field(
        default=None,
        metadata=_meta("the DPRD approval procedure", f"{_PP} Pasal 6 ayat (2), Pasal 30"),
    )
    kesepakatan_bersama: Dokumen | None = attrs.field(
        default=None, metadata=_meta("the joint agreement (KB)", f"{_PP} Pasal 6 ayat (1) huruf d")
    )
    perjanjian: Dokumen | None = attrs.field(
        default=None,
        metadata=_meta(
            "the cooperation contract (PKS) or foreign cooperation text",
            f"{_PP} Pasal 6 ayat (1) huruf g, Pasal 33",
        ),
    )
    jangka_waktu: Duration | None = attrs.field(
        default=None, metadata=_meta("term of the agreement", f"{_PP} Pasal 19 ayat (2)")
    )
    keterangan: str | None = attrs.field(
        default=None, metadata=_meta("free notes, e.g. illustrative example")
    )

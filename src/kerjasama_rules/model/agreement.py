"""The agreement model: the facts about one regional cooperation (*kerja sama daerah*).

The data the whole pipeline reads: ``model.loader`` turns YAML/JSON documents into these
frozen classes, and the engine evaluates them. The checker introspects the
field annotations with :func:`typing.get_type_hints`, so every annotation uses one of a
few forms only: ``bool | None``, ``str | None``, ``int | None``, ``datetime.date | None``,
``Duration | None``, an :class:`enum.Enum` subclass, ``tuple[X, ...] | None`` or another
attrs class.

``None`` means "fact not known", never "false": a rule that reads an unknown fact has
an unknown outcome. An empty tuple is a known, empty list. Field metadata holds a
one-line English ``doc`` and, where there is one, the ``dasar`` (legal basis).

Longer than 600 lines because it is the vocabulary of the agreement format in one place:
one short class per section of the document and one enum per closed list of values, each
field with its meaning and legal basis. It is data, read top to bottom like
``docs/agreement-format.md``; splitting it would scatter the contract across files.
"""

from __future__ import annotations

import datetime
import enum

import attrs

from .duration import Duration
from .monev import Anggaran, Indikator, Monev

__all__ = [
    "Agreement",
    "AlasanBerakhir",
    "AlasanDiLuarPerencanaan",
    "Bentuk",
    "CaraPenyelesaianPerselisihan",
    "Daerah",
    "DasarKsdll",
    "Dokumen",
    "Dprd",
    "ForumPerselisihan",
    "Hasil",
    "HasilPertimbangan",
    "Jabatan",
    "Jenis",
    "JenisKsdpk",
    "JenisMitra",
    "Kategori",
    "Kegiatan",
    "KeputusanDprd",
    "Klausul",
    "KonfigurasiDaerah",
    "Konsultasi",
    "KoordinasiTeknis",
    "Laporan",
    "Mitra",
    "ObjekLuarNegeri",
    "Penandatangan",
    "PenerimaLaporan",
    "PenyusunStudi",
    "Perpanjangan",
    "Persetujuan",
    "PertimbanganMenteri",
    "PesertaRapat",
    "Prakarsa",
    "RapatAntarKl",
    "Rencana",
    "Sekretariat",
    "StatusKerjaSama",
    "StudiKelayakan",
    "Surat",
    "SuratKuasa",
    "Tingkat",
    "TingkatKoordinasi",
    "Urusan",
]

_PP = "PP 28/2018"
_UU = "UU 23/2014"


def _meta(doc: str, dasar: str | None = None) -> dict[str, str]:
    """Field metadata: a one-line English ``doc`` and the legal basis ``dasar``."""
    return {"doc": doc} if dasar is None else {"doc": doc, "dasar": dasar}


class Jenis(enum.Enum):
    """The kind of cooperation (*jenis kerja sama daerah*), PP 28/2018 Pasal 1."""

    KSDD = "KSDD"  # with another region (kerja sama daerah dengan daerah lain)
    KSDPK = "KSDPK"  # with a third party (pihak ketiga)
    KSDPL = "KSDPL"  # with a foreign local government (pemerintah daerah di luar negeri)
    KSDLL = "KSDLL"  # with a foreign institution (lembaga di luar negeri)
    # Not a KSD: synergy with a central ministry or agency, PP 28/2018 Pasal 46, 49.
    SINERGI = "SINERGI"


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
    """The regional parliament's decision (*keputusan DPRD*), PP 28/2018 Pasal 30.

    ``tidak_ada``: it is known that the DPRD gave no decision (an explicit negative,
    distinct from a missing ``keputusan``, which means "not known").
    """

    DISETUJUI = "disetujui"
    DITOLAK = "ditolak"
    TIDAK_ADA = "tidak_ada"


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


class KonfigurasiDaerah(enum.Enum):
    """Which regions cooperate in a KSDD (*konfigurasi*), UU 23/2014 Pasal 364 ayat (2)."""

    PROVINSI_PROVINSI = "provinsi_provinsi"  # huruf a
    PROVINSI_KABUPATEN_KOTA_DALAM_WILAYAHNYA = "provinsi_kabupaten_kota_dalam_wilayahnya"  # b
    PROVINSI_KABUPATEN_KOTA_PROVINSI_LAIN = "provinsi_kabupaten_kota_provinsi_lain"  # c
    KABUPATEN_KOTA_BEDA_PROVINSI = "kabupaten_kota_beda_provinsi"  # d
    KABUPATEN_KOTA_SATU_PROVINSI = "kabupaten_kota_satu_provinsi"  # e


class AlasanDiLuarPerencanaan(enum.Enum):
    """Why an object outside the development plans may still be taken up.

    PP 28/2018 Pasal 4 ayat (3) and Pasal 16 ayat (3); ``tidak_ada``: no such ground.
    """

    KONDISI_DARURAT = "kondisi_darurat"
    PROGRAM_STRATEGIS_NASIONAL = "program_strategis_nasional"
    TUGAS_PEMBANTUAN = "tugas_pembantuan"
    TIDAK_ADA = "tidak_ada"


class JenisKsdpk(enum.Enum):
    """Type of a third-party cooperation (*jenis KSDPK*), PP 28/2018 Pasal 15 ayat (1)."""

    PELAYANAN_PUBLIK = "pelayanan_publik"
    PENGELOLAAN_ASET = "pengelolaan_aset"
    INVESTASI = "investasi"
    LAINNYA = "lainnya"


class Prakarsa(enum.Enum):
    """Who took the initiative (*prakarsa*), PP 28/2018 Pasal 17, 18, 28."""

    PEMERINTAH_DAERAH = "pemerintah_daerah"  # our region
    DAERAH_LAIN = "daerah_lain"
    PIHAK_KETIGA = "pihak_ketiga"
    PEMERINTAH_DAERAH_LUAR_NEGERI = "pemerintah_daerah_luar_negeri"
    LEMBAGA_LUAR_NEGERI = "lembaga_luar_negeri"


class TingkatKoordinasi(enum.Enum):
    """Level of the technical coordination of a compulsory KSDD, PP 28/2018 Pasal 5 ayat (2)."""

    PROVINSI = "provinsi"
    NASIONAL = "nasional"


class PenyusunStudi(enum.Enum):
    """Who prepared the feasibility study, PP 28/2018 Pasal 17 huruf b, Pasal 18 ayat (2)."""

    PEMERINTAH_DAERAH = "pemerintah_daerah"
    PIHAK_KETIGA = "pihak_ketiga"
    PARA_PIHAK = "para_pihak"


class Jabatan(enum.Enum):
    """Office of the person who signs for our region, PP 28/2018 Pasal 2, 13, 33 ayat (4)."""

    GUBERNUR = "gubernur"
    BUPATI = "bupati"
    WALI_KOTA = "wali_kota"
    PENJABAT_KEPALA_DAERAH = "penjabat_kepala_daerah"  # Pj
    PELAKSANA_TUGAS_KEPALA_DAERAH = "pelaksana_tugas_kepala_daerah"  # Plt
    WAKIL_KEPALA_DAERAH = "wakil_kepala_daerah"
    SEKRETARIS_DAERAH = "sekretaris_daerah"
    KEPALA_PERANGKAT_DAERAH = "kepala_perangkat_daerah"
    PEJABAT_PERANGKAT_DAERAH = "pejabat_perangkat_daerah"
    LAINNYA = "lainnya"


class Klausul(enum.Enum):
    """A clause of a cooperation contract (*klausul*), PP 28/2018 Pasal 19 ayat (2)."""

    HAK_DAN_KEWAJIBAN = "hak_dan_kewajiban"
    JANGKA_WAKTU_KERJA_SAMA = "jangka_waktu_kerja_sama"
    PENYELESAIAN_PERSELISIHAN = "penyelesaian_perselisihan"
    SANKSI_WANPRESTASI = "sanksi_wanprestasi"
    KEADAAN_KAHAR = "keadaan_kahar"
    PENGAKHIRAN = "pengakhiran"
    OBJEK_KERJA_SAMA = "objek_kerja_sama"
    RUANG_LINGKUP = "ruang_lingkup"
    PEMBIAYAAN = "pembiayaan"


class CaraPenyelesaianPerselisihan(enum.Enum):
    """How the document settles disputes, PP 28/2018 Pasal 21, 34, 41."""

    MUSYAWARAH_MUFAKAT = "musyawarah_mufakat"
    NEGOSIASI_KONSULTASI = "negosiasi_konsultasi"
    ARBITRASE = "arbitrase"
    PENGADILAN = "pengadilan"
    LAINNYA = "lainnya"


class HasilPertimbangan(enum.Enum):
    """The Minister's written consideration, PP 28/2018 Pasal 31 ayat (3)."""

    PERBAIKI_RENCANA = "perbaiki_rencana"  # huruf a
    SUSUN_RANCANGAN_NASKAH = "susun_rancangan_naskah"  # huruf b


class PesertaRapat(enum.Enum):
    """A participant of the inter-ministerial meeting, PP 28/2018 Pasal 32 ayat (3)."""

    KEMLU = "kemlu"  # huruf a
    KL_TERKAIT_OBJEK = "kl_terkait_objek"  # huruf b
    PEMDA_PROVINSI = "pemda_provinsi"  # huruf c
    PEMDA_KABUPATEN_KOTA = "pemda_kabupaten_kota"  # huruf d


class DasarKsdll(enum.Enum):
    """Basis of a KSDLL, PP 28/2018 Pasal 25."""

    PENERUSAN_KERJA_SAMA_PUSAT = "penerusan_kerja_sama_pusat"  # huruf a
    PERSETUJUAN_PUSAT = "persetujuan_pusat"  # huruf b


class PenerimaLaporan(enum.Enum):
    """Who received a report on the cooperation, PP 28/2018 Pasal 43 ayat (1)."""

    MENTERI_DALAM_NEGERI = "menteri_dalam_negeri"
    GUBERNUR_WAKIL_PEMERINTAH_PUSAT = "gubernur_wakil_pemerintah_pusat"
    KEPALA_DAERAH = "kepala_daerah"
    LAINNYA = "lainnya"


class ForumPerselisihan(enum.Enum):
    """Who the document names to settle a dispute between regions (KSDD).

    PP 28/2018 Pasal 8 and UU 23/2014 Pasal 370: the governor as the centre's
    representative between regencies/cities of one province, the Minister otherwise.
    """

    GUBERNUR_WAKIL_PEMERINTAH_PUSAT = "gubernur_wakil_pemerintah_pusat"
    MENTERI_DALAM_NEGERI = "menteri_dalam_negeri"
    PENGADILAN = "pengadilan"
    ARBITRASE = "arbitrase"
    LAINNYA = "lainnya"


class StatusKerjaSama(enum.Enum):
    """Where the cooperation stands: being prepared, being carried out, or ended."""

    PERSIAPAN = "persiapan"
    PELAKSANAAN = "pelaksanaan"
    BERAKHIR = "berakhir"


class AlasanBerakhir(enum.Enum):
    """Why the cooperation ended, PP 28/2018 Pasal 9 ayat (1), Pasal 22 ayat (2).

    ``pergantian_kepala_daerah`` (a change of regional head) loads so that rules can flag
    it: it is not a ground (Pasal 9 ayat (2)).
    """

    JANGKA_WAKTU_HABIS = "jangka_waktu_habis"  # Pasal 9 ayat (1) huruf a
    TUJUAN_TERCAPAI = "tujuan_tercapai"  # huruf b
    KESEPAKATAN_PARA_PIHAK = "kesepakatan_para_pihak"  # huruf c
    PERUBAHAN_KEBIJAKAN = "perubahan_kebijakan"  # huruf d
    OBJEK_HILANG_MUSNAH = "objek_hilang_musnah"  # huruf e
    PUTUSAN_PENGADILAN_BERKEKUATAN_HUKUM_TETAP = "putusan_pengadilan_berkekuatan_hukum_tetap"
    PIHAK_KETIGA_PAILIT = "pihak_ketiga_pailit"  # Pasal 22 ayat (2) huruf b
    PERGANTIAN_KEPALA_DAERAH = "pergantian_kepala_daerah"
    LAINNYA = "lainnya"


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
    partai_politik: bool | None = attrs.field(
        default=None,
        metadata=_meta("the partner is a political party", f"{_PP} Pasal 36 ayat (2)"),
    )
    berbadan_hukum: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the partner has legal-entity status (PT, BUMN, BUMD, koperasi: yes; CV, firma: no)",
            f"{_PP} Pasal 14 huruf b",
        ),
    )
    perguruan_tinggi: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the partner is a university (academia of the Triple Helix; not a legal category)"
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

    diajukan: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "approval was requested from the DPRD (false: known never to have been requested)",
            f"{_PP} Pasal 6 ayat (1) huruf e, Pasal 30 ayat (2)",
        ),
    )
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
class Penandatangan:
    """The person who signed a document on behalf of our region (*penandatangan*)."""

    nama: str | None = attrs.field(default=None, metadata=_meta("name of the signatory"))
    jabatan: Jabatan | None = attrs.field(
        default=None,
        metadata=_meta("office of the signatory", f"{_PP} Pasal 2, Pasal 13, Pasal 33 ayat (4)"),
    )
    atas_kuasa: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "signed under a power of attorney of the regional head",
            f"{_PP} Pasal 2 ayat (2), Pasal 13",
        ),
    )


@attrs.frozen
class Dokumen:
    """A signed cooperation document: joint agreement (*kesepakatan bersama*) or contract."""

    ada: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the document exists (false: known never to have been made)", f"{_PP} Pasal 6 ayat (3)"
        ),
    )
    tanggal_ttd: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of signing", f"{_PP} Pasal 6 ayat (1)")
    )
    penandatangan: Penandatangan | None = attrs.field(
        default=None,
        metadata=_meta("who signed for our region", f"{_PP} Pasal 2, Pasal 13, Pasal 33 ayat (4)"),
    )
    klausul: tuple[Klausul, ...] | None = attrs.field(
        default=None,
        metadata=_meta(
            "clauses the document contains", f"{_PP} Pasal 19 ayat (2); {_UU} Pasal 366 ayat (2)"
        ),
    )
    cara_penyelesaian_perselisihan: CaraPenyelesaianPerselisihan | None = attrs.field(
        default=None,
        metadata=_meta("how the document settles disputes", f"{_PP} Pasal 21, Pasal 34, Pasal 41"),
    )
    forum_penyelesaian_perselisihan: ForumPerselisihan | None = attrs.field(
        default=None,
        metadata=_meta(
            "who the document names to settle a dispute between the regions (KSDD)",
            f"{_PP} Pasal 8; {_UU} Pasal 370",
        ),
    )
    kepemilikan_barang_diatur: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the document settles who owns the goods the cooperation produces",
            f"{_PP} Pasal 26 ayat (2)",
        ),
    )


@attrs.frozen
class Kegiatan:
    """A step that was or was not taken (*kegiatan*), with its date."""

    dilakukan: bool | None = attrs.field(default=None, metadata=_meta("the step was taken"))
    tanggal: datetime.date | None = attrs.field(default=None, metadata=_meta("date of the step"))


@attrs.frozen
class KoordinasiTeknis:
    """Technical coordination of a compulsory KSDD, PP 28/2018 Pasal 5 ayat (2)–(3)."""

    tingkat: TingkatKoordinasi | None = attrs.field(
        default=None, metadata=_meta("level of the coordination", f"{_PP} Pasal 5 ayat (2)")
    )
    tanggal: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of the coordination")
    )
    hasil_disepakati_kepala_daerah: bool | None = attrs.field(
        default=None,
        metadata=_meta("the results were agreed by the regional heads", f"{_PP} Pasal 5 ayat (3)"),
    )


@attrs.frozen
class StudiKelayakan:
    """The feasibility study (*studi kelayakan*), UU 23/2014 Pasal 366 ayat (3)."""

    ada: bool | None = attrs.field(
        default=None, metadata=_meta("a feasibility study was made", f"{_UU} Pasal 366 ayat (3)")
    )
    disusun_oleh: PenyusunStudi | None = attrs.field(
        default=None,
        metadata=_meta("who prepared it", f"{_PP} Pasal 17 huruf b, Pasal 18 ayat (2)"),
    )
    tanggal: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date the study was completed")
    )


@attrs.frozen
class SuratKuasa:
    """Power of attorney to sign the contract (*surat kuasa*), PP 28/2018 Pasal 2 ayat (2)."""

    ada: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "a power of attorney exists (false: known not to exist)",
            f"{_PP} Pasal 2 ayat (2), Pasal 13 ayat (2)",
        ),
    )
    tanggal: datetime.date | None = attrs.field(default=None, metadata=_meta("date of the letter"))
    pemberi: Jabatan | None = attrs.field(
        default=None, metadata=_meta("office of the grantor", f"{_PP} Pasal 2 ayat (2)")
    )
    penerima: Jabatan | None = attrs.field(
        default=None, metadata=_meta("office of the holder", f"{_PP} Pasal 2 ayat (2)–(3)")
    )


@attrs.frozen
class Konsultasi:
    """Consultation of the Minister and the Foreign Minister before the letter of intent."""

    tanggal: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of the consultation", f"{_PP} Pasal 28 ayat (4)")
    )
    mendagri: bool | None = attrs.field(
        default=None,
        metadata=_meta("the Minister of Home Affairs was consulted", f"{_PP} Pasal 28 ayat (4)"),
    )
    kemlu: bool | None = attrs.field(
        default=None,
        metadata=_meta("the Minister of Foreign Affairs was consulted", f"{_PP} Pasal 28 ayat (4)"),
    )


@attrs.frozen
class PertimbanganMenteri:
    """The Minister's consideration of the approved plan, PP 28/2018 Pasal 31."""

    tanggal_permohonan: datetime.date | None = attrs.field(
        default=None,
        metadata=_meta("date the plan was sent to the Minister", f"{_PP} Pasal 31 ayat (1)"),
    )
    tanggal: datetime.date | None = attrs.field(
        default=None,
        metadata=_meta("date of the written consideration", f"{_PP} Pasal 31 ayat (3)"),
    )
    hasil: HasilPertimbangan | None = attrs.field(
        default=None, metadata=_meta("what the Minister decided", f"{_PP} Pasal 31 ayat (3)")
    )


@attrs.frozen
class Persetujuan:
    """An approval (*persetujuan*) by a central authority, with its date."""

    diberikan: bool | None = attrs.field(default=None, metadata=_meta("the approval was given"))
    tanggal: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date of the approval")
    )


@attrs.frozen
class RapatAntarKl:
    """The inter-ministerial meeting on the draft text, PP 28/2018 Pasal 32 ayat (2)–(3)."""

    tanggal: datetime.date | None = attrs.field(default=None, metadata=_meta("date of the meeting"))
    peserta: tuple[PesertaRapat, ...] | None = attrs.field(
        default=None, metadata=_meta("who took part", f"{_PP} Pasal 32 ayat (3)")
    )


@attrs.frozen
class Surat:
    """A letter (*surat*) with its number and date."""

    ada: bool | None = attrs.field(
        default=None, metadata=_meta("the letter exists (false: known not to exist)")
    )
    nomor: str | None = attrs.field(default=None, metadata=_meta("number of the letter"))
    tanggal: datetime.date | None = attrs.field(default=None, metadata=_meta("date of the letter"))


@attrs.frozen
class Laporan:
    """A report on the cooperation (*laporan*), PP 28/2018 Pasal 6 ayat (1) huruf j, Pasal 43."""

    penerima: PenerimaLaporan | None = attrs.field(
        default=None, metadata=_meta("who received the report", f"{_PP} Pasal 43 ayat (1)")
    )
    tanggal: datetime.date | None = attrs.field(default=None, metadata=_meta("date of the report"))
    periode: str | None = attrs.field(default=None, metadata=_meta("period covered, e.g. 2026-S1"))


@attrs.frozen
class Hasil:
    """Results of a third-party cooperation (*hasil KSDPK*), PP 28/2018 Pasal 20."""

    berupa_uang: bool | None = attrs.field(
        default=None, metadata=_meta("the region receives money", f"{_PP} Pasal 20 ayat (1)")
    )
    disetor_kas_daerah: bool | None = attrs.field(
        default=None,
        metadata=_meta("the money is paid into the regional treasury", f"{_PP} Pasal 20 ayat (2)"),
    )
    berupa_barang: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the cooperation produces goods", f"{_PP} Pasal 20 ayat (1), Pasal 26 ayat (2)"
        ),
    )
    dicatat_aset: bool | None = attrs.field(
        default=None,
        metadata=_meta("the goods are recorded as regional assets", f"{_PP} Pasal 20 ayat (3)"),
    )


@attrs.frozen
class Sekretariat:
    """The cooperation secretariat (*sekretariat kerja sama*), PP 28/2018 Pasal 7."""

    dibentuk: bool | None = attrs.field(
        default=None, metadata=_meta("a secretariat was formed", f"{_PP} Pasal 7 ayat (1)")
    )
    terus_menerus: bool | None = attrs.field(
        default=None,
        metadata=_meta("the cooperation is continuous", f"{_PP} Pasal 7 ayat (2) huruf a"),
    )
    jumlah_daerah: int | None = attrs.field(
        default=None,
        metadata=_meta(
            "number of regions taking part, ours included", f"{_PP} Penjelasan Pasal 7 ayat (2)"
        ),
    )
    jumlah_objek: int | None = attrs.field(
        default=None,
        metadata=_meta(
            "number of objects of the cooperation", f"{_PP} Penjelasan Pasal 7 ayat (2)"
        ),
    )


@attrs.frozen
class Perpanjangan:
    """An extension (*perpanjangan*) of the agreement, PP 28/2018 Pasal 48."""

    tanggal_ttd: datetime.date | None = attrs.field(
        default=None, metadata=_meta("date the extension was signed", f"{_PP} Pasal 48")
    )
    jangka_waktu: Duration | None = attrs.field(
        default=None, metadata=_meta("term of the extension")
    )
    mengikuti_prosedur_pp28: bool | None = attrs.field(
        default=None,
        metadata=_meta("the extension went through the PP 28/2018 procedure", f"{_PP} Pasal 48"),
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
    konfigurasi_daerah: KonfigurasiDaerah | None = attrs.field(
        default=None,
        metadata=_meta("which regions cooperate (KSDD)", f"{_UU} Pasal 364 ayat (2)"),
    )
    eksternalitas_lintas_daerah: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the affair has cross-regional externalities",
            f"{_UU} Pasal 364 ayat (1); {_PP} Pasal 3 ayat (2)",
        ),
    )
    lebih_efisien_dikelola_bersama: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "joint provision is more efficient", f"{_UU} Pasal 364 ayat (1); {_PP} Pasal 3 ayat (2)"
        ),
    )
    urusan_kewenangan_daerah: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the object is an affair within the authority of each region party",
            f"{_PP} Pasal 4 ayat (1), Pasal 16 ayat (1)",
        ),
    )
    objek_dalam_perencanaan_pembangunan: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the object is in the regional development plans (RPJMD/RKPD)",
            f"{_PP} Pasal 4 ayat (2)–(3), Pasal 16 ayat (2)–(3)",
        ),
    )
    alasan_di_luar_perencanaan: AlasanDiLuarPerencanaan | None = attrs.field(
        default=None,
        metadata=_meta(
            "ground for an object outside the plans", f"{_PP} Pasal 4 ayat (3), Pasal 16 ayat (3)"
        ),
    )
    bertentangan_kesusilaan_ketertiban_kepentingan_nasional: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the object conflicts with morality, public order, the national interest or law",
            f"{_PP} Pasal 4 ayat (4), Pasal 16 ayat (4)",
        ),
    )
    jenis_ksdpk: JenisKsdpk | None = attrs.field(
        default=None, metadata=_meta("type of a KSDPK", f"{_PP} Pasal 15 ayat (1)")
    )
    prakarsa_dari: Prakarsa | None = attrs.field(
        default=None,
        metadata=_meta("who took the initiative", f"{_PP} Pasal 17, Pasal 18, Pasal 28"),
    )
    pemetaan_urusan: Kegiatan | None = attrs.field(
        default=None,
        metadata=_meta(
            "mapping of government affairs", f"{_PP} Pasal 5 ayat (1), Pasal 17 huruf a"
        ),
    )
    koordinasi_teknis: KoordinasiTeknis | None = attrs.field(
        default=None,
        metadata=_meta("technical coordination (compulsory KSDD)", f"{_PP} Pasal 5 ayat (2)–(3)"),
    )
    studi_kelayakan: StudiKelayakan | None = attrs.field(
        default=None,
        metadata=_meta(
            "feasibility study", f"{_UU} Pasal 366 ayat (3); {_PP} Pasal 17 huruf b, Pasal 18"
        ),
    )
    terintegrasi_rencana_induk: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "technically integrated with the sector master plan", f"{_PP} Pasal 18 ayat (1) huruf a"
        ),
    )
    layak_ekonomi_finansial: bool | None = attrs.field(
        default=None,
        metadata=_meta("economically and financially feasible", f"{_PP} Pasal 18 ayat (1) huruf b"),
    )
    kemampuan_keuangan_pemrakarsa: bool | None = attrs.field(
        default=None,
        metadata=_meta(
            "the third-party proposer can fund the cooperation", f"{_PP} Pasal 18 ayat (1) huruf c"
        ),
    )
    surat_kuasa: SuratKuasa | None = attrs.field(
        default=None,
        metadata=_meta(
            "power of attorney to sign the contract", f"{_PP} Pasal 2 ayat (2), Pasal 13"
        ),
    )
    penjajakan: Kegiatan | None = attrs.field(
        default=None, metadata=_meta("exploration of the opportunity", f"{_PP} Pasal 28 ayat (3)")
    )
    konsultasi_mendagri_kemlu: Konsultasi | None = attrs.field(
        default=None,
        metadata=_meta("consultation before the letter of intent", f"{_PP} Pasal 28 ayat (4)"),
    )
    loi: Dokumen | None = attrs.field(
        default=None,
        metadata=_meta(
            "letter of intent (pernyataan kehendak kerja sama)", f"{_PP} Pasal 28 ayat (4)–(5)"
        ),
    )
    pertimbangan_menteri: PertimbanganMenteri | None = attrs.field(
        default=None, metadata=_meta("the Minister's consideration", f"{_PP} Pasal 31")
    )
    persetujuan_menteri_rancangan: Persetujuan | None = attrs.field(
        default=None,
        metadata=_meta("the Minister's approval of the draft text", f"{_PP} Pasal 32 ayat (1)"),
    )
    rapat_antar_kl: RapatAntarKl | None = attrs.field(
        default=None, metadata=_meta("inter-ministerial meeting", f"{_PP} Pasal 32 ayat (2)–(3)")
    )
    surat_konfirmasi_kemlu: Surat | None = attrs.field(
        default=None,
        metadata=_meta(
            "the Foreign Ministry's confirmation letter", f"{_PP} Pasal 33 ayat (3)–(4)"
        ),
    )
    persetujuan_pemerintah_pusat: Persetujuan | None = attrs.field(
        default=None,
        metadata=_meta(
            "central government approval", f"{_UU} Pasal 367 ayat (2); {_PP} Pasal 25, Pasal 29"
        ),
    )
    nota_kesepakatan: Dokumen | None = attrs.field(
        default=None,
        metadata=_meta(
            "the binding agreement document of a sinergi (Nota Kesepakatan in practice)",
            f"{_PP} Pasal 46 ayat (4)",
        ),
    )
    mulai_pelaksanaan: datetime.date | None = attrs.field(
        default=None,
        metadata=_meta("date implementation began", f"{_PP} Pasal 6 ayat (1) huruf h, Pasal 43"),
    )
    dasar_ksdll: DasarKsdll | None = attrs.field(
        default=None, metadata=_meta("basis of a KSDLL", f"{_PP} Pasal 25")
    )
    laporan: tuple[Laporan, ...] | None = attrs.field(
        default=None,
        metadata=_meta("reports made", f"{_PP} Pasal 6 ayat (1) huruf j, Pasal 43 ayat (1)"),
    )
    hasil: Hasil | None = attrs.field(
        default=None, metadata=_meta("results of a KSDPK", f"{_PP} Pasal 20")
    )
    hibah_terkait: bool | None = attrs.field(
        default=None, metadata=_meta("a grant (hibah) is involved", f"{_PP} Pasal 26 ayat (1)")
    )
    status: StatusKerjaSama | None = attrs.field(
        default=None, metadata=_meta("where the cooperation stands")
    )
    alasan_berakhir: AlasanBerakhir | None = attrs.field(
        default=None,
        metadata=_meta("why the cooperation ended", f"{_PP} Pasal 9, Pasal 22"),
    )
    sekretariat_kerja_sama: Sekretariat | None = attrs.field(
        default=None, metadata=_meta("cooperation secretariat", f"{_PP} Pasal 7")
    )
    perpanjangan: Perpanjangan | None = attrs.field(
        default=None, metadata=_meta("extension of the agreement", f"{_PP} Pasal 48")
    )
    # Monitoring and evaluation (not law: what the region recorded; see model/monev.py).
    monev: tuple[Monev, ...] | None = attrs.field(
        default=None, metadata=_meta("evaluations made (monitoring dan evaluasi)")
    )
    indikator: tuple[Indikator, ...] | None = attrs.field(
        default=None, metadata=_meta("performance indicators: target and realisation")
    )
    anggaran: tuple[Anggaran, ...] | None = attrs.field(
        default=None, metadata=_meta("budget per year: planned and realised, rupiah")
    )

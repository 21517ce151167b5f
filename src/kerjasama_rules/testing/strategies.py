"""Hypothesis strategies for agreements: realistic valid ones and messy raw documents.

Not a pipeline stage: a testing aid that ships with the library so that rule authors can
property-test their rules against the same generators as the library's own tests. It
imports :mod:`hypothesis`, which comes with the ``test`` extra
(``pip install kerjasama-rules[test]``).

Examples:
    >>> from hypothesis import given
    >>> from kerjasama_rules.strategies import agreements
    >>> @given(agreements())
    ... def test_has_id(agreement):
    ...     assert agreement.id
"""

from __future__ import annotations

import datetime
import string
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ..model.agreement import (
    Agreement,
    AlasanBerakhir,
    AlasanDiLuarPerencanaan,
    Bentuk,
    CaraPenyelesaianPerselisihan,
    Daerah,
    DasarKsdll,
    Dokumen,
    Dprd,
    ForumPerselisihan,
    Hasil,
    HasilPertimbangan,
    Jabatan,
    Jenis,
    JenisKsdpk,
    JenisMitra,
    Kategori,
    Kegiatan,
    KeputusanDprd,
    Klausul,
    KonfigurasiDaerah,
    Konsultasi,
    KoordinasiTeknis,
    Laporan,
    Mitra,
    ObjekLuarNegeri,
    Penandatangan,
    PenerimaLaporan,
    PenyusunStudi,
    Perpanjangan,
    Persetujuan,
    PertimbanganMenteri,
    PesertaRapat,
    Prakarsa,
    RapatAntarKl,
    Rencana,
    Sekretariat,
    StatusKerjaSama,
    StudiKelayakan,
    Surat,
    SuratKuasa,
    Tingkat,
    TingkatKoordinasi,
    Urusan,
)
from ..model.duration import Duration
from ..model.loader import unstructure_agreement

__all__ = ["agreement_documents", "agreements", "jenis_agreements"]

T = TypeVar("T")

_FIRST_DATE = datetime.date(2015, 1, 1)
_LAST_DATE = datetime.date(2030, 12, 31)

# Illustrative names. Regions around Kabupaten Bekasi (the source study), with level.
_REGIONS = (
    ("Kabupaten Bekasi", Tingkat.KABUPATEN, "Jawa Barat"),
    ("Kota Bekasi", Tingkat.KOTA, "Jawa Barat"),
    ("Kabupaten Bogor", Tingkat.KABUPATEN, "Jawa Barat"),
    ("Kabupaten Karawang", Tingkat.KABUPATEN, "Jawa Barat"),
    ("Provinsi Jawa Barat", Tingkat.PROVINSI, None),
    ("Provinsi DKI Jakarta", Tingkat.PROVINSI, None),
    ("Kota Surabaya", Tingkat.KOTA, "Jawa Timur"),
)
_FOREIGN_REGIONS = (
    ("Gemeente Arnhem", "NL", "Gelderland"),
    ("Stadt Braunschweig", "DE", "Niedersachsen"),
    ("Kitakyushu City", "JP", "Fukuoka"),
    ("Haifa Municipality", "IL", None),
    ("Taichung City Government", "TW", None),
    ("City of Seattle", "US", "Washington"),
)
_COUNTRIES = ("NL", "DE", "JP", "IL", "TW", "US", "KR", "AU")
_THIRD_PARTIES = (
    ("PT Kawasan Industri Contoh", JenisMitra.BADAN_USAHA),
    ("Universitas Contoh Bekasi", JenisMitra.BADAN_USAHA),
    ("Yayasan Lingkungan Contoh", JenisMitra.ORGANISASI_KEMASYARAKATAN),
    ("Budi Santoso", JenisMitra.PERSEORANGAN),
    ("Kementerian Contoh", JenisMitra.KEMENTERIAN_LEMBAGA),
)
_FOREIGN_BODIES = (
    JenisMitra.ORGANISASI_INTERNASIONAL,
    JenisMitra.LEMBAGA_NIRLABA_LUAR_NEGERI,
    JenisMitra.MITRA_PEMBANGUNAN_LUAR_NEGERI,
    JenisMitra.LEMBAGA_LUAR_NEGERI_LAINNYA,
)
_ABSOLUTE = frozenset(
    {
        Urusan.POLITIK_LUAR_NEGERI,
        Urusan.PERTAHANAN,
        Urusan.KEAMANAN,
        Urusan.YUSTISI,
        Urusan.MONETER_FISKAL_NASIONAL,
        Urusan.AGAMA,
    }
)
_CONCURRENT = tuple(u for u in Urusan if u not in _ABSOLUTE)
_PHRASES = (
    "Kerja sama kabupaten kembar",
    "Pengelolaan sampah regional",
    "Pengembangan kawasan industri",
    "Pertukaran pelajar dan budaya",
    "APBD tahun anggaran berjalan",
    "5 tahun sejak penandatanganan",
    "Contoh ilustratif",
)
# Letters, digits and a little punctuation: text that survives YAML and JSON unchanged.
_TEXT = st.sampled_from(_PHRASES) | st.text(
    alphabet=st.characters(categories=("L", "N")) | st.sampled_from(" -.,/()'"),
    min_size=1,
    max_size=30,
)


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` (fact not known) about one time in four; shrinks towards ``None``."""
    return st.one_of(st.none(), strategy, strategy, strategy)


def _dates() -> st.SearchStrategy[datetime.date]:
    return st.dates(_FIRST_DATE, _LAST_DATE)


def _durations() -> st.SearchStrategy[Duration]:
    typical = st.sampled_from([Duration(years=n) for n in (1, 2, 3, 5, 10)])
    return typical | st.builds(
        Duration,
        years=st.integers(0, 30),
        months=st.integers(0, 24),
        days=st.integers(0, 400),
    )


@st.composite
def _region_partner(draw: st.DrawFn) -> Mitra:
    nama, tingkat, provinsi = draw(st.sampled_from(_REGIONS))
    return Mitra(
        nama=draw(_maybe(st.just(nama))),
        jenis=draw(_maybe(st.just(JenisMitra(tingkat.value)))),
        negara=draw(st.none() | st.just("ID")),
        provinsi=draw(_maybe(st.just(provinsi))) if provinsi else None,
        berbatasan=draw(_maybe(st.booleans())),
        mencampuri_urusan_dalam_negeri=None,
        partai_politik=None,
    )


@st.composite
def _third_party(draw: st.DrawFn) -> Mitra:
    nama, jenis = draw(st.sampled_from(_THIRD_PARTIES))
    return Mitra(
        nama=draw(_maybe(st.just(nama))),
        jenis=draw(_maybe(st.just(jenis))),
        berbadan_hukum=draw(_maybe(st.booleans())),
        partai_politik=draw(st.none() | st.just(False)),
    )


@st.composite
def _foreign_partner(draw: st.DrawFn, *, local_government: bool) -> Mitra:
    if local_government:
        nama, negara, provinsi = draw(st.sampled_from(_FOREIGN_REGIONS))
        jenis = JenisMitra.PEMERINTAH_DAERAH_LUAR_NEGERI
    else:
        nama, provinsi = draw(_TEXT), None
        negara = draw(st.sampled_from(_COUNTRIES))
        jenis = draw(st.sampled_from(_FOREIGN_BODIES))
    return Mitra(
        nama=draw(_maybe(st.just(nama))),
        jenis=draw(_maybe(st.just(jenis))),
        negara=draw(_maybe(st.just(negara))),
        provinsi=draw(_maybe(st.just(provinsi))) if provinsi else None,
        berbatasan=draw(st.none() | st.just(False)),
        mencampuri_urusan_dalam_negeri=draw(_maybe(st.booleans())),
        partai_politik=None if local_government else draw(_maybe(st.booleans())),
    )


def _partners(jenis: Jenis) -> st.SearchStrategy[Mitra]:
    if jenis is Jenis.KSDD:
        return _region_partner()
    if jenis in (Jenis.KSDPK, Jenis.SINERGI):
        return _third_party()
    return _foreign_partner(local_government=jenis is Jenis.KSDPL)


def _daerah() -> st.SearchStrategy[Daerah]:
    return st.sampled_from(_REGIONS).flatmap(
        lambda r: st.builds(
            Daerah,
            nama=_maybe(st.just(r[0])),
            tingkat=_maybe(st.just(r[1])),
            provinsi=_maybe(st.just(r[2])) if r[2] else st.none(),
        )
    )


def _rencana() -> st.SearchStrategy[Rencana]:
    return st.builds(
        Rencana,
        tanggal=_maybe(_dates()),
        subjek=_maybe(_TEXT),
        latar_belakang=_maybe(_TEXT),
        maksud_tujuan_sasaran=_maybe(_TEXT),
        objek=_maybe(_TEXT),
        ruang_lingkup=_maybe(_TEXT),
        sumber_pembiayaan=_maybe(_TEXT),
        jangka_waktu=_maybe(_TEXT),
    )


def _dprd() -> st.SearchStrategy[Dprd]:
    return st.builds(
        Dprd,
        surat_permohonan=_maybe(_dates()),
        diajukan=_maybe(st.booleans()),
        diterima=_maybe(_dates()),
        lampiran_rencana=_maybe(st.booleans()),
        keputusan=_maybe(st.sampled_from(KeputusanDprd)),
        tanggal_keputusan=_maybe(_dates()),
    )


def _rarely(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` (fact not known) about half the time: facts of later procedure steps."""
    return st.one_of(st.none(), strategy)


def _penandatangan() -> st.SearchStrategy[Penandatangan]:
    return st.builds(
        Penandatangan,
        nama=st.none() | st.just("Contoh Penandatangan"),
        jabatan=_maybe(st.sampled_from(Jabatan)),
        atas_kuasa=_maybe(st.booleans()),
    )


def _dokumen(*, contract: bool) -> st.SearchStrategy[Dokumen]:
    """A signed document; a contract or cooperation text also has clauses and disputes."""
    if not contract:
        return st.builds(
            Dokumen, tanggal_ttd=_maybe(_dates()), penandatangan=_rarely(_penandatangan())
        )
    return st.builds(
        Dokumen,
        ada=_rarely(st.booleans()),
        tanggal_ttd=_maybe(_dates()),
        penandatangan=_rarely(_penandatangan()),
        forum_penyelesaian_perselisihan=_rarely(st.sampled_from(ForumPerselisihan)),
        klausul=_rarely(st.lists(st.sampled_from(Klausul), max_size=6, unique=True).map(tuple)),
        cara_penyelesaian_perselisihan=_rarely(st.sampled_from(CaraPenyelesaianPerselisihan)),
        kepemilikan_barang_diatur=_rarely(st.booleans()),
    )


def _kegiatan() -> st.SearchStrategy[Kegiatan]:
    return st.builds(Kegiatan, dilakukan=_maybe(st.booleans()), tanggal=_maybe(_dates()))


def _persetujuan() -> st.SearchStrategy[Persetujuan]:
    return st.builds(Persetujuan, diberikan=_maybe(st.booleans()), tanggal=_maybe(_dates()))


def _ksdd_facts(draw: st.DrawFn) -> dict[str, Any]:
    """Facts of a KSDD (UU 23/2014 Pasal 364; PP 28/2018 Pasal 2–9)."""
    return {
        "konfigurasi_daerah": draw(_maybe(st.sampled_from(KonfigurasiDaerah))),
        "eksternalitas_lintas_daerah": draw(_maybe(st.booleans())),
        "lebih_efisien_dikelola_bersama": draw(_maybe(st.booleans())),
        "koordinasi_teknis": draw(
            _rarely(
                st.builds(
                    KoordinasiTeknis,
                    tingkat=_maybe(st.sampled_from(TingkatKoordinasi)),
                    tanggal=_maybe(_dates()),
                    hasil_disepakati_kepala_daerah=_maybe(st.booleans()),
                )
            )
        ),
        "sekretariat_kerja_sama": draw(
            _rarely(
                st.builds(
                    Sekretariat,
                    dibentuk=_maybe(st.booleans()),
                    terus_menerus=_maybe(st.booleans()),
                    jumlah_daerah=_maybe(st.integers(2, 6)),
                    jumlah_objek=_maybe(st.integers(1, 5)),
                )
            )
        ),
    }


def _ksdpk_facts(draw: st.DrawFn) -> dict[str, Any]:
    """Facts of a KSDPK (UU 23/2014 Pasal 366; PP 28/2018 Pasal 15–20)."""
    return {
        "jenis_ksdpk": draw(_maybe(st.sampled_from(JenisKsdpk))),
        "prakarsa_dari": draw(
            _maybe(st.sampled_from([Prakarsa.PEMERINTAH_DAERAH, Prakarsa.PIHAK_KETIGA]))
        ),
        "studi_kelayakan": draw(
            _rarely(
                st.builds(
                    StudiKelayakan,
                    ada=_maybe(st.booleans()),
                    disusun_oleh=_maybe(st.sampled_from(PenyusunStudi)),
                    tanggal=_maybe(_dates()),
                )
            )
        ),
        "terintegrasi_rencana_induk": draw(_maybe(st.booleans())),
        "layak_ekonomi_finansial": draw(_maybe(st.booleans())),
        "kemampuan_keuangan_pemrakarsa": draw(_maybe(st.booleans())),
        "hasil": draw(
            _rarely(
                st.builds(
                    Hasil,
                    berupa_uang=_maybe(st.booleans()),
                    disetor_kas_daerah=_maybe(st.booleans()),
                    berupa_barang=_maybe(st.booleans()),
                    dicatat_aset=_maybe(st.booleans()),
                )
            )
        ),
    }


def _foreign_facts(draw: st.DrawFn, jenis: Jenis) -> dict[str, Any]:
    """Facts of a KSDPL/KSDLL procedure (PP 28/2018 Pasal 25–43; UU 23/2014 Pasal 367)."""
    return {
        "penjajakan": draw(_rarely(_kegiatan())),
        "konsultasi_mendagri_kemlu": draw(
            _rarely(
                st.builds(
                    Konsultasi,
                    tanggal=_maybe(_dates()),
                    mendagri=_maybe(st.booleans()),
                    kemlu=_maybe(st.booleans()),
                )
            )
        ),
        "loi": draw(_rarely(_dokumen(contract=False))),
        "pertimbangan_menteri": draw(
            _rarely(
                st.builds(
                    PertimbanganMenteri,
                    tanggal_permohonan=_maybe(_dates()),
                    tanggal=_maybe(_dates()),
                    hasil=_maybe(st.sampled_from(HasilPertimbangan)),
                )
            )
        ),
        "persetujuan_menteri_rancangan": draw(_rarely(_persetujuan())),
        "rapat_antar_kl": draw(
            _rarely(
                st.builds(
                    RapatAntarKl,
                    tanggal=_maybe(_dates()),
                    peserta=_maybe(
                        st.lists(st.sampled_from(PesertaRapat), max_size=4, unique=True).map(tuple)
                    ),
                )
            )
        ),
        "surat_konfirmasi_kemlu": draw(
            _rarely(st.builds(Surat, nomor=st.none(), tanggal=_maybe(_dates())))
        ),
        "persetujuan_pemerintah_pusat": draw(_rarely(_persetujuan())),
        "dasar_ksdll": draw(_maybe(st.sampled_from(DasarKsdll))) if jenis is Jenis.KSDLL else None,
        "laporan": draw(
            _rarely(
                st.lists(
                    st.builds(
                        Laporan,
                        penerima=_maybe(st.sampled_from(PenerimaLaporan)),
                        tanggal=_maybe(_dates()),
                        periode=st.none() | st.just("2026-S1"),
                    ),
                    max_size=3,
                ).map(tuple)
            )
        ),
        "hibah_terkait": draw(_rarely(st.booleans())),
        "hasil": draw(_rarely(st.builds(Hasil, berupa_barang=_maybe(st.booleans())))),
    }


@st.composite
def _agreement(draw: st.DrawFn, jenis: Jenis | None = None) -> Agreement:
    if jenis is None:
        jenis = draw(st.sampled_from(Jenis))
    foreign = jenis in (Jenis.KSDPL, Jenis.KSDLL)
    urusan_pool = st.sampled_from(_CONCURRENT) | st.sampled_from(sorted(_ABSOLUTE, key=str))
    domestic = not foreign
    if jenis is Jenis.KSDD:
        extra = _ksdd_facts(draw)
    elif jenis is Jenis.KSDPK:
        extra = _ksdpk_facts(draw)
    elif jenis is Jenis.SINERGI:
        extra = {"nota_kesepakatan": draw(_rarely(_dokumen(contract=False)))}
    else:
        extra = _foreign_facts(draw, jenis)
    return Agreement(
        id=draw(st.from_regex(r"[a-z]{3,10}(-[a-z0-9]{2,8}){0,3}", fullmatch=True)),
        judul=draw(_maybe(_TEXT)),
        jenis=jenis,
        kategori=draw(_maybe(st.sampled_from(Kategori))) if jenis is Jenis.KSDD else None,
        daerah=draw(_maybe(_daerah())),
        mitra=draw(_maybe(st.lists(_partners(jenis), min_size=0, max_size=3).map(tuple))),
        urusan=draw(_maybe(st.lists(urusan_pool, max_size=4, unique=True).map(tuple))),
        bentuk=draw(_maybe(st.sampled_from(Bentuk))) if jenis is Jenis.KSDPL else None,
        objek_luar_negeri=draw(_maybe(st.sampled_from(ObjekLuarNegeri))) if foreign else None,
        membebani_masyarakat_dan_daerah=draw(_maybe(st.booleans())),
        teranggarkan_apbd=draw(_maybe(st.booleans())),
        kantor_perwakilan_luar_negeri=draw(_maybe(st.booleans())) if foreign else None,
        sesuai_rencana_pembangunan=draw(_maybe(st.booleans())),
        alih_iptek_sdm_indonesia=draw(_maybe(st.booleans())) if foreign else None,
        kesetaraan_status_wilayah=draw(_maybe(st.booleans())) if foreign else None,
        saling_melengkapi=draw(_maybe(st.booleans())) if foreign else None,
        peningkatan_hubungan_antarmasyarakat=draw(_maybe(st.booleans())) if foreign else None,
        rencana=draw(_maybe(_rencana())),
        dprd=draw(_maybe(_dprd())),
        kesepakatan_bersama=draw(_maybe(_dokumen(contract=False))),
        perjanjian=draw(_maybe(_dokumen(contract=True))),
        jangka_waktu=draw(_maybe(_durations())),
        keterangan=draw(st.none() | st.just("Contoh ilustratif")),
        urusan_kewenangan_daerah=draw(_maybe(st.booleans())) if domestic else None,
        objek_dalam_perencanaan_pembangunan=draw(_maybe(st.booleans())) if domestic else None,
        alasan_di_luar_perencanaan=(
            draw(_rarely(st.sampled_from(AlasanDiLuarPerencanaan))) if domestic else None
        ),
        bertentangan_kesusilaan_ketertiban_kepentingan_nasional=(
            draw(_maybe(st.booleans())) if domestic else None
        ),
        pemetaan_urusan=draw(_rarely(_kegiatan())) if domestic else None,
        surat_kuasa=(
            draw(
                _rarely(
                    st.builds(
                        SuratKuasa,
                        ada=_rarely(st.booleans()),
                        tanggal=_maybe(_dates()),
                        pemberi=_maybe(st.sampled_from(Jabatan)),
                        penerima=_maybe(st.sampled_from(Jabatan)),
                    )
                )
            )
            if domestic
            else None
        ),
        status=draw(_rarely(st.sampled_from(StatusKerjaSama))),
        alasan_berakhir=draw(_rarely(st.sampled_from(AlasanBerakhir))),
        perpanjangan=draw(
            _rarely(
                st.builds(
                    Perpanjangan,
                    tanggal_ttd=_maybe(_dates()),
                    jangka_waktu=_maybe(_durations()),
                    mengikuti_prosedur_pp28=_maybe(st.booleans()),
                )
            )
        ),
        **extra,
    )


def agreements() -> st.SearchStrategy[Agreement]:
    """Realistic, valid agreements; any optional field may be ``None`` (not known).

    Partners fit the kind of cooperation: regions for KSDD, third parties for KSDPK, a
    foreign local government for KSDPL and foreign bodies for KSDLL, with countries from
    a small pool (NL, DE, JP, IL, TW, US, ...). Dates lie between 2015 and 2030.

    Examples:
        >>> from hypothesis import given
        >>> from kerjasama_rules.loader import load_agreement, unstructure_agreement
        >>> @given(agreements())
        ... def test_round_trip(a):
        ...     assert load_agreement(unstructure_agreement(a)) == a
        >>> test_round_trip()
    """
    return _agreement()


def jenis_agreements(jenis: Jenis) -> st.SearchStrategy[Agreement]:
    """The agreements of :func:`agreements` of one kind of cooperation only."""
    return _agreement(jenis)


_FIELDS = tuple(field.name for field in attrs.fields(Agreement))
_KEYS: st.SearchStrategy[Any] = (
    st.sampled_from(_FIELDS)
    | st.sampled_from(["mitra_negra", "tanggal", "Jenis", "negara", ""])
    | st.text(alphabet=string.ascii_lowercase + "_", max_size=12)
    | st.integers(-5, 5)
    | st.booleans()
    | st.none()
)
_SCALARS: st.SearchStrategy[Any] = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["ya", "tidak", "NO", "KSDX", "2026-02-30", "2 Maret 2026", "5 tahun"])
    | st.dates()
    | st.datetimes()
)


def _junk() -> st.SearchStrategy[Any]:
    return st.recursive(
        _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(_KEYS, inner, max_size=4)
            | st.tuples(inner, inner)
        ),
        max_leaves=12,
    )


@st.composite
def _mutated(draw: st.DrawFn) -> dict[Any, Any]:
    doc: dict[Any, Any] = unstructure_agreement(draw(agreements()))
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["replace", "add", "delete", "nested"]))
        key = draw(st.sampled_from(sorted(doc, key=repr)) if doc and action != "add" else _KEYS)
        if action == "delete":
            doc.pop(key, None)
        elif action == "nested" and isinstance(doc.get(key), dict | list):
            value = doc[key]
            if isinstance(value, dict) and value:
                value[draw(st.sampled_from(sorted(value, key=repr)))] = draw(_junk())
            elif isinstance(value, list) and value:
                value[draw(st.integers(0, len(value) - 1))] = draw(_junk())
        else:
            doc[key] = draw(_junk())
    return doc


def agreement_documents() -> st.SearchStrategy[object]:
    """Messy raw documents for fuzzing the loader.

    A mix of valid documents (as :func:`~kerjasama_rules.loader.unstructure_agreement`
    gives them), valid documents with fields replaced by wrong types, unknown or
    non-string keys and deleted required fields, and random nested values (including
    non-mappings at the top level).

    Examples:
        >>> from hypothesis import given
        >>> from kerjasama_rules.errors import AgreementError
        >>> from kerjasama_rules.loader import load_agreement
        >>> @given(agreement_documents())
        ... def test_only_our_errors(doc):
        ...     try:
        ...         load_agreement(doc)
        ...     except AgreementError:
        ...         pass
    """
    return st.one_of(
        agreements().map(unstructure_agreement),
        _mutated(),
        st.dictionaries(_KEYS, _junk(), max_size=6),
        _junk(),
    )

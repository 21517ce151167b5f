"""Compliant starting points: one agreement per kind of cooperation that meets the bundled rules.

Data for :func:`kerjasama_rules.testing.compliant_agreements`: each document is a cut-down
copy of the illustrative example ``examples/<jenis>-...-patuh.yaml`` (long texts shortened,
comments dropped). The facts are invented for illustration; the strategies move the dates
(keeping their order and never lengthening a gap, so no statutory period is exceeded) and
vary the names, so that a property sees many compliant agreements, not five.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.agreement import Jenis

__all__ = ["SEEDS"]

# Every date of a seed lies on or before the kit's AS_OF (2026-11-29).
SEEDS: Mapping[Jenis, Mapping[str, Any]] = {
    Jenis.KSDD: {
        "id": "bekasi-kota-bekasi-sampah-2025",
        "judul": "Perjanjian Kerja Sama antara Pemerintah Kabupaten Bekasi dan",
        "jenis": "KSDD",
        "kategori": "wajib",
        "daerah": {"nama": "Kabupaten Bekasi", "tingkat": "kabupaten", "provinsi": "Jawa Barat"},
        "mitra": [
            {
                "nama": "Pemerintah Kota Bekasi",
                "jenis": "kota",
                "provinsi": "Jawa Barat",
                "berbatasan": True,
            }
        ],
        "urusan": ["lingkungan_hidup"],
        "membebani_masyarakat_dan_daerah": False,
        "teranggarkan_apbd": False,
        "dprd": {
            "surat_permohonan": "2025-07-28",
            "diterima": "2025-07-30",
            "keputusan": "disetujui",
            "tanggal_keputusan": "2025-09-18",
        },
        "kesepakatan_bersama": {
            "tanggal_ttd": "2025-07-14",
            "penandatangan": {"jabatan": "bupati"},
        },
        "perjanjian": {
            "tanggal_ttd": "2025-10-13",
            "penandatangan": {"jabatan": "kepala_perangkat_daerah", "atas_kuasa": True},
        },
        "jangka_waktu": "P5Y",
        "konfigurasi_daerah": "kabupaten_kota_satu_provinsi",
        "eksternalitas_lintas_daerah": True,
        "lebih_efisien_dikelola_bersama": True,
        "urusan_kewenangan_daerah": True,
        "objek_dalam_perencanaan_pembangunan": True,
        "bertentangan_kesusilaan_ketertiban_kepentingan_nasional": False,
        "pemetaan_urusan": {"dilakukan": True, "tanggal": "2025-03-10"},
        "koordinasi_teknis": {
            "tingkat": "provinsi",
            "tanggal": "2025-05-20",
            "hasil_disepakati_kepala_daerah": True,
        },
        "surat_kuasa": {
            "tanggal": "2025-10-06",
            "pemberi": "bupati",
            "penerima": "kepala_perangkat_daerah",
        },
    },
    Jenis.KSDLL: {
        "id": "bekasi-tu-braunschweig-kawasan-industri-2026",
        "judul": "Naskah Kerja Sama antara Pemerintah Kabupaten Bekasi dan Technische",
        "jenis": "KSDLL",
        "daerah": {"nama": "Kabupaten Bekasi", "tingkat": "kabupaten", "provinsi": "Jawa Barat"},
        "mitra": [
            {
                "nama": "Technische Universität Braunschweig",
                "jenis": "lembaga_luar_negeri_lainnya",
                "negara": "DE",
                "provinsi": "Niedersachsen",
                "mencampuri_urusan_dalam_negeri": False,
                "partai_politik": False,
            }
        ],
        "urusan": ["perindustrian", "penanaman_modal", "lingkungan_hidup"],
        "objek_luar_negeri": "iptek",
        "kantor_perwakilan_luar_negeri": False,
        "sesuai_rencana_pembangunan": True,
        "alih_iptek_sdm_indonesia": True,
        "rencana": {
            "tanggal": "2025-10-20",
            "subjek": "Pemerintah Kabupaten Bekasi (Provinsi Jawa Barat) dan",
            "latar_belakang": "Kabupaten Bekasi memiliki kawasan industri terbesar",
            "maksud_tujuan_sasaran": "Memperkuat perencanaan kawasan industri berbasis riset;",
            "objek": "Ilmu pengetahuan dan teknologi pengelolaan kawasan",
            "ruang_lingkup": "Riset terapan bersama, pelatihan dan magang aparatur,",
            "sumber_pembiayaan": "APBD Kabupaten Bekasi dan dana hibah riset mitra sesuai",
            "jangka_waktu": "3 (tiga) tahun sejak penandatanganan naskah kerja sama",
        },
        "dprd": {
            "surat_permohonan": "2025-11-10",
            "diterima": "2025-11-12",
            "lampiran_rencana": True,
            "keputusan": "disetujui",
            "tanggal_keputusan": "2026-01-15",
        },
        "perjanjian": {
            "tanggal_ttd": "2026-07-08",
            "penandatangan": {"jabatan": "bupati"},
            "cara_penyelesaian_perselisihan": "negosiasi_konsultasi",
        },
        "jangka_waktu": "P3Y",
        "penjajakan": {"dilakukan": True, "tanggal": "2025-06-16"},
        "konsultasi_mendagri_kemlu": {"tanggal": "2025-08-25", "mendagri": True, "kemlu": True},
        "loi": {"tanggal_ttd": "2025-09-10", "penandatangan": {"jabatan": "bupati"}},
        "pertimbangan_menteri": {
            "tanggal_permohonan": "2026-01-22",
            "tanggal": "2026-03-12",
            "hasil": "susun_rancangan_naskah",
        },
        "persetujuan_menteri_rancangan": {"diberikan": True, "tanggal": "2026-04-22"},
        "rapat_antar_kl": {
            "tanggal": "2026-04-08",
            "peserta": ["kemlu", "kl_terkait_objek", "pemda_provinsi", "pemda_kabupaten_kota"],
        },
        "surat_konfirmasi_kemlu": {"nomor": "B-0000/PL/2026/99 (rekaan)", "tanggal": "2026-06-24"},
        "persetujuan_pemerintah_pusat": {"diberikan": True, "tanggal": "2026-04-22"},
        "dasar_ksdll": "persetujuan_pusat",
    },
    Jenis.KSDPK: {
        "id": "bekasi-tirta-cikarang-air-bersih-2026",
        "judul": "Perjanjian Kerja Sama antara Pemerintah Kabupaten Bekasi dan",
        "jenis": "KSDPK",
        "daerah": {"nama": "Kabupaten Bekasi", "tingkat": "kabupaten", "provinsi": "Jawa Barat"},
        "mitra": [
            {
                "nama": "PT Tirta Cikarang Lestari",
                "jenis": "badan_usaha",
                "negara": "ID",
                "provinsi": "Jawa Barat",
                "berbadan_hukum": True,
            }
        ],
        "urusan": ["pekerjaan_umum_penataan_ruang", "perumahan_kawasan_permukiman"],
        "membebani_masyarakat_dan_daerah": False,
        "teranggarkan_apbd": True,
        "kesepakatan_bersama": {
            "tanggal_ttd": "2026-02-16",
            "penandatangan": {"jabatan": "bupati"},
        },
        "perjanjian": {
            "tanggal_ttd": "2026-05-11",
            "penandatangan": {"jabatan": "bupati"},
            "klausul": [
                "hak_dan_kewajiban",
                "jangka_waktu_kerja_sama",
                "penyelesaian_perselisihan",
                "sanksi_wanprestasi",
                "keadaan_kahar",
                "pengakhiran",
            ],
        },
        "jangka_waktu": "P5Y",
        "objek_dalam_perencanaan_pembangunan": True,
        "bertentangan_kesusilaan_ketertiban_kepentingan_nasional": False,
        "jenis_ksdpk": "pelayanan_publik",
        "prakarsa_dari": "pihak_ketiga",
        "studi_kelayakan": {"ada": True, "disusun_oleh": "pihak_ketiga", "tanggal": "2025-11-20"},
        "terintegrasi_rencana_induk": True,
        "layak_ekonomi_finansial": True,
        "kemampuan_keuangan_pemrakarsa": True,
    },
    Jenis.KSDPL: {
        "id": "bekasi-arnhem-kota-kembar-2026",
        "judul": "Naskah Kerja Sama Kabupaten Kembar antara Pemerintah Kabupaten",
        "jenis": "KSDPL",
        "daerah": {"nama": "Kabupaten Bekasi", "tingkat": "kabupaten", "provinsi": "Jawa Barat"},
        "mitra": [
            {
                "nama": "Gemeente Arnhem",
                "jenis": "pemerintah_daerah_luar_negeri",
                "negara": "NL",
                "provinsi": "Gelderland",
                "mencampuri_urusan_dalam_negeri": False,
            }
        ],
        "urusan": ["perindustrian", "kebudayaan", "lingkungan_hidup"],
        "bentuk": "kabupaten_kota_kembar",
        "objek_luar_negeri": "kemampuan_teknis_manajemen",
        "kantor_perwakilan_luar_negeri": False,
        "sesuai_rencana_pembangunan": True,
        "kesetaraan_status_wilayah": True,
        "saling_melengkapi": True,
        "peningkatan_hubungan_antarmasyarakat": True,
        "rencana": {
            "tanggal": "2025-09-15",
            "subjek": "Pemerintah Kabupaten Bekasi (Provinsi Jawa Barat) dan",
            "latar_belakang": "Kabupaten Bekasi memiliki 16 kawasan industri, tujuh",
            "maksud_tujuan_sasaran": "Meningkatkan kapasitas pengelolaan kawasan industri",
            "objek": "Peningkatan kemampuan teknis dan manajemen pengelolaan",
            "ruang_lingkup": "Pertukaran aparatur dan tenaga ahli, lokakarya bersama,",
            "sumber_pembiayaan": "APBD Kabupaten Bekasi dan anggaran Gemeente Arnhem",
            "jangka_waktu": "5 (lima) tahun sejak penandatanganan naskah kerja sama",
        },
        "dprd": {
            "surat_permohonan": "2025-10-06",
            "diterima": "2025-10-08",
            "lampiran_rencana": True,
            "keputusan": "disetujui",
            "tanggal_keputusan": "2025-11-20",
        },
        "perjanjian": {
            "tanggal_ttd": "2026-06-10",
            "penandatangan": {"jabatan": "bupati"},
            "cara_penyelesaian_perselisihan": "negosiasi_konsultasi",
        },
        "jangka_waktu": "P5Y",
        "penjajakan": {"dilakukan": True, "tanggal": "2025-05-12"},
        "konsultasi_mendagri_kemlu": {"tanggal": "2025-07-15", "mendagri": True, "kemlu": True},
        "loi": {"tanggal_ttd": "2025-08-20", "penandatangan": {"jabatan": "bupati"}},
        "pertimbangan_menteri": {
            "tanggal_permohonan": "2025-11-27",
            "tanggal": "2026-01-22",
            "hasil": "susun_rancangan_naskah",
        },
        "persetujuan_menteri_rancangan": {"diberikan": True, "tanggal": "2026-03-18"},
        "rapat_antar_kl": {
            "tanggal": "2026-03-04",
            "peserta": ["kemlu", "kl_terkait_objek", "pemda_provinsi", "pemda_kabupaten_kota"],
        },
        "surat_konfirmasi_kemlu": {"nomor": "B-0000/PL/2026/99 (rekaan)", "tanggal": "2026-05-20"},
        "persetujuan_pemerintah_pusat": {"diberikan": True, "tanggal": "2026-03-18"},
        "laporan": [
            {"penerima": "menteri_dalam_negeri", "tanggal": "2026-10-15", "periode": "2026-S2"}
        ],
        "hibah_terkait": False,
        "status": "pelaksanaan",
    },
    Jenis.SINERGI: {
        "id": "bekasi-sinergi-pengendalian-banjir-2026",
        "judul": "Nota Kesepakatan antara Pemerintah Kabupaten Bekasi dan Kementerian",
        "jenis": "SINERGI",
        "daerah": {"nama": "Kabupaten Bekasi", "tingkat": "kabupaten", "provinsi": "Jawa Barat"},
        "mitra": [
            {
                "nama": "Kementerian Pekerjaan Umum (Direktorat Jenderal Sumber Daya Air)",
                "jenis": "kementerian_lembaga",
            }
        ],
        "urusan": ["pekerjaan_umum_penataan_ruang"],
        "nota_kesepakatan": {
            "ada": True,
            "tanggal_ttd": "2026-03-09",
            "penandatangan": {"nama": "Ade Kuswara Kunang", "jabatan": "bupati"},
        },
        "mulai_pelaksanaan": "2026-04-01",
        "status": "pelaksanaan",
    },
}

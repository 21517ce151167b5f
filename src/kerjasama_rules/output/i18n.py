# ruff: noqa: E501  (a catalogue of texts: one template pair per line reads best)
"""Diagnostics in Indonesian or English: the catalogue of message and help templates.

Part of the output layer: ``render``, ``sarif`` and the lint JSON show a
:class:`~kerjasama_rules.errors.Diagnostic` in the reader's language, whatever the keyword
set of the rule file. Each diagnostic is built with an English message and help
(the default, unchanged output) and with ``args``: the values filled into the templates.
:func:`localize` finds the template whose English form gives the diagnostic's English
text and fills its Indonesian twin with the same values. A diagnostic without ``args``
(the agreement loader's) is matched by reading the values back out of the English text.
Whatever is not in the catalogue falls back to English, never to an error.

The catalogue is listed in docs/diagnostics.md.

Longer than 600 lines because it is a catalogue: one pair of English and Indonesian
templates per line, for every diagnostic code, with the few functions that fill them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ..errors import Diagnostic

__all__ = [
    "DESCRIPTIONS",
    "HELPS",
    "LANGS",
    "MESSAGES",
    "SEVERITY_WORDS",
    "localize",
    "localize_help",
    "localize_message",
    "translate_type",
]

LANGS = ("id", "en")

# code -> [(English template, Indonesian template), ...]. A code may have several
# messages (variants); the one whose English form matches the diagnostic is used.
MESSAGES: dict[str, list[tuple[str, str]]] = {
    # ---------------------------------------------------------------- syntax
    "syntax.unexpected-token": [("unexpected `{token}`", "`{token}` tidak diharapkan di sini")],
    "syntax.unexpected-character": [
        ("unexpected character `{char}`", "karakter `{char}` tidak diharapkan di sini")
    ],
    "syntax.unterminated-string": [
        (
            'text is not closed with `"` on the same line',
            'teks tidak ditutup dengan `"` pada baris yang sama',
        )
    ],
    "syntax.unexpected-end": [
        (
            "the file ends in the middle of a declaration",
            "berkas berakhir di tengah sebuah deklarasi",
        )
    ],
    "syntax.bad-citation": [
        ("`huruf {letter}` is not a letter of a list", "`huruf {letter}` bukan huruf sebuah daftar")
    ],
    "syntax.bad-date": [("`{date}` is not a real date", "`{date}` bukan tanggal yang ada")],
    "syntax.duplicate-clause": [
        ("`{keyword}` is given twice", "`{keyword}` ditulis dua kali"),
        (
            "a rule has one `berlaku jika`; join conditions with `dan`",
            "sebuah aturan hanya punya satu `berlaku jika`; gabungkan syaratnya dengan `dan`",
        ),
    ],
    "syntax.invalid": [("invalid syntax", "sintaks tidak sah"), ("{problem}", "{problem}")],
    # ---------------------------------------------------------------- check
    "check.unknown-name": [
        (
            "`{name}` is not a field of the agreement, a definition or a table",
            "`{name}` bukan bidang perjanjian, definisi, maupun tabel",
        )
    ],
    "check.unknown-field": [
        ("`{field}` is not a field of `{record}`", "`{field}` bukan bidang dari `{record}`")
    ],
    "check.unknown-value": [
        ("`{name}` is not a value of {type}", "`{name}` bukan nilai dari {type}")
    ],
    "check.field-of-list": [
        (
            "`{path}` is a list; `.{field}` needs one item",
            "`{path}` adalah daftar; `.{field}` memerlukan satu unsurnya",
        )
    ],
    "check.not-a-record": [
        (
            "{type} has no fields; cannot read `.{field}`",
            "{type} tidak mempunyai bidang; `.{field}` tidak dapat dibaca",
        )
    ],
    "check.present-needs-field": [
        (
            "`terisi` tests whether a fact of the agreement is known",
            "`terisi` menguji apakah suatu fakta perjanjian diketahui",
        )
    ],
    "check.shadowed-field": [
        (
            "`{name}` is already a field of the agreement",
            "`{name}` sudah menjadi bidang perjanjian",
        ),
        (
            "`{name}` already names a field or a definition",
            "`{name}` sudah menjadi nama bidang atau definisi",
        ),
    ],
    "check.duplicate-name": [("`{name}` is declared twice", "`{name}` dideklarasikan dua kali")],
    "check.duplicate-rule-id": [
        ("rule id `{id}` is used twice", "id aturan `{id}` dipakai dua kali")
    ],
    "check.cyclic-definition": [
        (
            "definitions refer to each other in a cycle: {cycle}",
            "definisi saling merujuk secara melingkar: {cycle}",
        )
    ],
    "check.type-mismatch": [
        ("expected {want_type}, found {got_type}", "seharusnya {want_type}, ternyata {got_type}"),
        ("cannot negate {type}", "{type} tidak dapat dinegatifkan"),
        (
            "a quantifier ranges over a list, found {type}",
            "kuantor berjalan atas sebuah daftar, ternyata {type}",
        ),
        (
            "{left_type} cannot be a member of a {right_type}",
            "{left_type} tidak dapat menjadi anggota {right_type}",
        ),
        (
            "`dalam` needs a list or a set on its right, found {type}",
            "`dalam` memerlukan daftar atau himpunan di sebelah kanannya, ternyata {type}",
        ),
        (
            "cannot compare {left_type} with {right_type}",
            "{left_type} tidak dapat dibandingkan dengan {right_type}",
        ),
        (
            "cannot order {left_type} against {right_type}",
            "{left_type} tidak dapat diurutkan terhadap {right_type}",
        ),
        (
            "`{op}` does not apply to {left_type} and {right_type}",
            "`{op}` tidak berlaku untuk {left_type} dan {right_type}",
        ),
        (
            "this case gives {got_type}, an earlier case gives {want_type}",
            "kasus ini menghasilkan {got_type}, kasus sebelumnya {want_type}",
        ),
        (
            "`selainnya` gives {got_type}, the cases give {want_type}",
            "`selainnya` menghasilkan {got_type}, kasus-kasusnya {want_type}",
        ),
    ],
    "check.unknown-function": [
        ("`{func}` is not a function of the language", "`{func}` bukan fungsi bahasa aturan")
    ],
    "check.bad-call": [("`{func}` {problem}", "pemanggilan `{func}` salah: {problem}")],
    "check.missing-citation": [
        ("rule `{id}` cites no unit of law", "aturan `{id}` tidak menyebut dasar hukum"),
        ("a case of `{name}` has no citation", "sebuah kasus `{name}` tidak menyebut dasar hukum"),
    ],
    "check.incomplete-citation": [
        ("`{citation}` has no Pasal to belong to", "`{citation}` tidak mempunyai Pasal induk"),
        ("`{citation}` does not name its instrument", "`{citation}` tidak menyebut peraturannya"),
    ],
    "check.missing-message": [
        (
            "a requirement of rule `{id}` has no message in Indonesian",
            "sebuah kewajiban dalam aturan `{id}` tidak mempunyai pesan berbahasa Indonesia",
        )
    ],
    "check.unknown-severity": [
        ("`{severity}` is not a severity", "`{severity}` bukan tingkat yang dikenal")
    ],
    "check.empty-rule": [
        (
            "rule `{id}` has no requirement and no note",
            "aturan `{id}` tidak mempunyai kewajiban maupun catatan",
        )
    ],
    "check.unknown-type": [("`{type}` is not a column type", "`{type}` bukan jenis kolom")],
    "check.table-row": [
        (
            "a row of `{name}` has {got} values for {want} columns",
            "sebuah baris `{name}` berisi {got} nilai untuk {want} kolom",
        )
    ],
    "check.table-value": [
        ("`{value}` is not a value of {type}", "`{value}` bukan nilai dari {type}"),
        ("expected {want_type}, got {got_type}", "seharusnya {want_type}, ternyata {got_type}"),
    ],
    "check.table-needs-column": [
        (
            "`{name}` is a table; name one of its columns",
            "`{name}` adalah tabel; sebut salah satu kolomnya",
        )
    ],
    "check.unknown-column": [
        ("`{column}` is not a column of table `{table}`", "`{column}` bukan kolom tabel `{table}`")
    ],
    "check.unknown-rule": [
        (
            "`{rule}` replaces `{old}`, which is not a rule of this rule set",
            "`{rule}` menggantikan `{old}`, yang bukan aturan dalam kumpulan aturan ini",
        )
    ],
    "check.replaces-needs-period": [
        (
            "`{rule}` replaces `{old}` but its file states no `masa_berlaku`",
            "`{rule}` menggantikan `{old}` tetapi berkasnya tidak menyatakan `masa_berlaku`",
        )
    ],
    "check.duplicate-in-force": [
        (
            "a rule file states its `masa_berlaku` once",
            "sebuah berkas aturan menyatakan `masa_berlaku` satu kali saja",
        )
    ],
    "check.bad-period": [("`hingga` must come after `sejak`", "`hingga` harus sesudah `sejak`")],
    "check.switch-values": [
        ("switch `{name}` lists no values", "saklar `{name}` tidak menyebut nilai"),
        ("switch `{name}` lists `{value}` twice", "saklar `{name}` menyebut `{value}` dua kali"),
        (
            "switch `{name}` is read by the engine and must list exactly the values {values}",
            "saklar `{name}` dibaca mesin dan harus menyebut tepat nilai {values}",
        ),
    ],
    "check.switch-default": [
        ("switch `{name}` has no default", "saklar `{name}` tidak mempunyai nilai bawaan"),
        (
            "`{value}` is not one of the values of switch `{name}`",
            "`{value}` bukan salah satu nilai saklar `{name}`",
        ),
    ],
    "check.switch-reason": [
        (
            "switch `{name}` does not say why its default was chosen",
            "saklar `{name}` tidak menjelaskan alasan nilai bawaannya",
        )
    ],
    # ---------------------------------------------------------------- lint
    "lint.unused-definition": [
        (
            "{kind} `{name}` is never used by a rule, a definition or a determination",
            "{kind} `{name}` tidak pernah dipakai oleh aturan, definisi, maupun penetapan",
        )
    ],
    "lint.constant-condition": [
        (
            "this {clause} is always {value}",
            "{clause} ini selalu {value}",
        ),
        (
            "this {clause} does not depend on the agreement",
            "{clause} ini tidak bergantung pada perjanjian",
        ),
    ],
    "lint.missing-english-message": [
        (
            "a requirement of rule `{id}` has no message in English",
            "sebuah kewajiban dalam aturan `{id}` tidak mempunyai pesan berbahasa Inggris",
        ),
        (
            "a note of rule `{id}` has no label in English",
            "sebuah catatan dalam aturan `{id}` tidak mempunyai label berbahasa Inggris",
        ),
        (
            "rule `{id}` has no title in English",
            "aturan `{id}` tidak mempunyai judul berbahasa Inggris",
        ),
    ],
    "lint.unknown-unit": [
        (
            "`{citation}` is not a unit of {instrument}",
            "`{citation}` bukan bagian dari {instrument}",
        )
    ],
    "lint.unknown-instrument": [
        (
            "`{instrument}` is not an instrument the rules know",
            "`{instrument}` bukan peraturan yang dikenal aturan",
        )
    ],
    # ---------------------------------------------------------------- agreement data
    "agreement.unknown-field": [("unknown field `{name}`", "bidang `{name}` tidak dikenal")],
    "agreement.missing-field": [
        ("missing required field `{field}`", "bidang wajib `{field}` tidak ada")
    ],
    "agreement.wrong-type": [
        ("expected {what}, got {got}", "seharusnya {what}, ternyata {got}"),
    ],
    "agreement.invalid-value": [
        ("duplicate key `{key}`", "kunci `{key}` muncul dua kali"),
        ("the document is nested too deeply", "dokumen bersarang terlalu dalam"),
        ("expected {what}, got {got}", "seharusnya {what}, ternyata {got}"),
    ],
    "agreement.unreadable": [
        ("cannot read the file: {reason}", "berkas tidak dapat dibaca: {reason}"),
        ("file has no extension", "berkas tidak mempunyai ekstensi"),
        ("unsupported file extension `{ext}`", "ekstensi berkas `{ext}` tidak didukung"),
    ],
    "agreement.syntax": [
        ("invalid YAML: {problem}", "YAML tidak sah: {problem}"),
        ("invalid JSON: {problem}", "JSON tidak sah: {problem}"),
    ],
    # ---------------------------------------------------------------- configuration
    "config.no-such-path": [
        (
            "no rule file or directory at `{path}`",
            "tidak ada berkas atau direktori aturan di `{path}`",
        )
    ],
    "config.no-rules": [
        ("no `.kr` rule file found in {paths}", "tidak ditemukan berkas aturan `.kr` di {paths}")
    ],
    "config.no-agreements": [
        (
            "the file holds an empty list: no agreement to check",
            "berkas berisi daftar kosong: tidak ada perjanjian yang diperiksa",
        ),
        (
            "no agreement file (.yaml, .yml, .json) in the directory `{path}`",
            "tidak ada berkas perjanjian (.yaml, .yml, .json) di direktori `{path}`",
        ),
    ],
    "config.unreadable": [
        ("cannot read `{path}`: {reason}", "`{path}` tidak dapat dibaca: {reason}")
    ],
    "config.bad-project": [
        ("`{name}` cannot be read: {reason}", "`{name}` tidak dapat dibaca: {reason}"),
        ("`rules` must be a table", "`rules` harus berupa tabel"),
        (
            "`rules.paths` must be a list of directories",
            "`rules.paths` harus berupa daftar direktori",
        ),
        ("`rules.bundled` must be a directory", "`rules.bundled` harus berupa sebuah direktori"),
        (
            "`rules.with_bundled` must be true or false",
            "`rules.with_bundled` harus true atau false",
        ),
    ],
}

# Help lines, matched by their English text whatever the code (many helps are shared).
HELPS: list[tuple[str, str]] = [
    ("did you mean `{suggestion}`?", "mungkin maksud Anda `{suggestion}`?"),
    ("expected {expected}", "yang diharapkan: {expected}"),
    (
        "to compare, write `==`; `=` is only used in `definisi name = ...`",
        "untuk membandingkan, tulis `==`; `=` hanya dipakai dalam `definisi nama = ...`",
    ),
    ('close the text with `"`, or join long messages: pesan "a" "b"',
     'tutup teks dengan `"`, atau sambung pesan panjang: pesan "a" "b"'),
    ("a `}` may be missing", "mungkin ada `}` yang kurang"),
    (
        "the block opened at line {line} is not closed: add `}}`",
        "blok yang dibuka di baris {line} belum ditutup: tambahkan `}}`",
    ),
    (
        "a requirement needs a condition after `wajib`: wajib <kondisi>",
        "kewajiban memerlukan kondisi sesudah `wajib`: wajib <kondisi>",
    ),
    ("a huruf is one lowercase letter, e.g. `huruf a`", "huruf adalah satu huruf kecil, misalnya `huruf a`"),
    ("write dates as YYYY-MM-DD, e.g. 2018-07-13", "tulis tanggal sebagai YYYY-MM-DD, misalnya 2018-07-13"),
    (
        "the first use is at {where}; give each rule its own id",
        "pemakaian pertama ada di {where}; beri setiap aturan id sendiri",
    ),
    ("the first declaration is at {where}", "deklarasi pertama ada di {where}"),
    (
        "choose another name so that rules stay unambiguous",
        "pilih nama lain agar aturan tetap tidak ambigu",
    ),
    (
        "choose a short variable name such as `m` or `u`",
        "pilih nama variabel pendek seperti `m` atau `u`",
    ),
    (
        "add `nilai a, b` with the readings it chooses between",
        "tambahkan `nilai a, b` berisi tafsiran yang dipilih",
    ),
    ("add `bawaan <value>` and say why in `alasan`", "tambahkan `bawaan <nilai>` dan jelaskan alasannya dalam `alasan`"),
    ("values: {values}", "nilai: {values}"),
    ("valid values: {values}", "nilai yang sah: {values}"),
    (
        'add `alasan "..."`: an unsettled point of law is never hidden',
        'tambahkan `alasan "..."`: titik hukum yang belum pasti tidak boleh disembunyikan',
    ),
    (
        "use teks, bilangan, tanggal, bool or an enum",
        "pakai teks, bilangan, tanggal, bool, atau sebuah enum",
    ),
    (
        "a definition may only use definitions that do not use it back",
        "sebuah definisi hanya boleh memakai definisi yang tidak memakainya kembali",
    ),
    ("add `dasar PP 28/2018 Pasal ...` after the case", "tambahkan `dasar PP 28/2018 Pasal ...` sesudah kasus itu"),
    (
        "add a line such as `dasar PP 28/2018 Pasal 27 ayat (1)`",
        "tambahkan baris seperti `dasar PP 28/2018 Pasal 27 ayat (1)`",
    ),
    (
        'add `wajib <kondisi>` (or `catatan "..." = ...` for an information rule)',
        'tambahkan `wajib <kondisi>` (atau `catatan "..." = ...` untuk aturan informasi)',
    ),
    ("use error, warning or info", "pakai error, warning, atau info"),
    (
        'add `pesan "..."` saying what the law demands',
        'tambahkan `pesan "..."` yang menyatakan apa yang dituntut hukum',
    ),
    (
        "write the whole citation: `dasar PP 28/2018 Pasal 30 ayat (3) huruf f`",
        "tulis dasar hukum selengkapnya: `dasar PP 28/2018 Pasal 30 ayat (3) huruf f`",
    ),
    (
        "write it in full, e.g. `PP 28/2018 Pasal 27 ayat (1)`",
        "tulis selengkapnya, misalnya `PP 28/2018 Pasal 27 ayat (1)`",
    ),
    (
        "durations are never negative: subtract it from the date instead",
        "jangka waktu tidak pernah negatif: kurangkan dari tanggalnya saja",
    ),
    ("e.g. `{example}`", "misalnya `{example}`"),
    (
        "use a quantifier: `setiap x dalam {path}: x.{field} ...`",
        "pakai kuantor: `setiap x dalam {path}: x.{field} ...`",
    ),
    ("fields of `{path}`: {fields}", "bidang `{path}`: {fields}"),
    (
        "write it before a field path, e.g. `terisi perjanjian.tanggal_ttd`",
        "tulis sebelum jalur bidang, misalnya `terisi perjanjian.tanggal_ttd`",
    ),
    ("see the function list in docs/language.md", "lihat daftar fungsi di docs/language.md"),
    ("signature: {signature}", "tanda tangan fungsi: {signature}"),
    (
        "dates take durations (`tanggal + 5 tahun`); two dates subtract to days",
        "tanggal ditambah jangka waktu (`tanggal + 5 tahun`); dua tanggal dikurangkan menjadi hari",
    ),
    (
        "a condition must be true or false, e.g. `x == nilai` or `terisi x`",
        "kondisi harus bernilai benar atau salah, misalnya `x == nilai` atau `terisi x`",
    ),
    ("write dates without quotes: 2018-07-13", "tulis tanggal tanpa tanda kutip: 2018-07-13"),
    (
        "write enum values without quotes, e.g. `jenis == KSDPL`",
        "tulis nilai enum tanpa tanda kutip, misalnya `jenis == KSDPL`",
    ),
    (
        "put rules of another period or instrument in a file of their own",
        "letakkan aturan masa berlaku atau peraturan lain di berkas tersendiri",
    ),
    (
        "a replacing rule takes over from its instrument's start date: add "
        "`masa_berlaku <instrumen> sejak <tanggal>` to its file",
        "aturan pengganti berlaku sejak tanggal mulai peraturannya: tambahkan "
        "`masa_berlaku <instrumen> sejak <tanggal>` ke berkasnya",
    ),
    # lint
    (
        "use it in a rule, or delete it if the law no longer needs it",
        "pakai dalam sebuah aturan, atau hapus jika hukum tidak lagi memerlukannya",
    ),
    (
        "a condition that cannot change decides nothing: test a field of the agreement, "
        "or remove the clause",
        "kondisi yang tidak dapat berubah tidak memutuskan apa pun: uji sebuah bidang "
        "perjanjian, atau hapus klausulnya",
    ),
    (
        "`{part}` fixes the value of the whole condition; remove it or test a field instead",
        "`{part}` menetapkan nilai seluruh kondisi; hapus atau ganti dengan uji sebuah bidang",
    ),
    (
        'add `pesan en "..."` so English readers of the report see the requirement',
        'tambahkan `pesan en "..."` agar pembaca laporan berbahasa Inggris memahami kewajiban ini',
    ),
    (
        'add `pesan en "..."` after the note so English readers of the report understand it',
        'tambahkan `pesan en "..."` sesudah catatan agar pembaca laporan berbahasa Inggris memahaminya',
    ),
    (
        'add `judul en "..."` after the title so English reports do not show the Indonesian one',
        'tambahkan `judul en "..."` sesudah judul agar laporan berbahasa Inggris tidak memuat judul berbahasa Indonesia',
    ),
    ("check the number against the text of {instrument}", "periksa nomornya terhadap naskah {instrument}"),
    (
        "`{relative}` was read as part of `{base}`, the citation before it; write the whole "
        "citation if another Pasal is meant",
        "`{relative}` dibaca sebagai bagian dari `{base}`, dasar hukum sebelumnya; tulis dasar "
        "hukum selengkapnya jika yang dimaksud Pasal lain",
    ),
    # issue 14: hints that lead a drafter to the fix
    (
        "list the units of a citation with commas, not `{word}`: `{fixed}`",
        "pisahkan satuan dasar hukum dengan koma, bukan `{word}`: `{fixed}`",
    ),
    ("to test for one of several values, write `{fix}`", "untuk menguji salah satu dari beberapa nilai, tulis `{fix}`"),
    ("an unknown fact is not a value: write `{fix}`", "fakta yang tidak diketahui bukan sebuah nilai: tulis `{fix}`"),
    (
        "`{name}` is declared in the bundled rules ({where}): load them too with `--with-bundled`",
        "`{name}` dideklarasikan dalam aturan bawaan ({where}): muat juga dengan `--with-bundled`",
    ),
    (
        "the period ends on {end} before it starts on {start}: check both dates, or drop "
        "`hingga` while the instrument is in force",
        "masa berlaku berakhir pada {end} sebelum dimulai pada {start}: periksa kedua "
        "tanggal, atau hapus `hingga` selama peraturan itu masih berlaku",
    ),
    (
        'write e.g. `[rules]` then `paths = ["rules"]` (see docs/cli.md)',
        'tulis misalnya `[rules]` lalu `paths = ["rules"]` (lihat docs/cli.md)',
    ),
    # agreement data
    ("check the path", "periksa jalurnya"),
    ("use .yaml, .yml or .json", "pakai .yaml, .yml, atau .json"),
    ("save the file as UTF-8", "simpan berkas sebagai UTF-8"),
    ("each key may appear only once in a mapping", "setiap kunci hanya boleh muncul sekali dalam pemetaan"),
    ("each key may appear only once in an object", "setiap kunci hanya boleh muncul sekali dalam objek"),
]  # fmt: skip

# code -> (English, Indonesian) one-line description: SARIF rule descriptions and the
# catalogue in docs/diagnostics.md.
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "syntax.unexpected-token": ("a word or symbol where the grammar does not allow it", "kata atau simbol di tempat yang tidak dibolehkan tata bahasa"),
    "syntax.unexpected-character": ("a character that starts no word of the language", "karakter yang tidak mengawali kata apa pun dalam bahasa aturan"),
    "syntax.unterminated-string": ("a text in quotes not closed on its line", "teks dalam tanda kutip yang tidak ditutup pada barisnya"),
    "syntax.unexpected-end": ("the file ends inside a declaration", "berkas berakhir di dalam sebuah deklarasi"),
    "syntax.bad-citation": ("a citation that is not a unit of law", "dasar hukum yang bukan satuan hukum"),
    "syntax.bad-date": ("a date that does not exist", "tanggal yang tidak ada"),
    "syntax.duplicate-clause": ("a clause given twice", "klausul yang ditulis dua kali"),
    "syntax.invalid": ("text that is not valid policy language", "teks yang bukan bahasa aturan yang sah"),
    "syntax.error": ("a rule file does not parse", "berkas aturan tidak dapat diurai"),
    "check.unknown-name": ("a name that is no field, definition or table", "nama yang bukan bidang, definisi, maupun tabel"),
    "check.unknown-field": ("a field that the record does not have", "bidang yang tidak dimiliki rekaman"),
    "check.unknown-value": ("a value that the enum does not have", "nilai yang tidak dimiliki enum"),
    "check.field-of-list": ("a field read from a whole list", "bidang dibaca dari seluruh daftar"),
    "check.not-a-record": ("a field read from a value without fields", "bidang dibaca dari nilai tanpa bidang"),
    "check.present-needs-field": ("`terisi` before something that is not a fact", "`terisi` di depan sesuatu yang bukan fakta"),
    "check.shadowed-field": ("a name that hides a field of the agreement", "nama yang menutupi bidang perjanjian"),
    "check.duplicate-name": ("a name declared twice", "nama yang dideklarasikan dua kali"),
    "check.duplicate-rule-id": ("a rule id used twice", "id aturan yang dipakai dua kali"),
    "check.cyclic-definition": ("definitions that refer to each other", "definisi yang saling merujuk"),
    "check.type-mismatch": ("a value of the wrong type", "nilai dengan jenis yang salah"),
    "check.unknown-function": ("a function the language does not have", "fungsi yang tidak ada dalam bahasa aturan"),
    "check.bad-call": ("a function called with the wrong arguments", "fungsi dipanggil dengan argumen yang salah"),
    "check.missing-citation": ("a rule or case without a citation", "aturan atau kasus tanpa dasar hukum"),
    "check.incomplete-citation": ("a citation that cannot be completed", "dasar hukum yang tidak dapat dilengkapi"),
    "check.missing-message": ("a requirement without an Indonesian message", "kewajiban tanpa pesan berbahasa Indonesia"),
    "check.unknown-severity": ("a severity that does not exist", "tingkat yang tidak dikenal"),
    "check.empty-rule": ("a rule with no requirement and no note", "aturan tanpa kewajiban dan catatan"),
    "check.unknown-type": ("a table column of an unknown type", "kolom tabel dengan jenis yang tidak dikenal"),
    "check.table-row": ("a table row with the wrong number of values", "baris tabel dengan jumlah nilai yang salah"),
    "check.table-value": ("a table value of the wrong type", "nilai tabel dengan jenis yang salah"),
    "check.table-needs-column": ("a table used without naming a column", "tabel dipakai tanpa menyebut kolom"),
    "check.unknown-column": ("a column the table does not have", "kolom yang tidak dimiliki tabel"),
    "check.unknown-rule": ("a replaced rule that does not exist", "aturan yang digantikan tidak ada"),
    "check.replaces-needs-period": ("a replacing rule in a file without `masa_berlaku`", "aturan pengganti dalam berkas tanpa `masa_berlaku`"),
    "check.duplicate-in-force": ("`masa_berlaku` stated twice in one file", "`masa_berlaku` dinyatakan dua kali dalam satu berkas"),
    "check.bad-period": ("an in-force period that ends before it starts", "masa berlaku yang berakhir sebelum dimulai"),
    "check.switch-values": ("a switch without values or with a value twice", "saklar tanpa nilai atau dengan nilai ganda"),
    "check.switch-default": ("a switch without a valid default", "saklar tanpa nilai bawaan yang sah"),
    "check.switch-reason": ("a switch that does not say why", "saklar tanpa alasan"),
    "check.error": ("a rule file does not check", "berkas aturan tidak lolos pemeriksaan"),
    "lint.unused-definition": ("a definition, table or switch that nothing uses", "definisi, tabel, atau saklar yang tidak dipakai"),
    "lint.constant-condition": ("a condition that does not depend on the agreement", "kondisi yang tidak bergantung pada perjanjian"),
    "lint.missing-english-message": ("a requirement without an English message", "kewajiban tanpa pesan berbahasa Inggris"),
    "lint.unknown-unit": ("a citation of a unit of law that does not exist", "dasar hukum yang menyebut satuan hukum yang tidak ada"),
    "lint.unknown-instrument": ("a citation of a law that does not exist", "dasar hukum yang menyebut peraturan yang tidak ada"),
    "agreement.unknown-field": ("a key the agreement format does not have", "kunci yang tidak ada dalam format perjanjian"),
    "agreement.missing-field": ("a required key is missing", "kunci wajib tidak ada"),
    "agreement.wrong-type": ("a value of the wrong kind", "nilai dengan bentuk yang salah"),
    "agreement.invalid-value": ("a value that is not allowed", "nilai yang tidak dibolehkan"),
    "agreement.syntax": ("a file that is not valid YAML or JSON", "berkas yang bukan YAML atau JSON yang sah"),
    "agreement.unreadable": ("a file that cannot be read", "berkas yang tidak dapat dibaca"),
    "agreement.invalid": ("an agreement document is malformed", "dokumen perjanjian cacat"),
    "config.invalid": ("options that do not make sense", "opsi yang tidak masuk akal"),
    "config.no-such-path": ("a path that does not exist", "jalur yang tidak ada"),
    "config.no-rules": ("no rule file found", "tidak ada berkas aturan"),
    "config.unreadable": ("a rule file that cannot be read", "berkas aturan yang tidak dapat dibaca"),
    "config.unwritable": ("a file that cannot be written", "berkas yang tidak dapat ditulis"),
    "config.bad-project": ("a `kerjasama.toml` that is malformed", "`kerjasama.toml` yang salah bentuk"),
    "config.unknown-switch": ("a switch that is not declared", "saklar yang tidak dideklarasikan"),
    "config.unknown-switch-value": ("a value the switch does not have", "nilai yang tidak dimiliki saklar"),
    "config.bad-switch": ("`--switch` not written NAME=VALUE", "`--switch` tidak ditulis NAMA=NILAI"),
    "config.unknown-rule": ("a rule id that does not exist", "id aturan yang tidak ada"),
    "config.unknown-agreement": ("an agreement id that the file does not hold", "id perjanjian yang tidak ada dalam berkas"),
    "config.negative-working-days": ("a negative number of working days", "jumlah hari kerja negatif"),
}  # fmt: skip

SEVERITY_WORDS: dict[str, dict[str, str]] = {
    "en": {"error": "error", "warning": "warning", "info": "info", "help": "help", "at": "at"},
    "id": {"error": "kesalahan", "warning": "peringatan", "info": "info", "help": "saran",
           "at": "di"},
}  # fmt: skip

# Words inside values: type descriptions and the names of expected tokens.
_TYPE_WORDS = {
    "a boolean": "nilai benar/salah", "an integer": "bilangan bulat", "a number": "bilangan",
    "text": "teks", "a date": "tanggal", "a duration": "jangka waktu", "any value": "nilai apa pun",
}  # fmt: skip
_EXPECTED_WORDS = [
    ("one of ", "salah satu dari "),
    ('a text in quotes ("...")', 'teks dalam tanda kutip ("...")'),
    ("a date (YYYY-MM-DD)", "tanggal (YYYY-MM-DD)"),
    ("a name", "sebuah nama"),
    ("a number", "sebuah bilangan"),
]
_VALUE_WORDS = {"true": "benar", "false": "salah"}
_CLAUSE_WORDS = {
    "condition of `berlaku jika`": "syarat `berlaku jika`",
    "`kecuali` condition": "syarat `kecuali`",
    "`jika` guard": "syarat `jika`",
    "requirement": "kewajiban",
}
_KIND_WORDS = {"definition": "definisi", "table": "tabel", "switch": "saklar"}


def translate_type(text: str) -> str:
    """A type as the checker prints it (``list of text``), in Indonesian (``daftar teks``).

    Examples:
        >>> translate_type("list of enum Jenis")
        'daftar enum Jenis'
    """
    if text.startswith("list of "):
        return "daftar " + translate_type(text[len("list of ") :])
    if text.startswith("record "):
        return "rekaman " + text[len("record ") :]
    return _TYPE_WORDS.get(text, text)


def _translate_arg(key: str, value: str) -> str:
    if key.endswith("type"):
        return translate_type(value)
    if key == "expected":
        out = value
        for en, idn in _EXPECTED_WORDS:
            out = out.replace(en, idn)
        return out
    if key == "value":
        return _VALUE_WORDS.get(value, value)
    if key == "clause":
        return _CLAUSE_WORDS.get(value, value)
    if key == "kind":
        return _KIND_WORDS.get(value, value)
    return value


@functools.lru_cache(maxsize=512)
def _pattern(template: str) -> re.Pattern[str]:
    # `{name}` -> a named group; a name used twice must match the same text.
    out: list[str] = []
    seen: set[str] = set()
    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(re.escape(template[pos : m.start()]))
        name = m.group(1)
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out), re.DOTALL)


def _fill(template: str, values: Mapping[str, str]) -> str | None:
    try:
        return template.format_map(dict(values))
    except (KeyError, IndexError, ValueError):
        return None


def _translate(text: str, pairs: list[tuple[str, str]], args: Mapping[str, str]) -> str | None:
    # First by the diagnostic's own values, then by reading them back from the text.
    for en, idn in pairs:
        if _fill(en, args) == text:
            return _fill(idn, {k: _translate_arg(k, v) for k, v in args.items()})
    for en, idn in pairs:
        m = _pattern(en).fullmatch(text)
        if m is not None:
            found = m.groupdict()
            return _fill(idn, {k: _translate_arg(k, v) for k, v in found.items()})
    return None


def localize_message(d: Diagnostic, lang: str) -> str:
    """The diagnostic's message in ``lang``; English when no template fits."""
    if lang == "en":
        return d.message
    return _translate(d.message, MESSAGES.get(d.code, []), dict(d.args)) or d.message


def localize_help(d: Diagnostic, lang: str) -> str | None:
    """The diagnostic's help line in ``lang``; English when no template fits."""
    if lang == "en" or d.help is None:
        return d.help
    return _translate(d.help, HELPS, dict(d.args)) or d.help


def localize(d: Diagnostic, lang: str) -> tuple[str, str | None]:
    """``(message, help)`` of a diagnostic in ``lang`` (``id`` or ``en``).

    Examples:
        >>> from kerjasama_rules.errors import Diagnostic
        >>> d = Diagnostic(
        ...     code="check.unknown-field",
        ...     message="`mitra_negra` is not a field of `Agreement`",
        ...     help="did you mean `mitra`?",
        ...     args=(("field", "mitra_negra"), ("record", "Agreement"), ("suggestion", "mitra")),
        ... )
        >>> localize(d, "id")
        ('`mitra_negra` bukan bidang dari `Agreement`', 'mungkin maksud Anda `mitra`?')
    """
    return localize_message(d, lang), localize_help(d, lang)

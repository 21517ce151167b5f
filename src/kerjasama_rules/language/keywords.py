"""The two keyword sets of the policy language: Indonesian (``id``) and English (``en``).

Both sets give the same syntax tree (see policy.lark); this table is what the printer and
the syntax-error hints use to name a keyword in the drafter's language.
"""

from __future__ import annotations

KEYWORDS: dict[str, dict[str, str]] = {
    "id": {
        "rule": "aturan", "title": "judul", "cite": "dasar", "when": "berlaku jika",
        "unless": "kecuali", "require": "wajib", "if": "jika", "message": "pesan",
        "severity": "tingkat", "define": "definisi", "determination": "penetapan",
        "then": "maka", "otherwise": "selainnya", "table": "tabel", "source": "sumber",
        "verified": "diverifikasi", "columns": "kolom", "row": "baris", "implies": "berarti",
        "or": "atau", "and": "dan", "not": "tidak", "in": "dalam", "notin": "tidak dalam",
        "any": "ada", "all": "setiap", "count": "banyaknya", "present": "terisi",
        "true": "benar", "false": "salah", "note": "catatan", "switch": "saklar",
        "values": "nilai", "default": "bawaan", "reason": "alasan",
        "in_force": "masa_berlaku", "from": "sejak", "until": "hingga",
        "replaces": "menggantikan",
    },
    "en": {
        "rule": "rule", "title": "title", "cite": "cite", "when": "when",
        "unless": "unless", "require": "require", "if": "if", "message": "message",
        "severity": "severity", "define": "define", "determination": "determination",
        "then": "then", "otherwise": "otherwise", "table": "table", "source": "source",
        "verified": "verified", "columns": "columns", "row": "row", "implies": "implies",
        "or": "or", "and": "and", "not": "not", "in": "in", "notin": "not in",
        "any": "any", "all": "all", "count": "count", "present": "present",
        "true": "true", "false": "false", "note": "note", "switch": "switch",
        "values": "values", "default": "default", "reason": "reason",
        "in_force": "in_force", "from": "from", "until": "until",
        "replaces": "replaces",
    },
}  # fmt: skip

# English keyword -> its Indonesian twin, for hints that name both.
EN_TO_ID: dict[str, str] = {
    KEYWORDS["en"][k]: KEYWORDS["id"][k]
    for k in KEYWORDS["en"]
    if " " not in KEYWORDS["en"][k] and KEYWORDS["en"][k] != KEYWORDS["id"][k]
}

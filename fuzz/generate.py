"""Inputs for the fuzzing harness: grammar-generated rule files and mutated seeds.

* :func:`grammar_rules` is a hypothesis strategy for rule files drawn from the project's
  own grammar (``policy.lark``, through ``hypothesis.extra.lark.from_lark``).
* :func:`mutate_rules` and :func:`mutate_agreement` change a seed (a bundled rule file,
  an example agreement) a few tokens or values at a time, toward the inputs an attacker
  tries: extreme numbers and dates, long texts, deep nesting, lone surrogates, aliases.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import yaml
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from kerjasama_rules.language.parser import _build

ROOT = Path(__file__).resolve().parents[1]

_TOKEN = re.compile(r'\s+|"(?:[^"\\\n]|\\.)*"|#[^\n]*|\d{4}-\d{2}-\d{2}|\w+|.', re.S)
_INTERESTING_TOKENS = (
    "tidak", "atau", "dan", "(", ")", "{", "}", "==", "!=", "<", ">=", "+", "-", "*", "/",
    "0", "-1", "99999999999999999999999", "1e9", "2018-07-13", "9999-12-31", "0001-01-01",
    "2024-02-29", "2023-02-29", '""', '"\\u0000"', '"' + "x" * 200 + '"', "bukan", "dalam",
    "semua", "ada", "jumlah", "hari", "bulan", "tahun", "hari_kerja", "ada_nilai",
    "selainnya", "maka", "jika", "wajib", "definisi", "aturan", "penetapan", "saklar",
    "tabel", "baris", "kolom", "masa_berlaku", "sejak", "hingga", "dasar", "Pasal", "ayat",
    "huruf", "angka", "UU 99/2099", "PP 28/2018", "\u00e9", "\ud800", "\t", "\n", "#x\n",
)  # fmt: skip
_INTERESTING_VALUES: tuple[object, ...] = (
    None, "", 0, -1, 10**25, 1.5, float("nan"), True, "9999-12-31", "0001-01-01",
    "2026-02-30", "x" * 5000, "\ud800", [], {}, [None], {"a": 1}, "P1Y", "P-1D", "PT1H",
    "ID", "NL", "KSDPL", "KSDD", "012", "1:30", "0b11", "0x1F",
)  # fmt: skip


def grammar_rules() -> st.SearchStrategy[str]:
    """Rule files drawn from ``policy.lark``: mostly syntax-valid, rarely well-typed."""
    return from_lark(_build(), start="start")


def seeds(kind: str) -> list[Path]:
    """The seed files of a kind: bundled rule files (``kr``) or examples (``yaml``)."""
    if kind == "kr":
        return sorted((ROOT / "rules").rglob("*.kr")) + sorted((ROOT / "examples").rglob("*.kr"))
    return sorted((ROOT / "examples").glob("*.yaml"))


def mutate_rules(text: str, rng: random.Random) -> str:
    """A few token-level changes to a rule file."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return text
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(tokens))
        op = rng.randrange(7)
        if op == 0:
            del tokens[i]
        elif op == 1:
            tokens.insert(i, tokens[rng.randrange(len(tokens))])
        elif op == 2:
            j = rng.randrange(len(tokens))
            tokens[i], tokens[j] = tokens[j], tokens[i]
        elif op == 3:
            tokens.insert(i, " " + rng.choice(_INTERESTING_TOKENS) + " ")
        elif op == 4:
            tokens[i] = rng.choice(_INTERESTING_TOKENS)
        elif op == 5:  # nesting: repeat a prefix or a chain many times
            tokens.insert(i, rng.choice(("tidak ", "(", "x atau ", "x dan ")) * rng.randint(20, 80))
        else:
            j = min(len(tokens), i + rng.randint(1, 20))
            tokens[i:i] = tokens[i:j]
        if not tokens:
            return ""
    return "".join(tokens)


def _paths(doc: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _set(doc: object, path: tuple[object, ...], value: object) -> object:
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]  # type: ignore[index]
    parent[path[-1]] = value  # type: ignore[index]
    return doc


def mutate_agreement(text: str, rng: random.Random) -> tuple[str, str]:
    """A changed agreement document and its format (``yaml`` or ``json``)."""
    if rng.random() < 0.3:  # text-level: break the syntax itself
        tokens = _TOKEN.findall(text)
        for _ in range(rng.randint(1, 3)):
            if not tokens:
                break
            i = rng.randrange(len(tokens))
            tokens[i] = rng.choice(("", ":", "- ", "&a ", "*a", "!!str ", "012", "1:30", "  "))
        return "".join(tokens), "yaml"
    doc = yaml.safe_load(text)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(doc)
        path = rng.choice(paths)
        if path and rng.random() < 0.2 and isinstance(doc, dict):  # delete
            parent = doc
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif isinstance(parent, list) and parent:
                parent.pop()
            continue
        value = rng.choice(_INTERESTING_VALUES)
        if rng.random() < 0.1:  # many copies of a part of the document
            part: object = doc
            for key in rng.choice(paths):
                part = part[key]  # type: ignore[index]
            value = [part] * rng.randint(2, 50)
        doc = _set(doc, path, value)
    if rng.random() < 0.5:
        return json.dumps(doc, default=str, ensure_ascii=rng.random() < 0.5), "json"
    return yaml.safe_dump(doc, allow_unicode=True), "yaml"

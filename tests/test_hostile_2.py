"""A second attacker's corpus: inputs written to break the installed command and the API.

Every case ends in a correct verdict (exit 0 or 1) or the library's own error (exit 2,
a message on stderr), within a time bound (an alarm in-process, a timeout on a
subprocess; never a timing assertion), with no traceback and without the last-resort
nets of ``cli.main`` (``out of memory``, ``nests too deeply``: those mean an error escaped
the library's own checks). Most cases run in-process through ``main(argv)``; those about
signals, pipes, environments and memory run the command in a subprocess with an
address-space limit. Different inputs from ``test_hostile.py``: this corpus was written
without looking at which of them the library already refuses.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import kerjasama_rules as kr
from kerjasama_rules.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "ksdpk-badan-usaha-tidak-patuh.yaml"
GOOD = EXAMPLES / "ksdpk-badan-usaha-patuh.yaml"
AS_OF = "--as-of=2026-11-29"
MEMORY = 2 * 1024**3
SECONDS = 60  # the bound of one in-process case: a hang fails, it never blocks the suite
NETS = ("out of memory", "nests too deeply", "Traceback")
TYPES = ("TypeError", "AttributeError", "KeyError", "IndexError", "UnicodeEncodeError")


class _Hang(BaseException):
    """Raised by the alarm: not an ``Exception``, so no ``except Exception`` swallows it."""


@contextlib.contextmanager
def _bounded(seconds: int = SECONDS) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise _Hang

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    hung = False
    try:
        yield
    except _Hang:
        hung = True
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    if hung:
        # outside the `except`: a traceback through generated rule code has no line
        # numbers, which pytest's report cannot show
        raise pytest.fail.Exception(f"no answer within {seconds} s", pytrace=False) from None


def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with _bounded():
            code = main(list(argv), stdout=out, stderr=err)
    finally:
        sys.stdin = saved
    _clean(out.getvalue(), err.getvalue())
    return code, out.getvalue(), err.getvalue()


def _clean(out: str, err: str) -> None:
    for net in NETS:
        assert net not in err, err[-3000:]
    for t in TYPES:
        assert f"{t}:" not in out + err, (out + err)[-3000:]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_process(
    *argv: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: bytes | None = None,
) -> tuple[int, bytes, str]:
    done = subprocess.run(
        [sys.executable, "-m", "kerjasama_rules", *argv],
        input=stdin,
        capture_output=True,
        timeout=120,
        preexec_fn=_limit_memory,
        env=env,
        cwd=cwd,
        check=False,
    )
    err = done.stderr.decode("utf-8", "replace")
    _clean(done.stdout.decode("utf-8", "replace"), err)
    return done.returncode, done.stdout, err


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Outside the checkout: no kerjasama.toml decides which rules are used.
    monkeypatch.chdir(tmp_path)


def _expect(code: int, allowed: tuple[int, ...], out: str, err: str) -> None:
    assert code in allowed, (code, out[-2000:], err[-2000:])
    if code == 2:
        assert err.strip(), "an error without a message"


# ================================================================ agreement documents
BASE = "id: a\njenis: KSDPK\n"
AGREEMENTS: dict[str, tuple[str, bytes, tuple[int, ...]]] = {
    # name: (suffix, content, allowed exit codes)
    "empty": (".yaml", b"", (2,)),
    "only-bom": (".yaml", b"\xef\xbb\xbf", (2,)),
    "only-bom-json": (".json", b"\xef\xbb\xbf", (2,)),
    "bom-then-valid": (".yaml", b"\xef\xbb\xbf" + BASE.encode(), (0, 1)),
    "document-marker-only": (".yaml", b"---\n", (2,)),
    "end-marker-only": (".yaml", b"...\n", (2,)),
    "null": (".yaml", b"null\n", (2,)),
    "tilde": (".yaml", b"~\n", (2,)),
    "empty-list": (".yaml", b"[]\n", (2,)),
    "list-of-list": (".yaml", b"[[]]\n", (2,)),
    "scalar-int": (".yaml", b"42\n", (2,)),
    "scalar-string-json": (".json", b'"id"', (2,)),
    "json-nan": (".json", b'{"id": "a", "jenis": "KSDPK", "jangka_waktu": NaN}', (2,)),
    "json-neg-infinity": (".json", b'{"id": "a", "jenis": "KSDPK", "x": -Infinity}', (2,)),
    "json-1e400": (
        ".json",
        b'{"id": "a", "jenis": "KSDD", "sekretariat_kerja_sama": {"jumlah_daerah": 1e400}}',
        (2,),
    ),
    "json-minus-zero": (
        ".json",
        b'{"id": "a", "jenis": "KSDD", "sekretariat_kerja_sama": {"jumlah_daerah": -0}}',
        (0, 1, 2),
    ),
    "json-minus-zero-float": (
        ".json",
        b'{"id": "a", "jenis": "KSDD", "sekretariat_kerja_sama": {"jumlah_daerah": -0.0}}',
        (2,),
    ),
    "json-huge-int": (
        ".json",
        b'{"id": "a", "jenis": "KSDD", "sekretariat_kerja_sama": {"jumlah_daerah": '
        + b"9" * 5000
        + b"}}",
        (2,),
    ),
    "yaml-huge-int": (
        ".yaml",
        BASE.replace("KSDPK", "KSDD").encode()
        + b"sekretariat_kerja_sama: {jumlah_daerah: "
        + b"9" * 100_000
        + b"}\n",
        (2,),
    ),
    "yaml-negative-count": (
        ".yaml",
        b"id: a\njenis: KSDD\nsekretariat_kerja_sama: {jumlah_daerah: -5}\n",
        (0, 1, 2),
    ),
    "json-deep-array": (".json", b"[" * 200_000 + b"]" * 200_000, (2,)),
    "json-deep-object": (".json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, (2,)),
    "yaml-deep-flow": (".yaml", b"a: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", (2,)),
    "yaml-deep-block": (
        ".yaml",
        "".join(" " * i + "a:\n" for i in range(3000)).encode(),
        (2,),
    ),
    "rtl-override-id": (".yaml", "id: \u202eevil\u202c\njenis: KSDPK\n".encode(), (0, 1, 2)),
    "zero-width-key": (".yaml", "id: a\nje\u200bnis: KSDPK\n".encode(), (2,)),
    "zero-width-enum": (".yaml", "id: a\njenis: KSD\u200bPK\n".encode(), (2,)),
    "nul-in-value": (".yaml", b'id: "a\\0b"\njenis: KSDPK\n', (0, 1, 2)),
    "raw-nul-byte": (".yaml", b"id: a\x00\njenis: KSDPK\n", (2,)),
    "nul-in-key-json": (".json", b'{"id": "a", "jenis": "KSDPK", "x\\u0000": 1}', (2,)),
    "surrogate-pair-ok": (".json", b'{"id": "\\ud83d\\ude00", "jenis": "KSDPK"}', (0, 1)),
    "lone-low-surrogate-value": (
        ".json",
        b'{"id": "a", "jenis": "KSDPK", "judul": "x\\udc80y"}',
        (2,),
    ),
    "surrogate-in-list": (
        ".json",
        b'{"id": "a", "jenis": "KSDPK", "mitra": [{"nama": "\\ud800"}]}',
        (2,),
    ),
    "utf8-encoded-surrogate": (".yaml", b"id: \xed\xa0\x80\njenis: KSDPK\n", (2,)),
    "overlong-utf8": (".yaml", b"id: \xc0\xaf\njenis: KSDPK\n", (2,)),
    "latin1": (".yaml", "id: caf\xe9\njenis: KSDPK\n".encode("latin-1"), (2,)),
    "utf16": (".yaml", BASE.encode("utf-16"), (2,)),
    "utf32-json": (".json", b'{"id": "a", "jenis": "KSDPK"}'.decode().encode("utf-32"), (2,)),
    "dup-keys-json": (".json", b'{"id": "a", "id": "b", "jenis": "KSDPK"}', (2,)),
    "dup-keys-yaml-nested": (
        ".yaml",
        b"id: a\njenis: KSDPK\ndaerah: {nama: X, nama: Y}\n",
        (2,),
    ),
    "merge-key": (
        ".yaml",
        b"base: &b {nama: X, tingkat: kabupaten}\nid: a\njenis: KSDPK\ndaerah:\n  <<: *b\n",
        (2,),
    ),
    "merge-key-only": (
        ".yaml",
        b"id: a\njenis: KSDPK\ndaerah:\n  <<: {nama: X, tingkat: kabupaten}\n",
        (0, 1, 2),
    ),
    "recursive-anchor": (".yaml", b"id: a\njenis: KSDPK\nmitra: &m [*m]\n", (2,)),
    "recursive-mapping": (".yaml", b"id: a\njenis: KSDPK\ndaerah: &d {x: *d}\n", (2,)),
    "billion-laughs": (
        ".yaml",
        (
            b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + b"".join(
                f"a{i}: &a{i} [".encode() + b", ".join([f"*a{i - 1}".encode()] * 10) + b"]\n"
                for i in range(1, 9)
            )
            + b"id: a\njenis: KSDPK\n"
        ),
        (2,),
    ),
    "python-tag": (".yaml", b"id: !!python/object/apply:os.system [true]\njenis: KSDPK\n", (2,)),
    "python-name-tag": (".yaml", b"id: !!python/name:os.system\njenis: KSDPK\n", (2,)),
    "binary-tag": (".yaml", b"id: !!binary aGVsbG8=\njenis: KSDPK\n", (2,)),
    "set-tag": (".yaml", b"id: a\njenis: KSDPK\nurusan: !!set {perhubungan: null}\n", (2,)),
    "omap-tag": (".yaml", b"id: a\njenis: KSDPK\ndaerah: !!omap [nama: X]\n", (2,)),
    "custom-tag": (".yaml", b"id: !evil a\njenis: KSDPK\n", (2,)),
    "verbatim-tag": (".yaml", b"id: !<tag:evil.com,2000:x> a\njenis: KSDPK\n", (2,)),
    "tag-directive": (
        ".yaml",
        b"%TAG !e! tag:evil.com,2000:\n---\nid: !e!x a\njenis: KSDPK\n",
        (2,),
    ),
    "yaml-directive-99": (".yaml", b"%YAML 9.9\n---\n" + BASE.encode(), (0, 1, 2)),
    "str-tag-on-date": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: !!str 2026-01-01}\n",
        (0, 1, 2),
    ),
    "timestamp-with-time": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 2026-01-01T10:00:00+07:00}\n",
        (0, 1, 2),
    ),
    "leap-second": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 2016-12-31T23:59:60Z}\n",
        (2,),
    ),
    "year-0000": (".yaml", b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 0000-01-01}\n", (2,)),
    "year-10000": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 10000-01-01}\n",
        (2,),
    ),
    "year-0001": (".yaml", b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 0001-01-01}\n", (2,)),
    "year-9999-json": (
        ".json",
        b'{"id": "a", "jenis": "KSDPK", "perjanjian": {"tanggal_ttd": "9999-12-31"}}',
        (2,),
    ),
    "feb-30": (".yaml", b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 2024-02-30}\n", (2,)),
    "feb-29-non-leap": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 2100-02-29}\n",
        (2,),
    ),
    "date-as-int": (".yaml", b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 20260101}\n", (2,)),
    "date-as-list": (".yaml", b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: [2026]}\n", (2,)),
    "date-unicode-digits": (
        ".json",
        '{"id": "a", "jenis": "KSDPK", "perjanjian": {"tanggal_ttd": "٢٠٢٦-٠١-٠١"}}'.encode(),
        (2,),
    ),
    "date-fullwidth": (
        ".json",
        '{"id": "a", "jenis": "KSDPK", "perjanjian": {"tanggal_ttd": "２０２６-01-01"}}'.encode(),
        (2,),
    ),
    "dprd-far-future": (
        ".yaml",
        b"id: a\njenis: KSDPK\ndprd: {surat_permohonan: 2199-12-30, diterima: 2199-12-31}\n",
        (0, 1, 2),
    ),
    "duration-zero": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: 0 tahun\n", (0, 1, 2)),
    "duration-negative": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: -3 tahun\n", (2,)),
    "duration-huge": (
        ".yaml",
        b"id: a\njenis: KSDPK\njangka_waktu: 99999999999999999999999 tahun\n",
        (2,),
    ),
    "duration-big-years": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 2026-01-01}\njangka_waktu: 9000 tahun\n",
        (0, 1, 2),
    ),
    "duration-days-huge": (
        ".yaml",
        b"id: a\njenis: KSDPK\nperjanjian: {tanggal_ttd: 2026-01-01}\njangka_waktu: 5000000 hari\n",
        (0, 1, 2),
    ),
    "duration-no-number": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: tahun\n", (2,)),
    "duration-float": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: 1.5 tahun\n", (2,)),
    "duration-exponent": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: 1e3 tahun\n", (2,)),
    "duration-iso": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: P5Y\n", (0, 1, 2)),
    "duration-arabic-digits": (
        ".yaml",
        "id: a\njenis: KSDPK\njangka_waktu: ٥ tahun\n".encode(),
        (2,),
    ),
    "duration-superscript": (
        ".yaml",
        "id: a\njenis: KSDPK\njangka_waktu: ⁵ tahun\n".encode(),
        (2,),
    ),
    "duration-nbsp": (
        ".yaml",
        "id: a\njenis: KSDPK\njangka_waktu: 5\u00a0tahun\n".encode(),
        (0, 1, 2),
    ),
    "duration-mixed": (
        ".yaml",
        b"id: a\njenis: KSDPK\njangka_waktu: 5 tahun 13 bulan 40 hari\n",
        (0, 1, 2),
    ),
    "duration-as-int": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: 5\n", (2,)),
    "duration-as-map": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: {tahun: 5}\n", (0, 1)),
    "duration-map-huge": (
        ".yaml",
        b"id: a\njenis: KSDPK\njangka_waktu: {tahun: 99999999999}\n",
        (2,),
    ),
    "duration-map-negative": (".yaml", b"id: a\njenis: KSDPK\njangka_waktu: {hari: -1}\n", (2,)),
    "yaml11-bool-yes": (
        ".yaml",
        b"id: a\njenis: KSDPK\nteranggarkan_apbd: yes\n",
        (2,),
    ),
    "yaml11-bool-off": (".yaml", b"id: a\njenis: KSDPK\nteranggarkan_apbd: Off\n", (2,)),
    "bool-as-string": (
        ".json",
        b'{"id": "a", "jenis": "KSDPK", "teranggarkan_apbd": "true"}',
        (2,),
    ),
    "bool-as-int": (".json", b'{"id": "a", "jenis": "KSDPK", "teranggarkan_apbd": 1}', (2,)),
    "yaml-inf": (
        ".yaml",
        b"id: a\njenis: KSDD\nsekretariat_kerja_sama: {jumlah_daerah: .inf}\n",
        (2,),
    ),
    "yaml-nan": (
        ".yaml",
        b"id: a\njenis: KSDD\nsekretariat_kerja_sama: {jumlah_daerah: .NaN}\n",
        (2,),
    ),
    "plus-sign-int": (
        ".yaml",
        b"id: a\njenis: KSDD\nsekretariat_kerja_sama: {jumlah_daerah: +3}\n",
        (0, 1, 2),
    ),
    "float-int": (
        ".yaml",
        b"id: a\njenis: KSDD\nsekretariat_kerja_sama: {jumlah_daerah: 3.0}\n",
        (2,),
    ),
    "int-id": (".yaml", b"id: 12\njenis: KSDPK\n", (0, 1, 2)),
    "list-id": (".yaml", b"id: [a]\njenis: KSDPK\n", (2,)),
    "map-id": (".yaml", b"id: {a: b}\njenis: KSDPK\n", (2,)),
    "empty-id": (".yaml", b"id: ''\njenis: KSDPK\n", (0, 1, 2)),
    "int-key": (".yaml", b"id: a\njenis: KSDPK\n1: x\n", (2,)),
    "null-key": (".yaml", b"id: a\njenis: KSDPK\n~: x\n", (2,)),
    "bool-key": (".yaml", b"id: a\njenis: KSDPK\ntrue: x\n", (2,)),
    "complex-key": (".yaml", b"id: a\njenis: KSDPK\n? [a, b]\n: x\n", (2,)),
    "complex-key-in-record": (".yaml", b"id: a\njenis: KSDPK\ndaerah: {? {a: 1} : x}\n", (2,)),
    "jenis-lowercase": (".yaml", b"id: a\njenis: ksdpk\n", (0, 1, 2)),
    "jenis-list": (".yaml", b"id: a\njenis: [KSDPK]\n", (2,)),
    "jenis-null": (".yaml", b"id: a\njenis: null\n", (0, 1, 2)),
    "mitra-string": (".yaml", b"id: a\njenis: KSDPK\nmitra: PT X\n", (2,)),
    "mitra-map": (".yaml", b"id: a\njenis: KSDPK\nmitra: {nama: X}\n", (2,)),
    "mitra-nulls": (".yaml", b"id: a\njenis: KSDPK\nmitra: [null, null]\n", (0, 1, 2)),
    "mitra-empty-records": (".yaml", b"id: a\njenis: KSDPK\nmitra: [{}, {}]\n", (0, 1, 2)),
    "urusan-dup": (
        ".yaml",
        b"id: a\njenis: KSDPK\nurusan: [perhubungan, perhubungan]\n",
        (0, 1, 2),
    ),
    "unknown-keys-many": (
        ".yaml",
        BASE.encode() + b"".join(f"k{i}: 1\n".encode() for i in range(5000)),
        (2,),
    ),
    "long-string": (".yaml", BASE.encode() + b"judul: " + b"x" * 200_000 + b"\n", (2,)),
    "long-key": (".yaml", BASE.encode() + b"x" * 200_000 + b": 1\n", (2,)),
    "many-partners": (
        ".yaml",
        BASE.encode() + b"mitra:\n" + b"  - {nama: X, jenis: badan_usaha}\n" * 20_000,
        (2,),
    ),
    "many-agreements": (
        ".yaml",
        b"".join(f"- {{id: a{i}, jenis: KSDPK}}\n".encode() for i in range(1500)),
        (2,),
    ),
    "duplicate-ids-in-list": (
        ".yaml",
        b"- {id: a, jenis: KSDPK}\n- {id: a, jenis: KSDPK}\n",
        (0, 1, 2),
    ),
    "multi-document": (".yaml", BASE.encode() + b"---\n" + BASE.encode(), (2,)),
    "cr-only": (".yaml", BASE.replace("\n", "\r").encode(), (0, 1, 2)),
    "crlf": (".yaml", BASE.replace("\n", "\r\n").encode(), (0, 1)),
    "tabs-indent": (".yaml", b"id: a\njenis: KSDPK\ndaerah:\n\tnama: X\n", (2,)),
    "unterminated-quote": (".yaml", b'id: "a\njenis: KSDPK\n', (2,)),
    "unterminated-json": (".json", b'{"id": "a", "jenis": "KSDPK"', (2,)),
    "json-trailing-comma": (".json", b'{"id": "a", "jenis": "KSDPK",}', (2,)),
    "json-comments": (".json", b'{"id": "a", /* c */ "jenis": "KSDPK"}', (2,)),
    "json-trailing-garbage": (".json", b'{"id": "a", "jenis": "KSDPK"} x', (2,)),
    "json-two-objects": (".json", b'{"id": "a", "jenis": "KSDPK"}{"id": "b"}', (2,)),
    "yaml-in-json-file": (".json", BASE.encode(), (2,)),
    "json-in-yaml-file": (".yaml", b'{"id": "a", "jenis": "KSDPK"}', (0, 1)),
    "uppercase-suffix": (".YAML", BASE.encode(), (0, 1)),
    "control-chars": (".yaml", b"id: a\x1b[31m\njenis: KSDPK\n", (2,)),
    "del-char": (".yaml", b"id: a\x7f\njenis: KSDPK\n", (0, 1, 2)),
    "bidi-key-json": (".json", '{"id": "a", "\u202ejenis": "KSDPK"}'.encode(), (2,)),
    "emoji-everywhere": (
        ".yaml",
        "id: 😀\njenis: KSDPK\njudul: 😀😀\ndaerah: {nama: 😀}\n".encode(),
        (0, 1),
    ),
    "combining-marks": (".yaml", ("id: a" + "\u0301" * 5000 + "\njenis: KSDPK\n").encode(), (0, 1)),
}


@pytest.mark.parametrize("name", sorted(AGREEMENTS))
def test_hostile_agreement_documents(tmp_path: Path, name: str) -> None:
    suffix, content, allowed = AGREEMENTS[name]
    p = tmp_path / f"a{suffix}"
    p.write_bytes(content)
    code, out, err = run("check", str(p), AS_OF, "--format", "json")
    _expect(code, allowed, out, err)
    # The same file through the API: the same decision (an empty list is `()` there:
    # only the commands refuse a file with nothing to judge).
    if code == 2 and name != "empty-list":
        with pytest.raises(kr.KerjasamaError):
            kr.load_agreements(p)


# ================================================================ files that are not files
def _fifo(tmp_path: Path, name: str) -> Path:
    p = tmp_path / name
    os.mkfifo(p)
    return p


def _dir_named(tmp_path: Path, name: str) -> Path:
    p = tmp_path / name
    p.mkdir()
    return p


def _symlink_loop(tmp_path: Path) -> Path:
    d = tmp_path / "loop"
    d.mkdir()
    (d / "a.yaml").write_text(BASE, encoding="utf-8")
    (d / "self").symlink_to(d)
    (d / "x.yaml").symlink_to(d / "y.yaml")
    (d / "y.yaml").symlink_to(d / "x.yaml")
    return d


def _dangling(tmp_path: Path) -> Path:
    p = tmp_path / "gone.yaml"
    p.symlink_to(tmp_path / "nowhere.yaml")
    return p


def _to_dev_zero(tmp_path: Path) -> Path:
    p = tmp_path / "zero.yaml"
    p.symlink_to("/dev/zero")
    return p


def _unreadable(tmp_path: Path) -> Path:
    p = tmp_path / "secret.yaml"
    p.write_text(BASE, encoding="utf-8")
    p.chmod(0)
    return p


def _empty_dir(tmp_path: Path) -> Path:
    return _dir_named(tmp_path, "empty")


def _dir_of_junk(tmp_path: Path) -> Path:
    d = tmp_path / "junk"
    d.mkdir()
    (d / "a.txt").write_text(BASE, encoding="utf-8")
    (d / ".hidden.yaml").write_text(BASE, encoding="utf-8")
    return d


NOT_FILES: dict[str, Callable[[Path], Path]] = {
    "fifo-yaml": lambda t: _fifo(t, "f.yaml"),
    "fifo-json": lambda t: _fifo(t, "f.json"),
    "fifo-jsonl": lambda t: _fifo(t, "f.jsonl"),
    "dir-named-yaml": lambda t: _dir_named(t, "d.yaml"),
    "symlink-loop-dir": _symlink_loop,
    "dangling-symlink": _dangling,
    "symlink-dev-zero": _to_dev_zero,
    "dev-null": lambda t: Path("/dev/null"),
    "dev-zero": lambda t: Path("/dev/zero"),
    "proc-self": lambda t: Path("/proc/self/status"),
    "empty-dir": _empty_dir,
    "dir-of-junk": _dir_of_junk,
    "unreadable": _unreadable,
}


@pytest.mark.parametrize("name", sorted(NOT_FILES))
@pytest.mark.parametrize("command", ["check", "explain", "portfolio"])
def test_things_that_are_not_agreement_files(tmp_path: Path, name: str, command: str) -> None:
    p = NOT_FILES[name](tmp_path)
    argv = {
        "check": ["check", str(p), AS_OF],
        "explain": ["explain", str(p), "pp28-27-1", AS_OF],
        "portfolio": ["portfolio", str(p), AS_OF],
    }[command]
    code, out, err = run(*argv)
    # root reads a 0o000 file; a directory's own `.hidden.yaml` is an agreement file
    allowed = (0, 1, 2) if name in ("unreadable", "symlink-loop-dir", "dir-of-junk") else (2,)
    _expect(code, allowed, out, err)


# ================================================================ rule files
CITE = "dasar PP 28/2018 Pasal 27 ayat (1)"


def _rule(condition: str, rid: str = "x.a") -> str:
    return f'aturan "{rid}" {{\n  {CITE}\n  wajib {condition}\n    pesan "m"\n}}\n'


RULE_FILES: dict[str, bytes] = {
    "deep-brackets-tidak": _rule("(tidak " * 3000 + "benar" + ")" * 3000).encode(),
    "deep-call-nesting": _rule(
        "hari_kerja_setelah(" * 2000 + "perjanjian.tanggal_ttd" + ", 1)" * 2000 + " > as_of"
    ).encode(),
    "deep-quantifier-nesting": _rule(
        "".join(f"semua m{i} dalam mitra: " for i in range(500)) + "benar"
    ).encode(),
    "broad-set": _rule("jenis dalam {" + ", ".join(["KSDPK"] * 200_000) + "}").encode(),
    "broad-comparison-chain": _rule(" == ".join(["1"] * 5000)).encode(),
    "broad-arithmetic": _rule(" + ".join(["1"] * 50_000) + " > 0").encode(),
    "deep-unary-minus": _rule("-" * 20_000 + "1 > 0").encode(),
    "huge-integer-literal": _rule("1" + "0" * 100_000 + " > 0").encode(),
    "huge-integer-short": _rule("9" * 4000 + " > 0").encode(),
    "huge-duration-literal": _rule(
        "perjanjian.tanggal_ttd + 99999999999999999999 tahun > as_of"
    ).encode(),
    "date-literal-0000": _rule("perjanjian.tanggal_ttd > 0000-01-01").encode(),
    "date-literal-9999": _rule("perjanjian.tanggal_ttd + 1 tahun < 9999-12-31").encode(),
    "date-literal-feb-30": _rule("perjanjian.tanggal_ttd < 2026-02-30").encode(),
    "huge-string-literal": (
        'aturan "x.a" {\n  ' + CITE + '\n  wajib benar\n    pesan "' + "x" * 2_000_000 + '"\n}\n'
    ).encode(),
    "unterminated-string": b'aturan "x.a {\n  wajib benar\n}\n',
    "unterminated-block": b'aturan "x.a" {\n  ' + CITE.encode() + b"\n  wajib benar\n",
    "cr-only": _rule("jenis == KSDPK").replace("\n", "\r").encode(),
    "crlf": _rule("jenis == KSDPK").replace("\n", "\r\n").encode(),
    "mixed-encodings": _rule("jenis == KSDPK").encode() + "# café\n".encode("latin-1"),
    "utf16": _rule("jenis == KSDPK").encode("utf-16"),
    "bom": b"\xef\xbb\xbf" + _rule("jenis == KSDPK").encode(),
    "nul": _rule("jenis == KSDPK").encode().replace(b"wajib", b"wa\x00jib"),
    "yaml-not-kr": b"aturan:\n  - id: x.a\n    wajib: benar\n",
    "json-not-kr": b'{"aturan": [{"id": "x.a"}]}',
    "only-comments": b"# nothing\n# at all\n",
    "empty": b"",
    "whitespace": b"   \n\t\n\r\n",
    "definitions-only": b"definisi d = jenis == KSDPK\n",
    "weird-identifier-unicode": _rule("jenis == KSDPK").encode()
    + "definisi \u0430bc = benar\n".encode(),
    "identifier-zero-width": ("definisi a\u200bb = benar\n" + _rule("a\u200bb")).encode(),
    "identifier-keyword": ("definisi dan = benar\n" + _rule("dan")).encode(),
    "identifier-huge": ("definisi " + "a" * 100_000 + " = benar\n" + _rule("benar")).encode(),
    "rule-id-huge": _rule("benar", rid="x" * 100_000).encode(),
    "rule-id-weird": _rule("benar", rid="../../etc/passwd\u202e\n").encode(),
    "rule-id-empty": _rule("benar", rid="").encode(),
    "duplicate-rules": (_rule("benar") + _rule("salah")).encode(),
    "many-rules": "".join(_rule("jenis == KSDPK", rid=f"r{i}") for i in range(11_000)).encode(),
    "many-definitions": (
        "".join(f"definisi d{i} = benar\n" for i in range(11_000)) + _rule("d0")
    ).encode(),
    "self-definition": ("definisi a = a\n" + _rule("a")).encode(),
    "definition-type-loop": (
        "definisi a = b + 1\ndefinisi b = a dan benar\n" + _rule("a")
    ).encode(),
    "unknown-instrument": _rule("benar").replace(CITE, "dasar UU 99/2099 Pasal 1").encode(),
    "pasal-huge": _rule("benar").replace(CITE, "dasar PP 28/2018 Pasal " + "9" * 50).encode(),
    "pasal-zero": _rule("benar").replace(CITE, "dasar PP 28/2018 Pasal 0").encode(),
    "huruf-weird": _rule("benar").replace(CITE, "dasar PP 28/2018 Pasal 1 huruf zz").encode(),
    "instrument-year-huge": _rule("benar")
    .replace(CITE, "dasar PP 1/" + "9" * 40 + " Pasal 1")
    .encode(),
    "masa-berlaku-weird": (
        "masa_berlaku PP 28/2018 sejak 0001-01-01\n" + _rule("jenis == KSDPK")
    ).encode(),
    "masa-berlaku-far": (
        "masa_berlaku PP 28/2018 sejak 9999-12-31\n" + _rule("jenis == KSDPK")
    ).encode(),
    "switch-garbage": ("saklar s { nilai {a, a} bawaan b }\n" + _rule("jenis == KSDPK")).encode(),
    "table-huge": (
        "tabel t {\n" + "".join(f"  k{i} = {i}\n" for i in range(50_000)) + "}\n" + _rule("benar")
    ).encode(),
    "division-by-zero": _rule("1 / 0 > 0").encode(),
    "modulo-literals": _rule("(10 % 0) == 0").encode(),
    "keyword-soup": b"aturan aturan aturan { { { wajib wajib } } }\n" * 1000,
    "brace-soup": b"{" * 100_000,
    "quote-soup": b'"' * 100_001,
    "long-line": b"#" + b"x" * 900_000 + b"\n" + _rule("benar").encode(),
    "over-size": b"# " + b"x" * (2 * 1024 * 1024) + b"\n",
    "english-keywords": b'rule "x.a" {\n  basis PP 28/2018 Pasal 27 ayat (1)\n  require true\n'
    b'    message "m"\n}\n',
    "mixed-keywords": b'aturan "x.a" {\n  basis PP 28/2018 Pasal 27 ayat (1)\n  wajib true\n'
    b'    message "m"\n}\n',
}


def _rules_at(tmp_path: Path, content: bytes) -> Path:
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    (d / "a.kr").write_bytes(content)
    return d


@pytest.mark.parametrize("name", sorted(RULE_FILES))
@pytest.mark.parametrize("command", ["check", "lint", "fmt-check"])
def test_hostile_rule_files(tmp_path: Path, name: str, command: str) -> None:
    d = _rules_at(tmp_path, RULE_FILES[name])
    argv = {
        "check": ["check", str(EXAMPLE), "--rules", str(d), AS_OF],
        "lint": ["lint", str(d)],
        "fmt-check": ["fmt", "--check", str(d)],
    }[command]
    code, out, err = run(*argv)
    _expect(code, (0, 1, 2), out, err)


@pytest.mark.parametrize(
    "name", ["deep-brackets-tidak", "broad-set", "huge-integer-literal", "many-rules", "table-huge"]
)
def test_hostile_rule_text_through_the_api(name: str) -> None:
    text = RULE_FILES[name].decode("utf-8")
    with _bounded():
        try:
            rules = kr.compile(text)
        except kr.KerjasamaError:
            return
        rules.evaluate(kr.load_agreement(EXAMPLE), as_of=datetime.date(2026, 11, 29))


def test_fmt_rewrites_a_hostile_file_only_to_something_that_parses(tmp_path: Path) -> None:
    d = _rules_at(tmp_path, RULE_FILES["cr-only"])
    code, out, err = run("fmt", str(d))
    _expect(code, (0, 1, 2), out, err)
    if code == 0:
        kr.load_rules(d)


# ================================================================ evaluation work
def _nested_quantifiers(depth: int) -> str:
    body = "benar"
    for i in reversed(range(depth)):
        body = f"(semua m{i} dalam mitra: {body})"
    return _rule(body)


def _many_partners(tmp_path: Path, n: int) -> Path:
    p = tmp_path / "many.yaml"
    p.write_text(BASE + "mitra:\n" + "  - {nama: X, jenis: badan_usaha}\n" * n, encoding="utf-8")
    return p


def test_nested_quantifiers_over_a_long_list_stop_at_the_work_limit(tmp_path: Path) -> None:
    # 5,000 partners, three nested quantifiers: 125 billion steps without a bound.
    d = _rules_at(tmp_path, _nested_quantifiers(3).encode())
    code, out, err = run("check", str(_many_partners(tmp_path, 5000)), "--rules", str(d), AS_OF)
    assert code == 2, out + err
    assert "max_evaluation_work" in err and "x.a" in err and "many.yaml" in err


def test_the_work_limit_through_the_api(tmp_path: Path) -> None:
    rules = kr.compile(_nested_quantifiers(3))
    agreement = kr.load_agreement(_many_partners(tmp_path, 5000))
    with _bounded(), pytest.raises(kr.EvaluationError) as info:
        rules.evaluate(agreement, as_of=datetime.date(2026, 11, 29), source="many.yaml")
    d = info.value.diagnostics[0]
    assert d.code == "limit.evaluation-work"
    with _bounded(), pytest.raises(kr.EvaluationError):
        rules.explain(agreement, "x.a", as_of=datetime.date(2026, 11, 29))


def test_work_inside_the_limit_still_gives_a_verdict(tmp_path: Path) -> None:
    rules = kr.compile(_nested_quantifiers(2))
    agreement = kr.load_agreement(_many_partners(tmp_path, 50))
    report = rules.evaluate(agreement, as_of=datetime.date(2026, 11, 29))
    assert report.outcome("x.a").status == "pass"


def test_the_bundled_rules_on_the_longest_partner_list_stay_inside_the_work_limit(
    tmp_path: Path,
) -> None:
    from kerjasama_rules import limits

    n = limits.current().max_list_length
    code, out, err = run("check", str(_many_partners(tmp_path, n)), AS_OF)
    _expect(code, (0, 1), out, err)


# ================================================================ rule tests
def _test_file(tmp_path: Path, body: str) -> Path:
    d = _rules_at(tmp_path, _rule("jenis == KSDPK").encode())
    t = d / "tests"
    t.mkdir(exist_ok=True)
    (t / "a.test.yaml").write_text(body, encoding="utf-8")
    return d


CASE = "kasus:\n  - nama: c\n    agreement: {id: a, jenis: KSDPK}\n    harapan: {x.a: pass}\n"
RULE_TESTS: dict[str, str] = {
    "aturan-traversal": "aturan: ../../../../../../etc/passwd\n" + CASE,
    "aturan-absolute": "aturan: /etc/shadow\n" + CASE,
    "aturan-proc": "aturan: /proc/self/environ\n" + CASE,
    "aturan-list-traversal": "aturan: [a.kr, ../../../etc/hosts]\n" + CASE,
    "aturan-int": "aturan: 5\n" + CASE,
    "aturan-null-byte": 'aturan: "a.kr\\0../../etc/passwd"\n' + CASE,
    "aturan-dev-zero": "aturan: /dev/zero\n" + CASE,
    "kasus-string": "kasus: nope\n",
    "kasus-map": "kasus: {a: 1}\n",
    "kasus-null": "kasus: null\n",
    "kasus-empty": "kasus: []\n",
    "kasus-of-nulls": "kasus: [null, 1, x]\n",
    "harapan-weird-status": CASE.replace("pass", "lulus_banget"),
    "harapan-unknown-rule": CASE.replace("x.a:", "../x:"),
    "harapan-list": CASE.replace("{x.a: pass}", "[pass]"),
    "base-missing": "kasus:\n  - nama: c\n    dasar: nope\n    harapan: {x.a: pass}\n",
    "basis-self-alias": "basis: &b {a: *b}\n" + CASE,
    "ubah-traversal": "basis: {b: {id: a, jenis: KSDPK}}\nkasus:\n  - nama: c\n    dasar: b\n"
    "    ubah: {'../../x': 1, 'mitra[99999999999]': 1}\n    harapan: {x.a: pass}\n",
    "ubah-deep-path": "basis: {b: {id: a, jenis: KSDPK}}\nkasus:\n  - nama: c\n    dasar: b\n"
    "    ubah: {'" + ".".join(["a"] * 10_000) + "': 1}\n    harapan: {x.a: pass}\n",
    "ubah-negative-index": "basis: {b: {id: a, jenis: KSDPK, mitra: [{nama: X}]}}\nkasus:\n"
    "  - nama: c\n    dasar: b\n    ubah: {'mitra[-1].nama': Y}\n    harapan: {x.a: pass}\n",
    "as-of-garbage": "as_of: kemarin\n" + CASE,
    "as-of-year-0": "as_of: 0000-01-01\n" + CASE,
    "as-of-far": "as_of: 9999-12-31\n" + CASE,
    "duplicate-case-names": CASE + CASE.replace("kasus:\n", ""),
    "many-cases": "kasus:\n"
    + "".join(
        f"  - nama: c{i}\n    agreement: {{id: a, jenis: KSDPK}}\n    harapan: {{x.a: pass}}\n"
        for i in range(10_001)
    ),
    "case-name-huge": CASE.replace("nama: c", "nama: " + "c" * 200_000),
    "not-yaml": "{{{{ [[[ \x00",
    "top-list": "- a\n- b\n",
}


@pytest.mark.parametrize("name", sorted(RULE_TESTS))
def test_hostile_rule_tests(tmp_path: Path, name: str) -> None:
    d = _test_file(tmp_path, RULE_TESTS[name])
    code, out, err = run("test", "--rules", str(d), str(d / "tests"))
    _expect(code, (0, 1, 2), out, err)
    # nothing from outside is ever echoed
    for secret in ("root:", "PATH=", "localhost"):
        assert secret not in out + err


# ================================================================ inventories
INVENTORIES: dict[str, str] = {
    "not-a-map": "- a\n",
    "instrument-list": "instrumen: [a]\npasal: []\n",
    "pasal-string": "instrumen: PP 1/2000\npasal: banyak\n",
    "pasal-number-huge": "instrumen: PP 1/2000\npasal:\n  - nomor: " + "9" * 60 + "\n",
    "pasal-number-negative": "instrumen: PP 1/2000\npasal:\n  - nomor: -1\n",
    "pasal-number-bool": "instrumen: PP 1/2000\npasal:\n  - nomor: true\n",
    "ayat-map": "instrumen: PP 1/2000\npasal:\n  - nomor: 1\n    ayat: {a: 1}\n",
    "huruf-int": "instrumen: PP 1/2000\npasal:\n  - nomor: 1\n    huruf: [1, 2]\n",
    "alias-bomb": "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ninstrumen: PP 1/2000\npasal: []\n",
    "rujukan-garbage": "instrumen: PP 1/2000\nrujukan: 5\npasal: []\n",
    "rujukan-map": "instrumen: PP 1/2000\nrujukan: {a: b}\npasal: []\n",
    "duplicate-pasal": "instrumen: PP 1/2000\npasal:\n  - nomor: 1\n  - nomor: 1\n",
}


@pytest.mark.parametrize("name", sorted(INVENTORIES))
@pytest.mark.parametrize("command", ["coverage", "lint", "law"])
def test_hostile_inventories(tmp_path: Path, name: str, command: str) -> None:
    d = _rules_at(tmp_path, _rule("jenis == KSDPK").encode())
    (d / "inventaris.yaml").write_text(INVENTORIES[name], encoding="utf-8")
    argv = {
        "coverage": ["coverage", "--rules", str(d), "--inventory", str(d / "inventaris.yaml")],
        "lint": ["lint", str(d)],
        "law": ["law", "--rules", str(d), "Pasal 1"],
    }[command]
    code, out, err = run(*argv)
    _expect(code, (0, 1, 2), out, err)


# ================================================================ arguments
def _args_cases() -> dict[str, tuple[list[str], tuple[int, ...]]]:
    e = str(EXAMPLE)
    cases: dict[str, tuple[list[str], tuple[int, ...]]] = {}
    for as_of in ["0001-01-01", "9999-12-31", "2026-13-01", "2026-02-30", "today", "", "2026-1-1",
                  " 2026-01-01", "+2026-01-01", "2026-01-01T00:00", "١٩٩٩-٠١-٠١", "1899-12-31",
                  "2200-01-01", "-1", "2026-01-01\x00", "99999999999999999999-01-01"]:  # fmt: skip
        ok = (1, 2) if as_of in ("2026-1-1",) else (2,)
        cases[f"check-as-of-{as_of!r}"] = (["check", e, f"--as-of={as_of}"], ok)
        cases[f"portfolio-as-of-{as_of!r}"] = (["portfolio", e, f"--as-of={as_of}"], ok)
    for jobs in ["0", "-1", "99999999999999999999", "abc", "1e3", "", "1.5", "100000"]:
        ok = (1, 2) if jobs in ("0", "100000") else (2,)
        cases[f"jobs-{jobs!r}"] = (["check", e, AS_OF, f"--jobs={jobs}"], ok)
    for sw in ["x", "=", "cuti_bersama=", "unknown=1", "a=b=c", "\x00=1", "cuti_bersama=kerja=1",
               "=kerja", "cuti_bersama=" + "x" * 100_000, "CUTI_BERSAMA=kerja"]:  # fmt: skip
        cases[f"switch-{sw[:30]!r}"] = (["check", e, AS_OF, "--switch", sw], (2,))
    for lib in ["x", "2026-02-30", "2026-01-01=", "2026-01-01=" + "x" * 100_000, "=x",
                "9999-12-31=x", "0001-01-01"]:  # fmt: skip
        cases[f"libur-{lib[:30]!r}"] = (["check", e, AS_OF, "--libur-daerah", lib], (1, 2))
    for wd in ["-1", "0", "1000000000", "1e3", "abc", "99999999999999999999", "5000000"]:
        cases[f"deadline-days-{wd}"] = (
            ["deadline", "--from", "2026-01-01", "--working-days", wd],
            (0, 2),
        )
    for start in ["0001-01-01", "9999-12-31", "2199-12-31", "x"]:
        cases[f"deadline-from-{start}"] = (
            ["deadline", "--from", start, "--working-days", "30"],
            (0, 2),
        )
    for pct in ["-1", "101", "nan", "inf", "-inf", "", "50%", "1e308", "0x10", "١٠"]:
        cases[f"fail-under-{pct!r}"] = (["coverage", f"--fail-under={pct}"], (2,))
    for hz in ["-1", "abc", "99999999999999999999", "1e3", "0", "10000000"]:
        cases[f"horizon-{hz}"] = (["portfolio", e, AS_OF, f"--horizon={hz}"], (1, 2))
    for unit in ["Pasal", "Pasal 99999999999999999999", "Pasal -1", "UU 99/2099 Pasal 1",
                 "Pasal 1 ayat (999999999999)", "", "\x00", "Pasal 1" * 10_000,
                 "PP 28/2018 Pasal 30 ayat (3) huruf zz"]:  # fmt: skip
        cases[f"law-{unit[:30]!r}"] = (["law", unit], (0, 2))
    for rid in ["", "nope", "../../etc/passwd", "x" * 100_000, "\u202e"]:
        cases[f"explain-rule-{rid[:20]!r}"] = (["explain", e, rid, AS_OF], (2,))
    cases["explain-agreement-missing"] = (
        ["explain", e, "pp28-2", "--agreement", "zz", AS_OF],
        (2,),
    )
    cases["template-bad"] = (["template", "KSDX"], (2,))
    cases["template-lower"] = (["template", "ksdd"], (2,))
    cases["schema-extra"] = (["schema", "x"], (2,))
    cases["lang-bad"] = (["check", e, "--lang", "xx"], (2,))
    cases["format-bad"] = (["check", e, "--format", "xml"], (2,))
    cases["unknown-command"] = (["frobnicate"], (2,))
    cases["no-command"] = ([], (2,))
    cases["check-no-file"] = (["check"], (2,))
    cases["check-nonexistent"] = (["check", "/nonexistent/a.yaml"], (2,))
    cases["rules-nonexistent"] = (["rules", "--rules", "/nonexistent"], (2,))
    cases["rules-dev-null"] = (["rules", "--rules", "/dev/null"], (2,))
    cases["rules-file-not-kr"] = (["rules", "--rules", e], (2,))
    cases["diff-nonexistent"] = (["diff", "--old", "/nonexistent", "--new", "/nonexistent"], (2,))
    cases["diff-file"] = (["diff", "--old", e, "--new", e], (2,))
    cases["check-dash-empty-stdin"] = (["check", "-", AS_OF], (2,))
    cases["long-option-value"] = (["check", e, "--rules", "x" * 100_000], (2,))
    cases["fmt-nonexistent"] = (["fmt", "/nonexistent.kr"], (2,))
    cases["test-nonexistent"] = (["test", "/nonexistent.test.yaml"], (2,))
    cases["lint-nonexistent"] = (["lint", "/nonexistent"], (2,))
    cases["with-bundled-alone"] = (["rules", "--with-bundled"], (0, 2))
    return cases


ARGS = _args_cases()


@pytest.mark.parametrize("name", sorted(ARGS))
def test_hostile_arguments(name: str) -> None:
    argv, allowed = ARGS[name]
    code, out, err = run(*argv)
    _expect(code, allowed, out, err)


@pytest.mark.parametrize(
    "lines",
    [
        "\n\n\n",
        '{"id": "a", "jenis": "KSDPK"}\n{broken\n',
        '{"id": "a", "jenis": "KSDPK"}\n[1, 2]\n',
        '{"id": "a", "jenis": "KSDPK"}\r\n{"id": "b", "jenis": "KSDPK"}\r\n',
        '{"id": "a", "jenis": "KSDPK"}\n' * 3 + "null\n",
        '{"id": "\\ud800", "jenis": "KSDPK"}\n',
        "id: a\njenis: KSDPK\n",
    ],
)
def test_hostile_standard_input(lines: str) -> None:
    code, out, err = run("check", "-", AS_OF, "--format", "jsonl", stdin=lines)
    _expect(code, (0, 1, 2), out, err)


# ================================================================ output paths
def _out_targets(tmp_path: Path) -> dict[str, tuple[Path, bool]]:
    """name -> (path, whether it must be left exactly as it was)"""
    d = tmp_path / "outdir"
    d.mkdir()
    ro = tmp_path / "ro.html"
    ro.write_text("keep", encoding="utf-8")
    ro.chmod(0o444)
    link = tmp_path / "link.html"
    target = tmp_path / "target.html"
    target.write_text("keep", encoding="utf-8")
    link.symlink_to(target)
    rodir = tmp_path / "rodir"
    rodir.mkdir()
    rodir.chmod(0o555)
    # An agreement as the output: a copy, so that a regression can never overwrite a file
    # of the repository (it once replaced examples/ with a portfolio report).
    agreement = tmp_path / EXAMPLE.name
    agreement.write_bytes(EXAMPLE.read_bytes())
    return {
        "directory": (d, True),
        "read-only": (ro, True),
        "dev-full": (Path("/dev/full"), False),
        "missing-dir": (tmp_path / "no" / "such" / "x.html", False),
        "same-as-input": (agreement, True),
        "symlink": (link, False),
        "fifo": (_fifo(tmp_path, "out.fifo"), False),
        "in-read-only-dir": (rodir / "x.html", False),
    }


@pytest.mark.parametrize(
    "target",
    ["directory", "read-only", "dev-full", "missing-dir", "same-as-input", "symlink", "fifo",
     "in-read-only-dir"],
)  # fmt: skip
@pytest.mark.parametrize("flag", ["--html", "--ics", "--xlsx"])
def test_hostile_output_paths(tmp_path: Path, target: str, flag: str) -> None:
    path, keep = _out_targets(tmp_path)[target]
    before = path.read_bytes() if keep and path.is_file() else None
    code, out, err = run("portfolio", str(GOOD), AS_OF, flag, str(path))
    _expect(code, (0, 1, 2), out, err)
    if target in ("directory", "read-only", "dev-full", "missing-dir", "same-as-input", "fifo"):
        assert code == 2, (target, out, err)
    if before is not None:
        assert path.read_bytes() == before
    if target == "symlink":
        # written through the link or refused: the link's target is never half written
        text = (tmp_path / "target.html").read_bytes()
        assert text == b"keep" or text.startswith((b"<!", b"BEGIN", b"PK"))


@pytest.mark.parametrize("target", ["directory", "read-only", "dev-full", "fifo"])
def test_law_pages_and_witnesses_to_hostile_places(tmp_path: Path, target: str) -> None:
    path, _keep = _out_targets(tmp_path)[target]
    code, out, err = run("law", "--pages", str(path))
    _expect(code, (0, 2), out, err)
    if target != "directory":
        assert code == 2


def test_fmt_on_a_read_only_rule_file_and_a_symlink(tmp_path: Path) -> None:
    d = _rules_at(tmp_path, b'aturan "x.a" {\n' + CITE.encode() + b'\nwajib  benar\npesan "m"}\n')
    f = d / "a.kr"
    before = f.read_bytes()
    f.chmod(0o444)
    code, out, err = run("fmt", str(f))
    assert code == 2, out + err
    assert f.read_bytes() == before
    f.chmod(0o644)
    link = tmp_path / "link.kr"
    link.symlink_to(f)
    code, out, err = run("fmt", str(link), str(f))
    _expect(code, (0, 2), out, err)
    assert link.is_symlink()
    kr.load_rules(f)


# ================================================================ kerjasama.toml
TOMLS: dict[str, str] = {
    "broken": "[rules\npaths = [",
    "paths-not-list": "[rules]\npaths = 5\n",
    "paths-outside": '[rules]\npaths = ["/etc"]\n',
    "paths-traversal": '[rules]\npaths = ["../../../../../../etc"]\n',
    "paths-empty": "[rules]\npaths = []\n",
    "paths-missing": '[rules]\npaths = ["nope"]\n',
    "bundled-outside": '[rules]\npaths = ["rules"]\nbundled = "/"\n',
    "bundled-int": '[rules]\npaths = ["rules"]\nbundled = 1\n',
    "rules-not-table": "rules = 1\n",
    "nul": '[rules]\npaths = ["ru\\u0000les"]\n',
    "huge": "# " + "x" * 5_000_000 + "\n",
    "loop": '[rules]\npaths = ["loop"]\n',
    "unknown-keys": '[rules]\npaths = ["rules"]\nfoo = 1\n[other]\nx = 1\n',
    "binary": "\xff\xfe\x00\x00",
}


@pytest.mark.parametrize("name", sorted(TOMLS))
@pytest.mark.parametrize("command", ["rules", "check", "lint"])
def test_hostile_project_files(tmp_path: Path, name: str, command: str) -> None:
    _rules_at(tmp_path, _rule("jenis == KSDPK").encode())
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "up").symlink_to(tmp_path)
    (loop / "a.kr").write_bytes(_rule("jenis == KSDPK").encode())
    (tmp_path / "kerjasama.toml").write_bytes(TOMLS[name].encode("utf-8", "surrogateescape"))
    argv = {
        "rules": ["rules"],
        "check": ["check", str(EXAMPLE), AS_OF],
        "lint": ["lint"],
    }[command]
    code, out, err = run(*argv)
    _expect(code, (0, 1, 2), out, err)
    if name in ("broken", "paths-not-list", "rules-not-table", "bundled-int", "binary"):
        assert code == 2


# ================================================================ the API
def _agreement() -> kr.Agreement:
    return kr.load_agreement(EXAMPLE)


API_CALLS: dict[str, Callable[[], Any]] = {
    "load-agreement-none": lambda: kr.load_agreement(None),  # type: ignore[arg-type]
    "load-agreement-int": lambda: kr.load_agreement(5),  # type: ignore[arg-type]
    "load-agreement-bytes": lambda: kr.load_agreement(b"id: a"),  # type: ignore[arg-type]
    "load-agreement-list": lambda: kr.load_agreement([{"id": "a"}]),  # type: ignore[arg-type]
    "load-agreement-empty-map": lambda: kr.load_agreement({}),
    "load-agreement-map-int-keys": lambda: kr.load_agreement({1: 2}),  # type: ignore[dict-item]
    "load-agreement-map-object": lambda: kr.load_agreement({"id": object(), "jenis": "KSDPK"}),
    "load-agreement-map-float-nan": lambda: kr.load_agreement(
        {"id": "a", "jenis": "KSDD", "sekretariat_kerja_sama": {"jumlah_daerah": float("nan")}}
    ),
    "load-agreement-map-date-max": lambda: kr.load_agreement(
        {"id": "a", "jenis": "KSDPK", "perjanjian": {"tanggal_ttd": datetime.date.max}}
    ),
    "load-agreement-map-datetime": lambda: kr.load_agreement(
        {"id": "a", "jenis": "KSDPK", "perjanjian": {"tanggal_ttd": datetime.datetime(2026, 1, 1)}}
    ),
    "load-agreement-map-set": lambda: kr.load_agreement(
        {"id": "a", "jenis": "KSDPK", "urusan": {"perhubungan"}}
    ),
    "load-agreement-map-self": lambda: _self_referential(),
    "load-agreement-name-int": lambda: kr.load_agreement({"id": "a"}, name=5),  # type: ignore[arg-type]
    "load-agreement-dir": lambda: kr.load_agreement(EXAMPLES),
    "load-agreement-nul-path": lambda: kr.load_agreement("a\x00.yaml"),
    "load-agreement-long-path": lambda: kr.load_agreement("a" * 10_000 + ".yaml"),
    "load-agreements-none": lambda: kr.load_agreements(None),  # type: ignore[arg-type]
    "load-agreements-fifo-ish": lambda: kr.load_agreements("/dev/zero"),
    "load-rules-none": lambda: kr.load_rules(None),  # type: ignore[arg-type]
    "load-rules-int": lambda: kr.load_rules(5),  # type: ignore[arg-type]
    "load-rules-nonexistent": lambda: kr.load_rules("/nonexistent"),
    "load-rules-agreement": lambda: kr.load_rules(EXAMPLE),
    "compile-bytes": lambda: kr.compile(b"aturan"),  # type: ignore[arg-type]
    "compile-source-int": lambda: kr.compile("", source=5),  # type: ignore[arg-type]
    "compile-empty": lambda: kr.compile(""),
    "compile-surrogate": lambda: kr.compile(_rule("benar") + "# \ud800\n"),
    "compile-nul": lambda: kr.compile("\x00"),
    "evaluate-dict": lambda: kr.load_rules().evaluate({"id": "a"}),  # type: ignore[arg-type]
    "evaluate-as-of-str": lambda: kr.load_rules().evaluate(_agreement(), as_of="2026-01-01"),  # type: ignore[arg-type]
    "evaluate-as-of-min": lambda: kr.load_rules().evaluate(_agreement(), as_of=datetime.date.min),
    "evaluate-as-of-max": lambda: kr.load_rules().evaluate(_agreement(), as_of=datetime.date.max),
    "evaluate-switches-list": lambda: kr.load_rules().evaluate(_agreement(), switches=[1]),  # type: ignore[arg-type]
    "evaluate-switches-int-values": lambda: kr.load_rules().evaluate(
        _agreement(),
        switches={"cuti_bersama": 1},  # type: ignore[dict-item]
    ),
    "evaluate-cuti-garbage": lambda: kr.load_rules().evaluate(_agreement(), cuti_bersama="x"),
    "evaluate-holidays-str": lambda: kr.load_rules().evaluate(
        _agreement(),
        regional_holidays="2026-01-01",  # type: ignore[arg-type]
    ),
    "evaluate-holidays-far": lambda: kr.load_rules().evaluate(
        _agreement(), regional_holidays=[(datetime.date(9999, 1, 1), "x")]
    ),
    "evaluate-source-int": lambda: kr.load_rules().evaluate(_agreement(), source=5),  # type: ignore[arg-type]
    "explain-int-rule": lambda: kr.load_rules().explain(_agreement(), 5),  # type: ignore[arg-type]
    "explain-unknown-rule": lambda: kr.load_rules().explain(_agreement(), "nope"),
    "explain-as-of-datetime": lambda: kr.load_rules().explain(
        _agreement(),
        "pp28-2",
        as_of=datetime.datetime(2026, 1, 1),  # type: ignore[arg-type]
    ),
    "render-text-str": lambda: kr.render_text("report"),  # type: ignore[arg-type]
    "render-text-lang": lambda: kr.render_text(_report(), lang="xx"),
    "render-text-lang-int": lambda: kr.render_text(_report(), lang=5),  # type: ignore[arg-type]
    "render-json-one-report": lambda: kr.render_json(_report()),  # type: ignore[arg-type]
    "render-json-none-items": lambda: kr.render_json([None]),  # type: ignore[list-item]
    "render-json-lang": lambda: kr.render_json([_report()], lang="fr"),
    "deadline-str": lambda: kr.compute_deadline("2026-01-01", 5),  # type: ignore[arg-type]
    "deadline-negative": lambda: kr.compute_deadline(datetime.date(2026, 1, 1), -5),
    "deadline-huge": lambda: kr.compute_deadline(datetime.date(2026, 1, 1), 10**9),
    "deadline-float": lambda: kr.compute_deadline(datetime.date(2026, 1, 1), 2.5),  # type: ignore[arg-type]
    "deadline-bool": lambda: kr.compute_deadline(datetime.date(2026, 1, 1), True),
    "deadline-max-date": lambda: kr.compute_deadline(datetime.date.max, 1),
    "deadline-calendar-str": lambda: kr.compute_deadline(
        datetime.date(2026, 1, 1),
        1,
        calendar="x",  # type: ignore[arg-type]
    ),
    "calendar-garbage": lambda: kr.WorkingCalendar(cuti_bersama="x"),
    "calendar-holidays-garbage": lambda: kr.WorkingCalendar(extra_holidays=[1, 2]),  # type: ignore[list-item]
    "calendar-far-holiday": lambda: kr.WorkingCalendar(
        extra_holidays=[(datetime.date(1, 1, 1), "x")]
    ).is_working_day(datetime.date(1, 1, 1)),
    "unstructure-none": lambda: kr.unstructure_agreement(None),  # type: ignore[arg-type]
    "unstructure-dict": lambda: kr.unstructure_agreement({"id": "a"}),  # type: ignore[arg-type]
    "bundled-rules-path-int": lambda: kr.bundled_rules_path(5),  # type: ignore[arg-type]
    "ruleset-none": lambda: kr.RuleSet(None),  # type: ignore[arg-type]
    "agreement-direct-garbage": lambda: kr.load_rules().evaluate(
        kr.Agreement(id=5, jenis="KSDX", mitra="x")  # type: ignore[arg-type]
    ),
}


def _self_referential() -> kr.Agreement:
    d: dict[str, Any] = {"id": "a", "jenis": "KSDPK"}
    d["daerah"] = d
    return kr.load_agreement(d)


def _report() -> kr.Report:
    return kr.load_rules().evaluate(_agreement(), as_of=datetime.date(2026, 11, 29))


@pytest.mark.parametrize("name", sorted(API_CALLS))
def test_hostile_api_calls(name: str) -> None:
    with _bounded():
        try:
            result = API_CALLS[name]()
        except kr.KerjasamaError as exc:
            assert exc.diagnostics
            assert str(exc)
            return
    # A call that succeeds gives something that renders.
    if isinstance(result, kr.Report):
        kr.render_text(result)
        kr.render_json([result])


# ================================================================ environments, pipes, signals
def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    for k, v in changes.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


ENVIRONMENTS: dict[str, dict[str, str | None]] = {
    "lang-c": {"LANG": "C", "LC_ALL": "C"},
    "lang-tr": {"LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"},
    "lang-posix-ascii": {"LC_ALL": "POSIX", "PYTHONIOENCODING": "ascii"},
    "tz-far": {"TZ": "Pacific/Kiritimati"},
    "tz-garbage": {"TZ": ":/nonexistent/zone\x01"},
    "home-unset": {"HOME": None},
    "home-unwritable": {"HOME": "/proc"},
    "xdg-cache-file": {"XDG_CACHE_HOME": "/dev/null"},
    "xdg-cache-relative": {"XDG_CACHE_HOME": "relative/../../x"},
    "hashseed": {"PYTHONHASHSEED": "12345"},
}


@pytest.fixture(scope="module")
def neutral_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One working directory for every run: the `rules:` line names paths relative to it.
    return tmp_path_factory.mktemp("env")


@pytest.fixture(scope="module")
def reference_output(neutral_dir: Path) -> bytes:
    code, out, _err = run_process(
        "check", str(EXAMPLE), AS_OF, "--lang", "en", env=_env(), cwd=neutral_dir
    )
    assert code == 1
    return out


@pytest.mark.parametrize("name", sorted(ENVIRONMENTS))
def test_hostile_environments(name: str, reference_output: bytes, neutral_dir: Path) -> None:
    env = _env(**ENVIRONMENTS[name])
    code, out, err = run_process(
        "check", str(EXAMPLE), AS_OF, "--lang", "en", env=env, cwd=neutral_dir
    )
    # `lang-posix-ascii` too: the report is UTF-8 whatever the locale says
    assert code == 1, err
    assert out == reference_output


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    # `kerjasama rules | head -1`: the reader goes away after one line.
    proc = subprocess.Popen(
        [sys.executable, "-m", "kerjasama_rules", "rules", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_memory,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert code in (0, 2, -signal.SIGPIPE), err
    _clean("", err)
    assert "Error" not in err


def test_sigint_mid_fmt_leaves_the_files_whole(tmp_path: Path) -> None:
    d = tmp_path / "rules"
    d.mkdir()
    texts = {}
    for i in range(300):
        text = _rule("jenis == KSDPK   dan   benar", rid=f"r{i}")
        (d / f"r{i}.kr").write_text(text, encoding="utf-8")
        texts[i] = text
    proc = subprocess.Popen(
        [sys.executable, "-m", "kerjasama_rules", "fmt", str(d)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_memory,
        cwd=tmp_path,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _out, err_b = proc.communicate(timeout=120)
    err = err_b.decode()
    # 130: interrupted mid-run; 0 or -SIGINT: the run had finished (the signal then
    # reached the interpreter as it exited, after every file was written)
    assert proc.returncode in (0, 130, -signal.SIGINT), err
    _clean("", err)
    kr.load_rules(d)  # every file is the original or the formatted one
    assert not [p for p in d.iterdir() if not p.name.endswith(".kr")]


def test_sigpipe_default_disposition(tmp_path: Path) -> None:
    # A shell that set SIGPIPE to default (`trap - PIPE`): the command still ends cleanly.
    script = (
        "import signal, sys; signal.signal(signal.SIGPIPE, signal.SIG_DFL);"
        "from kerjasama_rules.cli.main import main; sys.exit(main(['rules']))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    assert proc.stdout is not None
    proc.stdout.read(5)
    proc.stdout.close()
    code = proc.wait(timeout=120)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert code in (0, 2, -signal.SIGPIPE), err
    assert "Traceback" not in err


def test_memory_bounded_on_an_alias_heavy_json_lines_stream(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "jenis": "KSDPK", "judul": "x" * 90_000}) + "\n"
    code, _out, err = run_process(
        "check", "-", AS_OF, "--format", "jsonl", stdin=(line * 200).encode(), cwd=tmp_path
    )
    assert code in (0, 1, 2), err


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    with p.open("wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GB that cost nothing on disk
    code, _out, err = run_process("check", str(p), AS_OF, cwd=tmp_path)
    assert code == 2 and "max_input_bytes" in err


def test_check_with_many_jobs_agrees_with_one(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    one = run("check", *files, AS_OF, "--format", "json")
    many = run("check", *files, AS_OF, "--format", "json", "--jobs", "0")
    assert one[0] == many[0] and one[1] == many[1]


def test_read_only_stat_is_checked_not_trusted(tmp_path: Path) -> None:
    # A rule file that is made unreadable between listing and reading (root reads it).
    d = _rules_at(tmp_path, _rule("jenis == KSDPK").encode())
    (d / "a.kr").chmod(stat.S_IWUSR)
    code, out, err = run("rules", "--rules", str(d))
    _expect(code, (0, 2), out, err)


def test_a_directory_walk_is_bounded(tmp_path: Path) -> None:
    # `bundled = "/"` or `--rules /` would walk the whole disk: the walk stops at a limit.
    import attrs

    from kerjasama_rules import limits

    d = tmp_path / "many"
    d.mkdir()
    for i in range(30):
        (d / f"f{i}.txt").write_text("", encoding="utf-8")
    previous = limits.configure(max_directory_entries=20)
    try:
        code, out, err = run("rules", "--rules", str(d))
        assert code == 2 and "max_directory_entries" in err, out + err
        code, out, err = run("check", str(d), AS_OF)
        assert code == 2 and "max_directory_entries" in err, out + err
    finally:
        limits.configure(**attrs.asdict(previous))


def test_an_as_of_outside_the_calendar_is_refused_by_the_api() -> None:
    rules = kr.load_rules()
    for day in (datetime.date.min, datetime.date.max, datetime.date(1899, 12, 31)):
        with pytest.raises(kr.ConfigurationError, match="min_date_year"):
            rules.evaluate(_agreement(), as_of=day)


def test_the_engines_own_switch_must_keep_its_values() -> None:
    # fuzz/crashes/9e11ac0aa26d.kr: `saklar cuti_bersama { nilai libur, kerjaPP ... }`
    # loaded, then every evaluation with `cuti_bersama=kerja` failed inside the planner.
    text = (
        'saklar cuti_bersama {\n  judul "x"\n  nilai libur, kerjaPP\n  bawaan libur\n'
        '  alasan "x"\n}\n' + _rule("jenis == KSDPK")
    )
    with pytest.raises(kr.RuleCheckError) as info:
        kr.compile(text)
    assert info.value.diagnostics[0].code == "check.switch-values"
    assert "libur, kerja" in str(info.value)


def test_analyze_stops_at_the_solver_budget(tmp_path: Path) -> None:
    # Hundreds of alike rules: the pairwise checks asked the solver for minutes.
    import attrs

    from kerjasama_rules import limits

    text = "".join(_rule(f'jenis == KSDPK atau judul == "x{i}"', rid=f"r{i}") for i in range(60))
    d = _rules_at(tmp_path, text.encode())
    previous = limits.configure(max_solver_queries=50)
    try:
        code, out, err = run("analyze", "--rules", str(d))
    finally:
        limits.configure(**attrs.asdict(previous))
    assert code == 2, out + err
    try:
        import z3  # noqa: F401
    except ImportError:  # without the analysis extra: its own one-line error
        assert "config.no-solver" in err
    else:
        assert "max_solver_queries" in err

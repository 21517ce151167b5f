"""`kerjasama fmt`: canonical layout that keeps every comment, round-trips and translates."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import kerjasama_rules as kr
from kerjasama_rules.cli.main import main
from kerjasama_rules.drafting.formatter import format_file, format_source, iter_comments
from kerjasama_rules.language.parser import _build, parse, parse_with_comments

ROOT = Path(__file__).resolve().parents[1]


def _rule_files() -> list[Path]:
    # Discovered at test time: other files are added to rules/ all the time.
    return sorted((ROOT / "rules").rglob("*.kr"))


RULE_FILES = _rule_files()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ bundled files
@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_bundled_file_formats_idempotently_and_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = format_source(text)
    assert format_source(once) == once
    assert parse(once).items == parse(text).items
    assert list(iter_comments(once)) == list(iter_comments(text))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_bundled_file_translates_losslessly(path: Path) -> None:
    canonical = format_source(path.read_text(encoding="utf-8"))
    english = format_source(canonical, lang="en")
    assert not any(line.startswith("aturan ") for line in english.splitlines())
    assert format_source(english, lang="id") == canonical
    assert list(iter_comments(english)) == list(iter_comments(canonical))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_bundled_rules_are_in_canonical_form(path: Path) -> None:
    # `kerjasama fmt rules/` fixes a failure here.
    text = path.read_text(encoding="utf-8")
    assert format_source(text) == text


# ------------------------------------------------------------------ comments
MESSY = """\
# PP 28/2018 Pasal 27: law text quoted at the top.
#   (1) KSDPL dan KSDLL harus memenuhi persyaratan:


masa_berlaku PP 28/2018 sejak 2018-07-13   # trailing on a code line
aturan "x" {
  # before the title
  judul "T"
     dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis == KSDPL
     atau jenis == KSDLL
  # between clauses and a requirement

  wajib benar
    # between the clauses of a requirement
    dasar huruf a
    pesan "a # not a comment"
  # before the closing brace
}
definisi d = 1 # after a definition
# end of file
"""


def test_every_comment_is_kept_with_its_text() -> None:
    out = format_source(MESSY)
    assert list(iter_comments(out)) == list(iter_comments(MESSY))
    assert format_source(out) == out
    assert parse(out).items == parse(MESSY).items
    assert 'pesan "a # not a comment"' in out


def test_comments_keep_their_place() -> None:
    lines = format_source(MESSY).splitlines()
    # the law text stays a block of its own, separated by one blank line
    assert lines[:3] == [
        "# PP 28/2018 Pasal 27: law text quoted at the top.",
        "#   (1) KSDPL dan KSDLL harus memenuhi persyaratan:",
        "",
    ]
    # a trailing comment stays at the end of its line (issue 14)
    assert lines[3] == "masa_berlaku PP 28/2018 sejak 2018-07-13  # trailing on a code line"
    assert lines.index("  # before the title") + 1 == lines.index('  judul "T"')
    i = lines.index("    # between the clauses of a requirement")
    assert lines[i - 1] == "  wajib benar" and lines[i + 1] == "    dasar huruf a"
    assert lines.index("  # before the closing brace") + 1 == lines.index("}")
    assert lines[-1] == "# end of file"


def test_and_inside_or_keeps_its_parentheses() -> None:
    text = 'aturan "x" {\n  wajib jenis == KSDD atau (jenis == KSDPL dan benar)\n}\n'
    out = format_source(text)
    assert "atau (jenis == KSDPL dan benar)" in out
    assert parse(out).items == parse(text).items


def test_long_reason_is_cut_into_pieces_that_join_back() -> None:
    reason = " ".join(["kata"] * 60)
    text = f'saklar s {{\n  nilai a, b\n  bawaan a\n  alasan "{reason}"\n}}\n'
    out = format_source(text)
    assert max(len(line) for line in out.splitlines()) <= 100
    assert parse(out).items == parse(text).items
    assert format_source(out) == out


def test_mixed_keywords_follow_the_first_declaration() -> None:
    text = 'rule "x" {\n  cite PP 28/2018 Pasal 27\n  wajib benar\n    message "m"\n}\n'
    out = format_source(text)
    assert "require true" in out and "wajib" not in out
    assert parse(out).items == parse(text).items


def test_units_are_kept_unless_translating() -> None:
    text = "definisi d = 2 years\n"
    assert format_source(text) == text
    assert format_source(text, lang="id") == "definisi d = 2 tahun\n"


# ------------------------------------------------------------------ properties
_PIECES = [p.read_text(encoding="utf-8") for p in RULE_FILES[:8]]


@settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    st.sampled_from(_PIECES) if _PIECES else st.just('aturan "x" {\n  wajib benar\n}\n'),
    st.lists(st.tuples(st.integers(0, 10_000), st.booleans(), st.text("abc xyz#", max_size=8))),
)
def test_comments_inserted_anywhere_survive(
    text: str, inserts: list[tuple[int, bool, str]]
) -> None:
    lines = text.splitlines()
    for pos, trailing, body in inserts:
        i = pos % (len(lines) + 1)
        if trailing and i < len(lines):
            lines[i] = f"{lines[i]}  # t {body}"
        else:
            lines.insert(i, f"# c {body}")
    messy = "\n".join(lines) + "\n"
    out = format_source(messy)
    assert sorted(iter_comments(out)) == sorted(c.rstrip() for c in iter_comments(messy))
    assert parse(out).items == parse(messy).items
    assert format_source(out) == out


@settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
@given(from_lark(_build(), start="start"))
def test_generated_files_format_idempotently(text: str) -> None:
    try:
        tree = parse(text)
    except kr.RuleSyntaxError:
        assume(False)  # the generator ignores lexer context and real dates
        return
    out = format_source(text)
    assert parse(out).items == tree.items
    assert format_source(out) == out


# ------------------------------------------------------------------ files and CLI
UGLY = 'aturan "x" {\n      wajib   benar\n pesan "m"   # why\n}\n'


def test_atomic_write_leaves_the_original_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.kr"
    path.write_text(UGLY, encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(kr.ConfigurationError) as info:
        format_file(path)
    assert info.value.diagnostics[0].code == "config.unwritable"
    assert path.read_text(encoding="utf-8") == UGLY
    assert [p.name for p in tmp_path.iterdir()] == ["a.kr"]  # no temporary file left


def test_format_file_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.kr"
    path.write_text(UGLY, encoding="utf-8")
    path.chmod(0o640)
    assert format_file(path).changed
    assert path.stat().st_mode & 0o777 == 0o640
    assert not format_file(path).changed


def test_fmt_check_shows_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.kr"
    path.write_text(UGLY, encoding="utf-8")
    code, out, err = _run("fmt", "--check", str(path))
    assert code == 1
    assert out.startswith("--- a/") and "+++ b/" in out and "+  wajib benar" in out
    assert "would be reformatted" in err
    assert path.read_text(encoding="utf-8") == UGLY
    assert _run("fmt", str(path))[0] == 0
    assert _run("fmt", "--check", str(path)) == (0, "", "")
    assert "  # why\n" in path.read_text(encoding="utf-8")


def test_fmt_translates_and_back(tmp_path: Path) -> None:
    path = tmp_path / "a.kr"
    path.write_text(UGLY, encoding="utf-8")
    _run("fmt", str(path))
    canonical = path.read_text(encoding="utf-8")
    assert _run("fmt", "--lang", "en", str(path))[0] == 0
    assert "require true" in path.read_text(encoding="utf-8")
    assert _run("fmt", "--lang", "id", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == canonical


@pytest.mark.parametrize(
    "text", ['aturan "x" {\n  wajib a = b\n}\n', 'rule "x" {\n  require a = b\n}\n']
)
def test_fmt_syntax_error_exits_2_with_a_caret(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.kr"
    path.write_text(text, encoding="utf-8")
    code, _, err = _run("fmt", str(path))
    assert code == 2
    assert "error[syntax.unexpected-token]" in err
    assert "^" in err
    assert path.read_text(encoding="utf-8") == text


def test_parse_with_comments_gives_positions() -> None:
    tree, comments = parse_with_comments("# a\ndefinisi d = 1 # b\n")
    assert [c.text for c in comments] == ["# a", "# b"]
    assert [c.start for c in comments] == [0, 19]
    assert tree == parse("definisi d = 1")


# Conditions too long for one line (built from parts: the source keeps to 100 columns).
_WHEN = " dan ".join(
    [
        "jenis == KSDPL",
        "terisi perjanjian.tanggal_ttd",
        "terisi dprd.tanggal_keputusan",
        "terisi dprd.lampiran_rencana",
    ]
)
_REQUIRE = (
    "dprd.tanggal_keputusan <= perjanjian.tanggal_ttd atau "
    "(tidak terisi perjanjian.tanggal_ttd dan terisi dprd.lampiran_rencana)"
)
LONG_WITH_COMMENTS = f"""\
# syarat panjang dan komentar di akhir baris
aturan "uji-panjang" {{  # komentar pembuka
  judul "uji syarat panjang"  # judul
  dasar PP 28/2018 Pasal 30 ayat (2)
  berlaku jika {_WHEN}  # syarat panjang

  wajib {_REQUIRE} # alasan
    pesan "DPRD memutus sebelum naskah ditandatangani"  # pesan
    pesan en "The DPRD decides before signing"
}}
"""


def test_fmt_en_then_id_is_byte_identical_with_long_conditions_and_comments(
    tmp_path: Path,
) -> None:
    # The tutorial's promise, walked with the command: wrapped conditions and end-of-line
    # comments survive the translation both ways, byte for byte.
    path = tmp_path / "panjang.kr"
    path.write_text(LONG_WITH_COMMENTS, encoding="utf-8")
    assert _run("fmt", str(path))[0] == 0
    canonical = path.read_text(encoding="utf-8")
    assert max(len(line) for line in canonical.splitlines()) <= 100
    assert _run("fmt", "--lang", "en", str(path))[0] == 0
    english = path.read_text(encoding="utf-8")
    assert "  require " in english and "  when " in english and "aturan" not in english
    assert list(iter_comments(english)) == list(iter_comments(LONG_WITH_COMMENTS))
    assert _run("fmt", "--lang", "id", str(path))[0] == 0
    assert path.read_bytes() == canonical.encode("utf-8")

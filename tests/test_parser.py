"""Parser: both keyword sets, citations, precedence, and syntax errors with spans and hints."""

from __future__ import annotations

import pytest

from kerjasama_rules import RuleSyntaxError
from kerjasama_rules.language import nodes
from kerjasama_rules.language.parser import parse

ID_RULE = """
aturan "contoh" {
  judul "Contoh"
  dasar PP 28/2018 Pasal 27 ayat (1)
  berlaku jika jenis dalam {KSDPL, KSDLL} dan tidak kantor_perwakilan_luar_negeri
  kecuali terisi perjanjian.tanggal_ttd
  wajib setiap m dalam mitra: m.negara tidak dalam {"IL", "TW"}
    jika terisi mitra
    dasar huruf a
    pesan "Pesan"
    pesan en "Message"
    tingkat peringatan
}
"""

EN_RULE = """
rule "contoh" {
  title "Contoh"
  cite PP 28/2018 Pasal 27 ayat (1)
  when jenis in {KSDPL, KSDLL} and not kantor_perwakilan_luar_negeri
  unless present perjanjian.tanggal_ttd
  require all m in mitra: m.negara not in {"IL", "TW"}
    if present mitra
    cite huruf a
    message "Pesan"
    message en "Message"
    severity peringatan
}
"""


def test_indonesian_and_english_keywords_give_the_same_tree() -> None:
    assert parse(ID_RULE).items == parse(EN_RULE).items


def test_rule_parts() -> None:
    (rule,) = parse(ID_RULE).items
    assert isinstance(rule, nodes.Rule)
    assert rule.id == "contoh"
    assert rule.title == "Contoh"
    assert rule.citations == (nodes.Citation(instrument="PP 28/2018", pasal=27, ayat=1),)
    (req,) = rule.requirements
    assert req.citations == (nodes.Citation(huruf="a"),)
    assert [(m.lang, m.text) for m in req.messages] == [("id", "Pesan"), ("en", "Message")]
    assert req.severity == "peringatan"
    assert isinstance(req.guard, nodes.Present)
    assert isinstance(req.expr, nodes.Quantifier)
    assert req.expr.kind == "all"


def test_citation_forms() -> None:
    text = """
definisi x = benar
  dasar UU 23/2014 Penjelasan Pasal 3 ayat (2) huruf b angka 1, Pasal 4, ayat (3), huruf c
"""
    (d,) = parse(text).items
    assert isinstance(d, nodes.Definition)
    full, bare, ayat, huruf = d.citations
    assert full == nodes.Citation("UU 23/2014", 3, 2, "b", 1, penjelasan=True)
    assert full.text == "Penjelasan Pasal 3 ayat (2) huruf b angka 1 UU 23/2014"
    assert bare == nodes.Citation(pasal=4)
    assert ayat == nodes.Citation(ayat=3)
    assert huruf == nodes.Citation(huruf="c")


def test_enum_value_may_be_a_keyword_where_a_keyword_cannot_stand() -> None:
    # `wajib` opens a requirement, yet after `==` the contextual lexer reads a value.
    (d,) = parse("definisi w = kategori == wajib").items
    assert isinstance(d, nodes.Definition)
    assert d.expr == nodes.Binary("==", nodes.Name("kategori"), nodes.Name("wajib"))


def test_precedence() -> None:
    (d,) = parse("definisi x = a atau b dan tidak c berarti d").items
    assert isinstance(d, nodes.Definition)
    a, b, c, dd = (nodes.Name(n) for n in "abcd")
    inner = nodes.Binary("or", a, nodes.Binary("and", b, nodes.Unary("not", c)))
    assert d.expr == nodes.Binary("implies", inner, dd)


def test_arithmetic_and_literals() -> None:
    (d,) = parse("definisi x = perjanjian.tanggal_ttd - 5 tahun < 2018-07-13 + 3 bulan").items
    assert isinstance(d, nodes.Definition)
    assert isinstance(d.expr, nodes.Binary) and d.expr.op == "<"
    left = d.expr.left
    assert isinstance(left, nodes.Binary) and left.op == "-"
    assert left.right == nodes.DurationLit(5, "tahun")


def test_table() -> None:
    text = """
tabel t {
  judul "T"
  sumber "S"
  diverifikasi 2026-11-01
  kolom negara: teks, n: bilangan
  baris "IL", 1
  baris "TW", 2
}
"""
    (t,) = parse(text).items
    assert isinstance(t, nodes.Table)
    assert [c.name for c in t.columns] == ["negara", "n"]
    assert [[v.value for v in row] for row in t.rows] == [["IL", 1], ["TW", 2]]
    assert str(t.verified) == "2026-11-01"


def _syntax_error(text: str) -> RuleSyntaxError:
    with pytest.raises(RuleSyntaxError) as info:
        parse(text, source="x.kr")
    return info.value


def test_unexpected_token_points_at_it() -> None:
    err = _syntax_error('aturan "a" {\n  dasar PP 28/2018 Pasal 1\n  wajib jenis == == KSDD\n}')
    (d,) = err.diagnostics
    assert d.code == "syntax.unexpected-token"
    assert d.span is not None
    assert (d.span.line, d.span.column) == (3, 18)
    assert d.span.snippet == "=="


def test_single_equals_gets_a_hint() -> None:
    err = _syntax_error('aturan "a" {\n  wajib jenis = KSDD\n}')
    (d,) = err.diagnostics
    assert d.help is not None and "==" in d.help


def test_unterminated_string() -> None:
    err = _syntax_error('aturan "a {\n}')
    (d,) = err.diagnostics
    assert d.code == "syntax.unterminated-string"
    assert d.span is not None and d.span.line == 1


def test_unexpected_end() -> None:
    err = _syntax_error('aturan "a" {\n  wajib benar\n')
    (d,) = err.diagnostics
    assert d.code == "syntax.unexpected-end"
    assert d.help is not None and "`}`" in d.help


def test_bad_date_and_bad_huruf() -> None:
    assert _syntax_error("definisi x = 2026-02-30").diagnostics[0].code == "syntax.bad-date"
    err = _syntax_error("definisi x = benar dasar PP 1/2000 Pasal 1 huruf ab")
    assert err.diagnostics[0].code == "syntax.bad-citation"
    assert err.diagnostics[0].span is not None
    assert err.diagnostics[0].span.snippet == "ab"


def test_duplicate_clause() -> None:
    err = _syntax_error('aturan "a" {\n judul "x"\n judul "y"\n wajib benar\n}')
    assert err.diagnostics[0].code == "syntax.duplicate-clause"


def test_rendered_error_has_location_caret_and_help() -> None:
    from kerjasama_rules.output.render import render_diagnostics

    err = _syntax_error('aturan "a" {\n  wajib jenis = KSDD\n}')
    text = render_diagnostics(err.diagnostics)
    assert "x.kr:2:15" in text
    assert "^" in text
    assert "help:" in text
    # str() of the error is plain data: one line per diagnostic, with its location
    assert str(err) == "error[syntax.unexpected-token]: unexpected `=` (at x.kr:2:15)"


def test_saved_parser_tables_match_the_grammar() -> None:
    # Loading saved LALR tables is what keeps a cold `load_rules()` under 200 ms.
    from importlib import resources

    from kerjasama_rules.language import parser

    data = resources.files(parser._PACKAGE).joinpath(parser._TABLES).read_bytes()
    header = data.partition(b"\n")[0].decode()
    grammar_part = parser._tables_header().decode().split(" lark=")[0]
    assert header.startswith(grammar_part), (
        "policy.lark changed: run `python -m kerjasama_rules.language.parser` to save its tables"
    )


def test_saved_tables_parse_like_the_built_grammar() -> None:
    from kerjasama_rules.language import parser

    text = (
        'aturan "a" {\n  dasar PP 28/2018 Pasal 27\n  wajib kategori == wajib\n    pesan "p"\n}\n'
    )
    assert parser._parser().parse(text) == parser._build().parse(text)


def test_keyword_typo_gets_a_suggestion() -> None:
    err = _syntax_error(
        'aturn "x" {\n  dasar PP 28/2018 Pasal 27\n  wajib benar\n    pesan "p"\n}\n'
    )
    (d,) = err.diagnostics
    assert d.span is not None and d.span.snippet == "aturn"
    assert d.help == "did you mean `aturan`?"


def test_requirement_without_condition() -> None:
    err = _syntax_error('rule "x" {\n  cite PP 28/2018 Pasal 27\n  require\n    message "p"\n}\n')
    (d,) = err.diagnostics
    assert d.help == "a requirement needs a condition after `wajib`: wajib <kondisi>"


def test_unclosed_block_names_its_line() -> None:
    text = (
        '# komentar dengan {\naturan "x" {\n  dasar PP 28/2018 Pasal 27\n'
        '  wajib benar\n    pesan "{"\n'
    )
    (d,) = _syntax_error(text).diagnostics
    assert d.code == "syntax.unexpected-end"
    assert d.help == "the block opened at line 2 is not closed: add `}`"


def test_a_rule_has_one_title_per_language() -> None:
    # `judul en` gives the English title beside `judul`; a second one is a syntax error.
    head = 'aturan "x" {\n  judul "Judul"\n  judul en "Title"\n'
    rule = parse(head + "  dasar PP 28/2018 Pasal 1\n  wajib benar\n}\n").items[0]
    assert (rule.title, rule.title_in("en"), rule.title_in("id")) == ("Judul", "Title", "Judul")
    with pytest.raises(RuleSyntaxError, match="judul en"):
        parse(head + '  judul en "Again"\n  dasar PP 28/2018 Pasal 1\n  wajib benar\n}\n')

"""Rule-test files: finding ``*.test.yaml`` files and reading them into :class:`TestFile`.

The format (documented in ``docs/tutorial.md``): a file names the rules it tests
(``aturan:``), optional named base agreements (``dasar:``) and its cases (``kasus:``),
each an agreement (whole, or a base plus a patch), the evaluation date and switches, and
what the rules must say. Every problem in a file is reported with its location.
``ruletests`` runs what this module reads.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml

from .. import limits
from ..engine.project import rules_around
from ..engine.rulefiles import bundled_rules_path, display_path, expand_files
from ..errors import ConfigurationError, Diagnostic, KerjasamaError
from ..fileio import read_text
from ..language.nodes import Citation
from ..model.agreement import Agreement
from ..model.documents import key_path, parse_yaml
from ..model.loader import load_agreement
from ..source import Source, Span
from ..suggest import hint

__all__ = [
    "STATUS_ALIASES",
    "TEST_SUFFIX",
    "CiteKey",
    "RuleTestError",
    "TestCase",
    "TestFile",
    "find_test_files",
    "load_test_file",
    "locate",
    "parse_citation",
    "rules_for_test",
    "rules_path_for",
]

TEST_SUFFIX = ".test.yaml"

STATUS_ALIASES = {
    "pass": "pass",
    "lulus": "pass",
    "patuh": "pass",
    "fail": "fail",
    "gagal": "fail",
    "unknown": "unknown",
    "tidak_diketahui": "unknown",
    "not_applicable": "not_applicable",
    "tidak_berlaku": "not_applicable",
    "error": "error",
}

# Indonesian key -> English key (both accepted); values are the canonical names.
_TOP = {"basis": "base", "kasus": "cases", "aturan": "rules", "saklar": "switches"}
_TOP |= {v: v for v in [*_TOP.values(), "as_of"]} | {"tanggal_evaluasi": "as_of"}
_CASE = {
    "nama": "name",
    "perjanjian": "agreement",
    "dasar": "base",
    "ubah": "patch",
    "saklar": "switches",
    "harapan": "expect",
    "temuan": "findings",
    "tertunda": "pending",
    "kurang": "missing",
    "penetapan": "determinations",
    "catatan": "note",
    "tanggal_evaluasi": "as_of",
}
_CASE |= {v: v for v in [*_CASE.values(), "as_of"]}

_CITE = re.compile(
    r"^(?:(?P<inst1>[A-Za-z]+ \d+/\d{4}) )?(?P<pj>Penjelasan )?Pasal (?P<pasal>\d+)"
    r"(?: ayat \((?P<ayat>\d+)\))?(?: huruf (?P<huruf>[a-z]))?(?: angka (?P<angka>\d+))?"
    r"(?: (?P<inst2>[A-Za-z]+ \d+/\d{4}))?$",
    re.ASCII,
)


class RuleTestError(KerjasamaError):
    """A rule test file is unreadable or malformed (``ruletest.*`` codes)."""

    default_code = "ruletest.invalid"


@attrs.frozen
class CiteKey:
    """A citation as written in a test: the instrument may be left out (then any matches)."""

    instrument: str | None
    pasal: int
    ayat: int | None
    huruf: str | None
    angka: int | None
    penjelasan: bool
    written: str

    def matches(self, c: Citation) -> bool:
        """True when ``c`` is this unit (of any instrument when none was written)."""
        same = (c.pasal, c.ayat, c.huruf, c.angka, c.penjelasan) == (
            self.pasal,
            self.ayat,
            self.huruf,
            self.angka,
            self.penjelasan,
        )
        return same and (self.instrument is None or self.instrument == c.instrument)


def parse_citation(text: str) -> CiteKey | None:
    """``"Pasal 27 ayat (1) huruf a"`` (optionally with ``PP 28/2018`` before or after)."""
    t = " ".join(text.split())
    m = _CITE.match(t)
    if m is None or (m["inst1"] and m["inst2"]):
        return None
    inst = m["inst1"] or m["inst2"]
    return CiteKey(
        instrument=" ".join([inst.split()[0].upper(), inst.split()[1]]) if inst else None,
        pasal=int(m["pasal"]),
        ayat=int(m["ayat"]) if m["ayat"] else None,
        huruf=m["huruf"],
        angka=int(m["angka"]) if m["angka"] else None,
        penjelasan=bool(m["pj"]),
        written=t,
    )


@attrs.frozen
class TestCase:
    """One case of a test file: an agreement and what the rules must say about it."""

    __test__ = False  # not a pytest class

    file: str
    name: str
    index: int
    agreement: Agreement
    as_of: datetime.date | None = None
    switches: tuple[tuple[str, str], ...] = ()
    expect: tuple[tuple[str, str], ...] = ()
    findings: tuple[tuple[str, tuple[CiteKey, ...]], ...] = ()
    pending: tuple[tuple[str, tuple[CiteKey, ...]], ...] = ()
    missing: tuple[tuple[str, tuple[str, ...]], ...] = ()
    determinations: tuple[tuple[str, Any], ...] = ()
    line: int | None = None

    @property
    def title(self) -> str:
        """``file::name``, as shown in failures."""
        return f"{self.file}::{self.name}"


@attrs.frozen
class TestFile:
    """A parsed ``*.test.yaml`` file."""

    __test__ = False

    path: str
    cases: tuple[TestCase, ...]
    rules: str | None = None  # the `aturan:` key, resolved against the file's directory


def find_test_files(*paths: str | os.PathLike[str]) -> list[Path]:
    """Expand files and directories into the sorted ``*.test.yaml`` files.

    With no path, the bundled rules directory is searched.

    Raises:
        RuleTestError: a path does not exist (code ``config.no-such-path``).
    """
    if not paths:
        paths = (bundled_rules_path(),)
    try:
        return expand_files(paths, TEST_SUFFIX, what="test file")
    except ConfigurationError as exc:
        raise RuleTestError(exc.diagnostics) from None


def rules_for_test(
    test_file: str | os.PathLike[str], declared: str | None = None
) -> tuple[Path, ...]:
    """The rules a test file tests, when the caller does not say.

    ``aturan:``/``rules:`` in the file (relative to it) wins. A file under the rule
    directories of a ``kerjasama.toml`` tests that project's whole set (this repository's
    ``rules/``, or a drafter's folder stacked on the bundled rules when the project says
    ``with_bundled = true``); a file under the installed rules tests them all. Otherwise
    the directory holding the ``tests/`` folder (or the file's own directory).
    """
    path = Path(test_file).resolve()
    if declared:
        return (_inside_rules(path, declared),)
    return _default_rules(path)


def _inside_rules(path: Path, declared: str) -> Path:
    """``aturan:`` resolved against the test file, refused outside its rule directories.

    A test file names rules, never arbitrary files: `aturan: ../../../../etc/passwd` would
    read any file and echo its lines in the syntax errors. The path must stay inside
    the rule directories the file would test by default (after following links).
    """
    if "\x00" in declared or len(declared) > 4096:
        # os.stat raises ValueError on a NUL: a traceback, not a message
        msg = "`aturan:` is not a path (a NUL character, or too long)"
        raise RuleTestError(
            [Diagnostic(code="ruletest.rules-outside", message=msg, path="$.aturan")]
        )
    target = (path.parent / declared).resolve()
    roots = _default_rules(path)
    if not any(target == root or target.is_relative_to(root) for root in roots):
        msg = f"`aturan: {declared}` points outside the rule directory of this test file"
        raise RuleTestError(
            [
                Diagnostic(
                    code="ruletest.rules-outside",
                    message=msg,
                    path="$.aturan",
                    help="name rule files or folders inside the rule directory, e.g. `aturan: ..`",
                    file=display_path(path),
                )
            ]
        )
    return target


def _default_rules(path: Path) -> tuple[Path, ...]:
    around = rules_around(path)
    if around is not None:
        return around.paths
    bundled = bundled_rules_path(path.parent).resolve()
    if path.is_relative_to(bundled):
        return (bundled,)
    return (path.parent.parent if path.parent.name == "tests" else path.parent,)


def rules_path_for(test_file: str | os.PathLike[str], declared: str | None = None) -> Path:
    """The first of :func:`rules_for_test` (kept for callers that load one directory)."""
    return rules_for_test(test_file, declared)[0]


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]", re.ASCII)


def _written_in(patch: Any, path: str) -> bool:
    """Whether the value at JSONPath ``path`` (``$.mitra[0].negara``) was given by the patch."""
    node = patch
    for m in _STEP.finditer(path):
        if isinstance(node, Mapping) and m[1] is not None and m[1] in node:
            node = node[m[1]]
            if not isinstance(node, Mapping):
                return True  # a list or a value replaces the base's whole subtree
        else:
            return False
    return True


def _merge(base: Any, patch: Any) -> Any:
    """Deep-merge ``patch`` over ``base``: mappings merge, lists are replaced, null deletes."""
    if not isinstance(base, Mapping) or not isinstance(patch, Mapping):
        return patch
    out = dict(base)
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        elif k in out:
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


class _Reader:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.diags: list[Diagnostic] = []
        self._name_lines: dict[str, int] | None = None

    def error(self, path: str, message: str, help: str | None = None, code: str = "") -> None:
        self.diags.append(
            Diagnostic(
                code=code or "ruletest.invalid",
                message=message,
                path=path,
                help=help,
                file=self.file,
            )
        )

    def canon(self, node: Mapping[str, Any], table: Mapping[str, str], path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in node.items():
            key = table.get(str(k))
            if key is None:
                self.error(
                    f"{path}.{k}", f"unknown key `{k}`", hint(str(k), table), "ruletest.unknown-key"
                )
                continue
            if key in out:
                self.error(f"{path}.{k}", f"`{k}` is given twice (in two languages)")
            out[key] = v
        return out

    def date(self, value: object, path: str) -> datetime.date | None:
        if value is None:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(path, f"`{value}` is not a date", "write YYYY-MM-DD, e.g. 2026-11-29")
        return None

    def switches(self, value: object, path: str) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.error(path, "expected a mapping `{cuti_bersama: kerja}`")
            return {}
        return {str(k): str(v) for k, v in value.items()}

    def cites(self, value: object, path: str) -> tuple[tuple[str, tuple[CiteKey, ...]], ...]:
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self.error(path, "expected a mapping from rule id to a list of citations")
            return ()
        out: list[tuple[str, tuple[CiteKey, ...]]] = []
        for rule, items in value.items():
            p = f"{path}.{rule}"
            if items is None:
                items = []
            if not isinstance(items, list):
                self.error(p, "expected a list of citations such as `[Pasal 27 ayat (1) huruf a]`")
                continue
            keys: list[CiteKey] = []
            for j, text in enumerate(items):
                key = parse_citation(text) if isinstance(text, str) else None
                if key is None:
                    self.error(
                        f"{p}[{j}]",
                        f"`{text}` is not a citation",
                        "write e.g. `Pasal 27 ayat (1) huruf a` or `Pasal 30 ayat (1) PP 28/2018`",
                    )
                    continue
                keys.append(key)
            out.append((str(rule), tuple(keys)))
        return tuple(out)

    def read(self, doc: object) -> TestFile:
        if not isinstance(doc, Mapping):
            self.error("$", "expected a mapping with `kasus` (and optionally `basis`)")
            return TestFile(self.file, ())
        top = self.canon(doc, _TOP, "$")
        bases = top.get("base") or {}
        if not isinstance(bases, Mapping):
            self.error("$.basis", "expected a mapping from a name to an agreement")
            bases = {}
        default_as_of = self.date(top.get("as_of"), "$.as_of")
        default_switches = self.switches(top.get("switches"), "$.saklar")
        cases_doc = top.get("cases")
        if not isinstance(cases_doc, list) or not cases_doc:
            self.error("$.kasus", "expected a non-empty list of cases (`- nama: ...`)")
            cases_doc = []
        rules = top.get("rules")
        if rules is not None and not isinstance(rules, str):
            self.error("$.aturan", "expected a path to rule files, relative to this file")
            rules = None
        most = limits.current().max_rule_tests
        if len(cases_doc) > most:
            what = f"the file has {len(cases_doc)} cases"
            self.error("$.kasus", limits.limit_message("max_rule_tests", what))
            cases_doc = []
        cases: list[TestCase] = []
        names: set[str] = set()
        for i, node in enumerate(cases_doc):
            case = self.case(node, f"$.kasus[{i}]", i, bases, default_as_of, default_switches)
            if case is None:
                continue
            if case.name in names:
                self.error(f"$.kasus[{i}].nama", f"two cases are named `{case.name}`")
            names.add(case.name)
            cases.append(case)
        return TestFile(self.file, tuple(cases), rules)

    def case(
        self,
        node: object,
        path: str,
        index: int,
        bases: Mapping[str, Any],
        default_as_of: datetime.date | None,
        default_switches: dict[str, str],
    ) -> TestCase | None:
        if not isinstance(node, Mapping):
            self.error(path, "expected a mapping with `nama` and `harapan`")
            return None
        c = self.canon(node, _CASE, path)
        name = c.get("name")
        if not isinstance(name, str) or not name.strip():
            self.error(f"{path}.nama", "every case needs a `nama` (name)")
            name = f"kasus {index + 1}"
        doc: Any = None
        where = path
        patched: Any = None  # the `ubah:` mapping of a case built on a base
        from_base = path
        if "agreement" in c:
            if "base" in c or "patch" in c:
                self.error(path, "give either `perjanjian` or `dasar` + `ubah`, not both")
            doc, where = c["agreement"], f"{path}.perjanjian"
        elif "base" in c:
            base = c["base"]
            if base not in bases:
                h = hint(str(base), [str(b) for b in bases])
                self.error(f"{path}.dasar", f"no base agreement named `{base}`", h)
                return None
            patch = c.get("patch") or {}
            if not isinstance(patch, Mapping):
                self.error(f"{path}.ubah", "expected a mapping merged over the base agreement")
                patch = {}
            doc = _merge(bases[base], patch)
            # A problem is reported where its value was written: under `ubah:` when the
            # patch gave it, else in the base agreement under `basis:`.
            patched, from_base = patch, key_path("$.basis", base)
        else:
            self.error(path, "a case needs `perjanjian` (an agreement) or `dasar` (a base name)")
            return None
        if not isinstance(doc, Mapping):
            self.error(where, "expected an agreement mapping")
            return None
        try:
            agreement = load_agreement(doc, name=self.file)
        except KerjasamaError as exc:
            for d in exc.diagnostics:
                at = d.path or "$"
                if patched is not None:
                    given = _written_in(patched, at)
                    at = at.replace("$", f"{path}.ubah" if given else from_base, 1)
                else:
                    at = at.replace("$", where, 1)
                self.diags.append(
                    attrs.evolve(d, message=f"case `{name}`: {d.message}", path=at, file=self.file)
                )
            return None
        as_of = self.date(c["as_of"], f"{path}.as_of") if "as_of" in c else default_as_of
        switches = {**default_switches, **self.switches(c.get("switches"), f"{path}.saklar")}
        expect_doc = c.get("expect") or {}
        expect: list[tuple[str, str]] = []
        if not isinstance(expect_doc, Mapping):
            self.error(f"{path}.harapan", "expected a mapping from rule id to status")
            expect_doc = {}
        for rule, status in expect_doc.items():
            canon = STATUS_ALIASES.get(str(status))
            if canon is None:
                self.error(
                    f"{path}.harapan.{rule}",
                    f"unknown status `{status}`",
                    "use pass, fail, unknown, not_applicable or error",
                )
                continue
            expect.append((str(rule), canon))
        findings = self.cites(c.get("findings"), f"{path}.temuan")
        pending = self.cites(c.get("pending"), f"{path}.tertunda")
        missing: list[tuple[str, tuple[str, ...]]] = []
        miss_doc = c.get("missing") or {}
        if not isinstance(miss_doc, Mapping):
            self.error(f"{path}.kurang", "expected a mapping from rule id to JSONPaths")
            miss_doc = {}
        for rule, paths in miss_doc.items():
            if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                self.error(f"{path}.kurang.{rule}", "expected a list such as `[$.dprd.diterima]`")
                continue
            missing.append((str(rule), tuple(paths)))
        dets_doc = c.get("determinations") or {}
        if not isinstance(dets_doc, Mapping):
            self.error(
                f"{path}.penetapan", "expected a mapping such as `{perlu_persetujuan_dprd: true}`"
            )
            dets_doc = {}
        if not (expect or findings or pending or missing or dets_doc):
            self.error(path, f"case `{name}` expects nothing", "add `harapan: {<rule id>: fail}`")
        return TestCase(
            file=self.file,
            name=name.strip(),
            index=index,
            agreement=agreement,
            as_of=as_of,
            switches=tuple(sorted(switches.items())),
            expect=tuple(expect),
            findings=findings,
            pending=pending,
            missing=tuple(missing),
            determinations=tuple((str(k), v) for k, v in dets_doc.items()),
            line=self.line_of(name),
        )

    def line_of(self, name: str) -> int | None:
        # Best effort, for pytest's location: the first `nama:` line with the case's name.
        # The lines are indexed once, so a file of many cases stays linear.
        if self._name_lines is None:
            self._name_lines = {}
            for i, line in enumerate(self.text.splitlines()):
                stripped = line.strip().lstrip("-").strip()
                for key in ("nama:", "name:"):
                    if stripped.startswith(key):
                        value = stripped[len(key) :].split(" #")[0].strip().strip("\"'")
                        self._name_lines.setdefault(value, i)
        return self._name_lines.get(name.strip())


_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+)\]", re.ASCII)
_ALIASES = {**_TOP, **_CASE}


def _child(node: yaml.Node, segment: str) -> tuple[yaml.Node, yaml.Node] | None:
    """``(key node, value node)`` of a mapping entry, or ``(item, item)`` of a list."""
    if isinstance(node, yaml.SequenceNode) and segment.isdigit():
        i = int(segment)
        return (node.value[i], node.value[i]) if i < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        want = _ALIASES.get(segment, segment)
        for key, value in node.value:
            if key.value == segment or _ALIASES.get(str(key.value)) == want:
                return key, value
    return None


def locate(diags: list[Diagnostic], text: str, file: str) -> list[Diagnostic]:
    """Give each diagnostic with a document path (``$.kasus[2].harapan.x``) the span of
    that place in the YAML text, so it is shown as ``file:line:col`` with a caret (the
    deepest existing part of the path when the rest is missing)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return diags
    if root is None:
        return diags
    source = Source(file, text)
    out: list[Diagnostic] = []
    for d in diags:
        if d.span is not None or not d.path or not d.path.startswith("$"):
            out.append(d)
            continue
        node: yaml.Node = root
        mark: yaml.Node = root
        for m in _SEGMENT.finditer(d.path):
            found = _child(node, m.group(1) or m.group(2))
            if found is None:
                break
            mark, node = found
        start = min(mark.start_mark.index, len(text))
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = mark.end_mark.index if isinstance(mark, yaml.ScalarNode) else line_end
        end = max(start + 1, min(end, line_end))
        out.append(attrs.evolve(d, span=Span(source, start, min(end, len(text)))))
    return out


def load_test_file(path: str | os.PathLike[str]) -> TestFile:
    """Read and validate one ``*.test.yaml`` file.

    Raises:
        RuleTestError: the file is unreadable, not YAML, or breaks the format; every
            problem is reported at once with a path such as ``$.kasus[2].harapan``.
    """
    p = Path(path)
    name = display_path(p)
    text, problem = read_text(p, "max_input_bytes")
    if text is None:
        msg = f"cannot read `{name}`: {problem}"
        raise RuleTestError([Diagnostic(code="ruletest.unreadable", message=msg, file=name)])
    doc, problems = parse_yaml(text, name)
    if problems:
        raise RuleTestError([attrs.evolve(d, code="ruletest.syntax") for d in problems])
    reader = _Reader(name, text)
    result = reader.read(doc)
    if reader.diags:
        raise RuleTestError(locate(reader.diags, text, name))
    if result.rules is not None:
        result = attrs.evolve(result, rules=str(rules_for_test(p, result.rules)[0]))
    return result

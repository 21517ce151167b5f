"""Rule tests: ``*.test.yaml`` files beside the rules, with agreements and expected outcomes.

Drafter tooling, after :mod:`kerjasama_rules.inventory`: ``kerjasama test``, the pytest
plugin and :mod:`kerjasama_rules.coverage` all run test files through :func:`run_case`.
A case names an agreement (whole, or a named base plus a patch), the evaluation date and
switches, and what the rules must say: each rule's status, the citations of its failing
findings, its pending obligations, the facts it misses, and determinations. The format is
documented in ``docs/tutorial.md`` and ``docs/coverage.md`` (OPA ``opa test``, Catala
test scopes).
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..engine.evaluator import RuleSet
from ..engine.report import Report
from ..engine.rulefiles import bundled_rules_path, display_path, expand_files, load_rules
from ..errors import ConfigurationError, Diagnostic, KerjasamaError
from ..language.nodes import Citation
from ..model.agreement import Agreement
from ..model.loader import _parse_yaml, load_agreement
from ..suggest import hint

__all__ = [
    "STATUS_ALIASES",
    "TEST_SUFFIX",
    "CaseResult",
    "RuleTestError",
    "TestCase",
    "TestFile",
    "TestRun",
    "find_test_files",
    "load_test_file",
    "rules_path_for",
    "run_case",
    "run_tests",
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
    r"(?: (?P<inst2>[A-Za-z]+ \d+/\d{4}))?$"
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


@attrs.frozen
class CaseResult:
    """What running one case gave: the differences from the expectations, if any."""

    case: TestCase
    problems: tuple[str, ...] = ()
    report: Report | None = None

    @property
    def passed(self) -> bool:
        """True when the rules said exactly what the case expects."""
        return not self.problems


@attrs.frozen
class TestRun:
    """The results of every case of every file, in order."""

    __test__ = False

    results: tuple[CaseResult, ...]

    @property
    def passed(self) -> int:
        """How many cases passed."""
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        """How many cases failed."""
        return len(self.results) - self.passed


# ------------------------------------------------------------------ finding and loading
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


def rules_path_for(test_file: str | os.PathLike[str], declared: str | None = None) -> Path:
    """The rules a test file tests, when the caller does not say.

    ``aturan:``/``rules:`` in the file (relative to it) wins. A file under the bundled
    rules tests the whole bundled set. Otherwise the directory holding the ``tests/``
    folder (or the file itself when it is not in a ``tests/`` folder).
    """
    path = Path(test_file).resolve()
    if declared:
        return (path.parent / declared).resolve()
    bundled = bundled_rules_path().resolve()
    if path.is_relative_to(bundled):
        return bundled
    return path.parent.parent if path.parent.name == "tests" else path.parent


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
                self.diags.append(
                    attrs.evolve(
                        d,
                        message=f"case `{name}`: {d.message}",
                        path=(d.path or "$").replace("$", where, 1),
                        file=self.file,
                    )
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
        # Best effort, for pytest's location: the first line that holds the case's name.
        for i, line in enumerate(self.text.splitlines()):
            stripped = line.strip().lstrip("-").strip()
            if stripped.startswith(("nama:", "name:")) and name in line:
                return i
        return None


def load_test_file(path: str | os.PathLike[str]) -> TestFile:
    """Read and validate one ``*.test.yaml`` file.

    Raises:
        RuleTestError: the file is unreadable, not YAML, or breaks the format; every
            problem is reported at once with a path such as ``$.kasus[2].harapan``.
    """
    p = Path(path)
    name = display_path(p)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read `{name}`: {exc}"
        raise RuleTestError(
            [Diagnostic(code="ruletest.unreadable", message=msg, file=name)]
        ) from None
    doc, problems = _parse_yaml(text, name)
    if problems:
        raise RuleTestError([attrs.evolve(d, code="ruletest.syntax") for d in problems])
    reader = _Reader(name, text)
    result = reader.read(doc)
    if reader.diags:
        raise RuleTestError(reader.diags)
    if result.rules is not None:
        result = attrs.evolve(result, rules=str(rules_path_for(p, result.rules)))
    return result


# ------------------------------------------------------------------ running
def _fmt(value: Any) -> str:
    if value is None:
        return "null (unknown)"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _compare_cites(
    label: str, rule: str, want: tuple[CiteKey, ...], got: Sequence[Citation]
) -> list[str]:
    lines: list[str] = []
    for w in want:
        if not any(w.matches(c) for c in got):
            lines.append(f"    - missing    {w.written}")
    seen: set[str] = set()
    for c in got:
        if not any(w.matches(c) for w in want) and c.text not in seen:
            seen.add(c.text)
            lines.append(f"    + unexpected {c.text}")
    if lines:
        return [f"  {rule}: {label} (- expected but absent, + present but not expected)", *lines]
    return []


def _describe_outcome(report: Report, rule: str) -> list[str]:
    o = report.outcome(rule)
    lines = []
    for f in o.findings:
        ev = ", ".join(f"{e.path} = {json.dumps(e.value, default=str)}" for e in f.evidence)
        miss = f" missing {', '.join(f.missing)}" if f.missing else ""
        lines.append(f"      {f.status} [{f.severity}] {f.citation.text}: {f.message()}")
        if ev or miss:
            lines.append(f"        {ev}{miss}".rstrip())
    for p in o.pending:
        lines.append(f"      pending {p.citation.text} (after: {p.condition})")
    if o.reason:
        lines.append(f"      reason: {o.reason}")
    return lines


def run_case(rules: RuleSet, case: TestCase) -> CaseResult:
    """Evaluate one case and compare the report with its expectations."""
    try:
        report = rules.evaluate(
            case.agreement, as_of=case.as_of, switches=dict(case.switches) or None
        )
    except KerjasamaError as exc:
        return CaseResult(case, tuple(f"  cannot evaluate: {d.message}" for d in exc.diagnostics))
    ids = [o.rule for o in report.outcomes]
    problems: list[str] = []

    def known(rule: str) -> bool:
        if rule in ids:
            return True
        h = hint(rule, ids)
        problems.append(f"  {rule}: no such rule" + (f" ({h})" if h else ""))
        return False

    for rule, status in case.expect:
        if not known(rule):
            continue
        actual = report.outcome(rule).status
        if actual != status:
            problems.append(f"  {rule}: expected status {status}, got {actual}")
            problems.extend(_describe_outcome(report, rule))
    for rule, want in case.findings:
        if known(rule):
            got = [f.citation for f in report.outcome(rule).findings if f.status == "fail"]
            problems.extend(_compare_cites("failing findings", rule, want, got))
    for rule, want in case.pending:
        if known(rule):
            got = [p.citation for p in report.outcome(rule).pending]
            problems.extend(_compare_cites("pending obligations", rule, want, got))
    for rule, paths in case.missing:
        if known(rule):
            actual_paths = {m for f in report.outcome(rule).findings for m in f.missing}
            if set(paths) != actual_paths:
                problems.append(
                    f"  {rule}: missing facts expected {sorted(set(paths))}, "
                    f"got {sorted(actual_paths)}"
                )
    names = [d.name for d in report.determinations]
    for name, value in case.determinations:
        if name not in names:
            h = hint(name, names)
            problems.append(
                f"  determination {name}: no such determination" + (f" ({h})" if h else "")
            )
            continue
        actual_value = report.determination(name).value
        if actual_value != value or type(actual_value) is not type(value):
            problems.append(
                f"  determination {name}: expected {_fmt(value)}, got {_fmt(actual_value)}"
            )
    return CaseResult(case, tuple(problems), report)


def run_tests(
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    rules: RuleSet | None = None,
) -> TestRun:
    """Run every case of every test file found under ``paths`` (default: bundled rules).

    Args:
        paths: ``*.test.yaml`` files or directories searched recursively.
        rules: the rules to test; by default each file's own (see :func:`rules_path_for`).

    Raises:
        RuleTestError: a test file is malformed (all files are read first).
        RuleSyntaxError, RuleCheckError: the rules do not load.
    """
    files = find_test_files(*paths)
    parsed: list[tuple[Path, TestFile]] = []
    diags: list[Diagnostic] = []
    for f in files:
        try:
            parsed.append((f, load_test_file(f)))
        except RuleTestError as exc:
            diags.extend(exc.diagnostics)
    if diags:
        raise RuleTestError(diags)
    cache: dict[Path, RuleSet] = {}
    results: list[CaseResult] = []
    for f, tf in parsed:
        rs = rules
        if rs is None:
            where = Path(tf.rules) if tf.rules else rules_path_for(f)
            if where not in cache:
                cache[where] = load_rules(where)
            rs = cache[where]
        results.extend(run_case(rs, c) for c in tf.cases)
    return TestRun(tuple(results))

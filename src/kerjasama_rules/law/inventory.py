"""The inventory of units of law (pasal, ayat, huruf) kept as data: ``inventaris.yaml``.

Drafter tooling, after the evaluation pipeline: the linter asks :meth:`Inventory.has`
whether a citation names a unit that exists, and :mod:`kerjasama_rules.coverage` counts
which checkable units the rules encode and the rule tests exercise. The format is
described in ``docs/coverage.md``; the bundled files are ``rules/*/inventaris.yaml``.

Each unit may carry the law's own words (``teks``, quoted exactly as promulgated, with
``teks_sumber``) and an English gloss (``teks_en``). Where no source at hand quotes the
unit, ``teks`` stays empty and the reason is kept (``teks_tidak_tersedia`` on the unit or,
for the whole instrument, at the top of the file): the inventory never paraphrases a unit
and calls it the text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ..engine.rulefiles import bundled_rules_path
from ..errors import Diagnostic, KerjasamaError
from ..fileio import files_under, read_text
from ..model.documents import parse_yaml

__all__ = [
    "INVENTORY_FILE",
    "Inventory",
    "InventoryError",
    "Unit",
    "inventory_files",
    "load_inventory",
    "normalize_instrument",
]

INVENTORY_FILE = "inventaris.yaml"
KEYAKINAN = ("tinggi", "sedang", "rendah")
_ROW = re.compile(r"^R\d\d$", re.ASCII)
_LETTER = re.compile(r"^[a-z]$")


class InventoryError(KerjasamaError):
    """An inventory file is unreadable or malformed (``inventory.*`` codes)."""

    default_code = "inventory.invalid"


def normalize_instrument(text: str) -> str:
    """``pp  28/2018`` -> ``PP 28/2018``: one space, upper-case kind, for comparisons."""
    parts = text.split()
    if not parts:
        return ""
    return " ".join([parts[0].upper(), *parts[1:]])


@attrs.frozen
class Unit:
    """One unit of law: a pasal, an ayat of it, or a huruf of either.

    ``leaf`` is true when the inventory lists no sub-unit. Coverage counts the most
    specific checkable units (:meth:`Inventory.checkable_units`), so an article is never
    counted twice. ``complete`` is false when the law reference
    does not list (all) the sub-units, as recorded with ``rincian_lengkap: false``.
    """

    instrument: str
    pasal: int
    ayat: int | None = None
    huruf: str | None = None
    title: str | None = None
    checkable: bool = False
    confidence: str | None = None
    matrix_rows: tuple[str, ...] = ()
    note: str | None = None
    leaf: bool = True
    complete: bool = True
    # The law's own words, quoted exactly, and where they were taken from; or, when no
    # source quotes the unit, why the wording is missing.
    wording: str | None = None
    wording_en: str | None = None
    wording_source: str | None = None
    wording_missing: str | None = None
    wording_missing_en: str | None = None
    # The inventory's own paraphrase (``ringkasan``, ``ringkasan_en``) and the English title
    # (``judul_en``): a summary for the reader, labelled as such wherever it is shown.
    title_en: str | None = None
    summary: str | None = None
    summary_en: str | None = None

    @property
    def key(self) -> tuple[str, int, int | None, str | None]:
        """``(instrument, pasal, ayat, huruf)``."""
        return (self.instrument, self.pasal, self.ayat, self.huruf)

    @property
    def text(self) -> str:
        """Indonesian citation order: ``Pasal 27 ayat (1) huruf a PP 28/2018``."""
        parts = [f"Pasal {self.pasal}"]
        if self.ayat is not None:
            parts.append(f"ayat ({self.ayat})")
        if self.huruf is not None:
            parts.append(f"huruf {self.huruf}")
        parts.append(self.instrument)
        return " ".join(parts)


@attrs.frozen
class Inventory:
    """Every inventoried unit of law, in the order of the files.

    Examples:
        >>> inv = load_inventory()
        >>> inv.has("PP 28/2018", 27, 1, "a"), inv.has("PP 28/2018", 27, 1, "z")
        (True, False)
        >>> inv.has("Perpres 21/2023", 3, None, None) is None
        True
    """

    _units: tuple[Unit, ...]
    # instruments whose pasal list is complete (a pasal not listed does not exist)
    _complete: frozenset[str] = frozenset()
    files: tuple[str, ...] = ()
    # instruments the files name without inventorying their units: each file's own
    # `instrumen`, and the instruments of its `rujukan:` list (laws the rules cite)
    _referenced: tuple[str, ...] = ()
    _index: dict[tuple[str, int, int | None, str | None], Unit] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {u.key: u for u in self._units})

    @property
    def instruments(self) -> tuple[str, ...]:
        """The inventoried instruments, in file order."""
        return tuple(dict.fromkeys(u.instrument for u in self._units))

    @property
    def known_instruments(self) -> tuple[str, ...]:
        """Every instrument a rule may cite: the inventoried ones, then those the files
        only name (``instrumen`` without units, and ``rujukan:``), in file order. The
        linter reports a citation of any other instrument (``lint.unknown-instrument``).
        """
        known: dict[str, str] = {}
        for name in [*self.instruments, *self._referenced]:
            known.setdefault(name.casefold(), name)
        return tuple(known.values())

    def stacked_on(self, under: Inventory) -> Inventory:
        """This inventory with ``under`` beneath it: the instruments this one does not
        know come from ``under`` (a drafter's inventory on the bundled one). An
        instrument both know is this one's alone, so a unit is never listed twice.
        """
        own = set(self.known_instruments)
        return Inventory(
            (*self._units, *(u for u in under._units if u.instrument not in own)),
            self._complete | {i for i in under._complete if i not in own},
            tuple(dict.fromkeys([*self.files, *under.files])),
            tuple(dict.fromkeys([*self._referenced, *under.known_instruments])),
        )

    def units(self) -> tuple[Unit, ...]:
        """Every unit (checkable or not): each pasal, then its ayat, then their huruf."""
        return self._units

    def checkable_units(self) -> tuple[Unit, ...]:
        """The most specific units that facts of an agreement can check: what coverage
        counts. That is a checkable leaf, or a checkable unit none of whose sub-units is
        checkable (e.g. an ayat whose huruf are only the items of a closed list, each marked
        `dapat_diperiksa: false`: the ayat is the requirement), so no unit counts twice."""
        out: list[Unit] = []
        for u in self._units:
            if not u.checkable:
                continue
            if u.leaf or not any(v.checkable and v is not u for v in units_under(self._units, u)):
                out.append(u)
        return tuple(out)

    def unit(
        self, instrument: str, pasal: int, ayat: int | None = None, huruf: str | None = None
    ) -> Unit | None:
        """The unit with exactly this address, or ``None``."""
        return self._index.get((normalize_instrument(instrument), pasal, ayat, huruf))

    def has(
        self, instrument: str, pasal: int, ayat: int | None = None, huruf: str | None = None
    ) -> bool | None:
        """Whether the unit exists in the law.

        Returns ``None`` when nobody can tell from the inventory: the instrument is not
        inventoried, or the unit sits under a unit whose sub-units the law reference
        does not list (``rincian_lengkap: false``).
        """
        inst = normalize_instrument(instrument)
        if inst not in self.instruments:
            return None
        chain: list[tuple[int | None, str | None]] = [(None, None)]
        if ayat is not None:
            chain.append((ayat, None))
        if huruf is not None:
            chain.append((ayat, huruf))
        parent: Unit | None = None
        for a, h in chain:
            found = self._index.get((inst, pasal, a, h))
            if found is None:
                if parent is None:
                    return False if inst in self._complete else None
                return False if parent.complete else None
            parent = found
        return True


def inventory_files(*paths: str | os.PathLike[str]) -> list[Path]:
    """Expand files and directories into the sorted ``inventaris.yaml`` files."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(files_under(path, lambda name: name == INVENTORY_FILE))
        elif path.is_file():
            out.append(path)
        else:
            msg = f"no inventory file or directory at `{path}`"
            raise InventoryError([Diagnostic(code="config.no-such-path", message=msg)])
    return out


def load_inventory(*paths: str | os.PathLike[str]) -> Inventory:
    """Load inventory files (default: every ``inventaris.yaml`` of the bundled rules).

    Args:
        paths: ``inventaris.yaml`` files, or directories searched recursively for them.

    Returns:
        The :class:`Inventory` of all files, in sorted file order.

    Raises:
        InventoryError: a file is unreadable, is not valid YAML, or breaks the format
            (every problem at once, each with a path such as ``$.pasal[3].ayat``).
    """
    if not paths:
        paths = (bundled_rules_path(),)
    files = inventory_files(*paths)
    units: list[Unit] = []
    complete: set[str] = set()
    diags: list[Diagnostic] = []
    seen: set[tuple[str, int, int | None, str | None]] = set()
    referenced: list[str] = []
    for f in files:
        name = f.as_posix()
        text, problem = read_text(f, "max_input_bytes")
        if text is None:
            msg = f"cannot read `{name}`: {problem}"
            diags.append(Diagnostic(code="inventory.unreadable", message=msg, file=name))
            continue
        doc, problems = parse_yaml(text, name)
        diags.extend(attrs.evolve(d, code="inventory.syntax") for d in problems)
        if problems:
            continue
        reader = _Reader(name, seen)
        file_units, inst, whole = reader.read(doc)
        diags.extend(reader.diags)
        units.extend(file_units)
        referenced.extend(reader.referenced)
        if inst and whole:
            complete.add(inst)
    if diags:
        raise InventoryError(diags)
    return Inventory(
        tuple(units),
        frozenset(complete),
        tuple(f.as_posix() for f in files),
        tuple(dict.fromkeys(referenced)),
    )


_TOP_KEYS = {
    "instrumen",
    "judul",
    "sumber",
    "pasal_lengkap",
    "pasal",
    "teks_sumber",
    "teks_tidak_tersedia",
    "rujukan",
    "teks_tidak_tersedia_en",
}
_WORDING_KEYS = ("teks", "teks_en", "teks_sumber", "teks_tidak_tersedia")
# A summary is the inventory's own paraphrase, never the law's text: it is kept apart from
# `teks` so that no output can show one in the place of the other.
_SUMMARY_KEYS = ("judul_en", "ringkasan", "ringkasan_en", "teks_tidak_tersedia_en")
_UNIT_KEYS = {
    "judul",
    "dapat_diperiksa",
    "keyakinan",
    "baris_matriks",
    "catatan",
    "rincian_lengkap",
    *_WORDING_KEYS,
    *_SUMMARY_KEYS,
}
_PASAL_KEYS = _UNIT_KEYS | {"nomor", "ayat", "huruf"}
_AYAT_KEYS = _UNIT_KEYS | {"nomor", "huruf"}
_HURUF_KEYS = _UNIT_KEYS | {"huruf"}


@attrs.frozen
class _Inherited:
    checkable: bool | None
    confidence: str | None
    rows: tuple[str, ...]


class _Reader:
    """Reads one inventory document, collecting every problem with its JSONPath."""

    def __init__(self, file: str, seen: set[tuple[str, int, int | None, str | None]]) -> None:
        self.file = file
        self.seen = seen
        self.diags: list[Diagnostic] = []
        self.units: list[Unit] = []
        self.instrument = ""
        # the file's `instrumen` and its `rujukan:` (instruments the rules cite whose
        # units are not inventoried), as written
        self.referenced: list[str] = []
        # file-wide defaults for the wording: its source, and why a unit has none
        self.wording_source: str | None = None
        self.wording_missing: str | None = None
        self.wording_missing_en: str | None = None

    def error(self, path: str, message: str, help: str | None = None) -> None:
        self.diags.append(
            Diagnostic(
                code="inventory.invalid", message=message, path=path, help=help, file=self.file
            )
        )

    def keys(self, node: Mapping[str, Any], allowed: set[str], path: str) -> None:
        for k in node:
            if k not in allowed:
                self.error(
                    f"{path}.{k}",
                    f"unknown key `{k}`",
                    "allowed here: " + ", ".join(sorted(allowed)),
                )

    def read(self, doc: object) -> tuple[list[Unit], str, bool]:
        if not isinstance(doc, Mapping):
            self.error("$", "expected a mapping with `instrumen` and `pasal`")
            return [], "", True
        self.keys(doc, _TOP_KEYS, "$")
        inst = doc.get("instrumen")
        if not isinstance(inst, str) or not inst.strip():
            self.error("$.instrumen", "`instrumen` is required, e.g. `PP 28/2018`")
            return [], "", True
        self.instrument = normalize_instrument(inst)
        self.referenced.append(" ".join(inst.split()))  # as written, for messages
        self.references(doc.get("rujukan", []))
        self.wording_source = self.text_of(doc, "teks_sumber", "$")
        self.wording_missing = self.text_of(doc, "teks_tidak_tersedia", "$")
        self.wording_missing_en = self.text_of(doc, "teks_tidak_tersedia_en", "$")
        whole = doc.get("pasal_lengkap", True)
        if not isinstance(whole, bool):
            self.error("$.pasal_lengkap", "expected true or false")
            whole = True
        pasal = doc.get("pasal")
        if not isinstance(pasal, list):
            self.error("$.pasal", "expected a list of articles (`- nomor: 1`)")
            return [], self.instrument, whole
        for i, p in enumerate(pasal):
            self.pasal(p, f"$.pasal[{i}]")
        return self.units, self.instrument, whole

    def references(self, items: object) -> None:
        if not isinstance(items, list):
            self.error(
                "$.rujukan",
                "expected a list of instruments, e.g. `[Permendagri 22/2020]`",
            )
            return
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip() or len(item) > 200:
                self.error(
                    f"$.rujukan[{i}]",
                    "expected the name of an instrument, e.g. `Permendagri 22/2020`",
                )
                continue
            self.referenced.append(" ".join(item.split()))  # as written, for messages

    def common(
        self, node: Mapping[str, Any], path: str, parent: _Inherited
    ) -> tuple[_Inherited, str | None, str | None, bool]:
        checkable = node.get("dapat_diperiksa", parent.checkable)
        if not isinstance(checkable, bool | None):
            self.error(f"{path}.dapat_diperiksa", "expected true or false")
            checkable = parent.checkable
        conf = node.get("keyakinan", parent.confidence)
        if conf is not None and conf not in KEYAKINAN:
            self.error(
                f"{path}.keyakinan", f"unknown confidence `{conf}`", "use " + "/".join(KEYAKINAN)
            )
            conf = parent.confidence
        rows_raw = node.get("baris_matriks")
        rows = parent.rows
        if rows_raw is not None:
            if not isinstance(rows_raw, list) or not all(
                isinstance(r, str) and _ROW.match(r) for r in rows_raw
            ):
                self.error(
                    f"{path}.baris_matriks", "expected a list of matrix rows such as `[R13]`"
                )
            else:
                rows = tuple(rows_raw)
        texts: list[str | None] = []
        for key in ("judul", "catatan"):
            value = node.get(key)
            if value is not None and not isinstance(value, str):
                self.error(f"{path}.{key}", "expected text")
                value = None
            texts.append(value)
        complete = node.get("rincian_lengkap", True)
        if not isinstance(complete, bool):
            self.error(f"{path}.rincian_lengkap", "expected true or false")
            complete = True
        return _Inherited(checkable, conf, rows), texts[0], texts[1], complete

    def text_of(self, node: Mapping[str, Any], key: str, path: str) -> str | None:
        value = node.get(key)
        if value is not None and not isinstance(value, str):
            self.error(f"{path}.{key}", "expected text")
            return None
        return value

    def wording(self, unit: Unit, node: Mapping[str, Any], path: str) -> Unit:
        """The unit with its wording fields: the quoted text and its source, or the reason
        there is none (the unit's own, else the file's)."""
        teks, en, source, missing = (self.text_of(node, k, path) for k in _WORDING_KEYS)
        title_en, summary, summary_en, missing_en = (
            self.text_of(node, k, path) for k in _SUMMARY_KEYS
        )
        if teks is not None and not teks.strip():
            self.error(f"{path}.teks", "empty `teks`: leave it out and say why instead")
            teks = None
        if teks is not None and missing is not None:
            self.error(path, "a unit has either `teks` or `teks_tidak_tersedia`, not both")
        source = source or self.wording_source
        if teks is not None and source is None:
            self.error(f"{path}.teks_sumber", "quoted `teks` needs its source (`teks_sumber`)")
        return attrs.evolve(
            unit,
            wording=teks,
            wording_en=en,
            wording_source=source if teks is not None else None,
            wording_missing=None if teks is not None else (missing or self.wording_missing),
            wording_missing_en=(
                None if teks is not None else (missing_en or self.wording_missing_en)
            ),
            title_en=title_en,
            summary=summary,
            summary_en=summary_en,
        )

    def add(self, unit: Unit, path: str) -> bool:
        if unit.key in self.seen:
            self.error(path, f"`{unit.text}` is listed twice")
            return False
        self.seen.add(unit.key)
        self.units.append(unit)
        return True

    def number(self, node: Mapping[str, Any], path: str) -> int | None:
        n = node.get("nomor")
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            self.error(f"{path}.nomor", "`nomor` must be a positive whole number")
            return None
        return n

    def pasal(self, node: object, path: str) -> None:
        if not isinstance(node, Mapping):
            self.error(path, "expected a mapping such as `{nomor: 27, dapat_diperiksa: true}`")
            return
        self.keys(node, _PASAL_KEYS, path)
        n = self.number(node, path)
        if "dapat_diperiksa" not in node:
            self.error(
                f"{path}.dapat_diperiksa",
                "`dapat_diperiksa` is required on every pasal",
                "write `dapat_diperiksa: true` when facts of an agreement can check it",
            )
        inh, title, note, complete = self.common(node, path, _Inherited(None, None, ()))
        if n is None:
            return
        if "ayat" in node and "huruf" in node:
            self.error(path, "a pasal lists either `ayat` or `huruf`, not both")
        children = node.get("ayat") if "ayat" in node else node.get("huruf")
        unit = self.wording(
            self.make(n, None, None, title, inh, note, children, complete), node, path
        )
        index = len(self.units)
        if not self.add(unit, path):
            return
        if "ayat" in node:
            self.children_ayat(node["ayat"], f"{path}.ayat", n, inh)
        elif "huruf" in node:
            self.children_huruf(node["huruf"], f"{path}.huruf", n, None, inh)
        self.fix_leaf(index)

    def make(
        self,
        pasal: int,
        ayat: int | None,
        huruf: str | None,
        title: str | None,
        inh: _Inherited,
        note: str | None,
        children: object,
        complete: bool,
    ) -> Unit:
        return Unit(
            instrument=self.instrument,
            pasal=pasal,
            ayat=ayat,
            huruf=huruf,
            title=title,
            checkable=bool(inh.checkable),
            confidence=inh.confidence,
            matrix_rows=inh.rows,
            note=note,
            leaf=not children,
            complete=complete,
        )

    def fix_leaf(self, index: int) -> None:
        # A unit whose children were all rejected still counts as a leaf.
        if index + 1 == len(self.units):
            self.units[index] = attrs.evolve(self.units[index], leaf=True)

    def children_ayat(self, items: object, path: str, pasal: int, parent: _Inherited) -> None:
        if not isinstance(items, list):
            self.error(path, "expected a list of ayat (`- nomor: 1`)")
            return
        for i, node in enumerate(items):
            p = f"{path}[{i}]"
            if not isinstance(node, Mapping):
                self.error(p, "expected a mapping such as `{nomor: 1}`")
                continue
            self.keys(node, _AYAT_KEYS, p)
            n = self.number(node, p)
            inh, title, note, complete = self.common(node, p, parent)
            if n is None:
                continue
            unit = self.make(pasal, n, None, title, inh, note, node.get("huruf"), complete)
            unit = self.wording(unit, node, p)
            index = len(self.units)
            if self.add(unit, p) and "huruf" in node:
                self.children_huruf(node["huruf"], f"{p}.huruf", pasal, n, inh)
                self.fix_leaf(index)

    def children_huruf(
        self, items: object, path: str, pasal: int, ayat: int | None, parent: _Inherited
    ) -> None:
        if not isinstance(items, list):
            self.error(path, "expected a list of letters such as `[a, b, c]`")
            return
        for i, node in enumerate(items):
            p = f"{path}[{i}]"
            if isinstance(node, str):
                node = {"huruf": node}
            if not isinstance(node, Mapping):
                self.error(p, "expected a letter such as `a` or a mapping `{huruf: a}`")
                continue
            self.keys(node, _HURUF_KEYS, p)
            letter = node.get("huruf")
            if not isinstance(letter, str) or not _LETTER.match(letter):
                self.error(f"{p}.huruf", "`huruf` must be one lower-case letter, e.g. `a`")
                continue
            inh, title, note, complete = self.common(node, p, parent)
            unit = self.make(pasal, ayat, letter, title, inh, note, None, complete)
            self.add(self.wording(unit, node, p), p)


def units_under(units: Iterable[Unit], unit: Unit) -> list[Unit]:
    """The units inside ``unit`` (itself included), in order."""
    return [
        u
        for u in units
        if u.instrument == unit.instrument
        and u.pasal == unit.pasal
        and (unit.ayat is None or u.ayat == unit.ayat)
        and (unit.huruf is None or u.huruf == unit.huruf)
    ]

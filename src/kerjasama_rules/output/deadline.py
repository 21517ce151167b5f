"""Deadlines for people and machines: the ``kerjasama deadline`` report as text or JSON.

Renders a :class:`~kerjasama_rules.model.calendar.Deadline` computed by the calendar.

Examples:
    >>> import datetime
    >>> from kerjasama_rules.model.calendar import compute_deadline
    >>> deadline_to_json(compute_deadline(datetime.date(2026, 3, 2), 0))["due"]
    '2026-03-02'
"""

from __future__ import annotations

import datetime
import re

from ..errors import ConfigurationError
from ..model.calendar import WEEKDAYS_ID, DayKind, Deadline

__all__ = ["deadline_to_json", "render_deadline_text"]

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def deadline_to_json(d: Deadline) -> dict[str, object]:
    """A JSON-ready dict of a :class:`Deadline`, with a fixed key order.

    Args:
        d: the deadline.

    Returns:
        ``{"from", "working_days", "due", "cuti_bersama", "skipped", "calendar_complete",
        "notes"}``; dates as ``YYYY-MM-DD``, enums as their values.

    Examples:
        >>> import datetime
        >>> from kerjasama_rules.model.calendar import compute_deadline
        >>> deadline_to_json(compute_deadline(datetime.date(2026, 3, 2), 0))["due"]
        '2026-03-02'
    """
    return {
        "from": d.start.isoformat(),
        "working_days": d.working_days,
        "due": d.due.isoformat(),
        "cuti_bersama": d.cuti_bersama.value,
        "skipped": [
            {"date": s.date.isoformat(), "name": s.name, "kind": s.kind.value} for s in d.skipped
        ],
        "calendar_complete": d.calendar_complete,
        "notes": list(d.notes),
    }


_TEXT = {
    "id": {
        "title": "Tenggat {n} hari kerja",
        "start": "Diterima: {date} (hari penerimaan tidak dihitung)",
        "due": "Jatuh tempo: {date} (hari kerja ke-{n})",
        "libur": "Cuti bersama: libur (cuti bersama bukan hari kerja)",
        "kerja": "Cuti bersama: kerja (cuti bersama dihitung sebagai hari kerja)",
        "holidays": "Hari libur dan cuti bersama yang dilewati:",
        "none": "Hari libur dan cuti bersama yang dilewati: tidak ada",
        "weekends": "Akhir pekan yang dilewati: {n} hari",
        "warning": "PERINGATAN: data hari libur belum lengkap; tanggal jatuh tempo bisa berubah.",
        "libur_nasional": "libur nasional",
        "cuti_bersama": "cuti bersama",
        "libur_daerah": "libur daerah",
        "akhir_pekan": "akhir pekan",
    },
    "en": {
        "title": "Deadline of {n} working days (hari kerja)",
        "start": "Received: {date} (the day of receipt is not counted)",
        "due": "Due: {date} (working day {n})",
        "libur": "Cuti bersama: libur (collective leave days are not working days)",
        "kerja": "Cuti bersama: kerja (collective leave days count as working days)",
        "holidays": "Holidays and cuti bersama skipped:",
        "none": "Holidays and cuti bersama skipped: none",
        "weekends": "Weekend days skipped: {n}",
        "warning": "WARNING: the holiday data is incomplete; the due date may change.",
        "libur_nasional": "national holiday",
        "cuti_bersama": "collective leave",
        "libur_daerah": "regional holiday",
        "akhir_pekan": "weekend",
    },
}


# The calendar's notes are English sentences (also in the JSON, unchanged); the text
# report says them in its own language. (English template, Indonesian template).
_NOTES: tuple[tuple[str, str], ...] = (
    (
        "cuti bersama did not exist in {year} (first set in 2002)",
        "cuti bersama belum ada pada tahun {year} (pertama ditetapkan 2002)",
    ),
    (
        "no cuti bersama data for {year} (no SKB 3 Menteri in the data)",
        "tidak ada data cuti bersama untuk {year} (tidak ada SKB 3 Menteri dalam data)",
    ),
    (
        "start date {date} is not a working day ({kind}); counting still begins the day after",
        "tanggal mulai {date} bukan hari kerja ({kind}); penghitungan tetap dimulai sehari "
        "sesudahnya",
    ),
    (
        "no holiday data for {year}: the `holidays` data covers {first}-{last}",
        "tidak ada data hari libur untuk {year}: data `holidays` mencakup {first}-{last}",
    ),
    (
        "estimated (perkiraan) holiday dates in {year}: {dates}",
        "tanggal hari libur perkiraan pada {year}: {dates}",
    ),
    (
        "no date for `{name}` in {year} in the `holidays` data",
        "tidak ada tanggal `{name}` pada {year} dalam data `holidays`",
    ),
)


def _note_text(note: str, lang: str) -> str:
    # A weekday inside a note is named by the calendar in Indonesian (`Minggu`).
    for en, idn in _NOTES:
        pattern = re.escape(en)
        for name in ("year", "date", "kind", "first", "last", "dates", "name"):
            pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>.+?)")
        m = re.fullmatch(pattern, note)
        if m is None:
            continue
        values = m.groupdict()
        if lang == "en":
            kind = values.get("kind")
            if kind in WEEKDAYS_ID:
                values["kind"] = _WEEKDAYS_EN[WEEKDAYS_ID.index(kind)]
            return en.format(**values)
        return idn.format(**values)
    return note


def _format_date(d: datetime.date, lang: str) -> str:
    weekdays, months = (WEEKDAYS_ID, _MONTHS_ID) if lang == "id" else (_WEEKDAYS_EN, _MONTHS_EN)
    return f"{weekdays[d.weekday()]}, {d.day} {months[d.month - 1]} {d.year}"


def render_deadline_text(d: Deadline, *, lang: str = "id") -> str:
    """A short human report of a :class:`Deadline`.

    Args:
        d: the deadline.
        lang: ``id`` (Indonesian, default) or ``en``.

    Returns:
        Lines for the start, the due date with its weekday, the cuti bersama switch, the
        holidays skipped (weekends only counted), and a warning when the data is incomplete.

    Raises:
        ConfigurationError: for an unknown ``lang``.

    Examples:
        >>> import datetime
        >>> from kerjasama_rules.model.calendar import compute_deadline
        >>> text = render_deadline_text(compute_deadline(datetime.date(2026, 3, 2), 45))
        >>> text.splitlines()[2]
        'Jatuh tempo: Rabu, 13 Mei 2026 (hari kerja ke-45)'
    """
    words = _TEXT.get(lang)
    if words is None:
        msg = f"`lang` must be `id` or `en`, got `{lang}`"
        raise ConfigurationError(msg)
    lines = [
        words["title"].format(n=d.working_days),
        words["start"].format(date=_format_date(d.start, lang)),
        words["due"].format(date=_format_date(d.due, lang), n=d.working_days),
        words[d.cuti_bersama.value],
    ]
    listed = [s for s in d.skipped if s.kind is not DayKind.AKHIR_PEKAN]
    if listed:
        lines.append(words["holidays"])
        lines.extend(
            f"  - {_format_date(s.date, lang)}: {s.name} ({words[s.kind.value]})" for s in listed
        )
    else:
        lines.append(words["none"])
    lines.append(words["weekends"].format(n=len(d.skipped) - len(listed)))
    if not d.calendar_complete:
        lines.append(words["warning"])
    lines.extend(f"  * {_note_text(note, lang)}" for note in d.notes)
    return "\n".join(lines)

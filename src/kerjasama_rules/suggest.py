"""'Did you mean ...?' for names, fields and enum values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """Return the closest candidate to ``name``, or ``None`` when nothing is close.

    Examples:
        >>> did_you_mean("mitra_negra", ["mitra", "negara", "jenis"])
        'mitra'
        >>> did_you_mean("tanggal_ttd", ["tanggal_ttd", "judul"])
        'tanggal_ttd'
    """
    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = name.lower()
    for cand in pool:
        if cand.lower() == lowered:
            return cand
    # A prefix of one name only: `cuti` for `cuti_bersama`.
    prefixed = [c for c in pool if len(lowered) >= 3 and c.lower().startswith(lowered)]
    if len(prefixed) == 1:
        return prefixed[0]
    return None


def hint(name: str, candidates: Iterable[str]) -> str | None:
    """A ready ``help`` line: "did you mean `x`?", or ``None``."""
    best = did_you_mean(name, candidates)
    return f"did you mean `{best}`?" if best else None

"""Reading and writing files safely: bounded reads, and the one atomic-write helper.

:func:`read_limited` reads only regular files, without blocking and never more than a
limit (see ``limits``); :func:`read_text` is the same for UTF-8 text, the one way rule
files, rule tests and inventories are read; :func:`bounded_lines` reads a stream (JSON
Lines, standard input) one bounded line at a time.

Every command that writes a file (``fmt``, the portfolio's ``.html``/``.ics``/``.xlsx``,
the law pages, the analyzer's witnesses) goes through :func:`write_atomic`: the new
contents go to a temporary file in the same directory, are flushed to disk (``fsync``)
and renamed over the target in one step. A reader sees the old file or the new one,
never half of either; a failure (a full disk, Ctrl-C) leaves the old file as it was and
removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from . import limits
from .errors import ConfigurationError, Diagnostic

__all__ = [
    "NotReadable",
    "bounded_lines",
    "files_under",
    "open_regular",
    "read_limited",
    "read_text",
    "refuse_to_replace_a_source",
    "write_atomic",
]

_NEW_FILE_MODE = 0o666  # less the umask, as `open(..., "w")` would create it


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _refuse(path: str, why: str, code: str = "config.unwritable") -> ConfigurationError:
    msg = f"cannot write `{path}`: {why}"
    return ConfigurationError([Diagnostic(code=code, message=msg, file=path)])


# What a generated report (HTML, iCalendar, xlsx, law pages) must never replace: the
# documents the library reads. `--html agreement.yaml` is a slip of the keyboard, and
# replacing the agreement with a report would lose what the officer wrote.
_SOURCE_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".kr", ".toml")


def refuse_to_replace_a_source(path: str | os.PathLike[str]) -> None:
    """Refuse, before anything is computed, a report output that is an existing agreement,
    rule, rule-test or project file (by its suffix, whatever its case).

    Raises:
        ConfigurationError: ``path`` exists and ends in one of those suffixes.
    """
    name = os.fspath(path)
    if name.lower().endswith(_SOURCE_SUFFIXES) and os.path.lexists(name):
        raise _refuse(
            name,
            "it is an existing agreement, rule or project file, which a report never "
            "replaces; name a new file (e.g. `laporan.html`)",
        )


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace (or create) the file at ``path`` with ``data``, all at once.

    Text is written as UTF-8 with ``\\n`` line ends. The file keeps its permission bits;
    a new file gets the usual ``0666`` less the umask. A symbolic link is followed, so
    the file it points to is replaced and the link kept.

    Raises:
        ConfigurationError: the target exists but is not a regular file, or the user may
            not write it (a read-only file is never replaced, although renaming over it
            would be allowed by the directory's permissions).
        OSError: the write itself failed (full disk, no permission on the directory);
            the original file is untouched.
    """
    try:
        target = os.path.realpath(os.fspath(path))
    except TypeError:
        raise _refuse(repr(path), "the path is not a file name", "config.bad-argument") from None
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(os.fspath(path), "it is not a regular file")
        # A file without any write permission bit is read-only even for root, whom
        # `os.access` would let write it: its owner made it read-only on purpose.
        no_write_bit = not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        if no_write_bit or not os.access(target, os.W_OK):
            raise _refuse(os.fspath(path), "the file is read-only for this user")
        mode = stat.S_IMODE(info.st_mode)
    else:
        mode = _NEW_FILE_MODE & ~_umask()
    directory = os.path.dirname(target) or "."
    name = os.path.basename(target)
    import tempfile  # only a write needs it

    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:  # also Ctrl-C: never leave the temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # The rename is durable once the directory entry is on disk too (best effort: not
    # every platform can open a directory).
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def files_under(root: str | os.PathLike[str], keep: Callable[[str], bool]) -> list[Path]:
    """The regular files under a directory whose name ``keep`` accepts, sorted.

    Every directory walk of the library goes through here (rule files, agreement files,
    inventories). The walk is bounded by the limit ``max_directory_entries`` (a rule
    directory or project file that names `/` would walk the whole disk) and never
    follows a link to a directory (a link to a parent would loop).

    Raises:
        ConfigurationError: more entries than the limit (code ``limit.directory-entries``).
    """
    most = limits.current().max_directory_entries
    seen = 0
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        seen += len(dirs) + len(files)
        if seen > most:
            what = f"the directory `{os.fspath(root)}` holds more than {most:,} entries"
            raise ConfigurationError(
                [
                    Diagnostic(
                        code="limit.directory-entries",
                        message=limits.limit_message("max_directory_entries", what),
                        help="name the folder of the rules or agreements, not a parent of it",
                    )
                ]
            )
        for name in files:
            if keep(name):
                path = Path(folder, name)
                if path.is_file():
                    found.append(path)
    return sorted(found)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"cannot read the file: {reason[:1].lower() + reason[1:]}"


class NotReadable(Exception):
    """Why a file is not read (internal: the readers below return the reason as text)."""


def open_regular(path: str) -> tuple[BinaryIO, int]:
    """A regular file opened for reading without blocking, and its size.

    FIFOs, devices, sockets and directories are refused before opening (an open FIFO
    would block, `/dev/zero` never ends), and again after it (a file replaced since the
    ``stat``).

    Raises:
        NotReadable: with the reason, ready for a message.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            msg = f"cannot read the file: it is {kind} (a FIFO, device or socket is never read)"
            raise NotReadable(msg)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        handle = os.fdopen(fd, "rb")
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since stat
            handle.close()
            raise NotReadable("cannot read the file: it is not a regular file")
    except (OSError, ValueError, TypeError) as exc:
        raise NotReadable(_reason(exc)) from None
    return handle, info.st_size


def read_limited(path: str, most: int, limit_name: str) -> tuple[bytes | None, str]:
    """The bytes of a regular file of at most ``most`` bytes, or ``None`` and why not.

    The file is opened by :func:`open_regular` and read at most one byte past the limit,
    so a file that grows while read is still bounded.
    """
    try:
        handle, size = open_regular(path)
    except NotReadable as exc:
        return None, str(exc)
    try:
        with handle:
            if size > most:
                return None, limits.limit_message(limit_name, f"the file has {size} bytes")
            data = handle.read(most + 1)
    except (OSError, ValueError) as exc:
        return None, _reason(exc)
    except MemoryError:
        return None, "cannot read the file: not enough memory"
    if len(data) > most:
        return None, limits.limit_message(limit_name, f"the file has more than {most} bytes")
    return data, ""


def bounded_lines(
    readline: Callable[[int], bytes | str], most: int, limit_name: str
) -> Iterator[tuple[int, str | None, str]]:
    """The lines of a stream (a JSON Lines file, standard input), each bounded.

    Yields ``(number, text, "")`` per line, or ``(number, None, why)`` for a line longer
    than ``most`` bytes (the limit ``limit_name``; the rest of it is skipped in pieces of
    ``most``, so memory stays bounded) or not valid UTF-8. The stream may be binary or
    text (``readline(size)`` either way); the whole stream is never held at once.
    """
    number = 0
    while True:
        line = readline(most + 1)
        if not line:
            return
        number += 1
        if len(line) > most and not _ends(line):
            while (more := readline(most + 1)) and not _ends(more):
                pass
            what = f"line {number} is longer than {most} bytes"
            yield number, None, limits.limit_message(limit_name, what)
            continue
        if isinstance(line, bytes):
            try:
                text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, f"line {number} is not valid UTF-8 (byte {exc.start})"
                continue
        else:
            text = line
        yield number, text, ""


def _ends(line: bytes | str) -> bool:
    if isinstance(line, bytes):
        return line.endswith(b"\n")
    return line.endswith("\n")


def read_text(path: str | os.PathLike[str], limit_name: str) -> tuple[str | None, str]:
    """The UTF-8 text of a regular file within the limit ``limit_name``, or ``None`` and why.

    Args:
        path: the file.
        limit_name: the field of :class:`limits.Limits` that bounds its size, e.g.
            ``max_rule_file_bytes``.
    """
    most: int = getattr(limits.current(), limit_name)
    data, problem = read_limited(os.fspath(path), most, limit_name)
    if data is None:
        return None, problem
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return None, str(exc)

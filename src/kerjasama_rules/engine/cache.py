"""A cache of checked rule sets that survives between processes, for a fast cold start.

Parsing the bundled rules with lark and checking them costs far more than anything else
a ``kerjasama check`` of one file does. :func:`load_rules` therefore stores what the
checker left (:class:`CheckedRules`, as plain data: ``snapshot.py``) and the compiled
code of the generated rule functions (``codegen.py``, through :func:`compile_source`),
and the next process that loads the same rules reads them back instead: neither lark
nor the checker is imported then.

**Where.** ``$KERJASAMA_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/kerjasama-rules``,
else ``~/.cache/kerjasama-rules``. ``KERJASAMA_NO_CACHE=1`` (or ``--no-cache`` on the
command line, or :func:`disabled`) turns it off for reading and writing. One file per
rule set, ``rules-<key>.bin``; the 16 most recently written are kept.

**The key** is a SHA-256 of everything the stored result depends on: the cache format,
the library version, the Python version and its bytecode tag, the grammar's bytes, the
size and modification time of every module of the library (an edited checkout is never
served a result of its older self), the resource limits in force, and for each rule
file loaded, in order, the name it is shown under and its text. A changed byte anywhere
is another key, hence a miss and a rebuild.

**Never an error, never a wrong verdict.** A file is used only when its header, its
key and the SHA-256 of its payload match and the payload decodes completely; anything
else (truncated, corrupt, another version's, unreadable) counts as a miss: the rules are
parsed and checked as without a cache, and the entry is written again. Writes go through
``fileio.write_atomic``, so two processes starting at once each write a whole file and a
reader never sees half of one. A directory that cannot be created or written just means
no cache.

**Safety.** The payload is ``marshal`` data, not ``pickle``: unpickling calls whatever
the file names, whereas the checked rules are stored as tuples of plain values that
``snapshot.decode`` turns back only into this package's own attrs classes and enums. The
compiled rule functions are code, however, and are run, as Python runs ``__pycache__``
files. So the cache is used only where nobody else could have written it: the directory
is created ``0700``, and it and each file must belong to the current user and must not be
writable by the group or others (checked on the open file, so a swapped path cannot slip
in between). Otherwise the cache is neither read nor written.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import CodeType

from ..language.checked import CheckedRules

__all__ = [
    "ENV_DIR",
    "ENV_OFF",
    "cache_dir",
    "collector_paused",
    "compile_source",
    "disabled",
    "enabled",
    "load",
    "recording",
    "rules_key",
    "store",
]

ENV_DIR = "KERJASAMA_CACHE_DIR"
ENV_OFF = "KERJASAMA_NO_CACHE"

_MAGIC = b"kerjasama-rules-cache/1\n"
_KEEP = 16
_PACKAGE_DIR = Path(__file__).resolve().parent.parent

# Compiled generated functions by a digest of their file name and source, shared by every
# RuleSet of this process; filled from a cache entry and by compiling. Bounded.
_CODES: dict[str, CodeType] = {}
_CODES_MAX = 4096
_recorders: list[dict[str, CodeType]] = []
_off = 0


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Building a rule set (from the cache or from the rule files) makes tens of thousands of
    objects and no cycles worth collecting; the collector would traverse them several
    times over for nothing, a large share of a warm start.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def enabled() -> bool:
    """Whether the cache is on: not turned off by ``KERJASAMA_NO_CACHE`` or :func:`disabled`."""
    return not _off and os.environ.get(ENV_OFF, "") in ("", "0")


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Neither read nor write the cache inside the ``with`` block (``--no-cache``)."""
    global _off  # a process-wide switch, by design: the CLI turns it off for one command
    _off += 1
    try:
        yield
    finally:
        _off -= 1


def cache_dir() -> Path | None:
    """Where rule sets are cached, or None when the cache is off."""
    if not enabled():
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "kerjasama-rules"
    home = os.path.expanduser("~")
    if home == "~":
        return None
    return Path(home) / ".cache" / "kerjasama-rules"


def _code_fingerprint() -> bytes:
    """Sizes and modification times of the library's modules and grammar, by path."""
    h = hashlib.sha256()
    stack = [_PACKAGE_DIR]
    while stack:
        d = stack.pop()
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                if e.name not in ("__pycache__", "rules"):
                    stack.append(Path(e.path))
            elif e.name.endswith((".py", ".lark")):
                st = e.stat()
                h.update(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.digest()


def rules_key(named_texts: Sequence[tuple[str, str]]) -> str:
    """The cache key of a rule set given as ``(shown name, text)`` of each file, in order."""
    from .. import limits
    from ..version import __version__
    from .snapshot import FORMAT

    h = hashlib.sha256()
    h.update(_MAGIC + FORMAT.encode() + b"\0" + __version__.encode() + b"\0")
    h.update(f"{sys.version}\0{sys.implementation.cache_tag}\0{marshal.version}\0".encode())
    try:
        h.update((_PACKAGE_DIR / "language" / "policy.lark").read_bytes())
    except OSError:
        h.update(b"no grammar")
    h.update(_code_fingerprint())
    h.update(repr(limits.current()).encode())
    for name, text in named_texts:
        data = text.encode("utf-8", "surrogatepass")
        h.update(f"\0{len(name)}:{name}\0{len(data)}:".encode() + data)
    return h.hexdigest()


def _trusted(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    if not hasattr(os, "getuid"):  # no owners to compare (Windows): the profile is private
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _directory(create: bool) -> Path | None:
    d = cache_dir()
    if d is None:
        return None
    try:
        if create:
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(d)
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode) or not _trusted(info):
        return None
    return d


def _entry(d: Path, key: str) -> Path:
    return d / f"rules-{key}.bin"


def load(key: str) -> CheckedRules | None:
    """The checked rules stored under ``key`` (their compiled functions made available to
    :func:`compile_source`), or None: off, missing, not trusted, or not a whole entry."""
    d = _directory(create=False)
    if d is None:
        return None
    try:
        fd = os.open(_entry(d, key), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or not _trusted(info):
                return None
            blob = f.read()
    except OSError:
        return None
    return _parse(blob, key)


def _parse(blob: bytes, key: str) -> CheckedRules | None:
    from .snapshot import decode

    head = _MAGIC + key.encode() + b"\n"
    if not blob.startswith(head) or len(blob) < len(head) + 32:
        return None
    digest, payload = blob[len(head) : len(head) + 32], blob[len(head) + 32 :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        # Many small objects at once: see collector_paused.
        with collector_paused():
            data, codes = marshal.loads(payload)
            checked = decode(data)
        if not isinstance(codes, dict) or not all(
            isinstance(k, str) and isinstance(v, CodeType) for k, v in codes.items()
        ):
            return None
    except Exception:  # whatever a bad entry does (SnapshotError, EOFError...), it is a miss
        return None
    if len(_CODES) + len(codes) > _CODES_MAX:
        _CODES.clear()
    _CODES.update(codes)
    return checked


def store(key: str, checked: CheckedRules, codes: dict[str, CodeType]) -> None:
    """Write the entry for ``key``; silently nothing when off, unwritable or unstorable."""
    from ..fileio import write_atomic
    from .snapshot import SnapshotError, encode

    d = _directory(create=True)
    if d is None:
        return
    try:
        payload = marshal.dumps((encode(checked), codes))
    except (SnapshotError, ValueError, RecursionError):
        return
    blob = _MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).digest() + payload
    try:
        write_atomic(_entry(d, key), blob)
        os.chmod(_entry(d, key), 0o600)
    except Exception:  # a cache that cannot be written is no cache
        return
    _prune(d)


def _prune(d: Path) -> None:
    """Keep the most recent entries only: each change of rules or version adds one."""
    try:
        entries = sorted(
            (p for p in d.glob("rules-*.bin") if p.is_file()),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _code_key(source: str, filename: str) -> str:
    data = f"{filename}\0{source}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def compile_source(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, served from the cache when it holds it."""
    key = _code_key(source, filename)
    code = _CODES.get(key)
    if code is None:
        code = compile(source, filename, "exec")
        if len(_CODES) >= _CODES_MAX:
            _CODES.clear()
        _CODES[key] = code
    for rec in _recorders:
        rec[key] = code
    return code


@contextlib.contextmanager
def recording() -> Iterator[dict[str, CodeType]]:
    """Collect every code object :func:`compile_source` returns inside the block."""
    rec: dict[str, CodeType] = {}
    _recorders.append(rec)
    try:
        yield rec
    finally:
        _recorders.remove(rec)

"""Nothing written is ever lost: ``fileio.write_atomic`` and bounded reads."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kerjasama_rules import limits
from kerjasama_rules.errors import ConfigurationError
from kerjasama_rules.fileio import read_limited, write_atomic


def test_writes_a_new_file_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_atomic(target, "hello\n")
    assert target.read_text(encoding="utf-8") == "hello\n"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_replaces_and_keeps_the_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symbolic_link_is_kept_and_its_file_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failure_mid_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "a.txt"
    target.write_text("original", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.inner = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.inner.close()

            def write(self, data: bytes) -> int:
                self.inner.write(data[: len(data) // 2])  # half is written, then the disk fills
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fdopen", Full)
    else:
        monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "the new contents, longer than the old")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_interrupt_mid_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_text("original", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_read_only_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("original", encoding="utf-8")
    target.chmod(0o444)
    try:
        with pytest.raises(ConfigurationError, match="read-only"):
            write_atomic(target, "new")
        assert target.read_text(encoding="utf-8") == "original"
    finally:
        target.chmod(0o644)


def test_a_directory_or_fifo_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(ConfigurationError, match="not a regular file"):
        write_atomic(tmp_path / "d", "x")
    os.mkfifo(tmp_path / "f")
    with pytest.raises(ConfigurationError, match="not a regular file"):
        write_atomic(tmp_path / "f", "x")


def test_read_limited_refuses_special_files_and_large_ones(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    data, why = read_limited(str(tmp_path / "fifo"), 10, "max_input_bytes")
    assert data is None and "not a regular file" in why
    data, why = read_limited(str(tmp_path), 10, "max_input_bytes")
    assert data is None and "directory" in why
    (tmp_path / "big").write_bytes(b"x" * 11)
    data, why = read_limited(str(tmp_path / "big"), 10, "max_input_bytes")
    assert data is None and "max_input_bytes" in why
    data, why = read_limited(str(tmp_path / "big"), 11, "max_input_bytes")
    assert data == b"x" * 11 and why == ""


def test_limits_can_be_changed_and_restored() -> None:
    before = limits.configure(max_list_length=5)
    try:
        assert limits.current().max_list_length == 5
    finally:
        limits.configure(max_list_length=before.max_list_length)
    assert limits.current() == before
    with pytest.raises(ValueError, match="positive integer"):
        limits.configure(max_list_length=0)


def test_bounded_lines_reads_a_stream_one_bounded_line_at_a_time() -> None:
    import io

    from kerjasama_rules.fileio import bounded_lines

    data = b'{"a": 1}\n' + b"x" * 50 + b"\n\xff\xfe\n" + b"last"
    got = list(bounded_lines(io.BytesIO(data).readline, 20, "max_input_bytes"))
    assert got[0] == (1, '{"a": 1}\n', "")
    assert got[1][:2] == (2, None) and "max_input_bytes" in got[1][2]  # skipped whole
    assert got[2][:2] == (3, None) and "UTF-8" in got[2][2]
    assert got[3] == (4, "last", "")
    # a text stream (standard input in tests) the same way
    text = list(bounded_lines(io.StringIO("a\n" + "y" * 30 + "\n").readline, 20, "max_input_bytes"))
    assert [n for n, line, _ in text if line is not None] == [1]


def test_open_regular_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    from kerjasama_rules.fileio import NotReadable, open_regular

    fifo = tmp_path / "f.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(NotReadable, match="not a regular file"):
        open_regular(str(fifo))

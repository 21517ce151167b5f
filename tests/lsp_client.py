"""A small LSP client over a subprocess' pipes, for the language server's end-to-end tests.

It speaks JSON-RPC with ``Content-Length`` framing as an editor does: requests wait for
their response, notifications from the server (``publishDiagnostics``) are queued and
can be awaited by URI.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

# Generous: the machine running the suite may be busy. No assertion depends on it.
WAIT = 120.0


def _read_message(stream: BinaryIO) -> dict[str, Any] | None:
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    if length is None:
        return None
    body = stream.read(length)
    message: dict[str, Any] = json.loads(body.decode("utf-8"))
    return message


class LspClient:
    """An LSP client driving a server process started from ``command``."""

    def __init__(self, command: Sequence[str], cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while True:
            msg = _read_message(self.proc.stdout)
            if msg is None:
                return
            if "id" in msg and ("result" in msg or "error" in msg):
                with self._lock:
                    box = self._responses.get(msg["id"])
                if box is not None:
                    box.put(msg)
            elif "id" in msg:  # a request from the server (e.g. workDoneProgress): accept it
                self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
            else:
                self.notifications.put(msg)

    def _send(self, msg: dict[str, Any]) -> None:
        body = json.dumps(msg).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: Any) -> Any:
        """Send a request and return its result (raising on an error response)."""
        with self._lock:
            self._next_id += 1
            rid = self._next_id
            box: queue.Queue[dict[str, Any]] = queue.Queue()
            self._responses[rid] = box
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        msg = box.get(timeout=WAIT)
        if "error" in msg:
            raise RuntimeError(f"{method}: {msg['error']}")
        return msg.get("result")

    def notify(self, method: str, params: Any) -> None:
        """Send a notification."""
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (for ``version`` when given)."""
        while True:
            msg = self.notifications.get(timeout=WAIT)
            if msg.get("method") != "textDocument/publishDiagnostics":
                continue
            params = msg["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
            if params["uri"] == uri and (version is None or params.get("version") == version):
                return list(params["diagnostics"])

    def close(self) -> int:
        """``shutdown``, ``exit``, and the server's exit code."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=WAIT)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()

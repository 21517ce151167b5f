"""`kerjasama lsp` in a real editor: Neovim, headless, with the tested configuration.

``tests/editors/init.lua`` is the configuration docs/editor.md shows;
``tests/editors/drive.lua`` opens a bundled file, a broken file and a messy one, waits
for their diagnostics, asks hover, completion and formatting, and writes what Neovim got
as JSON. Neovim is a test requirement (``apt-get install neovim``, as .ci/run does): the
test fails, never skips, when it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kerjasama_rules.drafting.formatter import format_source

ROOT = Path(__file__).resolve().parents[1]
EDITORS = Path(__file__).resolve().parent / "editors"
PASAL_30 = ROOT / "rules" / "pp28_2018" / "pasal_30.kr"

BROKEN = """\
aturan "saya-1" {
  judul "uji penyusun"
  dasar PP 28/2018 Pasal 30 ayat (2)
  wajib dprd.lampiran_rencna
    pesan "Surat permohonan melampirkan rencana kerja sama"
}
"""

MESSY = """\
aturan   "saya-3" {
    judul "uji format"   # komentar tetap
  dasar PP 28/2018 Pasal 30 ayat (2)
      wajib terisi dprd.lampiran_rencana
  pesan "Rencana kerja sama dilampirkan"
  pesan en "The cooperation plan is attached"
}
"""


def _position(text: str, needle: str, into: int = 0) -> dict[str, int]:
    offset = text.index(needle) + into
    return {
        "line": text.count("\n", 0, offset),
        "character": offset - (text.rfind("\n", 0, offset) + 1),
    }


def test_neovim_shows_diagnostics_hover_completion_and_formatting(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail(
            "Neovim is needed for this test: install it (Debian: `apt-get install -y neovim`, "
            "as .ci/run does) and run again"
        )
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    broken, messy = drafts / "broken.kr", drafts / "messy.kr"
    broken.write_text(BROKEN, encoding="utf-8")
    messy.write_text(MESSY, encoding="utf-8")
    bundled = PASAL_30.read_text(encoding="utf-8")
    out = tmp_path / "nvim.json"
    spec = {
        "out": str(out),
        "files": [
            {"path": str(PASAL_30), "hover": _position(bundled, "dprd.", 6)},
            {"path": str(broken), "completion": _position(BROKEN, "lampiran_rencna")},
            {"path": str(messy), "format": True},
        ],
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    env = dict(os.environ)
    env["KERJASAMA_NVIM_SPEC"] = str(tmp_path / "spec.json")
    env["KERJASAMA_LSP_CMD"] = json.dumps([sys.executable, "-m", "kerjasama_rules", "lsp"])
    env["XDG_STATE_HOME"] = env["XDG_DATA_HOME"] = str(tmp_path / "nvim-home")
    proc = subprocess.run(
        [
            nvim,
            "--headless",
            "-n",
            "-i",
            "NONE",
            "-u",
            str(EDITORS / "init.lua"),
            "-c",
            f"luafile {EDITORS / 'drive.lua'}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.exists(), proc.stderr + proc.stdout
    got = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in got, got
    assert proc.returncode == 0, proc.stderr
    files = got["files"]

    clean = files[str(PASAL_30)]
    assert clean["published"] is True
    assert clean["diagnostics"] == []
    assert "dprd" in clean["hover"]

    wrong = files[str(broken)]
    assert wrong["published"] is True
    (d,) = [d for d in wrong["diagnostics"] if "lampiran_rencna" in d["message"]]
    assert d["line"] == _position(BROKEN, "lampiran_rencna")["line"]
    assert "lampiran_rencana" in wrong["completion"]

    tidy = files[str(messy)]
    assert tidy["formatted"] == format_source(MESSY)
    assert tidy["formatted"] != MESSY


def test_the_documented_neovim_configuration_is_the_tested_one() -> None:
    import re

    page = (ROOT / "docs" / "editor.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```lua\n(.*?)```", page, re.S)
    assert len(blocks) == 2  # the Indonesian and the English section
    tested = (EDITORS / "init.lua").read_text(encoding="utf-8")
    for block in blocks:
        assert block.replace('cmd = { "kerjasama", "lsp" },', "cmd = cmd,") in tested

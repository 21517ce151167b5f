"""`kerjasama lsp` end to end: a real LSP client over the server's stdin and stdout.

One server process serves the whole module (start-up and the first lint of the bundled
rules take a few seconds); each test opens its own documents. The client is
``tests/lsp_client.py``, a plain JSON-RPC client as an editor would be, so nothing here
calls a handler directly.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kerjasama_rules.cli import lsp as lsp_command
from kerjasama_rules.cli import main
from kerjasama_rules.drafting.formatter import format_source
from kerjasama_rules.language.keywords import KEYWORDS
from kerjasama_rules.law.inventory import load_inventory
from lsp_client import LspClient

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "rules"
PASAL_30 = BUNDLED / "pp28_2018" / "pasal_30.kr"

BROKEN_ID = """\
aturan "saya-1" {
  judul "uji penyusun"
  dasar PP 28/2018 Pasal 30 ayat (2)
  berlaku jika jenis == KSDPL
  wajib dprd.
"""

MISSPELT_ID = """\
aturan "saya-2" {
  judul "uji penyusun"
  dasar PP 28/2018 Pasal 30 ayat (2)
  wajib dprd.lampiran_rencna
    pesan "Surat permohonan melampirkan rencana kerja sama"
    pesan en "The request letter attaches the cooperation plan"
}
"""

MISSPELT_EN = MISSPELT_ID.replace("aturan", "rule").replace("judul", "title")
MISSPELT_EN = MISSPELT_EN.replace("dasar", "cite").replace("wajib", "require")
MISSPELT_EN = MISSPELT_EN.replace('pesan en "', 'message en "').replace('pesan "', 'message "')

MESSY_ID = """\
aturan   "saya-3" {
    judul "uji format"   # komentar tetap
  dasar PP 28/2018 Pasal 30 ayat (2)
      wajib terisi dprd.lampiran_rencana
  pesan "Rencana kerja sama dilampirkan"
  pesan en "The cooperation plan is attached"
}
"""


def _pos(text: str, needle: str, into: int = 0) -> dict[str, int]:
    """The LSP position ``into`` characters after the start of ``needle``."""
    offset = text.index(needle) + into
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def _end(text: str, needle: str) -> dict[str, int]:
    return _pos(text, needle, len(needle))


@pytest.fixture(scope="module")
def client() -> Iterator[LspClient]:
    c = LspClient([sys.executable, "-m", "kerjasama_rules", "lsp"], cwd=ROOT)
    result = c.request(
        "initialize",
        {
            "processId": None,
            "rootUri": ROOT.as_uri(),
            "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}},
            "workspaceFolders": [{"uri": ROOT.as_uri(), "name": "kerjasama_rules"}],
        },
    )
    c.capabilities = result["capabilities"]  # type: ignore[attr-defined]
    c.notify("initialized", {})
    yield c
    assert c.close() == 0


def _open(client: LspClient, path: Path, text: str) -> list[dict[str, Any]]:
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "kerjasama", "version": 1, "text": text}},
    )
    return client.wait_diagnostics(uri, 1)


def _doc(path: Path) -> dict[str, str]:
    return {"uri": path.as_uri()}


def test_initialize_announces_every_feature(client: LspClient) -> None:
    caps = client.capabilities  # type: ignore[attr-defined]
    for feature in (
        "hoverProvider",
        "completionProvider",
        "definitionProvider",
        "referencesProvider",
        "documentFormattingProvider",
        "codeActionProvider",
    ):
        assert caps.get(feature), feature
    assert "." in caps["completionProvider"]["triggerCharacters"]


def test_a_bundled_file_is_clean_and_answers_hover_definition_references(
    client: LspClient,
) -> None:
    text = PASAL_30.read_text(encoding="utf-8")
    diags = _open(client, PASAL_30, text)
    assert [d for d in diags if d["severity"] == 1] == []

    # Hover on a citation: the unit of law, and the rules that cite it.
    hover = client.request(
        "textDocument/hover",
        {"textDocument": _doc(PASAL_30), "position": _pos(text, "Pasal 30 ayat (1)", 3)},
    )
    shown = hover["contents"]["value"]
    assert "Pasal 30 ayat (1) PP 28/2018" in shown
    assert "`pp28-30-1`" in shown
    assert "dikutip oleh aturan" in shown  # the file is Indonesian, so is the hover
    # The unit's wording from the inventory, or the inventory's reason it has none.
    unit = load_inventory().unit("PP 28/2018", 30, 1)
    assert unit is not None
    said = unit.wording or unit.wording_missing
    assert said and said.splitlines()[0] in shown

    # Hover on a field path: type, meaning, allowed values, legal basis.
    hover = client.request(
        "textDocument/hover",
        {"textDocument": _doc(PASAL_30), "position": _pos(text, "dprd.keputusan", 8)},
    )
    shown = hover["contents"]["value"]
    assert "`dprd.keputusan`" in shown
    assert "`disetujui`" in shown and "`ditolak`" in shown
    assert "PP 28/2018 Pasal 30" in shown

    # Go to definition of a switch declared in another file of the set.
    target = client.request(
        "textDocument/definition",
        {"textDocument": _doc(PASAL_30), "position": _pos(text, "mode_bukti", 2)},
    )
    assert target["uri"].endswith("/rules/pp28_2018/tafsiran.kr")
    decl = (BUNDLED / "pp28_2018" / "tafsiran.kr").read_text(encoding="utf-8").splitlines()
    line = decl[target["range"]["start"]["line"]]
    start, end = target["range"]["start"]["character"], target["range"]["end"]["character"]
    assert line[start:end] == "mode_bukti"

    # References of a field, across the rule set: every range is that field's name.
    refs = client.request(
        "textDocument/references",
        {
            "textDocument": _doc(PASAL_30),
            "position": _pos(text, "dprd.keputusan", 8),
            "context": {"includeDeclaration": False},
        },
    )
    files = {r["uri"].rsplit("/", 1)[-1] for r in refs}
    assert "pasal_30.kr" in files and len(files) > 1
    for r in refs:
        path = Path(r["uri"].removeprefix("file://"))
        lines = path.read_text(encoding="utf-8").splitlines()
        rng = r["range"]
        assert rng["start"]["line"] == rng["end"]["line"]
        got = lines[rng["start"]["line"]][rng["start"]["character"] : rng["end"]["character"]]
        assert got == "keputusan", r

    # Completion offers the set's definitions and switches (declared in other files).
    items = client.request(
        "textDocument/completion",
        {"textDocument": _doc(PASAL_30), "position": _pos(text, "  wajib", 2)},
    )["items"]
    labels = {i["label"] for i in items}
    assert {"mode_bukti", "cuti_bersama", "antar_kabupaten_kota_satu_provinsi"} <= labels
    assert {"wajib", "dasar"} <= labels


def test_a_broken_file_gets_diagnostics_and_completion(client: LspClient, tmp_path: Path) -> None:
    path = tmp_path / "mine" / "aturan_saya.kr"
    path.parent.mkdir()
    path.write_text("", encoding="utf-8")  # on disk empty: the server reads the buffer
    diags = _open(client, path, BROKEN_ID)
    assert any(d["code"].startswith("syntax.") and d["severity"] == 1 for d in diags), diags

    # Fields after `dprd.`, though the file does not parse.
    items = client.request(
        "textDocument/completion",
        {"textDocument": _doc(path), "position": _end(BROKEN_ID, "wajib dprd.")},
    )["items"]
    labels = {i["label"] for i in items}
    assert {"lampiran_rencana", "keputusan", "surat_permohonan"} <= labels
    assert "jenis" not in labels  # a field of the agreement, not of `dprd`

    # Enum values after `==`.
    items = client.request(
        "textDocument/completion",
        {"textDocument": _doc(path), "position": _end(BROKEN_ID, "jenis == ")},
    )["items"]
    assert {"KSDD", "KSDPL"} <= {i["label"] for i in items}

    # Keywords in the file's language, and declarations of the set.
    items = client.request(
        "textDocument/completion",
        {"textDocument": _doc(path), "position": {"line": 4, "character": 2}},
    )["items"]
    labels = {i["label"] for i in items}
    assert {"wajib", "berlaku jika", "kecuali"} <= labels
    assert "require" not in labels


def test_completion_knows_quantifier_variables_and_english_keywords(
    client: LspClient, tmp_path: Path
) -> None:
    path = tmp_path / "kuantor.kr"
    text = 'rule "mine-1" {\n  when any m in mitra: m.'
    _open(client, path, text)
    items = client.request(
        "textDocument/completion", {"textDocument": _doc(path), "position": _end(text, "m.")}
    )["items"]
    assert {"negara", "berbatasan", "partai_politik"} <= {i["label"] for i in items}
    items = client.request(
        "textDocument/completion",
        {"textDocument": _doc(path), "position": _pos(text, "when")},
    )["items"]
    labels = {i["label"] for i in items}
    assert {"require", "when", "unless"} <= labels
    assert "wajib" not in labels


def test_typing_updates_the_diagnostics(client: LspClient, tmp_path: Path) -> None:
    path = tmp_path / "aturan_ketik.kr"
    _open(client, path, BROKEN_ID)
    fixed = BROKEN_ID + '    lampiran_rencana\n    pesan "x"\n    pesan en "x"\n}\n'
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": path.as_uri(), "version": 2},
            "contentChanges": [{"text": fixed}],
        },
    )
    diags = client.wait_diagnostics(path.as_uri(), 2)
    assert [d for d in diags if d["severity"] == 1] == [], diags


def test_a_file_broken_mid_edit_keeps_its_declarations(client: LspClient, tmp_path: Path) -> None:
    path = tmp_path / "definisi_saya.kr"
    good = "definisi punya_saya = terisi dprd.keputusan\n"
    assert [d for d in _open(client, path, good) if d["severity"] == 1] == []
    broken = good + 'aturan "saya-4" {\n  wajib pu'
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": path.as_uri(), "version": 2},
            "contentChanges": [{"text": broken}],
        },
    )
    assert any(d["code"].startswith("syntax.") for d in client.wait_diagnostics(path.as_uri(), 2))
    items = client.request(
        "textDocument/completion",
        {"textDocument": _doc(path), "position": _end(broken, "wajib pu")},
    )["items"]
    assert "punya_saya" in {i["label"] for i in items}


@pytest.mark.parametrize(
    ("text", "english"), [(MISSPELT_ID, False), (MISSPELT_EN, True)], ids=["id", "en"]
)
def test_did_you_mean_has_a_quick_fix_in_the_files_language(
    client: LspClient, tmp_path: Path, text: str, english: bool
) -> None:
    path = tmp_path / "salah_ketik.kr"
    diags = _open(client, path, text)
    [d] = [d for d in diags if d["code"] == "check.unknown-field"]
    # The diagnostic speaks the language of the file's keywords.
    assert ("is not a field" in d["message"]) is english, d["message"]
    assert ("did you mean" in d["message"]) is english, d["message"]
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": _doc(path), "range": d["range"], "context": {"diagnostics": [d]}},
    )
    [action] = actions
    assert action["kind"] == "quickfix"
    [edit] = action["edit"]["changes"][path.as_uri()]
    assert edit["newText"] == "lampiran_rencana"
    assert edit["range"] == d["range"]
    line = text.splitlines()[d["range"]["start"]["line"]]
    start, end = d["range"]["start"]["character"], d["range"]["end"]["character"]
    assert line[start:end] == "lampiran_rencna"
    # A client that does not send `data` back gets the same fix.
    bare = {k: v for k, v in d.items() if k != "data"}
    [again] = client.request(
        "textDocument/codeAction",
        {"textDocument": _doc(path), "range": d["range"], "context": {"diagnostics": [bare]}},
    )
    assert again["edit"] == action["edit"]


def test_formatting_is_the_formatter(client: LspClient, tmp_path: Path) -> None:
    path = tmp_path / "berantakan.kr"
    _open(client, path, MESSY_ID)
    edits = client.request(
        "textDocument/formatting",
        {"textDocument": _doc(path), "options": {"tabSize": 2, "insertSpaces": True}},
    )
    [edit] = edits
    assert edit["range"]["start"] == {"line": 0, "character": 0}
    assert edit["newText"] == format_source(MESSY_ID)
    assert "# komentar tetap" in edit["newText"]
    # A file that does not parse is left alone.
    broken = tmp_path / "rusak.kr"
    _open(client, broken, BROKEN_ID)
    assert not client.request(
        "textDocument/formatting",
        {"textDocument": _doc(broken), "options": {"tabSize": 2, "insertSpaces": True}},
    )


def test_without_the_extra_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(lsp_command, "pygls_available", lambda: False)
    assert main(["lsp"]) == 2
    assert "pip install 'kerjasama-rules[lsp]'" in capsys.readouterr().err


def test_importing_the_library_does_not_import_pygls() -> None:
    code = "import sys, kerjasama_rules, kerjasama_rules.cli; print('pygls' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_the_vscode_extension_highlights_every_keyword() -> None:
    folder = ROOT / "editors" / "vscode"
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    [language] = manifest["contributes"]["languages"]
    assert language["extensions"] == [".kr"]
    json.loads((folder / language["configuration"]).read_text(encoding="utf-8"))
    [grammar] = manifest["contributes"]["grammars"]
    rules = json.loads((folder / grammar["path"]).read_text(encoding="utf-8"))["repository"]
    patterns = [re.compile(r["match"]) for r in rules.values() if "match" in r]
    words = {w for kws in KEYWORDS.values() for kw in kws.values() for w in kw.split()}
    missing = sorted(w for w in words if not any(p.fullmatch(w) for p in patterns))
    assert missing == []
    assert manifest["contributes"]["configuration"]["properties"]["kerjasama.server.command"][
        "default"
    ] == ["kerjasama", "lsp"]


def test_positions_count_utf16_code_units(client: LspClient, tmp_path: Path) -> None:
    # `𝐀` is one character but two UTF-16 code units, LSP's default unit of columns.
    text = MISSPELT_ID.replace(
        "wajib dprd.lampiran_rencna", 'wajib daerah.nama == "𝐀" dan dprd.lampiran_rencna'
    )
    path = tmp_path / "huruf_unik.kr"
    diags = _open(client, path, text)
    [d] = [d for d in diags if d["code"] == "check.unknown-field"]
    line = text.splitlines()[d["range"]["start"]["line"]].encode("utf-16-le")
    start, end = d["range"]["start"]["character"], d["range"]["end"]["character"]
    assert line[2 * start : 2 * end].decode("utf-16-le") == "lampiran_rencna"


def test_a_kerjasama_toml_project_is_one_rule_set(client: LspClient, tmp_path: Path) -> None:
    # The rule directories of the nearest kerjasama.toml are checked together, as every
    # `kerjasama` command resolves them: a definition in `b/` is known in `a/`.
    (tmp_path / "kerjasama.toml").write_text('[rules]\npaths = ["a", "b"]\n', encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "definisi.kr").write_text(
        "definisi dari_b = terisi dprd.keputusan\n", encoding="utf-8"
    )
    text = MISSPELT_ID.replace("dprd.lampiran_rencna", "dari_b")
    path = tmp_path / "a" / "aturan.kr"
    path.write_text(text, encoding="utf-8")
    assert [d for d in _open(client, path, text) if d["severity"] == 1] == []
    target = client.request(
        "textDocument/definition", {"textDocument": _doc(path), "position": _pos(text, "dari_b")}
    )
    assert target["uri"] == (tmp_path / "b" / "definisi.kr").resolve().as_uri()


CONTRADICTION_ID = """\
aturan "uji-sebelum" {
  dasar PP 28/2018 Pasal 30 ayat (1)
  berlaku jika jenis == KSDPL

  wajib dprd.tanggal_keputusan <= perjanjian.tanggal_ttd
    jika terisi perjanjian.tanggal_ttd
    pesan "DPRD memutus sebelum naskah ditandatangani"
}

aturan "uji-sesudah" {
  dasar PP 28/2018 Pasal 31 ayat (1)
  berlaku jika jenis == KSDPL

  wajib dprd.tanggal_keputusan > perjanjian.tanggal_ttd
    jika terisi perjanjian.tanggal_ttd
    pesan "DPRD memutus setelah naskah ditandatangani"
}
"""


def _save(client: LspClient, path: Path) -> list[dict[str, Any]]:
    """didSave, and the diagnostics published after the analyzer ran.

    Saving publishes twice for the saved file: the linter's diagnostics, then the same
    with the analyzer's findings beside them; a server that never analyses times out here.
    """
    uri = path.as_uri()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    client.wait_diagnostics(uri, 1)
    return client.wait_diagnostics(uri, 1)


def test_save_publishes_the_analyzers_contradiction_with_the_other_rule(
    client: LspClient, tmp_path: Path
) -> None:
    path = tmp_path / "bertentangan.kr"
    path.write_text(CONTRADICTION_ID, encoding="utf-8")
    diags = _open(client, path, CONTRADICTION_ID)
    assert not [d for d in diags if str(d.get("code", "")).startswith("analyze.")]
    diags = _save(client, path)
    found = [d for d in diags if d.get("code") == "analyze.contradiction"]
    assert len(found) == 1, diags
    d = found[0]
    assert d["severity"] == 1
    assert d["range"]["start"] == _pos(CONTRADICTION_ID, "wajib dprd.tanggal_keputusan >")
    assert "bertentangan dengan aturan `uji-sebelum`" in d["message"]  # the file's language
    (related,) = d["relatedInformation"]
    assert related["location"]["uri"] == path.as_uri()
    assert related["location"]["range"]["start"] == _pos(
        CONTRADICTION_ID, "wajib dprd.tanggal_keputusan <="
    )
    assert related["message"] == "uji-sebelum"
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": _doc(path), "range": d["range"], "context": {"diagnostics": [d]}},
    )
    (action,) = actions
    assert action["title"].startswith("Salin perjanjian saksi ke ")
    created, written = action["edit"]["documentChanges"]
    assert created["kind"] == "create" and created["uri"].endswith(".saksi.yaml")
    assert "tanggal_ttd" in written["edits"][0]["newText"]


def test_saving_a_clean_bundled_file_publishes_no_analyzer_finding(client: LspClient) -> None:
    text = PASAL_30.read_text(encoding="utf-8")
    _open(client, PASAL_30, text)
    diags = _save(client, PASAL_30)
    assert [d for d in diags if str(d.get("code", "")).startswith("analyze.")] == []


def test_the_analyzer_setting_defaults_to_on_exactly_when_z3_is_installed() -> None:
    from kerjasama_rules.analysis import z3_available
    from kerjasama_rules.lsp.workspace import Settings

    assert Settings.from_options({}, None).analyze_on is z3_available()
    assert Settings.from_options({"analyze": False}, None).analyze_on is False
    assert Settings.from_options({"analyze": "yes"}, None).analyze is None  # not a bool


def test_without_z3_saving_publishes_lint_only_and_logs_once(tmp_path: Path) -> None:
    # `sys.modules["z3"] = None` makes `import z3` fail, as when the extra is missing.
    hide_z3 = (
        "import sys; sys.modules['z3'] = None\n"
        "from kerjasama_rules.lsp.server import main\n"
        "raise SystemExit(main())\n"
    )
    c = LspClient([sys.executable, "-c", hide_z3], cwd=ROOT)
    c.request(
        "initialize",
        {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
    )
    c.notify("initialized", {})
    path = tmp_path / "bertentangan.kr"
    path.write_text(CONTRADICTION_ID, encoding="utf-8")
    _open(c, path, CONTRADICTION_ID)
    logs: list[str] = []
    for _ in range(2):
        c.notify("textDocument/didSave", {"textDocument": _doc(path)})
        while True:  # the lint publication of this save, the log messages on the way
            msg = c.notifications.get(timeout=120)
            if msg.get("method") == "window/logMessage":
                logs.append(msg["params"]["message"])
            elif msg.get("method") == "textDocument/publishDiagnostics":
                diags = msg["params"]["diagnostics"]
                assert not [d for d in diags if str(d.get("code", "")).startswith("analyze.")]
                break
    assert c.close() == 0
    while not c.notifications.empty():
        msg = c.notifications.get()
        if msg.get("method") == "window/logMessage":
            logs.append(msg["params"]["message"])
    z3_logs = [m for m in logs if "z3" in m]
    assert len(z3_logs) == 1, logs
    assert "kerjasama-rules[analysis]" in z3_logs[0]

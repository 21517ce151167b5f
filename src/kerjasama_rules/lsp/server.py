"""The LSP wiring: pygls handlers that call :mod:`.features` and speak LSP over stdio.

The only module that imports the protocol library (pygls, the ``lsp`` extra). Handlers
convert LSP positions to offsets and back; everything else is in :mod:`.features`
and :mod:`.workspace`. Linting a rule set takes a moment (every file of the set is
parsed), so diagnostics are computed in one worker thread after a short pause in typing,
and a result is dropped when the document changed meanwhile. The analyzer (``kerjasama
analyze``, z3) takes seconds, so it runs only on save, in the same worker, and its
findings are published beside the linter's.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.uris import from_fs_path, to_fs_path

from ..analysis import z3_available
from ..errors import KerjasamaError
from ..output.editor import quick_fix_title, witness_action_title
from . import features
from .workspace import RuleSetView, Settings, WorkspaceRules

try:  # pygls 2
    from pygls.lsp.server import LanguageServer
except ImportError:  # pragma: no cover - pygls 1.3, where the server lived in pygls.server
    from pygls.server import LanguageServer  # type: ignore[attr-defined,no-redef]

__all__ = ["KerjasamaLanguageServer", "build_server", "main"]

# Seconds of quiet after a keystroke before the rule set is linted again.
_PAUSE = 0.2

_KINDS = {
    "keyword": lsp.CompletionItemKind.Keyword,
    "field": lsp.CompletionItemKind.Field,
    "enum": lsp.CompletionItemKind.EnumMember,
    "definition": lsp.CompletionItemKind.Function,
    "determination": lsp.CompletionItemKind.Constant,
    "table": lsp.CompletionItemKind.Struct,
    "switch": lsp.CompletionItemKind.Variable,
    "variable": lsp.CompletionItemKind.Variable,
}


def _version() -> str:
    try:
        return version("kerjasama-rules")
    except PackageNotFoundError:  # pragma: no cover - running from an unpacked tree
        return "0"


def _doc_name(uri: str) -> str:
    """A document's name in the rule set: its absolute path, or the URI for unsaved ones."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path is None:
        return uri
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def _uri(name: str) -> str:
    return (from_fs_path(name) or name) if Path(name).is_absolute() else name


class KerjasamaLanguageServer(LanguageServer):
    """The ``kerjasama`` language server: a pygls server with the rule set of each document."""

    def __init__(self) -> None:
        super().__init__("kerjasama", _version())
        self.rules = WorkspaceRules()
        self.problems: dict[str, list[features.Problem]] = {}
        # The analyzer's findings per document, from its last save (published with lint's).
        self.found: dict[str, list[features.Problem]] = {}
        self.said_no_solver = False
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kerjasama-lint")

    # ---- positions, in the encoding agreed at initialize (UTF-16 unless the client asks)
    @property
    def encoding(self) -> str:
        """``utf-16``, ``utf-8`` or ``utf-32``."""
        chosen = getattr(self.workspace, "position_encoding", None)
        return str(getattr(chosen, "value", chosen) or "utf-16")

    def range(self, text: str, start: int, end: int) -> lsp.Range:
        """The LSP range of ``[start, end)`` in ``text``."""
        a = features.position_of(text, start, self.encoding)
        b = features.position_of(text, end, self.encoding)
        return lsp.Range(start=lsp.Position(*a), end=lsp.Position(*b))

    def offset(self, text: str, position: lsp.Position) -> int:
        """The offset in ``text`` of an LSP position."""
        return features.offset_of(text, position.line, position.character, self.encoding)

    # ---- documents
    def text(self, uri: str) -> str:
        """The current text of an open document (the editor's, saved or not)."""
        return self.workspace.get_text_document(uri).source

    def open_docs(self) -> dict[str, str]:
        """Every open document's text by rule-set name."""
        docs = self.workspace.text_documents
        return {_doc_name(uri): doc.source for uri, doc in docs.items()}

    def document(self, uri: str) -> tuple[str, str, RuleSetView, str]:
        """``(name, text, rule set, keyword language)`` of an open document."""
        name, text = _doc_name(uri), self.text(uri)
        view = self.rules.view(name, text, self.open_docs())
        tree = self.rules.parsed(name, text).tree
        return name, text, view, features.document_language(text, tree)

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic], doc_version: int | None) -> None:
        """Send diagnostics, by whichever method this pygls version names."""
        params = lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc_version)
        send = getattr(self, "text_document_publish_diagnostics", None)
        if send is not None:
            send(params)
        else:  # pragma: no cover - pygls 1.3
            self.publish_diagnostics(uri, diagnostics, doc_version)  # type: ignore[attr-defined]

    async def lint_soon(self, uri: str) -> None:
        """Lint the document after a pause; publish unless it changed meanwhile."""
        doc = self.workspace.get_text_document(uri)
        seen = doc.version
        await asyncio.sleep(_PAUSE)
        doc = self.workspace.get_text_document(uri)
        if doc.version != seen:
            return
        name, text = _doc_name(uri), doc.source
        loop = asyncio.get_running_loop()
        diags = await loop.run_in_executor(
            self.linter, self.rules.diagnostics, name, text, self.open_docs()
        )
        if self.workspace.get_text_document(uri).version != seen:
            return
        lang = features.document_language(text, self.rules.parsed(name, text).tree)
        found = features.problems(diags, text, lang)
        self.problems[uri] = found
        self.publish_all(uri, text, seen)

    def publish_all(self, uri: str, text: str, doc_version: int | None) -> None:
        """Publish the linter's and the analyzer's problems of a document together."""
        every = self.problems.get(uri, []) + self.found.get(uri, [])
        self.publish(uri, [self.diagnostic(text, p) for p in every], doc_version)

    def diagnostic(self, text: str, p: features.Problem) -> lsp.Diagnostic:
        """The LSP diagnostic of a problem, with the other rule of a pair as related."""
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(
                    uri=_uri(file),
                    range=lsp.Range(start=lsp.Position(line, col), end=lsp.Position(line + 1, 0)),
                ),
                message=subject,
            )
            for file, line, col, subject in p.related
        ]
        d = _diagnostic(self.range(text, p.start, p.end), p)
        d.related_information = related or None
        if p.witness is not None:
            d.data = {"witness": p.witness}
        return d

    async def analyze_saved(self, uri: str) -> None:
        """Analyse the saved document's rule set; publish unless it changed meanwhile."""
        if self.rules.settings.analyze is False:  # turned off by the client
            return
        if not z3_available():
            # On by default, but without z3: say so once (the drafter may not know the
            # extra exists), then stay quiet.
            if not self.said_no_solver:
                self.said_no_solver = True
                self.log(
                    "kerjasama analyze needs the z3 solver: pip install 'kerjasama-rules[analysis]'"
                )
            return
        doc = self.workspace.get_text_document(uri)
        seen, name, text = doc.version, _doc_name(uri), doc.source
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(
                self.linter, self.rules.findings, name, text, self.open_docs()
            )
        except KerjasamaError as exc:
            self.log(f"kerjasama analyze: {exc}")
            return
        if self.workspace.get_text_document(uri).version != seen:
            return
        lang = features.document_language(text, self.rules.parsed(name, text).tree)
        self.found[uri] = features.analysis_problems(findings, text, lang)
        self.publish_all(uri, text, seen)

    def log(self, message: str) -> None:
        """``window/logMessage`` a warning."""
        params = lsp.LogMessageParams(type=lsp.MessageType.Warning, message=message)
        send = getattr(self, "window_log_message", None)
        if send is not None:
            send(params)
        else:  # pragma: no cover - pygls 1.3
            self.show_message_log(message, lsp.MessageType.Warning)  # type: ignore[attr-defined]


def _diagnostic(where: lsp.Range, p: features.Problem) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=where,
        message=p.message,
        severity=lsp.DiagnosticSeverity(p.severity),
        code=p.code,
        source="kerjasama",
        data={"replacement": p.replacement} if p.replacement else None,
    )


def build_server() -> KerjasamaLanguageServer:
    """A server with every feature registered (not started)."""
    server = KerjasamaLanguageServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: KerjasamaLanguageServer, params: lsp.InitializeParams) -> None:
        root: Path | None = None
        if params.workspace_folders:
            root = Path(to_fs_path(params.workspace_folders[0].uri) or ".")
        elif params.root_uri:
            root = Path(to_fs_path(params.root_uri) or ".")
        ls.rules = WorkspaceRules(Settings.from_options(params.initialization_options, root))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: KerjasamaLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        await ls.lint_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(
        ls: KerjasamaLanguageServer, params: lsp.DidChangeTextDocumentParams
    ) -> None:
        await ls.lint_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: KerjasamaLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # A saved file can change what the other open files of its set see.
        for uri in list(ls.workspace.text_documents):
            await ls.lint_soon(uri)
        await ls.analyze_saved(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KerjasamaLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.problems.pop(params.text_document.uri, None)
        ls.found.pop(params.text_document.uri, None)
        ls.publish(params.text_document.uri, [], None)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: KerjasamaLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        name, text, view, lang = ls.document(params.text_document.uri)
        offset = ls.offset(text, params.position)
        tree = ls.rules.parsed(name, text).tree
        doc_path = Path(name) if Path(name).is_absolute() else None
        inventory = ls.rules.inventory(ls.rules.roots(doc_path))
        shown = features.hover(text, offset, tree, view, inventory, lang)
        if shown is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=shown))

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[".", " ", "{"]),
    )
    def completion(ls: KerjasamaLanguageServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        _, text, view, lang = ls.document(params.text_document.uri)
        offset = ls.offset(text, params.position)
        items = [
            lsp.CompletionItem(label=c.label, kind=_KINDS.get(c.kind), detail=c.detail)
            for c in features.completions(text, offset, view, lang)
        ]
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(
        ls: KerjasamaLanguageServer, params: lsp.DefinitionParams
    ) -> lsp.Location | None:
        _, text, view, _ = ls.document(params.text_document.uri)
        offset = ls.offset(text, params.position)
        span = features.definition(text, offset, view)
        if span is None:
            return None
        return lsp.Location(
            uri=_uri(span.source.name), range=ls.range(span.source.text, span.start, span.end)
        )

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: KerjasamaLanguageServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        _, text, view, _ = ls.document(params.text_document.uri)
        offset = ls.offset(text, params.position)
        return [
            lsp.Location(uri=_uri(s.source.name), range=ls.range(s.source.text, s.start, s.end))
            for s in features.references(text, offset, view)
        ]

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(
        ls: KerjasamaLanguageServer, params: lsp.DocumentFormattingParams
    ) -> list[lsp.TextEdit] | None:
        uri = params.text_document.uri
        text = ls.text(uri)
        edits = features.formatting(text, _doc_name(uri))
        if edits is None:
            return None
        return [
            lsp.TextEdit(range=ls.range(text, e.start, e.end), new_text=e.new_text) for e in edits
        ]

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: KerjasamaLanguageServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        name, text = _doc_name(uri), ls.text(uri)
        lang = features.document_language(text, ls.rules.parsed(name, text).tree)
        # The fix rides in each diagnostic's `data`; a client that does not send `data`
        # back gets the fixes of the last published diagnostics at the same range.
        published = {
            (p.start, p.end, p.code): p.replacement
            for p in ls.problems.get(uri, [])
            if p.replacement
        }
        out = []
        for d in params.context.diagnostics:
            witness = _witness_of(d.data)
            if witness is not None:
                out.append(_witness_action(uri, d, witness, lang))
                continue
            at = (ls.offset(text, d.range.start), ls.offset(text, d.range.end), str(d.code))
            replacement = _replacement_of(d.data) or published.get(at)
            if replacement is None:
                continue
            edit = lsp.WorkspaceEdit(
                changes={uri: [lsp.TextEdit(range=d.range, new_text=replacement)]}
            )
            out.append(
                lsp.CodeAction(
                    title=quick_fix_title(replacement, lang),
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[d],
                    edit=edit,
                    is_preferred=True,
                )
            )
        return out

    return server


def _witness_of(data: Any) -> str | None:
    if isinstance(data, dict):
        value = data.get("witness")
        return value if isinstance(value, str) else None
    return None


def _witness_action(uri: str, d: lsp.Diagnostic, witness: str, lang: str) -> lsp.CodeAction:
    """Write the witness agreement to a new YAML file beside the rule file."""
    stem = uri.rsplit("/", 1)[-1].removesuffix(".kr")
    name = f"{stem}.{str(d.code).removeprefix('analyze.')}.saksi.yaml"
    target = uri.rsplit("/", 1)[0] + "/" + name
    edit = lsp.WorkspaceEdit(
        document_changes=[
            lsp.CreateFile(uri=target, options=lsp.CreateFileOptions(overwrite=True)),
            lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=target, version=None),
                edits=[
                    lsp.TextEdit(
                        range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 0)),
                        new_text=witness,
                    )
                ],
            ),
        ]
    )
    return lsp.CodeAction(
        title=witness_action_title(name, lang),
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[d],
        edit=edit,
    )


def _replacement_of(data: Any) -> str | None:
    if isinstance(data, dict):
        value = data.get("replacement")
        return value if isinstance(value, str) else None
    return None


def main() -> int:
    """Serve LSP over stdin and stdout until the client says ``exit``."""
    build_server().start_io()
    return 0

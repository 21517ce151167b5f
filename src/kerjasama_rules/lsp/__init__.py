"""The language server (``kerjasama lsp``): the policy language in any editor that speaks LSP.

A front end beside ``cli``: diagnostics from the linter as the drafter types, hover on
citations and field paths, completion, go to definition, references of a field,
formatting through the formatter and quick fixes for every "did you mean". The protocol
library (pygls, the optional extra ``lsp``) is imported only by :mod:`.server`, so
importing this package, or ``kerjasama_rules``, never needs it. :mod:`.workspace` and
:mod:`.features` are plain Python over text and offsets, testable without a client.

May import: every stage below it (base, model, language, engine, drafting, law, output);
never ``cli`` (the command line launches the server as ``python -m kerjasama_rules.lsp``).
"""

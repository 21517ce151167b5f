"""``python -m kerjasama_rules.lsp``: the language server over stdio (``kerjasama lsp``)."""

from __future__ import annotations

import sys

from .server import main

if __name__ == "__main__":
    sys.exit(main())

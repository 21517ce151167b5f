"""The ``kerjasama`` command: argument parsing, and one module per command group.

``main`` (the parser, ``check``, ``rules``, ``explain``, ``schema``, ``template``,
``deadline``; documented exit codes), ``drafting`` (``fmt``, ``lint``) and ``testing``
(``test``, ``coverage``). The entry point is ``kerjasama_rules.cli:main``.

May import: every other subpackage. Nothing imports ``cli``.
"""

from .main import main

__all__ = ["main"]

"""The ``kerjasama`` command: argument parsing, and one module per command group.

``main`` (the parser, ``check``, ``rules``, ``explain``, ``schema``, ``template``,
``deadline``; documented exit codes), ``drafting`` (``fmt``, ``lint``) and ``testing``
(``test``, ``coverage``). The entry point is ``kerjasama_rules.cli:main``.

May import: every other subpackage. Nothing imports ``cli``.
"""

import gc as _gc

# Importing the command line makes a few hundred thousand objects (classes, functions,
# the agreement model's attrs classes) and no garbage, yet the cyclic collector would
# run over them again and again: paused for the import, it is a fifth less CPU for a
# cold `kerjasama check`. Only for the import: the collector is on again afterwards.
_collecting = _gc.isenabled()
_gc.disable()
try:
    from .main import main
finally:
    if _collecting:
        _gc.enable()

__all__ = ["main"]

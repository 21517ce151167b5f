"""``python -m kerjasama_rules``: the same as the ``kerjasama`` command."""

from .cli.main import main

raise SystemExit(main())

"""A kit for property-based tests of rules and agreements (with the ``test`` extra).

``strategies``: hypothesis strategies for agreements. Public as
``kerjasama_rules.strategies``.

May import: ``engine``, ``language``, ``model`` and the base modules.
"""

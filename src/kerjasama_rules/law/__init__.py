"""The law as data: the inventory of units of law and coverage by law.

``inventory`` (``inventaris.yaml``: the units of each instrument) and ``coverage``
(which checkable units the rules encode and the rule tests exercise).

May import: ``drafting``, ``engine``, ``language``, ``model`` and the base modules.
"""

"""Drafter tooling: what a legal drafter runs on rule files.

``formatter`` (``kerjasama fmt``), ``linter`` (``kerjasama lint``), ``ruletests``
(``*.test.yaml``, ``kerjasama test``), ``template`` (a skeleton of the facts the rules
read) and ``schema`` (the agreement format as JSON Schema).

May import: ``engine``, ``language``, ``model`` and the base modules (not ``output``:
tooling returns data; the CLI renders it).
"""

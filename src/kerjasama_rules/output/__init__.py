"""Output: the only place that formats for people or machines.

The last stage before the front ends. ``i18n`` (the Indonesian/English catalogue of diagnostics),
``render`` (diagnostics, reports, explanations, rule lists, tables, as text or JSON) and
``sarif`` (lint diagnostics as SARIF 2.1.0).

May import: ``law``, ``drafting``, ``engine``, ``language``, ``model`` and the base modules.
"""

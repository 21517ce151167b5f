"""Output: the only place that formats for people or machines.

The last stage before the front ends. ``i18n`` (the Indonesian/English catalogue of diagnostics),
``render`` (diagnostics, reports, explanations, rule lists, tables, as text or JSON), with
``counts`` (one vocabulary of counts), ``plain`` (when an obligation falls due, in plain
words), ``plausibility`` (implausible dates) and ``diagnostics`` (the caret form), and
``sarif`` (lint diagnostics as SARIF 2.1.0). The portfolio report: ``portfolio_json``
(JSON and text), ``portfolio_html`` (one offline HTML page), ``portfolio_export``
(iCalendar, Excel) and ``portfolio_labels`` (their words); the HTML and the exports need
the optional extra ``report`` and are imported only when asked for.

May import: ``law``, ``drafting``, ``portfolio``, ``engine``, ``language``, ``model`` and
the base modules.
"""

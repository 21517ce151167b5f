"""The engine: checked rules -> a ``RuleSet`` that evaluates agreements into reports.

Stage 3 of the pipeline. ``compiler`` and ``closures`` (closures: the reference meaning
and the explanations), ``codegen`` (one generated function per rule: the fast path),
``report`` (what an evaluation found, plain frozen data), ``evaluator`` (``RuleSet``, with
its pieces ``compiled_rules``, ``planning``, ``running``, ``assembly`` and
``explanation``), ``comparison`` (an agreement under every setting of the interpretation
switches, as data) and ``rulefiles`` (finding, parsing and checking rule files into a
``RuleSet``).

May import: ``language``, ``model`` and the base modules. Nothing here formats text.
"""

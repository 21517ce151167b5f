"""The policy language: rule text -> checked syntax tree.

Stage 2 of the pipeline. ``keywords`` and ``policy.lark`` (the grammar and its saved
tables), ``parser`` (text -> ``nodes.RuleFile``), ``nodes`` (the syntax tree), ``printer``
(tree -> canonical text), ``typesys`` (the types), ``functions`` (the callable functions),
``values`` (the run-time unknown value), ``checker`` (names, types, citations ->
``CheckedRules``).

May import: ``model`` and the base modules.
"""

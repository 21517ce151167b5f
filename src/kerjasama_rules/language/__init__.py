"""The policy language: rule text -> checked syntax tree.

Stage 2 of the pipeline. ``keywords`` and ``policy.lark`` (the grammar and its saved
tables), ``parser`` (text -> ``nodes.RuleFile``; its transformer in ``transform`` and
``transform_expr``), ``nodes`` (the syntax tree), ``printer`` (tree -> canonical text),
``typesys`` (the types), ``functions`` (the callable functions), ``values`` (the run-time
unknown value), ``checker`` (names, types, citations -> ``CheckedRules``; its parts in
``check_state``, ``check_names``, ``check_types``, ``citations``, ``check_declarations``).

May import: ``model`` and the base modules.
"""

"""The library's resource limits: named settings with safe defaults, one place for all.

Every input the library reads (agreement documents, rule files, rule tests, inventories)
is bounded before it can cost unbounded time or memory, and every limit that trips raises
the library's own error (:class:`~kerjasama_rules.errors.KerjasamaError` subclasses) with
the code ``limit.<name>``, the limit's name, its value and the place. ``docs/reliability.md``
lists them with their defaults.

The defaults are generous for real agreements and rule sets (the bundled rules nest at
most 13 levels deep, the largest bundled rule file is under 10 KB, a real agreement has a
handful of partners). A caller with larger needs changes a value through :func:`configure`
(process-wide; not meant to change while other threads evaluate).
"""

from __future__ import annotations

import attrs

__all__ = ["Limits", "configure", "current", "limit_message"]


@attrs.frozen
class Limits:
    """The limits in force. Each attribute is one named limit.

    Attributes:
        max_input_bytes: size of one agreement document, rule test or inventory file.
        max_rule_file_bytes: size of one rule file (``.kr``).
        max_yaml_aliases: alias uses (``*anchor``) in one YAML document.
        max_yaml_nodes: nodes of one YAML document once its aliases are expanded.
        max_agreements_per_file: agreements in one document (a list of agreements).
        max_list_length: items of any one list in an agreement (partners, urusan, ...).
        max_string_length: characters of any one text value in an agreement.
        max_integer_digits: digits of any one integer in an agreement.
        max_expression_depth: nesting of the syntax of one rule file (each `atau`/`dan`
            of a chain, each `tidak`, each bracket and call adds a level).
        max_expanded_depth: nesting of an expression with the definitions it uses
            expanded in place (a chain of definitions, each using the next).
        max_rules: rules in one rule set.
        max_definitions: definitions, determinations and tables in one rule set.
        max_rule_tests: cases in one rule-test file.
        max_solver_queries: questions one ``kerjasama analyze`` run asks the solver (its
            checks compare rules pairwise; the bundled rules need about 2,000).
        max_directory_entries: files and folders one directory walk may visit (rule,
            agreement and inventory directories).
        max_evaluation_work: steps of the evaluation of one agreement (its report, or
            one explanation): each item of a list a quantifier goes through is a step
            (the whole list counts when the quantifier starts, whether or not it stops
            early). Quantifiers nested over long lists multiply: without this bound,
            three nested over 5,000 partners would take 125 billion steps.
        min_date_year: the earliest year of a date in an agreement.
        max_date_year: the latest year of a date in an agreement (deadlines computed
            from it, years of working days later, must stay inside the calendar).
    """

    max_input_bytes: int = 4 * 1024 * 1024
    max_rule_file_bytes: int = 1024 * 1024
    max_yaml_aliases: int = 1000
    max_yaml_nodes: int = 200_000
    max_agreements_per_file: int = 1000
    max_list_length: int = 10_000
    max_string_length: int = 100_000
    max_integer_digits: int = 30
    max_expression_depth: int = 64
    max_expanded_depth: int = 100
    max_rules: int = 10_000
    max_definitions: int = 10_000
    max_rule_tests: int = 10_000
    max_evaluation_work: int = 2_000_000
    max_directory_entries: int = 100_000
    max_solver_queries: int = 10_000
    min_date_year: int = 1900
    max_date_year: int = 2199


_CURRENT: list[Limits] = [Limits()]


def current() -> Limits:
    """The limits in force."""
    return _CURRENT[0]


def configure(**changes: int) -> Limits:
    """Change some limits for this process; returns the previous limits (to restore them).

    Raises:
        TypeError: an unknown limit name (attrs' own error).
        ValueError: a value that is not a positive integer.
    """
    for name, value in changes.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            msg = f"the limit `{name}` must be a positive integer, not {value!r}"
            raise ValueError(msg)
    previous = _CURRENT[0]
    _CURRENT[0] = attrs.evolve(previous, **changes)
    return previous


def limit_message(name: str, what: str) -> str:
    """The message of a tripped limit: what exceeded it, and the limit's name and value."""
    return f"{what}: over the limit `{name}` = {getattr(current(), name)}"

"""One error root for the whole library, and the diagnostics every error carries.

Every stage raises a subclass of :class:`KerjasamaError` and nothing else on bad
input: :class:`RuleSyntaxError` (parser), :class:`RuleCheckError` (checker),
:class:`AgreementError` (loader), :class:`EvaluationError` (evaluator internals),
:class:`ConfigurationError` (API misuse). Each carries a non-empty tuple of
:class:`Diagnostic` with a stable machine-matchable ``code`` such as
``check.unknown-field``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from .source import Span


@attrs.frozen
class Diagnostic:
    """One problem found in a rule file or an agreement.

    Attributes:
        code: stable ``<stage>.<kebab-name>`` code, listed in ``docs/errors.md``.
        message: one fact, lowercase start, no trailing period.
        severity: ``error`` or ``warning``.
        span: where in a rule file, when the problem has a place in one.
        path: where in an agreement document (``$.mitra[0].negara``), for data errors.
        help: how to fix it, when we know.
        file: the file name when there is no span (agreement files).
        args: the values filled into the message and help templates of ``code``
            (``(("field", "mitra_negra"), ...)``), from which ``i18n`` renders the
            diagnostic in Indonesian; ignored in equality.
    """

    code: str
    message: str
    severity: str = "error"
    span: Span | None = attrs.field(default=None, eq=False)
    path: str | None = None
    help: str | None = None
    file: str | None = None
    args: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False, repr=False)

    def sort_key(self) -> tuple[str, int, str]:
        """Order diagnostics by file, then position, then path."""
        if self.span is not None:
            return (self.span.source.name, self.span.start, "")
        return (self.file or "", 0, self.path or "")

    def location(self) -> str:
        """Where the problem is, as plain data: ``file:line:col``, ``file @ $.path``, or ``""``."""
        if self.span is not None:
            line, col = self.span.source.line_col(self.span.start)
            where = f"{self.span.source.name}:{line}:{col}"
            return f"{where} @ {self.path}" if self.path else where
        where = self.file or ""
        if self.path:
            where = f"{where} @ {self.path}" if where else self.path
        return where

    def __str__(self) -> str:
        # A one-line summary in English. The full form (source line, caret, help, either
        # language) is the output layer's job: ``output.render.render_diagnostic``.
        where = self.location()
        text = f"{self.severity}[{self.code}]: {self.message}"
        return f"{text} (at {where})" if where else text


class KerjasamaError(Exception):
    """Root of every error the library raises on bad input."""

    diagnostics: tuple[Diagnostic, ...]

    def __init__(self, diagnostics: Iterable[Diagnostic] | str) -> None:
        if isinstance(diagnostics, str):
            diagnostics = (Diagnostic(code=self.default_code, message=diagnostics),)
        diags = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        if not diags:
            diags = (Diagnostic(code=self.default_code, message="unspecified error"),)
        self.diagnostics = diags
        super().__init__("\n".join(str(d) for d in diags))

    default_code = "error"


class RuleSyntaxError(KerjasamaError):
    """A rule file could not be parsed."""

    default_code = "syntax.error"


class RuleCheckError(KerjasamaError):
    """A rule file parsed but is not well-typed or refers to unknown names."""

    default_code = "check.error"


class AgreementError(KerjasamaError):
    """An agreement document is malformed (unknown keys, wrong types, bad dates)."""

    default_code = "agreement.invalid"


class EvaluationError(KerjasamaError):
    """An internal failure while evaluating one rule; recorded as an ``error`` outcome."""

    default_code = "eval.error"


class ConfigurationError(KerjasamaError, ValueError):
    """The API or the CLI was called with options that do not make sense."""

    default_code = "config.invalid"


def bad_argument(function: str, name: str, expected: str, value: object) -> ConfigurationError:
    """The error for an API call with an argument of the wrong kind (``config.bad-argument``).

    Examples:
        >>> str(bad_argument("render_text", "report", "a Report", None))
        'error[config.bad-argument]: render_text(): `report` must be a Report, not NoneType'
    """
    msg = f"{function}(): `{name}` must be {expected}, not {type(value).__name__}"
    return ConfigurationError([Diagnostic(code="config.bad-argument", message=msg)])

"""Portfolio monitoring: a region's whole set of agreements as of a date, as plain data.

``portfolio.portfolio(rules, agreements, as_of=...)`` evaluates every agreement with
:meth:`RuleSet.evaluate` and gathers what an office monitors: verdicts by kind, what comes
due (with the rule that creates each date and the working days left), the timeline, where
the portfolio is thin (government affairs, partners), and the evaluation (*monev*) gaps.
It returns frozen attrs data and formats nothing: ``output.portfolio_html`` and the CLI
render it.

May import: ``engine``, ``language``, ``model`` and the base modules (not ``output``, nor
the sibling tool folders ``drafting``, ``testing``, ``analysis``).
"""

from .monitor import Deadline, Portfolio, agreement_end, portfolio

__all__ = ["Deadline", "Portfolio", "agreement_end", "portfolio"]

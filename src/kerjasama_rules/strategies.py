"""Hypothesis strategies for agreements: the public name of ``testing.strategies``.

Kept at this path because the docs and users' tests import ``kerjasama_rules.strategies``.
"""

from .testing.strategies import *  # noqa: F403
from .testing.strategies import __all__ as __all__

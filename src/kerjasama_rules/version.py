"""The library's version: one constant, for the package metadata, the facade and the cache key.

Read by hatchling at build time (``[tool.hatch.version]``), so that the installed
metadata and ``kerjasama_rules.__version__`` cannot disagree, and nothing needs
``importlib.metadata`` (a tenth of a cold start) to know the version.
"""

__version__ = "0.1.0"

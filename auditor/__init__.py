"""copy-auditor: a linter for the copy of coaches' and solo service providers' websites."""

__version__ = "0.2.0"

"""Exercise self-checks, one module per notebook. Each check returns a ``CheckResult``."""

from ._feedback import CheckResult

__all__ = ["CheckResult"]

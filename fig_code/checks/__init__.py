"""Exercise self-checks, one module per notebook. Each check returns a ``CheckResult``."""

from ._feedback import CheckResult
from .intro import check_inertia, check_new_point

__all__ = ["CheckResult", "check_inertia", "check_new_point"]

"""The basic checks: numbers, points, labels, random states (used by every area).

Every check raises ``ValueError`` with a message that says what was wrong and what is expected, so a
learner never sees a traceback from deep inside NumPy.
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(value) -> str:
    """What was passed, for the ``ValueError`` of an argument check: a shape, or type and repr."""
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"an array of shape {tuple(shape)}"
    return f"{type(value).__name__} {value!r}"[:80]


def describe(answer) -> str:
    """A short description of what a learner handed in, for the exercise checks' feedback.

    Kinder than :func:`_describe` to answers: a list is counted, not printed, and a NumPy scalar
    reads "float64 429.36", not "float64 np.float64(429.36)".
    """
    shape = getattr(answer, "shape", None)
    if shape is not None and shape != ():
        return f"an array of shape {tuple(shape)}"
    if isinstance(
        answer, (list, tuple)
    ):  # not its repr: [np.float64(429.36...), np.f... helps nobody
        n = len(answer)
        return f"a {type(answer).__name__} of {n} item{'' if n == 1 else 's'}"
    # str, not repr, for NumPy scalars: "float64 429.36", not "float64 np.float64(429.36)"
    text = str(answer) if isinstance(answer, (numbers.Number, np.generic)) else repr(answer)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(answer).__name__} {text}"


def as_float_array(answer) -> np.ndarray | None:
    """``answer`` as a float array, or None when it is not numeric at all (strings, dicts, ...)."""
    if isinstance(answer, (str, bytes, bool, np.bool_)):
        return None
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def check_choice(value, choices, *, name: str):
    """Return ``value`` if it is one of the strings ``choices``; the message lists them all."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_points(
    X,
    *,
    name: str = "X",
    n_features: int | None = None,
    min_samples: int = 1,
    rows: str | None = None,
) -> np.ndarray:
    """Return ``X`` as a finite 2-D float array of shape (n_samples, n_features).

    ``n_features`` demands an exact number of columns (2 for the plotting functions). ``rows`` names
    the rows in error messages; default "n_clusters" when ``name`` ends with "centers" (so a message
    says "centers must be a 2-D array of shape (n_clusters, 2)"), else "n_samples".
    """
    if rows is None:
        rows = "n_clusters" if name.endswith("centers") else "n_samples"
    try:
        arr = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a numeric 2-D array of shape ({rows}, n_features); got {_describe(X)}"
        ) from None
    want = f"({rows}, {'n_features' if n_features is None else n_features})"
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array of shape {want}; got shape {arr.shape}")
    if n_features is not None and arr.shape[1] != n_features:
        raise ValueError(
            f"{name} must be a 2-D array of shape {want} for this function; got shape {arr.shape}"
        )
    if arr.shape[0] < min_samples:
        raise ValueError(
            f"{name} must have at least {min_samples} sample(s); got shape {arr.shape}"
        )
    if arr.shape[1] < 1:
        raise ValueError(f"{name} must have at least one feature (column); got shape {arr.shape}")
    if not np.isfinite(arr).all():
        bad = int((~np.isfinite(arr)).sum())
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); every entry must be finite"
        )
    return arr


def _check_range(value, name: str, low, high) -> None:
    """Raise ValueError unless ``low <= value <= high`` (a bound that is None is not checked)."""
    if low is not None and value < low or high is not None and value > high:
        if high is None:
            rng = f"at least {low}"
        elif low is None:
            rng = f"at most {high}"
        else:
            rng = f"between {low} and {high}"
        raise ValueError(f"{name} must be {rng}; got {value}")


def is_real(x) -> bool:
    """A real number (Python or NumPy, e.g. ``np.float32``), not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def check_real(value, *, name: str, low: float | None = None, high: float | None = None) -> float:
    """Return ``value`` as a finite float, checking ``low <= value <= high`` (either bound optional)."""
    if not is_real(value) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite real number; got {_describe(value)}")
    value = float(value)
    _check_range(value, name, low, high)
    return value


def check_random_state(random_state, *, name: str = "random_state"):
    """scikit-learn's ``check_random_state``, with its error turned into this module's ``ValueError``.

    ``None``, an integer seed (not a bool) or a ``np.random.RandomState`` instance.
    """
    from sklearn.utils import check_random_state as sklearn_check_random_state

    wrong = f"{name} must be None, an integer seed or a np.random.RandomState"
    if isinstance(random_state, (bool, np.bool_)):
        raise ValueError(f"{wrong}; got {_describe(random_state)}")
    try:
        return sklearn_check_random_state(random_state)
    except (TypeError, ValueError):
        raise ValueError(f"{wrong}; got {_describe(random_state)}") from None


def check_int(value, *, name: str, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int, checking ``low <= value <= high`` (either bound optional)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer; got {_describe(value)}")
    value = int(value)
    _check_range(value, name, low, high)
    return value


def check_n_clusters(n_clusters, n_samples: int, *, name: str = "n_clusters") -> int:
    """``n_clusters`` must be an integer with 1 <= n_clusters <= n_samples."""
    if isinstance(n_clusters, bool) or not isinstance(n_clusters, numbers.Integral):
        raise ValueError(
            f"{name} must be an integer between 1 and n_samples; got {_describe(n_clusters)}"
        )
    if not 1 <= n_clusters <= n_samples:
        raise ValueError(
            f"{name} must be between 1 and the number of samples ({n_samples}); got {int(n_clusters)}"
        )
    return int(n_clusters)


def check_labels(labels, *, name: str = "labels", n_samples: int | None = None) -> np.ndarray:
    """Return ``labels`` as a 1-D integer array (optionally of length ``n_samples``)."""
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of integer labels; got shape {arr.shape}")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        if (
            np.issubdtype(arr.dtype, np.floating)
            and np.isfinite(arr).all()
            and (arr == np.round(arr)).all()
        ):
            arr = arr.astype(int)
        else:
            raise ValueError(f"{name} must hold integer labels; got dtype {arr.dtype}")
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(f"{name} must have one entry per sample ({n_samples}); got {arr.shape[0]}")
    return arr

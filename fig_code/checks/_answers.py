"""Shared plumbing for the exercise self-checks: squared distances and turning a learner's answer into a value.

Nothing here is shown to learners; the public checks live in one module per notebook.
"""

from __future__ import annotations

import numbers

import numpy as np


def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Squared Euclidean distance from every row of ``X`` to every centre: shape (n_samples, n_clusters)."""
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def describe(answer) -> str:
    """A short description of what the learner handed in, for feedback messages."""
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


def as_index(answer) -> int | None:
    """``answer`` as an integer index when it is one (an int, a whole float, or a 1-element array)."""
    if isinstance(answer, (bool, np.bool_)):
        return None
    if isinstance(answer, numbers.Integral):
        return int(answer)
    arr = as_float_array(answer)
    if arr is None or arr.size != 1:
        return None
    value = float(arr.reshape(-1)[0])
    if not np.isfinite(value) or value != round(value):
        return None
    return int(round(value))

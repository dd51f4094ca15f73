"""Shared plumbing for the exercise self-checks: squared distances and turning a learner's answer into a value.

Nothing here is shown to learners; the public checks live in one module per notebook.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_float_array, describe  # noqa: F401  (re-exported for the checks)


def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Squared Euclidean distance from every row of ``X`` to every centre: shape (n_samples, n_clusters)."""
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


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

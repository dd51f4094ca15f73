"""Argument checks for the at-scale helpers (``fig_code.scale``, ``fig_code.scale_plots`` and
``fig_code.checks.scale``).

The data may be memory-mapped files larger than memory, so these checks look at shapes and dtypes
only and never read the rows. Each raises ``ValueError`` with a message a learner can act on.
"""

from __future__ import annotations

import numpy as np

__all__ = ["check_centers", "check_positive_pairs", "check_rows"]


def check_rows(X, *, name: str = "X") -> None:
    """``X`` must be a 2-D numeric array (a memmap is fine: nothing is read here)."""
    shape = getattr(X, "shape", None)
    dtype = getattr(X, "dtype", None)
    if shape is None or dtype is None:
        raise ValueError(
            f"{name} must be a 2-D NumPy array of shape (n_samples, n_features), for example "
            f'np.load(path, mmap_mode="r"); got {type(X).__name__}'
        )
    if len(shape) != 2:
        raise ValueError(
            f"{name} must be a 2-D array of shape (n_samples, n_features); got shape {tuple(shape)}"
        )
    if not (np.issubdtype(dtype, np.floating) or np.issubdtype(dtype, np.integer)):
        raise ValueError(f"{name} must hold numbers; got dtype {dtype}")
    if shape[0] < 1 or shape[1] < 1:
        raise ValueError(f"{name} must have at least one row and one column; got shape {shape}")


def check_positive_pairs(sizes, seconds) -> tuple[np.ndarray, np.ndarray]:
    """Two 1-D float arrays of the same length (at least 2), finite and positive (for log axes)."""
    out = []
    for name, values in (("sizes", sizes), ("seconds", seconds)):
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a 1-D sequence of numbers; got {values!r}") from None
        if arr.ndim != 1 or arr.size < 2:
            raise ValueError(
                f"{name} must be a 1-D sequence of at least 2 numbers; got shape {arr.shape}"
            )
        if not (np.isfinite(arr).all() and (arr > 0).all()):
            raise ValueError(f"{name} must be finite and positive (log axes); got {arr.tolist()}")
        out.append(arr)
    x, y = out
    if x.shape != y.shape:
        raise ValueError(
            f"sizes and seconds must have the same length; got {x.size} and {y.size} values"
        )
    if len(np.unique(x)) < 2:
        raise ValueError("sizes must hold at least two different values to fit a slope")
    return x, y


def check_centers(centers, n_features: int) -> np.ndarray:
    """``centers`` as a finite float64 array of shape (n_clusters, n_features)."""
    try:
        arr = np.asarray(centers, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"centers must be a numeric array of shape (n_clusters, {n_features}); got "
            f"{type(centers).__name__}"
        ) from None
    if arr.ndim != 2 or arr.shape[1] != n_features or arr.shape[0] < 1:
        raise ValueError(
            f"centers must be a 2-D array of shape (n_clusters, {n_features}), one row per centre "
            f"with as many columns as X; got shape {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise ValueError("centers contains NaN or infinite values")
    return arr

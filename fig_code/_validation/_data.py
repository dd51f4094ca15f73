"""Checks for data at scale, initial centres, labels, digit images and exercise points."""

from __future__ import annotations

import numbers
from collections.abc import Sequence, Sized

import numpy as np

from ._basic import as_float_array, check_n_clusters, check_points, describe, is_real

# --- data at scale (scale, scale_plots, checks.scale) ------------------------------------------------
# The data may be memory-mapped files larger than memory, so ``check_rows`` looks at the shape and dtype
# only and never reads the rows.


def check_rows(X, *, name: str = "X", n_features: int | None = None) -> None:
    """``X`` must be a 2-D numeric array (a memmap is fine: nothing is read here).

    ``n_features`` demands an exact number of columns (2 for the plots).
    """
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
    if n_features is not None and shape[1] != n_features:
        raise ValueError(
            f"{name} must be a 2-D array of shape (n_samples, {n_features}) for this plot; "
            f"got shape {shape}"
        )


def check_finite_rows(X, *, name: str = "X") -> np.ndarray:
    """``X`` (checked by ``check_rows``) read into memory as a finite float64 array."""
    check_rows(X, name=name)
    arr = np.asarray(X, dtype=np.float64)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values; every entry must be finite")
    return arr


def check_positive(value, *, name: str) -> float:
    """``value`` as a float: a finite real number (not a bool) greater than 0."""
    if not is_real(value) or not np.isfinite(value) or not value > 0:
        raise ValueError(f"{name} must be a positive number; got {value!r}")
    return float(value)


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


def check_parallel_seeds(seeds, *, n_features: int = 2):
    """``seeds`` must be what ``kmeans_parallel_seeds`` returned, computed on ``n_features`` columns."""
    # imported here, not at the top: fig_code.scale imports this module
    from ..scale import KMeansParallelSeeds

    if not isinstance(seeds, KMeansParallelSeeds):
        raise ValueError(
            "seeds must be what fig_code.kmeans_parallel_seeds returned; got "
            f"{type(seeds).__name__}"
        )
    if seeds.candidates.shape[1] != n_features:
        raise ValueError(
            f"seeds were computed on data with more than {n_features} features; pass those "
            f"{n_features}-D X"
        )
    return seeds


# --- initial centres (kmeans) -------------------------------------------------------------------------


def check_init_centers(init, X: np.ndarray, *, n_clusters: int | None = None) -> np.ndarray:
    """``init`` as a finite float array of shape (n_clusters, n_features) matching ``X`` (a copy)."""
    n_samples, n_features = X.shape
    try:
        centers = np.array(init, dtype=float)  # a copy: the caller's array is never changed
    except (TypeError, ValueError):
        raise ValueError(
            "init must be an array of initial centres of shape (n_clusters, n_features) "
            f"= (k, {n_features}); got {type(init).__name__}"
        ) from None
    k = n_clusters if n_clusters is not None else "k"
    if centers.ndim != 2 or centers.shape[1] != n_features:
        raise ValueError(
            f"init must have shape (n_clusters, n_features) = ({k}, {n_features}), one row per "
            f"centre with as many columns as X; got shape {centers.shape}"
        )
    if n_clusters is not None and centers.shape[0] != n_clusters:
        raise ValueError(
            f"init has {centers.shape[0]} centre(s) but n_clusters is {n_clusters}; "
            f"give init of shape ({n_clusters}, {n_features}) or set n_clusters={centers.shape[0]}"
        )
    check_n_clusters(centers.shape[0], n_samples, name="the number of centres in init")
    if not np.isfinite(centers).all():
        raise ValueError("init contains NaN or infinite values; every centre must be finite")
    return centers


def check_init(init, X: np.ndarray, *, n_clusters: int | None = None, methods=()):
    """A name from ``methods`` (returned as is) or initial centres (see ``check_init_centers``).

    With no ``methods`` (``lloyd``), a name is refused with a pointer to where names are taken.
    """
    if isinstance(init, str):
        if not methods:
            raise ValueError(
                f"lloyd needs the initial centres as an array of shape (k, {X.shape[1]}); got the "
                f"string {init!r}. For a named method use kmeans_steps(X, k, init={init!r}) or "
                "sklearn.cluster.kmeans_plusplus"
            )
        if init not in methods:
            names = ", ".join(repr(m) for m in methods)
            raise ValueError(
                f"init must be {names} or an array of shape ({n_clusters}, {X.shape[1]}); "
                f"got {init!r}"
            )
        return init
    return check_init_centers(init, X, n_clusters=n_clusters)


# --- class and cluster labels (labels, checks.digits) -------------------------------------------------


def check_label_vector(labels, *, name: str) -> np.ndarray:
    """``labels`` as a 1-D array of sortable, hashable labels (integers, strings, ...).

    Whole floats become integers (``1.0`` names the same class as ``1``); non-whole or missing numbers
    are refused, since a label is a name and ``0.5`` is far more often the data passed by mistake.
    """
    if isinstance(labels, (list, tuple)) and labels:
        kinds = {type(v) for v in labels}
        if len(kinds) > 1 and any(issubclass(t, (str, bytes)) for t in kinds):
            names = ", ".join(sorted(t.__name__ for t in kinds))
            raise ValueError(
                f"{name} mixes strings with other kinds of labels ({names}): use one kind of label, "
                "e.g. all integers or all strings"
            )
    try:
        arr = np.asarray(labels)
    except ValueError:  # NumPy's "inhomogeneous shape": nested sequences of different lengths
        raise ValueError(
            f"{name} must be a 1-D array of labels, one per sample (integers or strings); got a "
            f"{type(labels).__name__} of sequences of different lengths"
        ) from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of labels, one per sample (integers or strings); "
            f"got shape {arr.shape}"
        )
    kind = arr.dtype.kind
    if kind == "f":
        if not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            bad = arr[~(np.isfinite(arr) & (arr == np.round(arr)))][0]
            raise ValueError(
                f"{name} must hold labels (integers or strings, one per sample); got dtype "
                f"{arr.dtype} with values such as {bad}. A label names a group: did you pass the "
                "data or a score instead of the labels?"
            )
        return arr.astype(int)
    if kind in "cV":
        raise ValueError(
            f"{name} must hold labels (integers or strings, one per sample); got dtype {arr.dtype}"
        )
    if kind == "O":
        try:
            np.unique(arr)
            {hash(v) for v in arr[:1]}
        except TypeError:
            kinds = ", ".join(sorted({type(v).__name__ for v in arr.tolist()}))
            raise ValueError(
                f"{name} must hold labels of one kind that can be sorted and hashed (all integers or "
                f"all strings, say); got {kinds}"
            ) from None
    return arr


def check_label_pair(clusters, y_true) -> tuple[np.ndarray, np.ndarray]:
    """``clusters`` and ``y_true`` checked by ``check_label_vector``, of the same non-zero length."""
    clusters = check_label_vector(clusters, name="clusters")
    y_true = check_label_vector(y_true, name="y_true")
    if clusters.shape[0] != y_true.shape[0]:
        raise ValueError(
            "clusters and y_true must have the same length (one cluster number and one true class per "
            f"sample); got {clusters.shape[0]} cluster labels and {y_true.shape[0]} true labels"
        )
    if clusters.shape[0] == 0:
        raise ValueError("clusters and y_true are empty: pass at least one labelled sample")
    return clusters, y_true


# --- digit images and points to check (digits_plots, checks.intro) -----------------------------------


def check_images(images, shape) -> tuple[np.ndarray, tuple[int, int]]:
    """``images`` (one flattened image per row) and ``shape`` (height, width), checked together."""
    images = check_points(images, name="images")
    if not (
        isinstance(shape, Sequence)
        and len(shape) == 2
        and all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) and s > 0 for s in shape
        )
    ):
        raise ValueError(
            f"shape must be a pair of positive integers (height, width); got {shape!r}"
        )
    height, width = (int(s) for s in shape)
    if images.shape[1] != height * width:
        raise ValueError(
            f"images must have height * width = {height * width} columns (one flattened "
            f"{height} x {width} image per row); got shape {images.shape}"
        )
    return images, (height, width)


def check_titles(titles, n: int) -> list | None:
    """``titles`` as a list of ``n`` titles (None stays None)."""
    if titles is None:
        return None
    try:
        titles = list(titles)
    except TypeError:  # not iterable: a number, True
        raise ValueError(
            f"titles must be a sequence of titles, one per image ({n}); got {titles!r}"
        ) from None
    if len(titles) != n:
        raise ValueError(f"titles must give one title per image ({n}); got {len(titles)}")
    return titles


def check_axes_grid(axes, n: int) -> np.ndarray:
    """``axes`` flattened to a 1-D object array of at least ``n`` matplotlib Axes."""
    from matplotlib.axes import Axes

    axes = np.asarray(axes, dtype=object).ravel()
    if axes.size < n:
        raise ValueError(f"axes must hold at least one Axes per image ({n}); got {axes.size}")
    bad = [type(a).__name__ for a in axes if not isinstance(a, Axes)]
    if bad:
        raise ValueError(
            f"axes must hold matplotlib Axes (e.g. from plt.subplots(2, 5)); got a {bad[0]}"
        )
    return axes


def check_named_centers(centers, center_names):
    """Optional 2-D ``centers`` (n_clusters, 2) and their ``center_names``, one per centre (or both None)."""
    if centers is None:
        if center_names is not None:
            raise ValueError("center_names needs centers: pass the positions where the names go")
        return None, None
    centers = check_points(centers, name="centers", n_features=2)
    if center_names is not None and not _sized(center_names):
        raise ValueError(
            f"center_names must be a sequence of names, one per centre ({centers.shape[0]}); got "
            f"{center_names!r}"
        )
    if center_names is None or len(center_names) != centers.shape[0]:
        got = "none" if center_names is None else len(center_names)
        raise ValueError(
            f"center_names must give one name per centre ({centers.shape[0]}); got {got}"
        )
    return centers, center_names


def _sized(value) -> bool:
    """A sequence with a length (not a number, not a 0-D array)."""
    return isinstance(value, Sized) and getattr(value, "ndim", 1) == 1


def check_callable(func, *, name: str = "func", example: str = "measure(model.fit, X)"):
    """Return ``func`` if it can be called; the message shows an ``example`` call."""
    if not callable(func):
        raise ValueError(
            f"{name} must be a function to call, e.g. {example}; got {type(func).__name__}"
        )
    return func


def check_point(point, *, name: str = "point") -> np.ndarray:
    """One point, of shape (n_features,) or (1, n_features), as a finite array of shape (1, n_features)."""
    arr = as_float_array(point)
    if arr is None or arr.ndim not in (1, 2) or arr.ndim == 2 and arr.shape[0] != 1:
        raise ValueError(
            f"{name} must be one point: an array of shape (n_features,) or (1, n_features); "
            f"got {describe(point)}"
        )
    return check_points(arr.reshape(1, -1), name=name)
